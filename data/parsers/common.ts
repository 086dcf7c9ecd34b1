/**
 * Small helpers shared by every parser in data/parsers/. Pure functions, no I/O. API (stable):
 *
 * - `qualityBuilder(source, file)` → a `QualityBuilder`, the bookkeeping behind every `QualityEntry`:
 *     `.read(n = 1)`            count rows read from the file;
 *     `.keep(n = 1)`            count rows kept;
 *     `.reject(reason, example?)` count one rejected row under a short English reason, keep up to 10 examples;
 *     `.note(text)`             free-text note (figures, assumptions);
 *     `.build()`                the `QualityEntry` (rows_rejected = sum of rejections).
 *   Counters are independent: a parser that aggregates rows may keep fewer rows than it read
 *   without rejecting the difference; `build()` does not enforce read = kept + rejected.
 * - `parseFrNumber(raw)` → number | null | NaN. Accepts numbers and strings written the French
 *   or the English way: '1 234', '1 234,5' (regular, no-break or narrow no-break spaces), '12.5', '-3'.
 *   Returns null for an empty cell or a missing-value marker (`MISSING_TOKENS`: NA, N/A, ND, n.d., '-', '.', s, nc…),
 *   NaN for anything else that is not a number (malformed: the caller rejects the row).
 * - `isMissingToken(raw)` → boolean, true for '', whitespace, null/undefined and `MISSING_TOKENS`.
 * - `normDep(raw)` → département code ('1'→'01', '2a'→'2A', '9A'→'971', '971'→'971', 1→'01') or null when
 *   not a département code (e.g. 'FR', 'France métropolitaine', '20', '99').
 * - `normCommune(raw)` → 5-char INSEE commune code ('1001'→'01001', '2a004'→'2A004', '9A101'→'97101'
 *   SAE-style DROM prefix, 1001 → '01001') or null when malformed. Does NOT map old codes to COG 2026.
 * - `DROM_LETTER_TO_DEP` the SAE/Atlas DROM convention ('9A'→'971' … '9F'→'976').
 * - `stripBom(text)` removes a leading U+FEFF.
 * - `splitLines(text)` splits on \r\n | \n | \r and drops trailing empty lines.
 * - `readDelimited(text, delimiter)` → string[][] (CSV quoting, BOM stripped, empty lines skipped).
 * - `openDelimited(text, delimiter, required, what)` → `{ has(name), records(q) }`: checks the header
 *   (French error naming the missing columns), then yields each data line with the right field
 *   count as `{ line, cell(name) }` (trimmed; undefined when the column is absent), counting
 *   `q.read()` and rejecting the others as 'wrong field count'.
 */
import Papa from 'papaparse';
import type { QualityEntry } from '../schema.ts';

const MAX_EXAMPLES = 10;

export interface QualityBuilder {
	read(n?: number): void;
	keep(n?: number): void;
	reject(reason: string, example?: string): void;
	note(text: string): void;
	build(): QualityEntry;
}

export function qualityBuilder(source: string, file: string): QualityBuilder {
	let read = 0;
	let kept = 0;
	const rejections: Record<string, number> = {};
	const examples: Record<string, string[]> = {};
	const notes: string[] = [];
	return {
		read(n = 1) {
			read += n;
		},
		keep(n = 1) {
			kept += n;
		},
		reject(reason, example) {
			rejections[reason] = (rejections[reason] ?? 0) + 1;
			if (example !== undefined) {
				const list = (examples[reason] ??= []);
				if (list.length < MAX_EXAMPLES && !list.includes(example)) list.push(example);
			}
		},
		note(text) {
			notes.push(text);
		},
		build() {
			const entry: QualityEntry = {
				source,
				file,
				rows_read: read,
				rows_kept: kept,
				rows_rejected: Object.values(rejections).reduce((a, b) => a + b, 0),
				rejections: { ...rejections }
			};
			if (Object.keys(examples).length) entry.examples = Object.fromEntries(Object.entries(examples).map(([k, v]) => [k, [...v]]));
			if (notes.length) entry.notes = [...notes];
			return entry;
		}
	};
}

/** Cell values that mean "no value" in French public statistics files (compared case-insensitively). */
export const MISSING_TOKENS: ReadonlySet<string> = new Set(['na', 'n/a', 'nan', 'nd', 'n.d.', 'n.d', 'nc', 'n.c.', '-', '.', 's', 'ns', 'null', '#n/a']);

export function isMissingToken(raw: unknown): boolean {
	if (raw === null || raw === undefined) return true;
	if (typeof raw === 'number') return Number.isNaN(raw);
	const s = String(raw).trim();
	return s === '' || MISSING_TOKENS.has(s.toLowerCase());
}

// Regular, no-break and narrow no-break spaces, used as French thousands separators.
const SPACES = /[\s\u00a0\u202f\u2009]/g;
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export function parseFrNumber(raw: unknown): number | null {
	if (typeof raw === 'number') return Number.isFinite(raw) ? raw : raw !== raw ? null : NaN;
	if (isMissingToken(raw)) return null;
	let s = String(raw).replace(SPACES, '');
	// A comma is a decimal separator unless it is also used as a thousands separator alongside a point.
	if (s.includes(',')) {
		if (s.includes('.')) return NaN;
		if ((s.match(/,/g) ?? []).length > 1) return NaN;
		s = s.replace(',', '.');
	}
	return NUMERIC.test(s) ? Number(s) : NaN;
}

export const DROM_LETTER_TO_DEP: Readonly<Record<string, string>> = {
	'9A': '971',
	'9B': '972',
	'9C': '973',
	'9D': '974',
	'9E': '975', // Saint-Pierre-et-Miquelon in the same convention (a COM, kept for completeness)
	'9F': '976'
};

export function normDep(raw: unknown): string | null {
	if (raw === null || raw === undefined) return null;
	const s = String(raw).trim().toUpperCase();
	if (/^\d$/.test(s)) return s === '0' ? null : `0${s}`;
	if (/^\d\d$/.test(s)) return s === '00' || s === '20' || Number(s) > 95 ? null : s;
	if (s === '2A' || s === '2B') return s;
	if (s in DROM_LETTER_TO_DEP) return DROM_LETTER_TO_DEP[s]!;
	if (/^97[1-8]$/.test(s) || /^98[4-9]$/.test(s)) return s;
	return null;
}

export function normCommune(raw: unknown): string | null {
	if (raw === null || raw === undefined) return null;
	let s = String(raw).trim().toUpperCase();
	if (/^\d{4}$/.test(s)) s = `0${s}`;
	if (/^9[A-F]\d{3}$/.test(s)) s = `97${s.slice(2)}`;
	if (/^\d{5}$/.test(s) && s !== '00000') return s;
	if (/^2[AB]\d{3}$/.test(s)) return s;
	return null;
}

export function stripBom(text: string): string {
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function splitLines(text: string): string[] {
	const lines = text.split(/\r\n|\n|\r/);
	while (lines.length && lines[lines.length - 1]!.trim() === '') lines.pop();
	return lines;
}

/** Splits delimited text with CSV quoting ("" inside quoted fields). */
export function readDelimited(text: string, delimiter: string): string[][] {
	return Papa.parse<string[]>(stripBom(text), { delimiter, skipEmptyLines: 'greedy', header: false }).data;
}

export interface DelimitedRecord {
	/** 1-based line number in the file (the header is line 1). */
	line: number;
	/** Trimmed cell of a header column; undefined when the file has no such column. */
	cell(name: string): string | undefined;
}

export interface DelimitedTable {
	has(name: string): boolean;
	records(q: QualityBuilder): Iterable<DelimitedRecord>;
}

export function openDelimited(text: string, delimiter: string, required: readonly string[], what: string): DelimitedTable {
	const table = readDelimited(text, delimiter);
	if (!table.length) throw new Error(`${what} vide.`);
	const width = table[0]!.length;
	const idx = new Map(table[0]!.map((h, i) => [h.trim(), i]));
	const missing = required.filter((c) => !idx.has(c));
	if (missing.length) throw new Error(`${what} : colonne(s) absente(s) de l’en-tête : ${missing.join(', ')}.`);
	return {
		has: (name) => idx.has(name),
		*records(q) {
			for (let li = 1; li < table.length; li++) {
				const r = table[li]!;
				q.read();
				if (r.length !== width) {
					q.reject('wrong field count', `line ${li + 1}: ${r.length} fields`);
					continue;
				}
				yield {
					line: li + 1,
					cell: (name) => {
						const i = idx.get(name);
						return i === undefined ? undefined : (r[i] ?? '').trim();
					}
				};
			}
		}
	};
}
