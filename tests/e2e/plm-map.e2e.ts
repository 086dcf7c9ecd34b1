/**
 * Paris by arrondissement on the main map and in the directory: at commune level the 20
 * arrondissements are drawn over Paris with their names and their own GP density (checked against
 * an independent SQL over the arrondissements table); with a sector set by arrondissement (the
 * Paris fixture, 13e–15e merged into one sector) the sector owns its three arrondissements, not
 * Paris, its label is placed there, and /ressources lists only the FINESS sites of those three.
 * No off-origin request, no console error, axe-core clean.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage, runAxe, screenshot, type GuardedPage } from './browser.ts';

const FIXTURE = 'tests/fixtures/e2e/sectors-paris-arrondissements.csv';
const SOUTH = ['75113', '75114', '75115'];
const PARIS: [number, number] = [2.345, 48.858];
const parseFr = (s: string) => Number(s.replace(/[\s\u202f\u00a0]/g, '').replace(',', '.').replace(/[^\d.-]/g, ''));

type Atlas = {
	data: { query: (s: string, p?: unknown[]) => Promise<Record<string, unknown>[]> };
	territories: { addSectorSet: (s: unknown) => Promise<void> };
	map: {
		project: (ll: [number, number]) => { x: number; y: number };
		jumpTo: (o: unknown) => void;
		once: (ev: string, f: () => void) => void;
		getFeatureState: (f: { source: string; id: string }) => Record<string, unknown>;
		getLayoutProperty: (l: string, p: string) => unknown;
	};
};

describe('Paris by arrondissement on the main map', () => {
	let browser: Browser;
	let g: GuardedPage;
	const sql = <T,>(q: string, params: unknown[] = []) =>
		g.page.evaluate(([q, params]) => (window as unknown as { __atlas: Atlas }).__atlas.data.query(q, params as unknown[]), [q, params] as const) as Promise<T[]>;
	const state = (id: string) => g.page.evaluate((id) => (window as unknown as { __atlas: Atlas }).__atlas.map.getFeatureState({ source: 'plm', id }), id);
	async function jump(ll: [number, number], zoom: number) {
		await g.page.evaluate(
			([ll, z]) =>
				new Promise<void>((resolve) => {
					const m = (window as unknown as { __atlas: Atlas }).__atlas.map;
					m.once('idle', () => resolve());
					m.jumpTo({ center: ll, zoom: z });
				}),
			[ll, zoom] as const
		);
	}
	async function hover(code: string): Promise<string> {
		const [c] = await sql<{ lon: number; lat: number }>('SELECT lon, lat FROM arrondissements WHERE code = $1', [code]);
		const p = await g.page.evaluate((ll) => (window as unknown as { __atlas: Atlas }).__atlas.map.project(ll), [c!.lon, c!.lat] as [number, number]);
		const box = (await g.page.getByTestId('map').boundingBox())!;
		await g.page.mouse.move(box.x + p.x, box.y + p.y);
		await g.page.waitForSelector('.tooltip', { timeout: 10_000 });
		return (await g.page.locator('.tooltip').first().textContent()) ?? '';
	}

	beforeAll(async () => {
		browser = await launch();
		g = await openPage(browser, '/?maille=commune&ind=gp_practices_per10k');
		await g.page.waitForSelector('[data-testid="map"][data-level="commune"][data-ready="true"]', { timeout: 120_000 });
		await g.page.getByRole('checkbox', { name: 'Établissements' }).setChecked(false);
	}, 180_000);
	afterAll(async () => {
		await browser?.close();
	});

	it('commune level: 20 arrondissements over Paris, each with its own GP density and name', async () => {
		await jump(PARIS, 12);
		const [a] = await sql<{ v: number }>("SELECT gp_practices::DOUBLE / population * 10000 AS v FROM arrondissements WHERE code = '75113'");
		const [b] = await sql<{ v: number }>("SELECT gp_practices::DOUBLE / population * 10000 AS v FROM arrondissements WHERE code = '75108'");
		await expect.poll(async () => (await state('75113')).v, { timeout: 60_000 }).toBeCloseTo(a!.v, 9);
		expect((await state('75108')).v).toBeCloseTo(b!.v, 9);
		expect(a!.v).not.toBeCloseTo(b!.v, 3); // two arrondissements, two values: not the city's copied
		expect(await g.page.evaluate(() => (window as unknown as { __atlas: Atlas }).__atlas.map.getLayoutProperty('plm-fill', 'visibility'))).toBe('visible');
		await expect.poll(() => g.page.getByTestId('plm-note').textContent(), { timeout: 30_000 }).toMatch(/une valeur par arrondissement/);
		await expect.poll(() => g.page.locator('[data-testid="map-labels"] [data-code="75113"]').textContent(), { timeout: 20_000 }).toBe('Paris 13e');
		expect(await g.page.locator('[data-testid="map-labels"] [data-code="75056"]').count()).toBe(0);
		const tip = await hover('75113');
		expect(tip).toMatch(/Paris 13e Arrondissement \(75113\)/);
		expect(tip).toMatch(/Valeur de l’arrondissement/);
		expect(parseFr(tip.match(/\(75113\)\s*([\d\s\u202f,]+)/)?.[1] ?? 'x')).toBeCloseTo(a!.v, 0);
		await g.page.mouse.move(5, 5);
		await screenshot(g.page, 'map-paris-arrondissements-1920');
		await g.page.setViewportSize({ width: 1280, height: 720 });
		await jump(PARIS, 11.5);
		await screenshot(g.page, 'map-paris-arrondissements-1280');
		await g.page.setViewportSize({ width: 1920, height: 1080 });
		expect(await runAxe(g.page)).toEqual([]);
	}, 180_000);

	it('a sector of three arrondissements owns them, not Paris, and is named there', async () => {
		const rows = readFileSync(FIXTURE, 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(';'));
		const byCode = new Map<string, { code: string; type: string; name: string; finess: null; communes: string[]; deps: string[]; population: number }>();
		for (const [commune, code0, type, name0] of rows) {
			const south = SOUTH.includes(commune!);
			const code = south ? '75G13' : code0!;
			const s = byCode.get(code) ?? { code, type: type!, name: south ? 'Paris Sud (test)' : name0!, finess: null, communes: [], deps: ['75'], population: 0 };
			s.communes.push(commune!);
			byCode.set(code, s);
		}
		// Only the south sector and the 1er: the rest of Paris is outside the set.
		const sectors = [byCode.get('75G13')!, byCode.get('75G01')!];
		const now = new Date().toISOString();
		await g.page.evaluate((s) => (window as unknown as { __atlas: Atlas }).__atlas.territories.addSectorSet(s), {
			id: 'e2e-paris',
			name: 'Paris e2e',
			fileName: null,
			createdAt: now,
			updatedAt: now,
			sectors
		});
		await g.page.waitForSelector('#maille-select option[value="sector:e2e-paris:G"]', { state: 'attached', timeout: 30_000 });
		await g.page.selectOption('#maille-select', 'sector:e2e-paris:G');
		await g.page.waitForSelector('[data-testid="map"][data-level="sector"][data-ready="true"]', { timeout: 90_000 });
		await jump(PARIS, 12);
		const [v] = await sql<{ v: number }>(
			`SELECT sum(gp_practices)::DOUBLE / sum(population) * 10000 AS v FROM arrondissements WHERE code IN ('75113', '75114', '75115')`
		);
		for (const c of SOUTH) await expect.poll(async () => (await state(c)).v, { timeout: 30_000 }).toBeCloseTo(v!.v, 9);
		expect(await state('75116')).toMatchObject({ out: true, v: null });
		expect(await state('75108')).toMatchObject({ out: true });
		await expect.poll(() => g.page.locator('[data-testid="map-labels"] [data-code="75G13"]').count(), { timeout: 20_000 }).toBe(1);
		const tip = await hover('75114');
		expect(tip).toMatch(/Paris Sud \(test\) \(75G13\)/);
		expect(tip).toMatch(/Arrondissement : Paris 14e Arrondissement \(75114\)/);
		await g.page.mouse.move(5, 5);
		await screenshot(g.page, 'map-paris-sector-arrondissements');
	}, 180_000);

	it('the directory keeps only the FINESS sites of the sector\'s arrondissements, and says so', async () => {
		const origin = new URL(g.page.url()).origin;
		await g.page.goto(`${origin}/ressources?territoire=sector:e2e-paris:G:75G13`);
		await g.page.waitForSelector('[data-testid="dir-count"][data-busy="false"]', { timeout: 180_000 });
		await expect
			.poll(async () => (await sql<{ n: number }>("SELECT count(*)::INTEGER AS n FROM territory_members WHERE set_id = 'e2e-paris'"))[0]!.n, { timeout: 60_000 })
			.toBeGreaterThan(0);
		const [expected] = await sql<{ n: number; paris: number }>(
			`SELECT count(*) FILTER (WHERE ul.arm IN ('75113', '75114', '75115'))::INTEGER AS n, count(*)::INTEGER AS paris
			FROM finess_facilities f LEFT JOIN arrondissement_links ul ON ul.source = 'finess' AND ul.id = f.finess WHERE f.commune = '75056'`
		);
		expect(expected!.n).toBeGreaterThan(0);
		expect(expected!.n).toBeLessThan(expected!.paris);
		await expect.poll(async () => Number(await g.page.getByTestId('dir-count').getAttribute('data-count')), { timeout: 30_000 }).toBe(expected!.n);
		expect(await g.page.getByTestId('plm-partial').textContent()).toMatch(/Paris : ce territoire ne comprend que certains arrondissements/);
		expect(await runAxe(g.page)).toEqual([]);
	}, 240_000);

	it('makes no request outside its origin and has no console error', () => {
		expect(g.offOrigin).toEqual([]);
		expect(g.consoleErrors).toEqual([]);
	});
});
