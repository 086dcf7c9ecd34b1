/**
 * Comparer page on the real artefacts: three départements picked with the keyboard, table values
 * against independent DuckDB queries, small multiples, no off-origin request, axe-core clean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage, runAxe, screenshot, type GuardedPage } from './browser.ts';

const parseFr = (s: string) => Number(s.replace(/[\s\u202f\u00a0]/g, '').replace('\u2212', '-').replace(',', '.').replace(/[^\d.-]/g, ''));
type Q = <T>(sql: string, p: unknown[]) => Promise<T[]>;

describe('comparer page', () => {
	let browser: Browser;
	let g: GuardedPage;
	const DEPS = [
		{ name: 'Rhône', code: '69' },
		{ name: 'Isère', code: '38' },
		{ name: 'Gironde', code: '33' }
	];

	async function sql<T>(q: string, params: unknown[]): Promise<T[]> {
		return g.page.evaluate(
			async ([q, params]) => (window as unknown as { __atlas: { data: { query: Q } } }).__atlas.data.query(q as string, params as unknown[]),
			[q, params] as const
		) as Promise<T[]>;
	}

	beforeAll(async () => {
		browser = await launch();
		g = await openPage(browser, '/comparer');
		await g.page.waitForFunction(() => (window as unknown as { __atlas?: { data?: { ready: boolean } } }).__atlas?.data?.ready, null, { timeout: 90_000 });
		const input = g.page.locator('#territory-search');
		for (const d of DEPS) {
			await input.fill(d.name);
			await g.page.waitForSelector('[role="option"]');
			// The first option is the département (exact name, higher level first).
			expect(await g.page.locator('[role="option"]').first().textContent()).toContain(`Département (${d.code})`);
			await input.press('Enter');
		}
		await g.page.waitForSelector('[data-testid="compare-table"]', { timeout: 60_000 });
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('shows the three départements with values equal to independent queries', async () => {
		const heads = await g.page.locator('[data-testid="compare-table"] thead th').allTextContents();
		expect(heads.slice(1, 4)).toEqual(DEPS.map((d) => d.name));
		for (const d of DEPS) {
			const [beds] = await sql<{ v: number }>(
				`SELECT (SELECT sum(p.cap_htp) FROM sae_psy p JOIN (SELECT fi, any_value(commune) AS commune FROM sae_establishments GROUP BY fi) e USING (fi)
				         JOIN communes c ON c.code = e.commune WHERE p.year = 2023 AND p.dis = 'GEN' AND c.dep = $1)::DOUBLE
				        / (SELECT pop_16_plus FROM population_dep WHERE year = 2023 AND dep = $1) * 100000 AS v`,
				[d.code]
			);
			const cell = g.page.getByTestId(`cmp-beds_adult_per100k-${d.code}`);
			expect(parseFr((await cell.locator('.v').textContent())!)).toBeCloseTo(beds!.v, 1);
			// Evolution 2022 → 2023 where the SAE has both years.
			const [b22] = await sql<{ v: number }>(
				`SELECT (SELECT sum(p.cap_htp) FROM sae_psy p JOIN (SELECT fi, any_value(commune) AS commune FROM sae_establishments GROUP BY fi) e USING (fi)
				         JOIN communes c ON c.code = e.commune WHERE p.year = 2022 AND p.dis = 'GEN' AND c.dep = $1)::DOUBLE
				        / (SELECT pop_16_plus FROM population_dep WHERE year = 2022 AND dep = $1) * 100000 AS v`,
				[d.code]
			);
			const evol = (await cell.locator('.evol').first().textContent())!;
			expect(parseFr(evol.replace('2022 :', ''))).toBeCloseTo(b22!.v, 1);
			const [gp] = await sql<{ v: number }>(
				`SELECT (SELECT sum(g.gp_practices) FROM gp_practices g JOIN communes c ON c.code = g.commune WHERE c.dep = $1)::DOUBLE
				        / (SELECT sum(population) FROM communes WHERE dep = $1) * 10000 AS v`,
				[d.code]
			);
			expect(parseFr((await g.page.getByTestId(`cmp-gp_practices_per10k-${d.code}`).locator('.v').textContent())!)).toBeCloseTo(gp!.v, 1);
		}
		expect(await g.page.getByTestId('small-multiple').count()).toBeGreaterThanOrEqual(5);
	});

	it('makes no request outside its origin and has no console error', () => {
		expect(g.offOrigin).toEqual([]);
		expect(g.consoleErrors).toEqual([]);
	});

	it('passes axe-core with no violation', async () => {
		expect(await runAxe(g.page)).toEqual([]);
	});

	it('renders at 1920×1080 and 1280×720', async () => {
		await screenshot(g.page, 'comparer-1920');
		await g.page.setViewportSize({ width: 1280, height: 720 });
		await g.page.waitForTimeout(400);
		await screenshot(g.page, 'comparer-1280');
	});
});
