import { describe, expect, it } from 'vitest';
import { INDICATORS } from '../../../src/lib/indicators/catalogue';
import { NA, formatInteger, formatMegabytes, formatNumber, formatPercent, formatValue, formatWithUnit } from '../../../src/lib/indicators/format';

const NNBSP = '\u202f'; // fr-FR thousands separator
const beds = INDICATORS.find((d) => d.id === 'beds_adult_per100k')!;
const cmp = INDICATORS.find((d) => d.id === 'cmp_count')!;

describe('fr-FR formatting', () => {
	it('writes n.d. for missing values', () => {
		for (const v of [null, undefined, NaN, Infinity]) {
			expect(formatNumber(v)).toBe(NA);
			expect(formatValue(beds, v)).toBe(NA);
			expect(formatWithUnit(beds, v)).toBe(NA);
			expect(formatPercent(v)).toBe(NA);
		}
		expect(NA).toBe('n.d.');
	});
	it('groups thousands and uses a decimal comma', () => {
		expect(formatInteger(2_133_111)).toBe(`2${NNBSP}133${NNBSP}111`);
		expect(formatNumber(1234.567, 2)).toBe(`1${NNBSP}234,57`);
		expect(formatNumber(0)).toBe('0');
	});
	it('counts without decimals, rates with one (two below 10)', () => {
		expect(formatValue(cmp, 3100)).toBe(`3${NNBSP}100`);
		expect(formatValue(beds, 102.44)).toBe('102,4');
		expect(formatValue(beds, 5)).toBe('5,00');
		expect(formatWithUnit(beds, 102.44)).toBe(`102,4\u00a0${beds.unit}`);
	});
	it('percent and megabytes', () => {
		expect(formatPercent(0.1234)).toBe('12,3\u00a0%');
		expect(formatMegabytes(12_345_678)).toBe('12,3\u00a0Mo');
	});
});
