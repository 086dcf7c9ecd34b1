/**
 * The main map's page model and its queries on the real artefacts: the link (older links without
 * `v` read the same), the values and classes shown at a level (checked against the builder's own
 * frame), commune ownership of EPCI and sector levels (first territory wins), a territory's
 * figures (a commune falls back on its département), points and structures of a territory
 * against independent queries, and a slow older answer that never overwrites a newer one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customTerritoriesToSet, registerTerritorySet, sectorSetToTerritorySet } from '../../../src/lib/geo/territories';
import type { SectorSet } from '../../../src/lib/geo/territory-store';
import { indicatorById, INDICATORS } from '../../../src/lib/indicators/catalogue';
import { ownIndicatorDef } from '../../../src/lib/own-indicators/model';
import { classify } from '../../../src/lib/indicators/classify';
import { levelsOf } from '../../../src/lib/indicators/sql';
import type { SetChoice } from '../../../src/lib/map/levels';
import { formatMapValue, MapPage, type MapDeps } from '../../../src/lib/pages/map.svelte';
import { communeNames, communeOwners } from '../../../src/lib/queries/communes';
import { establishmentPoints, facilityById, facilityPoints } from '../../../src/lib/queries/facilities';
import { indicatorFrame, indicatorRow } from '../../../src/lib/queries/indicators';
import { portOf, type QueryPort } from '../../../src/lib/queries/port';
import type { LocalResource } from '../../../src/lib/resources/local';
import { LocalOnMap } from '../../../src/lib/resources/on-map.svelte';
import { describeArtefacts, loadAllArtefacts } from '../../helpers/artefacts';
import type { NodeDuckDB } from '../../helpers/duckdb-node';

const sector = (code: string, communes: string[]) => ({ code, type: 'G' as const, name: `Secteur ${code}`, finess: null, communes, deps: [...new Set(communes.map((c) => c.slice(0, 2)))], population: 0 });
const SET: SectorSet = {
	id: 'map-set',
	name: 'Secteurs carte',
	fileName: null,
	createdAt: '2026-01-01T00:00:00.000Z',
	updatedAt: '2026-01-01T00:00:00.000Z',
	// 69266 (Villeurbanne) listed twice: it goes to the first territory in code order.
	sectors: [sector('69G02', ['69266', '69029']), sector('69G01', ['69123', '69266']), sector('23G01', ['23079'])]
};
const CHOICE: SetChoice = { id: 'map-set', key: 'map-set:G', name: 'Secteurs carte', kind: 'sector', type: 'G', level: 'sector', computed: true };

const offline = (local = new LocalOnMap()): MapDeps => ({
	port: { query: async () => [] },
	sets: () => [],
	setsLoaded: () => true,
	ensureRegistered: async () => {},
	ready: () => false,
	finessAvailable: () => false,
	local
});

describe('map link', () => {
	it('reads older links without v, writes ?v=1 with the indicator, the level and the points', () => {
		const m = new MapPage(offline(), '?maille=region&ind=gp_practices_per10k');
		expect(m.indicatorId).toBe('gp_practices_per10k');
		expect(m.maille).toBe('region');
		expect(m.notice).toBeNull();
		expect(m.search).toBe('?v=1&ind=gp_practices_per10k&maille=region');
		const d = new MapPage(offline(), '');
		expect(d.indicatorId).toBe('beds_adult_per100k');
		expect(d.search).toBe('?v=1&ind=beds_adult_per100k');
		expect(new MapPage(offline(), '?ind=nope').indicatorId).toBe('beds_adult_per100k');
	});

	it('keeps the FINESS kinds and the local-resources switch of ?etab=', () => {
		const m = new MapPage(offline(), '?etab=samsah,esat');
		expect(m.facilityKindList).toEqual(['samsah', 'esat']);
		expect(m.showLocal).toBe(true);
		expect(new URLSearchParams(m.search).get('etab')).toBe('samsah,esat');
		const off = new MapPage(offline(), '?etab=aucun,sans-local');
		expect(off.facilityKindList).toEqual([]);
		expect(off.showLocal).toBe(false);
		expect(new URLSearchParams(off.search).get('etab')).toBe('aucun,sans-local');
		off.showLocal = true;
		expect(new URLSearchParams(off.search).get('etab')).toBe('aucun');
		expect(new MapPage(offline(), '?v=7').notice).toMatch(/autre version/);
	});

	it('an indicator keyed by one set\'s sectors: Auto shows that set; another set or level is refused with a notice', () => {
		const own = ownIndicatorDef({
			id: 'own-sectormap01', name: 'File active par secteur', unit: 'patients', source: 'Test', year: 2024, favourable: 'neutral', priority: 1,
			level: 'sector', setId: 'map-set', mode: 'value', base: null, scale: 1, additive: false, reference: null, fileName: 'fa.csv',
			rows: [{ code: '69G01', v: 120 }], createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z'
		});
		const OTHER: SetChoice = { ...CHOICE, id: 'other-set', key: 'other-set:G', name: 'Autres secteurs' };
		const deps = (sets: SetChoice[]): MapDeps => ({ ...offline(), sets: () => sets, indicators: () => [...INDICATORS, own] });
		const auto = new MapPage(deps([OTHER, CHOICE]), `?ind=${own.id}`);
		expect(auto.active.setId).toBe('map-set');
		expect(auto.wantLevel).toBe('sector');
		expect(auto.mailleNotice).toBeNull();
		const other = new MapPage(deps([OTHER, CHOICE]), `?ind=${own.id}&maille=sector:other-set:G`);
		expect(other.options.find((o) => o.setId === 'other-set')?.disabled).toBe('valeurs importées pour les secteurs du jeu « Secteurs carte » seulement');
		expect(other.active.setId).toBe('map-set');
		expect(other.mailleNotice).toMatch(/valeurs importées pour les secteurs du jeu « Secteurs carte » seulement/);
		const region = new MapPage(deps([CHOICE]), `?ind=${own.id}&maille=region`);
		expect(region.active.setId).toBe('map-set');
		expect(region.mailleNotice).toMatch(/^Région : indicateur non calculé/);
		// Its set gone from this browser: said, not a blank map without a word.
		const gone = new MapPage(deps([OTHER]), `?ind=${own.id}`);
		expect(gone.wantLevel).toBe('departement');
		expect(gone.mailleNotice).toMatch(/jeu de secteurs qui n’est plus dans ce navigateur/);
	});

	it('says an unavailable level in French and falls back to Auto', () => {
		const m = new MapPage(offline(), '?ind=beds_adult_per100k&maille=sector:gone:G');
		expect(m.active.key).toBe('auto');
		expect(m.mailleNotice).toMatch(/n’existe plus dans ce navigateur/);
		expect(formatMapValue(indicatorById('beds_adult_per100k')!, null)).toBe('non disponible');
	});
});

describeArtefacts('map page model', () => {
	let duck: NodeDuckDB;
	let port: QueryPort;
	const deps = (over: Partial<MapDeps> = {}): MapDeps => ({
		port,
		sets: () => [CHOICE],
		setsLoaded: () => true,
		ensureRegistered: async () => {},
		ready: () => true,
		finessAvailable: () => true,
		local: new LocalOnMap(),
		idle: () => {},
		...over
	});
	beforeAll(async () => {
		duck = await loadAllArtefacts();
		port = portOf(duck.db);
		await registerTerritorySet(duck.db, sectorSetToTerritorySet(SET));
	});
	afterAll(() => duck?.close());

	it('shows the builder’s département frame, classed as classify does, and the table lists it', async () => {
		const m = new MapPage(deps(), '?ind=beds_adult_per100k');
		await Promise.all([m.loadShown(), m.loadTable()]);
		expect(m.queryError).toBeNull();
		const def = indicatorById('beds_adult_per100k')!;
		const frame = await indicatorFrame(port, def, 'departement');
		expect(m.shown!.level).toBe('departement');
		expect([...m.shown!.values.values()]).toEqual(frame);
		expect(m.shown!.values.size).toBeGreaterThanOrEqual(100);
		expect(m.shown!.owner).toBeNull();
		expect(m.shown!.classification).toEqual(classify(frame.map((r) => r.value), 'quantile', 5));
		expect(m.shown!.colors).toHaveLength(m.shown!.classification.counts.length);
		expect(m.tableRows).toEqual(frame);
		expect(m.status).toBe('Carte affichée : Lits de psychiatrie générale (temps plein), par département.');
		// Zoomed in, a capacity measure stays by département (said under the legend).
		m.zoom = 9;
		expect(m.wantLevel).toBe('departement');
		expect(m.auto.note).toMatch(/capacités hospitalières/);
	});

	it('EPCI are drawn as communes: each commune owned by its EPCI', async () => {
		const m = new MapPage(deps(), '?ind=gp_practices_per10k&maille=epci');
		await m.loadShown();
		const s = m.shown!;
		expect(s.level).toBe('epci');
		const rows = await port.query<{ code: string; epci: string }>("SELECT code::VARCHAR AS code, epci::VARCHAR AS epci FROM communes WHERE epci IS NOT NULL");
		expect(s.owner!.size).toBe(rows.length);
		expect(s.owner!.get('69123')).toBe(rows.find((r) => r.code === '69123')!.epci);
		const frame = await indicatorFrame(port, indicatorById('gp_practices_per10k')!, 'epci');
		expect(s.values.get(s.owner!.get('69123')!)).toEqual(frame.find((r) => r.code === s.owner!.get('69123')));
		await m.loadNames();
		expect(m.communeNames.get('69123')).toBe('Lyon');
		expect(m.communeNames).toEqual(await communeNames(port));
	});

	it('a sector set: values of its G territories, a commune in two sectors goes to the first', async () => {
		const registered: string[] = [];
		const m = new MapPage(deps({ ensureRegistered: async (id) => void registered.push(id) }), '?ind=beds_adult_per100k&maille=sector:map-set:G');
		expect(m.active.level).toBe('sector');
		await m.loadShown();
		expect(registered).toContain('map-set');
		const s = m.shown!;
		expect(s.setLabel).toBe('Secteurs Secteurs carte (G)');
		expect([...s.owner!]).toEqual([
			['23079', '23G01'],
			['69123', '69G01'],
			['69266', '69G01'],
			['69029', '69G02']
		]);
		const frame = await indicatorFrame(port, indicatorById('beds_adult_per100k')!, 'sector', { setId: 'map-set', kinds: ['G'] });
		expect([...s.values.values()]).toEqual(frame);
		expect(await communeOwners(port, { level: 'set', setId: 'map-set', kinds: ['I'] })).toEqual(new Map());
		// A hostile set id is bound: nothing matches.
		expect((await communeOwners(port, { level: 'set', setId: "map-set' OR '1'='1" })).size).toBe(0);
	});

	it('a commune’s figures: its own value where computed, its département’s otherwise', async () => {
		const m = new MapPage(deps(), '?ind=gp_practices_per10k');
		m.select({ level: 'commune', code: '69123', name: 'Lyon' });
		await m.loadFigures();
		const gp = m.figures!.find((f) => f.def.id === 'gp_practices_per10k')!;
		expect(gp.scope).toBe('self');
		expect(gp.value).toEqual(await indicatorRow(port, indicatorById('gp_practices_per10k')!, 'commune', '69123'));
		// Measures not computed per commune (the Atlas references) fall back on the département.
		const dep = m.figures!.filter((f) => f.scope === 'departement');
		expect(dep.length).toBeGreaterThan(0);
		for (const f of dep) {
			expect(levelsOf(f.def)).not.toContain('commune');
			expect(f.depCode).toBe('69');
			expect(f.value).toEqual(await indicatorRow(port, f.def, 'departement', '69'));
		}
		for (const f of m.figures!.filter((x) => x.scope === 'self')) expect(levelsOf(f.def)).toContain('commune');
		// Counts of a rate are shown beside it, not as figures of their own.
		expect(m.figures!.every((f) => !f.def.count?.of)).toBe(true);
	});

	it('points: SAE 2023 establishments and FINESS sites with their counts, a site’s record', async () => {
		const m = new MapPage(deps(), '');
		await Promise.all([m.loadEstablishments(), m.loadFacilities()]);
		const n = (await port.query<{ n: number }>(
			"SELECT count(*)::INTEGER AS n FROM sae_establishments WHERE in_2023 AND geo_source <> 'none' AND lon IS NOT NULL AND lat IS NOT NULL"
		))[0]!.n;
		expect(m.establishments!.features).toHaveLength(n);
		expect(n).toBeGreaterThan(500);
		const total = [...m.facilityCounts!.values()].reduce((a, b) => a + b, 0);
		expect(m.facilities!.features).toHaveLength(total);
		const cmp = (await port.query<{ cmp: number }>(`SELECT count(*)::INTEGER AS cmp FROM finess_facilities WHERE CAST("group" AS VARCHAR) = 'cmp' AND lon IS NOT NULL AND lat IS NOT NULL`))[0]!.cmp;
		expect(m.facilityCounts!.get('cmp')).toBe(cmp);
		const f = m.facilities!.features.find((x) => x.properties!.kind === 'cmp')!;
		expect(f.properties!.family).toBe('ambulatory');
		const rec = await facilityById(port, String(f.properties!.finess));
		expect(rec).toMatchObject({ finess: f.properties!.finess, kind: 'cmp', lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] });
		expect(await facilityById(port, "x' OR '1'='1")).toBeNull();
		expect(await establishmentPoints(port)).toEqual(m.establishments);
		expect((await facilityPoints(port)).counts).toEqual(m.facilityCounts);
	});

	it('the structures and local resources of the selected territory', async () => {
		const local = new LocalOnMap();
		const res = (id: string, commune: string | null): LocalResource => ({ id, name: id, kind: 'gem', kindText: null, address: null, commune, lon: null, lat: null, position: null, phone: null, email: null, web: null, fileName: null, createdAt: '', updatedAt: '' });
		local.items = [res('a', '23079'), res('b', '69123'), res('c', null)];
		const m = new MapPage(deps({ local }), '?etab=cmp');
		m.select({ level: 'departement', code: '23', name: 'Creuse' });
		await Promise.all([m.loadList(), m.loadLocalRows()]);
		const n = (await port.query<{ n: number }>(
			`SELECT count(*)::INTEGER AS n FROM finess_facilities f LEFT JOIN communes c ON c.code = f.commune WHERE CAST(f."group" AS VARCHAR) = 'cmp' AND COALESCE(c.dep, f.dep) = '23'`
		))[0]!.n;
		expect(m.listRows!).toHaveLength(n);
		expect(n).toBeGreaterThan(0);
		expect(m.listRows!.every((r) => r.kind === 'cmp')).toBe(true);
		expect(m.localRows!.map((r) => r.id)).toEqual(['a']);
		m.showLocal = false;
		await m.loadLocalRows();
		expect(m.localRows).toBeNull();
	});

	it('a slow answer for an older choice never overwrites the newer one', async () => {
		let release!: () => void;
		const gate = new Promise<void>((r) => (release = r));
		const slow: QueryPort = {
			query: async <T>(sql: string, params?: unknown[]) => {
				if (sql.includes('sae_psy')) await gate; // the capacity indicator (first choice) waits
				return port.query<T>(sql, params);
			}
		};
		const m = new MapPage(deps({ port: slow }), '?ind=beds_adult_per100k');
		const first = m.loadShown();
		m.indicatorId = 'gp_practices_per10k';
		await m.loadShown();
		expect(m.shown!.def.id).toBe('gp_practices_per10k');
		release();
		await first;
		expect(m.shown!.def.id).toBe('gp_practices_per10k');
		expect(m.queryError).toBeNull();
	});
});
