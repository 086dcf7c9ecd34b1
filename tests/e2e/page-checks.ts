/**
 * What every page suite checks: DuckDB queries from the page for independent expectations, no
 * off-origin request, no console error, axe-core clean, screenshots at two widths.
 */
import { expect, it } from 'vitest';
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
