/**
 * Écarts page on the real artefacts: adult beds per 100 000 over the départements of a région,
 * a row against an independent DuckDB query, the CSV export re-read (BOM, ';', French
 * decimals, same rows as the table); medico-social estimates per 1 000 aged 20–59; the map
 * beside the table (sticky) from 1200 px; no off-origin request, axe-core clean, screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage, runAxe, screenshot, type GuardedPage } from './browser.ts';
import { downloadCsv, downloadXlsx } from './download.ts';
import { itPassesPageChecks, pageSql, parseFr } from './page-checks.ts';

describe('écarts page', () => {
	let browser: Browser;
	let g: GuardedPage;
	const REG = '84'; // Auvergne-Rhône-Alpes

	const sql = pageSql(() => g);

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
		// Only the sorted column carries aria-sort; the header button works from the keyboard.
		const rank = g.page.locator('th', { has: g.page.locator('button', { hasText: 'Rang' }) });
		expect(await rank.getAttribute('aria-sort')).toBeNull();
		await th.locator('button').focus();
		await g.page.keyboard.press('Enter');
		expect(await th.getAttribute('aria-sort')).toBe('descending');
		const desc = (await g.page.locator('[data-testid="gap-value"]').allTextContents()).map(parseFr);
		expect([...desc].sort((a, b) => b - a)).toEqual(desc);
	});

	it('exports a French CSV with the same rows as the table', async () => {
		const { name, text, records } = await downloadCsv(g.page);
		expect(name).toBe(`ecarts_beds_adult_per100k_departements_region-${REG}.csv`);
		expect(text.charCodeAt(0)).toBe(0xfeff);
		expect(text.slice(1).split('\r\n')[0]).toMatch(/^Code;Territoire;/);
		const rows = records.slice(1);
		const tableCodes = await g.page.locator('[data-testid="gap-table"] tbody tr[data-code]').evaluateAll((trs) => trs.map((t) => t.getAttribute('data-code')).sort());
		expect(rows.map((r) => r[0]).sort()).toEqual(tableCodes);
		const isere = rows.find((r) => r[0] === '38')!;
		expect(isere[2]).toMatch(/^\d+,\d+$/); // decimal comma, no thousands separator
		const shown = parseFr((await g.page.locator('tr[data-code="38"] td').first().textContent())!);
		expect(Number(isere[2]!.replace(',', '.'))).toBeCloseTo(shown, 1);
	});

	it('exports an XLSX workbook with the same figures', async () => {
		const { name, cells } = await downloadXlsx(g.page);
		expect(name).toBe(`ecarts_beds_adult_per100k_departements_region-${REG}.xlsx`);
		expect(cells[0]![0]).toBe('Code');
		const isere = cells.find((r) => r[0] === '38')!;
		const shown = parseFr((await g.page.locator('tr[data-code="38"] td').first().textContent())!);
		expect(isere[2] as number).toBeCloseTo(shown, 1);
	});

	it('EPCI of a département with long names: the table fits 1280 px without page overflow', async () => {
		await g.page.setViewportSize({ width: 1280, height: 800 });
		await g.page.selectOption('#gap-level', 'epci');
		await g.page.selectOption('#gap-scope', '51');
		await g.page.waitForFunction(() => document.querySelector('[data-testid="gap-table"] caption')?.textContent?.includes('EPCI du département'), null, { timeout: 60_000 });
		expect(await g.page.locator('[data-testid="gap-table"] tbody tr[data-code]').count()).toBeGreaterThan(5);
		expect(await g.page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
		await screenshot(g.page, 'ecarts-epci-1280');
		await g.page.setViewportSize({ width: 1920, height: 1080 });
	});

	it('medico-social places per 1 000 aged 20–59: values from the Atlas density, published density shown but not comparable', async () => {
		await g.page.selectOption('#gap-indicator', 'ms_esat_per1000_20_59');
		await g.page.selectOption('#gap-level', 'departement');
		await g.page.selectOption('#gap-scope', 'all');
		await g.page.waitForFunction(() => /Places en ESAT.*départements de France/.test(document.querySelector('[data-testid="gap-table"] caption')?.textContent ?? ''), null, { timeout: 60_000 });
		// Independent: implied places = density × 20+ / 100 000 (2022), over the 20–59 population × 1 000.
		const implied = `SELECT pd.dep, av.value * pd.pop_20_plus / 100000.0 AS places, pd.pop_20_59::DOUBLE AS adults
			FROM atlas_values av JOIN population_dep pd ON pd.dep = av.dep AND pd.year = 2022 WHERE av.indicator = 'OFF46' AND av.year = 2019`;
		const [rhone] = await sql<{ v: number }>(`SELECT places / adults * 1000 AS v FROM (${implied}) WHERE dep = '69'`, []);
		const [fr] = await sql<{ v: number }>(`SELECT sum(places) / sum(adults) * 1000 AS v FROM (${implied})`, []);
		const cells = await g.page.locator('tr[data-code="69"] td').allTextContents();
		expect(parseFr(cells[0]!)).toBeCloseTo(rhone!.v, 1);
		expect(parseFr(cells[1]!)).toBeCloseTo(fr!.v, 1);
		expect(cells[3]).toMatch(/places/);
		const options = await g.page.locator('#gap-ref option').evaluateAll((os) => os.map((o) => ({ text: o.textContent!, disabled: (o as HTMLOptionElement).disabled })));
		const atlas = options.find((o) => o.text.startsWith('Atlas de la santé mentale'))!;
		expect(atlas).toMatchObject({ disabled: true });
		expect(atlas.text).toMatch(/pour 100 000 habitants de 20 ans et plus \(2019\) — non comparable/);
		const handi = options.find((o) => o.text.includes('pour 1 000 adultes de 20 à 59 ans'))!;
		expect(handi.disabled).toBe(false);
		expect(await g.page.locator('.summary').textContent()).toMatch(/Approximation : Estimation dérivée de la densité de l’Atlas/);
	});

	it('map beside the table from 1200 px, kept in view while the table scrolls; above it on narrow screens and in print', async () => {
		const box = (sel: string) => g.page.locator(sel).first().boundingBox();
		await g.page.setViewportSize({ width: 1280, height: 800 });
		await g.page.waitForTimeout(300);
		const [table, map] = [(await box('.table-col'))!, (await box('[data-testid="gap-map"]'))!];
		expect(map.x).toBeGreaterThanOrEqual(table.x + table.width);
		expect(map.width).toBeGreaterThan(450);
		expect(await g.page.locator('.data-table').evaluate((d) => d.scrollWidth <= d.clientWidth)).toBe(true);
		expect(await g.page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
		// Deep in the 101-row table, the map is still on screen.
		await g.page.locator('[data-testid="gap-table"] tbody tr').nth(80).scrollIntoViewIfNeeded();
		const after = (await g.page.locator('[data-testid="gap-map"]').evaluate((e) => e.getBoundingClientRect().toJSON())) as DOMRect;
		expect(after.top).toBeGreaterThanOrEqual(0);
		expect(after.bottom).toBeLessThanOrEqual(800);
		await screenshot(g.page, 'ecarts-sticky-1280');
		await g.page.evaluate(() => window.scrollTo(0, 0));
		const narrowScreen = () => g.page.setViewportSize({ width: 1100, height: 800 });
		const print = async () => {
			await g.page.setViewportSize({ width: 1920, height: 1080 });
			await g.page.emulateMedia({ media: 'print' });
		};
		for (const narrow of [narrowScreen, print]) {
			await narrow();
			await g.page.waitForTimeout(300);
			const [t, m] = [(await box('.table-col'))!, (await box('[data-testid="gap-map"]'))!];
			expect(m.y + m.height).toBeLessThanOrEqual(t.y);
		}
		expect(await g.page.locator('.controls').isVisible()).toBe(false);
		await g.page.emulateMedia({ media: 'screen' });
	});

	it('FINESS attribution of an imported sector file: accounting on screen, totals reconcile', async () => {
		// Two adult sectors over Lyon, Villeurbanne and Bron: A names the establishment with the most
		// beds inside them, B one in Isère (outside the file's communes).
		const LYON = ['69123', '69266', '69029'];
		const saeIn = `FROM sae_psy s JOIN (SELECT fi, any_value(commune) AS commune FROM sae_establishments GROUP BY fi) e USING (fi) JOIN communes c ON c.code = e.commune
			WHERE s.year = 2023 AND s.dis = 'GEN' AND s.cap_htp > 0`;
		const [a] = await sql<{ fi: string; cap: number }>(`SELECT s.fi, s.cap_htp::DOUBLE AS cap ${saeIn} AND c.code IN ($1, $2, $3) ORDER BY s.cap_htp DESC LIMIT 1`, LYON);
		const [b] = await sql<{ fi: string; cap: number }>(`SELECT s.fi, s.cap_htp::DOUBLE AS cap ${saeIn} AND c.dep = '38' ORDER BY s.cap_htp DESC LIMIT 1`, []);
		const [inside] = await sql<{ cap: number; n: number }>(`SELECT sum(s.cap_htp)::DOUBLE AS cap, count(DISTINCT s.fi)::INTEGER AS n ${saeIn} AND c.code IN ($1, $2, $3)`, LYON);
		const csv = ['code_commune;code_secteur;type_secteur;nom_secteur;finess', `69123;69G01;G;Secteur A (test);${a!.fi}`, `69266;69G02;G;Secteur B (test);${b!.fi}`, `69029;69G02;G;Secteur B (test);${b!.fi}`].join('\n');

		await g.page.goto(new URL('/territoires', g.page.url()).href);
		await g.page.waitForSelector('.loading-slot', { state: 'detached', timeout: 90_000 });
		await g.page.setInputFiles('[data-testid="sector-file"]', { name: 'secteurs-finess.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
		await g.page.getByTestId('import-report').waitFor({ timeout: 30_000 });
		await g.page.fill('#set-name', 'Secteurs FINESS (test)');
		await g.page.getByRole('button', { name: 'Enregistrer ce découpage' }).click();
		await g.page.waitForSelector('[data-shown^="sector:"]', { timeout: 30_000 });

		await g.page.goto(new URL('/ecarts', g.page.url()).href);
		await g.page.waitForSelector('#gap-level option[value="sector"]', { state: 'attached', timeout: 90_000 });
		await g.page.selectOption('#gap-indicator', 'beds_adult_per100k');
		await g.page.selectOption('#gap-level', 'sector');
		await expect.poll(() => g.page.locator('[data-testid="gap-table"] tbody tr[data-code]').count(), { timeout: 60_000 }).toBe(2);
		expect(await g.page.getByTestId('gap-attribution-account').count()).toBe(0); // commune attribution: nothing moved
		await g.page.selectOption('#gap-attribution', 'sector_finess');
		const account = g.page.getByTestId('gap-attribution-account');
		await account.waitFor({ timeout: 30_000 });
		const text = (await account.textContent())!.replace(/[\u202f\u00a0]/g, ' ');
		const num = (re: RegExp) => parseFr(text.match(re)![1]!);
		expect(num(/Attribué aux secteurs : ([\d ]+) lits/)).toBe(a!.cap + b!.cap);
		expect(num(/lits de (\d+) établissements/)).toBe(2);
		expect(num(/dont ([\d ]+) lits de 1 établissement situé hors/)).toBe(b!.cap);
		expect(num(/Non compté : ([\d ]+) lits/)).toBe(inside!.cap - a!.cap);
		expect(num(/Non compté : [\d ]+ lits de (\d+) établissement/)).toBe(inside!.n - 1);
		expect(num(/communes du jeu, ([\d ]+) lits =/)).toBe(inside!.cap);
		const rows = await g.page.locator('[data-testid="gap-table"] tbody tr[data-code]').evaluateAll((trs) => trs.map((t) => t.getAttribute('data-code')));
		expect(rows.sort()).toEqual(['69G01', '69G02']);
		expect(await runAxe(g.page)).toEqual([]);
		await screenshot(g.page, 'ecarts-attribution');
	});

	it('the address keeps the view: a reload restores the sector set and its FINESS attribution', async () => {
		await expect.poll(() => g.page.evaluate(() => new URLSearchParams(location.search).get('attr')), { timeout: 10_000 }).toBe('finess');
		expect(await g.page.evaluate(() => new URLSearchParams(location.search).get('niveau'))).toBe('secteurs');
		await g.page.reload();
		await g.page.getByTestId('gap-attribution-account').waitFor({ timeout: 90_000 });
		expect(await g.page.locator('#gap-level').inputValue()).toBe('sector');
		expect(await g.page.locator('#gap-attribution').inputValue()).toBe('sector_finess');
		expect(await g.page.locator('[data-testid="gap-table"] tbody tr[data-code]').count()).toBe(2);
		expect(await g.page.getByTestId('link-notice').count()).toBe(0);
	});

	it('a shared link opens the same view; an unreadable part falls back with a French notice', async () => {
		await g.page.goto(new URL(`/ecarts?v=1&ind=beds_adult_per100k&niveau=departements&region=${REG}&ref=region&q=Is%C3%A8re`, g.page.url()).href);
		await g.page.waitForFunction(() => document.querySelector('[data-testid="gap-table"] caption')?.textContent?.includes('Auvergne'), null, { timeout: 90_000 });
		expect(await g.page.locator('#gap-scope').inputValue()).toBe(REG);
		expect(await g.page.locator('#gap-search').inputValue()).toBe('Isère');
		expect(await g.page.locator('[data-testid="gap-table"] tbody tr[data-code]').evaluateAll((trs) => trs.map((t) => t.getAttribute('data-code')))).toEqual(['38']);
		expect(await g.page.getByTestId('gap-reference').textContent()).toMatch(/^Région Auvergne-Rhône-Alpes \(ensemble\)/);
		await g.page.goto(new URL('/ecarts?v=1&ind=inconnu&niveau=epci&dep=51', g.page.url()).href);
		await g.page.waitForFunction(() => document.querySelector('[data-testid="gap-table"] caption')?.textContent?.includes('EPCI du département Marne'), null, { timeout: 90_000 });
		expect(await g.page.locator('#gap-indicator').inputValue()).toBe('beds_adult_per100k');
		expect(await g.page.getByTestId('link-notice').allTextContents()).toEqual(['L’indicateur demandé dans le lien (« inconnu ») n’est pas proposé ici : indicateur par défaut affiché.']);
		expect(await runAxe(g.page)).toEqual([]);
	});

	itPassesPageChecks(() => g, 'ecarts');
});
