/** Shapes shared by every file import: limits, progress, structural problems of a table. */

/** Largest file any import reads (checked before a byte is decoded). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/**
 * Unpacked size of an XLSX archive (zip-bomb guard), measured while inflating, not trusted from
 * the archive's header. A sector table of every French commune is ≈ 10 Mo of sheet XML.
 */
export const MAX_XLSX_UNCOMPRESSED = 80 * 1024 * 1024;

/** Progress of an import, for a progress bar (posted by the import workers). */
export interface ImportProgress {
	stage: 'read' | 'unpack' | 'parse' | 'rows' | 'validate';
	bytesDone: number;
	bytesTotal: number;
	rows: number;
}
export type ProgressHook = (p: ImportProgress) => void;

/**
 * A structural problem of a file (unclosed quote, separator in a header cell, mixed separators,
 * NUL bytes, ragged rows): French, with lines. Shown as an error; the import waits for the
 * user's decision before anything can be saved.
 */
export interface StructuralProblem {
	code: `structure-${string}`;
	message: string;
	lines: number[];
}

/** Builds the caller's own error (each import keeps its error class); messages are French. */
export type Fail = (code: string, message: string) => Error;
