/**
 * INSEE population estimates per département and age:
 * - 2022 from the 5-year-band workbook (estim-pop-dep-sexe-aq-1975-2022.xlsx, sheet '2022', 'Ensemble' block);
 * - 2023 from the broad-band CSV re-export (estim-pop-dep-2023.csv: BOM, two header lines, '170 727' numbers).
 * The 0-15 / 16+ cut is not published: 2022 takes 1/5 of the 15-19 band (uniform ages inside the band);
 * 2023 applies each département's 2022 share of 0-15 within 0-19 to its 2023 0-19 band.
 */
import { readSheet } from 'read-excel-file/node';
import type { ParseResult, PopulationDepRow } from '../schema.ts';
import { normDep, parseFrNumber, qualityBuilder, splitLines, stripBom, type QualityBuilder } from './common.ts';

export interface InseePopInput {
	broad2023: string;
	quinqXlsx: Uint8Array;
}

const SOURCE = 'insee_pop_age';
const SHEET_2022 = '2022';
const SUMMARY_REASON = 'summary row (France, DOM)';
const NATIONAL_LABEL = /^France métropolitaine et DOM$/i;

/** Ages [lo, hi] of a band label: '0 à 4 ans', '95 ans et plus', '0-19', '75+'. */
export function parseBand(label: string): [number, number] | null {
	const s = label.trim();
	let m = /^(\d+)\s*(?:à|-)\s*(\d+)(?:\s*ans)?$/.exec(s);
	if (m) return [Number(m[1]), Number(m[2])];
	m = /^(\d+)\s*(?:ans et plus|\+)$/.exec(s);
	if (m) return [Number(m[1]), Infinity];
	return null;
}

interface Block {
	bands: { col: number; lo: number; hi: number }[];
	totalCol: number;
}

/** The first run of age bands followed by 'Total' in a header row: the 'Ensemble' block (before Hommes/Femmes). */
function findEnsembleBlock(header: readonly unknown[]): Block | null {
	const start = header.findIndex((c) => typeof c === 'string' && parseBand(c)?.[0] === 0);
	if (start < 0) return null;
	const bands: Block['bands'] = [];
	for (let col = start; col < header.length; col++) {
		const cell = String(header[col] ?? '').trim();
		if (/^total$/i.test(cell)) return { bands, totalCol: col };
		const b = parseBand(cell);
		if (!b) return null;
		bands.push({ col, lo: b[0], hi: b[1] });
	}
	return null;
}

/** Sum of the bands lying entirely inside [lo, hi]; throws when a band straddles the cut (layout changed). */
function sumRange(values: number[], block: Block, lo: number, hi: number): number {
	let s = 0;
	block.bands.forEach((b, i) => {
		if (b.lo >= lo && b.hi <= hi) s += values[i]!;
		else if (b.hi >= lo && b.lo <= hi) throw new Error(`Tranche ${b.lo}-${b.hi} à cheval sur ${lo}-${hi} : format inattendu.`);
	});
	return s;
}

interface Parsed {
	dep: string;
	values: number[]; // one per band
	total: number;
}

/** Shared row loop: département rows kept, summary and note rows counted, malformed numbers rejected. */
function readRows(rows: readonly (readonly unknown[])[], block: Block, q: QualityBuilder, onNational: (total: number) => void): Parsed[] {
	const out: Parsed[] = [];
	const seen = new Set<string>();
	for (const row of rows) {
		if (row.every((c) => c === null || c === undefined || String(c).trim() === '')) continue;
		q.read();
		const rawCode = String(row[0] ?? '').trim();
		const dep = normDep(rawCode);
		if (!dep) {
			if (/france|dom|drom|métropol/i.test(rawCode)) {
				q.reject(SUMMARY_REASON, rawCode);
				if (NATIONAL_LABEL.test(rawCode)) {
					const t = parseFrNumber(row[block.totalCol]);
					if (typeof t === 'number' && Number.isFinite(t)) onNational(t);
				}
			} else q.reject('not a département code (note or unknown)', rawCode.slice(0, 60));
			continue;
		}
		if (seen.has(dep)) {
			q.reject('duplicate département', dep);
			continue;
		}
		const values = block.bands.map((b) => parseFrNumber(row[b.col]));
		const total = parseFrNumber(row[block.totalCol]);
		if (values.some((v) => v === null || Number.isNaN(v)) || total === null || Number.isNaN(total)) {
			q.reject('missing or malformed number', dep);
			continue;
		}
		const nums = values as number[];
		if (nums.reduce((a, b) => a + b, 0) !== total) {
			q.reject('age bands do not add up to the total', dep);
			continue;
		}
		seen.add(dep);
		out.push({ dep, values: nums, total });
	}
	return out;
}

function nationalNote(year: number, rows: { pop_total: number }[], national: number | null): string {
	const sum = rows.reduce((s, r) => s + r.pop_total, 0);
	const fmt = (n: number) => n.toLocaleString('en-US');
	return national === null
		? `${year}: ${rows.length} départements, total ${fmt(sum)} (no national row found to check against).`
		: `${year}: ${rows.length} départements, total ${fmt(sum)} vs national row ${fmt(national)} (${sum === national ? 'equal' : `gap ${fmt(sum - national)}`}).`;
}

export async function parseInseePop(input: InseePopInput): Promise<ParseResult<PopulationDepRow>> {
	const q = qualityBuilder(SOURCE, 'estim-pop-dep-sexe-aq-1975-2022.xlsx (2022) + estim-pop-dep-2023.csv (2023)');

	// --- 2022, 5-year bands ---
	const buf = Buffer.from(input.quinqXlsx.buffer, input.quinqXlsx.byteOffset, input.quinqXlsx.byteLength);
	const sheet = await readSheet(buf, SHEET_2022);
	const h22 = sheet.findIndex((r) => findEnsembleBlock(r) !== null);
	if (h22 < 0) throw new Error(`INSEE population 2022 : ligne d’en-tête des tranches d’âge introuvable (feuille ${SHEET_2022}).`);
	const block22 = findEnsembleBlock(sheet[h22]!)!;
	const above = sheet[h22 - 1]?.[block22.bands[0]!.col];
	if (above !== undefined && above !== null && !/ensemble/i.test(String(above)))
		throw new Error(`INSEE population 2022 : le premier bloc de colonnes n’est pas « Ensemble » (${String(above)}).`);
	let national22: number | null = null;
	const parsed22 = readRows(sheet.slice(h22 + 1), block22, q, (t) => (national22 = t));

	const rows: PopulationDepRow[] = [];
	const share = new Map<string, number>(); // 2022 share of 0-15 in 0-19, per département
	for (const p of parsed22) {
		const age0_14 = sumRange(p.values, block22, 0, 14);
		const age15_19 = sumRange(p.values, block22, 15, 19);
		const pop_0_19 = age0_14 + age15_19;
		const exact0_15 = age0_14 + age15_19 / 5;
		share.set(p.dep, pop_0_19 > 0 ? exact0_15 / pop_0_19 : 0);
		const pop_0_15 = Math.round(exact0_15);
		rows.push({
			dep: p.dep,
			year: 2022,
			pop_total: p.total,
			pop_0_15,
			pop_16_plus: p.total - pop_0_15,
			pop_0_19,
			pop_20_59: sumRange(p.values, block22, 20, 59),
			pop_20_plus: sumRange(p.values, block22, 20, Infinity),
			pop_60_plus: sumRange(p.values, block22, 60, Infinity),
			age16_estimated: true
		});
		q.keep();
	}
	q.note(nationalNote(2022, rows, national22));

	// --- 2023, broad bands ---
	const lines = splitLines(stripBom(input.broad2023)).map((l) => l.split(';'));
	const h23 = lines.findIndex((r) => findEnsembleBlock(r) !== null);
	if (h23 < 0) throw new Error('INSEE population 2023 : ligne d’en-tête « Code;Nom;0-19;… » introuvable.');
	const block23 = findEnsembleBlock(lines[h23]!)!;
	const above23 = lines[h23 - 1]?.[block23.bands[0]!.col];
	if (above23 !== undefined && above23.trim() !== '' && !/ensemble/i.test(above23))
		throw new Error(`INSEE population 2023 : le premier bloc de colonnes n’est pas « Ensemble » (${above23}).`);
	let national23: number | null = null;
	const parsed23 = readRows(lines.slice(h23 + 1), block23, q, (t) => (national23 = t));
	const rows23: PopulationDepRow[] = [];
	for (const p of parsed23) {
		const s = share.get(p.dep);
		if (s === undefined) {
			q.reject('no 2022 age structure for the 0-15 split', p.dep);
			continue;
		}
		const pop_0_19 = sumRange(p.values, block23, 0, 19);
		const pop_0_15 = Math.round(pop_0_19 * s);
		rows23.push({
			dep: p.dep,
			year: 2023,
			pop_total: p.total,
			pop_0_15,
			pop_16_plus: p.total - pop_0_15,
			pop_0_19,
			pop_20_59: sumRange(p.values, block23, 20, 59),
			pop_20_plus: sumRange(p.values, block23, 20, Infinity),
			pop_60_plus: sumRange(p.values, block23, 60, Infinity),
			age16_estimated: true
		});
		q.keep();
	}
	q.note(nationalNote(2023, rows23, national23));
	q.note('pop_0_15 is estimated: 0-14 + 1/5 of 15-19 (2022); 2023 applies the 2022 share of 0-15 within 0-19 of the same département.');
	rows.push(...rows23);
	return { rows, quality: q.build() };
}
