import { describe, expect, it } from 'vitest';
import { populationBeyond } from '../../../src/lib/geo/access/thresholds';

describe('populationBeyond', () => {
	const minutes = Float64Array.from([5, 10, 15, 25, 50, Infinity, NaN, 31]);
	const pop = Float64Array.from([100, 50, 200, 300, 400, 500, 600, 0]);
	const terr = ['A', 'A', 'A', 'A', 'B', 'B', 'B', 'B'];

	it('counts strictly beyond each threshold, by territory', () => {
		const m = populationBeyond(minutes, pop, (i) => terr[i]!);
		const a = m.get('A')!;
		expect(a.pop).toBe(650);
		expect(a.popBeyond).toEqual([500, 300, 0, 0]); // t = 10 is not beyond 10
		expect(a.shareBeyond).toEqual([500 / 650, 300 / 650, 0, 0]);
		expect(a.popUnknown).toBe(0);
		const b = m.get('B')!;
		expect(b.pop).toBe(900); // NaN-time population is apart; zero population ignored
		expect(b.popUnknown).toBe(600);
		expect(b.popBeyond).toEqual([900, 900, 900, 900]); // 50 min and no site at all
		expect(b.shareBeyond).toEqual([1, 1, 1, 1]);
	});

	it('accepts an array of territories and custom thresholds', () => {
		const m = populationBeyond(minutes, pop, terr, [20]);
		expect(m.get('A')!.popBeyond).toEqual([300]);
		expect([...m.keys()].sort()).toEqual(['A', 'B']);
	});

	it('a territory with only unknown times has share NaN', () => {
		const m = populationBeyond(Float64Array.from([NaN]), Float64Array.from([10]), ['X']);
		expect(m.get('X')!.pop).toBe(0);
		expect(m.get('X')!.shareBeyond.every(Number.isNaN)).toBe(true);
	});
});
