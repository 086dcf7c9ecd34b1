import { describe, expect, it } from 'vitest';
import {
	classColors,
	classIndex,
	classify,
	classRanges,
	jenksBreaks,
	quantileBreaks
} from '../../../src/lib/indicators/classify';

describe('quantileBreaks', () => {
	it('splits 10 evenly spaced values into 5 classes of 2', () => {
		const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
		const breaks = quantileBreaks(values, 5);
		expect(breaks).toHaveLength(4);
		const c = classify(values, 'quantile', 5);
		expect(c.counts).toEqual([2, 2, 2, 2, 2]);
	});

	it('collapses tied thresholds instead of producing empty classes', () => {
		const values = [0, 0, 0, 0, 0, 0, 1, 2, 3, 4];
		const c = classify(values, 'quantile', 5);
		expect(new Set(c.breaks).size).toBe(c.breaks.length);
		expect(c.counts.every((n) => n > 0)).toBe(true);
		expect(c.counts.reduce((a, b) => a + b, 0)).toBe(10);
		expect(classIndex(0, c.breaks)).toBe(0);
	});

	it('gives a heavily repeated minimum its own class and splits the rest', () => {
		const values = [...new Array(80).fill(0), ...Array.from({ length: 20 }, (_, i) => i + 1)];
		const c = classify(values, 'quantile', 5);
		expect(c.counts).toHaveLength(5);
		expect(c.counts[0]).toBe(80);
		expect(c.extents[0]).toEqual({ lo: 0, hi: 0 });
		expect(c.counts.slice(1)).toEqual([5, 5, 5, 5]);
		expect(c.extents[4]).toEqual({ lo: 16, hi: 20 });
	});

	it('ignores nulls, NaN and undefined and counts them separately', () => {
		const c = classify([null, 3, undefined, NaN, 1, 2], 'quantile', 5);
		expect(c.nulls).toBe(3);
		expect(c.min).toBe(1);
		expect(c.max).toBe(3);
		expect(c.counts.reduce((a, b) => a + b, 0)).toBe(3);
	});
});

describe('degenerate inputs', () => {
	it('all-null gives no class', () => {
		const c = classify([null, null], 'quantile');
		expect(c.breaks).toEqual([]);
		expect(c.counts).toEqual([]);
		expect(c.nulls).toBe(2);
		expect(classRanges(c)).toEqual([]);
		expect(classify([], 'jenks').counts).toEqual([]);
	});

	it('a single value (or all equal) gives one class', () => {
		for (const method of ['quantile', 'jenks'] as const) {
			expect(classify([7], method).counts).toEqual([1]);
			const c = classify([4, 4, 4, null], method);
			expect(c.breaks).toEqual([]);
			expect(c.counts).toEqual([3]);
			expect(classRanges(c)).toEqual([{ from: 4, to: 4 }]);
		}
	});

	it('two distinct values give two classes', () => {
		const c = classify([1, 1, 1, 9], 'quantile');
		expect(c.counts).toEqual([3, 1]);
		expect(classify([1, 1, 1, 9], 'jenks').counts).toEqual([3, 1]);
	});
});

describe('jenksBreaks', () => {
	it('finds obvious natural groups', () => {
		const values = [1, 2, 3, 20, 21, 22, 50, 51, 100, 101];
		expect(jenksBreaks(values, 4)).toEqual([20, 50, 100]);
	});

	it('never returns more thresholds than distinct values allow', () => {
		expect(jenksBreaks([1, 1, 2, 2, 3], 5)).toEqual([2, 3]);
	});

	it('classifies 35 000 values (commune scale; its speed is measured by npm run bench)', () => {
		const values = Array.from({ length: 35_000 }, (_, i) => Math.sqrt(i));
		const breaks = jenksBreaks(values, 5);
		expect(breaks).toHaveLength(4);
		for (let i = 1; i < breaks.length; i++) expect(breaks[i]!).toBeGreaterThan(breaks[i - 1]!);
		expect(breaks[0]!).toBeGreaterThan(0);
		expect(breaks[3]!).toBeLessThan(Math.sqrt(34_999));
	});
});

describe('classIndex', () => {
	it('puts a value equal to a threshold in the upper class', () => {
		expect(classIndex(5, [5, 10])).toBe(1);
		expect(classIndex(4.99, [5, 10])).toBe(0);
		expect(classIndex(100, [5, 10])).toBe(2);
		expect(classIndex(null, [5, 10])).toBeNull();
	});
});

describe('classColors', () => {
	it('returns one distinct colour per class', () => {
		for (let n = 1; n <= 5; n++) {
			const colors = classColors(n);
			expect(colors).toHaveLength(n);
			expect(new Set(colors).size).toBe(n);
		}
		expect(classColors(0)).toEqual([]);
	});
});
