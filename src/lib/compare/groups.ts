/**
 * What the comparer compares: groups of indicators (an essential selection, themes, the six PTSM
 * priorities of décret 2017-1200) and the shape of its rows (one per indicator, one cell per territory).
 */
import { INDICATORS } from '../indicators/catalogue';
import type { IndicatorDef, PtsmPriority } from '../indicators/types';

export interface CompareCell {
	value: number | null;
	/** 2022 value and change when an evolution indicator exists */
	from?: number | null;
	change?: number | null;
	changePct?: number | null;
	/** French, when the value cannot be computed at this level */
	note?: string;
	estimated?: boolean;
}
export interface CompareRow {
	def: IndicatorDef;
	cells: CompareCell[];
	bench: number | null;
}

export const PRIORITY_LABEL: Record<PtsmPriority, string> = {
	1: 'Priorité 1 : repérage précoce, diagnostic et accès aux soins',
	2: 'Priorité 2 : parcours sans rupture',
	3: 'Priorité 3 : accès aux soins somatiques',
	4: 'Priorité 4 : crise et urgence',
	5: 'Priorité 5 : droits et lutte contre la stigmatisation',
	6: 'Priorité 6 : déterminants sociaux et territoriaux'
};
const ESSENTIAL = ['beds_adult_per100k', 'hdj_adult_per100k', 'cmp_adult_per100k', 'etp_psychiatrists_adult_per100k', 'beds_child_per100k', 'cmp_child_per100k', 'gp_practices_per10k'];
const saeDis = (d: IndicatorDef, dis: 'GEN' | 'INF') => d.measure?.table === 'sae_psy' && d.measure.disciplines.includes(dis);

export interface IndicatorGroup {
	id: string;
	label: string;
	items: IndicatorDef[];
}

export const COMPARE_GROUPS: IndicatorGroup[] = [
	{ id: 'essentiel', label: 'Sélection essentielle', items: ESSENTIAL.map((id) => INDICATORS.find((d) => d.id === id)).filter((d): d is IndicatorDef => !!d) },
	{ id: 'adultes', label: 'Thème : psychiatrie générale (adultes)', items: INDICATORS.filter((d) => saeDis(d, 'GEN')) },
	{ id: 'enfants', label: 'Thème : psychiatrie infanto-juvénile', items: INDICATORS.filter((d) => saeDis(d, 'INF')) },
	{ id: 'medicosocial', label: 'Thème : médico-social (estimations d’après l’Atlas)', items: INDICATORS.filter((d) => d.measure?.table === 'atlas_values') },
	{ id: 'finess', label: 'Thème : structures FINESS (sites et densités)', items: INDICATORS.filter((d) => d.measure?.table === 'finess_facilities') },
	...([1, 2, 3, 4, 5, 6] as PtsmPriority[]).map((p) => ({ id: `p${p}`, label: PRIORITY_LABEL[p], items: INDICATORS.filter((d) => d.priority === p) }))
].filter((g) => g.items.length > 0);

/** Id of the group of imported indicators. */
export const OWN_GROUP_ID = 'importes';

/** The groups with the imported indicators: each under its PTSM priority, and all in a group of their own. */
export function withOwnGroups(groups: readonly IndicatorGroup[], own: readonly IndicatorDef[]): IndicatorGroup[] {
	if (!own.length) return [...groups];
	const out = groups.map((g) => {
		const p = /^p([1-6])$/.exec(g.id);
		const mine = p ? own.filter((d) => d.priority === Number(p[1])) : [];
		return mine.length ? { ...g, items: [...g.items, ...mine] } : g;
	});
	for (const p of [1, 2, 3, 4, 5, 6] as PtsmPriority[])
		if (!out.some((g) => g.id === `p${p}`) && own.some((d) => d.priority === p)) out.push({ id: `p${p}`, label: PRIORITY_LABEL[p], items: own.filter((d) => d.priority === p) });
	return [...out, { id: OWN_GROUP_ID, label: 'Indicateurs importés (donnée importée)', items: [...own] }];
}
