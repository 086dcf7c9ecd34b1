/**
 * PNG export of the main map (/) and of the gap map (/ecarts) on the real artefacts: the download
 * is a PNG (signature, IHDR) of the export size, named atlas-ptsm_<indicator>_<maille>_<date>.png;
 * decoded in the page, its map area shows the map's own class colours (read from the page, not
 * from the exporter) and is not a uniform picture. No off-origin request, no console error,
 * axe-core clean with the button.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { IMAGE_HEIGHT, IMAGE_WIDTH } from '../../src/lib/export/png.ts';
import { launch, openPage, runAxe, screenshot, waitForMapReady, type GuardedPage } from './browser.ts';
import { download } from './download.ts';

/** Keeps the exported image next to the screenshots, to look at. */
function keep(name: string, bytes: Buffer): void {
	mkdirSync('tests/e2e/screenshots', { recursive: true });
	writeFileSync(`tests/e2e/screenshots/${name}.png`, bytes);
}

/** Width and height from the IHDR chunk, after checking the PNG signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
	expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
	return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const today = () => {
	const d = new Date();
	return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

interface PixelStats {
	/** distinct colours over the whole image */
	distinct: number;
	/** share of the map area's pixels within a small distance of one of `colors` */
	inClasses: number;
	/** how many of `colors` are found in the map area */
	classesFound: number;
}

/**
 * Decodes the PNG in the page and reads its pixels; the map area is the left part between the
 * title and the footer (the legend column and texts are outside it).
 */
function pixelStats(page: Page, bytes: Buffer, colors: string[]): Promise<PixelStats> {
	return page.evaluate(
		async ([b64, colors]) => {
			// Decoded without fetch(): the app's CSP allows no data: connection.
			const blob = new Blob([Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0))], { type: 'image/png' });
			const img = await createImageBitmap(blob);
			const c = new OffscreenCanvas(img.width, img.height);
			const ctx = c.getContext('2d')!;
			ctx.drawImage(img, 0, 0);
			const all = ctx.getImageData(0, 0, img.width, img.height).data;
			const distinct = new Set<number>();
			for (let i = 0; i < all.length; i += 16) distinct.add((all[i]! << 16) | (all[i + 1]! << 8) | all[i + 2]!);
			// Class colours as the page computes them (rgb(...) strings).
			const probe = document.createElement('span');
			document.body.append(probe);
			const rgb = colors.map((col) => {
				probe.style.color = col;
				return getComputedStyle(probe).color.match(/\d+/g)!.slice(0, 3).map(Number);
			});
			probe.remove();
			const x0 = Math.round(img.width * 0.03);
			const x1 = Math.round(img.width * 0.7);
			const y0 = Math.round(img.height * 0.18);
			const y1 = Math.round(img.height * 0.8);
			const map = ctx.getImageData(x0, y0, x1 - x0, y1 - y0).data;
			let near = 0;
			let n = 0;
			const found = new Set<number>();
			for (let i = 0; i < map.length; i += 4 * 7) {
				n++;
				const k = rgb.findIndex(([r, g, b]) => Math.abs(map[i]! - r!) + Math.abs(map[i + 1]! - g!) + Math.abs(map[i + 2]! - b!) <= 12);
				if (k >= 0) {
					near++;
					found.add(k);
				}
			}
			return { distinct: distinct.size, inClasses: near / n, classesFound: found.size };
		},
		[bytes.toString('base64'), colors] as const
	);
}

describe('PNG export of the maps', () => {
	let browser: Browser;
	let main: GuardedPage;
	let gaps: GuardedPage;

	beforeAll(async () => {
		browser = await launch();
		main = await openPage(browser, '/');
		await waitForMapReady(main.page);
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('exports the main map with its legend as a PNG of the export size', async () => {
		const { page } = main;
		// Class colours from the on-screen legend (the choropleth's own classes).
		const colors = await page
			.locator('section.legend .swatches .swatch:not(.hatch)')
			.evaluateAll((s) => s.map((e) => getComputedStyle(e).backgroundColor));
		expect(colors.length).toBeGreaterThanOrEqual(3);
		const { name, bytes } = await download(page, 'export-png');
		expect(name).toBe(`atlas-ptsm_beds_adult_per100k_departement_${today()}.png`);
		keep('map-image-export', bytes);
		expect(pngSize(bytes)).toEqual({ width: IMAGE_WIDTH, height: IMAGE_HEIGHT });
		const stats = await pixelStats(page, bytes, colors);
		expect(stats.distinct).toBeGreaterThan(50);
		// The choropleth was captured from WebGL (a cleared buffer would give the bare background).
		expect(stats.classesFound).toBe(colors.length);
		expect(stats.inClasses).toBeGreaterThan(0.15);
		expect(await page.locator('.image-export [aria-live]').textContent()).toBe(`Image enregistrée : ${name}`);
		await screenshot(page, 'map-image-button-1920');
	});

	it('keeps the main page free of off-origin requests, console errors and axe violations', async () => {
		expect(main.offOrigin).toEqual([]);
		expect(main.consoleErrors).toEqual([]);
		expect(await runAxe(main.page)).toEqual([]);
	});

	it('exports the gap map of the écarts page', async () => {
		gaps = await openPage(browser, '/ecarts');
		const { page } = gaps;
		await page.waitForSelector('[data-testid="gap-map"] path', { timeout: 120_000 });
		const colors = [
			...new Set(await page.locator('[data-testid="gap-map"] path:not(.na)').evaluateAll((ps) => ps.map((p) => p.getAttribute('fill')!)))
		];
		expect(colors.length).toBeGreaterThanOrEqual(2);
		const { name, bytes } = await download(page, 'export-png');
		expect(name).toBe(`atlas-ptsm_beds_adult_per100k_ecarts-departements_france_${today()}.png`);
		keep('map-image-export-ecarts', bytes);
		expect(pngSize(bytes)).toEqual({ width: IMAGE_WIDTH, height: IMAGE_HEIGHT });
		const stats = await pixelStats(page, bytes, colors);
		expect(stats.distinct).toBeGreaterThan(20);
		// A class held by a few small départements may fall between the sampled pixels.
		expect(stats.classesFound).toBeGreaterThanOrEqual(Math.min(colors.length, 3));
		expect(stats.inClasses).toBeGreaterThan(0.1);
		expect(gaps.offOrigin).toEqual([]);
		expect(gaps.consoleErrors).toEqual([]);
		expect(await runAxe(page)).toEqual([]);
	});
});
