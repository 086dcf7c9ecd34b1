/**
 * Atlas de la santé mentale en France (IRDES/DREES), MAJ_IND_ATLAS.xlsx: one sheet per theme with
 * a DEP column then `<code>_<year>` columns, plus a LABEL dictionary sheet. Output is long format.
 * Quirks handled: 'NA' cells (kept as null), the 'FR' national row (kept as dep 'FR'), DROM coded
 * 9A…9F, headers with a trailing label ('ADO67B0_2015_libre' → ADO67B0, 2015), headers without a
 * year ('TMS06bB_ind': rejected, we do not guess the year), blank rows in LABEL.
 */
import readXlsxFile from 'read-excel-file/node';
import type { AtlasIndicatorRow, AtlasValueRow, ParseResult } from '../schema.ts';
import { isMissingToken, normDep, parseFrNumber, qualityBuilder } from './common.ts';

export interface AtlasResult {
	values: ParseResult<AtlasValueRow>;
	indicators: AtlasIndicatorRow[];
}

const SOURCE = 'atlas_sante_mentale';
const LABEL_SHEET = /^label$/i;

interface LabelEntry {
	label: string;
	ages: string | null;
	source: string | null;
	comment: string | null;
	years: [number, number] | null; // ANNEE as a range (a single year is [y, y])
}

/** '2015-2019' → [2015, 2019]; 2019 or '2019' → [2019, 2019]; anything else → null. */
export function parseYearRange(raw: unknown): [number, number] | null {
	const s = String(raw ?? '').trim();
	let m = /^(\d{4})$/.exec(s);
	if (m) return [Number(m[1]), Number(m[1])];
	m = /^(\d{4})\s*[-–]\s*(\d{4})$/.exec(s);
	return m ? [Number(m[1]), Number(m[2])] : null;
}

/** '<code>_<year>' with an optional trailing label; null when there is no 4-digit year after the code. */
export function parseAtlasHeader(raw: unknown): { indicator: string; year: number; suffix: string | null } | null {
	const m = /^([A-Za-z0-9]+)_(\d{4})(?:_(.+))?$/.exec(String(raw ?? '').trim());
	return m ? { indicator: m[1]!, year: Number(m[2]), suffix: m[3] ?? null } : null;
}

/** Atlas département code: 'FR' kept, '1'/'01' → '01', '9A' → '971' …; null otherwise. */
export function atlasDep(raw: unknown): string | null {
	const s = String(raw ?? '').trim().toUpperCase();
	return s === 'FR' ? 'FR' : normDep(s);
}

const text = (v: unknown): string | null => (isMissingToken(v) ? null : String(v).trim());

function readLabels(data: readonly (readonly unknown[])[]): Map<string, LabelEntry> {
	const headerIdx = data.findIndex((r) => r.some((c) => String(c ?? '').trim().toUpperCase() === 'INDICATEURS'));
	if (headerIdx < 0) throw new Error('Atlas : en-tête de la feuille LABEL introuvable (colonne INDICATEURS).');
	const header = data[headerIdx]!.map((c) => String(c ?? '').trim().toUpperCase());
	const col = (name: string) => header.indexOf(name);
	const [cCode, cAges, cSrc, cYear, cLabel, cComment] = ['INDICATEURS', 'AGES', 'SOURCE PRINCIPALE', 'ANNEE', 'LIBELLE', 'COMMENTAIRE'].map(col);
	const out = new Map<string, LabelEntry>();
	for (const row of data.slice(headerIdx + 1)) {
		const code = text(row[cCode!]);
		if (!code || out.has(code)) continue;
		out.set(code, {
			label: text(row[cLabel!]) ?? code,
			ages: cAges! >= 0 ? text(row[cAges!]) : null,
			source: cSrc! >= 0 ? text(row[cSrc!]) : null,
			comment: cComment! >= 0 ? text(row[cComment!]) : null,
			years: parseYearRange(row[cYear!])
		});
	}
	return out;
}

export async function parseAtlas(xlsx: Uint8Array): Promise<AtlasResult> {
	const buf = Buffer.from(xlsx.buffer, xlsx.byteOffset, xlsx.byteLength);
	const sheets = await readXlsxFile(buf);
	const labelSheet = sheets.find((s) => LABEL_SHEET.test(s.sheet.trim()));
	if (!labelSheet) throw new Error('Atlas : feuille LABEL absente du classeur.');
	const labels = readLabels(labelSheet.data);

	const q = qualityBuilder(SOURCE, 'MAJ_IND_ATLAS.xlsx');
	const values: AtlasValueRow[] = [];
	const indicators = new Map<string, AtlasIndicatorRow>(); // key indicator|year
	const seen = new Set<string>();
	const unlabelled = new Set<string>();
	const outOfRange = new Set<string>();
	const suffixed: string[] = [];

	for (const sheet of sheets) {
		if (sheet === labelSheet) continue;
		const header = sheet.data[0];
		if (!header || String(header[0] ?? '').trim().toUpperCase() !== 'DEP') {
			if (sheet.data.length) q.note(`Sheet "${sheet.sheet}" skipped: no DEP header.`);
			continue;
		}
		const cols = header.map((h) => parseAtlasHeader(h));
		cols.forEach((c, i) => {
			if (c?.suffix) suffixed.push(String(header[i]));
		});
		for (const row of sheet.data.slice(1)) {
			if (row.every((c) => c === null || String(c).trim() === '')) continue;
			const dep = atlasDep(row[0]);
			for (let i = 1; i < header.length; i++) {
				q.read();
				const c = cols[i];
				const where = `${String(row[0])} ${String(header[i])}`;
				if (!c) {
					q.reject('column name without a year', String(header[i]));
					continue;
				}
				if (!dep) {
					q.reject('unknown département', String(row[0]));
					continue;
				}
				const cell = row[i];
				const value = typeof cell === 'number' ? cell : parseFrNumber(cell);
				if (value !== null && !Number.isFinite(value)) {
					q.reject('malformed number', `${where}=${String(cell)}`);
					continue;
				}
				const key = `${dep}|${c.indicator}|${c.year}`;
				if (seen.has(key)) {
					q.reject('duplicate value (same département, indicator, year)', where);
					continue;
				}
				seen.add(key);
				values.push({ dep, indicator: c.indicator, year: c.year, value });
				q.keep();
				const ikey = `${c.indicator}|${c.year}`;
				if (!indicators.has(ikey)) {
					const l = labels.get(c.indicator);
					if (!l) unlabelled.add(c.indicator);
					else if (l.years && (c.year < l.years[0] || c.year > l.years[1])) outOfRange.add(`${c.indicator}_${c.year}`);
					indicators.set(ikey, {
						indicator: c.indicator,
						year: c.year,
						label: l?.label ?? c.indicator,
						ages: l?.ages ?? null,
						source: l?.source ?? null,
						sheet: sheet.sheet,
						comment: l?.comment ?? null
					});
				}
			}
		}
	}
	const present = new Set([...indicators.values()].map((i) => i.indicator));
	const noColumn = [...labels.keys()].filter((k) => !present.has(k));
	if (suffixed.length) q.note(`Headers with a trailing label, read as <code>_<year>: ${suffixed.join(', ')}.`);
	if (unlabelled.size) q.note(`Indicators absent from LABEL (label = code): ${[...unlabelled].join(', ')}.`);
	if (outOfRange.size) q.note(`Columns whose year is outside the LABEL ANNEE range: ${[...outOfRange].join(', ')}.`);
	if (noColumn.length) q.note(`LABEL entries with no data column: ${noColumn.join(', ')}.`);
	q.note(`${values.filter((v) => v.value === null).length} missing values ('NA') kept as null.`);
	return { values: { rows: values, quality: q.build() }, indicators: [...indicators.values()] };
}
