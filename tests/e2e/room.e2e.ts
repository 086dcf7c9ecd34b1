/**
 * Maps a room can read, at a projector's 1280 × 720: names on the main map that never overlap,
 * no control over the legend or another control, the export buttons in view and not covered,
 * the first rows of the gap table above the fold; a one-line header.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage, screenshot, waitForMapReady } from './browser.ts';

type Box = { x: number; y: number; width: number; height: number };
const intersects = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The element is inside the viewport and is what a click at its centre reaches. */
async function reachable(page: Page, selector: string): Promise<boolean> {
	return page.evaluate((sel) => {
		const el = document.querySelector(sel);
		if (!el) return false;
		const r = el.getBoundingClientRect();
		if (r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth || !r.width) return false;
		const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
		return !!hit && (hit === el || el.contains(hit));
	}, selector);
}

describe('a room can read it at 1280 × 720', () => {
	let browser: Browser;
	const viewport = { width: 1280, height: 720 };

	beforeAll(async () => {
		browser = await launch();
	});
	afterAll(async () => browser?.close());

	it('/: one-line header, names on the départements without overlap, legend clear of the controls, PNG export in view', async () => {
		const g = await openPage(browser, '/', viewport);
		await waitForMapReady(g.page, 180_000);
		await g.page.waitForFunction(() => Number(document.querySelector('[data-testid="map-labels"]')?.getAttribute('data-labels') ?? 0) > 10, null, { timeout: 30_000 });
		expect((await g.page.locator('header').first().boundingBox())!.height).toBeLessThanOrEqual(80);
		const labels = await g.page.locator('[data-testid="map-labels"] .label').evaluateAll((els) =>
			els.map((e) => {
				const r = e.getBoundingClientRect();
				return { code: e.getAttribute('data-code')!, text: e.textContent!, x: r.x, y: r.y, width: r.width, height: r.height };
			})
		);
		expect(labels.length).toBeGreaterThan(10);
		const overlapping = labels.flatMap((a, i) => labels.slice(i + 1).filter((b) => intersects(a, b)).map((b) => `${a.text}/${b.text}`));
		expect(overlapping).toEqual([]);
		const legend = (await g.page.locator('.legend-slot').boundingBox())!;
		for (const sel of ['.maplibregl-ctrl-group', '[aria-label="Vues rapides"]']) {
			const boxes = await g.page.locator(sel).evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as Box));
			for (const b of boxes) expect(intersects(legend, b), sel).toBe(false);
		}
		expect(await reachable(g.page, '[data-testid="export-png"]')).toBe(true);
		await screenshot(g.page, 'room-carte-1280');
		await g.page.close();
	});

	it('/ecarts: the export buttons and the first rows of the table are above the fold', async () => {
		const g = await openPage(browser, '/ecarts', viewport);
		await g.page.waitForSelector('[data-testid="gap-value"]', { timeout: 180_000 });
		await screenshot(g.page, 'room-ecarts-1280');
		expect(await reachable(g.page, '[data-testid="export-csv"]')).toBe(true);
		const rows = await g.page.locator('tbody tr').evaluateAll((trs) => trs.slice(0, 2).map((t) => t.getBoundingClientRect().bottom));
		expect(rows.length).toBe(2);
		for (const b of rows) expect(b).toBeLessThanOrEqual(720);
		// Nothing in the toolbar overlaps (labels, class filter, export buttons).
		const parts = await g.page.locator('.toolbar label, .toolbar legend, .toolbar button').evaluateAll((els) => els.map((e) => ({ t: e.textContent!.trim(), ...(e.getBoundingClientRect().toJSON() as Box) })));
		const clash = parts.flatMap((a, i) => parts.slice(i + 1).filter((b) => !a.t.includes(b.t) && !b.t.includes(a.t) && intersects(a, b)).map((b) => `${a.t} / ${b.t}`));
		expect(clash).toEqual([]);
		await screenshot(g.page, 'room-ecarts-1280');
		await g.page.close();
	});
});
