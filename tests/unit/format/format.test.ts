import { describe, expect, it } from 'vitest';
import { formatLongDate } from '../../../src/lib/format/date.ts';
import { formatBytes } from '../../../src/lib/format/size.ts';

const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatLongDate', () => {
	it('writes the first of the month as an ordinal', () => {
		expect(formatLongDate(new Date(2026, 11, 1))).toBe('1er décembre 2026');
		expect(formatLongDate(new Date(2026, 0, 1, 9, 5), { time: true })).toMatch(/^1er janvier 2026 à 09:05$/);
	});
	it('leaves the other days as numbers (11, 21 and 31 are not ordinals)', () => {
		expect(formatLongDate(new Date(2026, 11, 2))).toBe('2 décembre 2026');
		expect(formatLongDate(new Date(2026, 11, 11))).toBe('11 décembre 2026');
		expect(formatLongDate(new Date(2026, 11, 31))).toBe('31 décembre 2026');
	});
});

describe('formatBytes', () => {
	it('never rounds a small file down to 0 Mo', () => {
		expect(nb(formatBytes(312_400))).toBe('312 ko');
		expect(nb(formatBytes(4_300))).toBe('4,3 ko');
		expect(nb(formatBytes(850))).toBe('850 o');
		expect(nb(formatBytes(10_876_543))).toBe('10,9 Mo');
		expect(nb(formatBytes(2_500_000_000))).toBe('2,5 Go');
	});
});
