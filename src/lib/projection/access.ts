/**
 * The projection's access view: estimated travel time from each commune to the nearest adult day
 * hospital (the accessibility page's baseline sites and nearest-site computation, default travel
 * assumptions), and the share of the population beyond 30 minutes. Times are estimates
 * (great-circle distance × detour factor, speed bands), never road times: the view says so.
 * Pure apart from the two functions passed in (query, nearest); no DOM.
 */
import { loadAccessData } from '../scenarios/access/load';
import { DEFAULT_TRAVEL } from '../geo/access/params';
import { populationBeyond, type BeyondStats } from '../geo/access/thresholds';
import type { NearestPayload, NearestResponse } from '../geo/access/worker';
import { formatInteger, formatPercent } from '../indicators/format';
import type { IndicatorDef, IndicatorValue } from '../indicators/types';

export const BEYOND_MINUTES = 30;

/** Described as an indicator so the legend and the map read it like the others; computed here, not in SQL. */
export const ACCESS_HDJ: IndicatorDef = {
	id: 'access_hdj_minutes',
	label: 'Temps d’accès estimé à l’hôpital de jour (adultes)',
	definition:
		'Temps estimé de la commune au site le plus proche offrant de l’hospitalisation de jour en psychiatrie générale (SAE 2023, sites hospitaliers FINESS).',
	unit: 'minutes (estimation)',
	scale: 1,
	numerator: 'Minutes estimées jusqu’au site le plus proche',
	denominator: null,
	sources: ['sae_psy', 'gisco_hospitals', 'cog'],
	priority: 1,
	favourable: 'lower',
	levels: ['commune'],
	proxy: 'Temps estimés : distance à vol d’oiseau × 1,3 et vitesses forfaitaires, pas des temps routiers.',
	base: null,
	vintage: 'SAE 2023 ; FINESS géolocalisé (GISCO, mars 2020) ; COG 2026'
};

type Query = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

export interface AccessFigures {
	/** minutes by commune code (null: no site in the commune's land group, or unlocated) */
	values: Map<string, IndicatorValue>;
	/** communes of the département, for the classes */
	depCommunes: Set<string>;
	dep: BeyondStats | null;
	france: BeyondStats | null;
}

export async function accessFigures(query: Query, nearest: (p: NearestPayload) => Promise<NearestResponse>, dep: string): Promise<AccessFigures> {
	const { communes, baseline } = await loadAccessData(query);
	const sites = baseline.filter((s) => s.kind === 'hdj');
	const r = await nearest({
		origins: { lon: communes.lon, lat: communes.lat, code: communes.code },
		sites: { id: sites.map((s) => s.id), lon: Float64Array.from(sites, (s) => s.lon), lat: Float64Array.from(sites, (s) => s.lat) },
		travel: DEFAULT_TRAVEL
	});
	const values = new Map<string, IndicatorValue>();
	const depCommunes = new Set<string>();
	communes.code.forEach((code, i) => {
		const m = r.minutes[i]!;
		values.set(code, { code, name: communes.name[i]!, value: Number.isFinite(m) ? m : null, numerator: null, denominator: null });
		if (communes.dep[i] === dep) depCommunes.add(code);
	});
	const byDep = populationBeyond(r.minutes, communes.pop, (i) => (communes.dep[i] === dep ? dep : 'autres'), [BEYOND_MINUTES]);
	const all = populationBeyond(r.minutes, communes.pop, () => 'FR', [BEYOND_MINUTES]);
	return { values, depCommunes, dep: byDep.get(dep) ?? null, france: all.get('FR') ?? null };
}

/** 'Creuse : 12,5 % des habitants (14 400) à plus de 30 minutes estimées d’un hôpital de jour ; France : 4,1 %.' */
export function accessSentence(place: string, dep: BeyondStats | null, france: BeyondStats | null): string {
	const share = dep?.shareBeyond[0];
	if (!dep || share === undefined || !Number.isFinite(share)) return `${place} : temps d’accès non disponible.`;
	const fr = france?.shareBeyond[0];
	const ref = fr !== undefined && Number.isFinite(fr) ? ` ; France : ${formatPercent(fr)}` : '';
	return `${place} : ${formatPercent(share)} des habitants (${formatInteger(dep.popBeyond[0]!)}) à plus de ${BEYOND_MINUTES}\u00a0minutes estimées d’un hôpital de jour${ref}.`;
}
