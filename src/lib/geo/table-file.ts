/**
 * Reading a user's spreadsheet (CSV or XLSX) into grids of text cells: the generic reader of
 * src/lib/import/table.ts under its older name (local resources read through it). The last read
 * of a byte array is remembered, so a worker that first reads the table for its structural
 * problems and then hands the same bytes to an import does not parse the file twice.
 */
import { readTable, type ReadOptions, type TableFile } from '../import/table';

export { MAX_FILE_BYTES, MAX_XLSX_UNCOMPRESSED } from '../import/types';
export { decodeText, decodeWindows1252, type TextEncodingName } from '../import/decode';
export type { ReadOptions, TableFile, TableSheet } from '../import/table';

const lastRead = new WeakMap<Uint8Array, Promise<TableFile>>();

export function readTableFile(bytes: Uint8Array, label: string, opts: ReadOptions): Promise<TableFile> {
	let p = lastRead.get(bytes);
	if (!p) {
		p = readTable(bytes, label, opts);
		lastRead.set(bytes, p);
	}
	return p;
}
