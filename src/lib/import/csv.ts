/**
 * CSV text → grid of cells, with the structural problems of the file named and located (NUL
 * bytes, unclosed quotes, cells spanning lines, mixed separators), and the column checks once the
 * header row is known (separator inside a header cell, shifted header, ragged rows). Generic:
 * nothing here knows what the table holds.
 */
import Papa from 'papaparse';
import { FILE_MESSAGES } from './messages';
import { fmtInt, fmtLines, plural, quote } from './text';
import type { Fail, StructuralProblem } from './types';

const SEPARATORS = [';', ',', '\t', '|'];
// eslint-disable-next-line no-control-regex
const BINARY_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;
const LINE_BREAK = /\r\n|\n|\r/g;

/** Separator guessed by papaparse on a preview without blank lines; header count as a fallback. */
export function detectSeparator(text: string): string {
	const preview = Papa.parse<string[]>(text.slice(0, 65536), { preview: 50, skipEmptyLines: 'greedy', delimitersToGuess: SEPARATORS });
	if (!preview.errors.some((e) => e.code === 'UndetectableDelimiter')) return preview.meta.delimiter;
	const first = text.split(/\r\n|\n|\r/).find((l) => l.trim() !== '') ?? '';
	let best = ';';
	let bestCount = 0;
	for (const c of SEPARATORS) {
		const n = first.split(c).length - 1;
		if (n > bestCount) {
			best = c;
			bestCount = n;
		}
	}
	return best;
}

export function separatorLabel(sep: string): string {
	if (sep === '\t') return 'tabulation';
	if (sep === ';') return 'point-virgule ;';
	if (sep === ',') return 'virgule ,';
	return sep;
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

function countBreaks(s: string): number {
	let n = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c === 10 || (c === 13 && s.charCodeAt(i + 1) !== 10)) n++;
	}
	return n;
}

/** NUL bytes: a binary file is refused (`binary`), a few NULs in a text are removed and named. */
export function stripNul(text: string, label: string, fail: Fail): { text: string; problem: StructuralProblem | null } {
	if (!text.includes('\u0000')) return { text, problem: null };
	const controls = text.match(BINARY_CHARS)?.length ?? 0;
	if (controls > 16 && controls > text.length / 200) throw fail('binary', FILE_MESSAGES.binary(label, controls));
	const lineOf = lineLocator(text);
	const lines: number[] = [];
	let n = 0;
	for (let i = text.indexOf('\u0000'); i >= 0; i = text.indexOf('\u0000', i + 1)) {
		n++;
		const l = lineOf(i);
		if (lines[lines.length - 1] !== l) lines.push(l);
	}
	return {
		text: text.replace(/\u0000/g, ''),
		problem: {
			code: 'structure-nul',
			message: `Le fichier contient ${plural(n, 'caractère nul', 'caractères nuls')} (octet 0x00), qu'un fichier texte ne contient pas : ${n > 1 ? 'ils ont été retirés' : 'il a été retiré'}. ${fmtLines(lines)} du fichier. Vérifiez ces lignes : le fichier a pu être endommagé ou mal exporté.`,
			lines
		}
	};
}

/** Parses CSV text (NULs already removed) into a grid; quote, multi-line and separator problems. */
export function csvGrid(text: string): { grid: string[][]; separator: string; problems: StructuralProblem[] } {
	const problems: StructuralProblem[] = [];
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
	const quoted = new Set(quoteRows);
	grid.forEach((row, i) => {
		if (!quoted.has(i) && row.some((c) => countBreaks(c) > 0)) multiline.push(i + 1);
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
	return { grid, separator, problems };
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

/** Width of a row without its trailing empty cells. */
function usedWidth(row: string[]): number {
	let n = row.length;
	while (n > 0 && row[n - 1]!.trim() === '') n--;
	return n;
}

/**
 * CSV column structure once the header row is known: a header cell holding the separator, a
 * header wider or narrower than the data (every column shifted), rows with more cells than the
 * header or fewer than `needed` (1 + the index of the last column the import requires).
 */
export function checkColumns(grid: string[][], headerIdx: number, needed: number, separator: string, problems: StructuralProblem[]): void {
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
