/**
 * Sort state of a table whose headers are buttons: pure, so tables and tests share one rule.
 */
export type SortOrder = 'asc' | 'desc';

export interface SortState<K extends string> {
	key: K;
	order: SortOrder;
}

export interface SortColumn<K extends string> {
	/** null: not sortable. */
	key: K | null;
	label: string;
	num?: boolean;
	/** French, read after the label by screen readers and shown as a tooltip: what the sort uses. */
	hint?: string;
	/** A benchmark column: its header is tinted blue, as the caller tints its cells. */
	benchmark?: boolean;
}

/** The sorted column flips its order; another column starts ascending. */
export function nextSort<K extends string>(s: SortState<K>, key: K): SortState<K> {
	return s.key === key ? { key, order: s.order === 'asc' ? 'desc' : 'asc' } : { key, order: 'asc' };
}

/** aria-sort goes on the sorted column only (WAI-ARIA: one sorted header at a time). */
export function ariaSort<K extends string>(s: SortState<K>, key: K | null): 'ascending' | 'descending' | undefined {
	return key !== null && key === s.key ? (s.order === 'asc' ? 'ascending' : 'descending') : undefined;
}

/** Stable sort on a number, string or null per row; missing values always last. */
export function sortBy<T>(rows: readonly T[], value: (r: T) => number | string | null | undefined, order: SortOrder): T[] {
	const s = order === 'asc' ? 1 : -1;
	return [...rows].sort((a, b) => {
		const x = value(a);
		const y = value(b);
		const xm = x === null || x === undefined || (typeof x === 'number' && Number.isNaN(x));
		const ym = y === null || y === undefined || (typeof y === 'number' && Number.isNaN(y));
		if (xm || ym) return xm && ym ? 0 : xm ? 1 : -1;
		if (typeof x === 'string' && typeof y === 'string') return s * x.localeCompare(y, 'fr');
		return s * ((x as number) - (y as number));
	});
}
