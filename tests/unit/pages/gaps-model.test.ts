/**
 * The /ecarts page model on the real artefacts: Nouvelle-Aquitaine's départements give the
 * builder's rows and gaps against the région's own value; a link round-trips, an unreadable part
 * falls back with a French notice; a slow older run never overwrites a newer one; the map gets
 * one shape per territory (EPCI as unions of their communes).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Topology } from 'topojson-specification';
import { indicatorById } from '../../../src/lib/indicators/catalogue';
import { computeGaps } from '../../../src/lib/indicators/gap';
import { indicatorSql, toIndicatorValue } from '../../../src/lib/indicators/sql';
import type { IndicatorValue } from '../../../src/lib/indicators/types';
import { gapFeatures } from '../../../src/lib/pages/gap-features';
import { GapsModel, type GapsDeps } from '../../../src/lib/pages/gaps.svelte';
import { gapsSearch, parseGapsView, DEFAULT_GAPS_VIEW } from '../../../src/lib/pages/gaps-view';
import { attributionAccount, communesByTerritory } from '../../../src/lib/queries/gaps';
import { portOf, type QueryPort } from '../../../src/lib/queries/port';
import { DATA_DIR, describeArtefacts, loadAllArtefacts } from '../../helpers/artefacts';
import type { NodeDuckDB } from '../../helpers/duckdb-node';
import { GAP_CHOICES } from '../../../src/lib/pages/gaps.svelte';

describe('gaps link', () => {
	it('round-trips a view and leaves defaults and parts of other levels out', () => {
		const view = { ...DEFAULT_GAPS_VIEW, indicatorId: 'cmp_count', level: 'epci' as const, depScope: '2A', refKey: 'published:Seuil', classes: ['marked' as const, 'na' as const], search: 'Ajaccio' };
		const link = gapsSearch(view);
		expect(link).toBe('?v=1&ind=cmp_count&niveau=epci&dep=2A&ref=published%3ASeuil&classes=marked%2Cna&q=Ajaccio');
		expect(parseGapsView(link, GAP_CHOICES)).toEqual({ view, notices: [] });
		expect(gapsSearch(DEFAULT_GAPS_VIEW)).toBe('?v=1&ind=beds_adult_per100k&niveau=departements');
		expect(parseGapsView(gapsSearch({ ...DEFAULT_GAPS_VIEW, classes: [] }), GAP_CHOICES).view.classes).toEqual([]);
	});

	it('an unreadable part falls back to its default with a French notice', () => {
		const { view, notices } = parseGapsView('?v=1&ind=nope&niveau=cantons&region=%3Cb%3E&attr=x&classes=marked,zz', GAP_CHOICES);
		expect(view).toMatchObject({ indicatorId: 'beds_adult_per100k', level: 'departement', regionScope: 'all', attribution: 'commune', classes: ['marked'] });
		expect(notices).toHaveLength(5);
		expect(notices[0]).toMatch(/L’indicateur demandé dans le lien \(« nope »\) n’est pas proposé ici/);
		expect(notices.join(' ')).toMatch(/niveau demandé dans le lien \(« cantons »\)/);
		expect(parseGapsView('?v=9', GAP_CHOICES).notices[0]).toMatch(/autre version/);
	});
});

describeArtefacts('gaps page model', () => {
	let duck: NodeDuckDB;
	let port: QueryPort;
	let deps: GapsDeps;
	const topo = (f: string) => async () => JSON.parse(readFileSync(join(DATA_DIR, f), 'utf8')) as Topology;
	beforeAll(async () => {
		duck = await loadAllArtefacts();
		port = portOf(duck.db);
		deps = { port, database: async () => duck.db, sets: () => [], setsLoaded: () => true, ensureRegistered: async () => {} };
	});
	afterAll(() => duck?.close());

	it('Nouvelle-Aquitaine’s départements: the builder’s rows, gaps against the région as a whole', async () => {
		const m = new GapsModel(deps, '?v=1&ind=beds_adult_per100k&niveau=departements&region=75&ref=region');
		await m.loadLists();
		expect(m.notices).toEqual([]);
		await m.compute();
		expect(m.error).toBeNull();
		const def = indicatorById('beds_adult_per100k')!;
		const q = indicatorSql(def, 'departement');
		const all = (await port.query<IndicatorValue>(q.sql, q.params)).map(toIndicatorValue);
		const naq = (await port.query<{ code: string }>('SELECT code FROM departements WHERE reg = $1 ORDER BY code', ['75'])).map((r) => String(r.code));
		expect(m.result!.values).toEqual(all.filter((r) => naq.includes(r.code)));
		expect(m.scope.label).toBe('départements de la région Nouvelle-Aquitaine');
		expect(m.reference!.label).toBe('Région Nouvelle-Aquitaine (ensemble)');
		const [reg] = (await port.query<IndicatorValue>(indicatorSql(def, 'region').sql, indicatorSql(def, 'region').params)).map(toIndicatorValue).filter((r) => r.code === '75');
		expect(m.reference!.value).toBe(reg!.value);
		expect(m.gaps).toEqual(computeGaps(m.result!.values, def, { value: reg!.value!, label: m.reference!.label, numerator: reg!.numerator, denominator: reg!.denominator }));
		expect(m.gaps).toHaveLength(12);
		expect(m.result!.refs.map((r) => r.key).slice(0, 2)).toEqual(['region', 'france']);
		// The search and class filter narrow the rows without a reload; the link says so.
		m.search = 'Gironde';
		expect(m.filtered.map((r) => r.code)).toEqual(['33']);
		expect(m.link).toBe('?v=1&ind=beds_adult_per100k&niveau=departements&region=75&ref=region&q=Gironde');
		const { features } = await gapFeatures(port, { admin: topo('admin.topojson'), communes: topo('communes.topojson') }, m.result!);
		expect(features.map((f) => String(f.id)).sort()).toEqual(naq);
	});

	it('unknown codes in the link fall back once the lists are read, and a missing reference is said', async () => {
		const m = new GapsModel(deps, '?niveau=epci&dep=99&ref=published%3Ainconnue');
		await m.loadLists();
		expect(m.depScope).toBe('69');
		expect(m.notices[0]).toMatch(/département demandé dans le lien \(« 99 »\) n’existe pas/);
		await m.compute();
		expect(m.reference!.kind).toBe('france');
		expect(m.notices[1]).toMatch(/référence demandée dans le lien n’est pas disponible/);
		// EPCI of the Rhône: one union of communes per EPCI row.
		const members = await communesByTerritory(port, { epciOf: '69' });
		expect([...members.keys()].sort()).toEqual(m.result!.values.map((v) => v.code).sort());
		const { features } = await gapFeatures(port, { admin: topo('admin.topojson'), communes: topo('communes.topojson') }, m.result!);
		expect(features).toHaveLength(m.result!.values.length);
	});

	it('a slow older run never overwrites a newer choice', async () => {
		let release!: () => void;
		const gate = new Promise<void>((r) => (release = r));
		let first = true;
		const slow: QueryPort = {
			query: async (sql, params) => {
				if (first) {
					first = false;
					await gate;
				}
				return port.query(sql, params);
			}
		};
		const m = new GapsModel({ ...deps, port: slow });
		const older = m.compute(); // département level, France
		m.level = 'region';
		await m.compute();
		release();
		await older;
		expect(m.result!.level).toBe('region');
		expect(m.result!.values).toHaveLength(18);
		expect(m.busy).toBe(false);
	});

	it('attribution account is refused for a non-SAE indicator', async () => {
		await expect(attributionAccount(port, indicatorById('gp_practices_per10k')!, { setId: 'x', kinds: ['G'] })).rejects.toThrow(/réservé aux indicateurs SAE/);
	});
});
