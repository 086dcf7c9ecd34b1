/**
 * Commune colours of the accessibility map: time bands (fixed) or 2SFCA score classes
 * (quantiles of the baseline, so that baseline and scenario maps share one scale).
 */
import { classColors, classify } from '../../indicators/classify';
import { formatNumber } from '../../indicators/format';
import type { IndicatorValue } from '../../indicators/types';
import type { AccessRun, Communes } from '../compute';

/** Map value for "no site in the land group". */
export const NO_SITE = 1e6;
const TIME_BREAKS = [10, 20, 30, 45, NO_SITE];
const TIME_COLORS = [...classColors(5), '#b34000'];
const TIME_LABELS = ['moins de 10 min', '10 à 20 min', '20 à 30 min', '30 à 45 min', 'plus de 45 min', 'aucun site (même territoire terrestre)'];

export interface LegendItem {
	color: string;
	label: string;
	count: number;
	hatch?: boolean;
}

export interface MapState {
	values: Map<string, IndicatorValue>;
	breaks: number[];
	colors: string[];
	items: LegendItem[];
	/** Written by MapView to data-indicator once painted. */
	id: string;
}

const value = (c: Communes, i: number, v: number | null): IndicatorValue => ({ code: c.code[i]!, name: c.name[i]!, value: v, numerator: null, denominator: null });

export function timeMap(c: Communes, run: AccessRun, id: string): MapState {
	const values = new Map<string, IndicatorValue>();
	const counts = new Array<number>(6).fill(0);
	let na = 0;
	for (let i = 0; i < c.code.length; i++) {
		const t = run.minutes[i]!;
		const v = Number.isNaN(t) ? null : Number.isFinite(t) ? t : NO_SITE;
		values.set(c.code[i]!, value(c, i, v));
		if (v === null) na++;
		else counts[v >= NO_SITE ? 5 : v >= 45 ? 4 : v >= 30 ? 3 : v >= 20 ? 2 : v >= 10 ? 1 : 0]!++;
	}
	const items: LegendItem[] = TIME_LABELS.map((label, k) => ({ color: TIME_COLORS[k]!, label, count: counts[k]! }));
	if (na) items.push({ color: '', label: 'Position inconnue', count: na, hatch: true });
	return { values, breaks: TIME_BREAKS, colors: TIME_COLORS, items, id };
}

/** `reference`: scores the classes are cut on (the baseline's). */
export function scoreMap(c: Communes, access: Float64Array, reference: Float64Array, id: string): MapState {
	const values = new Map<string, IndicatorValue>();
	for (let i = 0; i < c.code.length; i++) {
		const a = access[i]!;
		values.set(c.code[i]!, value(c, i, Number.isFinite(a) ? a : null));
	}
	const cl = classify(Array.from(reference.filter((a) => a > 0)), 'quantile', 4);
	const breaks = [1e-9, ...cl.breaks];
	const colors = ['#b34000', ...classColors(breaks.length)];
	const counts = new Array<number>(colors.length).fill(0);
	for (const v of values.values()) {
		if (v.value === null) continue;
		let k = 0;
		while (k < breaks.length && v.value >= breaks[k]!) k++;
		counts[k]!++;
	}
	const edges = [0, ...cl.breaks];
	const items = colors.map((color, k) => ({
		color,
		count: counts[k]!,
		label:
			k === 0
				? 'aucune offre accessible (0)'
				: k === colors.length - 1
					? `${formatNumber(edges[k - 1]!, 1)} et plus`
					: k === 1
						? `plus de 0 à moins de ${formatNumber(edges[k]!, 1)}`
						: `de ${formatNumber(edges[k - 1]!, 1)} à moins de ${formatNumber(edges[k]!, 1)}`
	}));
	return { values, breaks, colors, items, id };
}
