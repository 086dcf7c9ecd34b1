/**
 * CLSM rooms often have no network: once opened, the app must work offline (service worker).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { BASE_URL, launch, openPage, runAxe, waitForMapReady, type GuardedPage } from './browser.ts';

describe('offline use', () => {
	let browser: Browser;
	let g: GuardedPage;

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
			await g.page.goto(`${BASE_URL}/sources`);
			await g.page.getByTestId('sources-list').waitFor({ timeout: 60_000 });
			expect(await runAxe(g.page)).toEqual([]);
		} finally {
			await g.page.context().setOffline(false);
		}
		expect(g.offOrigin).toEqual([]);
	});
});
