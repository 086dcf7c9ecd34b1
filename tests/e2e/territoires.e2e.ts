/**
 * Territories page on the real artefacts: a hand-written Rhône sector file is imported through
 * the file input, the validation report shows the obsolete code mapped and the duplicate line,
 * the set is saved (IndexedDB + DuckDB), shown on the map and in the table with populations
 * equal to an independent DuckDB query, and is still there after a reload. Communes of the file's
 * département without a sector are hatched, with a legend count equal to the report's. The table
 * sorts from its headers; the set exports as GeoJSON (one dissolved feature per sector, commune
 * counts and populations equal to an independent DuckDB query, source note). A custom
 * territory is drawn with the lasso (communes checked against an independent DuckDB query on the
 * unprojected rectangle), extended with Shift, saved, edited (shift-click removes a commune,
 * rename), exported, kept across a reload and deleted. No off-origin request, axe-core clean.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, runAxe, screenshot, type GuardedPage } from './browser.ts';
import { parseFr } from './page-checks.ts';
import { openTerritoires, sectorPage, type SectorAtlas } from './sector-page.ts';

const FIXTURE = 'tests/fixtures/e2e/sectors-69.csv';

describe('territoires page', () => {
	let browser: Browser;
	let g: GuardedPage;

	/** Every record of an IndexedDB store of the app, read directly (not through the app). */
	const storedRecords = <T,>(store: string) =>
		g.page.evaluate(
			(store) =>
				new Promise<unknown[]>((resolve, reject) => {
					const req = indexedDB.open('atlas-ptsm');
					req.onerror = () => reject(req.error);
					req.onsuccess = () => {
						// Closed right away: an open connection would block the app's schema upgrade.
						const db = req.result;
						if (!db.objectStoreNames.contains(store)) {
							db.close();
							return resolve([]);
						}
						const all = db.transaction(store).objectStore(store).getAll();
						all.onsuccess = () => {
							db.close();
							resolve(all.result);
						};
						all.onerror = () => {
							db.close();
							reject(all.error);
						};
					};
				}),
			store
		) as Promise<T[]>;
	const storedSets = async () => (await storedRecords('sectorSets')).length;
	const storedTerritories = async () =>
		(await storedRecords<{ name: string; communes: string[] }>('territories')).map((t) => ({ name: t.name, n: t.communes.length }));

	const { sql, mapBox, screenOf } = sectorPage(() => g);
	/** Draws a rectangular lasso (page pixels) and returns the codes of the communes whose point lies inside, by DuckDB. */
	async function drawRect(x0: number, y0: number, x1: number, y1: number, opts: { shift?: boolean; escape?: boolean } = {}) {
		const box = await mapBox();
		const corners: [number, number][] = [
			[x0, y0],
			[x1, y0],
			[x1, y1],
			[x0, y1]
		];
		if (opts.shift) await g.page.keyboard.down('Shift');
		await g.page.mouse.move(x0, y0);
		await g.page.mouse.down();
		for (const [x, y] of [...corners.slice(1), corners[0]!]) await g.page.mouse.move(x, y, { steps: 4 });
		if (opts.escape) await g.page.keyboard.press('Escape');
		await g.page.mouse.up();
		if (opts.shift) await g.page.keyboard.up('Shift');
		const [a, b] = await g.page.evaluate(
			(pts) => pts.map((p) => (window as unknown as { __atlas: SectorAtlas }).__atlas.sectorMap.unproject(p)),
			[
				[x0 - box.x, y0 - box.y],
				[x1 - box.x, y1 - box.y]
			] as [number, number][]
		);
		const rows = await sql<{ code: string }>(
			'SELECT code FROM communes WHERE lon > $1 AND lon < $2 AND lat > $3 AND lat < $4 ORDER BY code',
			[Math.min(a!.lng, b!.lng), Math.max(a!.lng, b!.lng), Math.min(a!.lat, b!.lat), Math.max(a!.lat, b!.lat)]
		);
		return rows.map((r) => r.code);
	}
	const draft = async () => (await g.page.inputValue('#ct-codes')).split(/\s+/).filter(Boolean);

	beforeAll(async () => {
		browser = await launch();
		g = await openTerritoires(browser);
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('validates the file before saving anything', async () => {
		expect(await g.page.getByTestId('sector-sets').count()).toBe(0);
		await g.page.setInputFiles('[data-testid="sector-file"]', FIXTURE);
		const report = g.page.getByTestId('import-report');
		await report.waitFor({ timeout: 30_000 });
		const text = (await report.textContent()) ?? '';
		expect(text).toMatch(/Lignes lues\s*11/);
		// Former code 69232 (merged into Lyon in the 1960s) mapped to Lyon 69123.
		const mapped = await report.locator('[data-code="commune-mapped"]').textContent();
		expect(mapped).toMatch(/69232/);
		expect(mapped).toMatch(/69123/);
		// The duplicate Villeurbanne line is listed with its line number.
		const dup = await report.locator('[data-code="duplicate"]').textContent();
		expect(dup).toMatch(/double/);
		expect(dup).toMatch(/10/);
		// Previewed on the map, not saved.
		await g.page.waitForSelector('[data-shown="preview"] [data-testid="sector-map"][data-ready="true"]', { timeout: 60_000 });
		expect(await g.page.getByTestId('sector-map').getAttribute('data-territories')).toBe('5');
		// Communes of the Rhône without a G sector: hatched, counted in the legend as in the report.
		const reportG = parseFr((await report.locator('[data-unassigned="G"]').textContent())!);
		const rhone = await sql<{ n: number }>("SELECT count(*)::INTEGER AS n FROM communes WHERE dep = '69'");
		expect(reportG).toBe(rhone[0]!.n - 7);
		expect(parseFr((await g.page.getByTestId('unassigned-count').textContent())!)).toBe(reportG);
		expect(await g.page.getByTestId('sector-map').getAttribute('data-unassigned')).toBe(String(reportG));
		// Saint-Priest is in the Rhône but in no sector of the file.
		await g.page.mouse.move(...(await screenOf('69290')));
		await expect.poll(() => g.page.locator('.tooltip').textContent()).toMatch(/Saint-Priest.*Sans secteur/s);
		await g.page.mouse.move(...(await screenOf('69123')));
		await expect.poll(() => g.page.locator('.tooltip').textContent()).toMatch(/Lyon.*69G91/s);
		expect(await storedSets()).toBe(0);
		expect(await runAxe(g.page)).toEqual([]);
		await screenshot(g.page, 'territoires-report');
	});

	it('stores nothing when the user cancels', async () => {
		await g.page.getByRole('button', { name: 'Annuler' }).click();
		expect(await g.page.getByTestId('import-report').count()).toBe(0);
		expect(await storedSets()).toBe(0);
		await g.page.setInputFiles('[data-testid="sector-file"]', FIXTURE);
		await g.page.getByTestId('import-report').waitFor({ timeout: 30_000 });
	});

	it('saves the set and shows its sectors on the map and in the table', async () => {
		await g.page.fill('#set-name', 'Secteurs Rhône (test)');
		await g.page.getByRole('button', { name: 'Enregistrer ce découpage' }).click();
		await g.page.waitForSelector('[data-shown^="sector:"]', { timeout: 30_000 });
		await g.page.waitForSelector('[data-testid="sector-map"][data-ready="true"]', { timeout: 60_000 });
		expect(await g.page.getByTestId('sector-map').getAttribute('data-territories')).toBe('5');
		// The map is fitted on the imported sectors once the page has settled (the table below it
		// changes the map's height after the fit): Lyon in view, zoomed in past the national view.
		await g.page.waitForTimeout(1000);
		const view = await g.page.evaluate(async () => {
			const w = window as unknown as { __atlas: { sectorMap: { getZoom(): number; getBounds(): { contains(p: [number, number]): boolean } }; data: { query: (s: string, p: unknown[]) => Promise<{ lon: number; lat: number }[]> } } };
			const [c] = await w.__atlas.data.query('SELECT lon, lat FROM communes WHERE code = $1', ['69123']);
			return { zoom: w.__atlas.sectorMap.getZoom(), lyon: w.__atlas.sectorMap.getBounds().contains([c!.lon, c!.lat]) };
		});
		expect(view.lyon).toBe(true);
		expect(view.zoom).toBeGreaterThan(7);
		const rows = g.page.locator('[data-testid="sector-table"] tbody tr');
		expect(await rows.count()).toBe(5);
		const lyon = rows.filter({ hasText: '69G91' });
		const cells = await lyon.locator('td').allTextContents();
		const expected = await g.page.evaluate(async () => {
			const w = window as unknown as { __atlas: { data: { query: (s: string, p: unknown[]) => Promise<{ p: number }[]> } } };
			return (await w.__atlas.data.query('SELECT population::DOUBLE AS p FROM communes WHERE code = $1', ['69123']))[0]!.p;
		});
		expect(parseFr(cells[3]!)).toBe(expected);
		expect(await g.page.getByTestId('sector-sets').textContent()).toMatch(/Secteurs Rhône \(test\)/);
		expect(await storedSets()).toBe(1);
	});

	it('keeps the set after a reload (IndexedDB) and registers it in DuckDB', async () => {
		await g.page.reload();
		await g.page.waitForSelector('[data-shown^="sector:"]', { timeout: 90_000 });
		await g.page.waitForSelector('[data-testid="sector-map"][data-ready="true"]', { timeout: 60_000 });
		expect(await g.page.locator('[data-testid="sector-table"] tbody tr').count()).toBe(5);
		const members = await g.page.evaluate(async () => {
			const w = window as unknown as { __atlas: { data: { query: (s: string, p: unknown[]) => Promise<{ n: number }[]> } } };
			return (await w.__atlas.data.query("SELECT count(*)::INTEGER AS n FROM territory_members WHERE kind = $1 AND set_id <> 'custom'", ['G']))[0]!.n;
		});
		expect(members).toBe(7);
		// The stored set gives back the same communes without a sector.
		const rhone = await sql<{ n: number }>("SELECT count(*)::INTEGER AS n FROM communes WHERE dep = '69'");
		expect(parseFr((await g.page.getByTestId('unassigned-count').textContent())!)).toBe(rhone[0]!.n - 7);
		expect(await runAxe(g.page)).toEqual([]);
		await screenshot(g.page, 'territoires-saved');
	});

	it('sorts the sector table from its headers', async () => {
		const header = g.page.locator('[data-testid="sector-table"] thead th', { hasText: 'Population' });
		await header.getByRole('button').click();
		expect(await header.getAttribute('aria-sort')).toBe('ascending');
		const pops = async () =>
			(await g.page.locator('[data-testid="sector-table"] tbody tr').evaluateAll((rows) => rows.map((r) => r.querySelectorAll('td')[3]!.textContent!))).map(parseFr);
		const asc = await pops();
		expect(asc).toEqual([...asc].sort((a, b) => a - b));
		await header.getByRole('button').click();
		expect(await header.getAttribute('aria-sort')).toBe('descending');
		expect(await pops()).toEqual([...asc].reverse());
	});

	it('exports the saved sectors as GeoJSON (dissolved sectors, populations, source)', async () => {
		const [download] = await Promise.all([g.page.waitForEvent('download'), g.page.getByTestId('export-geojson').click()]);
		expect(download.suggestedFilename()).toMatch(/^territoires-.*\.geojson$/);
		const fc = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
			type: string;
			features: { geometry: { type: string; coordinates: number[][][][] }; properties: Record<string, unknown> }[];
		};
		expect(fc.type).toBe('FeatureCollection');
		const expected = await sql<{ code: string; n: number; p: number }>(
			`SELECT tm.territory AS code, count(*)::INTEGER AS n, sum(c.population)::DOUBLE AS p
			FROM territory_members tm JOIN communes c ON c.code = tm.commune
			WHERE tm.set_id <> 'custom' AND tm.kind = 'G' GROUP BY 1 ORDER BY 1`
		);
		expect(fc.features.length).toBe(expected.length);
		expect(fc.features.length).toBe(5);
		for (const e of expected) {
			const f = fc.features.find((x) => x.properties.code === e.code)!;
			expect(f.properties).toMatchObject({ type: 'G', n_communes: e.n, population: e.p });
			expect(f.geometry.type).toBe('MultiPolygon');
			expect(f.geometry.coordinates.length).toBeGreaterThan(0);
			// Rhône: every vertex in the département's neighbourhood.
			for (const ring of f.geometry.coordinates.flat()) for (const [x, y] of ring) expect(x! > 4 && x! < 5.5 && y! > 45.3 && y! < 46.4).toBe(true);
			expect(String(f.properties.source)).toMatch(/COG 2026.*Licence Ouverte/s);
			expect(String(f.properties.source)).toMatch(/2018/);
		}
	});

	it('labels the approximate catchments as an approximation', async () => {
		await g.page.getByRole('button', { name: /Approximation : établissement le plus proche \(adultes/ }).click();
		await g.page.waitForSelector('[data-shown="approx:G"]', { timeout: 90_000 });
		expect(await g.page.getByTestId('approx-label').textContent()).toMatch(/pas les secteurs officiels/);
		expect(await g.page.locator('[data-testid="sector-table"] caption').textContent()).toMatch(/approximation/);
		expect(await g.page.locator('[data-testid="sector-table"] tbody tr').count()).toBeGreaterThan(100);
	});

	it('selects communes with the lasso (replace, Shift adds, Escape cancels); axe passes with the lasso on', async () => {
		// Zoomed on the Rhône sectors.
		await g.page.getByRole('button', { name: /^Voir G/ }).click();
		await g.page.waitForSelector('[data-shown^="sector:"] [data-testid="sector-map"][data-ready="true"]', { timeout: 60_000 });
		const lasso = g.page.getByRole('button', { name: 'Lasso', exact: true });
		await lasso.click();
		expect(await lasso.getAttribute('aria-pressed')).toBe('true');
		expect(await g.page.locator('#lasso-hint').textContent()).toMatch(/Maj.*ajoute.*Échap annule.*clavier/s);
		expect(await runAxe(g.page)).toEqual([]);

		const box = await mapBox();
		const [lx, ly] = await screenOf('69123'); // Lyon, well inside the fitted view
		const first = await drawRect(lx - 90, ly - 60, lx + 90, ly + 60);
		expect(first.length).toBeGreaterThan(0);
		expect(first).toContain('69123');
		await expect.poll(async () => (await draft()).length, { timeout: 10_000 }).toBe(first.length);
		expect([...(await draft())].sort()).toEqual(first);
		expect(await g.page.locator('details.fold').getAttribute('open')).not.toBeNull(); // the form opened

		// Shift + lasso adds a second area (away from the first) to the selection.
		const second = await drawRect(lx - 260, ly - 40, lx - 130, ly + 40, { shift: true });
		expect(second.length).toBeGreaterThan(0);
		const union = [...new Set([...first, ...second])].sort();
		expect(union.length).toBeGreaterThan(first.length);
		await expect.poll(async () => [...(await draft())].sort(), { timeout: 10_000 }).toEqual(union);

		// Escape during a stroke cancels it: the selection does not change.
		await drawRect(box.x + box.width * 0.6, box.y + box.height * 0.3, box.x + box.width * 0.8, box.y + box.height * 0.5, { escape: true });
		expect([...(await draft())].sort()).toEqual(union);

		// Without Shift a new stroke replaces the selection.
		const again = await drawRect(lx - 90, ly - 60, lx + 90, ly + 60);
		expect(again).toEqual(first);
		await expect.poll(async () => [...(await draft())].sort(), { timeout: 10_000 }).toEqual(first);
		await screenshot(g.page, 'territoires-lasso');
		await lasso.click();
		expect(await lasso.getAttribute('aria-pressed')).toBe('false');
	}, 240_000); // five strokes, each checked by a DuckDB query: over 120 s on a loaded 2-core CI machine

	it('saves, edits (shift-click removes, rename), keeps across a reload and deletes a custom territory', async () => {
		const codes = [...(await draft())].sort();
		expect(codes.length).toBeGreaterThan(1);
		const map = g.page.getByTestId('sector-map');
		const before = Number(await map.getAttribute('data-painted-revision'));
		await g.page.fill('#ct-name', 'Lasso (test)');
		// The map keeps its size while the view changes (busy notice, export row): a resize redraws it.
		await g.page.evaluate(() => {
			const w = window as unknown as { __mapSizes: string[] };
			w.__mapSizes = [];
			const el = document.querySelector('[data-testid="sector-map"]')!;
			new ResizeObserver(() => w.__mapSizes.push(`${el.clientWidth}x${el.clientHeight}`)).observe(el);
		});
		await g.page.getByRole('button', { name: 'Enregistrer le territoire' }).click();
		await g.page.waitForSelector('[data-shown^="custom:"]', { timeout: 30_000 });
		await expect.poll(async () => Number(await map.getAttribute('data-painted-revision')), { timeout: 60_000 }).toBeGreaterThan(before);
		const sizes = await g.page.evaluate(() => (window as unknown as { __mapSizes: string[] }).__mapSizes);
		expect(new Set(sizes).size, sizes.join(' → ')).toBe(1); // the observer's first call only, or equal sizes
		// The selection outline is cleared with the saved territory's repaint (it waits for it, not longer).
		type Geo = { __atlas: { sectorMap: { getSource(id: string): { serialize(): { data: { features: unknown[] } } } } } };
		expect(await g.page.evaluate(() => (window as unknown as Geo).__atlas.sectorMap.getSource('picked').serialize().data.features.length)).toBe(0);
		expect(await storedTerritories()).toEqual([{ name: 'Lasso (test)', n: codes.length }]);
		const members = await sql<{ commune: string }>("SELECT commune FROM territory_members WHERE set_id = 'custom' ORDER BY commune");
		expect(members.map((m) => m.commune)).toEqual(codes);
		// Exported as one dissolved territory.
		const [dl] = await Promise.all([g.page.waitForEvent('download'), g.page.getByTestId('export-geojson').click()]);
		const custom = JSON.parse(readFileSync((await dl.path())!, 'utf8')) as { features: { properties: Record<string, unknown> }[] };
		expect(custom.features.length).toBe(1);
		expect(custom.features[0]!.properties).toMatchObject({ name: 'Lasso (test)', type: 'custom', n_communes: codes.length });

		// Reopen, remove one commune by shift-clicking it, rename, save again.
		const shown = Number(await map.getAttribute('data-painted-revision'));
		await g.page.getByRole('button', { name: 'Modifier Lasso (test)' }).click();
		expect([...(await draft())].sort()).toEqual(codes);
		// Editing shows the territory: wait for that repaint before clicking on the map.
		await expect.poll(async () => Number(await map.getAttribute('data-painted-revision')), { timeout: 60_000 }).toBeGreaterThan(shown);
		const removed = codes.includes('69123') ? '69123' : codes[0]!;
		await g.page.keyboard.down('Shift');
		await g.page.mouse.click(...(await screenOf(removed)));
		await g.page.keyboard.up('Shift');
		await expect.poll(async () => (await draft()).includes(removed)).toBe(false);
		expect((await draft()).length).toBe(codes.length - 1);
		await g.page.fill('#ct-name', 'Lasso modifié (test)');
		await g.page.getByRole('button', { name: 'Enregistrer le territoire' }).click();
		await expect.poll(() => storedTerritories(), { timeout: 30_000 }).toEqual([{ name: 'Lasso modifié (test)', n: codes.length - 1 }]);

		await g.page.reload();
		await g.page.waitForSelector('[data-shown^="sector:"]', { timeout: 90_000 });
		await g.page.getByText('Créer ou modifier un territoire').click();
		const item = g.page.locator('ul[aria-label="Territoires personnalisés enregistrés"] li');
		await expect.poll(() => item.count(), { timeout: 30_000 }).toBe(1);
		expect(await item.textContent()).toMatch(new RegExp(`Lasso modifié \\(test\\)\\s*${codes.length - 1} commune`));
		await g.page.getByRole('button', { name: 'Voir tous les territoires personnalisés' }).click();
		await g.page.waitForSelector('[data-shown="custom:*"]', { timeout: 30_000 });
		const after = await sql<{ commune: string }>("SELECT commune FROM territory_members WHERE set_id = 'custom' ORDER BY commune");
		expect(after.map((m) => m.commune)).toEqual(codes.filter((c) => c !== removed));

		g.page.once('dialog', (d) => void d.accept());
		await g.page.getByRole('button', { name: 'Supprimer Lasso modifié (test)' }).click();
		await expect.poll(() => storedTerritories(), { timeout: 30_000 }).toEqual([]);
		await expect.poll(() => item.count()).toBe(0);
		await expect.poll(() => sql("SELECT commune FROM territory_members WHERE set_id = 'custom'"), { timeout: 10_000 }).toEqual([]);
	});

	it('uses the imported sectors on the gap page and exports them as CSV', async () => {
		await g.page.goto(new URL('/ecarts', g.page.url()).href);
		await g.page.waitForSelector('#gap-level option[value="sector"]', { state: 'attached', timeout: 90_000 });
		await g.page.selectOption('#gap-indicator', 'beds_adult_per100k');
		await g.page.selectOption('#gap-level', 'sector');
		await expect
			.poll(() => g.page.locator('[data-testid="gap-table"] tbody tr[data-code]').count(), { timeout: 60_000 })
			.toBe(5);
		const codes = await g.page.locator('[data-testid="gap-table"] tbody tr[data-code]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));
		expect([...codes].sort()).toEqual(['69G91', '69G92', '69G93', '69G94', '69G95']);
		const [download] = await Promise.all([g.page.waitForEvent('download'), g.page.getByTestId('export-csv').click()]);
		const text = readFileSync((await download.path())!, 'utf8');
		expect(text.charCodeAt(0)).toBe(0xfeff);
		const lines = text.slice(1).trim().split(/\r?\n/);
		expect(lines[0]).toContain(';');
		expect(lines.length).toBe(1 + 5);
		for (const code of codes) expect(text).toContain(code!);

		// By default Lyon's sector holds the beds of Lyon's establishments (commune attribution).
		const lyon = g.page.locator('[data-testid="gap-table"] tr[data-code="69G91"] [data-testid="gap-value"]');
		expect(parseFr((await lyon.textContent())!)).toBeGreaterThan(0);
		// This file names no FINESS: attributing capacity to the sectors an establishment runs leaves nothing to count.
		await g.page.selectOption('#gap-attribution', 'sector_finess');
		await expect.poll(async () => parseFr((await lyon.textContent())!), { timeout: 30_000 }).toBe(0);
		expect(await g.page.textContent('body')).toMatch(/réparties à parts égales entre les secteurs/);
	});

	it('makes no request outside its origin and has no console error', () => {
		expect(g.offOrigin).toEqual([]);
		expect(g.consoleErrors).toEqual([]);
	});
});
