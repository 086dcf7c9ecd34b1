/**
 * Reading an own-indicator table: the app's table reader (geo/table-file.ts) gives text cells;
 * the user picks the code and value columns; every row is checked like the sector import checks
 * codes (former commune codes mapped through commune_aliases, unknown codes listed with their
 * line, duplicates refuse the file) and every value is a number in French or international
 * format or is listed with its line and reason, never coerced. Pure, usable in Node and a worker.
 */
import { readTableFile } from '../geo/table-file';
import { normaliseCommuneCode, normaliseHeader, normaliseSectorCode } from '../geo/sector-import';
import { MAX_OWN_ROWS, type OwnRow } from './model';
import type { OwnSourceLevel } from '../indicators/types';
import type { OwnCodeContext } from '../queries/own-indicators';

export class OwnImportError extends Error {
	constructor(
		readonly code: string,
		message: string
	) {
		super(message);
		this.name = 'OwnImportError';
	}
}

export interface OwnTable {
	fileName: string;
	/** XLSX number cells arrive written with '.' (cellText): it decides when a column is ambiguous. */
	format: 'csv' | 'xlsx';
	headers: string[];
	/** Data rows after the header; `line` is the user's line number (1-based, header included). */
	rows: { line: number; cells: string[] }[];
	notes: string[];
	/** Guessed columns (index into headers), the user can change them. */
	guess: { code: number; value: number };
}

/**
 * The one call that reads a file into an OwnTable (a worker can take it over as is).
 * Throws OwnImportError with a French message.
 */
export async function readOwnTable(bytes: Uint8Array, fileName: string): Promise<OwnTable> {
	const file = await readTableFile(bytes, fileName, { what: 'une colonne de codes et une colonne de valeurs', fail: (c, m) => new OwnImportError(c, m) });
	const sheet = file.sheets[0]!;
	const grid = sheet.grid;
	const start = grid.findIndex((r) => r.some((c) => c.trim() !== ''));
	if (start < 0) throw new OwnImportError('empty', `Le fichier « ${fileName} » ne contient aucune ligne.`);
	const headers = grid[start]!.map((h, i) => h.trim() || `Colonne ${i + 1}`);
	if (headers.length < 2) throw new OwnImportError('columns', `Le fichier « ${fileName} » n’a qu’une colonne : il faut une colonne de codes et une colonne de valeurs.`);
	const rows: OwnTable['rows'] = [];
	for (let i = start + 1; i < grid.length; i++) {
		const cells = grid[i]!;
		if (cells.every((c) => c.trim() === '')) continue;
		rows.push({ line: i + 1, cells });
	}
	if (rows.length > MAX_OWN_ROWS) {
		throw new OwnImportError('too-many', `Le fichier a ${rows.length.toLocaleString('fr-FR')} lignes : ${MAX_OWN_ROWS.toLocaleString('fr-FR')} au plus.`);
	}
	return { fileName, format: file.format, headers, rows, notes: sheet.notes, guess: guessColumns(headers) };
}

const CODE_WORDS = /\b(code|codgeo|insee|cog|dep|departement|reg|region|epci|siren|secteur|com|commune)\b/;
const VALUE_WORDS = /\b(valeur|value|nombre|nb|effectif|numerateur|total|taux|montant)\b/;

export function guessColumns(headers: readonly string[]): { code: number; value: number } {
	const h = headers.map(normaliseHeader);
	let code = h.findIndex((x) => /\bcode\b|codgeo/.test(x));
	if (code < 0) code = h.findIndex((x) => CODE_WORDS.test(x));
	if (code < 0) code = 0;
	let value = h.findIndex((x, i) => i !== code && VALUE_WORDS.test(x));
	if (value < 0) value = h.findIndex((_, i) => i !== code && !/\b(nom|libelle|name)\b/.test(h[i]!));
	return { code, value: value < 0 ? (code === 0 ? 1 : 0) : value };
}

// ---------------------------------------------------------------------------------------------
// Numbers

export type Decimal = ',' | '.';
const SPACES = /[\u0020\u00a0\u202f\u2009]/g;
const MISSING = /^(n\.?\s?d\.?|n\.?\s?c\.?|na|nan|s|secret|-|–|—|\?|x)$/i;

/** The column's decimal separator: the one its unambiguous cells use ('1,5' or '1.5'); else `fallback` (French). */
export function detectDecimal(cells: readonly string[], fallback: Decimal = ','): Decimal {
	let comma = 0;
	let dot = 0;
	for (const raw of cells) {
		const s = raw.trim().replace(SPACES, '');
		if (!/^[-+\u2212]?\d[\d.,]*$/.test(s)) continue;
		const c = s.lastIndexOf(',');
		const d = s.lastIndexOf('.');
		if (c >= 0 && d >= 0) c > d ? comma++ : dot++;
		// '1,234' and '1.234' could be thousands either way: they decide nothing.
		else if (c >= 0 && !/^-?\d{1,3}(,\d{3})+$/.test(s)) comma++;
		else if (d >= 0 && !/^-?\d{1,3}(\.\d{3})+$/.test(s)) dot++;
	}
	return dot > comma ? '.' : comma > dot ? ',' : fallback;
}

export type NumberParse = { ok: true; value: number } | { ok: false; reason: string };

export function parseNumber(raw: string, decimal: Decimal): NumberParse {
	let s = raw.trim().replace(/\u2212/g, '-');
	if (s === '') return { ok: false, reason: 'valeur vide' };
	if (MISSING.test(s)) return { ok: false, reason: `valeur absente ou secrétisée (« ${s} »)` };
	if (/%$/.test(s)) return { ok: false, reason: `« ${s.slice(0, 30)} » contient un signe % : écrivez le nombre seul et indiquez l’unité` };
	if (s.startsWith('+')) s = s.slice(1);
	// Spaces only between groups of three digits ('1 234 567,5').
	if (/[\u0020\u00a0\u202f\u2009]/.test(s)) {
		if (!/^-?\d{1,3}([\u0020\u00a0\u202f\u2009]\d{3})+([.,]\d+)?$/.test(s)) return { ok: false, reason: `« ${s.slice(0, 30)} » n’est pas un nombre (espaces mal placées)` };
		s = s.replace(SPACES, '');
	}
	const thousands = decimal === ',' ? '.' : ',';
	const esc = (c: string) => (c === '.' ? '\\.' : c);
	const grouped = new RegExp(`^-?\\d{1,3}(${esc(thousands)}\\d{3})+(${esc(decimal)}\\d+)?$`);
	const plain = new RegExp(`^-?\\d+(${esc(decimal)}\\d+)?$`);
	const sci = /^-?\d+(\.\d+)?e[+-]?\d+$/i; // as spreadsheets write very small or large numbers
	let n: number;
	if (plain.test(s)) n = Number(s.replace(decimal, '.'));
	else if (grouped.test(s)) n = Number(s.split(thousands).join('').replace(decimal, '.'));
	else if (sci.test(s)) n = Number(s);
	else {
		const other = decimal === ',' ? '.' : ',';
		const hint = new RegExp(`^-?\\d+${esc(other)}\\d+$`).test(s) ? ` (le séparateur décimal de la colonne est « ${decimal} »)` : '';
		return { ok: false, reason: `« ${s.slice(0, 30)} » n’est pas un nombre${hint}` };
	}
	return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, reason: `« ${s.slice(0, 30)} » est hors des nombres représentables` };
}

// ---------------------------------------------------------------------------------------------
// Codes and the report

export type { OwnCodeContext };

export interface OwnImportChoice {
	level: OwnSourceLevel;
	codeColumn: number;
	valueColumn: number;
}

export interface OwnImportReport {
	fileName: string;
	level: OwnSourceLevel;
	decimal: Decimal;
	rowsRead: number;
	rows: OwnRow[];
	rejected: { line: number; code: string; value: string; reason: string }[];
	unknown: { line: number; code: string }[];
	mapped: { line: number; from: string; to: string }[];
	duplicates: { code: string; lines: number[] }[];
	/** French: what stops the save (duplicates, nothing kept). */
	blocking: string[];
	notes: string[];
}

function normaliseCode(level: OwnSourceLevel, raw: string): string {
	let s = raw.trim().toUpperCase().replace(SPACES, '');
	if (/^\d+\.0+$/.test(s)) s = s.replace(/\.0+$/, '');
	if (level === 'commune') return normaliseCommuneCode(s) ?? s;
	if (level === 'departement' && /^(\d|[AB])$/.test(s)) return s === 'A' || s === 'B' ? s : `0${s}`;
	if (level === 'departement' && /^\d[AB]$/.test(s)) return s;
	if (level === 'region' && /^\d$/.test(s)) return `0${s}`;
	if (level === 'sector') return normaliseSectorCode(s);
	return s;
}

export function validateOwnTable(table: OwnTable, choice: OwnImportChoice, ctx: OwnCodeContext): OwnImportReport {
	const { level, codeColumn, valueColumn } = choice;
	const cellsOf = (r: { cells: string[] }, i: number) => (r.cells[i] ?? '').trim();
	const decimal = detectDecimal(
		table.rows.map((r) => cellsOf(r, valueColumn)),
		table.format === 'xlsx' ? '.' : ','
	);
	const report: OwnImportReport = {
		fileName: table.fileName,
		level,
		decimal,
		rowsRead: table.rows.length,
		rows: [],
		rejected: [],
		unknown: [],
		mapped: [],
		duplicates: [],
		blocking: [],
		notes: [...table.notes, `Séparateur décimal de la colonne « ${table.headers[valueColumn] ?? ''} » : « ${decimal} »${decimal === ',' ? ' (format français)' : ' (format international)'}.`]
	};
	if (codeColumn === valueColumn) {
		report.blocking.push('La colonne des codes et celle des valeurs doivent être différentes.');
		return report;
	}
	const known: ReadonlySet<string> =
		level === 'commune' ? ctx.communes : level === 'epci' ? ctx.epci : level === 'departement' ? ctx.departements : level === 'region' ? ctx.regions : (ctx.sectors ?? new Set());
	const lines = new Map<string, number[]>();
	const kept = new Map<string, OwnRow>();
	for (const r of table.rows) {
		const rawCode = cellsOf(r, codeColumn);
		const rawValue = cellsOf(r, valueColumn);
		if (!rawCode) {
			report.rejected.push({ line: r.line, code: '', value: rawValue.slice(0, 40), reason: 'code absent' });
			continue;
		}
		let code = normaliseCode(level, rawCode);
		if (!known.has(code)) {
			const to = level === 'commune' ? ctx.aliases.get(code) : undefined;
			if (to && ctx.communes.has(to)) {
				report.mapped.push({ line: r.line, from: code, to });
				code = to;
			} else {
				report.unknown.push({ line: r.line, code: rawCode.slice(0, 40) });
				continue;
			}
		}
		const l = lines.get(code);
		if (l) {
			l.push(r.line);
			continue;
		}
		lines.set(code, [r.line]);
		const n = parseNumber(rawValue, decimal);
		if (!n.ok) {
			report.rejected.push({ line: r.line, code, value: rawValue.slice(0, 40), reason: n.reason });
			continue;
		}
		kept.set(code, { code, v: n.value });
	}
	for (const [code, l] of lines) if (l.length > 1) report.duplicates.push({ code, lines: l });
	report.rows = [...kept.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
	if (report.duplicates.length) {
		const sample = report.duplicates.slice(0, 5).map((d) => `${d.code} (lignes ${d.lines.join(', ')})`);
		report.blocking.push(
			`${report.duplicates.length.toLocaleString('fr-FR')} code${report.duplicates.length > 1 ? 's apparaissent' : ' apparaît'} plusieurs fois${report.mapped.length ? ' (après correspondance des anciens codes)' : ''} : ${sample.join(' ; ')}${report.duplicates.length > 5 ? '…' : ''}. Gardez une ligne par territoire, puis importez à nouveau.`
		);
	}
	if (!report.rows.length) report.blocking.push('Aucune ligne valide : rien ne peut être enregistré.');
	const coverage = report.rows.length / Math.max(1, known.size);
	if (level !== 'sector' && level !== 'commune' && coverage < 1 && report.rows.length)
		report.notes.push(`${report.rows.length.toLocaleString('fr-FR')} territoires sur ${known.size.toLocaleString('fr-FR')} ont une valeur : les niveaux supérieurs qui en contiennent un sans valeur restent vides.`);
	return report;
}
