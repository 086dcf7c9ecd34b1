/**
 * The first screen on the real artefacts: data load, map and legend, a département's value
 * against an independent DuckDB query, no off-origin request, axe-core clean, screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage, runAxe, screenshot, waitForMapReady, type GuardedPage } from './browser.ts';

const parseFr = (s: string) => Number(s.replace(/[\s\u202f\u00a0]/g, '').replace(',', '.').replace(/[^\d.-]/g, ''));

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
		expect(await g.page.locator('[data-testid="map"] canvas').count()).toBeGreaterThan(0);
		const legend = g.page.locator('section.legend');
		await expect.poll(() => legend.first().textContent()).toMatch(/pour 100 000/);
		// The legend cites the source and its vintage.
		expect(await legend.first().textContent()).toMatch(/SAE/);
	});

	it("shows the Rhône's adult beds per 100 000 equal to an independent DuckDB query", async () => {
		const expected = await g.page.evaluate(async () => {
			const atlas = (window as unknown as { __atlas: { data: { query: (s: string, p: unknown[]) => Promise<{ v: number }[]> } } }).__atlas;
			const rows = await atlas.data.query(
				`SELECT (SELECT sum(p.cap_htp) FROM sae_psy p JOIN sae_establishments e USING (fi) JOIN communes c ON c.code = e.commune
				         WHERE p.year = $1 AND p.dis = 'GEN' AND c.dep = $2)
				        / (SELECT pop_16_plus FROM population_dep WHERE year = $1 AND dep = $2) * 100000 AS v`,
				[2023, '69']
			);
			return rows[0]!.v;
		});
		expect(expected).toBeGreaterThan(50);
		await g.page.locator('tr[data-code="69"] button').click();
		const shown = await g.page.getByTestId('value-beds_adult_per100k').first().textContent();
		expect(parseFr(shown!)).toBeCloseTo(expected, 1);
		expect(await g.page.getByTestId('territory-name').textContent()).toMatch(/Rhône/);
	});

	it('switches indicator and repaints', async () => {
		await g.page.selectOption('#indicator-select', 'gp_practices_per10k');
		await g.page.waitForSelector('[data-testid="map"][data-indicator="gp_practices_per10k"][data-ready="true"]', { timeout: 60_000 });
		// The GP indicator is a proxy: the legend says so.
		expect(await g.page.getByTestId('legend-caveat').textContent()).toMatch(/cabinet|proxy|approch/i);
	});

	it('makes no request outside its origin and has no console error', () => {
		expect(g.offOrigin).toEqual([]);
		expect(g.consoleErrors.filter((e) => !/WebGL|GPU|swiftshader/i.test(e))).toEqual([]);
	});

	it('passes axe-core with no violation', async () => {
		expect(await runAxe(g.page)).toEqual([]);
	});

	it('renders at 1920×1080 and on a projector-like 1280×720', async () => {
		await screenshot(g.page, 'map-1920');
		await g.page.setViewportSize({ width: 1280, height: 720 });
		await g.page.waitForTimeout(500);
		await screenshot(g.page, 'map-1280');
	});
});
