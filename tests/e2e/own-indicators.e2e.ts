/**
 * Own indicators on the real artefacts: the test fixture (numerators = INSEE 2023 population under
 * 16 per département, Mayotte « n.d. », a « Total » line) is imported on /espace as a numerator over
 * the population aged 16+ per 100, with a reference set by hand; the report lists the bad row with
 * its line and reason and the unknown code; after saving, the main map and the gap page show it
 * with its « donnée importée » label and source, with values equal to a direct query; the workspace
 * is exported, cleared and imported back, and the diagnostic (priority 2) shows the same figures.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage, runAxe, screenshot, type GuardedPage } from './browser.ts';
import { pageSql, parseFr } from './page-checks.ts';

const FIXTURE = 'tests/fixtures/own-indicators/test-moins-de-16-ans-par-departement.csv';
const FIRST_NAME = 'Test : jeunes de moins de 16 ans';
// The name after the edit on /espace: every later page must show this one.
const NAME = 'Test : jeunes de moins de 16 ans pour 100 adultes';
const READY = '[data-testid="diagnostic"][aria-busy="false"]';

describe('own indicators', () => {
	let browser: Browser;
	let g: GuardedPage;
	let id = '';
	let before: string[] = [];
	let exported = '';
	const dir = mkdtempSync(join(tmpdir(), 'atlas-own-'));
	const sql = pageSql(() => g);
	const goto = (path: string) => g.page.goto(new URL(path, g.page.url()).href);

	beforeAll(async () => {
		browser = await launch();
		g = await openPage(browser, '/espace');
		await g.page.getByTestId('own-section').waitFor({ timeout: 60_000 });
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('reads the file and reports the bad row with its line and reason, and the unknown code', async () => {
		await g.page.setInputFiles('[data-testid="own-file"]', FIXTURE);
		await g.page.getByTestId('own-report').waitFor({ timeout: 180_000 });
		await g.page.getByTestId('own-mode-ratio').check();
		await g.page.selectOption('[data-testid="own-base"]', 'age_16_plus');
		await g.page.selectOption('[data-testid="own-scale"]', '100');
		await g.page.fill('[data-testid="own-name"]', FIRST_NAME);
		await g.page.fill('[data-testid="own-unit"]', 'jeunes');
		await g.page.fill('[data-testid="own-source"]', 'Fichier de test dérivé d’INSEE 2023');
		await g.page.fill('[data-testid="own-year"]', '2023');
		await g.page.selectOption('[data-testid="own-priority"]', '2');
		await g.page.fill('[data-testid="own-ref"]', '25');
		await g.page.fill('[data-testid="own-ref-label"]', 'Référence de test saisie');
		expect(await g.page.getByTestId('own-kept').textContent()).toBe('100');
		expect(await g.page.getByTestId('own-rejected').textContent()).toBe('1');
		expect(await g.page.getByTestId('own-unknown').textContent()).toBe('1');
		expect(await g.page.getByTestId('own-rejected-table').locator('tbody td').allTextContents()).toEqual(['102', '976', 'n.d.', 'valeur absente ou secrétisée (« n.d. »)']);
		expect(await g.page.getByTestId('own-unknown-table').locator('tbody td').allTextContents()).toEqual(['103', 'Total']);
		expect(await g.page.getByTestId('own-levels-note').textContent()).toMatch(/Niveaux calculés : département, région, France/);
		expect(await runAxe(g.page)).toEqual([]);
		await screenshot(g.page, 'own-import-1920');
		await g.page.setViewportSize({ width: 1280, height: 720 });
		await screenshot(g.page, 'own-import-1280');
		await g.page.setViewportSize({ width: 1920, height: 1080 });
	});

	it('saves all of it, then lists it', async () => {
		await g.page.getByTestId('own-save').click();
		await g.page.getByTestId('own-saved').waitFor({ timeout: 60_000 });
		expect(await g.page.getByTestId('own-saved').textContent()).toMatch(/100 valeurs.*priorité 2/);
		expect(await g.page.getByTestId('own-item').textContent()).toContain(FIRST_NAME);
		// The counts above follow the save made on this page, without a reload.
		await expect.poll(async () => g.page.getByTestId('ws-count-own_indicators').getAttribute('data-count'), { timeout: 10_000 }).toBe('1');
		id = await g.page.evaluate(
			() =>
				new Promise<string>((resolve, reject) => {
					const r = indexedDB.open('atlas-ptsm-own-indicators');
					r.onsuccess = () => {
						const q = r.result.transaction('indicators').objectStore('indicators').getAllKeys();
						q.onsuccess = () => resolve(String(q.result[0]));
						q.onerror = () => reject(q.error);
					};
					r.onerror = () => reject(r.error);
				})
		);
		expect(id).toMatch(/^own-[a-z0-9]+$/);
	});

	it('is edited on /espace: the import\'s checks in French, then saved and listed under its new name', async () => {
		await g.page.getByTestId('own-edit').click();
		const form = g.page.getByTestId('own-edit-form');
		await form.waitFor();
		expect(await g.page.inputValue('[data-testid="own-edit-name"]')).toBe(FIRST_NAME);
		expect(await g.page.inputValue('[data-testid="own-edit-ref"]')).toBe('25');
		await g.page.fill('[data-testid="own-edit-name"]', '');
		await g.page.fill('[data-testid="own-edit-year"]', '123');
		await g.page.getByTestId('own-edit-save').click();
		expect(await g.page.getByTestId('own-edit-errors').locator('li').allTextContents()).toEqual(['Donnez un nom à l’indicateur.', 'Année : un nombre entier entre 1900 et 2100.']);
		expect(await runAxe(g.page)).toEqual([]);
		await screenshot(g.page, 'own-edit-1920');
		await g.page.setViewportSize({ width: 1280, height: 720 });
		await screenshot(g.page, 'own-edit-1280');
		await g.page.setViewportSize({ width: 1920, height: 1080 });
		await g.page.fill('[data-testid="own-edit-name"]', NAME);
		await g.page.fill('[data-testid="own-edit-year"]', '2023');
		await g.page.getByTestId('own-edit-save').click();
		await g.page.getByTestId('own-edit-saved').waitFor({ timeout: 10_000 });
		expect(await g.page.getByTestId('own-edit-form').count()).toBe(0);
		expect(await g.page.getByTestId('own-item').textContent()).toContain(NAME);
		// Focus goes back to the item's button.
		expect(await g.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('own-edit');
		const stored = await g.page.evaluate(
			(key) =>
				new Promise<{ name: string; rows: unknown[] }>((resolve, reject) => {
					const r = indexedDB.open('atlas-ptsm-own-indicators');
					r.onsuccess = () => {
						const q = r.result.transaction('indicators').objectStore('indicators').get(key);
						q.onsuccess = () => resolve(q.result);
						q.onerror = () => reject(q.error);
					};
					r.onerror = () => reject(r.error);
				}),
			id
		);
		expect(stored.name).toBe(NAME);
		expect(stored.rows).toHaveLength(100);
	});

	it('the main map offers it and paints it, labelled « donnée importée »', async () => {
		await goto('/');
		await g.page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 120_000 });
		await g.page.selectOption('#indicator-select', id);
		await g.page.waitForSelector(`[data-testid="map"][data-indicator="${id}"][data-ready="true"]`, { timeout: 60_000 });
		expect(await g.page.locator('#legend-title').textContent()).toBe(`${NAME} (donnée importée)`);
		expect(await g.page.getByTestId('legend-imported').textContent()).toContain('Donnée importée — Fichier de test dérivé d’INSEE 2023, 2023');
		await screenshot(g.page, 'own-map-1920');
	});

	it('the gap page shows it against the région computed from the imported values, or the reference set by hand', async () => {
		await goto(`/ecarts?ind=${id}`);
		await g.page.waitForSelector('[data-testid="gap-table"]', { timeout: 90_000 });
		await g.page.waitForFunction((i) => (document.querySelector('#gap-indicator') as HTMLSelectElement | null)?.value === i, id, { timeout: 30_000 });
		await g.page.selectOption('#gap-level', 'departement');
		await g.page.selectOption('#gap-scope', '84');
		await g.page.waitForFunction(() => document.querySelector('[data-testid="gap-table"] caption')?.textContent?.includes('Auvergne'), null, { timeout: 60_000 });
		const body = (await g.page.locator('main').textContent()) ?? '';
		expect(body).toContain(`${NAME} (donnée importée)`);
		expect(body).toContain('Fichier de test dérivé d’INSEE 2023');
		const [row] = await sql<{ v: number }>('SELECT pop_0_15::DOUBLE * 100 / pop_16_plus AS v FROM population_dep WHERE year = 2023 AND dep = $1', ['69']);
		const [reg] = await sql<{ v: number }>(
			'SELECT SUM(pd.pop_0_15)::DOUBLE * 100 / SUM(pd.pop_16_plus) AS v FROM population_dep pd JOIN departements d ON d.code = pd.dep WHERE pd.year = 2023 AND d.reg = $1',
			['84']
		);
		const cells = await g.page.locator('tr[data-code="69"] td').allTextContents();
		expect(parseFr(cells[0]!)).toBeCloseTo(row!.v, 1);
		// France has no value (Mayotte missing): the région's own value is the reference.
		expect(parseFr(cells[1]!)).toBeCloseTo(reg!.v, 1);
		// The reference set by hand at import.
		await g.page.selectOption('#gap-ref', 'published:Référence de test saisie');
		await expect.poll(async () => parseFr((await g.page.locator('tr[data-code="69"] td').nth(1).textContent()) ?? ''), { timeout: 10_000 }).toBe(25);
		expect(await runAxe(g.page)).toEqual([]);
		await screenshot(g.page, 'own-ecarts-1920');
	});

	it('the comparison page has it in its own group and under its priority', async () => {
		await goto('/comparer?v=1&t=departement%3A69&t=departement%3A38&groupe=importes');
		const cell = g.page.getByTestId(`cmp-${id}-69`);
		await cell.waitFor({ timeout: 120_000 });
		const [v] = await sql<{ v: number }>('SELECT pop_0_15::DOUBLE * 100 / pop_16_plus AS v FROM population_dep WHERE year = 2023 AND dep = $1', ['69']);
		await expect.poll(async () => parseFr((await cell.textContent()) ?? ''), { timeout: 30_000 }).toBeCloseTo(v!.v, 1);
		expect(await g.page.locator('#cmp-group option:checked').textContent()).toMatch(/Indicateurs importés/);
		expect(await g.page.locator('#cmp-group option[value="p2"]').textContent()).toBeTruthy();
	});

	it('projection shows it as a view, with its source', async () => {
		await goto(`/projection?dep=69&vues=${id}`);
		// The first paint of a projection map takes minutes on a loaded 2-core VM with software WebGL.
		await g.page.waitForSelector(`[data-testid="map"][data-ready="true"][data-indicator="${id}"]`, { timeout: 380_000 });
		expect(await g.page.getByTestId('projection-title').textContent()).toContain(`${NAME} (donnée importée)`);
		expect(await g.page.locator('[data-testid="projection-legend"] .source').textContent()).toContain('Donnée importée — Fichier de test dérivé d’INSEE 2023');
		await screenshot(g.page, 'own-projection-1920');
	}, 400_000);

	it('the diagnostic shows it under priority 2; the workspace is exported and cleared', async () => {
		await goto('/diagnostic?territoire=departement%3A69');
		await g.page.waitForSelector(READY, { timeout: 300_000 });
		const row = g.page.locator(`[data-priority="2"] tr[data-indicator="${id}"]`);
		await row.waitFor({ timeout: 30_000 });
		expect(await row.locator('th .label').textContent()).toBe(`${NAME} (donnée importée)`);
		before = await g.page.locator('[data-testid="diag-value"]').allTextContents();
		const [v] = await sql<{ v: number }>('SELECT pop_0_15::DOUBLE * 100 / pop_16_plus AS v FROM population_dep WHERE year = 2023 AND dep = $1', ['69']);
		expect(parseFr((await row.getByTestId('diag-value').textContent()) ?? '')).toBeCloseTo(v!.v, 1);
		expect(await g.page.locator('[data-priority="2"]').textContent()).toContain('Référence de test saisie');

		await goto('/espace');
		await g.page.getByTestId('ws-summary').waitFor({ timeout: 60_000 });
		expect(await g.page.getByTestId('ws-count-own_indicators').getAttribute('data-count')).toBe('1');
		const [d] = await Promise.all([g.page.waitForEvent('download'), g.page.getByTestId('ws-export').click()]);
		exported = join(dir, d.suggestedFilename());
		await d.saveAs(exported);
		const w = JSON.parse(readFileSync(exported, 'utf8'));
		expect(w.version).toBe(2);
		expect(w.own_indicators).toHaveLength(1);
		expect(w.own_indicators[0]).toMatchObject({ id, name: NAME, level: 'departement', mode: 'ratio', base: 'age_16_plus', scale: 100, priority: 2 });
		expect(w.own_indicators[0].rows).toHaveLength(100);
		await g.page.getByTestId('ws-clear').click();
		await Promise.all([g.page.waitForEvent('load'), g.page.getByTestId('ws-clear-confirm').click()]);
		await g.page.getByTestId('ws-summary').waitFor({ timeout: 60_000 });
		await expect.poll(async () => g.page.getByTestId('ws-count-own_indicators').getAttribute('data-count'), { timeout: 10_000 }).toBe('0');
		await g.page.getByTestId('own-none').waitFor({ timeout: 10_000 });
	});

	it('imported back, the diagnostic shows the same figures', async () => {
		await g.page.setInputFiles('[data-testid="ws-file"]', exported);
		await g.page.getByTestId('ws-preview').waitFor({ timeout: 30_000 });
		await Promise.all([g.page.waitForEvent('load'), g.page.getByTestId('ws-apply').click()]);
		await g.page.getByTestId('ws-report').waitFor({ timeout: 60_000 });
		expect(await g.page.getByTestId('ws-report').textContent()).toMatch(/Indicateurs importés : 1 enregistré/);
		await goto('/diagnostic?territoire=departement%3A69');
		await g.page.waitForSelector(READY, { timeout: 300_000 });
		await g.page.locator(`[data-priority="2"] tr[data-indicator="${id}"]`).waitFor({ timeout: 30_000 });
		expect(await g.page.locator('[data-testid="diag-value"]').allTextContents()).toEqual(before);
	});

	it('makes no request outside its origin and has no console error', () => {
		expect(g.offOrigin).toEqual([]);
		expect(g.consoleErrors).toEqual([]);
	});
});
