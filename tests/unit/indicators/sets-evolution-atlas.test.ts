/**
 * indicatorSql beyond the administrative levels, on a small hand-made fixture in a real DuckDB:
 * sector and custom territories (commune and FINESS attribution), evolutions 2022 → 2023 and
 * Atlas densities weighted up to région and France. Expected values are worked out by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsToArrowIPC, type TableSpec } from '../../../data/write';
import type { AtlasValueRow, CommuneRow, PopulationDepRow, SaeEstablishmentRow, SaePsyRow } from '../../../data/schema';
import { query } from '../../../src/lib/db/query';
import { registerTerritorySet, type TerritorySet } from '../../../src/lib/geo/territories';
import { CATALOGUE, EVOLUTION_INDICATORS, INDICATORS, indicatorById } from '../../../src/lib/indicators/catalogue';
import { indicatorSql, levelsOf } from '../../../src/lib/indicators/sql';
import type { EvolutionValue, IndicatorValue } from '../../../src/lib/indicators/types';
import { createNodeDuckDB, type NodeDuckDB } from '../../helpers/duckdb-node';

const commune = (code: string, dep: string, reg: string, population: number): CommuneRow => ({
	code, name: `Commune ${code}`, dep, reg, epci: null, population, lon: null, lat: null, has_geom: false
});
const communes = [commune('01001', '01', '84', 1000), commune('01002', '01', '84', 3000), commune('69001', '69', '84', 6000), commune('75056', '75', '11', 10000)];
const pop = (dep: string, year: number, pop_total: number, pop_0_15: number, pop_20_plus: number): PopulationDepRow => ({
	dep, year, pop_total, pop_0_15, pop_16_plus: pop_total - pop_0_15, pop_0_19: 0, pop_20_59: 0, pop_20_plus, pop_60_plus: 0, age16_estimated: true
});
const populationDep = [
	pop('01', 2023, 4000, 800, 3000), pop('69', 2023, 6000, 1500, 4200), pop('75', 2023, 10000, 2000, 7500),
	pop('01', 2022, 3900, 780, 2900), pop('69', 2022, 6000, 1500, 4200), pop('75', 2022, 10000, 2000, 7500)
];
const est = (fi: string, fi_ej: string | null, c: string): SaeEstablishmentRow => ({
	fi, fi_ej, name: `Établissement ${fi}`, cat: '292', commune: c, dep: c.slice(0, 2), lon: null, lat: null, geo_source: 'none', in_2022: true, in_2023: true
});
const establishments = [est('010000001', '010000009', '01001'), est('690000001', '010000009', '69001'), est('750000001', null, '75056')];
const psy = (year: number, fi: string, dis: SaePsyRow['dis'], cap_htp: number): SaePsyRow => ({
	year, fi, dis, nb_sect: null, cap_htp, cap_hdj: null, cap_hdn: null, cap_pft: null, cap_aat: null, cap_acp: null, cap_ccu: null, cap_had: null,
	nb_cmp: null, nb_cattp: null, fil_tot: null, fil_amb: null, etp_psychiatrists: null, etp_doctors: null, etp_nurses: null, etp_psychologists: null, etp_nonmedical: null
});
const saePsy = [
	psy(2023, '010000001', 'GEN', 40), psy(2023, '010000001', 'INF', 10), psy(2023, '690000001', 'GEN', 30), psy(2023, '750000001', 'GEN', 100),
	psy(2022, '010000001', 'GEN', 50), psy(2022, '750000001', 'GEN', 90)
];
const atlas: AtlasValueRow[] = [
	{ dep: '01', indicator: 'OFF46', year: 2019, value: 200 },
	{ dep: '69', indicator: 'OFF46', year: 2019, value: 100 },
	{ dep: '75', indicator: 'OFF46', year: 2019, value: 300 },
	{ dep: 'FR', indicator: 'OFF46', year: 2019, value: 250 },
	{ dep: '01', indicator: 'OFF46', year: 2017, value: 1 }
];

const S = <R,>(s: TableSpec<R>) => s;
const TABLES: [string, object[], TableSpec<never>][] = [
	['regions', [{ code: '84', name: 'Auvergne-Rhône-Alpes' }, { code: '11', name: 'Île-de-France' }], S({ code: 'dict', name: 'string' }) as never],
	['departements', [{ code: '01', name: 'Ain', reg: '84' }, { code: '69', name: 'Rhône', reg: '84' }, { code: '75', name: 'Paris', reg: '11' }], S({ code: 'dict', name: 'string', reg: 'dict' }) as never],
	['epci', [], S({ code: 'string', name: 'string', type: 'dict' }) as never],
	['communes', communes, S<CommuneRow>({ code: 'string', name: 'string', dep: 'dict', reg: 'dict', epci: 'dict', population: 'int', lon: 'float', lat: 'float', has_geom: 'bool' }) as never],
	['population_dep', populationDep, Object.fromEntries(Object.keys(populationDep[0]!).map((k) => [k, k === 'dep' ? 'dict' : k === 'age16_estimated' ? 'bool' : 'int'])) as never],
	['sae_establishments', establishments, S<SaeEstablishmentRow>({ fi: 'string', fi_ej: 'string', name: 'string', cat: 'dict', commune: 'string', dep: 'dict', lon: 'float', lat: 'float', geo_source: 'dict', in_2022: 'bool', in_2023: 'bool' }) as never],
	['sae_psy', saePsy, Object.fromEntries(Object.keys(saePsy[0]!).map((k) => [k, k === 'fi' ? 'string' : k === 'dis' ? 'dict' : k === 'year' ? 'int' : 'float'])) as never],
	['gp_practices', [{ commune: '01001', gp_practices: 2 }, { commune: '75056', gp_practices: 8 }], S({ commune: 'string', gp_practices: 'int' }) as never],
	['atlas_values', atlas, S<AtlasValueRow>({ dep: 'dict', indicator: 'dict', year: 'int', value: 'float' }) as never]
];

const sectors: TerritorySet = {
	id: 'S',
	label: 'Secteurs de test',
	level: 'sector',
	territories: [
		{ code: 'G1', name: 'Secteur G1', kind: 'G', communes: ['01001', '01002'], finess: '010000001' },
		{ code: 'G2', name: 'Secteur G2', kind: 'G', communes: ['69001'], finess: '010000001' },
		{ code: 'G3', name: 'Secteur G3', kind: 'G', communes: ['75056'], finess: null },
		{ code: 'G4', name: 'Secteur G4 (FINESS juridique)', kind: 'G', communes: ['01002'], finess: '010000009' },
		{ code: 'I1', name: 'Secteur I1', kind: 'I', communes: ['01001', '01002', '69001'], finess: '010000001' }
	]
};
const custom: TerritorySet = {
	id: 'C',
	label: 'Territoires personnalisés',
	level: 'custom',
	territories: [{ code: 'T1', name: 'Ain + Paris', kind: 'custom', communes: ['01001', '75056'], finess: null }]
};

let duck: NodeDuckDB;
beforeAll(async () => {
	duck = await createNodeDuckDB();
	for (const [name, rows, spec] of TABLES) duck.insertArrow(name, rowsToArrowIPC(rows as never[], spec));
	await registerTerritorySet(duck.db, sectors);
	await registerTerritorySet(duck.db, custom);
});
afterAll(() => duck?.close());

async function run<T = IndicatorValue>(id: string, level: Parameters<typeof indicatorSql>[1], opts: Parameters<typeof indicatorSql>[2] = {}): Promise<T[]> {
	const q = indicatorSql(indicatorById(id)!, level, opts);
	expect(q.sql).not.toMatch(/'(GEN|INF|G|I|S|C|OFF46)'|2023|2022|2019/);
	return query<T>(duck.db, q.sql, q.params);
}
const byCode = <T extends { code: string }>(rows: T[]) => Object.fromEntries(rows.map((r) => [r.code, r]));

describe('sector and custom territories', () => {
	it('commune attribution: G sectors only for an adult indicator, estimated age denominators', async () => {
		const q = indicatorSql(indicatorById('beds_adult_per100k')!, 'sector', { setId: 'S' });
		expect(q.estimated).toBe(true);
		const r = byCode(await run('beds_adult_per100k', 'sector', { setId: 'S' }));
		expect(Object.keys(r)).toEqual(['G1', 'G2', 'G3', 'G4']);
		expect(r.G1).toMatchObject({ name: 'Secteur G1', numerator: 40, denominator: 3200 });
		expect(r.G1!.value).toBeCloseTo((40 * 1e5) / 3200, 9);
		expect(r.G2).toMatchObject({ numerator: 30, denominator: 4500 });
		expect(r.G3).toMatchObject({ numerator: 100, denominator: 8000 });
		expect(r.G4).toMatchObject({ numerator: 0, denominator: 2400, value: 0 });
	});

	it('child indicator → I sectors', async () => {
		const r = await run('beds_child_per100k', 'sector', { setId: 'S' });
		expect(r).toHaveLength(1);
		expect(r[0]).toMatchObject({ code: 'I1', numerator: 10, denominator: 200 + 600 + 1500 });
	});

	it('FINESS attribution: split equally among the sectors an establishment runs, else by FINESS juridique', async () => {
		const r = byCode(await run('beds_adult_per100k', 'sector', { setId: 'S', attribution: 'sector_finess' }));
		expect(r.G1!.numerator).toBeCloseTo(20, 9);
		expect(r.G2!.numerator).toBeCloseTo(20, 9);
		expect(r.G3!.numerator).toBe(0); // 750000001 is named by no sector: not attributed
		expect(r.G4!.numerator).toBeCloseTo(30, 9); // 690000001 through its EJ 010000009
		expect(r.G1!.value).toBeCloseTo((20 * 1e5) / 3200, 9);
		expect(() => indicatorSql(indicatorById('beds_adult_per100k')!, 'departement', { attribution: 'sector_finess' })).toThrow(/secteurs/);
	});

	it('custom territories, total population base and counts', async () => {
		const beds = await run('beds_adult_per100k', 'custom', { setId: 'C' });
		expect(beds[0]).toMatchObject({ code: 'T1', name: 'Ain + Paris', numerator: 140, denominator: 8800 });
		const gp = await run('gp_practices_per10k', 'custom', { setId: 'C' });
		expect(gp[0]).toMatchObject({ numerator: 10, denominator: 11000 });
		expect(gp[0]!.value).toBeCloseTo(10 * 10_000 / 11000, 9);
		const popRows = await run('population', 'custom', { setId: 'C' });
		expect(popRows[0]!.value).toBe(11000);
	});

	it('needs a set id; unknown set → no rows; hostile set ids are bound', async () => {
		expect(() => indicatorSql(indicatorById('beds_adult_per100k')!, 'sector')).toThrow(/setId/);
		expect(await run('beds_adult_per100k', 'sector', { setId: "S' OR 1=1 --" })).toEqual([]);
	});

	it('Atlas indicators are not offered below the département', () => {
		const ms = indicatorById('ms_esat_per100k_20plus')!;
		expect(levelsOf(ms)).toEqual(['departement', 'region', 'france']);
		expect(() => indicatorSql(ms, 'sector', { setId: 'S' })).toThrow(/non calculable/);
		expect(levelsOf(indicatorById('beds_adult_per100k')!)).toContain('custom');
	});
});

describe('evolutions 2022 → 2023', () => {
	it('one per SAE indicator, same measure and denominators', () => {
		const sae = INDICATORS.filter((d) => d.measure?.table === 'sae_psy');
		expect(EVOLUTION_INDICATORS.map((d) => d.evolution!.of)).toEqual(sae.map((d) => d.id));
		for (const e of EVOLUTION_INDICATORS) {
			const base = indicatorById(e.evolution!.of)!;
			expect(e.kind).toBe('evolution');
			expect(e.measure).toEqual(base.measure);
			expect(e.base).toBe(base.base);
		}
		expect(new Set(CATALOGUE.map((d) => d.id)).size).toBe(CATALOGUE.length);
	});

	it('value_2023 − value_2022 and % change, each year with its own population', async () => {
		const r = byCode(await run<EvolutionValue>('beds_adult_per100k_evol', 'departement'));
		const v23 = (40 * 1e5) / 3200;
		const v22 = (50 * 1e5) / 3120;
		expect(r['01']!.value_from).toBeCloseTo(v22, 9);
		expect(r['01']!.value_to).toBeCloseTo(v23, 9);
		expect(r['01']!.value).toBeCloseTo(v23 - v22, 9);
		expect(r['01']!.change_pct).toBeCloseTo(((v23 - v22) * 100) / v22, 9);
		expect(r['01']).toMatchObject({ numerator: -10, numerator_from: 50, numerator_to: 40, denominator: 3200, denominator_from: 3120 });
		// 69 had no beds in 2022: change_pct undefined.
		expect(r['69']).toMatchObject({ numerator: 30, value_from: 0, change_pct: null });
		const counts = byCode(await run<EvolutionValue>('cmp_count_evol', 'sector', { setId: 'S' }));
		expect(counts.G1!.value).toBe(0);
		const sec = byCode(await run<EvolutionValue>('beds_adult_per100k_evol', 'sector', { setId: 'S', attribution: 'sector_finess' }));
		expect(sec.G1!.numerator_from).toBeCloseTo(25, 9);
		expect(sec.G1!.numerator_to).toBeCloseTo(20, 9);
	});
});

describe('Atlas medico-social densities', () => {
	it('département: the published value; région and France: means weighted by population ≥ 20 (2022)', async () => {
		const dep = byCode(await run('ms_esat_per100k_20plus', 'departement'));
		expect(dep['01']).toMatchObject({ value: 200, denominator: 2900 });
		expect(dep['01']!.numerator).toBeCloseTo((200 * 2900) / 1e5, 9);
		const reg = byCode(await run('ms_esat_per100k_20plus', 'region'));
		expect(reg['84']!.value).toBeCloseTo((200 * 2900 + 100 * 4200) / 7100, 9);
		expect(reg['11']!.value).toBeCloseTo(300, 9);
		const [fr] = await run('ms_esat_per100k_20plus', 'france');
		expect(fr!.value).toBeCloseTo((200 * 2900 + 100 * 4200 + 300 * 7500) / 14600, 9);
		expect(fr!.denominator).toBe(14600);
	});
});
