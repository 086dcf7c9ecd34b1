/**
 * Choropleth classification: pure functions, no DOM.
 *
 * A classification is a sorted list of `breaks` (upper-exclusive thresholds between classes):
 * class i holds values in [breaks[i-1], breaks[i]), the last class is closed at the maximum.
 * `breaks.length + 1` classes, fewer than requested when values tie. Nulls never enter a class.
 */
import { quantileSorted } from 'd3';
import { schemeYlGnBu } from 'd3-scale-chromatic';

export type ClassMethod = 'quantile' | 'jenks';

export interface Classification {
	method: ClassMethod;
	/** Thresholds between classes, strictly increasing; classes = breaks.length + 1 (0 when no value). */
	breaks: number[];
	min: number;
	max: number;
	/** Number of territories per class. */
	counts: number[];
	/** Smallest and largest value actually in each class (for legend labels). */
	extents: { lo: number; hi: number }[];
	/** Territories without a value. */
	nulls: number;
}

export const CLASS_METHODS: { id: ClassMethod; label: string; rule: string }[] = [
	{
		id: 'quantile',
		label: 'Quantiles',
		rule: 'Quantiles : chaque classe regroupe à peu près le même nombre de territoires ; une valeur minimale très répétée (souvent 0) forme sa propre classe.'
	},
	{
		id: 'jenks',
		label: 'Seuils naturels (Jenks)',
		rule: 'Seuils naturels (Jenks) : les classes minimisent l’écart des valeurs à la moyenne de leur classe.'
	}
];

function finiteSorted(values: Iterable<number | null | undefined>): number[] {
	const out: number[] = [];
	for (const v of values) if (typeof v === 'number' && Number.isFinite(v)) out.push(v);
	return out.sort((a, b) => a - b);
}

/** Keeps thresholds strictly inside (min, max] and strictly increasing, so no class is empty by construction. */
function cleanBreaks(breaks: number[], min: number): number[] {
	const out: number[] = [];
	for (const b of breaks) {
		if (!(b > min)) continue;
		if (out.length && b <= out[out.length - 1]!) continue;
		out.push(b);
	}
	return out;
}

/**
 * Quantile thresholds (d3 R-7 quantiles) for k classes. Ties collapse classes; when the minimum
 * fills more than one class (communes without any bed: value 0), it gets a class of its own and
 * the other values are split into k − 1 quantile classes, instead of one class holding everything.
 */
export function quantileBreaks(values: Iterable<number | null | undefined>, k = 5): number[] {
	const sorted = finiteSorted(values);
	if (sorted.length < 2 || k < 2) return [];
	const min = sorted[0]!;
	const firstAbove = sorted.findIndex((v) => v > min);
	if (firstAbove === -1) return [];
	if (k > 2 && firstAbove >= sorted.length / k) {
		const rest = sorted.slice(firstAbove);
		return cleanBreaks([rest[0]!, ...quantileBreaks(rest, k - 1)], min);
	}
	const raw: number[] = [];
	for (let i = 1; i < k; i++) raw.push(quantileSorted(sorted, i / k) as number);
	return cleanBreaks(raw, min);
}

/** Above this many values Jenks runs on evenly spaced order statistics (O(k·n²) otherwise). */
const JENKS_SAMPLE = 1000;

/**
 * Fisher–Jenks natural breaks (optimal 1-D partition minimising within-class sum of squares).
 * Returns the lower bound of classes 2..k, as thresholds.
 */
export function jenksBreaks(values: Iterable<number | null | undefined>, k = 5): number[] {
	let data = finiteSorted(values);
	if (data.length < 2 || k < 2) return [];
	if (data.length > JENKS_SAMPLE) {
		const n = data.length;
		const all = data;
		data = Array.from({ length: JENKS_SAMPLE }, (_, i) => all[Math.round((i * (n - 1)) / (JENKS_SAMPLE - 1))]!);
	}
	const distinct = new Set(data).size;
	const nClasses = Math.min(k, distinct);
	if (nClasses < 2) return [];
	const n = data.length;
	// Prefix sums for O(1) within-class variance.
	const s1 = new Float64Array(n + 1);
	const s2 = new Float64Array(n + 1);
	for (let i = 0; i < n; i++) {
		const v = data[i]!;
		s1[i + 1] = s1[i]! + v;
		s2[i + 1] = s2[i]! + v * v;
	}
	const ssd = (i: number, j: number) => {
		// sum of squared deviations of data[i..j] inclusive
		const m = j - i + 1;
		const s = s1[j + 1]! - s1[i]!;
		return s2[j + 1]! - s2[i]! - (s * s) / m;
	};
	// cost[c][j]: best cost of splitting data[0..j] into c+1 classes; from[c][j]: start of last class.
	const cost: Float64Array[] = [];
	const from: Int32Array[] = [];
	cost.push(Float64Array.from({ length: n }, (_, j) => ssd(0, j)));
	from.push(new Int32Array(n));
	for (let c = 1; c < nClasses; c++) {
		const cc = new Float64Array(n).fill(Infinity);
		const fc = new Int32Array(n);
		const prev = cost[c - 1]!;
		for (let j = c; j < n; j++) {
			for (let i = c; i <= j; i++) {
				const v = prev[i - 1]! + ssd(i, j);
				if (v < cc[j]!) {
					cc[j] = v;
					fc[j] = i;
				}
			}
		}
		cost.push(cc);
		from.push(fc);
	}
	const starts: number[] = [];
	let j = n - 1;
	for (let c = nClasses - 1; c > 0; c--) {
		const i = from[c]![j]!;
		starts.push(data[i]!);
		j = i - 1;
	}
	return cleanBreaks(starts.reverse(), data[0]!);
}

/** Class index of a value, or null when the value is missing. */
export function classIndex(value: number | null | undefined, breaks: number[]): number | null {
	if (typeof value !== 'number' || !Number.isFinite(value)) return null;
	let i = 0;
	while (i < breaks.length && value >= breaks[i]!) i++;
	return i;
}

export function classify(
	values: Iterable<number | null | undefined>,
	method: ClassMethod = 'quantile',
	k = 5
): Classification {
	const all = Array.from(values);
	const sorted = finiteSorted(all);
	const nulls = all.length - sorted.length;
	if (sorted.length === 0) return { method, breaks: [], min: NaN, max: NaN, counts: [], extents: [], nulls };
	const breaks = method === 'jenks' ? jenksBreaks(sorted, k) : quantileBreaks(sorted, k);
	const counts: number[] = new Array(breaks.length + 1).fill(0);
	const extents = counts.map(() => ({ lo: Infinity, hi: -Infinity }));
	for (const v of sorted) {
		const i = classIndex(v, breaks)!;
		counts[i]!++;
		const e = extents[i]!;
		if (v < e.lo) e.lo = v;
		if (v > e.hi) e.hi = v;
	}
	return { method, breaks, min: sorted[0]!, max: sorted[sorted.length - 1]!, counts, extents, nulls };
}

/** Lower/upper bounds of each class, for the legend. */
export function classRanges(c: Classification): { from: number; to: number }[] {
	if (!c.counts.length) return [];
	const lows = [c.min, ...c.breaks];
	const highs = [...c.breaks, c.max];
	return lows.map((from, i) => ({ from, to: highs[i]! }));
}

/**
 * Sequential, colour-blind-safe palette (ColorBrewer YlGnBu) for n classes, light to dark.
 * With fewer than 3 classes the colours are picked from the 3-class scheme so they stay distinct.
 */
export function classColors(n: number): string[] {
	if (n <= 0) return [];
	const three = schemeYlGnBu[3]!;
	if (n === 1) return [three[1]!];
	if (n === 2) return [three[0]!, three[2]!];
	return [...schemeYlGnBu[Math.min(n, 9)]!];
}

/** Colour of territories without a value, drawn with a hatch on the map and in the legend. */
export const NA_COLOR = '#e0e0e0';
export const NA_HATCH = '#8a8a8a';
