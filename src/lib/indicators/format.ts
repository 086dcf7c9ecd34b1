/**
 * fr-FR number formatting. fr-FR groups thousands with a narrow no-break space (U+202F)
 * and uses a decimal comma.
 */
import type { IndicatorDef } from './types';

export const NA = 'n.d.';

const cache = new Map<string, Intl.NumberFormat>();
function nf(min: number, max: number): Intl.NumberFormat {
	const k = `${min}|${max}`;
	let f = cache.get(k);
	if (!f) {
		f = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: min, maximumFractionDigits: max });
		cache.set(k, f);
	}
	return f;
}

function missing(v: number | null | undefined): v is null | undefined {
	return v === null || v === undefined || !Number.isFinite(v);
}

/** A number with `digits` decimals at most (trailing zeros dropped); 'n.d.' when missing. */
export function formatNumber(v: number | null | undefined, digits = 0): string {
	return missing(v) ? NA : nf(0, digits).format(v);
}

export function formatInteger(v: number | null | undefined): string {
	return missing(v) ? NA : nf(0, 0).format(Math.round(v));
}

/** Share in [0, 1] → '12,3 %'. */
export function formatPercent(share: number | null | undefined, digits = 1): string {
	return missing(share) ? NA : `${nf(digits, digits).format(share * 100)}\u00a0%`;
}

/** Decimals an indicator value deserves: counts none, rates one (two below 10). */
export function indicatorDigits(def: IndicatorDef, v: number): number {
	if (def.denominator === null && def.scale === 1) return 0;
	return Math.abs(v) < 10 ? 2 : 1;
}

/** An indicator value without its unit. */
export function formatValue(def: IndicatorDef, v: number | null | undefined): string {
	if (missing(v)) return NA;
	const d = indicatorDigits(def, v);
	return nf(d, d).format(v);
}

/** An indicator value with its unit: '102,4 lits pour 100 000 habitants de 16 ans et plus'. */
export function formatWithUnit(def: IndicatorDef, v: number | null | undefined): string {
	return missing(v) ? NA : `${formatValue(def, v)}\u00a0${def.unit}`;
}

/** Bytes → '12,3 Mo' (decimal megabytes, as the loading bar shows). */
export function formatMegabytes(bytes: number | null | undefined): string {
	return missing(bytes) ? NA : `${nf(1, 1).format(bytes / 1e6)}\u00a0Mo`;
}
