/**
 * Colours and bands of the gap classes, shared by the gap map, its table, the exports and the
 * PNG legend: a class where the indicator has a favourable side, else a ratio band (no judgement).
 */
import type { GapClass, GapRow } from './gap';
import type { IndicatorDef } from './types';

/** Colour-blind-safe diverging palette (ColorBrewer PuOr): orange = short of the reference, purple = above. */
export const GAP_COLORS: Record<GapClass, string> = {
	marked: '#b35806',
	unfavourable: '#fdb863',
	close: '#f7f7f7',
	favourable: '#8073ac',
	neutral: '#b8b8c8',
	na: '#e0e0e0'
};

export interface Band {
	key: string;
	label: string;
	color: string;
}
// No-break spaces keep a range and its % together when a class label wraps in a narrow table.
const NEUTRAL_BANDS: { max: number; key: string; label: string; color: string }[] = [
	{ max: 0.7, key: 'r1', label: 'moins de 70\u00a0% de la référence', color: '#b35806' },
	{ max: 0.9, key: 'r2', label: '70\u00a0à\u00a090\u00a0%', color: '#fdb863' },
	{ max: 1.1 + 1e-12, key: 'r3', label: '90\u00a0à\u00a0110\u00a0%', color: '#f7f7f7' },
	{ max: 1.3 + 1e-12, key: 'r4', label: '110\u00a0à\u00a0130\u00a0%', color: '#b2abd2' },
	{ max: Infinity, key: 'r5', label: 'plus de 130\u00a0%', color: '#542788' }
];
export const BAND_ORDER: Record<string, number> = { marked: 0, unfavourable: 1, close: 2, favourable: 3, r1: 0, r2: 1, r3: 2, r4: 3, r5: 4, neutral: 5, na: 9 };

/** Colour of a row: its class, or for indicators without a favourable side a ratio band (no judgement). */
export function bandOf(row: Pick<GapRow, 'cls' | 'clsLabel' | 'ratio'>, favourable: IndicatorDef['favourable']): Band {
	if (row.cls === 'na' || row.ratio === null) return { key: 'na', label: 'non disponible', color: GAP_COLORS.na };
	if (favourable !== 'neutral') return { key: row.cls, label: row.clsLabel, color: GAP_COLORS[row.cls] };
	const b = NEUTRAL_BANDS.find((x) => row.ratio! < x.max)!;
	return { key: b.key, label: b.label, color: b.color };
}

/** The class text a row shows on screen (table, export): the ratio band when no side is favourable. */
export function shownClass(row: Pick<GapRow, 'cls' | 'clsLabel' | 'ratio'>, favourable: IndicatorDef['favourable']): string {
	const b = bandOf(row, favourable);
	return favourable === 'neutral' && b.key !== 'na' ? b.label.replace(' de la référence', '') : row.clsLabel;
}

/** The map's legend: one entry per band present, with its number of territories, in band order. */
export function gapLegend(rows: GapRow[], favourable: IndicatorDef['favourable']): (Band & { n: number })[] {
	const m = new Map<string, Band & { n: number }>();
	for (const r of rows) {
		const b = bandOf(r, favourable);
		const e = m.get(b.key);
		if (e) e.n++;
		else m.set(b.key, { ...b, n: 1 });
	}
	return [...m.values()].sort((a, b) => (BAND_ORDER[a.key] ?? 5) - (BAND_ORDER[b.key] ?? 5));
}
