/**
 * A small hand-made fixture in the app's table formats (encoded with the pipeline's own Arrow
 * writer): 4 communes in 3 départements, 3 SAE establishments (two under one FINESS juridique),
 * a sector set naming FINESS and a custom territory. Loaded into a real DuckDB (Node binding).
 */
import { rowsToArrowIPC, type TableSpec } from '../../../data/write';
import type { AtlasValueRow, CommuneRow, PopulationDepRow, SaeEstablishmentRow, SaePsyRow } from '../../../data/schema';
import { registerTerritorySet, type TerritorySet } from '../../../src/lib/geo/territories';
import { createNodeDuckDB, type NodeDuckDB } from '../../helpers/duckdb-node';

const commune = (code: string, dep: string, reg: string, population: number): CommuneRow => ({
	code, name: `Commune ${code}`, dep, reg, epci: null, population, lon: null, lat: null, has_geom: false
});
export const communes = [commune('01001', '01', '84', 1000), commune('01002', '01', '84', 3000), commune('69001', '69', '84', 6000), commune('75056', '75', '11', 10000)];
const pop = (dep: string, year: number, pop_total: number, pop_0_15: number, pop_20_plus: number, pop_20_59: number): PopulationDepRow => ({
	dep, year, pop_total, pop_0_15, pop_16_plus: pop_total - pop_0_15, pop_0_19: 0, pop_20_59, pop_20_plus, pop_60_plus: pop_20_plus - pop_20_59, age16_estimated: true
});
const populationDep = [
	pop('01', 2023, 4000, 800, 3000, 2100), pop('69', 2023, 6000, 1500, 4200, 3000), pop('75', 2023, 10000, 2000, 7500, 5500),
	pop('01', 2022, 3900, 780, 2900, 2000), pop('69', 2022, 6000, 1500, 4200, 2800), pop('75', 2022, 10000, 2000, 7500, 5000)
];
const est = (fi: string, fi_ej: string | null, c: string): SaeEstablishmentRow => ({
	fi, fi_ej, name: `Établissement ${fi}`, cat: '292', commune: c, dep: c.slice(0, 2), lon: null, lat: null, geo_source: 'none', in_2022: true, in_2023: true
});
export const establishments = [est('010000001', '010000009', '01001'), est('690000001', '010000009', '69001'), est('750000001', null, '75056')];
const psy = (year: number, fi: string, dis: SaePsyRow['dis'], cap_htp: number): SaePsyRow => ({
	year, fi, dis, nb_sect: null, cap_htp, cap_hdj: null, cap_hdn: null, cap_pft: null, cap_aat: null, cap_acp: null, cap_ccu: null, cap_had: null,
	nb_cmp: null, nb_cattp: null, fil_tot: null, fil_amb: null, etp_psychiatrists: null, etp_doctors: null, etp_nurses: null, etp_psychologists: null, etp_nonmedical: null
});
export const saePsy = [
	psy(2023, '010000001', 'GEN', 40), psy(2023, '010000001', 'INF', 10), psy(2023, '690000001', 'GEN', 30), psy(2023, '750000001', 'GEN', 100),
	psy(2022, '010000001', 'GEN', 50), psy(2022, '750000001', 'GEN', 90)
];
const atlas: AtlasValueRow[] = [
	{ dep: '01', indicator: 'OFF46', year: 2019, value: 200 },
	{ dep: '69', indicator: 'OFF46', year: 2019, value: 100 },
	{ dep: '75', indicator: 'OFF46', year: 2019, value: 300 },
	{ dep: 'FR', indicator: 'OFF46', year: 2019, value: 250 },
	{ dep: '01', indicator: 'OFF46', year: 2017, value: 1 },
	// OFF43 lacks Paris: a partial région/France must stay null.
	{ dep: '01', indicator: 'OFF43', year: 2019, value: 50 },
	{ dep: '69', indicator: 'OFF43', year: 2019, value: 30 }
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

export const sectors: TerritorySet = {
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
export const custom: TerritorySet = {
	id: 'C',
	label: 'Territoires personnalisés',
	level: 'custom',
	territories: [{ code: 'T1', name: 'Ain + Paris', kind: 'custom', communes: ['01001', '75056'], finess: null }]
};

/** A DuckDB holding every fixture table and the sector and custom sets. */
export async function loadSetsFixture(): Promise<NodeDuckDB> {
	const duck = await createNodeDuckDB();
	for (const [name, rows, spec] of TABLES) duck.insertArrow(name, rowsToArrowIPC(rows as never[], spec));
	await registerTerritorySet(duck.db, sectors);
	await registerTerritorySet(duck.db, custom);
	return duck;
}
