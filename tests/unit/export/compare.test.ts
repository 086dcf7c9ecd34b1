/**
 * Comparison export (compareExport) written as French CSV and XLSX: header with territory and
 * benchmark columns, decimal comma, remarks, vintage and sources; territory names from an
 * imported file are hostile and must stay inert text.
 */
import { describe, expect, it } from 'vitest';
import { BOM, parseCsvFr, toCsvFr, unguardText } from '../../../src/lib/export/csv';
import { compareExport, type CompareExportRow } from '../../../src/lib/export/compare';
import { xlsxSheetData } from '../../../src/lib/export/xlsx';
import { indicatorById } from '../../../src/lib/indicators/catalogue';
import type { Reference } from '../../../src/lib/queries/references';

const FORMULA = "=cmd|' /C calc'!A0";
const SCRIPT = '<script>alert(1)</script>';
const territories = [
	{ name: 'Rhône', code: '69' },
	{ name: FORMULA, code: 'S1' },
	{ name: SCRIPT, code: 'S2' },
	{ name: 'Secteur « Est ; Nord »', code: '69G01' }
];
const ref = (kind: Reference['kind'], value: number | null, comparable = true): Reference => ({ kind, label: kind, value, year: '2023', source: 'x', comparable });
const beds = indicatorById('beds_adult_per100k')!;
const gp = indicatorById('gp_practices_per10k')!;
const rows: CompareExportRow[] = [
	{
		def: beds,
		cells: [{ value: 102.456 }, { value: 1234.5, estimated: true }, { value: null }, { value: 0.004 }],
		refs: [ref('france', 98.7654), ref('region', 101.25), ref('atlas', 55)]
	},
	{
		def: gp,
		cells: [{ value: 7.5 }, { value: null, note: 'non calculable à ce niveau' }, { value: 0 }, { value: 12 }],
		// A France figure in another unit is shown elsewhere but never exported as a benchmark.
		refs: [ref('france', 3.3, false), ref('region', 8)]
	}
];
const benchmarks = [
	{ kind: 'france' as const, label: 'France' },
	{ kind: 'region' as const, label: 'Région Auvergne-Rhône-Alpes' }
];
const sourceLabel = (id: string) => `Source ${id}`;

describe('compareExport', () => {
	const { columns, rows: out } = compareExport(rows, territories, benchmarks, sourceLabel);

	it('one column per territory and benchmark, then remarks, vintage and sources', () => {
		expect(columns.map((c) => c.label)).toEqual([
			'Indicateur',
			'Unité',
			'Rhône (69)',
			`${FORMULA} (S1)`,
			`${SCRIPT} (S2)`,
			'Secteur « Est ; Nord » (69G01)',
			'Référence : France',
			'Référence : Région Auvergne-Rhône-Alpes',
			'Remarques',
			'Millésime',
			'Sources'
		]);
		expect(out).toHaveLength(2);
	});

	it('writes a French CSV: BOM, ";", decimal comma, empty cells for missing or non-comparable values', () => {
		const csv = toCsvFr(out, columns);
		expect(csv.startsWith(BOM)).toBe(true);
		const [head, b, g] = parseCsvFr(csv);
		expect(head).toHaveLength(columns.length);
		expect(b!.slice(0, 8)).toEqual([beds.label, beds.unit, '102,46', '1234,5', '', '0', '98,77', '101,25']);
		expect(g!.slice(2, 8)).toEqual(['7,5', '', '0', '12', '', '8']);
		expect(unguardText(b![8]!)).toBe(`${FORMULA} : dénominateur estimé`);
		expect(g![8]).toContain(`${FORMULA} : non calculable à ce niveau`);
		expect(g![8]).toContain(`Approximation : ${gp.proxy}`);
		expect(b![9]).toBe(beds.vintage);
		expect(b![10]).toBe(beds.sources.map((s) => `Source ${s}`).join(' ; '));
		// The raw header line: the ';' inside a name is quoted, not a separator.
		const rawHead = csv.slice(1).split('\r\n')[0]!;
		expect(rawHead).toContain('"Secteur « Est ; Nord » (69G01)"');
	});

	it('neutralises formulas in every text cell, headers included, and keeps markup as plain text', () => {
		const csv = toCsvFr(out, columns);
		const [head, b] = parseCsvFr(csv);
		expect(head![3]).toBe(`'${FORMULA} (S1)`);
		expect(b![8]!.startsWith(`'${FORMULA}`)).toBe(true);
		expect(unguardText(head![3]!)).toBe(`${FORMULA} (S1)`);
		expect(csv.split('\r\n').some((line) => line.startsWith('=') || line.includes(';='))).toBe(false);
		expect(head![4]).toBe(`${SCRIPT} (S2)`); // text, not HTML: nothing renders it
	});

	it('XLSX cells: typed strings for names (never formulas), numbers as numbers', () => {
		const [header, first] = xlsxSheetData(out, columns);
		expect(header![3]).toMatchObject({ type: String, value: `${FORMULA} (S1)` });
		expect(first![2]).toMatchObject({ type: Number, value: 102.456 });
		expect(first![4]).toBeNull();
	});
});
