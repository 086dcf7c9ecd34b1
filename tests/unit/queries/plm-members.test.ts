/**
 * Sector sets by arrondissement municipal on the real artefacts: a Paris sector of three
 * arrondissements owns those three, never the whole city, in every place memberships become
 * commune lists (main map and projection owners, gap map members, directory and local-resource
 * filters, labels); a city listed whole still owns the city.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import type { Feature, Geometry } from 'geojson';
import { registerTerritorySet, type TerritorySet } from '../../../src/lib/geo/territories';
import { partialCities } from '../../../src/lib/geo/plm';
import { communeOwners } from '../../../src/lib/queries/communes';
import { communesByTerritory } from '../../../src/lib/queries/gaps';
import { communesOfTerritory } from '../../../src/lib/queries/local-resources';
import { portOf, type QueryPort } from '../../../src/lib/queries/port';
import { communeOwners as projectionOwners } from '../../../src/lib/projection/mapdata';
import { setCommunes } from '../../../src/lib/resources/queries';
import { buildIndex, filterIndex, type DirectoryRow } from '../../../src/lib/resources/directory';
import { FINESS_DIRECTORY_SQL, finessRow, type FinessDirectoryRecord } from '../../../src/lib/resources/rows';
import { compositeLabelSource } from '../../../src/lib/components/map/labels';
import { geoLayer, toCollection } from '../../../src/lib/map/geometry';
import { gapFeatures } from '../../../src/lib/pages/gap-features';
import { arrondissementValues, perArrondissement } from '../../../src/lib/queries/arrondissements';
import { indicatorById } from '../../../src/lib/indicators/catalogue';
import { indicatorFrame } from '../../../src/lib/queries/indicators';
import { ownIndicatorDef, type OwnIndicator } from '../../../src/lib/own-indicators/model';
import { registerOwnIndicator } from '../../../src/lib/own-indicators/register';
import { DATA_DIR, describeArtefacts, loadAllArtefacts } from '../../helpers/artefacts';
import type { NodeDuckDB } from '../../helpers/duckdb-node';

const SET: TerritorySet = {
	id: 'plm-test',
	label: 'Secteurs de test',
	level: 'sector',
	territories: [
		{ code: '75G13', name: 'Paris Sud (test)', kind: 'G', communes: ['75113', '75114', '75115'], finess: null },
		{ code: '75G01', name: 'Paris Centre (test)', kind: 'G', communes: ['75101', '75102'], finess: null },
		{ code: '69G01', name: 'Lyon entier (test)', kind: 'G', communes: ['69123'], finess: null },
		{ code: '92G01', name: 'Boulogne (test)', kind: 'G', communes: ['92012'], finess: null }
	]
};
const SOUTH = ['75113', '75114', '75115'];

describeArtefacts('sectors by arrondissement: who owns Paris', () => {
	let duck: NodeDuckDB;
	let port: QueryPort;
	beforeAll(async () => {
		duck = await loadAllArtefacts();
		port = portOf(duck.db);
		await registerTerritorySet(duck.db, SET);
	});
	afterAll(() => duck?.close());

	it('main map owners: the arrondissements, not the city; a whole city stays the city', async () => {
		const own = await communeOwners(port, { level: 'set', setId: SET.id, kinds: ['G'] });
		for (const a of SOUTH) expect(own.get(a)).toBe('75G13');
		expect(own.get('75101')).toBe('75G01');
		expect(own.has('75056')).toBe(false);
		expect(own.has('75116')).toBe(false);
		expect(own.get('69123')).toBe('69G01');
		expect(own.has('69381')).toBe(false);
		expect(own.get('92012')).toBe('92G01');
	});

	it('projection owners of département 75 and gap-map members use the arrondissements', async () => {
		const own = await projectionOwners(duck.db, '75', 'sector', { setId: SET.id, type: 'G' });
		expect([...own].sort()).toEqual([['75101', '75G01'], ['75102', '75G01'], ['75113', '75G13'], ['75114', '75G13'], ['75115', '75G13']]);
		const members = await communesByTerritory(port, { setId: SET.id, kind: 'G' });
		expect([...members.get('75G13')!].sort()).toEqual(SOUTH);
		expect(members.get('69G01')).toEqual(['69123']);
	});

	it('the gap map draws a sector of arrondissements from their polygons (not the whole of Paris)', async () => {
		const read = (f: string) => JSON.parse(readFileSync(join(DATA_DIR, f), 'utf8')) as Topology;
		const arm = read('arrondissements.topojson');
		const topo = { admin: async () => read('admin.topojson'), communes: async () => read('communes.topojson'), arrondissements: async () => arm };
		const values = SET.territories.map((t) => ({ code: t.code }));
		const { features, note } = await gapFeatures(port, topo, { level: 'sector', scope: { level: 'departement', code: '75' }, values, set: { id: SET.id, type: 'G' } } as never);
		const south = features.find((f) => f.id === '75G13')!;
		expect(note).toMatch(/Paris, Lyon, Marseille : secteurs par arrondissement municipal/);
		const armFeatures = (feature(arm, arm.objects.arrondissements as never) as unknown as { features: Feature<Geometry>[] }).features;
		const rings = (f: Feature<Geometry> | undefined) => (f?.geometry.type === 'MultiPolygon' ? f.geometry.coordinates.length : f?.geometry.type === 'Polygon' ? 1 : 0);
		expect(rings(south)).toBeGreaterThanOrEqual(1);
		// Its box is the three arrondissements' box, far smaller than Paris'.
		const xs = (g: Geometry) => JSON.stringify(g).match(/-?\d+\.\d+/g)!.map(Number).filter((_, i) => i % 2 === 0);
		const southX = xs(south.geometry);
		const armX = SOUTH.flatMap((c) => xs(armFeatures.find((f) => String(f.id) === c)!.geometry));
		expect(Math.min(...southX)).toBeCloseTo(Math.min(...armX), 6);
		expect(Math.max(...southX)).toBeCloseTo(Math.max(...armX), 6);
	});

	it('directory filter: a sector of three arrondissements keeps only the FINESS sites linked to them', async () => {
		const q = <T,>(sql: string, params?: unknown[]) => port.query<T>(sql, params ?? []);
		const codes = await setCommunes(q, SET.id, 'G', '75G13');
		expect(codes.sort()).toEqual(SOUTH);
		expect(partialCities(codes)).toEqual(['75056']);
		expect(partialCities(await setCommunes(q, SET.id, 'G', '69G01'))).toEqual([]);
		const rows = (await port.query<FinessDirectoryRecord>(FINESS_DIRECTORY_SQL)).map(finessRow).filter((r): r is DirectoryRow => r !== null);
		const index = buildIndex(rows);
		const kept = [...filterIndex(index, { q: '', kinds: [], territory: { communes: new Set(codes) } })].map((i) => rows[i]!);
		const expected = await port.query<{ n: number }>(
			`SELECT count(*)::INTEGER AS n FROM finess_facilities f JOIN arrondissement_links ul ON ul.source = 'finess' AND ul.id = f.finess
			WHERE ul.arm IN ('75113', '75114', '75115')`
		);
		const paris = rows.filter((r) => r.commune === '75056').length;
		expect(expected[0]!.n).toBeGreaterThan(0);
		expect(kept).toHaveLength(expected[0]!.n);
		expect(kept.length).toBeLessThan(paris);
		expect(kept.every((r) => r.commune === '75056' && SOUTH.includes(r.unit!))).toBe(true);
		// Paris chosen as a commune still keeps every Paris site.
		expect(filterIndex(index, { q: '', kinds: [], territory: { communes: new Set(['75056']) } }).length).toBe(paris);
	});

	it('local resources: a partial-city sector lists arrondissements; the whole city lists the city', async () => {
		const south = await communesOfTerritory(port, { level: 'sector', code: '75G13', setId: SET.id, kinds: ['G'] } as never);
		expect([...south].sort()).toEqual(SOUTH);
		const lyon = await communesOfTerritory(port, { level: 'sector', code: '69G01', setId: SET.id, kinds: ['G'] } as never);
		expect([...lyon]).toEqual(['69123']);
	});

	it('labels of a sector made only of arrondissements are placed inside them', async () => {
		const communes = geoLayer(toCollection(JSON.parse(readFileSync(join(DATA_DIR, 'communes.topojson'), 'utf8')), 'communes'));
		const arms = geoLayer(toCollection(JSON.parse(readFileSync(join(DATA_DIR, 'arrondissements.topojson'), 'utf8')), 'arrondissements'));
		const own = await communeOwners(port, { level: 'set', setId: SET.id, kinds: ['G'] });
		// Without the arrondissements the Paris sectors have no polygon to be named in (today's bug).
		expect(compositeLabelSource(own, communes, () => 'x').codes).not.toContain('75G13');
		const src = compositeLabelSource(own, communes, () => 'x', arms);
		expect(src.codes).toEqual(expect.arrayContaining(['75G13', '75G01', '69G01', '92G01']));
		const p = src.point('75G13')!;
		const box = SOUTH.map((c) => arms.bboxes.get(c)!).reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]);
		expect(p[0]).toBeGreaterThanOrEqual(box[0]);
		expect(p[0]).toBeLessThanOrEqual(box[2]);
		expect(p[1]).toBeGreaterThanOrEqual(box[1]);
		expect(p[1]).toBeLessThanOrEqual(box[3]);
		expect(src.bbox('75G13')).toEqual(box);
	});

	it('values per arrondissement: its own population, GP and FINESS sites; the parts add up to the city', async () => {
		const gp = indicatorById('gp_practices_per10k')!;
		expect(perArrondissement(gp)).toBe(true);
		const v = await arrondissementValues(duck.db, port, gp);
		expect(v.size).toBe(45);
		const [a] = await port.query<{ g: number; p: number }>("SELECT gp_practices::DOUBLE AS g, population::DOUBLE AS p FROM arrondissements WHERE code = '75113'");
		expect(v.get('75113')!.value).toBeCloseTo((a!.g / a!.p) * 10_000, 9);
		const pop = await arrondissementValues(duck.db, port, indicatorById('population')!);
		const city = (await indicatorFrame(port, indicatorById('population')!, 'commune', { filter: { codes: ['13055'] } }))[0]!;
		const marseille = [...pop.values()].filter((r) => r.code.startsWith('132')).reduce((s, r) => s + r.value!, 0);
		expect(marseille).toBe(city.value);
		const sites = await arrondissementValues(duck.db, port, indicatorById('finess_cmp_sites')!);
		const linked = await port.query<{ arm: string; n: number }>(
			`SELECT ul.arm, count(*)::INTEGER AS n FROM finess_facilities f JOIN arrondissement_links ul ON ul.source = 'finess' AND ul.id = f.finess
			WHERE CAST(f."group" AS VARCHAR) = 'cmp' GROUP BY 1`
		);
		expect(linked.length).toBeGreaterThan(5);
		for (const r of linked) expect(sites.get(r.arm)!.value).toBe(r.n);
		// The hidden set is never one of the user's: it holds the 45 arrondissements only.
		const [n] = await port.query<{ n: number }>("SELECT count(*)::INTEGER AS n FROM territory_members WHERE set_id = 'atlas:arrondissements' AND unit = territory");
		expect(n!.n).toBe(45);
	});

	it('an imported commune table gives a partial-city sector no value (never the city\'s figure counted in it)', async () => {
		const now = '2026-12-02T00:00:00.000Z';
		const ind: OwnIndicator = {
			id: 'own-plm00001', name: 'Test PLM', unit: 'lieux', source: 'Test', year: 2024, favourable: 'neutral', priority: 1,
			level: 'commune', setId: null, mode: 'value', base: null, scale: 1, additive: true, reference: null, fileName: 't.csv',
			rows: [{ code: '75056', v: 100 }, { code: '69123', v: 40 }, { code: '92012', v: 5 }], createdAt: now, updatedAt: now
		};
		await registerOwnIndicator(duck.db, ind);
		const rows = new Map((await indicatorFrame(port, ownIndicatorDef(ind), 'sector', { setId: SET.id, kinds: ['G'] })).map((r) => [r.code, r.value]));
		expect(rows.get('75G13')).toBeNull();
		expect(rows.get('75G01')).toBeNull();
		expect(rows.get('69G01')).toBe(40);
		expect(rows.get('92G01')).toBe(5);
	});
});
