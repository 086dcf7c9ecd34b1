/**
 * Territories page on the real artefacts: a hand-written Rhône sector file is imported through
 * the file input, the validation report shows the obsolete code mapped and the duplicate line,
 * the set is saved (IndexedDB + DuckDB), shown on the map and in the table with populations
 * equal to an independent DuckDB query, and is still there after a reload. No off-origin
 * request, axe-core clean.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage, runAxe, screenshot, type GuardedPage } from './browser.ts';

const FIXTURE = 'tests/fixtures/e2e/sectors-69.csv';
const parseFr = (s: string) => Number(s.replace(/[\s\u202f\u00a0]/g, '').replace(',', '.').replace(/[^\d.-]/g, ''));

describe('territoires page', () => {
	let browser: Browser;
	let g: GuardedPage;

	/** Sector sets in the browser's IndexedDB, read directly (not through the app). */
	const storedSets = () =>
		g.page.evaluate(
			() =>
				new Promise<number>((resolve, reject) => {
					const req = indexedDB.open('atlas-ptsm');
					req.onerror = () => reject(req.error);
					req.onsuccess = () => {
						// Closed right away: an open connection would block the app's schema upgrade.
						const db = req.result;
						if (!db.objectStoreNames.contains('sectorSets')) {
							db.close();
							return resolve(0);
						}
						const c = db.transaction('sectorSets').objectStore('sectorSets').count();
						c.onsuccess = () => {
							db.close();
							resolve(c.result);
						};
						c.onerror = () => {
							db.close();
							reject(c.error);
						};
					};
				})
		);

	beforeAll(async () => {
		browser = await launch();
		g = await openPage(browser, '/territoires');
		await g.page.waitForSelector('.loading-slot', { state: 'detached', timeout: 90_000 });
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
		expect(await runAxe(g.page)).toEqual([]);
		await screenshot(g.page, 'territoires-saved');
	});

	it('labels the approximate catchments as an approximation', async () => {
		await g.page.getByRole('button', { name: /Approximation : établissement le plus proche \(adultes/ }).click();
		await g.page.waitForSelector('[data-shown="approx:G"]', { timeout: 90_000 });
		expect(await g.page.getByTestId('approx-label').textContent()).toMatch(/pas les secteurs officiels/);
		expect(await g.page.locator('[data-testid="sector-table"] caption').textContent()).toMatch(/approximation/);
		expect(await g.page.locator('[data-testid="sector-table"] tbody tr').count()).toBeGreaterThan(100);
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
