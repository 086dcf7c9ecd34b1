/**
 * Reading a user's spreadsheet (CSV or XLSX) into grids of text cells, shared by every import
 * of the app (sector tables, local resources). Format by sniffing the bytes (zip = XLSX, OLE =
 * legacy .xls, refused), CSV encoding (UTF-8, UTF-16, Windows-1252) and separator guessed,
 * size and zip-bomb guards. Pure (no DOM), usable in Node tests. Errors are built by the caller
 * (`fail`), so each import keeps its own error class; messages are French.
 */
import Papa from 'papaparse';
import { unzipSync } from 'fflate';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Declared uncompressed size of an XLSX archive (zip-bomb guard). */
export const MAX_XLSX_UNCOMPRESSED = 300 * 1024 * 1024;

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

function isZip(b: Uint8Array): boolean {
	return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}
function isOle(b: Uint8Array): boolean {
	return b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;
}

interface Decoded {
	text: string;
	encoding: TextEncodingName;
	notes: string[];
}

/** UTF-8 (strict) first; UTF-16 by BOM or NUL pattern; otherwise Windows-1252, a superset of latin-1 used by Excel. */
export function decodeText(bytes: Uint8Array): Decoded {
	const notes: string[] = [];
	let encoding: Decoded['encoding'];
	let text: string;
	if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
	else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
	else if (bytes.length >= 4 && bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) encoding = 'utf-16le';
	else encoding = 'utf-8';
	if (encoding === 'utf-8') {
		try {
			text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		} catch {
			encoding = 'windows-1252';
			text = decodeWindows1252(bytes);
			notes.push(
				"Le fichier n'est pas encodé en UTF-8 : il a été lu en Windows-1252 (Latin-1), l'encodage habituel d'Excel sous Windows. Vérifiez que les accents s'affichent correctement ; sinon, réenregistrez le fichier en « CSV UTF-8 »."
			);
		}
	} else {
		text = new TextDecoder(encoding).decode(bytes);
		notes.push('Le fichier est encodé en UTF-16 (« texte Unicode » d’Excel) : il a été converti.');
	}
	// TextDecoder strips one BOM by default; strip any leftover (double BOM from some exports).
	text = text.replace(/^\uFEFF+/, '');
	return { text, encoding, notes };
}

// 0x80–0x9F of Windows-1252 (some runtimes' TextDecoder treat the label as ISO-8859-1 there).
const CP1252_HIGH =
	'\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
	'\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

export function decodeWindows1252(bytes: Uint8Array): string {
	const parts: string[] = [];
	const CHUNK = 8192;
	for (let i = 0; i < bytes.length; i += CHUNK) {
		const end = Math.min(i + CHUNK, bytes.length);
		const codes = new Array<number>(end - i);
		for (let j = i; j < end; j++) {
			const b = bytes[j]!;
			codes[j - i] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b;
		}
		parts.push(String.fromCharCode(...codes));
	}
	return parts.join('');
}

/** Separator guessed by papaparse on a preview without blank lines; header count as a fallback. */
function detectSeparator(text: string): string {
	const candidates = [';', ',', '\t', '|'];
	const preview = Papa.parse<string[]>(text.slice(0, 65536), { preview: 50, skipEmptyLines: 'greedy', delimitersToGuess: candidates });
	if (!preview.errors.some((e) => e.code === 'UndetectableDelimiter')) return preview.meta.delimiter;
	const first = text.split(/\r\n|\n|\r/).find((l) => l.trim() !== '') ?? '';
	let best = ';';
	let bestCount = 0;
	for (const c of candidates) {
		const n = first.split(c).length - 1;
		if (n > bestCount) {
			best = c;
			bestCount = n;
		}
	}
	return best;
}

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

function separatorLabel(sep: string): string {
	if (sep === '\t') return 'tabulation';
	if (sep === ';') return 'point-virgule ;';
	if (sep === ',') return 'virgule ,';
	return sep;
}

async function readXlsx(bytes: Uint8Array, label: string, opts: ReadOptions): Promise<TableFile> {
	const unreadable = () =>
		opts.fail(
			'xlsx-unreadable',
			`Le classeur « ${label} » n'a pas pu être lu (fichier endommagé, protégé par mot de passe, ou archive qui n'est pas un .xlsx, par exemple un .ods). Enregistrez-le au format .xlsx ou CSV depuis votre tableur et réessayez.`
		);
	// Sum the declared sizes without inflating anything (the filter rejects every entry).
	let declared = 0;
	try {
		unzipSync(bytes, {
			filter: (f) => {
				declared += f.originalSize;
				return false;
			}
		});
	} catch {
		throw unreadable();
	}
	if (declared > MAX_XLSX_UNCOMPRESSED) {
		throw opts.fail(
			'too-large',
			`Le classeur « ${label} » occupe ${fmtMb(declared)} une fois décompressé : la limite est de ${fmtMb(MAX_XLSX_UNCOMPRESSED)}. Enregistrez ${opts.what} seule, au format CSV.`
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

function cellText(v: unknown): string {
	if (v === null || v === undefined) return '';
	if (typeof v === 'string') return v;
	if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
	if (typeof v === 'boolean') return v ? 'VRAI' : 'FAUX';
	if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
	return String(v);
}

function fmtMb(bytes: number): string {
	return `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}
