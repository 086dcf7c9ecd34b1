/**
 * First paint without the engine (issue 14): with the DuckDB wasm held back, the map is coloured
 * from the build's precomputed frame (said under the legend), and once the engine is ready the
 * map shows exactly the same value and colour on every département. Before the WebGL map has
 * drawn, a 2D-canvas preview shows the same colours at the same places, and goes once it has.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, launch, runAxe, screenshot, waitForMapReady } from './browser.ts';

type MapHandle = { getFeatureState(f: { source: string; id: string }): { v?: number | null; c?: string } };
const states = (page: Page) =>
	page.evaluate(() => {
		const w = window as unknown as { __atlas: { map: MapHandle; data: { ready: boolean } } };
		const el = document.querySelector('[data-testid="map"]') as HTMLElement;
		const codes = [...document.querySelectorAll('[data-testid="values-table"] tbody tr[data-code], tr[data-code]')].map((r) => (r as HTMLElement).dataset.code!);
		const all = [...new Set([...codes, '01', '13', '23', '2A', '2B', '59', '69', '75', '971', '972', '973', '974', '976'])];
		return { ready: w.__atlas.data.ready, values: el.dataset.values, out: Object.fromEntries(all.map((c) => [c, w.__atlas.map.getFeatureState({ source: 'dep', id: c })])) };
	});

describe('first map before the engine', () => {
	let browser: Browser;
	let page: Page;
	const offOrigin: string[] = [];
	const errors: string[] = [];
	let release!: () => void;
	const held = new Promise<void>((r) => (release = r));

	beforeAll(async () => {
		browser = await launch();
		const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'fr-FR', serviceWorkers: 'block' });
		page = await context.newPage();
		page.on('request', (r) => {
			if (!/^(data|blob):/.test(r.url()) && new URL(r.url()).origin !== new URL(BASE_URL).origin) offOrigin.push(r.url());
		});
		page.on('pageerror', (e) => errors.push(String(e)));
		// The engine's wasm waits until the test has seen the precomputed colours.
		await page.route(/\.wasm$/, async (route) => {
			await held;
			await route.continue();
		});
		await page.goto(BASE_URL + '/');
	});
	afterAll(async () => {
		release();
		await browser?.close();
	});

	it('colours every département from the precomputed frame while the engine is held back, and says so', async () => {
		// The preview: its pixels kept as they are, to compare with the WebGL map once it has drawn.
		await page.waitForSelector('[data-testid="map"][data-preview="true"]', { timeout: 90_000 });
		const preview = await page.evaluate(() => {
			const c = document.querySelector('[data-testid="map-preview"]') as HTMLCanvasElement | null;
			if (!c) return null;
			const img = c.getContext('2d', { willReadFrequently: true })!.getImageData(0, 0, c.width, c.height);
			(window as unknown as { __preview: ImageData }).__preview = img;
			return { ratio: c.width / c.getBoundingClientRect().width, coloured: document.querySelector('[data-testid="map"]')!.getAttribute('data-coloured') };
		});
		expect(preview).not.toBeNull();
		expect(preview!.coloured).toBeNull(); // shown before the WebGL map's colours
		await page.waitForSelector('[data-testid="map"][data-coloured="true"]', { timeout: 90_000 });
		expect(await page.getByTestId('map-preview').count()).toBe(0);
		// Inside Creuse, Gironde, Bouches-du-Rhône, Nord and Bas-Rhin: the preview's colour there is
		// the WebGL map's feature-state colour, at the WebGL map's own projection of the place.
		const places: [string, number, number][] = [['23', 1.87, 46.17], ['33', -0.6, 44.85], ['13', 5.45, 43.53], ['59', 3.06, 50.63], ['67', 7.6, 48.6]];
		const seen = await page.evaluate(({ places, ratio }) => {
			const w = window as unknown as { __preview: ImageData; __atlas: { map: { project(p: [number, number]): { x: number; y: number }; getFeatureState(f: { source: string; id: string }): { c?: string } } } };
			const hex = (n: number) => n.toString(16).padStart(2, '0');
			return places.map(([code, lng, lat]) => {
				const p = w.__atlas.map.project([lng, lat]);
				const i = (Math.round(p.y * ratio) * w.__preview.width + Math.round(p.x * ratio)) * 4;
				const d = w.__preview.data;
				return { code, preview: `#${hex(d[i]!)}${hex(d[i + 1]!)}${hex(d[i + 2]!)}`, map: w.__atlas.map.getFeatureState({ source: 'dep', id: code }).c?.toLowerCase() };
			});
		}, { places, ratio: preview!.ratio });
		for (const s of seen) expect(s.preview, s.code).toBe(s.map);
		expect(new Set(seen.map((s) => s.map)).size).toBeGreaterThan(1);
		const early = await states(page);
		expect(early.ready).toBe(false);
		expect(early.values).toBe('precomputed');
		expect(await page.locator('[data-testid="map"]').getAttribute('data-ready')).not.toBe('true');
		const creuse = early.out['23']!;
		expect(typeof creuse.v).toBe('number');
		expect(creuse.c).toMatch(/^#/);
		expect(Object.values(early.out).filter((s) => typeof s.v === 'number').length).toBeGreaterThanOrEqual(13);
		expect(await page.getByTestId('precomputed-note').textContent()).toMatch(/précalculées.*mêmes chiffres/s);
		expect(await runAxe(page)).toEqual([]);
		await screenshot(page, 'first-paint-precomputed-1920');

		release();
		await waitForMapReady(page, 120_000);
		const late = await states(page);
		expect(late.ready).toBe(true);
		expect(late.values).toBe('engine');
		for (const [code, s] of Object.entries(early.out)) expect(late.out[code], code).toEqual(s);
		expect(await page.getByTestId('precomputed-note').count()).toBe(0);
		expect(offOrigin).toEqual([]);
		expect(errors).toEqual([]);
	}, 240_000);
});
