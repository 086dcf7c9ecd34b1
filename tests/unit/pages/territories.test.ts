/**
 * The territory-set queries and the /territoires page model on the real artefacts: a small
 * sector set of real Rhône and Creuse communes and the nearest-establishment approximation are
 * registered in a Node DuckDB; rows, populations, options and "first territory" are checked
 * against independent queries; a slower earlier view never overwrites a newer one.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { approximateCatchments, registerTerritorySet, sectorSetToTerritorySet, customTerritoriesToSet } from '../../../src/lib/geo/territories';
import type { SectorSet, Territory } from '../../../src/lib/geo/territory-store';
import type { SectorImportContext } from '../../../src/lib/geo/sector-import';
import { portOf, type QueryPort } from '../../../src/lib/queries/port';
import { communePoints, firstTerritory, setOptions, setTerritories } from '../../../src/lib/queries/territory-sets';
import { linkedView, TerritoriesPage, type TerritorySource } from '../../../src/lib/pages/territories.svelte';
import { describeArtefacts, loadAllArtefacts } from '../../helpers/artefacts';
import type { NodeDuckDB } from '../../helpers/duckdb-node';

const sector = (code: string, type: 'G' | 'I', communes: string[]) => ({ code, type, name: `Secteur ${code}`, finess: null, communes, deps: [...new Set(communes.map((c) => c.slice(0, 2)))], population: 0 });
const SET: SectorSet = {
	id: 'test-set',
	name: 'Secteurs test',
	fileName: null,
	createdAt: '2026-01-01T00:00:00.000Z',
	updatedAt: '2026-01-01T00:00:00.000Z',
	sectors: [sector('69G01', 'G', ['69123', '69266']), sector('23G01', 'G', ['23079', '23001']), sector('69I01', 'I', ['69123'])]
};
const CUSTOM: Territory = { id: 't1', name: 'Mon territoire', communes: ['69123', '23079'], createdAt: '', updatedAt: '' };

describeArtefacts('territory sets and the territories page', () => {
	let duck: NodeDuckDB;
	let port: QueryPort;
	let approxG: Awaited<ReturnType<typeof approximateCatchments>>;
	beforeAll(async () => {
		duck = await loadAllArtefacts();
		port = portOf(duck.db);
		await registerTerritorySet(duck.db, sectorSetToTerritorySet(SET));
		await registerTerritorySet(duck.db, customTerritoriesToSet('custom', 'Territoires personnalisés', [CUSTOM]));
		approxG = await approximateCatchments(duck.db, 'G', 2023);
		await registerTerritorySet(duck.db, approxG);
	});
	afterAll(() => duck?.close());

	const population = async (codes: string[]) =>
		(await port.query<{ p: number }>(`SELECT sum(population)::DOUBLE AS p FROM communes WHERE code IN (${codes.map((_, i) => `$${i + 1}`).join(', ')})`, codes))[0]!.p;

	it('lists a set kind with communes, population and départements equal to independent queries', async () => {
		const rows = await setTerritories(port, { setId: 'test-set', kind: 'G' });
		expect(rows.map((r) => r.code)).toEqual(['23G01', '69G01']);
		const lyon = rows.find((r) => r.code === '69G01')!;
		expect(lyon).toMatchObject({ name: 'Secteur 69G01', kind: 'G', communes: 2, deps: '69', members: ['69123', '69266'] });
		expect(lyon.population).toBe(await population(['69123', '69266']));
		expect(lyon.population).toBeGreaterThan(600_000);
		expect(rows.find((r) => r.code === '23G01')!.members).toEqual(['23001', '23079']);
		// One territory of the custom set; an unknown one gives nothing.
		const mine = await setTerritories(port, { setId: 'custom', kind: 'custom', territory: 't1' });
		expect(mine).toHaveLength(1);
		expect(mine[0]).toMatchObject({ name: 'Mon territoire', communes: 2, deps: '23, 69' });
		expect(await setTerritories(port, { setId: 'custom', kind: 'custom', territory: "t1' OR '1'='1" })).toEqual([]);
	});

	it('gives chooser options (approximations prefixed and ordered by département) and the first territory', async () => {
		expect(await setOptions(port, 'test-set', 'G', false)).toEqual([
			{ code: '23G01', name: 'Secteur 23G01' },
			{ code: '69G01', name: 'Secteur 69G01' }
		]);
		const approx = await setOptions(port, approxG.id, 'G', true);
		expect(approx.length).toBe(approxG.territories.length);
		const deps = approx.map((o) => o.name.split(' — ')[0]!);
		expect([...deps].sort()).toEqual(deps);
		expect(await firstTerritory(port, 'test-set', 'G', { level: 'departement', code: '23' })).toBe('23G01');
		expect(await firstTerritory(port, 'test-set', 'G', { level: 'region', code: '84' })).toBe('69G01');
		expect(await firstTerritory(port, 'test-set', 'G', null)).toBe('23G01');
		// The approximation's zone holding Lyon, the Rhône's most populated commune.
		const [own] = await port.query<{ t: string }>("SELECT territory AS t FROM territory_members WHERE set_id = $1 AND commune = '69123'", [approxG.id]);
		expect(await firstTerritory(port, approxG.id, 'G', { level: 'departement', code: '69' })).toBe(own!.t);
		expect((await communePoints(port)).length).toBeGreaterThan(34_000);
	});

	function source(): TerritorySource & { registered: string[] } {
		const registered: string[] = [];
		return {
			registered,
			sectorSets: [SET],
			territories: [CUSTOM],
			loaded: true,
			storageError: null,
			loadErrors: [],
			// Registered in beforeAll; a slow approximation shows the stale guard.
			approximate: async () => {
				await new Promise((r) => setTimeout(r, 300));
				return approxG;
			},
			ensureRegistered: async (id?: string) => void registered.push(id ?? '*'),
			importContext: async () =>
				({
					communes: new Map([
						['69123', { dep: '69', name: 'Lyon', population: 1 }],
						['69003', { dep: '69', name: 'Albigny-sur-Saône', population: 1 }],
						['75056', { dep: '75', name: 'Paris', population: 1 }]
					]),
					aliases: new Map(),
					aliasDetails: new Map()
				}) as SectorImportContext,
			removeSectorSet: async () => {}
		};
	}

	it('opens the first set, loads its rows, and keeps the newest view when an older one answers late', async () => {
		const sets = source();
		const page = new TerritoriesPage({ port, sets });
		page.start('');
		await expect.poll(() => page.view).toEqual({ kind: 'sector', id: 'test-set', type: 'G' });
		await page.load(page.view);
		expect(page.loadedKey).toBe('sector:test-set:G');
		expect(page.tableRows.map((r) => r.code)).toEqual(['23G01', '69G01']);
		expect(page.title).toBe('Secteurs test — secteurs de psychiatrie générale (adultes)');
		expect(page.exportable).toBe(true);
		// Communes of the covered départements without a G sector (Paris is out of scope).
		await expect.poll(() => page.unassigned).toEqual(['69003']);
		expect(page.names.get('69123')).toBe('Lyon');

		const slow = page.load({ kind: 'approx', type: 'G' });
		const fast = page.load({ kind: 'custom', territory: 't1' });
		await Promise.all([slow, fast]);
		expect(page.loadedKey).toBe('custom:t1');
		expect(page.rows.map((r) => r.name)).toEqual(['Mon territoire']);
		expect(page.shown[0]!.communes).toEqual(['23079', '69123']);
		expect(page.viewBusy).toBeNull();
	});

	it('keeps only approximations in the link; a draft follows clicks and the lasso', () => {
		expect(linkedView('?v=1&vue=approx-I')).toEqual({ kind: 'approx', type: 'I' });
		expect(linkedView('?vue=approx-G')).toEqual({ kind: 'approx', type: 'G' });
		expect(linkedView('?v=1&vue=sector:x:G')).toBeNull();
		const page = new TerritoriesPage({ port, sets: source() });
		page.view = { kind: 'approx', type: 'I' };
		expect(page.search).toBe('?v=1&vue=approx-I');
		page.view = { kind: 'sector', id: 'test-set', type: 'G' };
		expect(page.search).toBe('?v=1');
		page.pick('69123', false);
		expect(page.draftCodes).toBe(''); // form closed: clicks do not edit
		page.lasso(['69123', '69266'], false);
		expect(page.customOpen).toBe(true);
		expect(page.picked).toEqual(['69123', '69266']);
		page.pick('69266', true);
		expect(page.picked).toEqual(['69123']);
		page.pick('23079', true);
		expect(page.picked).toEqual(['69123', '23079']);
	});
});
