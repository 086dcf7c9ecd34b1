import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { atlasDep, parseAtlas, parseAtlasHeader, parseYearRange, type AtlasResult } from '../../../data/parsers/atlas.ts';
import { atlasXlsx } from '../../fixtures/atlas/maj-ind-atlas.ts';
import { describeMirror, MIRROR } from '../../helpers/mirror.ts';

describe('atlas helpers', () => {
	it('parses headers, year ranges and département codes', () => {
		expect(parseAtlasHeader('OFF01_2019')).toEqual({ indicator: 'OFF01', year: 2019, suffix: null });
		expect(parseAtlasHeader('ADO67B2_2015_salarié')).toEqual({ indicator: 'ADO67B2', year: 2015, suffix: 'salarié' });
		expect(parseAtlasHeader('TMS06bB_ind')).toBeNull();
		expect(parseAtlasHeader('DEP')).toBeNull();
		expect(parseYearRange('2015-2019')).toEqual([2015, 2019]);
		expect(parseYearRange(2019)).toEqual([2019, 2019]);
		expect(parseYearRange(null)).toBeNull();
		expect(atlasDep('FR')).toBe('FR');
		expect(atlasDep('9D')).toBe('974');
		expect(atlasDep('9F')).toBe('976');
		expect(atlasDep('2B')).toBe('2B');
		expect(atlasDep('ZZ')).toBeNull();
	});
});

describe('parseAtlas on the fixture', () => {
	let r: AtlasResult;
	beforeAll(async () => {
		r = await parseAtlas(atlasXlsx());
	});
	const v = (dep: string, ind: string, year: number) => r.values.rows.find((x) => x.dep === dep && x.indicator === ind && x.year === year);

	it('reads values in long format with FR, DROM recoding and NA as null', () => {
		expect(v('FR', 'OFF01', 2019)?.value).toBe(97.4);
		expect(v('FR', 'OFF01', 2015)?.value).toBe(103.79816287163298);
		expect(v('01', 'OFF01', 2019)).toEqual({ dep: '01', indicator: 'OFF01', year: 2019, value: null });
		expect(v('2A', 'OFF01', 2015)?.value).toBe(12.5);
		expect(v('971', 'OFF15A', 2019)?.value).toBe(4);
		expect(v('976', 'OFF01', 2019)?.value).toBe(39.84);
		expect(v('01', 'ADO67B0', 2015)?.value).toBe(1.91);
		expect(r.values.rows.some((x) => x.dep === '9A' || x.dep === 'ZZ')).toBe(false);
	});

	it('counts every rejected cell by reason', () => {
		const q = r.values.quality;
		expect(q.rejections).toEqual({
			'column name without a year': 6, // OFF02_ind × 6 data rows (the blank row is skipped)
			'unknown département': 4, // ZZ × 4 dated columns
			'malformed number': 1,
			'duplicate value (same département, indicator, year)': 2
		});
		expect(q.examples?.['malformed number']).toEqual(['2A OFF15A_2019=x1']);
		expect(q.examples?.['column name without a year']).toEqual(['OFF02_ind']);
		expect(q.rows_read).toBe(q.rows_kept + q.rows_rejected);
		expect(q.rows_kept).toBe(r.values.rows.length);
	});

	it('builds one indicator row per (code, year) present, labelled from LABEL', () => {
		const keys = r.indicators.map((i) => `${i.indicator}_${i.year}`).sort();
		expect(keys).toEqual(['ADO67B0_2015', 'ADO67B0_2019', 'OFF01_2015', 'OFF01_2019', 'OFF15A_2019', 'OFF77_2017', 'VUL14_2016', 'VUL14_2019']);
		expect(r.indicators.find((i) => i.indicator === 'OFF15A')).toEqual({
			indicator: 'OFF15A',
			year: 2019,
			label: 'Densité de CMP',
			ages: '16 ans et plus',
			source: 'SAE',
			sheet: 'Offre de soins',
			comment: 'Nouvelle définition en 2019'
		});
		expect(r.indicators.find((i) => i.indicator === 'ADO67B0')!.ages).toBeNull(); // 'Na'
		expect(r.indicators.find((i) => i.indicator === 'OFF77')!.label).toBe('OFF77');
		const notes = r.values.quality.notes!.join('\n');
		expect(notes).toContain('absent from LABEL (label = code): OFF77');
		expect(notes).toContain('outside the LABEL ANNEE range: ADO67B0_2015');
		expect(notes).toContain('no data column: OFF99');
		expect(notes).toContain('ADO67B0_2015_libre');
	});
});

describeMirror('parseAtlas on the mirror', () => {
	let r: AtlasResult;
	beforeAll(async () => {
		r = await parseAtlas(readFileSync(join(MIRROR!, 'atlas_sante_mentale/MAJ_IND_ATLAS.xlsx')));
	});

	it('matches every value of the derived CSV re-exports', () => {
		const dir = join(MIRROR!, 'atlas_sante_mentale/derived');
		const index = new Map(r.values.rows.map((x) => [`${x.dep}|${x.indicator}|${x.year}`, x.value]));
		const drom: Record<string, string> = { '9A': '971', '9B': '972', '9C': '973', '9D': '974', '9F': '976' };
		let compared = 0;
		let yearless = 0;
		for (const f of readdirSync(dir).filter((n) => n.endsWith('.csv') && n !== 'atlas_indicateurs_libelles.csv')) {
			// data CSVs hold no quoted fields: a plain split is enough
			const [head, ...lines] = readFileSync(join(dir, f), 'utf8').replace(/^\ufeff/, '').split(/\r?\n/).filter(Boolean);
			const cols = head!.split(',');
			for (const line of lines) {
				const cells = line.split(',');
				const dep = drom[cells[0]!] ?? cells[0]!;
				cols.forEach((c, i) => {
					if (i === 0) return;
					const m = /^(.+?)_(\d{4})(_.*)?$/.exec(c);
					if (!m) {
						yearless++;
						return;
					}
					const expected = cells[i] === 'NA' ? null : Number(cells[i]);
					expect(index.get(`${dep}|${m[1]}|${m[2]}`), `${f} ${dep} ${c}`).toBe(expected);
					compared++;
				});
			}
		}
		expect(compared).toBe(r.values.rows.length);
		expect(r.values.quality.rejections).toEqual({ 'column name without a year': yearless });
		expect(yearless).toBe(101); // TMS06bB_ind on the TMS sheet (101 rows)
	});

	it('has 102 rows (FR + 101 départements) on the supply sheet and README reference values', () => {
		const off = r.values.rows.filter((x) => x.indicator === 'OFF01' && x.year === 2019);
		expect(off).toHaveLength(102);
		const fr = (ind: string) => r.values.rows.find((x) => x.dep === 'FR' && x.indicator === ind && x.year === 2019)!.value!;
		expect(fr('OFF01')).toBeCloseTo(97.4, 1);
		expect(fr('OFF15A')).toBeCloseTo(3.2, 1);
		expect(fr('OFF16')).toBeCloseTo(2.1, 1);
		expect(fr('OFF43')).toBeCloseTo(31.7, 1);
		expect(fr('OFF42')).toBeCloseTo(40.0, 1);
		expect(fr('OFFX5')).toBeCloseTo(22.9, 1);
		expect(Math.round(fr('OFF46'))).toBe(226);
	});

	it('labels every indicator from LABEL, with one row per year present', async () => {
		const lab = readFileSync(join(MIRROR!, 'atlas_sante_mentale/derived/atlas_indicateurs_libelles.csv'), 'utf8');
		// indicator code is the 4th field; labels contain quoted commas but the first four fields never do
		const codes = new Set(lab.split(/\r?\n/).slice(1).map((l) => l.split(',')[3]).filter((c): c is string => !!c));
		expect(codes.size).toBeGreaterThan(90);
		expect(new Set(r.indicators.map((i) => i.indicator))).toEqual(codes);
		expect(r.indicators.every((i) => i.label !== i.indicator)).toBe(true);
		const keys = new Set(r.values.rows.map((x) => `${x.indicator}|${x.year}`));
		expect(r.indicators).toHaveLength(keys.size);
	});
});
