import { describe, expect, it } from 'vitest';
import { indicatorById } from '../../../src/lib/indicators/catalogue';
import { computeGaps, countRule, expectedCount, filterGaps, formatGap, gapRule } from '../../../src/lib/indicators/gap';
import { sortBy } from '../../../src/lib/components/table/sort';
import type { IndicatorDef, IndicatorValue } from '../../../src/lib/indicators/types';

const hdj = indicatorById('hdj_adult_per100k')!; // favourable: higher
const beds = indicatorById('beds_adult_per100k')!; // neutral
const v = (code: string, numerator: number | null, denominator: number | null): IndicatorValue => ({
	code,
	name: `Territoire ${code}`,
	numerator,
	denominator,
	value: numerator !== null && denominator ? (numerator * 100_000) / denominator : null
});
const values = [v('A', 30, 100_000), v('B', 60, 200_000), v('C', 50, 100_000), v('D', 10, 100_000), v('E', 5, null)];

describe('computeGaps', () => {
	const rows = computeGaps(values, hdj, { value: 40, label: 'France' });
	const by = Object.fromEntries(rows.map((r) => [r.code, r]));

	it('ratio, places missing to reach the reference (negative = missing), French label', () => {
		expect(by.A).toMatchObject({ ratio: 0.75, gap: -10, cls: 'unfavourable', clsLabel: 'déficit' });
		expect(by.A!.gapLabel).toBe('\u221210\u00a0places');
		expect(by.B).toMatchObject({ ratio: 0.75, gap: -20 });
		expect(by.C).toMatchObject({ ratio: 1.25, gap: 10, cls: 'favourable', gapLabel: '+10\u00a0places' });
		expect(by.D).toMatchObject({ ratio: 0.25, gap: -30, cls: 'marked', clsLabel: 'déficit marqué' });
		expect(by.E).toMatchObject({ ratio: null, gap: null, rank: null, cls: 'na', gapLabel: 'n.d.' });
	});

	it('rank 1 = most short, ties shared', () => {
		expect([by.D!.rank, by.A!.rank, by.B!.rank, by.C!.rank]).toEqual([1, 2, 2, 4]);
	});

	it('inverts for lower-is-better and makes no judgement when neutral', () => {
		const lower: IndicatorDef = { ...hdj, favourable: 'lower' };
		const l = Object.fromEntries(computeGaps(values, lower, { value: 40, label: 'x' }).map((r) => [r.code, r]));
		expect(l.C).toMatchObject({ cls: 'unfavourable', clsLabel: 'excès', rank: 1 });
		expect(l.D).toMatchObject({ cls: 'favourable', rank: 4 });
		const n = computeGaps(values, beds, { value: 40, label: 'x' });
		expect(new Set(n.filter((r) => r.ratio !== null).map((r) => r.cls))).toEqual(new Set(['neutral']));
		expect(gapRule(beds)).toMatch(/aucun jugement/);
		expect(gapRule(hdj)).toBe('< 70 % de la référence : déficit marqué ; 70 %–90 % : déficit ; 90 %–110 % : proche ; > 110 % : au-dessus.');
	});

	it('counts and ETP decimals; refuses evolutions and empty references', () => {
		const etp = indicatorById('etp_nurses_adult_per100k')!;
		const e = computeGaps([v('Y', 12.34, 10_000)], etp, { value: 100, label: 'x' });
		expect(e[0]!.gapLabel).toBe('+2,3\u00a0ETP');
		expect(() => computeGaps(values, indicatorById('hdj_adult_per100k_evol')!, { value: 1, label: 'x' })).toThrow(/évolution/);
		expect(() => computeGaps(values, hdj, { value: 0, label: 'x' })).toThrow(/Référence/);
		expect(formatGap(0, 'places')).toBe('0\u00a0place');
		expect(formatGap(-1, 'lits')).toBe('\u22121\u00a0lit');
		expect(formatGap(1.5, 'places', 1)).toBe('+1,5\u00a0place');
		expect(formatGap(-2, 'lits')).toBe('\u22122\u00a0lits');
		expect(formatGap(1, 'CMP')).toBe('+1\u00a0CMP');
		expect(formatGap(-1, 'cabinets')).toBe('\u22121\u00a0cabinet');
	});

	it('a count is compared with reference rate × its population, never with the reference count', () => {
		const cmp = indicatorById('cmp_count')!;
		expect(cmp.count).toMatchObject({ noun: 'CMP', base: 'total' });
		// France: 3 000 CMP for 60 million inhabitants; X: 3 CMP for 120 000 inhabitants → 6 expected.
		const fr = { value: 3000, label: 'France', numerator: 3000, denominator: 60_000_000 };
		const c = computeGaps([{ code: 'X', name: 'X', value: 3, numerator: 3, denominator: 120_000 }], cmp, fr);
		expect(c[0]).toMatchObject({ expected: 6, gap: -3, ratio: 0.5, gapLabel: '\u22123\u00a0CMP' });
		expect(expectedCount(cmp, fr, 120_000)).toBe(6);
		expect(countRule(cmp, fr)!.replace(/\s/g, ' ')).toBe('Nombre comparé au nombre attendu : taux de la référence (5 CMP pour 100 000 habitants) × population du territoire (habitants).');
		// Without the reference's population, or the territory's: no gap at all (not "−2 997 CMP").
		const none = computeGaps([{ code: 'X', name: 'X', value: 3, numerator: 3, denominator: null }], cmp, fr)[0]!;
		expect(none).toMatchObject({ gap: null, ratio: null, expected: null, cls: 'na', gapLabel: 'n.d.' });
		expect(none.clsLabel).toMatch(/non comparable/);
		expect(computeGaps([{ code: 'X', name: 'X', value: 3, numerator: 3, denominator: 120_000 }], cmp, { value: 3000, label: 'France' })[0]!.gap).toBeNull();
		// Count twins of rates declare the rate's population.
		const beds = indicatorById('beds_adult_count')!;
		expect(beds).toMatchObject({ unit: 'lits', scale: 1, base: null, count: { noun: 'lits', base: 'age_16_plus', scale: 100_000, of: 'beds_adult_per100k' } });
		const b = computeGaps([{ code: 'Y', name: 'Y', value: 180, numerator: 180, denominator: 100_000 }], beds, { value: 48_000, label: 'France', numerator: 48_000, denominator: 48_000_000 })[0]!;
		expect(b).toMatchObject({ expected: 100, gap: 80, gapLabel: '+80\u00a0lits' });
	});

	it('sort and filter helpers', () => {
		expect(sortBy(rows, (r) => r.rank, 'asc').map((r) => r.code)).toEqual(['D', 'A', 'B', 'C', 'E']);
		expect(sortBy(rows, (r) => r.gap, 'desc').map((r) => r.code)).toEqual(['C', 'A', 'B', 'D', 'E']);
		expect(filterGaps(rows, { classes: ['marked', 'unfavourable'] }).map((r) => r.code)).toEqual(['A', 'B', 'D']);
		expect(filterGaps(rows, { minShortfall: 15 }).map((r) => r.code)).toEqual(['B', 'D']);
		expect(filterGaps(rows, { search: 'TERRITOIRE c' }).map((r) => r.code)).toEqual(['C']);
	});
});
