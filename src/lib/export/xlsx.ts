/**
 * XLSX export through write-excel-file's universal build (a Blob in the browser and in Node).
 * Numbers stay numbers (typed cells with a display format), so the spreadsheet can compute on
 * them; text cells are typed strings, which a spreadsheet never evaluates as formulas.
 */
import writeXlsxFile, { type Cell, type Row } from 'write-excel-file/universal';
import type { ExportColumn } from './csv';

/** Excel sheet names: 31 characters at most, none of []:*?/\ . */
export function safeSheetName(name: string): string {
	const s = name.replace(/[[\]:*?/\\]/g, ' ').replace(/^'+|'+$/g, '').trim().slice(0, 31);
	return s || 'Feuille1';
}

function cell(v: unknown, c: ExportColumn): Cell {
	if (c.kind === 'text' || c.kind === 'code') return v === null || v === undefined ? null : { type: String, value: String(v) };
	const n = typeof v === 'bigint' ? Number(v) : v;
	if (typeof n !== 'number' || !Number.isFinite(n)) return null;
	if (c.kind === 'integer') return { type: Number, value: Math.round(n), format: '#,##0' };
	const d = c.digits ?? 2;
	return { type: Number, value: n, format: d > 0 ? `#,##0.${'0'.repeat(d)}` : '#,##0' };
}

export function xlsxSheetData(rows: readonly Record<string, unknown>[], columns: readonly ExportColumn[]): Row[] {
	const header: Row = columns.map((c) => ({ type: String, value: c.label, fontWeight: 'bold' }));
	return [header, ...rows.map((r) => columns.map((c) => cell(r[c.key], c)))];
}

export function toXlsxBlob(rows: readonly Record<string, unknown>[], columns: readonly ExportColumn[], sheetName: string): Promise<Blob> {
	return writeXlsxFile(xlsxSheetData(rows, columns), {
		sheet: safeSheetName(sheetName),
		stickyRowsCount: 1,
		columns: columns.map((c) => ({ width: Math.min(60, Math.max(10, c.label.length + 2)) }))
	}).toBlob();
}
