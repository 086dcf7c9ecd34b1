/**
 * Import of a commune → psychiatric sector table (CSV or XLSX) and its validation: the public
 * face of the steps in ./sector-import/ and ../import/.
 *
 * Two pure steps, no DOM, usable in the browser (the import worker) and in Node tests:
 *  1. `parseSectorFile` reads bytes into a raw table: decoding and byte sniffing
 *     (import/decode.ts), CSV structure (import/csv.ts), XLSX with its size guard
 *     (import/xlsx.ts), header matching (sector-import/headers.ts), rows (sector-import/parse.ts);
 *  2. `validateSectors` checks every row against the COG, one function per rule
 *     (sector-import/validate/), with the French wording in sector-import/messages.ts.
 * Nothing is stored here: the UI shows the report and saves only after the user confirms.
 * Every string from the file stays plain text (never HTML); rendering must escape it.
 */
export * from './sector-import/types';
export { parseSectorFile } from './sector-import/parse';
export { matchHeader, normaliseHeader } from './sector-import/headers';
export {
	normaliseCommuneCode,
	normaliseFiness,
	normaliseSectorCode,
	parseSectorType,
	SECTOR_CODE_PATTERN,
	typeFromSectorCode,
	type TypeParse
} from './sector-import/normalise';
export { sectorScope, unassignedCommunes, validateSectors } from './sector-import/validate';
export { MAX_FILE_BYTES, MAX_XLSX_UNCOMPRESSED } from '../import/types';
export { decodeText, decodeWindows1252, isOle, isZip } from '../import/decode';
export { detectSeparator, separatorLabel } from '../import/csv';
export { cellText, measureUnpacked } from '../import/xlsx';
export { fmtInt, fmtMb } from '../import/text';
