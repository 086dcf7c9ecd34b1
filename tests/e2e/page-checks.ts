/**
 * What every page suite checks: DuckDB queries from the page for independent expectations, no
 * off-origin request, no console error, axe-core clean, screenshots at two widths; the
 * long-task observer of the import suites.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { runAxe, screenshot, type GuardedPage } from './browser.ts';

type Q = <T>(sql: string, p: unknown[]) => Promise<T[]>;

/** Runs a parameterised query in the page's DuckDB (window.__atlas.data). */
export function pageSql(get: () => GuardedPage) {
	return <T>(q: string, params: unknown[]): Promise<T[]> =>
		get().page.evaluate(
			async ([q, params]) => (window as unknown as { __atlas: { data: { query: Q } } }).__atlas.data.query(q as string, params as unknown[]),
			[q, params] as const
		) as Promise<T[]>;
}

/** French number as displayed ('1 234,5', '−3') → number. */
export const parseFr = (s: string) => Number(s.replace(/[\s\u202f\u00a0]/g, '').replace('\u2212', '-').replace(',', '.').replace(/[^\d.-]/g, ''));

export function itPassesPageChecks(get: () => GuardedPage, name: string): void {
	it('makes no request outside its origin and has no console error', () => {
		expect(get().offOrigin).toEqual([]);
		expect(get().consoleErrors).toEqual([]);
	});

	it('passes axe-core with no violation', async () => {
		expect(await runAxe(get().page)).toEqual([]);
	});

	it('renders at 1920×1080 and 1280×720', async () => {
		const { page } = get();
		await page.setViewportSize({ width: 1920, height: 1080 });
		await screenshot(page, `${name}-1920`);
		await page.setViewportSize({ width: 1280, height: 720 });
		await page.waitForTimeout(400);
		await screenshot(page, `${name}-1280`);
	});
}

/**
 * Starts recording long tasks (main thread busy > 50 ms) once the page is quiet (its own start:
 * map geometry, first queries, is not what is measured); returns a reader of their durations.
 */
export async function watchLongTasks(page: Page): Promise<() => Promise<number[]>> {
	await page.evaluate(
		() =>
			new Promise<void>((resolve) => {
				let last = performance.now();
				const obs = new PerformanceObserver(() => (last = performance.now()));
				obs.observe({ type: 'longtask' });
				const start = performance.now();
				const tick = setInterval(() => {
					if (performance.now() - last > 3000 || performance.now() - start > 120_000) {
						clearInterval(tick);
						obs.disconnect();
						resolve();
					}
				}, 200);
			})
	);
	await page.evaluate(() => {
		const w = window as unknown as { __long: number[]; __longObs?: PerformanceObserver };
		w.__longObs?.disconnect();
		w.__long = [];
		w.__longObs = new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__long.push(Math.round(e.duration))));
		w.__longObs.observe({ type: 'longtask' });
	});
	return () => page.evaluate(() => (window as unknown as { __long: number[] }).__long);
}
