/**
 * The /comparer page model on the real artefacts: candidates from the query layer, a link
 * restoring the same territories and group, unknown parts said in French, rows equal to the
 * builder's values with France and the first territory as benchmarks, stale runs dropped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicatorById } from '../../../src/lib/indicators/catalogue';
import { indicatorFrame } from '../../../src/lib/queries/indicators';
import { adminCandidates } from '../../../src/lib/queries/compare';
import { CompareModel, compareSearch, parseCompareView, type CompareDeps } from '../../../src/lib/pages/compare.svelte';
import { portOf, type QueryPort } from '../../../src/lib/queries/port';
import { describeArtefacts, loadAllArtefacts } from '../../helpers/artefacts';
import type { NodeDuckDB } from '../../helpers/duckdb-node';

describe('compare link', () => {
	it('round-trips territories, group and benchmark; unreadable parts fall back with a notice', () => {
		const view = { keys: ['departement:69', 'commune:69123', 'sector-1:G:69G01'], groupId: 'p4', benchKind: 'region' as const };
		const link = compareSearch(view);
		expect(link).toBe('?v=1&t=departement%3A69&t=commune%3A69123&t=sector-1%3AG%3A69G01&groupe=p4&ref=region');
		expect(parseCompareView(link)).toEqual({ view, notices: [] });
		const bad = parseCompareView('?t=a&t=b&t=c&t=d&t=e&t=f&t=g&groupe=zz&ref=lune');
		expect(bad.view).toEqual({ keys: ['a', 'b', 'c', 'd', 'e', 'f'], groupId: 'essentiel', benchKind: 'france' });
		expect(bad.notices).toEqual([
			'Le lien demande 7 territoires : les 6 premiers sont comparés.',
			'Le groupe d’indicateurs demandé dans le lien (« zz ») n’existe pas : sélection essentielle affichée.',
			'La colonne de référence demandée dans le lien (« lune ») n’est pas reconnue : France utilisée.'
		]);
	});
});

describeArtefacts('compare page model', () => {
	let duck: NodeDuckDB;
	let port: QueryPort;
	let deps: CompareDeps;
	beforeAll(async () => {
		duck = await loadAllArtefacts();
		port = portOf(duck.db);
		deps = { port, database: async () => duck.db, sets: async () => [], ensureRegistered: async () => {} };
	});
	afterAll(() => duck?.close());

	it('candidates: every région, département, EPCI and commune, codes as text', async () => {
		const list = await adminCandidates(port);
		const count = (l: string) => list.filter((c) => c.level === l).length;
		expect(count('region')).toBe(18);
		expect(count('departement')).toBe(101);
		expect(count('commune')).toBeGreaterThan(34_000);
		expect(list.find((c) => c.level === 'commune' && c.code === '69123')).toMatchObject({ name: 'Lyon', dep: '69' });
	});

	it('a link restores the territories and group; rows equal the builder; an unknown territory is said', async () => {
		const m = new CompareModel(deps, '?v=1&t=departement%3A69&t=departement%3A38&t=commune%3A00000&groupe=essentiel&ref=departement');
		await m.loadCandidates();
		expect(m.selected.map((t) => t.key)).toEqual(['departement:69', 'departement:38']);
		expect(m.notices).toEqual(['Un territoire demandé dans le lien (« commune:00000 ») n’est pas connu dans ce navigateur : les autres sont comparés.']);
		expect(m.link).toBe('?v=1&t=departement%3A69&t=departement%3A38&groupe=essentiel&ref=departement');
		await m.compute();
		expect(m.error).toBeNull();
		const beds = indicatorById('beds_adult_per100k')!;
		const row = m.rows.find((r) => r.def.id === beds.id)!;
		const expected = await indicatorFrame(port, beds, 'departement', { filter: { codes: ['38', '69'] } });
		expect(row.cells.map((c) => c.value)).toEqual([expected[1]!.value, expected[0]!.value]);
		expect(row.cells[0]!.from).toBeGreaterThan(0); // 2022 value from the evolution indicator
		// The Rhône, chosen first, is its own benchmark; the option list has France, its région and itself.
		m.normalise();
		expect(m.benchKind).toBe('departement');
		expect(row.bench).toBe(expected[1]!.value);
		expect(m.benchOptions.map((o) => o.kind)).toEqual(['france', 'region', 'departement']);
		const [fr] = await indicatorFrame(port, beds, 'france');
		m.benchKind = 'france';
		expect(m.rows.find((r) => r.def.id === beds.id)!.bench).toBe(fr!.value);
	});

	it('a slow older run never overwrites a newer selection', async () => {
		const m = new CompareModel(deps);
		await m.loadCandidates();
		const byKey = (k: string) => m.candidates.find((c) => c.key === k)!;
		m.selected = [byKey('departement:23'), byKey('departement:87')];
		const older = m.compute();
		m.selected = [byKey('region:75'), byKey('departement:33')];
		await m.compute();
		await older;
		expect(m.result!.terr.map((t) => t.key)).toEqual(['region:75', 'departement:33']);
		m.selected = [];
		await m.compute();
		expect(m.result).toBeNull();
	});
});
