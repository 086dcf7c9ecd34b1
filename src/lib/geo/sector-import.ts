/**
 * Import of a commune → psychiatric sector table (CSV or XLSX) and its validation.
 *
 * Two pure steps, no DOM, usable in the browser and in Node tests:
 *  1. `parseSectorFile` reads bytes into a raw table (encoding, separator, header synonyms);
 *  2. `validateSectors` checks every row against the COG and builds sectors plus a French report.
 * Nothing is stored here: the UI shows the report and saves only after the user confirms.
 * Every string from the file stays plain text (never HTML); rendering must escape it.
 */
import Papa from 'papaparse';
import { Unzip, UnzipInflate, UnzipPassThrough, unzipSync } from 'fflate';
import { neutraliseSectorName, sectorCodeProblem, sectorNameProblem } from './sector-schema';
import { coverage, resolveCityOverlaps } from './sector-plm';

// ---------------------------------------------------------------------------------------------
// Types

export type SectorType = 'G' | 'I';
export type ColumnKey = 'commune' | 'sector' | 'type' | 'name' | 'finess';

export interface RawSectorRow {
	line: number; // 1-based line (CSV record / spreadsheet row) as the user sees it
	commune: string;
	sector: string;
	type: string;
	name: string;
	finess: string;
}

export interface RawSectorTable {
	fileName: string;
	format: 'csv' | 'xlsx';
	encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | null; // null for XLSX
	separator: string | null; // CSV only
	sheet: string | null; // XLSX only
	headerLine: number;
	columns: Partial<Record<ColumnKey, string>>; // key → header as written in the file
	ignoredColumns: string[];
	rows: RawSectorRow[];
	notes: string[]; // French, shown as 'info' issues by validateSectors
	/**
	 * Structural problems of the file (unclosed quote, separator in a header cell, mixed
	 * separators, NUL bytes, ragged rows): French, with lines; shown as errors, and the import
	 * waits for the user's decision before anything can be saved.
	 */
	problems?: StructuralProblem[];
}

export interface StructuralProblem {
	code: `structure-${string}`;
	message: string;
	lines: number[];
}

export interface CommuneInfo {
	dep: string;
	name: string;
	population: number;
}

/** Optional details on non-current codes (former, delegated, associated, arrondissement). */
export interface AliasInfo {
	kind: 'actuelle' | 'ancien' | 'deleguee' | 'associee' | 'arrondissement';
	name?: string;
	population?: number | null;
}

export interface SectorImportContext {
	communes: Map<string, CommuneInfo>; // COG current communes
	aliases: Map<string, string>; // any code seen in a source → current code (may include identity rows)
	aliasDetails?: Map<string, AliasInfo>; // clearer messages and population-based arbitration
	scopeDeps?: string[]; // départements to check for coverage; default: those touched by the file
}

export interface Sector {
	code: string;
	type: SectorType;
	name: string | null;
	finess: string | null;
	communes: string[]; // current COG codes, sorted
	deps: string[]; // sorted
	population: number; // population municipale (all ages) of its communes
}

export interface SectorAssignment {
	commune: string;
	sector: string;
	type: SectorType;
}

export type IssueLevel = 'error' | 'warning' | 'info';

export interface SectorImportIssue {
	level: IssueLevel;
	code: string; // stable machine id, e.g. 'commune-unknown'
	message: string; // French
	lines: number[];
	details?: string[]; // full list behind a summarised message (codes, sectors…)
}

export interface UnassignedCommune {
	type: SectorType;
	commune: string;
	name: string;
	dep: string;
	population: number;
}

export interface SectorImportStats {
	rowsRead: number;
	rowsAccepted: number; // rows whose assignment is kept
	rowsRejected: number; // rows with an error
	rowsDuplicate: number; // same commune, same sector: ignored
	rowsOverridden: number; // old communes of a merged commune sent to another sector
	codesMapped: number; // distinct obsolete/sub-municipal codes mapped to a current commune
	sectors: Record<SectorType, number>;
	communesAssigned: Record<SectorType, number>;
	populationCovered: Record<SectorType, number>;
	scopeDeps: string[];
	unassigned: Record<SectorType, number>;
	unassignedPopulation: Record<SectorType, number>;
}

export interface SectorImportReport {
	sectors: Sector[];
	assignments: SectorAssignment[];
	unassigned: UnassignedCommune[];
	issues: SectorImportIssue[];
	stats: SectorImportStats;
	ok: boolean; // false only when no row is usable
	/** Number of structural problems: when > 0 the user must confirm explicitly before saving. */
	structural: number;
}

export class SectorImportError extends Error {
	readonly code: string;
	constructor(code: string, message: string) {
		super(message);
		this.name = 'SectorImportError';
		this.code = code;
	}
}

// ---------------------------------------------------------------------------------------------
// Limits and constants

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_ROWS = 500_000;
/**
 * Unpacked size of an XLSX archive (zip-bomb guard), measured while inflating, not trusted from
 * the archive's header. A sector table of every French commune is ≈ 10 Mo of sheet XML.
 */
export const MAX_XLSX_UNCOMPRESSED = 80 * 1024 * 1024;

/** Progress of an import, for a progress bar (posted by the import worker). */
export interface ImportProgress {
	stage: 'read' | 'unpack' | 'parse' | 'rows' | 'validate';
	bytesDone: number;
	bytesTotal: number;
	rows: number;
}
export type ProgressHook = (p: ImportProgress) => void;
/** Name of the example lines of the template: rows still carrying it are flagged. */
export const TEMPLATE_EXAMPLE_NAME = 'Exemple — à remplacer';

const TYPE_LABEL: Record<SectorType, string> = {
	G: 'psychiatrie générale (G, adultes ≥ 16 ans)',
	I: 'psychiatrie infanto-juvénile (I, moins de 16 ans)'
};

// ---------------------------------------------------------------------------------------------
// Parsing

export async function parseSectorFile(bytes: Uint8Array, fileName: string, onProgress?: ProgressHook): Promise<RawSectorTable> {
	const label = fileName || 'fichier';
	if (bytes.byteLength === 0) {
		throw new SectorImportError('empty', `Le fichier « ${label} » est vide. Choisissez un fichier CSV ou XLSX contenant la table commune → secteur.`);
	}
	if (bytes.byteLength > MAX_FILE_BYTES) {
		throw new SectorImportError(
			'too-large',
			`Le fichier « ${label} » pèse ${fmtMb(bytes.byteLength)} : la limite est de ${fmtMb(MAX_FILE_BYTES)}. Retirez les colonnes inutiles ou découpez le fichier par département.`
		);
	}
	if (isZip(bytes)) return parseXlsx(bytes, label, onProgress);
	if (isOle(bytes)) {
		throw new SectorImportError(
			'xls-legacy',
			`« ${label} » est un classeur Excel ancien format (.xls), non pris en charge. Dans votre tableur, enregistrez-le au format .xlsx ou CSV, puis importez-le à nouveau.`
		);
	}
	return parseCsv(bytes, label, onProgress);
}

export function isZip(b: Uint8Array): boolean {
	return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}
export function isOle(b: Uint8Array): boolean {
	return b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;
}

interface Decoded {
	text: string;
	encoding: NonNullable<RawSectorTable['encoding']>;
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
				"Le fichier n'est pas encodé en UTF-8 : il a été lu en Windows-1252 (Latin-1), l'encodage habituel d'Excel sous Windows. Vérifiez que les accents des noms de secteurs s'affichent correctement ; sinon, réenregistrez le fichier en « CSV UTF-8 »."
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
export function detectSeparator(text: string): string {
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

/** 1-based line of a character offset in a text (\r\n, \n or \r line breaks). */
function lineLocator(text: string): (offset: number) => number {
	const starts: number[] = [0];
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
	}
	return (offset) => {
		let lo = 0;
		let hi = starts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (starts[mid]! <= offset) lo = mid;
			else hi = mid - 1;
		}
		return lo + 1;
	};
}

const SEPARATORS = [';', ',', '\t', '|'];
// eslint-disable-next-line no-control-regex
const BINARY_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;
const LINE_BREAK = /\r\n|\n|\r/g;

function countBreaks(s: string): number {
	let n = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c === 10 || (c === 13 && s.charCodeAt(i + 1) !== 10)) n++;
	}
	return n;
}

function parseCsv(bytes: Uint8Array, label: string, onProgress?: ProgressHook): RawSectorTable {
	const decoded = decodeText(bytes);
	onProgress?.({ stage: 'parse', bytesDone: bytes.byteLength, bytesTotal: bytes.byteLength, rows: 0 });
	const { encoding, notes } = decoded;
	let text = decoded.text;
	if (text.trim() === '') {
		throw new SectorImportError('empty', `Le fichier « ${label} » ne contient aucune donnée. Choisissez un fichier CSV ou XLSX contenant la table commune → secteur.`);
	}
	const problems: StructuralProblem[] = [];
	if (text.includes('\u0000')) {
		// Many control characters: not a text file. A few NULs in a text: removed and flagged.
		const controls = text.match(BINARY_CHARS)?.length ?? 0;
		if (controls > 16 && controls > text.length / 200) {
			throw new SectorImportError(
				'binary',
				`« ${label} » n'est ni un fichier CSV (texte) ni un classeur XLSX lisible : il contient ${fmtInt(controls)} caractères de contrôle. Exportez la table depuis votre tableur au format CSV ou XLSX.`
			);
		}
		const lineOf = lineLocator(text);
		const lines: number[] = [];
		let n = 0;
		for (let i = text.indexOf('\u0000'); i >= 0; i = text.indexOf('\u0000', i + 1)) {
			n++;
			const l = lineOf(i);
			if (lines[lines.length - 1] !== l) lines.push(l);
		}
		text = text.replace(/\u0000/g, '');
		problems.push({
			code: 'structure-nul',
			message: `Le fichier contient ${plural(n, 'caractère nul', 'caractères nuls')} (octet 0x00), qu'un fichier texte ne contient pas : ${n > 1 ? 'ils ont été retirés' : 'il a été retiré'}. ${fmtLines(lines)} du fichier. Vérifiez ces lignes : le fichier a pu être endommagé ou mal exporté.`,
			lines
		});
	}
	const separator = detectSeparator(text);
	const parsed = Papa.parse<string[]>(text, {
		header: false,
		delimiter: separator,
		skipEmptyLines: false // keep indices aligned with the user's line numbers
	});
	const grid = parsed.data;
	// Physical line of each record (records and lines differ after a cell spanning lines).
	const firstLine: number[] = new Array(grid.length);
	let cur = 1;
	for (let i = 0; i < grid.length; i++) {
		firstLine[i] = cur;
		let breaks = 0;
		for (const c of grid[i] ?? []) breaks += countBreaks(c);
		cur += breaks + 1;
	}
	const quoteRows = [...new Set(parsed.errors.filter((e) => e.type === 'Quotes').map((e) => e.row ?? 0))].sort((x, y) => x - y);
	if (quoteRows.length) {
		const parts = quoteRows.slice(0, 5).map((r) => {
			const row = grid[r] ?? [];
			// Line breaks swallowed by the open quote (the file's final one aside).
			const breaks = row.reduce((n, c) => n + countBreaks(c.replace(/[\r\n]+$/, '')), 0);
			const cell = row.find((c) => countBreaks(c) > 0) ?? row.find((c) => c.includes('"')) ?? '';
			const start = cell.split(LINE_BREAK)[0] ?? '';
			return `ligne ${r + 1}${firstLine[r] !== r + 1 ? ` (ligne ${firstLine[r]} du texte)` : ''}${breaks ? ` : les ${fmtInt(breaks)} lignes suivantes du fichier ont été fusionnées dans la cellule ${quote(start)}` : ''}`;
		});
		problems.push({
			code: 'structure-quote',
			message: `Guillemets mal fermés : un guillemet ouvre une cellule sans la refermer (${parts.join(' ; ')}${quoteRows.length > 5 ? ` ; et ${fmtInt(quoteRows.length - 5)} autre${quoteRows.length - 5 > 1 ? 's' : ''}` : ''}). Les lignes fusionnées ne sont pas lues comme des lignes distinctes : corrigez le guillemet dans le tableur ou l'éditeur de texte, puis importez à nouveau le fichier.`,
			lines: quoteRows.map((r) => r + 1)
		});
	}
	// Cells spanning lines without a quote error (a stray quote closed further down).
	const multiline: number[] = [];
	grid.forEach((row, i) => {
		if (!quoteRows.includes(i) && row.some((c) => countBreaks(c) > 0)) multiline.push(i + 1);
	});
	if (multiline.length) {
		problems.push({
			code: 'structure-multiline',
			message: `${plural(multiline.length, 'ligne contient', 'lignes contiennent')} une cellule écrite sur plusieurs lignes du fichier (entre guillemets) : souvent le signe d'un guillemet égaré qui a fusionné des lignes. ${fmtLines(multiline)}. Vérifiez-les.`,
			lines: multiline
		});
	}
	const mixed = fixMixedSeparators(grid, separator);
	if (mixed.size) {
		const lines = [...mixed.values()].flat().sort((x, y) => x - y);
		const per = [...mixed].map(([sep, l]) => `« ${separatorLabel(sep)} » : ${fmtLines(l).toLowerCase()}`);
		problems.push({
			code: 'structure-mixed-separators',
			message: `Séparateurs mélangés : le fichier sépare ses colonnes par « ${separatorLabel(separator)} », mais ${plural(lines.length, 'ligne utilise', 'lignes utilisent')} un autre séparateur (${per.join(' ; ')}). Ces lignes ont été lues avec leur propre séparateur ; vérifiez-les, et enregistrez le fichier avec un seul séparateur.`,
			lines
		});
	}
	const table = tableFromGrid(grid, label, {
		format: 'csv',
		encoding,
		separator,
		sheet: null,
		notes,
		problems
	}, onProgress && ((rows) => onProgress({ stage: 'rows', bytesDone: bytes.byteLength, bytesTotal: bytes.byteLength, rows })));
	table.notes.unshift(`Fichier CSV lu avec le séparateur « ${separatorLabel(separator)} ».`);
	return table;
}

/**
 * Rows whose cell count differs from the file's usual one, but matches it when split by another
 * separator, are re-read with that separator (in place). Returns separator → lines (1-based).
 */
function fixMixedSeparators(grid: string[][], separator: string): Map<string, number[]> {
	const widths = new Map<number, number>();
	for (const row of grid) if (row.length > 1) widths.set(row.length, (widths.get(row.length) ?? 0) + 1);
	let usual = 0;
	let most = 0;
	for (const [w, n] of widths) if (n > most || (n === most && w > usual)) [usual, most] = [w, n];
	const out = new Map<string, number[]>();
	if (usual < 2) return out;
	for (let i = 0; i < grid.length; i++) {
		const row = grid[i]!;
		if (row.length === usual || row.every((c) => c.trim() === '')) continue;
		const line = row.join(separator);
		for (const c of SEPARATORS) {
			if (c === separator || !line.includes(c)) continue;
			const cells = Papa.parse<string[]>(line, { delimiter: c }).data[0] ?? [];
			if (cells.length === usual) {
				grid[i] = cells;
				const l = out.get(c);
				if (l) l.push(i + 1);
				else out.set(c, [i + 1]);
				break;
			}
		}
	}
	return out;
}

export function separatorLabel(sep: string): string {
	if (sep === '\t') return 'tabulation';
	if (sep === ';') return 'point-virgule ;';
	if (sep === ',') return 'virgule ,';
	return sep;
}

/**
 * Inflates every entry of a zip archive without keeping the output, counting its bytes; stops as
 * soon as `limit` is passed. Returns the total, or null when over the limit. Throws on a damaged
 * archive.
 */
export function measureUnpacked(bytes: Uint8Array, limit: number, onBytes?: (done: number) => void): number | null {
	let total = 0;
	let over = false;
	let failure: unknown = null;
	const unzip = new Unzip((file) => {
		file.ondata = (err, chunk) => {
			if (err) failure ??= err;
			if (over || !chunk) return;
			total += chunk.length;
			if (total > limit) {
				over = true;
				file.terminate();
			}
		};
		file.start();
	});
	unzip.register(UnzipInflate);
	unzip.register(UnzipPassThrough);
	const CHUNK = 256 * 1024;
	for (let i = 0; i < bytes.length && !over; i += CHUNK) {
		const end = Math.min(i + CHUNK, bytes.length);
		unzip.push(bytes.subarray(i, end), end === bytes.length);
		if (failure) throw failure;
		onBytes?.(end);
	}
	return over ? null : total;
}

async function parseXlsx(bytes: Uint8Array, label: string, onProgress?: ProgressHook): Promise<RawSectorTable> {
	const unreadable = () =>
		new SectorImportError(
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
	const tooLarge = (size: string) =>
		new SectorImportError(
			'too-large',
			`Le classeur « ${label} » occupe ${size} une fois décompressé : la limite est de ${fmtMb(MAX_XLSX_UNCOMPRESSED)}. Enregistrez la table commune → secteur seule, au format CSV.`
		);
	if (declared > MAX_XLSX_UNCOMPRESSED) throw tooLarge(fmtMb(declared));
	// The header can lie: measure while inflating (stops at the limit).
	let unpacked: number | null;
	try {
		unpacked = measureUnpacked(bytes, MAX_XLSX_UNCOMPRESSED, (done) =>
			onProgress?.({ stage: 'unpack', bytesDone: done, bytesTotal: bytes.byteLength, rows: 0 })
		);
	} catch {
		throw unreadable();
	}
	if (unpacked === null) throw tooLarge(`plus de ${fmtMb(MAX_XLSX_UNCOMPRESSED)}`);
	onProgress?.({ stage: 'parse', bytesDone: bytes.byteLength, bytesTotal: bytes.byteLength, rows: 0 });
	let sheets: { sheet: string; data: unknown[][] }[];
	try {
		// Loaded on demand: only XLSX imports pay for the reader.
		const { default: readXlsxFile } = await import('read-excel-file/universal');
		const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
		sheets = (await readXlsxFile(buffer)) as unknown as { sheet: string; data: unknown[][] }[];
	} catch {
		throw unreadable();
	}
	if (!sheets.length) {
		throw new SectorImportError('empty', `Le classeur « ${label} » ne contient aucune feuille.`);
	}
	// First sheet whose header is recognised; the first one's error otherwise.
	let firstError: SectorImportError | null = null;
	for (const s of sheets) {
		const grid = s.data.map((row) => row.map(cellText));
		if (!grid.some((r) => r.some((c) => c.trim() !== ''))) continue;
		try {
			const notes: string[] = [];
			if (sheets.length > 1) {
				notes.push(`Le classeur contient ${sheets.length} feuilles : seule la feuille « ${s.sheet} » a été lue.`);
			}
			return tableFromGrid(grid, label, { format: 'xlsx', encoding: null, separator: null, sheet: s.sheet, notes });
		} catch (e) {
			if (!(e instanceof SectorImportError)) throw e;
			firstError ??= e;
		}
	}
	throw firstError ?? new SectorImportError('empty', `Le classeur « ${label} » ne contient aucune donnée.`);
}

export function cellText(v: unknown): string {
	if (v === null || v === undefined) return '';
	if (typeof v === 'string') return v;
	if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
	if (typeof v === 'boolean') return v ? 'VRAI' : 'FAUX';
	if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
	return String(v);
}

// ----- header matching

export function normaliseHeader(s: string): string {
	return s
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

const EXACT: Record<ColumnKey, string[]> = {
	commune: [
		'code commune', 'code insee', 'insee', 'codgeo', 'com', 'code com', 'code commune insee', 'code insee commune',
		'code insee de la commune', 'code de la commune', 'depcom', 'cog', 'code cog', 'code geo', 'code geographique',
		'codecommune', 'codeinsee', 'commune code', 'insee code', 'municipality code', 'num insee', 'n insee'
	],
	sector: [
		'secteur', 'code secteur', 'sector', 'sector code', 'code sector', 'codesecteur', 'secteur psychiatrique',
		'code secteur psychiatrique', 'secteur de psychiatrie', 'num secteur', 'numero secteur', 'numero de secteur',
		'n secteur', 'id secteur', 'identifiant secteur'
	],
	type: ['type', 'type secteur', 'type de secteur', 'sector type', 'typesecteur', 'type sector', 'categorie secteur', 'nature secteur'],
	name: [
		'nom', 'libelle secteur', 'libelle', 'nom secteur', 'nom du secteur', 'libelle du secteur', 'nom de secteur',
		'sector name', 'name', 'intitule', 'intitule secteur', 'denomination', 'label'
	],
	finess: [
		'finess', 'finess etablissement', 'finess de l etablissement', 'n finess', 'numero finess', 'no finess', 'finess et',
		'finess geographique', 'finess etab', 'finess gestionnaire', 'finess ej', 'finess juridique', 'code finess'
	]
};

const EXACT_LOOKUP: Map<string, ColumnKey> = (() => {
	const m = new Map<string, ColumnKey>();
	for (const [k, list] of Object.entries(EXACT) as [ColumnKey, string[]][]) for (const s of list) m.set(s, k);
	return m;
})();

/** Column key for one header and a score (3 exact synonym, 2 keyword rule, 1 weak), or null. */
export function matchHeader(header: string): { key: ColumnKey; score: number } | null {
	const n = normaliseHeader(header);
	if (!n) return null;
	const exact = EXACT_LOOKUP.get(n);
	if (exact) return { key: exact, score: 3 };
	const t = new Set(n.split(' '));
	const has = (...w: string[]) => w.some((x) => t.has(x));
	if (has('finess')) return { key: 'finess', score: 2 };
	const sectorWord = has('secteur', 'secteurs', 'sector', 'sectors') || n.includes('secteur');
	const nameWord = has('nom', 'libelle', 'intitule', 'name', 'label', 'denomination');
	if (!sectorWord && (has('commune', 'communes', 'com') || n.includes('commune')) && nameWord) return null; // commune name: informative only
	if (has('type', 'typologie')) return { key: 'type', score: 2 };
	if (sectorWord && nameWord) return { key: 'name', score: 2 };
	if (sectorWord) return { key: 'sector', score: 2 };
	if (has('insee', 'codgeo', 'depcom', 'cog') || (has('code', 'cod', 'num', 'numero') && (has('commune', 'com') || n.includes('commune')))) {
		return { key: 'commune', score: 2 };
	}
	if (n === 'commune' || n === 'communes' || n === 'municipality') return { key: 'commune', score: 1 };
	return null;
}

interface HeaderMap {
	index: Partial<Record<ColumnKey, number>>;
	ignored: string[];
}

function mapHeaders(headers: string[]): HeaderMap {
	const best: Partial<Record<ColumnKey, { i: number; score: number }>> = {};
	headers.forEach((h, i) => {
		const m = matchHeader(h);
		if (!m) return;
		const cur = best[m.key];
		if (!cur || m.score > cur.score) best[m.key] = { i, score: m.score };
	});
	const index: HeaderMap['index'] = {};
	for (const [k, v] of Object.entries(best) as [ColumnKey, { i: number }][]) index[k] = v.i;
	const used = new Set(Object.values(index));
	const ignored = headers.filter((h, i) => !used.has(i) && h.trim() !== '').map((h) => h.trim());
	return { index, ignored };
}

const HEADER_SCAN_ROWS = 20;

function tableFromGrid(
	grid: string[][],
	label: string,
	meta: Pick<RawSectorTable, 'format' | 'encoding' | 'separator' | 'sheet' | 'notes'> & { problems?: StructuralProblem[] },
	onRows?: (rows: number) => void
): RawSectorTable {
	const problems = meta.problems ?? [];
	// The header may sit below a title block: scan the first non-empty rows.
	let headerIdx = -1;
	let map: HeaderMap | null = null;
	let firstNonEmpty: string[] | null = null;
	let scanned = 0;
	for (let i = 0; i < grid.length && scanned < HEADER_SCAN_ROWS; i++) {
		const row = grid[i] ?? [];
		if (!row.some((c) => c.trim() !== '')) continue;
		scanned++;
		firstNonEmpty ??= row;
		const m = mapHeaders(row);
		if (m.index.commune !== undefined && m.index.sector !== undefined) {
			headerIdx = i;
			map = m;
			break;
		}
	}
	if (!firstNonEmpty) {
		throw new SectorImportError('empty', `Le fichier « ${label} » ne contient aucune donnée. Choisissez un fichier CSV ou XLSX contenant la table commune → secteur.`);
	}
	if (!map) {
		const m = mapHeaders(firstNonEmpty);
		const missing: string[] = [];
		if (m.index.commune === undefined) missing.push('code commune (ex. « code_commune », « code INSEE », « codgeo »)');
		if (m.index.sector === undefined) missing.push('code secteur (ex. « code_secteur », « secteur »)');
		const seen = firstNonEmpty.filter((c) => c.trim() !== '').slice(0, 12).map((c) => `« ${c.trim().slice(0, 60)} »`);
		throw new SectorImportError(
			'missing-columns',
			`Colonne${missing.length > 1 ? 's' : ''} obligatoire${missing.length > 1 ? 's' : ''} introuvable${missing.length > 1 ? 's' : ''} dans « ${label} » : ${missing.join(' ; ')}. En-têtes lus : ${seen.join(', ') || 'aucun'}. La première ligne doit contenir les noms de colonnes ; téléchargez le modèle pour voir le format attendu.`
		);
	}
	const header = grid[headerIdx] ?? [];
	const idx = map.index;
	const columns: RawSectorTable['columns'] = {};
	for (const [k, i] of Object.entries(idx) as [ColumnKey, number][]) columns[k] = (header[i] ?? '').trim();

	const get = (row: string[], k: ColumnKey): string => {
		const i = idx[k];
		return i === undefined ? '' : (row[i] ?? '');
	};
	if (meta.separator) checkColumns(grid, headerIdx, idx, meta.separator, problems);
	const rows: RawSectorRow[] = [];
	for (let i = headerIdx + 1; i < grid.length; i++) {
		const row = grid[i] ?? [];
		let empty = true;
		for (const c of row) if (c.trim() !== '') { empty = false; break; }
		if (empty) continue;
		if (rows.length >= MAX_ROWS) {
			throw new SectorImportError(
				'too-many-rows',
				`Le fichier « ${label} » dépasse ${fmtInt(MAX_ROWS)} lignes de données. Une table commune → secteur en compte au plus quelques dizaines de milliers : vérifiez le fichier ou découpez-le par département.`
			);
		}
		if (onRows && rows.length % 10_000 === 0) onRows(rows.length);
		rows.push({
			line: i + 1,
			commune: get(row, 'commune'),
			sector: get(row, 'sector'),
			type: get(row, 'type'),
			name: get(row, 'name'),
			finess: get(row, 'finess')
		});
	}
	const notes = meta.notes;
	if (headerIdx > 0) notes.push(`Ligne d'en-tête trouvée à la ligne ${headerIdx + 1} : les lignes au-dessus ont été ignorées.`);
	if (map.ignored.length) {
		notes.push(`Colonne${map.ignored.length > 1 ? 's' : ''} non utilisée${map.ignored.length > 1 ? 's' : ''} : ${map.ignored.slice(0, 10).map((h) => `« ${h.slice(0, 60)} »`).join(', ')}${map.ignored.length > 10 ? '…' : ''}.`);
	}
	if (idx.type === undefined) {
		const inferable = rows.slice(0, 200).some((r) => typeFromSectorCode(normaliseSectorCode(r.sector)) !== null);
		if (!inferable && rows.length > 0) {
			throw new SectorImportError(
				'missing-columns',
				`Colonne obligatoire introuvable dans « ${label} » : type de secteur (G pour la psychiatrie générale, I pour l'infanto-juvénile), et les codes secteur ne permettent pas de le déduire. Ajoutez une colonne « type_secteur ».`
			);
		}
		notes.push('Pas de colonne « type » : le type G/I est déduit du code secteur (ex. 69G01 → G).');
	}
	return {
		fileName: label,
		format: meta.format,
		encoding: meta.encoding,
		separator: meta.separator,
		sheet: meta.sheet,
		headerLine: headerIdx + 1,
		columns,
		ignoredColumns: map.ignored,
		rows,
		notes,
		problems
	};
}

/** Width of a row without its trailing empty cells. */
function usedWidth(row: string[]): number {
	let n = row.length;
	while (n > 0 && row[n - 1]!.trim() === '') n--;
	return n;
}

/**
 * CSV column structure: a header cell holding the separator, a header wider or narrower than the
 * data (every column shifted), rows with more cells than the header or missing a needed column.
 */
function checkColumns(
	grid: string[][],
	headerIdx: number,
	idx: Partial<Record<ColumnKey, number>>,
	separator: string,
	problems: StructuralProblem[]
): void {
	const header = grid[headerIdx] ?? [];
	const headerLine = headerIdx + 1;
	const withSep = header.filter((h) => h.includes(separator));
	if (withSep.length) {
		problems.push({
			code: 'structure-header-separator',
			message: `L'en-tête (ligne ${headerLine}) contient le séparateur « ${separatorLabel(separator)} » dans ${withSep.length > 1 ? 'les cellules' : 'la cellule'} ${withSep.map(quote).join(', ')} : dans un tableur ou un autre logiciel, ${withSep.length > 1 ? 'elles seront lues' : 'elle sera lue'} comme plusieurs colonnes et décalera les suivantes. Renommez ${withSep.length > 1 ? 'ces colonnes' : 'cette colonne'} sans « ${separatorLabel(separator)} ».`,
			lines: [headerLine]
		});
	}
	// Raw widths (a trailing empty cell still counts: `a;b;` has 3 cells, like its header).
	const hw = header.length;
	const raw = new Map<number, number>();
	const needed = Math.max(idx.commune ?? 0, idx.sector ?? 0, idx.type ?? 0) + 1;
	const off = new Map<number, number[]>(); // used width → lines of rows too wide or too short
	let dataRows = 0;
	for (let i = headerIdx + 1; i < grid.length; i++) {
		const row = grid[i] ?? [];
		const w = usedWidth(row);
		if (w === 0) continue;
		dataRows++;
		raw.set(row.length, (raw.get(row.length) ?? 0) + 1);
		if (w > hw || row.length < needed) {
			const l = off.get(w);
			if (l) l.push(i + 1);
			else off.set(w, [i + 1]);
		}
	}
	let usual = hw;
	let most = 0;
	for (const [w, n] of raw) if (n > most) [usual, most] = [w, n];
	// Most data rows of another width than the header: a header cell was split by the separator.
	if (dataRows > 0 && usual !== hw && most > dataRows / 2) {
		problems.push({
			code: 'structure-header-shift',
			message: `L'en-tête (ligne ${headerLine}) compte ${fmtInt(hw)} colonnes, mais la plupart des lignes de données en ont ${fmtInt(usual)} : les colonnes sont décalées par rapport à leurs titres, probablement parce qu'un titre contient le séparateur « ${separatorLabel(separator)} » (en-têtes lus : ${header.slice(0, 12).map(quote).join(', ')}). Les valeurs lues sous chaque titre sont fausses : corrigez l'en-tête puis importez à nouveau le fichier.`,
			lines: [headerLine]
		});
		return;
	}
	const ragged: number[] = [];
	const sample: string[] = [];
	for (const [w, lines] of off) {
		ragged.push(...lines);
		if (sample.length < 5) sample.push(`${fmtInt(w)} cellule${w > 1 ? 's' : ''} remplie${w > 1 ? 's' : ''} (${fmtLines(lines, 3).toLowerCase()})`);
	}
	if (ragged.length) {
		ragged.sort((a, b) => a - b);
		problems.push({
			code: 'structure-ragged',
			message: `${plural(ragged.length, 'ligne n’a', 'lignes n’ont')} pas le nombre de colonnes de l'en-tête (${fmtInt(hw)}) : ${sample.join(' ; ')}. Une cellule de trop décale les valeurs suivantes, une cellule manquante laisse une colonne vide. ${fmtLines(ragged)}. Vérifiez ces lignes.`,
			lines: ragged
		});
	}
}

// ---------------------------------------------------------------------------------------------
// Normalisation helpers (exported for the UI and tests)

/** '1001' → '01001', ' 2a004 ' → '2A004', '1001.0' → '01001'; null when not a commune code. */
export function normaliseCommuneCode(raw: string): string | null {
	let s = raw.trim().toUpperCase().replace(/\s+/g, '');
	if (/^\d+\.0+$/.test(s)) s = s.replace(/\.0+$/, '');
	if (/^\d{4}$/.test(s)) s = '0' + s;
	return /^(\d{5}|2[AB]\d{3})$/.test(s) ? s : null;
}

export function normaliseSectorCode(raw: string): string {
	return raw.trim().toUpperCase().replace(/\s+/g, '');
}

/** '69G01' → 'G'; null when the code does not carry the type letter. */
export function typeFromSectorCode(code: string): SectorType | null {
	const m = /^(?:\d{2}|2[AB]|97\d)([GI])\d{1,3}$/.exec(code);
	return m ? (m[1] as SectorType) : null;
}

export const SECTOR_CODE_PATTERN = /^(\d{2}|2[AB]|97\d)([GI])(\d{1,3})$/;

export type TypeParse = { type: SectorType } | { rejected: 'not-territorial' | 'invalid' | 'empty' };

const TYPE_WORDS: Record<string, SectorType | 'not-territorial'> = {};
for (const w of [
	'g', 'gen', 'general', 'generale', 'generaliste', 'adulte', 'adultes', 'psychiatrie generale', 'psychiatrie adulte',
	'psychiatrie adultes', 'psychiatrie generale adulte', 'pg', 'pga', 'sg', 'secteur g', 'secteur adulte', 'secteur adultes',
	'secteur de psychiatrie generale', 'adult', 'adults', 'general psychiatry'
]) TYPE_WORDS[w] = 'G';
for (const w of [
	'i', 'inf', 'ij', 'pij', 'infanto juvenile', 'infantojuvenile', 'infanto', 'enfant', 'enfants', 'enfants et adolescents',
	'enfant et adolescent', 'enfants adolescents', 'pedopsychiatrie', 'psychiatrie infanto juvenile', 'psychiatrie de l enfant et de l adolescent',
	'psychiatrie enfant', 'secteur i', 'secteur infanto juvenile', 'child', 'children', 'child and adolescent'
]) TYPE_WORDS[w] = 'I';
for (const w of [
	'p', 'z', 'pen', 'penitentiaire', 'milieu penitentiaire', 'psychiatrie penitentiaire', 'smpr', 'intersectoriel',
	'inter sectoriel', 'intersectoriel z', 'secteur p', 'secteur z', 'dispositif intersectoriel', 'intersectorial'
]) TYPE_WORDS[w] = 'not-territorial';

export function parseSectorType(raw: string): TypeParse {
	const n = normaliseHeader(raw);
	if (!n) return { rejected: 'empty' };
	const t = TYPE_WORDS[n];
	if (t === 'not-territorial') return { rejected: 'not-territorial' };
	if (t) return { type: t };
	return { rejected: 'invalid' };
}

/** FINESS: 9 characters ('2A'/'2B' in Corsica); 8 digits get their lost leading zero back. */
export function normaliseFiness(raw: string): string | null {
	let s = raw.trim().toUpperCase().replace(/\s+/g, '');
	if (/^\d+\.0+$/.test(s)) s = s.replace(/\.0+$/, '');
	if (/^\d{8}$/.test(s)) s = '0' + s;
	return /^(\d{9}|2[AB]\d{7})$/.test(s) ? s : null;
}

// ---------------------------------------------------------------------------------------------
// Validation

interface SectorAcc {
	code: string;
	type: SectorType;
	names: Map<string, number[]>;
	finess: Map<string, number[]>;
}

interface Source {
	input: string; // normalised code as written in the file
	sectorKey: string;
	line: number;
	lines: number[]; // this line and its duplicates
	via: 'direct' | 'alias';
}

interface Group {
	commune: string;
	type: SectorType;
	sources: Map<string, Source>;
	conflicts: { input: string; sectorKey: string; line: number }[];
}

const ALIAS_KIND_LABEL: Record<AliasInfo['kind'], string> = {
	actuelle: 'commune actuelle',
	ancien: 'ancienne commune fusionnée',
	deleguee: 'commune déléguée',
	associee: 'commune associée',
	arrondissement: 'arrondissement municipal'
};

export function validateSectors(raw: RawSectorTable, ctx: SectorImportContext): SectorImportReport {
	const issues: SectorImportIssue[] = [];
	const add = (level: IssueLevel, code: string, message: string, lines: number[] = [], details?: string[]) => {
		const issue: SectorImportIssue = { level, code, message, lines };
		if (details && details.length) issue.details = details;
		issues.push(issue);
	};
	for (const note of raw.notes) add('info', 'parse-note', note);
	const structural = raw.problems ?? [];
	for (const p of structural) add('error', p.code, p.message, p.lines);

	// Buckets aggregated into one issue each.
	const missingCommune: number[] = [];
	const badCommune = new Map<string, number[]>();
	const unknownCommune = new Map<string, number[]>();
	const missingSector: number[] = [];
	const badType = new Map<string, number[]>();
	const notTerritorial = new Map<string, number[]>();
	const missingType: number[] = [];
	const inferredType: number[] = [];
	const typeMismatch = new Map<string, number[]>();
	const padded: number[] = [];
	const badFiness = new Map<string, number[]>();
	const exampleRows: number[] = [];
	const mapped = new Map<string, { target: string; lines: number[] }>();
	const outOfScope = new Map<string, number[]>();
	const badSectorCode = new Map<string, { codes: Set<string>; lines: number[] }>(); // problem → codes, lines
	const badName = new Map<string, { names: Set<string>; lines: number[] }>();
	const neutralised: number[] = [];
	const scopeSet = ctx.scopeDeps ? new Set(ctx.scopeDeps) : null;

	const sectors = new Map<string, SectorAcc>();
	const groups = new Map<string, Group>();
	const rejectedLines = new Set<number>();
	let duplicates = 0;
	const duplicateLines: number[] = [];

	const push = <K>(m: Map<K, number[]>, k: K, line: number) => {
		const l = m.get(k);
		if (l) l.push(line);
		else m.set(k, [line]);
	};

	for (const r of raw.rows) {
		const line = r.line;
		// commune
		const communeRaw = r.commune.trim();
		if (!communeRaw) {
			missingCommune.push(line);
			rejectedLines.add(line);
			continue;
		}
		const input = normaliseCommuneCode(communeRaw);
		if (!input) {
			push(badCommune, communeRaw, line);
			rejectedLines.add(line);
			continue;
		}
		if (/^\d{4}$/.test(communeRaw.replace(/\.0+$/, '').trim())) padded.push(line);
		// sector
		const sectorCode = normaliseSectorCode(r.sector);
		if (!sectorCode) {
			missingSector.push(line);
			rejectedLines.add(line);
			continue;
		}
		// Same schema as the store (sector-schema.ts): what the preview accepts can be saved.
		const codeProblem = sectorCodeProblem(sectorCode);
		if (codeProblem) {
			const b = badSectorCode.get(codeProblem) ?? { codes: new Set<string>(), lines: [] };
			b.codes.add(sectorCode);
			b.lines.push(line);
			badSectorCode.set(codeProblem, b);
			rejectedLines.add(line);
			continue;
		}
		const cleanName = neutraliseSectorName(r.name);
		const nameProblem = sectorNameProblem(cleanName.value);
		if (nameProblem) {
			const b = badName.get(nameProblem) ?? { names: new Set<string>(), lines: [] };
			b.names.add(cleanName.value);
			b.lines.push(line);
			badName.set(nameProblem, b);
			rejectedLines.add(line);
			continue;
		}
		if (cleanName.changed) neutralised.push(line);
		// type
		let type: SectorType;
		const tp = parseSectorType(r.type);
		const fromCode = typeFromSectorCode(sectorCode);
		if ('type' in tp) {
			type = tp.type;
			if (fromCode && fromCode !== type) push(typeMismatch, `${sectorCode} (type ${type})`, line);
		} else if (tp.rejected === 'empty') {
			if (!fromCode) {
				missingType.push(line);
				rejectedLines.add(line);
				continue;
			}
			type = fromCode;
			if (raw.columns.type !== undefined) inferredType.push(line);
		} else if (tp.rejected === 'not-territorial') {
			push(notTerritorial, r.type.trim(), line);
			rejectedLines.add(line);
			continue;
		} else {
			push(badType, r.type.trim(), line);
			rejectedLines.add(line);
			continue;
		}
		// resolve the commune
		let commune: string;
		let via: Source['via'] = 'direct';
		if (ctx.communes.has(input)) commune = input;
		else {
			const target = ctx.aliases.get(input);
			if (!target || !ctx.communes.has(target)) {
				push(unknownCommune, input, line);
				rejectedLines.add(line);
				continue;
			}
			commune = target;
			via = 'alias';
			const m = mapped.get(input);
			if (m) m.lines.push(line);
			else mapped.set(input, { target, lines: [line] });
		}
		const info = ctx.communes.get(commune)!;
		if (scopeSet && !scopeSet.has(info.dep)) push(outOfScope, info.dep, line);

		// sector accumulation (name / FINESS consistency)
		const sectorKey = `${type}|${sectorCode}`;
		let acc = sectors.get(sectorKey);
		if (!acc) {
			acc = { code: sectorCode, type, names: new Map(), finess: new Map() };
			sectors.set(sectorKey, acc);
		}
		const name = cleanName.value;
		if (name) push(acc.names, name, line);
		if (name === TEMPLATE_EXAMPLE_NAME) exampleRows.push(line);
		const finessRaw = r.finess.trim();
		if (finessRaw) {
			const f = normaliseFiness(finessRaw);
			if (f) push(acc.finess, f, line);
			else push(badFiness, finessRaw, line);
		}

		// assignment grouping by (current commune, type)
		const gk = `${commune}|${type}`;
		let g = groups.get(gk);
		if (!g) {
			g = { commune, type, sources: new Map(), conflicts: [] };
			groups.set(gk, g);
		}
		const src = g.sources.get(input);
		if (!src) g.sources.set(input, { input, sectorKey, line, lines: [line], via });
		else if (src.sectorKey === sectorKey) {
			duplicates++;
			duplicateLines.push(line);
			src.lines.push(line);
		} else {
			g.conflicts.push({ input, sectorKey, line });
			rejectedLines.add(line);
		}
	}

	const communeLabel = (code: string) => {
		const c = ctx.communes.get(code);
		return c ? `${code} (${c.name})` : code;
	};
	const sectorLabel = (key: string) => {
		const s = sectors.get(key);
		return s ? s.code : key.split('|')[1] ?? key;
	};

	// Row-level errors, one issue per rule.
	if (missingCommune.length) {
		add('error', 'commune-missing', `${plural(missingCommune.length, 'ligne sans code commune, rejetée', 'lignes sans code commune, rejetées')}. ${fmtLines(missingCommune)}.`, missingCommune);
	}
	if (badCommune.size) {
		const lines = flat(badCommune);
		add(
			'error',
			'commune-format',
			`${plural(lines.length, 'ligne')} avec un code commune mal formé (attendu : 5 caractères, ex. 01001, 2A004) : ${listSample([...badCommune.keys()].map(quote))}. ${fmtLines(lines)}. ${rejected(lines.length)}.`,
			lines,
			[...badCommune.keys()]
		);
	}
	if (unknownCommune.size) {
		const lines = flat(unknownCommune);
		const codes = [...unknownCommune.keys()];
		add(
			'error',
			'commune-unknown',
			`${plural(codes.length, 'code commune inconnu', 'codes commune inconnus')} du Code officiel géographique (ni commune actuelle, ni ancienne commune connue) : ${listSample(codes)}. ${fmtLines(lines)}. ${rejected(lines.length)} : corrigez les codes (code INSEE, pas le code postal).`,
			lines,
			codes
		);
	}
	if (missingSector.length) {
		add('error', 'sector-missing', `${plural(missingSector.length, 'ligne')} sans code secteur, rejetée${missingSector.length > 1 ? 's' : ''}. ${fmtLines(missingSector)}.`, missingSector);
	}
	for (const [problem, b] of badSectorCode) {
		add(
			'error',
			'sector-code-invalid',
			`${plural(b.lines.length, 'ligne')} avec un ${problem} : ${listSample([...b.codes].map(quote), 5)}. ${fmtLines(b.lines)}. ${rejected(b.lines.length)}.`,
			b.lines,
			[...b.codes].map((c) => c.slice(0, 100))
		);
	}
	for (const [problem, b] of badName) {
		add(
			'error',
			'sector-name-invalid',
			`${plural(b.lines.length, 'ligne')} avec un ${problem} : ${listSample([...b.names].map(quote), 3)}. ${fmtLines(b.lines)}. ${rejected(b.lines.length)} : raccourcissez le nom.`,
			b.lines
		);
	}
	if (neutralised.length) {
		add(
			'warning',
			'sector-name-neutralised',
			`${plural(neutralised.length, 'nom de secteur contenait', 'noms de secteur contenaient')} des caractères invisibles (caractères de contrôle, ou de changement de direction du texte qui peuvent faire afficher un nom à l'envers) : ils ont été retirés. ${fmtLines(neutralised)}.`,
			neutralised
		);
	}
	if (notTerritorial.size) {
		const lines = flat(notTerritorial);
		add(
			'error',
			'type-not-territorial',
			`${plural(lines.length, 'ligne')} de type ${listSample([...notTerritorial.keys()].map(quote))} : les secteurs de psychiatrie pénitentiaire (P) et les dispositifs intersectoriels (Z) ne couvrent pas un territoire de communes. ${lines.length > 1 ? 'Ces lignes sont ignorées' : 'Cette ligne est ignorée'} ; seuls les types G (psychiatrie générale) et I (infanto-juvénile) sont importés. ${fmtLines(lines)}.`,
			lines
		);
	}
	if (badType.size) {
		const lines = flat(badType);
		add(
			'error',
			'type-invalid',
			`${plural(lines.length, 'ligne')} avec un type de secteur non reconnu : ${listSample([...badType.keys()].map(quote))}. Utilisez G (psychiatrie générale, adultes) ou I (infanto-juvénile). ${fmtLines(lines)}. ${rejected(lines.length)}.`,
			lines,
			[...badType.keys()]
		);
	}
	if (missingType.length) {
		add(
			'error',
			'type-missing',
			`${plural(missingType.length, 'ligne')} sans type de secteur, et un code secteur qui ne permet pas de le déduire (format attendu : département + G/I + numéro, ex. 69G01). ${fmtLines(missingType)}. ${rejected(missingType.length)} : renseignez G ou I.`,
			missingType
		);
	}
	if (inferredType.length) {
		add('info', 'type-inferred', `${plural(inferredType.length, 'ligne')} sans type : type déduit du code secteur (ex. 69G01 → G). ${fmtLines(inferredType)}.`, inferredType);
	}
	if (typeMismatch.size) {
		const lines = flat(typeMismatch);
		add(
			'warning',
			'type-code-mismatch',
			`Le type indiqué contredit la lettre du code secteur pour ${listSample([...typeMismatch.keys()])}. Le type de la colonne « type » a été retenu ; vérifiez ces lignes. ${fmtLines(lines)}.`,
			lines,
			[...typeMismatch.keys()]
		);
	}
	if (padded.length) {
		add(
			'info',
			'commune-padded',
			`${plural(padded.length, 'code commune', 'codes commune')} à 4 chiffres complété${padded.length > 1 ? 's' : ''} par un zéro initial (ex. 1001 → 01001) : le tableur a probablement lu la colonne comme un nombre. ${fmtLines(padded)}.`,
			padded
		);
	}
	if (badFiness.size) {
		const lines = flat(badFiness);
		add(
			'warning',
			'finess-format',
			`${plural(lines.length, 'numéro FINESS mal formé', 'numéros FINESS mal formés')} (attendu : 9 caractères, ex. 690000000) : ${listSample([...badFiness.keys()].map(quote))}. Ces FINESS sont ignorés, les affectations sont conservées. ${fmtLines(lines)}.`,
			lines,
			[...badFiness.keys()]
		);
	}
	if (exampleRows.length) {
		add(
			'warning',
			'template-example',
			`${plural(exampleRows.length, 'ligne porte', 'lignes portent')} encore le nom « ${TEMPLATE_EXAMPLE_NAME} » du modèle : supprimez les lignes d'exemple ou remplacez-les par vos secteurs. ${fmtLines(exampleRows)}.`,
			exampleRows
		);
	}
	if (outOfScope.size) {
		const lines = flat(outOfScope);
		add(
			'warning',
			'commune-out-of-scope',
			`${plural(lines.length, 'ligne concerne', 'lignes concernent')} des communes hors du périmètre choisi (département${outOfScope.size > 1 ? 's' : ''} ${[...outOfScope.keys()].sort().join(', ')}). Elles sont importées ; vérifiez qu'il ne s'agit pas d'une erreur de fichier. ${fmtLines(lines)}.`,
			lines
		);
	}
	// Each obsolete/sub-municipal code mapped to its current commune.
	for (const [input, m] of mapped) {
		const kind = aliasKind(ctx, input, m.target);
		const oldName = ctx.aliasDetails?.get(input)?.name;
		add(
			'info',
			'commune-mapped',
			`${input}${oldName ? ` (${oldName})` : ''} → ${communeLabel(m.target)} (${ALIAS_KIND_LABEL[kind]}). ${fmtLines(m.lines)}.`,
			m.lines
		);
	}

	// Resolve each (commune, type) group.
	const chosen = new Map<string, string>(); // `${commune}|${type}` → sectorKey
	let overridden = 0;
	for (const g of groups.values()) {
		for (const c of groupConflicts(g)) {
			add(
				'error',
				'conflict',
				`La commune ${c.label} est affectée à deux secteurs ${g.type} différents : ${sectorLabel(c.kept.sectorKey)} (ligne ${c.kept.line}) et ${c.others.map((o) => `${sectorLabel(o.sectorKey)} (ligne ${o.line})`).join(', ')}. La première affectation est conservée, ${c.others.length > 1 ? 'les lignes suivantes sont rejetées' : 'la ligne ' + (c.others[0]?.line ?? '') + ' est rejetée'}. Corrigez le fichier si ce n'est pas le bon secteur.`,
				c.others.map((o) => o.line)
			);
		}
		const srcs = [...g.sources.values()];
		const distinct = [...new Set(srcs.map((s) => s.sectorKey))];
		if (distinct.length === 1) {
			chosen.set(`${g.commune}|${g.type}`, distinct[0]!);
			continue;
		}
		// Several old communes (or arrondissements) of one current commune in different sectors.
		const pops = srcs.map((s) => ctx.aliasDetails?.get(s.input)?.population);
		const allKnown = pops.every((p) => typeof p === 'number' && Number.isFinite(p));
		let pick = srcs[0]!.sectorKey;
		const bySector = new Map<string, number>();
		if (allKnown) {
			srcs.forEach((s, i) => bySector.set(s.sectorKey, (bySector.get(s.sectorKey) ?? 0) + (pops[i] as number)));
			let best = -1;
			for (const k of distinct) {
				const p = bySector.get(k) ?? 0;
				if (p > best) {
					best = p;
					pick = k;
				}
			}
		}
		chosen.set(`${g.commune}|${g.type}`, pick);
		const lost = srcs.filter((s) => s.sectorKey !== pick);
		overridden += lost.length; // their duplicate lines are already counted as duplicates
		const parts = srcs.map((s) => {
			const nm = ctx.aliasDetails?.get(s.input)?.name;
			return `${s.input}${nm ? ` ${nm}` : ''} → ${sectorLabel(s.sectorKey)}`;
		});
		const kinds = new Set(srcs.map((s) => (s.via === 'direct' ? 'actuelle' : aliasKind(ctx, s.input, g.commune))));
		const what = kinds.has('arrondissement') && kinds.size === 1 ? 'ses arrondissements' : 'ses anciennes communes';
		const unit = what === 'ses arrondissements' ? 'ces arrondissements' : 'ces anciennes communes';
		const why = allKnown
			? `le secteur ${sectorLabel(pick)}, qui couvre la plus grande population de ${unit} (${fmtInt(bySector.get(pick) ?? 0)} hab.), est retenu`
			: `faute de population connue pour ${unit}, le premier secteur du fichier (${sectorLabel(pick)}) est retenu`;
		add(
			'warning',
			'merged-conflict',
			`La commune ${communeLabel(g.commune)} est répartie entre plusieurs secteurs ${g.type} via ${what} (${parts.join(' ; ')}). L'atlas travaille à l'échelle de la commune actuelle, qui ne peut appartenir qu'à un seul secteur ${g.type} : ${why}. Les lignes des autres secteurs ne sont pas appliquées à cette commune.`,
			lost.flatMap((s) => s.lines).sort((a, b) => a - b),
			parts
		);
	}
	// Paris, Lyon, Marseille: a city listed whole and by arrondissement (sector-plm.ts).
	for (const o of resolveCityOverlaps(chosen, (c) => ctx.communes.has(c))) {
		const lines = [...(groups.get(`${o.city}|${o.type}`)?.sources.values() ?? [])].flatMap((x) => x.lines).sort((a, b) => a - b);
		add(
			'warning',
			'city-and-arrondissements',
			`La commune ${communeLabel(o.city)} est affectée entière au secteur ${o.type} ${sectorLabel(o.citySector)}, et ${plural(o.arrondissements.length, 'de ses arrondissements', 'de ses arrondissements')} à leur propre secteur : ${listSample(o.arrondissements)}. Ces arrondissements gardent leur secteur ; ${o.filled.length ? `les ${fmtInt(o.filled.length)} autres (${listSample(o.filled)}) vont au secteur ${sectorLabel(o.citySector)}` : `le secteur ${sectorLabel(o.citySector)} n'en garde aucun`}. ${fmtLines(lines)}.`,
			lines,
			o.arrondissements
		);
	}
	if (duplicates) {
		add(
			'info',
			'duplicate',
			`${plural(duplicates, 'ligne en double ignorée', 'lignes en double ignorées')} (même commune, même secteur qu'une ligne précédente). ${fmtLines(duplicateLines)}.`,
			duplicateLines
		);
	}

	// Build sectors and assignments.
	const members = new Map<string, string[]>();
	const assignments: SectorAssignment[] = [];
	for (const [gk, sectorKey] of chosen) {
		const [commune, type] = gk.split('|') as [string, SectorType];
		const list = members.get(sectorKey);
		if (list) list.push(commune);
		else members.set(sectorKey, [commune]);
		assignments.push({ commune, sector: sectorLabel(sectorKey), type });
	}
	assignments.sort((a, b) => (a.type === b.type ? cmp(a.commune, b.commune) : cmp(a.type, b.type)));

	const out: Sector[] = [];
	const nameConflicts: string[] = [];
	const nameConflictLines: number[] = [];
	const finessConflicts: string[] = [];
	const finessConflictLines: number[] = [];
	const emptySectors: string[] = [];
	for (const [key, acc] of sectors) {
		const communes = (members.get(key) ?? []).sort(cmp);
		if (!communes.length) {
			emptySectors.push(acc.code);
			continue;
		}
		const deps = [...new Set(communes.map((c) => ctx.communes.get(c)!.dep))].sort(cmp);
		const population = communes.reduce((n, c) => n + (ctx.communes.get(c)?.population ?? 0), 0);
		const name = firstKey(acc.names);
		const finess = firstKey(acc.finess);
		if (acc.names.size > 1) {
			nameConflicts.push(`${acc.code} : ${[...acc.names.keys()].map(quote).join(', ')}`);
			for (const l of [...acc.names.values()].slice(1)) nameConflictLines.push(...l);
		}
		if (acc.finess.size > 1) {
			finessConflicts.push(`${acc.code} : ${[...acc.finess.keys()].join(', ')}`);
			for (const l of [...acc.finess.values()].slice(1)) finessConflictLines.push(...l);
		}
		out.push({ code: acc.code, type: acc.type, name, finess, communes, deps, population });
	}
	out.sort((a, b) => (a.type === b.type ? cmp(a.code, b.code) : cmp(a.type, b.type)));

	if (nameConflicts.length) {
		add(
			'warning',
			'sector-name-inconsistent',
			`${plural(nameConflicts.length, 'secteur porte', 'secteurs portent')} plusieurs noms selon les lignes : le premier nom est retenu. ${listSample(nameConflicts, 5)}.`,
			nameConflictLines.sort((a, b) => a - b),
			nameConflicts
		);
	}
	if (finessConflicts.length) {
		add(
			'warning',
			'sector-finess-inconsistent',
			`${plural(finessConflicts.length, 'secteur a', 'secteurs ont')} plusieurs FINESS selon les lignes : le premier est retenu. ${listSample(finessConflicts, 5)}.`,
			finessConflictLines.sort((a, b) => a - b),
			finessConflicts
		);
	}
	if (emptySectors.length) {
		add(
			'warning',
			'sector-empty',
			`${plural(emptySectors.length, 'secteur ne garde', 'secteurs ne gardent')} aucune commune après résolution des conflits : ${listSample(emptySectors)}. ${emptySectors.length > 1 ? 'Ils ne sont pas importés' : "Il n'est pas importé"}.`,
			[],
			emptySectors
		);
	}
	const multiDep = out.filter((s) => s.deps.length > 1).map((s) => `${s.code} → ${s.deps.join(', ')}`);
	if (multiDep.length) {
		add(
			'warning',
			'sector-multi-dep',
			`${plural(multiDep.length, 'secteur couvre', 'secteurs couvrent')} plusieurs départements : ${listSample(multiDep, 10)}. C'est possible, mais vérifiez qu'il ne s'agit pas d'une erreur de code commune.`,
			[],
			multiDep
		);
	}
	const badFormat = out.filter((s) => !SECTOR_CODE_PATTERN.test(s.code)).map((s) => s.code);
	if (badFormat.length) {
		add(
			'warning',
			'sector-code-format',
			`${plural(badFormat.length, 'code secteur ne suit', 'codes secteur ne suivent')} pas la forme habituelle département + G/I + numéro (ex. 69G01, 75I03) : ${listSample(badFormat.map(quote))}. ${badFormat.length > 1 ? 'Ils sont importés tels quels' : 'Il est importé tel quel'}.`,
			[],
			badFormat
		);
	}
	const depMismatch = out
		.filter((s) => {
			const m = SECTOR_CODE_PATTERN.exec(s.code);
			return m && !s.deps.includes(m[1]!);
		})
		.map((s) => `${s.code} → ${s.deps.join(', ')}`);
	if (depMismatch.length) {
		add(
			'warning',
			'sector-code-dep-mismatch',
			`${plural(depMismatch.length, 'code secteur commence', 'codes secteur commencent')} par un département où le secteur n'a aucune commune : ${listSample(depMismatch, 10)}. Vérifiez les codes commune de ces secteurs.`,
			[],
			depMismatch
		);
	}

	// Coverage of the scope, per type present in the file.
	const scopeDeps = ctx.scopeDeps ? [...new Set(ctx.scopeDeps)].sort(cmp) : sectorScope(out);
	const assigned: Record<SectorType, Set<string>> = { G: new Set(), I: new Set() };
	for (const a of assignments) assigned[a.type].add(a.commune);
	const unassigned: UnassignedCommune[] = [];
	const unassignedCount: Record<SectorType, number> = { G: 0, I: 0 };
	const unassignedPop: Record<SectorType, number> = { G: 0, I: 0 };
	const typesPresent = (['G', 'I'] as const).filter((t) => out.some((s) => s.type === t));
	if (scopeDeps.length) {
		for (const t of typesPresent) {
			const list = unassignedCommunes(out, t, ctx.communes, scopeDeps);
			unassignedCount[t] = list.length;
			unassignedPop[t] = list.reduce((n, u) => n + u.population, 0);
			unassigned.push(...list);
			if (list.length) {
				add(
					'warning',
					`unassigned-${t}`,
					`${plural(list.length, 'commune', 'communes')} du périmètre (département${scopeDeps.length > 1 ? 's' : ''} ${scopeDeps.join(', ')}) ${list.length > 1 ? "n'ont" : "n'a"} aucun secteur de ${TYPE_LABEL[t]}, soit ${fmtInt(unassignedPop[t])} habitants. Les plus peuplées : ${listSample(list.map((u) => `${u.commune} ${u.name} (${fmtInt(u.population)} hab.)`), 5)}. Elles resteront « hors secteur » dans l'atlas.`,
					[],
					list.map((u) => `${u.commune} ${u.name} (${fmtInt(u.population)} hab.)`)
				);
			}
		}
		for (const t of (['G', 'I'] as const).filter((x) => !typesPresent.includes(x))) {
			if (typesPresent.length) {
				add('info', 'type-absent', `Le fichier ne contient aucun secteur de ${TYPE_LABEL[t]} : la couverture de ce type n'est pas vérifiée.`);
			}
		}
	}

	const rowsRead = raw.rows.length;
	const ok = assignments.length > 0;
	if (!rowsRead) add('error', 'empty', 'Le fichier ne contient aucune ligne de données sous l’en-tête : rien à importer.');
	else if (!ok) add('error', 'no-valid-row', 'Aucune ligne valide : rien ne peut être importé. Corrigez les erreurs ci-dessus puis importez à nouveau le fichier.');

	const stats: SectorImportStats = {
		rowsRead,
		rowsAccepted: rowsRead - rejectedLines.size - duplicates - overridden,
		rowsRejected: rejectedLines.size,
		rowsDuplicate: duplicates,
		rowsOverridden: overridden,
		codesMapped: mapped.size,
		sectors: { G: out.filter((s) => s.type === 'G').length, I: out.filter((s) => s.type === 'I').length },
		communesAssigned: { G: assigned.G.size, I: assigned.I.size },
		populationCovered: {
			G: out.filter((s) => s.type === 'G').reduce((n, s) => n + s.population, 0),
			I: out.filter((s) => s.type === 'I').reduce((n, s) => n + s.population, 0)
		},
		scopeDeps,
		unassigned: unassignedCount,
		unassignedPopulation: unassignedPop
	};
	const order: Record<IssueLevel, number> = { error: 0, warning: 1, info: 2 };
	issues.sort((a, b) => order[a.level] - order[b.level]); // stable: keeps rule order within a level
	return { sectors: out, assignments, unassigned, issues, stats, ok, structural: structural.length };
}

/** Same input code given twice with different sectors: the first wins, the others are rejected. */
function groupConflicts(g: Group): { label: string; kept: Source; others: { sectorKey: string; line: number }[] }[] {
	const byInput = new Map<string, { sectorKey: string; line: number }[]>();
	for (const c of g.conflicts) {
		const l = byInput.get(c.input);
		if (l) l.push(c);
		else byInput.set(c.input, [c]);
	}
	return [...byInput].map(([input, others]) => ({ label: input === g.commune ? input : `${input} (→ ${g.commune})`, kept: g.sources.get(input)!, others }));
}

// ---------------------------------------------------------------------------------------------
// Small French formatting helpers

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function flat<K>(m: Map<K, number[]>): number[] {
	const out: number[] = [];
	for (const l of m.values()) out.push(...l);
	return out.sort((a, b) => a - b);
}

function firstKey(m: Map<string, unknown>): string | null {
	for (const k of m.keys()) return k;
	return null;
}

function quote(raw: string): string {
	// File values quoted in messages: no control or bidi character may reorder the sentence.
	const s = neutraliseSectorName(raw).value;
	return `« ${s.length > 60 ? s.slice(0, 60) + '…' : s} »`;
}

/** Départements a set of sectors covers: the scope checked for communes left without a sector. */
export function sectorScope(sectors: readonly Pick<Sector, 'deps'>[]): string[] {
	return [...new Set(sectors.flatMap((s) => s.deps))].sort(cmp);
}

/** Communes of the scope's départements with no sector of `type`, most populated first. */
export function unassignedCommunes(
	sectors: readonly Pick<Sector, 'type' | 'communes' | 'deps'>[],
	type: SectorType,
	communes: Map<string, CommuneInfo>,
	scopeDeps: readonly string[] = sectorScope(sectors)
): UnassignedCommune[] {
	const scope = new Set(scopeDeps);
	const assigned = new Set(sectors.filter((s) => s.type === type).flatMap((s) => s.communes));
	const list: UnassignedCommune[] = [];
	const known = (code: string) => communes.has(code);
	for (const [code, c] of communes) {
		if (!scope.has(c.dep) || assigned.has(code)) continue;
		// Paris, Lyon, Marseille: the city or its missing arrondissements, never both (sector-plm.ts).
		const cov = coverage(code, assigned, known);
		if (!cov.covered && cov.listable) list.push({ type, commune: code, name: c.name, dep: c.dep, population: c.population });
	}
	return list.sort((a, b) => b.population - a.population || cmp(a.commune, b.commune));
}

export function fmtInt(n: number): string {
	return Math.round(n).toLocaleString('fr-FR');
}

export function fmtMb(bytes: number): string {
	return `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

/** "3 lignes" / "1 ligne". */
function rejected(n: number): string {
	return n > 1 ? 'Ces lignes sont rejetées' : 'Cette ligne est rejetée';
}

/** Kind of a mapped code: from aliasDetails, else arrondissements of Paris/Lyon/Marseille by range, else a former commune. */
function aliasKind(ctx: SectorImportContext, input: string, target: string): AliasInfo['kind'] {
	const k = ctx.aliasDetails?.get(input)?.kind;
	if (k) return k;
	if (
		(target === '75056' && /^751(0[1-9]|1\d|20)$/.test(input)) ||
		(target === '69123' && /^6938[1-9]$/.test(input)) ||
		(target === '13055' && /^132(0[1-9]|1[0-6])$/.test(input))
	) {
		return 'arrondissement';
	}
	return 'ancien';
}

function plural(n: number, one: string, many = one + 's'): string {
	return `${fmtInt(n)} ${n > 1 ? many : one}`;
}

function listSample(items: string[], max = 10): string {
	if (items.length <= max) return items.join(', ');
	return `${items.slice(0, max).join(', ')} et ${fmtInt(items.length - max)} autre${items.length - max > 1 ? 's' : ''}`;
}

function fmtLines(lines: number[], max = 10): string {
	if (!lines.length) return '';
	const shown = lines.slice(0, max).join(', ');
	const rest = lines.length - max;
	return `${lines.length > 1 ? 'Lignes' : 'Ligne'} ${shown}${rest > 0 ? ` et ${fmtInt(rest)} autre${rest > 1 ? 's' : ''}` : ''}`;
}
