/**
 * Printable diagnostic on the real artefacts, for the Ain (01): six priority sections in the
 * decree's order, a value and its 2022 → 2023 change against independent queries through
 * window.__atlas.data, the SVG map with legend and scale bar, the map indicator kept in the link
 * and restored on reload, print media hiding the controls, a PDF rendering, unreadable links,
 * an approximate catchment stated as such on screen and in print, axe-core clean, no
 * off-origin request, screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage, runAxe, screenshot, type GuardedPage } from './browser.ts';
import { sectorDiagnostic } from './sector-page.ts';
import { pageSql, parseFr } from './page-checks.ts';
const READY = '[data-testid="diagnostic"][aria-busy="false"]';

describe('diagnostic page', () => {
	let browser: Browser;
	let g: GuardedPage;
	const DEP = '01';

	const sql = pageSql(() => g);

	beforeAll(async () => {
		browser = await launch();
		g = await openPage(browser, `/diagnostic?territoire=departement:${DEP}`);
		await g.page.waitForSelector(READY, { timeout: 300_000 });
		await g.page.waitForSelector('[data-testid="diag-map"] svg path[data-code]', { timeout: 300_000 });
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('titles the document with the territory and a French date', async () => {
		expect(await g.page.locator('h1').textContent()).toBe('Diagnostic territorial partagé — Ain (01)');
		expect(await g.page.locator('.date').textContent()).toMatch(/Établi le (1er|\d{1,2}) (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}/);
		expect(await g.page.locator('h1').count()).toBe(1);
		const [pop] = await sql<{ p: number }>('SELECT sum(population)::DOUBLE AS p FROM communes WHERE dep = $1', [DEP]);
		expect(parseFr((await g.page.locator('[data-testid="population"] strong').textContent())!)).toBe(pop!.p);
	});

	it('has the six priorities in the decree’s order; rights say that no indicator covers them', async () => {
		const sections = g.page.getByTestId('priority');
		expect(await sections.count()).toBe(6);
		const titles = await sections.locator('h2').allTextContents();
		expect(titles.map((t) => t.match(/^Priorité (\d)/)?.[1])).toEqual(['1', '2', '3', '4', '5', '6']);
		expect(titles[2]).toMatch(/soins somatiques/);
		expect(titles[3]).toMatch(/crise et d’urgence/);
		const rights = g.page.locator('[data-priority="5"]');
		expect(await rights.getByTestId('no-indicator').textContent()).toBe('Aucun indicateur de la donnée ouverte ne couvre cette priorité ; à documenter localement.');
		expect(await rights.locator('table').count()).toBe(0);
		// Every table has a caption and header scopes.
		for (const t of await g.page.locator('[data-testid="priority"] table').all()) {
			expect(await t.locator('caption').count()).toBe(1);
			expect(await t.locator('thead th[scope="col"]').count()).toBeGreaterThanOrEqual(6);
		}
	});

	it('shows the adult-beds value, France reference and gap equal to independent queries', async () => {
		const [own] = await sql<{ n: number; d: number }>(
			`SELECT (SELECT coalesce(sum(p.cap_htp), 0) FROM sae_psy p JOIN sae_establishments e ON e.fi = p.fi JOIN communes c ON c.code = e.commune
			         WHERE p.year = 2023 AND p.dis = 'GEN' AND c.dep = $1)::DOUBLE AS n,
			        (SELECT pop_16_plus FROM population_dep WHERE year = 2023 AND dep = $1)::DOUBLE AS d`,
			[DEP]
		);
		const [fr] = await sql<{ v: number }>(
			`SELECT (SELECT sum(p.cap_htp) FROM sae_psy p JOIN (SELECT fi, any_value(commune) AS commune FROM sae_establishments GROUP BY fi) e USING (fi)
			         JOIN communes c ON c.code = e.commune WHERE p.year = 2023 AND p.dis = 'GEN')::DOUBLE
			        / (SELECT sum(pop_16_plus) FROM population_dep WHERE year = 2023) * 100000 AS v`,
			[]
		);
		const cells = await g.page.locator('tr[data-indicator="beds_adult_per100k"] td').allTextContents();
		expect(parseFr(cells[0]!)).toBeCloseTo((own!.n / own!.d) * 1e5, 1);
		expect(parseFr(cells[1]!)).toBeCloseTo(fr!.v, 1);
		expect(cells[4]).toMatch(/lits/);
		expect(Math.abs(parseFr(cells[4]!) - (own!.n - (fr!.v * own!.d) / 1e5))).toBeLessThanOrEqual(1);
		// The GP proxy is labelled as such where its value is shown.
		expect(await g.page.locator('tr[data-indicator="gp_practices_per10k"] th').textContent()).toMatch(/indicateur approché/);
	});

	it('shows the 2022 → 2023 change of SAE rows as independent queries give it, and “—” with a reason elsewhere', async () => {
		const header = g.page.locator('[data-priority="1"] thead th').nth(6);
		expect(await header.textContent()).toBe('Évolution 2022\u00a0→à\u00a02023');
		expect(await header.locator('[aria-hidden="true"]').textContent()).toBe('→');
		expect(await header.locator('.visually-hidden').textContent()).toBe('à');
		const rate = async (year: number) => {
			const [r] = await sql<{ v: number }>(
				`SELECT (SELECT coalesce(sum(p.cap_htp), 0) FROM sae_psy p JOIN sae_establishments e ON e.fi = p.fi JOIN communes c ON c.code = e.commune
				         WHERE p.year = $2 AND p.dis = 'GEN' AND c.dep = $1)::DOUBLE * 100000
				        / (SELECT pop_16_plus FROM population_dep WHERE year = $2 AND dep = $1) AS v`,
				[DEP, year]
			);
			return r!.v;
		};
		const [y22, y23] = [await rate(2022), await rate(2023)];
		const cell = g.page.locator('tr[data-indicator="beds_adult_per100k"] [data-testid="diag-evolution"]');
		const [from, to] = (await cell.locator('[aria-hidden="true"]').textContent())!.split('\u2192').map(parseFr);
		expect(from).toBeCloseTo(y22, 1);
		expect(to).toBeCloseTo(y23, 1);
		expect(await cell.locator('.visually-hidden').textContent()).toMatch(/^de .+ en 2022 à .+ en 2023$/);
		const change = (await cell.locator('.change').textContent())!;
		expect(Math.abs(parseFr(change.split('(')[0]!) - (y23 - y22))).toBeLessThanOrEqual(0.06);
		expect(change).toMatch(/^[+\u2212]?[\d\u202f]+,\d+ \([+\u2212]?\d+,\d\u00a0%\)$|^0,0+$/);
		// Population has no 2022 series: a dash and its reason, not 0.
		const pop = g.page.locator('tr[data-indicator="population"] [data-testid="diag-evolution"]');
		expect(await pop.locator('[aria-hidden="true"]').textContent()).toBe('—');
		expect(await pop.locator('.visually-hidden').textContent()).toMatch(/seule la SAE est chargée pour deux années/);
		expect(await g.page.locator('[data-priority="6"] [data-testid="no-evolution"]').textContent()).toMatch(/^Évolution « — »\. Pas de série 2022 → 2023/);
		// The catalogue's caveat on the two years is printed once per section.
		expect(await g.page.locator('[data-priority="1"] .notes li', { hasText: 'Évolution 2022 → 2023 : Chaque année est rapportée à sa propre population' }).count()).toBe(1);
	});

	it('sums up at most five shortfalls against France, each with its gap in units and its source', async () => {
		const items = g.page.getByTestId('attention').locator('li');
		const n = await items.count();
		expect(n).toBeGreaterThan(0);
		expect(n).toBeLessThanOrEqual(5);
		for (const li of await items.all()) {
			const text = (await li.textContent())!;
			expect(text).toMatch(/[+\u2212][\d\u202f,]+\u00a0\S+ par rapport au niveau national/);
			expect(text).toMatch(/Source : .*\d{4}/);
		}
	});

	it('draws the map of the communes with legend, scale bar and sources', async () => {
		const [n] = await sql<{ n: number }>('SELECT count(*)::INTEGER AS n FROM communes WHERE dep = $1', [DEP]);
		const map = g.page.getByTestId('diag-map');
		expect(await map.locator('svg path[data-code]').count()).toBe(n!.n);
		expect(await map.locator('svg[role="img"] title').first().textContent()).toMatch(/Cabinets de médecine générale par commune — Ain/);
		const legend = await map.getByTestId('diag-legend').locator('li').allTextContents();
		expect(legend.length).toBeGreaterThanOrEqual(3); // classes and 'non disponible'
		// Every commune is counted once, in a class or as missing.
		expect(legend.reduce((s, l) => s + parseFr(l.match(/\(([\d\s\u202f]+)\)\s*$/)?.[1] ?? 'x'), 0)).toBe(n!.n);
		expect(await map.getByTestId('scale-bar').textContent()).toMatch(/^\d+\u00a0km$/);
		expect(await map.textContent()).toMatch(/Sources :[\s\S]*SIRENE[\s\S]*Fond de carte/);
		expect(await g.page.locator('section.sources .source.full').count()).toBeGreaterThanOrEqual(5);
	});

	it('hides the navigation and controls in print, and prints A4 pages', async () => {
		const visible = () =>
			g.page.evaluate(() => ['header.header', '[data-testid="diag-controls"]', '[data-testid="map-choice"]', 'h1'].map((s) => getComputedStyle(document.querySelector(s)!).display !== 'none'));
		expect(await visible()).toEqual([true, true, true, true]);
		await g.page.emulateMedia({ media: 'print' });
		expect(await visible()).toEqual([false, false, false, true]);
		await screenshot(g.page, 'diagnostic-print');
		await g.page.emulateMedia({ media: 'screen' });
		const pdf = await g.page.pdf({ preferCSSPageSize: true });
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
		expect(pages.length).toBeGreaterThan(2);
		// A4 portrait from the page's @page rule: 595 × 842 points.
		const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
		expect(boxes.length).toBe(pages.length);
		for (const [, w, h] of boxes) {
			expect(Math.abs(Number(w) - 595.3)).toBeLessThan(1);
			expect(Math.abs(Number(h) - 841.9)).toBeLessThan(1);
		}
	});

	it('is clean: no off-origin request, no console error, no axe-core violation; screenshots', async () => {
		expect(g.offOrigin).toEqual([]);
		expect(g.consoleErrors).toEqual([]);
		expect(await runAxe(g.page)).toEqual([]);
		for (const [width, height] of [[1920, 1080], [1280, 800]] as const) {
			await g.page.setViewportSize({ width, height });
			await g.page.waitForTimeout(300);
			await screenshot(g.page, `diagnostic-${width}`);
		}
	});

	it('keeps the map indicator in the link and restores it on reload', async () => {
		await g.page.selectOption('#diag-map-indicator', 'hdj_adult_per100k');
		await g.page.waitForFunction(() => document.querySelector('[data-testid="diag-map"] svg[role="img"] title')?.textContent?.startsWith('Places'), null, { timeout: 60_000 });
		await g.page.waitForFunction(() => new URL(location.href).searchParams.get('ind') === 'hdj_adult_per100k', null, { timeout: 10_000 });
		expect(new URL(g.page.url()).searchParams.get('territoire')).toBe(`departement:${DEP}`);
		await g.page.reload();
		await g.page.waitForSelector(READY, { timeout: 300_000 });
		expect(await g.page.locator('#diag-map-indicator').inputValue()).toBe('hdj_adult_per100k');
		await g.page.waitForSelector('[data-testid="diag-map"] svg path[data-code]', { timeout: 300_000 });
		expect(await g.page.locator('[data-testid="diag-map"] svg[role="img"] title').first().textContent()).toMatch(/^Places .* par commune — Ain \(01\)$/);
		expect(await g.page.getByTestId('link-notice').count()).toBe(0);
	});

	it('changes territory from the selector and updates the link', async () => {
		await g.page.selectOption('#diag-kind', 'region');
		await g.page.selectOption('#diag-territory', '84');
		await g.page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('Auvergne-Rhône-Alpes'), null, { timeout: 300_000 });
		await g.page.waitForSelector(READY, { timeout: 300_000 });
		expect(new URL(g.page.url()).searchParams.get('territoire')).toBe('region:84');
		await g.page.waitForFunction(() => document.querySelectorAll('[data-testid="diag-map"] svg path[data-code]').length === 12, null, { timeout: 60_000 });
		// A région is compared with France only.
		expect(await g.page.locator('[data-priority="1"] thead th').allTextContents()).not.toContain('Région');
	});

	it('says so when the link names no known territory or an absent sector set', async () => {
		const other = await openPage(browser, '/diagnostic?territoire=departement:%3Cscript%3E');
		await other.page.waitForSelector(READY, { timeout: 300_000 });
		expect(await other.page.locator('.notice.warning').textContent()).toMatch(/n’est pas reconnu/);
		expect(await other.page.locator('h1').textContent()).toBe('Diagnostic territorial partagé — Rhône (69)');
		expect(other.consoleErrors).toEqual([]);
		await other.page.context().close();
		// An indicator the catalogue does not know: said as text, the default colouring drawn.
		const ind = await openPage(browser, '/diagnostic?territoire=departement:01&ind=%3Cimg%20src%3Dx%3E');
		await ind.page.waitForSelector(READY, { timeout: 300_000 });
		expect(await ind.page.getByTestId('link-notice').textContent()).toBe(
			'L’indicateur demandé dans le lien (« <img src=x> ») n’existe pas dans le catalogue : carte affichée avec l’indicateur par défaut.'
		);
		expect(await ind.page.locator('img[src="x"]').count()).toBe(0);
		expect(await ind.page.locator('#diag-map-indicator').inputValue()).toBe('gp_practices_per10k');
		expect(await ind.page.locator('h1').textContent()).toBe('Diagnostic territorial partagé — Ain (01)');
		await ind.page.context().close();
		// A well-formed link to a sector set this browser does not hold: said, nothing invented.
		const missing = await openPage(browser, '/diagnostic?territoire=sector:inconnu:G:69G01');
		await missing.page.waitForSelector('.notice.error', { timeout: 300_000 });
		expect(await missing.page.locator('.notice.error').textContent()).toMatch(/n’existe pas dans les données chargées/);
		expect(await missing.page.getByTestId('diagnostic').count()).toBe(0);
		await missing.page.context().close();
	});
});

describe('diagnostic of an imported sector', () => {
	let browser: Browser;
	let g: GuardedPage;
	const NAME = '<img src=x onerror=alert(1)>';

	beforeAll(async () => {
		browser = await launch();
		g = await openPage(browser, '/territoires');
		g.page.on('dialog', (d) => {
			g.consoleErrors.push(`dialog: ${d.message()}`);
			void d.dismiss();
		});
		await g.page.waitForSelector('.loading-slot', { state: 'detached', timeout: 300_000 });
		// Sector names that try to inject markup must stay text, on screen and in the print header.
		await sectorDiagnostic(g, 'tests/fixtures/sectors/hostile.csv', 'Secteurs hostiles (test)');
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('computes the sector with estimated denominators and the département as reference', async () => {
		const title = await g.page.locator('h1').textContent();
		expect(title).toBe(`Diagnostic territorial partagé — ${NAME} (secteur de psychiatrie générale)`);
		expect(await g.page.locator('img[src="x"]').count()).toBe(0);
		const link = new URL(g.page.url()).searchParams.get('territoire')!;
		expect(link).toMatch(/^sector:.+:G:01G01$/);
		expect(await g.page.locator('[data-priority="1"] thead th').allTextContents()).toContain('Département');
		expect(await g.page.locator('tr[data-indicator="beds_adult_per100k"] th').textContent()).toMatch(/dénominateur estimé/);
		// Atlas densities exist only per département: said, not invented.
		expect(await g.page.locator('tr[data-indicator="ms_esat_per1000_20_59"] [data-testid="diag-value"]').textContent()).toBe('non calculable');
		// The map shows the sector's only commune.
		await g.page.waitForFunction(() => document.querySelectorAll('[data-testid="diag-map"] svg path[data-code]').length === 1, null, { timeout: 60_000 });
		expect(await g.page.locator('[data-testid="diag-map"] svg path[data-code]').getAttribute('data-code')).toBe('01001');
		await screenshot(g.page, 'diagnostic-sector');
	});

	it('escapes the name in the print header and stays clean', async () => {
		const rules = await g.page.evaluate(() => [...document.querySelectorAll('head style')].map((s) => s.textContent ?? '').filter((t) => t.includes('@page')));
		expect(rules).toHaveLength(1);
		expect(rules[0]).not.toContain('<img');
		expect(rules[0]).toMatch(/@top-left \{ content: "Diagnostic territorial partagé — \\3c img src\\3d x onerror\\3d alert\(1\)\\3e  \(secteur/);
		expect(g.offOrigin).toEqual([]);
		expect(g.consoleErrors).toEqual([]);
		expect(await runAxe(g.page)).toEqual([]);
	});
});

describe('diagnostic of an approximate catchment', () => {
	let browser: Browser;
	let g: GuardedPage;
	const APPROX = 'approx-G-2023';

	beforeAll(async () => {
		browser = await launch();
		g = await openPage(browser, '/diagnostic?territoire=departement:69');
		await g.page.waitForSelector(READY, { timeout: 300_000 });
		await g.page.selectOption('#diag-kind', `${APPROX}:G`);
		await g.page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('Zone approchée'), null, { timeout: 300_000 });
		await g.page.waitForSelector(READY, { timeout: 300_000 });
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('is offered apart from sectors and never titled as a sector', async () => {
		expect(await g.page.locator('#diag-kind optgroup').getAttribute('label')).toBe('Zones approchées, pas les secteurs officiels');
		const h1 = (await g.page.locator('h1').textContent())!;
		expect(h1).toMatch(/^Diagnostic territorial partagé — Zone approchée « .+ » \(psychiatrie générale, pas un secteur officiel\)$/);
		expect(h1).not.toMatch(/secteur de psychiatrie/);
		const link = new URL(g.page.url()).searchParams.get('territoire')!;
		expect(link).toMatch(new RegExp(`^sector:${APPROX}:G:[0-9AB]{9}$`));
		const notice = g.page.getByTestId('approx-notice');
		expect(await notice.textContent()).toMatch(/Zone approchée, pas un secteur officiel\.\s*Approximation \(établissement le plus proche\)/);
		// Its communes are the ones whose nearest sector-running establishment is the zone's.
		const code = link.split(':')[3]!;
		const [n] = await pageSql(() => g)<{ n: number; lyon: boolean }>(
			"SELECT count(*)::INTEGER AS n, bool_or(commune = '69123') AS lyon FROM territory_members WHERE set_id = $1 AND territory = $2",
			[APPROX, code]
		);
		// Chosen from the Rhône: the zone holding its most populated commune, Lyon.
		expect(n!.lyon).toBe(true);
		await g.page.waitForFunction((k) => document.querySelectorAll('[data-testid="diag-map"] svg path[data-code]').length === k, n!.n, { timeout: 120_000 });
		expect(await g.page.locator('tr[data-indicator="beds_adult_per100k"] th').textContent()).toMatch(/dénominateur estimé/);
		await screenshot(g.page, 'diagnostic-approx');
	});

	it('states the approximation in print: title block and the header of every page', async () => {
		await g.page.emulateMedia({ media: 'print' });
		expect(await g.page.getByTestId('approx-notice').evaluate((e) => getComputedStyle(e).display)).not.toBe('none');
		await g.page.emulateMedia({ media: 'screen' });
		const rules = await g.page.evaluate(() => [...document.querySelectorAll('head style')].map((s) => s.textContent ?? '').filter((t) => t.includes('@page')));
		expect(rules).toHaveLength(1);
		expect(rules[0]).toMatch(/@top-left \{ content: "Diagnostic territorial partagé — Zone approchée .*pas un secteur officiel\)"/);
	});

	it('reopens from its link, recomputing the approximation', async () => {
		const url = g.page.url();
		const again = await openPage(browser, url.slice(url.indexOf('/diagnostic')));
		await again.page.waitForSelector(READY, { timeout: 300_000 });
		expect(await again.page.locator('h1').textContent()).toBe(await g.page.locator('h1').textContent());
		expect(await again.page.locator('#diag-kind').inputValue()).toBe(`${APPROX}:G`);
		expect(again.consoleErrors).toEqual([]);
		await again.page.context().close();
	});

	it('stays clean', async () => {
		expect(g.offOrigin).toEqual([]);
		expect(g.consoleErrors).toEqual([]);
		expect(await runAxe(g.page)).toEqual([]);
	});
});
