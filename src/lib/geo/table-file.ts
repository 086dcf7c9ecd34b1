/**
 * Reading a user's spreadsheet (CSV or XLSX) into grids of text cells, shared by every import
 * of the app (sector tables, local resources). Format by sniffing the bytes (zip = XLSX, OLE =
 * legacy .xls, refused), CSV encoding (UTF-8, UTF-16, Windows-1252) and separator guessed,
 * size and zip-bomb guards. Pure (no DOM), usable in Node tests. Errors are built by the caller
 * (`fail`), so each import keeps its own error class; messages are French.
 */
import Papa from 'papaparse';
import { cellText, decodeText, isOle, isZip, decodeWindows1252, detectSeparator, fmtMb, MAX_XLSX_UNCOMPRESSED, measureUnpacked, separatorLabel } from './sector-import';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export { MAX_XLSX_UNCOMPRESSED };

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

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
}

export interface ReadOptions {
	/** What the file should hold, for messages: 'la table commune → secteur'. */
	what: string;
	fail: (code: string, message: string) => Error;
}

export async function readTableFile(bytes: Uint8Array, label: string, opts: ReadOptions): Promise<TableFile> {
	if (bytes.byteLength === 0) {
		throw opts.fail('empty', `Le fichier « ${label} » est vide. Choisissez un fichier CSV ou XLSX contenant ${opts.what}.`);
	}
	if (bytes.byteLength > MAX_FILE_BYTES) {
		throw opts.fail(
			'too-large',
			`Le fichier « ${label} » pèse ${fmtMb(bytes.byteLength)} : la limite est de ${fmtMb(MAX_FILE_BYTES)}. Retirez les colonnes inutiles ou découpez le fichier par département.`
		);
	}
	if (isZip(bytes)) return readXlsx(bytes, label, opts);
	if (isOle(bytes)) {
		throw opts.fail(
			'xls-legacy',
			`« ${label} » est un classeur Excel ancien format (.xls), non pris en charge. Dans votre tableur, enregistrez-le au format .xlsx ou CSV, puis importez-le à nouveau.`
		);
	}
	return readCsv(bytes, label, opts);
}


// Decoding is the sector import's (one rule for every file the app reads).
export { decodeText, decodeWindows1252 };


function readCsv(bytes: Uint8Array, label: string, opts: ReadOptions): TableFile {
	const { text, encoding, notes } = decodeText(bytes);
	if (text.trim() === '') {
		throw opts.fail('empty', `Le fichier « ${label} » ne contient aucune donnée. Choisissez un fichier CSV ou XLSX contenant ${opts.what}.`);
	}
	if (text.includes('\u0000')) {
		throw opts.fail('binary', `« ${label} » n'est ni un fichier CSV (texte) ni un classeur XLSX lisible. Exportez la table depuis votre tableur au format CSV ou XLSX.`);
	}
	const separator = detectSeparator(text);
	const parsed = Papa.parse<string[]>(text, {
		header: false,
		delimiter: separator,
		skipEmptyLines: false // keep indices aligned with the user's line numbers
	});
	const quoteErrors = parsed.errors.filter((e) => e.type === 'Quotes');
	if (quoteErrors.length) {
		const rows = quoteErrors.slice(0, 5).map((e) => (e.row ?? 0) + 1);
		notes.push(
			`Guillemets mal fermés dans le fichier (ligne${rows.length > 1 ? 's' : ''} ${rows.join(', ')}${quoteErrors.length > 5 ? '…' : ''}) : certaines lignes ont pu être fusionnées. Vérifiez-les dans le tableur.`
		);
	}
	notes.unshift(`Fichier CSV lu avec le séparateur « ${separatorLabel(separator)} ».`);
	return { format: 'csv', encoding, separator, sheets: [{ name: null, grid: parsed.data, notes }] };
}


async function readXlsx(bytes: Uint8Array, label: string, opts: ReadOptions): Promise<TableFile> {
	const unreadable = () =>
		opts.fail(
			'xlsx-unreadable',
			`Le classeur « ${label} » n'a pas pu être lu (fichier endommagé, protégé par mot de passe, ou archive qui n'est pas un .xlsx, par exemple un .ods). Enregistrez-le au format .xlsx ou CSV depuis votre tableur et réessayez.`
		);
	// Unpacked size measured while inflating (zip-bomb guard), never trusted from the header.
	let unpacked: number | null;
	try {
		unpacked = measureUnpacked(bytes, MAX_XLSX_UNCOMPRESSED);
	} catch {
		throw unreadable();
	}
	if (unpacked === null) {
		throw opts.fail(
			'too-large',
			`Le classeur « ${label} » occupe plus de ${fmtMb(MAX_XLSX_UNCOMPRESSED)} une fois décompressé : c’est la limite. Enregistrez ${opts.what} seule, au format CSV.`
		);
	}
	let sheets: { sheet: string; data: unknown[][] }[];
	try {
		// Loaded on demand: only XLSX imports pay for the reader.
		const { default: readXlsxFile } = await import('read-excel-file/universal');
		const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
		sheets = (await readXlsxFile(buffer)) as unknown as { sheet: string; data: unknown[][] }[];
	} catch {
		throw unreadable();
	}
	if (!sheets.length) throw opts.fail('empty', `Le classeur « ${label} » ne contient aucune feuille.`);
	return {
		format: 'xlsx',
		encoding: null,
		separator: null,
		sheets: sheets.map((s) => ({
			name: s.sheet,
			grid: s.data.map((row) => row.map(cellText)),
			notes: sheets.length > 1 ? [`Le classeur contient ${sheets.length} feuilles : seule la feuille « ${s.sheet} » a été lue.`] : []
		}))
	};
}


