import { describe, expect, it } from 'vitest';
import { BOM, parseCsvFr, parseNumberFr, toCsvFr, unguardText, type ExportColumn } from '../../../src/lib/export/csv';

const columns: ExportColumn[] = [
	{ key: 'code', label: 'Code', kind: 'text' },
	{ key: 'name', label: 'Territoire', kind: 'text' },
	{ key: 'value', label: 'Lits pour 100 000 hab.', kind: 'number', digits: 3 },
	{ key: 'n', label: 'Lits', kind: 'integer' }
];
const HOSTILE = ['=HYPERLINK("http://x";"clic")', '+1+2', '-2+3', '@SUM(A1)', '\tTab', '\rCR', 'a;b', 'guillemets "doubles"', 'ligne\r\nsuivante', ' espace '];

describe('toCsvFr', () => {
	it('BOM, ; separator, CRLF, decimal comma, no grouping, empty for missing', () => {
		const csv = toCsvFr([{ code: '01', name: 'Ain', value: 1234.5678, n: 2_133_111.4 }, { code: '2A', name: 'Corse-du-Sud', value: null, n: undefined }], columns);
		expect(csv.startsWith(BOM)).toBe(true);
		expect(csv).toBe(`${BOM}Code;Territoire;Lits pour 100 000 hab.;Lits\r\n01;Ain;1234,568;2133111\r\n2A;Corse-du-Sud;;\r\n`);
		expect(toCsvFr([{ code: 'x', name: 'y', value: -0.5, n: -3 }], columns)).toContain('x;y;-0,5;-3\r\n');
	});

	it('guards formulas in text cells and round-trips hostile strings', () => {
		const rows = HOSTILE.map((name, i) => ({ code: String(i), name, value: i / 3, n: i }));
		const csv = toCsvFr(rows, columns);
		const back = parseCsvFr(csv);
		expect(back[0]).toEqual(columns.map((c) => c.label));
		expect(back).toHaveLength(rows.length + 1);
		back.slice(1).forEach((r, i) => {
			expect(r).toHaveLength(4);
			const name = HOSTILE[i]!;
			if (/^[=+\-@\t\r]/.test(name)) expect(r[1]!.startsWith("'")).toBe(true);
			expect(unguardText(r[1]!)).toBe(name);
			expect(parseNumberFr(r[2]!)).toBeCloseTo(i / 3, 3);
			expect(parseNumberFr(r[3]!)).toBe(i);
		});
		// Numbers are never guarded (a negative number stays a number).
		expect(parseCsvFr(toCsvFr([{ code: '-1', name: 'x', value: -1, n: -1 }], columns))[1]).toEqual(["'-1", 'x', '-1', '-1']);
	});

	it('writes digit codes so that Excel keeps them as text (="01"), and reads them back', () => {
		const cols: ExportColumn[] = [
			{ key: 'code', label: 'Code', kind: 'code' },
			{ key: 'n', label: 'Lits', kind: 'integer' }
		];
		const codes = ['01', '09', '2A', '971', '010000024', 'FR', '=1+1'];
		const csv = toCsvFr(codes.map((code, n) => ({ code, n })), cols);
		// A bare 01 is what French Excel turns into 1.
		expect(csv).toContain('\r\n="01";0\r\n');
		expect(csv).toContain('\r\n="09";1\r\n');
		expect(csv).toContain('\r\n2A;2\r\n');
		expect(csv).toContain('\r\n="010000024";4\r\n');
		expect(csv).toContain("\r\n'=1+1;6\r\n"); // never a formula from data
		const back = parseCsvFr(csv).slice(1);
		expect(back.map((r) => unguardText(r[0]!))).toEqual(codes);
		expect(back.map((r) => parseNumberFr(r[1]!))).toEqual(codes.map((_, i) => i));
	});

	it('parses French decimals and blanks', () => {
		expect(parseNumberFr('1234,5')).toBe(1234.5);
		expect(parseNumberFr('1\u202f234,5')).toBe(1234.5);
		expect(parseNumberFr('')).toBeNull();
		expect(parseNumberFr('abc')).toBeNull();
	});
});
