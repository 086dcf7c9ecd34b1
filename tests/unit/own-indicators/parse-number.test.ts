import { describe, expect, it } from 'vitest';
import { detectDecimal, parseNumber, readOwnTable, validateOwnTable } from '../../../src/lib/own-indicators/parse';
import { toXlsxBlob } from '../../../src/lib/export/xlsx';

describe('numbers of an own-indicator file', () => {
	it('French and international formats', () => {
		expect(parseNumber('1 234,5', ',')).toEqual({ ok: true, value: 1234.5 });
		expect(parseNumber('1\u202f234\u00a0567', ',')).toEqual({ ok: true, value: 1234567 });
		expect(parseNumber('1.234,5', ',')).toEqual({ ok: true, value: 1234.5 });
		expect(parseNumber('−3,25', ',')).toEqual({ ok: true, value: -3.25 });
		expect(parseNumber('1,234.5', '.')).toEqual({ ok: true, value: 1234.5 });
		expect(parseNumber('12.5', '.')).toEqual({ ok: true, value: 12.5 });
		expect(parseNumber('1.5e-7', ',')).toEqual({ ok: true, value: 1.5e-7 });
	});
	it('what is not a number is refused with a reason, never coerced', () => {
		expect(parseNumber('', ',')).toEqual({ ok: false, reason: 'valeur vide' });
		expect(parseNumber('n.d.', ',').ok).toBe(false);
		expect(parseNumber('s', ',')).toMatchObject({ ok: false, reason: expect.stringMatching(/secrétisée/) });
		expect(parseNumber('12 %', ',')).toMatchObject({ ok: false, reason: expect.stringMatching(/%/) });
		expect(parseNumber('12,5', '.')).toMatchObject({ ok: false, reason: expect.stringMatching(/séparateur décimal.*« \. »/) });
		expect(parseNumber('1 23,5', ',')).toMatchObject({ ok: false, reason: expect.stringMatching(/espaces/) });
		expect(parseNumber('12abc', ',').ok).toBe(false);
		expect(parseNumber('<b>1</b>', ',').ok).toBe(false);
		expect(parseNumber('1e999', ',')).toMatchObject({ ok: false, reason: expect.stringMatching(/représentables/) });
	});
	it('the column decides its decimal separator from unambiguous cells; French by default', () => {
		expect(detectDecimal(['1,5', '2', 'n.d.'])).toBe(',');
		expect(detectDecimal(['1.5', '2.25', '3'])).toBe('.');
		expect(detectDecimal(['1,234', '1.234', 'n.d.'])).toBe(',');
		expect(detectDecimal(['1,234.5', '2'])).toBe('.');
		expect(detectDecimal(['1.234', '2.345'], '.')).toBe('.');
	});
	it('an XLSX keeps its number cells exact (1.234 stays 1.234, never 1 234) and reads text cells too', async () => {
		const blob = await toXlsxBlob(
			[
				{ code: '69', v: 1.234 },
				{ code: '01', v: 2.5 },
				{ code: '38', v: 'n.d.' }
			],
			[
				{ key: 'code', label: 'code', kind: 'code' },
				{ key: 'v', label: 'valeur', kind: 'number', digits: 3 }
			],
			'test'
		);
		const t = await readOwnTable(new Uint8Array(await blob.arrayBuffer()), 'test.xlsx');
		expect(t.format).toBe('xlsx');
		const ctx = { communes: new Set<string>(), aliases: new Map<string, string>(), epci: new Set<string>(), departements: new Set(['01', '38', '69']), regions: new Set<string>() };
		const r = validateOwnTable(t, { level: 'departement', codeColumn: 0, valueColumn: 1 }, ctx);
		expect(r.rows).toEqual([
			{ code: '01', v: 2.5 },
			{ code: '69', v: 1.234 }
		]);
		// The 'n.d.' text became an empty number cell in the export: listed as empty, not coerced.
		expect(r.rejected).toEqual([{ line: 4, code: '38', value: '', reason: 'valeur vide' }]);
	});
});
