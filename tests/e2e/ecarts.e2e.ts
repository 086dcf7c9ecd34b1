/**
 * Écarts page on the real artefacts: adult beds per 100 000 over the départements of a région,
 * a row against an independent DuckDB query, the CSV export re-read (BOM, ';', French
 * decimals, same rows as the table), no off-origin request, axe-core clean, screenshots.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage, runAxe, screenshot, type GuardedPage } from './browser.ts';

const parseFr = (s: string) => Number(s.replace(/[\s\u202f\u00a0]/g, '').replace('\u2212', '-').replace(',', '.').replace(/[^\d.-]/g, ''));
type Q = <T>(sql: string, p: unknown[]) => Promise<T[]>;

describe('écarts page', () => {
	let browser: Browser;
	let g: GuardedPage;
	const REG = '84'; // Auvergne-Rhône-Alpes

	async function sql<T>(q: string, params: unknown[]): Promise<T[]> {
		return g.page.evaluate(
			async ([q, params]) => (window as unknown as { __atlas: { data: { query: Q } } }).__atlas.data.query(q as string, params as unknown[]),
			[q, params] as const
		) as Promise<T[]>;
	}

	beforeAll(async () => {
		browser = await launch();
		g = await openPage(browser, '/ecarts');
		await g.page.waitForSelector('[data-testid="gap-table"]', { timeout: 90_000 });
		await g.page.selectOption('#gap-indicator', 'beds_adult_per100k');
		await g.page.selectOption('#gap-level', 'departement');
		await g.page.selectOption('#gap-scope', REG);
		await g.page.waitForFunction(() => document.querySelector('[data-testid="gap-table"] caption')?.textContent?.includes('Auvergne'), null, { timeout: 60_000 });
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('lists the départements of the région with values equal to an independent query', async () => {
		const deps = await sql<{ code: string }>('SELECT code FROM departements WHERE reg = $1 ORDER BY code', [REG]);
		const shown = await g.page.locator('[data-testid="gap-table"] tbody tr[data-code]').evaluateAll((trs) => trs.map((t) => t.getAttribute('data-code')).sort());
		expect(shown).toEqual(deps.map((d) => d.code));
		const [row] = await sql<{ v: number; n: number; d: number }>(
			`SELECT n, d, n / d * 100000 AS v FROM
			 (SELECT sum(p.cap_htp)::DOUBLE AS n FROM sae_psy p JOIN (SELECT fi, any_value(commune) AS commune FROM sae_establishments GROUP BY fi) e USING (fi)
			  JOIN communes c ON c.code = e.commune WHERE p.year = 2023 AND p.dis = 'GEN' AND c.dep = '38'),
			 (SELECT pop_16_plus::DOUBLE AS d FROM population_dep WHERE year = 2023 AND dep = '38')`,
			[]
		);
		const [fr] = await sql<{ v: number }>(
			`SELECT (SELECT sum(p.cap_htp) FROM sae_psy p JOIN (SELECT fi, any_value(commune) AS commune FROM sae_establishments GROUP BY fi) e USING (fi)
			         JOIN communes c ON c.code = e.commune WHERE p.year = 2023 AND p.dis = 'GEN')::DOUBLE
			        / (SELECT sum(pop_16_plus) FROM population_dep WHERE year = 2023) * 100000 AS v`,
			[]
		);
		const cells = await g.page.locator('tr[data-code="38"] td').allTextContents();
		expect(parseFr(cells[0]!)).toBeCloseTo(row!.v, 1);
		expect(parseFr(cells[1]!)).toBeCloseTo(fr!.v, 1); // France reference (default)
		// Gap in beds: numerator − reference × population / 100 000 (displayed reference is rounded: allow 1 bed).
		expect(Math.abs(parseFr(cells[3]!) - (row!.n - (fr!.v * row!.d) / 100000))).toBeLessThanOrEqual(1);
		expect(cells[3]).toMatch(/lits/);
		expect(await g.page.getByTestId('gap-rule').textContent()).toMatch(/référence/);
		expect(await g.page.locator('[data-testid="gap-map"] path').count()).toBe(shown.length);
	});

	it('sorts by a column with aria-sort', async () => {
		const th = g.page.locator('th', { has: g.page.locator('button', { hasText: 'Valeur' }) });
		await th.locator('button').click();
		expect(await th.getAttribute('aria-sort')).toBe('ascending');
		const vals = (await g.page.locator('[data-testid="gap-value"]').allTextContents()).map(parseFr);
		expect([...vals].sort((a, b) => a - b)).toEqual(vals);
	});

	it('exports a French CSV with the same rows as the table', async () => {
		const [download] = await Promise.all([g.page.waitForEvent('download'), g.page.getByTestId('export-csv').click()]);
		expect(download.suggestedFilename()).toBe(`ecarts_beds_adult_per100k_departements_region-${REG}.csv`);
		const text = readFileSync((await download.path())!, 'utf8');
		expect(text.charCodeAt(0)).toBe(0xfeff);
		const lines = text.slice(1).trim().split('\r\n');
		expect(lines[0]!.split(';')[0]).toBe('Code');
		const rows = lines.slice(1).map((l) => l.split(';'));
		const tableCodes = await g.page.locator('[data-testid="gap-table"] tbody tr[data-code]').evaluateAll((trs) => trs.map((t) => t.getAttribute('data-code')).sort());
		expect(rows.map((r) => r[0]).sort()).toEqual(tableCodes);
		const isere = rows.find((r) => r[0] === '38')!;
		expect(isere[2]).toMatch(/^\d+,\d+$/); // decimal comma, no thousands separator
		const shown = parseFr((await g.page.locator('tr[data-code="38"] td').first().textContent())!);
		expect(Number(isere[2]!.replace(',', '.'))).toBeCloseTo(shown, 1);
	});

	it('exports an XLSX workbook', async () => {
		const [download] = await Promise.all([g.page.waitForEvent('download'), g.page.getByTestId('export-xlsx').click()]);
		expect(download.suggestedFilename()).toBe(`ecarts_beds_adult_per100k_departements_region-${REG}.xlsx`);
		const bytes = readFileSync((await download.path())!);
		expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK'); // a zip container
	});

	it('makes no request outside its origin and has no console error', () => {
		expect(g.offOrigin).toEqual([]);
		expect(g.consoleErrors).toEqual([]);
	});

	it('passes axe-core with no violation', async () => {
		expect(await runAxe(g.page)).toEqual([]);
	});

	it('renders at 1920×1080 and 1280×720', async () => {
		await screenshot(g.page, 'ecarts-1920');
		await g.page.setViewportSize({ width: 1280, height: 720 });
		await g.page.waitForTimeout(400);
		await screenshot(g.page, 'ecarts-1280');
	});
});
