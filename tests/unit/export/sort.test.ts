/**
 * Sort state shared by the sortable tables: header clicks, aria-sort, stable sort with missing
 * values last in both orders.
 */
import { describe, expect, it } from 'vitest';
import { ariaSort, nextSort, sortBy } from '../../../src/lib/components/table/sort';

describe('table sort', () => {
	it('a click flips the sorted column, another column starts ascending', () => {
		const s = nextSort({ key: 'value', order: 'asc' }, 'value');
		expect(s).toEqual({ key: 'value', order: 'desc' });
		expect(nextSort(s, 'value')).toEqual({ key: 'value', order: 'asc' });
		expect(nextSort(s, 'name')).toEqual({ key: 'name', order: 'asc' });
	});

	it('aria-sort only on the sorted, sortable column', () => {
		const s = { key: 'rank', order: 'desc' } as const;
		expect(ariaSort(s, 'rank')).toBe('descending');
		expect(ariaSort({ ...s, order: 'asc' }, 'rank')).toBe('ascending');
		expect(ariaSort(s, 'name')).toBeUndefined();
		expect(ariaSort(s, null)).toBeUndefined();
	});

	it('stable, French collation, missing values last either way', () => {
		const rows = [
			{ id: 'a', v: 3, n: 'Évreux' },
			{ id: 'b', v: null, n: 'Ain' },
			{ id: 'c', v: 1, n: 'eure' },
			{ id: 'd', v: 3, n: 'Zélande' },
			{ id: 'e', v: Number.NaN, n: 'Bas-Rhin' }
		];
		expect(sortBy(rows, (r) => r.v, 'asc').map((r) => r.id)).toEqual(['c', 'a', 'd', 'b', 'e']);
		expect(sortBy(rows, (r) => r.v, 'desc').map((r) => r.id)).toEqual(['a', 'd', 'c', 'b', 'e']);
		expect(sortBy(rows, (r) => r.n, 'asc').map((r) => r.n)).toEqual(['Ain', 'Bas-Rhin', 'eure', 'Évreux', 'Zélande']);
	});
});
