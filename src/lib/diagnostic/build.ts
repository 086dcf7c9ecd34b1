/**
 * Assembles a diagnostic: for each PTSM priority, the catalogue's indicators with the
 * territory's value, France / région / département references computed from the same data
 * (referencesFor), published references, and for rates the ratio and the gap to France in the
 * indicator's own units (gap.ts). Pure: takes a database handle, no DOM.
 */
import type { DatabaseLike } from '../db/query';
import { query } from '../db/query';
import { ensureTerritoryTable } from '../geo/territories';
import { INDICATORS } from '../indicators/catalogue';
import { computeGaps, type GapRow } from '../indicators/gap';
import { referencesFor, type Reference } from '../indicators/references';
import { isEstimated, levelsOf } from '../indicators/sql';
import type { IndicatorDef } from '../indicators/types';
import { diagnosticEvolution, territoryValue, type RowEvolution } from './evolution';
import { PRIORITIES, type PriorityInfo } from './priorities';
import { isApproximation, sqlOptions, type DiagnosticTarget } from './target';

export interface DiagnosticRow {
	def: IndicatorDef;
	/** false when the indicator cannot be computed for this kind of territory. */
	available: boolean;
	/** French, when `available` is false. */
	reason: string | null;
	value: number | null;
	numerator: number | null;
	denominator: number | null;
	/** The denominator is estimated at this level (age structure of the département). */
	estimated: boolean;
	france: Reference | null;
	region: Reference | null;
	departement: Reference | null;
	atlas: Reference | null;
	published: Reference[];
	/** Ratio, gap in units and class against France; null for counts or without a value. */
	gap: GapRow | null;
	/** 2022 → 2023 from the catalogue's evolution indicator, or why there is none. */
	evolution: RowEvolution;
}

export interface DiagnosticSection {
	priority: PriorityInfo;
	rows: DiagnosticRow[];
}

/** Stock indicators: the diagnostic states levels; changes are the comparison page's job. */
export const DIAGNOSTIC_INDICATORS: IndicatorDef[] = INDICATORS.filter((d) => d.kind !== 'evolution');

const LEVEL_NAMES: Record<string, string> = { commune: 'commune', epci: 'EPCI', departement: 'département', region: 'région', france: 'France' };

/** Counts (no denominator) are not compared with France: a count has no national equivalent. */
export const isRate = (def: IndicatorDef) => def.denominator !== null && def.base !== null && def.base !== undefined;

/** Indicators of one priority, in catalogue order. */
export function indicatorsOf(priority: PriorityInfo['n'], defs: readonly IndicatorDef[] = DIAGNOSTIC_INDICATORS): IndicatorDef[] {
	return defs.filter((d) => d.priority === priority);
}

/** Display name of the territory; null when it does not exist in the data. */
export async function territoryName(db: DatabaseLike, t: DiagnosticTarget): Promise<string | null> {
	if (t.level === 'departement') {
		const [r] = await query<{ name: string }>(db, 'SELECT name FROM departements WHERE code = $1', [t.code]);
		return r ? `${r.name} (${t.code})` : null;
	}
	if (t.level === 'region') {
		const [r] = await query<{ name: string }>(db, 'SELECT name FROM regions WHERE code = $1', [t.code]);
		return r ? `Région ${r.name}` : null;
	}
	// A link may name a set before any set was ever registered in this browser.
	await ensureTerritoryTable(db);
	const o = sqlOptions(t);
	const [r] = await query<{ name: string | null }>(
		db,
		'SELECT any_value(territory_name) AS name FROM territory_members WHERE set_id = $1 AND territory = $2 AND kind = $3 GROUP BY territory',
		[o.setId, t.code, o.kinds![0]]
	);
	if (!r) return null;
	const name = r.name ?? t.code;
	if (t.level === 'custom') return name;
	if (isApproximation(t)) return `Zone approchée « ${name} » (${t.kind === 'I' ? 'infanto-juvénile' : 'psychiatrie générale'}, pas un secteur officiel)`;
	return `${name} (secteur ${t.kind === 'I' ? 'infanto-juvénile' : 'de psychiatrie générale'})`;
}

export async function diagnosticRow(db: DatabaseLike, def: IndicatorDef, t: DiagnosticTarget): Promise<DiagnosticRow> {
	const o = sqlOptions(t);
	const refs = await referencesFor(db, def, t.level, t.code, { setId: o.setId });
	const pick = (k: Reference['kind']) => refs.find((r) => r.kind === k) ?? null;
	const available = levelsOf(def).includes(t.level);
	const v = available ? await territoryValue(db, def, t) : null;
	const france = pick('france');
	let gap: GapRow | null = null;
	if (v && isRate(def) && v.value !== null && france?.value) {
		gap = computeGaps([{ ...v, code: t.code }], def, { value: france.value, label: 'France' })[0] ?? null;
	}
	return {
		def,
		available,
		reason: available ? null : `Non calculable pour ce territoire : publié au niveau ${def.levels.map((l) => LEVEL_NAMES[l] ?? l).join(', ')} seulement.`,
		value: v?.value ?? null,
		numerator: v?.numerator ?? null,
		denominator: v?.denominator ?? null,
		estimated: available && isEstimated(def, t.level),
		france,
		region: pick('region'),
		departement: pick('departement'),
		atlas: pick('atlas'),
		published: refs.filter((r) => r.kind === 'published'),
		gap,
		evolution: await diagnosticEvolution(db, def, t, available)
	};
}

/** The six sections in the decree's order; a priority without indicator has no row. */
export async function buildDiagnostic(
	db: DatabaseLike,
	t: DiagnosticTarget,
	defs: readonly IndicatorDef[] = DIAGNOSTIC_INDICATORS,
	onProgress?: (done: number, total: number) => void
): Promise<DiagnosticSection[]> {
	const out: DiagnosticSection[] = [];
	let done = 0;
	for (const priority of PRIORITIES) {
		const rows: DiagnosticRow[] = [];
		for (const def of indicatorsOf(priority.n, defs)) {
			rows.push(await diagnosticRow(db, def, t));
			onProgress?.(++done, defs.length);
		}
		out.push({ priority, rows });
	}
	return out;
}

/**
 * Rows on the unfavourable side of France (classes 'marked' then 'unfavourable') by at least
 * `minUnits` whole units (a bed, a place, an ETP): a tiny territory is not flagged for a fraction
 * of a place. Furthest from France first, by ratio: units differ between indicators, so beds and
 * ETP cannot be ranked by their counts.
 */
export function attentionPoints(sections: readonly DiagnosticSection[], minUnits = 1): DiagnosticRow[] {
	const side = (r: DiagnosticRow) => (r.def.favourable === 'lower' ? 1 : -1);
	const rows = sections
		.flatMap((s) => s.rows)
		.filter((r) => r.gap && (r.gap.cls === 'marked' || r.gap.cls === 'unfavourable') && r.gap.gap !== null && side(r) * r.gap.gap >= minUnits);
	const order = (r: DiagnosticRow) => -side(r) * r.gap!.ratio!;
	return rows.sort((a, b) => order(a) - order(b));
}

/** Manifest source ids used by the indicators and the map, without repetition, in first-use order. */
export function sourceIds(defs: readonly IndicatorDef[], extra: readonly string[] = []): string[] {
	return [...new Set([...defs.flatMap((d) => d.sources), ...extra])];
}
