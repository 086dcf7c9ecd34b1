/**
 * Reading a user's spreadsheet (CSV or XLSX) into grids of text cells, shared by every table
 * import of the app (sector tables, local resources, own indicators). Format by sniffing the
 * bytes (zip = XLSX, OLE = legacy .xls, refused), CSV encoding and separator guessed, size and
 * zip-bomb guards, structural problems of a CSV named with their lines. Pure (no DOM), usable in
 * Node tests and in the import worker (`readTableInWorker` in ./client.ts). Errors are built by
 * the caller (`fail`), so each import keeps its own error class; messages are French.
 */
import { csvGrid, separatorLabel, stripNul } from './csv';
import { decodeText, isOle, isZip, type TextEncodingName } from './decode';
import { FILE_MESSAGES } from './messages';
import { checkUnpackedSize, readXlsxSheets } from './xlsx';
import { MAX_FILE_BYTES, type Fail, type ProgressHook, type StructuralProblem } from './types';

export interface TableSheet {
	name: string | null; // XLSX sheet name; null for CSV
	grid: string[][]; // rows of cells as text; index i is the user's line i + 1
	notes: string[]; // French, about how this sheet was read
}

export interface TableFile {
	format: 'csv' | 'xlsx';
	encoding: TextEncodingName | null; // null for XLSX
	separator: string | null; // CSV only
	sheets: TableSheet[]; // CSV: exactly one
	/** Structural problems of a CSV (NUL bytes, unclosed quotes, mixed separators…). */
	problems: StructuralProblem[];
}

export interface ReadOptions {
	/** What the file should hold, for messages: 'la table commune → secteur'. */
	what: string;
	fail: Fail;
	onProgress?: ProgressHook;
}

export async function readTable(bytes: Uint8Array, label: string, opts: ReadOptions): Promise<TableFile> {
	if (bytes.byteLength === 0) throw opts.fail('empty', FILE_MESSAGES.empty(label, opts.what));
	if (bytes.byteLength > MAX_FILE_BYTES) throw opts.fail('too-large', FILE_MESSAGES.tooLarge(label, bytes.byteLength, MAX_FILE_BYTES));
	if (isZip(bytes)) return readXlsx(bytes, label, opts);
	if (isOle(bytes)) throw opts.fail('xls-legacy', FILE_MESSAGES.xlsLegacy(label));
	return readCsv(bytes, label, opts);
}

function readCsv(bytes: Uint8Array, label: string, opts: ReadOptions): TableFile {
	const decoded = decodeText(bytes);
	opts.onProgress?.({ stage: 'parse', bytesDone: bytes.byteLength, bytesTotal: bytes.byteLength, rows: 0 });
	if (decoded.text.trim() === '') throw opts.fail('empty', FILE_MESSAGES.noData(label, opts.what));
	const { text, problem } = stripNul(decoded.text, label, opts.fail);
	const { grid, separator, problems } = csvGrid(text);
	if (problem) problems.unshift(problem);
	const notes = [`Fichier CSV lu avec le séparateur « ${separatorLabel(separator)} ».`, ...decoded.notes];
	return { format: 'csv', encoding: decoded.encoding, separator, sheets: [{ name: null, grid, notes }], problems };
}

async function readXlsx(bytes: Uint8Array, label: string, opts: ReadOptions): Promise<TableFile> {
	checkUnpackedSize(bytes, label, opts.what, opts.fail, opts.onProgress);
	opts.onProgress?.({ stage: 'parse', bytesDone: bytes.byteLength, bytesTotal: bytes.byteLength, rows: 0 });
	const sheets = await readXlsxSheets(bytes, label, opts.fail);
	return {
		format: 'xlsx',
		encoding: null,
		separator: null,
		sheets: sheets.map((s) => ({
			name: s.name,
			grid: s.grid,
			notes: sheets.length > 1 ? [`Le classeur contient ${sheets.length} feuilles : seule la feuille « ${s.name} » a été lue.`] : []
		})),
		problems: []
	};
}

/** True when a grid has at least one non-blank cell. */
export function hasData(grid: string[][]): boolean {
	return grid.some((r) => r.some((c) => c.trim() !== ''));
}
