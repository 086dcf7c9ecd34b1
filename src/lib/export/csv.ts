/**
 * CSV for French spreadsheets: UTF-8 with BOM (Excel otherwise reads Windows-1252), ';'
 * separator, CRLF, decimal comma, no thousands separator (it would turn numbers into text).
 * Text cells starting with = + - @ tab or CR get a leading apostrophe so a spreadsheet never
 * runs them as formulas (OWASP "CSV injection"). Code cells (FINESS, INSEE, postal codes, phone
 * numbers) are written ="…", the form Excel reads as text, so leading zeros survive; only values
 * made of safe characters take that form, others fall back to guarded text.
 */

export interface ExportColumn {
	key: string;
	label: string; // French header
	kind: 'text' | 'number' | 'integer' | 'code';
	digits?: number; // maximum decimals for 'number' (default 6)
}

export const BOM = '\uFEFF';
const SEP = ';';
const EOL = '\r\n';
const FORMULA_START = /^[=+\-@\t\r]/;

const formats = new Map<number, Intl.NumberFormat>();
function numberFormat(digits: number): Intl.NumberFormat {
	let f = formats.get(digits);
	if (!f) formats.set(digits, (f = new Intl.NumberFormat('fr-FR', { useGrouping: false, maximumFractionDigits: digits })));
	return f;
}

/** A number cell: '1234,5'; '' when missing. Negative numbers keep the ASCII '-'. */
export function csvNumber(v: unknown, kind: 'number' | 'integer', digits = 6): string {
	const n = typeof v === 'bigint' ? Number(v) : v;
	if (typeof n !== 'number' || !Number.isFinite(n)) return '';
	return numberFormat(kind === 'integer' ? 0 : digits).format(kind === 'integer' ? Math.round(n) : n).replace('\u2212', '-');
}

/** A text cell, guarded against formulas and quoted when needed. */
export function csvText(v: unknown): string {
	if (v === null || v === undefined) return '';
	let s = String(v);
	if (FORMULA_START.test(s)) s = `'${s}`;
	return /[";\r\n]|^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const SAFE_CODE = /^[0-9A-Za-z][0-9A-Za-z +.()/-]{0,39}$/;

/** A code cell: ="01001" (Excel keeps it as text); other values as guarded text. */
export function csvCode(v: unknown): string {
	if (v === null || v === undefined || v === '') return '';
	const s = String(v);
	return SAFE_CODE.test(s) ? `"=""${s}"""` : csvText(s);
}

/** Reads back a code cell written by csvCode ('="01001"' once the CSV quoting is removed). */
export function unguardCode(cell: string): string {
	const m = /^="([^"]*)"$/.exec(cell);
	return m ? m[1]! : unguardText(cell);
}

function csvCell(v: unknown, c: ExportColumn): string {
	if (c.kind === 'text') return csvText(v);
	if (c.kind === 'code') return csvCode(v);
	return csvNumber(v, c.kind, c.digits);
}

export function toCsvFr(rows: readonly Record<string, unknown>[], columns: readonly ExportColumn[]): string {
	const lines = [columns.map((c) => csvText(c.label)).join(SEP)];
	for (const r of rows) {
		lines.push(columns.map((c) => csvCell(r[c.key], c)).join(SEP));
	}
	return BOM + lines.join(EOL) + EOL;
}

/** Parses what toCsvFr writes (RFC 4180 with ';'): records of raw cell strings, BOM removed. */
export function parseCsvFr(text: string): string[][] {
	const s = text.startsWith(BOM) ? text.slice(1) : text;
	const out: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < s.length; i++) {
		const ch = s[i]!;
		if (quoted) {
			if (ch === '"') {
				if (s[i + 1] === '"') {
					cell += '"';
					i++;
				} else quoted = false;
			} else cell += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === SEP) {
			row.push(cell);
			cell = '';
		} else if (ch === '\r' || ch === '\n') {
			if (ch === '\r' && s[i + 1] === '\n') i++;
			row.push(cell);
			out.push(row);
			row = [];
			cell = '';
		} else cell += ch;
	}
	if (cell !== '' || row.length) {
		row.push(cell);
		out.push(row);
	}
	return out;
}

/** '1234,5' → 1234.5; '' → null. */
export function parseNumberFr(cell: string): number | null {
	if (cell.trim() === '') return null;
	const n = Number(cell.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.'));
	return Number.isFinite(n) ? n : null;
}

/** Removes the formula guard added by csvText. */
export function unguardText(cell: string): string {
	return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}
