/**
 * Paris sectors written by arrondissement municipal (75101–75120), imported through the real file
 * input of /territoires: the preview and the saved set keep the 20 sectors, each drawn as its
 * arrondissement's polygon over Paris, with populations equal to the arrondissements' COG
 * populations read independently in DuckDB. No off-origin request, axe-core clean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, runAxe, screenshot, type GuardedPage } from './browser.ts';
import { parseFr } from './page-checks.ts';
import { openTerritoires, sectorPage } from './sector-page.ts';

const FIXTURE = 'tests/fixtures/e2e/sectors-paris-arrondissements.csv';

describe('Paris sectors by arrondissement on /territoires', () => {
	let browser: Browser;
	let g: GuardedPage;
	const { sql, screenOf } = sectorPage(() => g);

	beforeAll(async () => {
		browser = await launch();
		g = await openTerritoires(browser);
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('previews the 20 sectors as written, drawn by arrondissement', async () => {
		await g.page.setInputFiles('[data-testid="sector-file"]', FIXTURE);
		const report = g.page.getByTestId('import-report');
		await report.waitFor({ timeout: 30_000 });
		const text = (await report.textContent()) ?? '';
		expect(text).toMatch(/Lignes lues\s*20/);
		expect(await report.locator('[data-code="merged-conflict"]').count()).toBe(0);
		expect(await report.locator('[data-code="commune-unknown"]').count()).toBe(0);
		// Paris is covered: no G hole in the département.
		expect(parseFr((await report.locator('[data-unassigned="G"]').textContent()) ?? '0')).toBe(0);
		await g.page.waitForSelector('[data-shown="preview"] [data-testid="sector-map"][data-ready="true"][data-arrondissements="20"]', { timeout: 60_000 });
		expect(await g.page.getByTestId('sector-map').getAttribute('data-territories')).toBe('20');
	});

	it('saves 20 sectors with the arrondissements\' populations, shown on the map', async () => {
		await g.page.fill('#set-name', 'Paris par arrondissement (test)');
		await g.page.getByRole('button', { name: 'Enregistrer ce découpage' }).click();
		await g.page.waitForSelector('[data-shown^="sector:"] [data-testid="sector-map"][data-ready="true"][data-arrondissements="20"]', { timeout: 60_000 });
		const rows = g.page.locator('[data-testid="sector-table"] tbody tr');
		expect(await rows.count()).toBe(20);
		const pops = await sql<{ code: string; p: number }>("SELECT code, population::DOUBLE AS p FROM arrondissements WHERE commune = '75056' ORDER BY code");
		expect(pops).toHaveLength(20);
		for (const [i, code] of [[13, '75113'], [1, '75101'], [20, '75120']] as const) {
			const cells = await rows.filter({ hasText: `75G${String(i).padStart(2, '0')}` }).locator('td').allTextContents();
			expect(parseFr(cells[3]!)).toBe(pops.find((x) => x.code === code)!.p);
		}
		const [paris] = await sql<{ p: number }>("SELECT population::DOUBLE AS p FROM communes WHERE code = '75056'");
		expect(pops.reduce((s, x) => s + x.p, 0)).toBe(paris!.p);
		// In DuckDB: one member row per arrondissement, Paris as the commune, the arrondissement as the unit.
		const members = await sql<{ n: number; c: string }>(
			"SELECT count(DISTINCT unit)::INTEGER AS n, any_value(commune) AS c FROM territory_members WHERE kind = 'G' AND set_id <> 'custom' AND territory_name LIKE 'Paris%'"
		);
		expect(members[0]).toEqual({ n: 20, c: '75056' });
		// The 13e's polygon carries its sector.
		await g.page.waitForTimeout(500);
		await g.page.mouse.move(...(await screenOf('75113', 'arrondissements')));
		await expect.poll(() => g.page.locator('.tooltip').textContent(), { timeout: 20_000 }).toMatch(/13e.*75G13/s);
		expect(await runAxe(g.page)).toEqual([]);
		await screenshot(g.page, 'territoires-paris-arrondissements');
	});

	it('makes no request outside its origin and has no console error', () => {
		expect(g.offOrigin).toEqual([]);
		expect(g.consoleErrors).toEqual([]);
	});
});
