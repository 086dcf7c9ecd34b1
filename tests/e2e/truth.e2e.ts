/**
 * Figures a planner can paste (issue 10, "Truth"): one national total across /ecarts, /comparer and
 * /diagnostic (the quality report's 48 498 adult beds over France's population ≥ 16), counts
 * compared with a rate-based expectation, one sign convention, the CSV saying what the screen
 * says with codes Excel keeps as text, and the Creuse's diagnostic summary led by staff.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage, screenshot, waitForMapReady, type GuardedPage } from './browser.ts';
import { downloadCsv } from './download.ts';
import { pageSql, parseFr } from './page-checks.ts';

interface Quality {
	totals: { sae: { year: number; dis: string; measure: string; total: number }[] };
}

describe('one national total, counts and signs', () => {
	let browser: Browser;
	let g: GuardedPage;
	const sql = pageSql(() => g);
	/** France adult beds per 100 000 aged ≥ 16 from the quality report's total (what /sources shows). */
	let franceBeds = 0;

	beforeAll(async () => {
		browser = await launch();
		g = await openPage(browser, '/ecarts');
		await g.page.waitForSelector('[data-testid="gap-table"]', { timeout: 90_000 });
		const q = (await g.page.evaluate(() => fetch('/data/quality.json').then((r) => r.json()))) as Quality;
		const beds = q.totals.sae.filter((t) => t.year === 2023 && t.dis === 'GEN' && t.measure === 'cap_htp').reduce((s, t) => s + t.total, 0);
		expect(beds).toBe(48_498);
		const [pop] = await sql<{ p: number }>('SELECT sum(pop_16_plus)::DOUBLE AS p FROM population_dep WHERE year = 2023', []);
		franceBeds = (beds * 1e5) / pop!.p;
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('/ecarts: the France column is the quality report’s total; one sign convention; the CSV says what the screen says', async () => {
		await g.page.selectOption('#gap-indicator', 'beds_adult_per100k');
		await g.page.selectOption('#gap-level', 'departement');
		await g.page.selectOption('#gap-scope', 'all');
		await g.page.waitForFunction(() => document.querySelectorAll('[data-testid="gap-table"] tbody tr[data-code]').length > 90, null, { timeout: 60_000 });
		const france = await g.page.locator('tr[data-code="01"] td').nth(1).textContent();
		expect(parseFr(france!)).toBeCloseTo(franceBeds, 1);
		// Guadeloupe counts CH Louis Constant Fleming (Saint-Martin).
		const [gp] = await sql<{ n: number }>(
			`SELECT sum(p.cap_htp)::DOUBLE AS n FROM sae_psy p JOIN sae_establishments e USING (fi) JOIN communes c ON c.code = e.commune WHERE p.year = 2023 AND p.dis = 'GEN' AND c.dep = '971'`,
			[]
		);
		expect(gp!.n).toBe(270);
		const sign = (await g.page.getByTestId('gap-sign').textContent())!;
		expect(sign).toMatch(/valeur du territoire − référence/);
		expect(await g.page.locator('main').textContent()).not.toMatch(/à ajouter \(\+\) ou en trop \(−\)/);
		// Mayotte is below France: its gap is negative, as the note says.
		const mayotte = (await g.page.locator('tr[data-code="976"] td').nth(3).textContent())!;
		expect(mayotte.startsWith('\u2212')).toBe(true);

		const { text, records } = await downloadCsv(g.page);
		expect(text).toContain('\r\n="01";'); // French Excel keeps 01 as text
		const header = records[0]!;
		const rows = records.slice(1);
		const ain = rows.find((r) => r[0] === '01')!;
		const cls = header.indexOf('Classe (comme à l’écran)');
		expect(cls).toBeGreaterThan(0);
		const shownCls = (await g.page.locator('tr[data-code="01"] td').last().textContent())!.trim();
		expect(ain[cls]).toBe(shownCls);
		expect(ain[cls]).not.toBe('sans jugement');
		expect(ain[header.indexOf('Source')]).toMatch(/SAE 2023.*Écart = valeur du territoire − référence/);
		expect(parseFr(ain[header.indexOf('Nombre (lits)')]!)).toBeGreaterThan(0);
	});

	it('/ecarts: a count is compared with France’s rate × population, never with France’s count', async () => {
		await g.page.selectOption('#gap-indicator', 'cmp_count');
		await g.page.waitForFunction(
			() => {
				const cells = [...document.querySelectorAll('[data-testid="gap-table"] td.gap')];
				return cells.length > 90 && cells.every((c) => /CMP$/.test(c.textContent ?? '')) && !!document.querySelector('[data-testid="gap-count-rule"]');
			},
			null,
			{ timeout: 60_000 }
		);
		expect(await g.page.getByTestId('gap-count-rule').textContent()).toMatch(/taux de la référence .* × population du territoire/);
		const gaps = (await g.page.locator('[data-testid="gap-table"] td.gap').allTextContents()).map(parseFr);
		expect(gaps.length).toBeGreaterThan(90);
		expect(Math.min(...gaps)).toBeGreaterThan(-200); // not "≈ −2 900 CMP"
		expect(await g.page.locator('[data-testid="gap-table"] thead').textContent()).toMatch(/Attendu au taux de référence/);
		await screenshot(g.page, 'truth-ecarts-cmp-count');
	});

	it('map panel: the count beside each SAE rate (Creuse: adult beds, psychiatrists)', async () => {
		await g.page.goto(new URL('/', g.page.url()).href);
		await g.page.waitForSelector('tr[data-code="23"] button', { timeout: 90_000 });
		await g.page.locator('tr[data-code="23"] button').click();
		await g.page.waitForSelector('[data-testid="count-beds_adult_per100k"]', { timeout: 60_000 });
		const [b] = await sql<{ n: number; e: number }>(
			`SELECT sum(p.cap_htp)::DOUBLE AS n, sum(p.etp_psychiatrists)::DOUBLE AS e FROM sae_psy p JOIN sae_establishments e USING (fi) JOIN communes c ON c.code = e.commune
			 WHERE p.year = 2023 AND p.dis = 'GEN' AND c.dep = '23'`,
			[]
		);
		const beds = (await g.page.getByTestId('count-beds_adult_per100k').textContent())!;
		expect(beds).toMatch(/^soit [\d\u202f]+\u00a0lits$/);
		expect(parseFr(beds)).toBe(b!.n);
		expect(parseFr((await g.page.getByTestId('count-etp_psychiatrists_adult_per100k').textContent())!)).toBeCloseTo(b!.e, 1);
		// The count is shown beside its rate, not listed a second time.
		expect(await g.page.getByTestId('value-beds_adult_count').count()).toBe(0);
	});

	it('map, Auto zoomed into communes: hospital capacity stays by département, and the legend says so', async () => {
		await g.page.goto(new URL('/?ind=beds_adult_per100k', g.page.url()).href);
		await waitForMapReady(g.page);
		await g.page.waitForSelector('section.legend', { timeout: 90_000 });
		await g.page.evaluate(
			() =>
				new Promise<void>((resolve) => {
					const m = (window as unknown as { __atlas: { map: { once: (e: string, f: () => void) => void; jumpTo: (o: object) => void } } }).__atlas.map;
					m.once('idle', () => resolve());
					m.jumpTo({ center: [1.87, 46.17], zoom: 9 });
				})
		);
		await g.page.waitForSelector('[data-testid="auto-level-note"]', { timeout: 180_000 });
		expect(await g.page.getByTestId('auto-level-note').textContent()).toMatch(/restent affichées par département/);
		expect(await g.page.locator('section.legend').textContent()).toMatch(/par département/);
		// No screenshot here: while MapLibre tiles the communes in software, page.screenshot can exceed 30 s.
	}, 300_000); // the first commune zoom loads and tiles 35 000 polygons (software WebGL)

	it('/comparer: the France benchmark of adult beds is the same number', async () => {
		await g.page.goto(new URL('/comparer', g.page.url()).href);
		await g.page.waitForFunction(() => (window as unknown as { __atlas?: { data?: { ready: boolean } } }).__atlas?.data?.ready, null, { timeout: 90_000 });
		await g.page.locator('#territory-search').fill('Creuse');
		await g.page.waitForSelector('[role="option"]');
		await g.page.locator('#territory-search').press('Enter');
		await g.page.waitForSelector('[data-testid="compare-table"] tbody tr', { timeout: 60_000 });
		const bench = await g.page
			.locator('[data-testid="compare-table"] tbody tr', { has: g.page.locator('th', { hasText: 'Lits de psychiatrie générale (temps plein)' }) })
			.first()
			.locator('td')
			.last()
			.textContent();
		expect(parseFr(bench!)).toBeCloseTo(franceBeds, 0);
	});

	it('/diagnostic (Creuse): France reference, and a summary led by psychiatrists (≈ 67 %) and child psychiatrists (≈ 54 %)', async () => {
		await g.page.goto(new URL('/diagnostic?territoire=departement:23', g.page.url()).href);
		await g.page.waitForSelector('[data-testid="attention"]', { timeout: 300_000 });
		const items = (await g.page.getByTestId('attention').locator('li').allTextContents()).map((t) => t.replace(/\s+/g, ' '));
		expect(items[0]).toMatch(/^Psychiatres salariés \(ETP\), psychiatrie générale .*soit 67 % du niveau national/);
		expect(items.some((t) => /^Pédopsychiatres salariés \(ETP\) .*soit 54 % du niveau national/.test(t))).toBe(true);
		expect(items.some((t) => /appartement thérapeutique/.test(t))).toBe(false);
		expect(await g.page.getByTestId('sign-note').textContent()).toMatch(/valeur du territoire − référence/);
		await screenshot(g.page, 'truth-diagnostic-creuse');
	});
});
