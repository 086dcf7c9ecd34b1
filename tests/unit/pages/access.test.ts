/**
 * The /accessibilite page model on the real artefacts, the worker's kernels run in-process:
 * view links (`?v=1&…`) read back what they wrote and ignore what they cannot use; a site
 * added in the Creuse lowers the population beyond 30 min there; a newer request wins over a
 * slower earlier one.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runNearest, runSfca } from '../../../src/lib/geo/access/worker';
import { SFCA_PRESETS } from '../../../src/lib/geo/access/params';
import { portOf, type QueryPort } from '../../../src/lib/queries/port';
import { accessData } from '../../../src/lib/queries/access';
import { accessSearch, AccessPage, DEFAULT_VIEW, readAccessView, type AccessDeps } from '../../../src/lib/pages/access.svelte';
import { ScenarioBook } from '../../../src/lib/scenarios/book.svelte';
import { emptyScenario } from '../../../src/lib/scenarios/model';
import { describeArtefacts, loadAllArtefacts } from '../../helpers/artefacts';
import type { NodeDuckDB } from '../../helpers/duckdb-node';

it('reads back the view it writes; unknown or out-of-range values keep the default', () => {
	expect(accessSearch(DEFAULT_VIEW)).toBe('?v=1');
	expect(readAccessView('')).toEqual(DEFAULT_VIEW);
	// A link of before the view was kept (scenario only, in the hash) opens the default view.
	expect(readAccessView('')).toEqual(readAccessView('?v=1'));
	const view = { ...DEFAULT_VIEW, kind: 'cmp_adult' as const, show: 'score' as const, compare: 'side' as const, situation: 'baseline' as const, level: 'reg' as const, focusDep: '2A', detour: 1.5, speeds: [25, 50, 90], presetId: 'gaussian20', catchment: 40 };
	const search = accessSearch(view);
	expect(search).toBe('?v=1&type=cmp_adult&indicateur=score&carte=cote&situation=actuelle&niveau=reg&dep=2A&detour=1.5&vitesses=25%2C50%2C90&methode=gaussian20&rayon=40');
	expect(readAccessView(search)).toEqual(view);
	const bad = readAccessView('?v=1&type=hopital&carte=3d&dep=../x&detour=9&vitesses=30,60&methode=x&rayon=-1');
	expect(bad).toEqual(DEFAULT_VIEW);
	// A method without a radius takes that method's own radius.
	expect(readAccessView('?methode=apl2015like&rayon=x').catchment).toBe(SFCA_PRESETS.apl2015like!.maxMinutes);
});

describeArtefacts('access page model', () => {
	let duck: NodeDuckDB;
	let port: QueryPort;
	beforeAll(async () => {
		duck = await loadAllArtefacts();
		port = portOf(duck.db);
	});
	afterAll(() => duck?.close());

	/** The worker's own kernels, with an optional delay per call (to race two runs). */
	function client(delay: () => number = () => 0): AccessDeps['client'] {
		const later = <T>(f: () => T) => new Promise<T>((r) => setTimeout(() => r(f()), delay()));
		return { nearest: (p) => later(() => runNearest(p)), sfca: (p) => later(() => runSfca(p)) } as AccessDeps['client'];
	}
	async function ready(page: AccessPage) {
		await page.load('');
		// No IndexedDB in Node: the book starts from one empty scenario.
		page.book.list = [emptyScenario()];
		page.book.activeName = page.book.list[0]!.name;
		page.book.ready = true;
	}

	it('adds a site in the Creuse: fewer people beyond 30 min there, the baseline unchanged', async () => {
		const page = new AccessPage({ port, client: client(), book: new ScenarioBook() }, '?v=1&dep=23');
		await ready(page);
		expect(page.communes!.code.length).toBeGreaterThan(34_000);
		page.compute();
		await page.computed;
		expect(page.baseRun!.sites.every((s) => s.kind === 'hdj')).toBe(true);
		expect(page.territoryRows.length).toBeGreaterThan(95);
		const beyond30 = () => page.deltas!.rows.find((r) => r.label === 'Population à plus de 30 min')!;
		const before = beyond30();
		expect(before.base).toBe(before.scen);
		expect(before.base).toBeGreaterThan(0);
		const felletin = page.communes!.code.indexOf('23079');
		page.addAtCommune(felletin);
		expect(page.status).toMatch(/Site ajouté : Nouveau site \(Felletin\)/);
		expect(page.deltaDep).toBe('23');
		page.compute();
		await page.computed;
		const after = beyond30();
		expect(after.base).toBe(before.base);
		expect(after.scen).toBeLessThan(before.base);
		expect(page.editText(page.scenario!.edits[0]!)).toMatch(/^Ajout : Nouveau site \(Felletin\)/);
		// The same figures as the access data read independently.
		const d = await accessData(port);
		expect(page.baseline.length).toBe(d.baseline.length);
	});

	it('keeps the newest run when an older one answers later', async () => {
		let n = 0;
		const page = new AccessPage({ port, client: client(() => (n++ < 2 ? 400 : 0)), book: new ScenarioBook() });
		await ready(page);
		page.compute(); // hdj: slow
		const slow = page.computed;
		page.kind = 'beds_adult';
		page.compute(); // beds: fast
		await Promise.all([slow, page.computed]);
		await new Promise((r) => setTimeout(r, 600));
		expect(page.computing).toBe(false);
		expect(page.baseRun!.sites.every((s) => s.kind === 'beds_adult')).toBe(true);
		expect(page.mapState).not.toBeNull();
	});
});
