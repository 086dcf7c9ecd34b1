/**
 * The first screen on the real artefacts: data load, map and legend, values at every level
 * (département, EPCI, région, an imported sector set) against independent DuckDB queries, the
 * geometry drawn and navigable before the data engine is ready, the painted-revision hook, no
 * off-origin request, axe-core clean, screenshots.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, launch, openPage, runAxe, screenshot, waitForMapReady, type GuardedPage } from './browser.ts';

const parseFr = (s: string) => Number(s.replace(/[\s\u202f\u00a0]/g, '').replace(',', '.').replace(/[^\d.-]/g, ''));

type Atlas = {
	data: { ready: boolean; query: (s: string, p: unknown[]) => Promise<Record<string, unknown>[]> };
	territories: { addSectorSet: (s: unknown) => Promise<void> };
	map: {
		project: (ll: [number, number]) => { x: number; y: number };
		jumpTo: (o: unknown) => void;
		once: (ev: string, f: () => void) => void;
		getCenter: () => { lng: number; lat: number };
		getLayoutProperty: (l: string, p: string) => unknown;
		getFeatureState: (f: { source: string; sourceLayer?: string; id: string }) => Record<string, unknown>;
		getSource: (id: string) => { getData: () => Promise<{ geometry?: { coordinates: unknown[] } }> };
	};
};

/** One row of an independent SQL query run in the page's DuckDB. */
async function sql(page: Page, text: string, params: unknown[]): Promise<Record<string, unknown>> {
	return page.evaluate(
		async ([t, p]) => (await (window as unknown as { __atlas: Atlas }).__atlas.data.query(t as string, p as unknown[]))[0]!,
		[text, params] as const
	);
}

/** GP practices per 10 000 inhabitants over a list of communes given by a SQL condition on `c`. */
const GP_SQL = (where: string) =>
	`SELECT (SELECT sum(g.gp_practices) FROM gp_practices g JOIN communes c ON c.code = g.commune WHERE ${where})::DOUBLE
	        / (SELECT sum(c.population) FROM communes c WHERE ${where}) * 10000 AS v`;

/** Centres the map on a point, waits for the repaint, and hovers it (points hidden): returns the tooltip's lines. */
async function hoverAt(page: Page, lonLat: [number, number], zoom: number): Promise<string[]> {
	await page.getByRole('checkbox', { name: 'Établissements' }).setChecked(false);
	const p = await page.evaluate(
		([ll, z]) =>
			new Promise<{ x: number; y: number }>((resolve) => {
				const m = (window as unknown as { __atlas: Atlas }).__atlas.map;
				m.once('idle', () => resolve(m.project(ll as [number, number])));
				m.jumpTo({ center: ll, zoom: z });
			}),
		[lonLat, zoom] as const
	);
	const box = (await page.getByTestId('map').boundingBox())!;
	await page.mouse.move(box.x + p.x, box.y + p.y);
	await page.waitForSelector('.tooltip', { timeout: 10_000 });
	return page.locator('.tooltip').first().locator('strong, div').allTextContents();
}

const LYON: [number, number] = [4.835, 45.76];
const VILLEURBANNE: [number, number] = [4.885, 45.771];

describe('map page', () => {
	let browser: Browser;
	let g: GuardedPage;

	beforeAll(async () => {
		browser = await launch();
		g = await openPage(browser, '/');
		await waitForMapReady(g.page);
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('loads the data and paints the default indicator with a legend', async () => {
		const map = g.page.getByTestId('map');
		expect(await map.getAttribute('data-indicator')).toBe('beds_adult_per100k');
		expect(await map.getAttribute('data-level')).toBe('departement');
		expect(Number(await map.getAttribute('data-painted-revision'))).toBeGreaterThanOrEqual(1);
		expect(await g.page.locator('[data-testid="map"] canvas').count()).toBeGreaterThan(0);
		const legend = g.page.locator('section.legend');
		await expect.poll(() => legend.first().textContent()).toMatch(/pour 100 000/);
		// The legend cites the source and its vintage.
		expect(await legend.first().textContent()).toMatch(/SAE/);
	});

	it("shows the Rhône's adult beds per 100 000 equal to an independent DuckDB query", async () => {
		const { v } = await sql(
			g.page,
			`SELECT (SELECT sum(p.cap_htp) FROM sae_psy p JOIN sae_establishments e USING (fi) JOIN communes c ON c.code = e.commune
			         WHERE p.year = $1 AND p.dis = 'GEN' AND c.dep = $2)
			        / (SELECT pop_16_plus FROM population_dep WHERE year = $1 AND dep = $2) * 100000 AS v`,
			[2023, '69']
		);
		expect(v).toBeGreaterThan(50);
		await g.page.locator('tr[data-code="69"] button').click();
		const shown = await g.page.getByTestId('value-beds_adult_per100k').first().textContent();
		expect(parseFr(shown!)).toBeCloseTo(v as number, 1);
		expect(await g.page.getByTestId('territory-name').textContent()).toMatch(/Rhône/);
		await g.page.getByRole('button', { name: /Retour à la liste/ }).click();
	});

	it('switches indicator, repaints and bumps the painted revision', async () => {
		const map = g.page.getByTestId('map');
		const before = Number(await map.getAttribute('data-painted-revision'));
		await g.page.selectOption('#indicator-select', 'gp_practices_per10k');
		await g.page.waitForSelector('[data-testid="map"][data-indicator="gp_practices_per10k"][data-ready="true"]', { timeout: 60_000 });
		expect(Number(await map.getAttribute('data-painted-revision'))).toBeGreaterThan(before);
		// The GP indicator is a proxy: the legend says so.
		expect(await g.page.getByTestId('legend-caveat').textContent()).toMatch(/cabinet|proxy|approch/i);
		expect(new URL(g.page.url()).searchParams.get('ind')).toBe('gp_practices_per10k');
	});

	it('colours EPCI: legend, tooltip and panel show the EPCI, values equal a direct query', async () => {
		await g.page.selectOption('#maille-select', 'epci');
		await g.page.waitForSelector('[data-testid="map"][data-level="epci"][data-ready="true"]', { timeout: 90_000 });
		expect(new URL(g.page.url()).searchParams.get('maille')).toBe('epci');
		expect(await g.page.locator('section.legend').textContent()).toMatch(/par EPCI/);
		// Outlines of the EPCI are drawn from the commune topology.
		const lines = await g.page.evaluate(async () => {
			const m = (window as unknown as { __atlas: Atlas }).__atlas.map;
			return { vis: m.getLayoutProperty('owner-line', 'visibility'), n: (await m.getSource('owner').getData()).geometry?.coordinates.length ?? 0 };
		});
		expect(lines.vis).toBe('visible');
		expect(lines.n).toBeGreaterThan(100);

		const lyon = await sql(g.page, `SELECT epci AS code, (SELECT name FROM epci WHERE code = c.epci) AS name FROM communes c WHERE code = '69123'`, []);
		const { v } = await sql(g.page, GP_SQL('c.epci = $1'), [lyon.code]);
		const tip = await hoverAt(g.page, LYON, 9);
		expect(tip[0]).toContain(`EPCI ${lyon.name as string} (${lyon.code as string})`);
		// Lyon is drawn by arrondissement over its city: the tooltip names the one under the pointer.
		expect(tip[2]).toMatch(/^Arrondissement : Lyon \d+e(r)? Arrondissement \(6938[1-9]\)$/);
		expect(parseFr(tip[1]!)).toBeCloseTo(v as number, 1);
		await screenshot(g.page, 'map-epci-1920');

		await g.page.locator(`tr[data-code="${lyon.code as string}"] button`).click();
		expect(await g.page.getByTestId('territory-name').textContent()).toBe(lyon.name);
		expect(parseFr((await g.page.getByTestId('value-gp_practices_per10k').textContent())!)).toBeCloseTo(v as number, 1);
		await g.page.getByRole('button', { name: /Retour à la liste/ }).click();
	});

	it('shows an imported sector set as a level, with its outlines and values', async () => {
		const rows = readFileSync('tests/fixtures/e2e/sectors-69.csv', 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(';'));
		const byCode = new Map<string, { code: string; type: string; name: string; finess: null; communes: string[]; deps: string[]; population: number }>();
		for (const [commune, code, type, name] of rows) {
			const s = byCode.get(code!) ?? { code: code!, type: type!, name: name!, finess: null, communes: [], deps: ['69'], population: 0 };
			if (!s.communes.includes(commune!)) s.communes.push(commune!);
			byCode.set(code!, s);
		}
		const now = new Date().toISOString();
		for (const s of byCode.values()) s.communes.sort();
		const set = { id: 'e2e-69', name: 'Rhône e2e', fileName: null, createdAt: now, updatedAt: now, sectors: [...byCode.values()] };
		await g.page.evaluate((s) => (window as unknown as { __atlas: Atlas }).__atlas.territories.addSectorSet(s), set);
		await g.page.waitForSelector('#maille-select option[value="sector:e2e-69:G"]', { state: 'attached', timeout: 30_000 });
		await g.page.selectOption('#maille-select', 'sector:e2e-69:G');
		await g.page.waitForSelector('[data-testid="map"][data-level="sector"][data-ready="true"]', { timeout: 90_000 });
		expect(await g.page.locator('section.legend').textContent()).toMatch(/par secteur \(Secteurs Rhône e2e \(G\)\)/);
		const n = await g.page.evaluate(async () => (await (window as unknown as { __atlas: Atlas }).__atlas.map.getSource('owner').getData()).geometry?.coordinates.length ?? 0);
		expect(n).toBeGreaterThan(0);
		// Communes outside the set are drawn as outside (pale), not as missing values.
		const states = await g.page.evaluate(() => {
			const m = (window as unknown as { __atlas: Atlas }).__atlas.map;
			// The commune source is the pipeline's vector tiles: feature-state needs their layer.
			return [m.getFeatureState({ source: 'com', sourceLayer: 'communes', id: '13055' }), m.getFeatureState({ source: 'com', sourceLayer: 'communes', id: '69266' })];
		});
		expect(states[0]).toMatchObject({ out: true, v: null });
		expect(states[1]).toMatchObject({ out: false });
		expect(await g.page.locator('section.legend').textContent()).toMatch(/Commune hors de ces territoires/);
		// The table lists the set's sectors; a sector's value is its communes' GP practices over their population.
		const adult = [...byCode.values()].filter((s) => s.type === 'G');
		expect(await g.page.locator('.table-wrap tbody tr[data-code]').count()).toBe(adult.length);
		// Villeurbanne's sector: every commune of it is a current COG code (69G91 lists an obsolete
		// one, so its population, hence its value, is honestly 'non disponible').
		const sector = byCode.get('69G92')!;
		const { v } = await sql(g.page, GP_SQL(`c.code IN (${sector.communes.map((_, i) => `$${i + 1}`).join(', ')})`), sector.communes);
		expect(v).toBeGreaterThan(0);
		const tip = await hoverAt(g.page, VILLEURBANNE, 10);
		expect(tip[0]).toContain(`Secteur ${sector.name} (69G92)`);
		expect(parseFr(tip[1]!)).toBeCloseTo(v as number, 1);
		await screenshot(g.page, 'map-sectors-1920');
	});

	it('makes no request outside its origin and has no console error', () => {
		expect(g.offOrigin).toEqual([]);
		expect(g.consoleErrors.filter((e) => !/WebGL|GPU|swiftshader/i.test(e))).toEqual([]);
	});

	it('passes axe-core with no violation', async () => {
		expect(await runAxe(g.page)).toEqual([]);
	});

	it('renders at 1920×1080 and on a projector-like 1280×800', async () => {
		await g.page.getByRole('checkbox', { name: 'Établissements' }).setChecked(true);
		await g.page.getByRole('button', { name: 'Métropole' }).click();
		await g.page.selectOption('#maille-select', 'auto');
		await g.page.waitForSelector('[data-testid="map"][data-level="departement"][data-ready="true"]', { timeout: 60_000 });
		await g.page.waitForTimeout(1000);
		await screenshot(g.page, 'map-1920');
		await g.page.setViewportSize({ width: 1280, height: 800 });
		await g.page.waitForTimeout(800);
		await screenshot(g.page, 'map-1280');
		// The main navigation stays on one line at 1280 px.
		const heights = await g.page.locator('nav[aria-label="Navigation principale"] a').evaluateAll((as) => as.map((a) => a.getBoundingClientRect().height));
		expect(Math.max(...heights)).toBeLessThan(Math.min(...heights) * 1.5);
	});
});

describe('map page from a shared link, and before the data engine is ready', () => {
	let browser: Browser;

	beforeAll(async () => {
		browser = await launch();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('draws the geometry, navigable, before DuckDB is ready, then colours it', async () => {
		const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
		const page = await context.newPage();
		// Hold the engine's download back until the geometry has been checked.
		let release = () => {};
		const gate = new Promise<void>((r) => (release = r));
		await page.route('**/*.wasm', async (route) => {
			await gate;
			await route.continue();
		});
		// Without the precomputed first frame (first-paint.e2e.ts covers it): the engine's bar shows.
		await page.route('**/data/first-paint.json', (route) => route.abort());
		await page.goto(BASE_URL + '/');
		await page.waitForSelector('[data-testid="map"][data-geometry="true"]', { timeout: 60_000 });
		expect(await page.evaluate(() => (window as unknown as { __atlas: Atlas }).__atlas.data.ready)).toBe(false);
		expect(await page.getByTestId('loading').textContent()).toMatch(/Chargement du moteur de données/);
		await screenshot(page, 'map-before-data-1280');
		const before = await page.evaluate(() => (window as unknown as { __atlas: Atlas }).__atlas.map.getCenter());
		const box = (await page.getByTestId('map').boundingBox())!;
		await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
		await page.mouse.down();
		await page.mouse.move(box.x + box.width / 2 + 150, box.y + box.height / 2 + 50, { steps: 5 });
		await page.mouse.up();
		const after = await page.evaluate(() => (window as unknown as { __atlas: Atlas }).__atlas.map.getCenter());
		expect(after.lng).toBeLessThan(before.lng);
		release();
		await waitForMapReady(page);
		expect(await page.getByTestId('loading').count()).toBe(0);
		await context.close();
	});

	it('restores the level and indicator from the address: régions, values equal a direct query', async () => {
		const r = await openPage(browser, '/?maille=region&ind=gp_practices_per10k');
		await r.page.waitForSelector('[data-testid="map"][data-level="region"][data-indicator="gp_practices_per10k"][data-ready="true"]', { timeout: 90_000 });
		expect(await r.page.locator('#maille-select').inputValue()).toBe('region');
		expect(await r.page.locator('section.legend').textContent()).toMatch(/par région/);
		const reg = await sql(r.page, `SELECT name FROM regions WHERE code = '84'`, []);
		const { v } = await sql(r.page, GP_SQL('c.reg = $1'), ['84']);
		const tip = await hoverAt(r.page, LYON, 6);
		expect(tip[0]).toContain(`Région ${reg.name as string} (84)`);
		expect(parseFr(tip[1]!)).toBeCloseTo(v as number, 1);
		await r.page.locator('tr[data-code="84"] button').click();
		expect(await r.page.getByTestId('territory-name').textContent()).toBe(reg.name);
		expect(parseFr((await r.page.getByTestId('value-gp_practices_per10k').textContent())!)).toBeCloseTo(v as number, 1);
		expect(r.offOrigin).toEqual([]);
		expect(await runAxe(r.page)).toEqual([]);
	});
});
