import { describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import type { ExportColumn } from '../../../src/lib/export/csv';
import { safeSheetName, toXlsxBlob } from '../../../src/lib/export/xlsx';

const columns: ExportColumn[] = [
	{ key: 'code', label: 'Code', kind: 'code' },
	{ key: 'name', label: 'Territoire', kind: 'text' },
	{ key: 'value', label: 'Valeur', kind: 'number', digits: 1 },
	{ key: 'n', label: 'Effectif', kind: 'integer' }
];
const rows = [
	{ code: '01', name: 'Ain', value: 74.0234, n: 412 },
	{ code: '2A', name: '=1+1', value: null, n: 3.6 },
	{ code: '75', name: 'Paris « intra-muros » ; été', value: -1.5, n: 0 }
];

describe('toXlsxBlob', () => {
	it('writes numbers as numbers and text as text', async () => {
		const sheetName = 'Lits / 100 000 [2023]: un nom beaucoup trop long';
		const blob = await toXlsxBlob(rows, columns, sheetName);
		const bytes = new Uint8Array(await blob.arrayBuffer());
		const back = await readXlsxFile(Buffer.from(bytes));
		const data = (Array.isArray(back[0]) ? back : (back as unknown as { data: unknown[][] }[])[0]!.data) as unknown[][];
		expect(data[0]).toEqual(['Code', 'Territoire', 'Valeur', 'Effectif']);
		expect(data[1]).toEqual(['01', 'Ain', 74.0234, 412]);
		expect(data[2]![1]).toBe('=1+1'); // a string cell, not a formula
		expect(data[2]![2]).toBeNull();
		expect(data[2]![3]).toBe(4);
		expect(data[3]).toEqual(['75', 'Paris « intra-muros » ; été', -1.5, 0]);
		const files = unzipSync(bytes);
		const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
		expect(sheet).not.toMatch(/<f>/);
		expect(strFromU8(files['xl/workbook.xml']!)).toContain(`name="${safeSheetName(sheetName)}"`);
		expect(safeSheetName(sheetName)).toHaveLength(31);
	});

	it('sanitises sheet names', () => {
		expect(safeSheetName('a/b\\c?d*e[f]g:h')).toBe('a b c d e f g h');
		expect(safeSheetName('')).toBe('Feuille1');
		expect(safeSheetName('x'.repeat(40))).toHaveLength(31);
	});
});
