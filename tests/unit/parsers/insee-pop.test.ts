import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeText } from '../../../data/fetch.ts';
import { parseBand, parseInseePop } from '../../../data/parsers/insee-pop.ts';
import type { ParseResult, PopulationDepRow } from '../../../data/schema.ts';
import { AIN, CORSE_SUD, GUADELOUPE, quinqXlsx } from '../../fixtures/insee/quinq-2022.ts';
import { describeMirror, MIRROR } from '../../helpers/mirror.ts';

const FIX = join(import.meta.dirname, '../../fixtures/insee');
const sum = (a: number[]) => a.reduce((s, x) => s + x, 0);
const find = (r: ParseResult<PopulationDepRow>, dep: string, year: number) => r.rows.find((x) => x.dep === dep && x.year === year);

describe('parseBand', () => {
	it('reads both band notations', () => {
		expect(parseBand('0 à 4 ans')).toEqual([0, 4]);
		expect(parseBand('95 ans et plus')).toEqual([95, Infinity]);
		expect(parseBand('20-39')).toEqual([20, 39]);
		expect(parseBand('75+')).toEqual([75, Infinity]);
		expect(parseBand('Total')).toBeNull();
	});
});

describe('parseInseePop on the fixtures', () => {
	const csvBytes = readFileSync(join(FIX, 'estim-pop-dep-2023.csv'));
	let r: ParseResult<PopulationDepRow>;
	beforeAll(async () => {
		// the file keeps its BOM: the parser must cope with raw text as well as decodeText output
		r = await parseInseePop({ broad2023: csvBytes.toString('utf8'), quinqXlsx: quinqXlsx() });
	});

	it('derives 2022 from the Ensemble block of the 2022 sheet', () => {
		const a = find(r, '01', 2022)!;
		const age0_14 = AIN[0]! + AIN[1]! + AIN[2]!;
		expect(a).toEqual({
			dep: '01',
			year: 2022,
			pop_total: sum(AIN),
			pop_0_15: Math.round(age0_14 + AIN[3]! / 5),
			pop_16_plus: sum(AIN) - Math.round(age0_14 + AIN[3]! / 5),
			pop_0_19: age0_14 + AIN[3]!,
			pop_20_59: sum(AIN.slice(4, 12)),
			pop_20_plus: sum(AIN.slice(4)),
			pop_60_plus: sum(AIN.slice(12)),
			age16_estimated: true
		});
		expect(a.pop_total).toBe(665391); // INSEE 2022 figure for Ain
		expect(find(r, '2A', 2022)!.pop_0_15).toBe(500 + 2000 + 200);
		expect(find(r, '971', 2022)!.pop_total).toBe(sum(GUADELOUPE)); // numeric DROM code in the sheet
		expect(sum(CORSE_SUD)).toBe(find(r, '2A', 2022)!.pop_total);
	});

	it('derives 2023 from the broad bands with the 2022 share of 0-15 in 0-19', () => {
		const a = find(r, '01', 2023)!;
		const share = (AIN[0]! + AIN[1]! + AIN[2]! + AIN[3]! / 5) / (AIN[0]! + AIN[1]! + AIN[2]! + AIN[3]!);
		expect(a).toEqual({
			dep: '01',
			year: 2023,
			pop_total: 671937,
			pop_0_15: Math.round(170727 * share),
			pop_16_plus: 671937 - Math.round(170727 * share),
			pop_0_19: 170727,
			pop_20_59: 149960 + 183127,
			pop_20_plus: 149960 + 183127 + 109363 + 58760,
			pop_60_plus: 109363 + 58760,
			age16_estimated: true
		});
		expect(find(r, '2A', 2023)!.pop_0_19).toBe(30000); // no-break-space thousands separator
		expect(find(r, '971', 2023)!.pop_total).toBe(375845);
	});

	it('counts summary, malformed and unmatched rows', () => {
		expect(r.rows.map((x) => `${x.year}:${x.dep}`).sort()).toEqual(['2022:01', '2022:2A', '2022:971', '2023:01', '2023:2A', '2023:971']);
		const q = r.quality;
		expect(q.rejections).toEqual({
			'summary row (France, DOM)': 6,
			'not a département code (note or unknown)': 1,
			'missing or malformed number': 2, // 04 in 2022, 05 in 2023
			'age bands do not add up to the total': 1, // 06 in 2023
			'no 2022 age structure for the 0-15 split': 1 // 03 in 2023
		});
		expect(q.examples?.['missing or malformed number']).toEqual(['04', '05']);
		expect(q.rows_read).toBe(q.rows_kept + q.rows_rejected);
		expect(q.notes).toContain('2023: 3 départements, total 1,207,782 vs national row 1,207,782 (equal).');
		expect(q.notes?.some((n) => n.startsWith('2022: 3 départements') && n.includes('(equal)'))).toBe(true);
	});

	it('gives the same result on a latin-1 copy of the CSV decoded by decodeText', async () => {
		const latin1 = Buffer.from(csvBytes.toString('utf8').replace(/^\ufeff/, ''), 'latin1');
		const r2 = await parseInseePop({ broad2023: decodeText(latin1), quinqXlsx: quinqXlsx() });
		expect(r2.rows).toEqual(r.rows);
	});

	it('fails clearly when the header is missing', async () => {
		await expect(parseInseePop({ broad2023: 'a;b\n1;2', quinqXlsx: quinqXlsx() })).rejects.toThrow(/en-tête/);
	});
});

describeMirror('parseInseePop on the mirror', () => {
	let r: ParseResult<PopulationDepRow>;
	let csv: string;
	beforeAll(async () => {
		const dir = join(MIRROR!, 'insee_pop_age');
		csv = readFileSync(join(dir, 'estim-pop-dep-2023.csv'), 'utf8');
		r = await parseInseePop({ broad2023: csv, quinqXlsx: gunzipSync(readFileSync(join(dir, 'estim-pop-dep-sexe-aq-1975-2022.xlsx.gz'))) });
	});

	it('2023: 101 départements adding up to the file’s national row (68,042,591)', () => {
		// independent read: plain split, département rows are those whose code is digits or 2A/2B
		const cells = csv.replace(/^\ufeff/, '').split(/\r?\n/).slice(2).filter(Boolean).map((l) => l.split(';'));
		const num = (s: string) => Number(s.replace(/\s/g, ''));
		const deps = cells.filter((c) => /^(\d+|2A|2B)$/.test(c[0]!));
		const national = cells.find((c) => c[0] === 'France métropolitaine et DOM')!;
		expect(num(national[7]!)).toBe(68042591); // README
		expect(sum(deps.map((c) => num(c[7]!)))).toBe(68042591);
		const rows23 = r.rows.filter((x) => x.year === 2023);
		expect(rows23).toHaveLength(101);
		expect(sum(rows23.map((x) => x.pop_total))).toBe(68042591);
		expect(sum(rows23.map((x) => x.pop_0_19))).toBe(num(national[2]!));
		expect(sum(rows23.map((x) => x.pop_60_plus))).toBe(num(national[5]!) + num(national[6]!));
		for (const c of deps) {
			const row = rows23.find((x) => x.dep === c[0]!.padStart(2, '0'))!;
			expect(row.pop_20_59).toBe(num(c[3]!) + num(c[4]!));
			expect(row.pop_0_15).toBeLessThan(row.pop_0_19);
			expect(row.pop_0_15 + row.pop_16_plus).toBe(row.pop_total);
		}
	});

	it('2022: matches the independent long re-export (67,813,396) band by band', () => {
		const long = readFileSync(join(MIRROR!, 'insee_pop_age/derived/pop_dep_sexe_aq_2019_2022_long.csv'), 'utf8');
		const byDep = new Map<string, Map<string, number>>();
		for (const line of long.split(/\r?\n/).slice(1)) {
			const [annee, dep, , sexe, band, pop] = line.split(',');
			if (annee !== '2022' || sexe !== 'ensemble') continue;
			if (!byDep.has(dep!)) byDep.set(dep!, new Map());
			byDep.get(dep!)!.set(band!, Number(pop));
		}
		const rows22 = r.rows.filter((x) => x.year === 2022);
		expect(rows22).toHaveLength(byDep.size);
		expect(sum(rows22.map((x) => x.pop_total))).toBe(67813396); // README
		for (const [dep, b] of byDep) {
			const g = (k: string) => b.get(k)!;
			const row = rows22.find((x) => x.dep === dep)!;
			expect(row.pop_total).toBe(g('Total'));
			expect(row.pop_0_19).toBe(g('0-4') + g('5-9') + g('10-14') + g('15-19'));
			expect(row.pop_0_15).toBe(Math.round(g('0-4') + g('5-9') + g('10-14') + g('15-19') / 5));
			expect(row.pop_60_plus).toBe(['60-64', '65-69', '70-74', '75-79', '80-84', '85-89', '90-94', '95+'].reduce((s, k) => s + g(k), 0));
		}
		expect(r.quality.rejections).toEqual({ 'summary row (France, DOM)': 6, 'not a département code (note or unknown)': 1 });
	});
});
