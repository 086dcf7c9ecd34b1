/** Per-territory tables of the accessibility page: population beyond thresholds, and deltas. */
import { formatInteger, formatNumber, formatPercent } from '../indicators/format';
import type { AccessRun, Communes, TerritorySummary } from './compute';

export interface BeyondRow {
	code: string;
	name: string;
	pop: number;
	beyond: number[];
	/** Population with no site in its land group. */
	none: number;
}

/** Population beyond each threshold by territory (`keys[i]`: territory of commune i), sorted by code. */
export function beyondByTerritory(c: Communes, run: AccessRun, keys: readonly string[], names: ReadonlyMap<string, string>, thresholds: readonly number[]): BeyondRow[] {
	const acc = new Map<string, { pop: number; beyond: number[]; none: number }>();
	for (let i = 0; i < c.code.length; i++) {
		const p = c.pop[i]!;
		const t = run.minutes[i]!;
		if (!(p > 0) || Number.isNaN(t)) continue;
		let r = acc.get(keys[i]!);
		if (!r) acc.set(keys[i]!, (r = { pop: 0, beyond: thresholds.map(() => 0), none: 0 }));
		r.pop += p;
		if (t === Infinity) r.none += p;
		for (let k = 0; k < thresholds.length; k++) if (t > thresholds[k]!) r.beyond[k]! += p;
	}
	return [...acc].map(([code, r]) => ({ code, name: names.get(code) ?? code, ...r })).sort((a, b) => (a.code < b.code ? -1 : 1));
}

export interface DeltaRow {
	label: string;
	base: number;
	scen: number;
	fmt: (v: number) => string;
	/** format of the change when it differs from the values' (e.g. percentage points) */
	fmtDelta?: (v: number) => string;
	better: 'lower' | 'higher';
}

/** Rows of the baseline → scenario table for one territory. */
export function deltaRows(b: TerritorySummary, s: TerritorySummary, thresholds: readonly number[], unitPlural: string, withScore: boolean): DeltaRow[] {
	const int = (v: number) => formatInteger(v);
	const k30 = thresholds.indexOf(30);
	const rows: DeltaRow[] = [
		...thresholds.map((t, k) => ({ label: `Population à plus de ${t} min`, base: b.beyond[k]!, scen: s.beyond[k]!, fmt: int, better: 'lower' as const })),
		...(k30 >= 0
			? [{ label: 'Part de la population à plus de 30 min', base: b.pop ? b.beyond[k30]! / b.pop : NaN, scen: s.pop ? s.beyond[k30]! / s.pop : NaN, fmt: (v: number) => formatPercent(v), fmtDelta: (v: number) => `${formatNumber(v * 100, 1)}\u00a0pt`, better: 'lower' as const }]
			: []),
		{ label: 'Temps moyen au site le plus proche (min)', base: b.meanMinutes, scen: s.meanMinutes, fmt: (v: number) => formatNumber(v, 1), better: 'lower' },
		{ label: 'Sites dans le département', base: b.sites, scen: s.sites, fmt: int, better: 'higher' },
		{ label: `${unitPlural[0]!.toUpperCase()}${unitPlural.slice(1)} pour 100 000 habitants`, base: b.capacityPer100k, scen: s.capacityPer100k, fmt: (v: number) => formatNumber(v, 0), better: 'higher' }
	];
	if (withScore) rows.push({ label: 'Score 2SFCA moyen (pour 100 000)', base: b.meanAccess, scen: s.meanAccess, fmt: (v: number) => formatNumber(v, 1), better: 'higher' });
	return rows;
}

export type { AccessRun };
