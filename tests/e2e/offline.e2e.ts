/**
 * CLSM rooms often have no network: once opened, the app must work offline (service worker).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { BASE_URL, launch, openPage, runAxe, waitForMapReady, type GuardedPage } from './browser.ts';
import { pageSql } from './page-checks.ts';
import { tilesCovering } from '../../src/lib/map/tile-cover.ts';

describe('offline use', () => {
	let browser: Browser;
	let g: GuardedPage;
	const sql = pageSql(() => g);
	let creuseTiles: string[] = [];

	beforeAll(async () => {
		browser = await launch();
		g = await openPage(browser, '/', { width: 1280, height: 800 }, 'allow');
		await waitForMapReady(g.page);
		// `ready` resolves once the worker has installed, i.e. once the precache is complete.
		await g.page.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
	});
	afterAll(async () => browser?.close());

	it('stores the data artefacts and the DuckDB engine at install', async () => {
		const stored = await g.page.evaluate(async () => {
			const keys = await caches.keys();
			const cache = await caches.open(keys.find((k) => k.startsWith('atlas-ptsm-'))!);
			return (await cache.keys()).map((r) => new URL(r.url).pathname);
		});
		expect(stored).toContain('/data/manifest.json');
		expect(stored).toContain('/data/communes.topojson');
		expect(stored.some((p) => /duckdb-eh[^/]*\.wasm$/.test(p))).toBe(true);
		expect(stored.some((p) => /duckdb-mvp[^/]*\.wasm$/.test(p))).toBe(false);
	});

	it('stores the tiles of the territory opened, at every zoom, and no others', async () => {
		const { page } = g;
		await page.locator('tr[data-code="23"] button').click();
		await page.getByTestId('territory-name').waitFor();
		// The communes' interior points lie inside the département: their box's cover is part of its cover.
		const [b] = await sql<{ w: number; s: number; e: number; n: number }>(
			`SELECT min(lon) AS w, min(lat) AS s, max(lon) AS e, max(lat) AS n FROM communes WHERE CAST(dep AS VARCHAR) = '23'`,
			[]
		);
		const listed = new Set(((await (await fetch(`${BASE_URL}/data/tiles/communes/index.json`)).json()) as { tiles: string[] }).tiles);
		creuseTiles = tilesCovering([b!.w, b!.s, b!.e, b!.n], 0, 10).filter((k) => listed.has(k));
		expect(creuseTiles.filter((k) => k.startsWith('10/')).length).toBeGreaterThan(10);
		const stored = () =>
			page.evaluate(async () => {
				const keys = await caches.keys();
				const cache = await caches.open(keys.find((k) => k.startsWith('atlas-ptsm-'))!);
				return (await cache.keys()).map((r) => new URL(r.url).pathname).filter((p) => p.startsWith('/data/tiles/communes/'));
			});
		await expect
			.poll(async () => {
				const have = new Set(await stored());
				return creuseTiles.filter((k) => !have.has(`/data/tiles/communes/${k}.pbf`));
			}, { timeout: 90_000, interval: 1000 })
			.toEqual([]);
		const reunion = tilesCovering([55.45, -21.0, 55.45, -21.0], 10, 10)[0]!;
		expect(await stored()).not.toContain(`/data/tiles/communes/${reunion}.pbf`);
	});

	it('reloads the map and opens another page without network', async () => {
		await g.page.context().setOffline(true);
		try {
			await g.page.reload();
			await waitForMapReady(g.page);
			const painted = await g.page.evaluate(async () => {
				const w = window as unknown as { __atlas: { data: { query: (sql: string) => Promise<{ n: number }[]> } } };
				return (await w.__atlas.data.query('SELECT count(*)::INT AS n FROM communes'))[0]!.n;
			});
			expect(painted).toBeGreaterThan(34_000);
			// The Creuse's most detailed tiles, never drawn on screen, come from the worker's store.
			const z10 = creuseTiles.filter((k) => k.startsWith('10/'));
			const statuses = await g.page.evaluate(async (keys) => Promise.all(keys.map(async (k) => (await fetch(`/data/tiles/communes/${k}.pbf`)).status)), z10);
			expect(statuses.every((st) => st === 200)).toBe(true);
			await g.page.goto(`${BASE_URL}/sources`);
			await g.page.getByTestId('sources-list').waitFor({ timeout: 60_000 });
			expect(await runAxe(g.page)).toEqual([]);
		} finally {
			await g.page.context().setOffline(false);
		}
		expect(g.offOrigin).toEqual([]);
	});
});
