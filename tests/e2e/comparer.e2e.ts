/**
 * Comparer page on the real artefacts: three départements picked with the keyboard, table values
 * against independent DuckDB queries, small multiples, CSV and XLSX exports re-read and compared
 * to the table, sortable headers, six territories with long names at 1280 px, no off-origin
 * request, axe-core clean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { parseNumberFr, unguardText } from '../../src/lib/export/csv.ts';
import { launch, openPage, screenshot, type GuardedPage } from './browser.ts';
import { downloadCsv, downloadXlsx } from './download.ts';
import { itPassesPageChecks, pageSql, parseFr } from './page-checks.ts';

/** Half a unit of the last decimal shown ('22,7' → 0.05): the CSV keeps more decimals than the table. */
const halfUnit = (shown: string) => 0.5 * 10 ** -(shown.split(',')[1]?.replace(/\D/g, '').length ?? 0) + 1e-9;

describe('comparer page', () => {
	let browser: Browser;
	let g: GuardedPage;
	const DEPS = [
		{ name: 'Rhône', code: '69' },
		{ name: 'Isère', code: '38' },
		{ name: 'Gironde', code: '33' }
	];

	const sql = pageSql(() => g);

	async function pick(name: string, level: string, detail: string) {
		const input = g.page.locator('#territory-search');
		await input.fill(name);
		await g.page.waitForSelector('[role="option"]');
		// The first option is the exact name, higher level first, its level written next to it.
		const first = g.page.locator('[role="option"]').first();
		expect(await first.locator('.level').textContent()).toBe(level);
		expect(await first.textContent()).toContain(detail);
		await input.press('Enter');
	}

	/** The table as shown: row label, the territories' values, the benchmark. */
	const shownTable = () =>
		g.page.locator('[data-testid="compare-table"] tbody tr').evaluateAll((trs) =>
			trs.map((tr) => {
				const tds = [...tr.querySelectorAll('td')];
				return {
					label: tr.querySelector('th')!.firstChild!.textContent!.trim(),
					values: tds.slice(0, -1).map((td) => td.querySelector('.v')?.textContent ?? ''),
					bench: tds.at(-1)!.textContent!.trim()
				};
			})
		);

	beforeAll(async () => {
		browser = await launch();
		g = await openPage(browser, '/comparer');
		await g.page.waitForFunction(() => (window as unknown as { __atlas?: { data?: { ready: boolean } } }).__atlas?.data?.ready, null, { timeout: 90_000 });
		for (const d of DEPS) await pick(d.name, 'Département', `(${d.code})`);
		await g.page.waitForSelector('[data-testid="compare-table"]', { timeout: 60_000 });
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('shows the three départements with values equal to independent queries', async () => {
		const heads = await g.page.locator('[data-testid="compare-table"] thead th').allTextContents();
		DEPS.forEach((d, i) => expect(heads[i + 1]!.startsWith(d.name)).toBe(true));
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
			expect(parseFr(evol.replace(/^2022\s*:/, ''))).toBeCloseTo(b22!.v, 1);
			const [gp] = await sql<{ v: number }>(
				`SELECT (SELECT sum(g.gp_practices) FROM gp_practices g JOIN communes c ON c.code = g.commune WHERE c.dep = $1)::DOUBLE
				        / (SELECT sum(population) FROM communes WHERE dep = $1) * 10000 AS v`,
				[d.code]
			);
			expect(parseFr((await g.page.getByTestId(`cmp-gp_practices_per10k-${d.code}`).locator('.v').textContent())!)).toBeCloseTo(gp!.v, 1);
		}
		expect(await g.page.getByTestId('small-multiple').count()).toBeGreaterThanOrEqual(5);
	});

	it('tints the benchmark column blue, header included', async () => {
		const bg = (sel: string) =>
			g.page.locator(sel).evaluate((e) => getComputedStyle(e).backgroundColor.match(/\d+/g)!.slice(0, 3).map(Number) as [number, number, number]);
		const [r, gr, b] = await bg('[data-testid="compare-table"] thead th:last-child');
		expect(b - Math.max(r, gr)).toBeGreaterThan(10); // blue, not the grey of the other headers
		expect(await bg('[data-testid="compare-table"] thead th:first-child')).not.toEqual([r, gr, b]);
		const [cr, cg, cb] = await bg('[data-testid="compare-table"] tbody tr:first-child td:last-child');
		expect(cb).toBeGreaterThan(Math.max(cr, cg));
	});

	it('exports a French CSV whose figures are the table\'s', async () => {
		const { name, text, records } = await downloadCsv(g.page);
		expect(name).toBe('comparaison_essentiel_69-38-33.csv');
		expect(text.charCodeAt(0)).toBe(0xfeff);
		expect(text.slice(1).split('\r\n')[0]).toMatch(/^Indicateur;Unité;Rhône \(69\);/);
		const [head, ...rows] = records;
		expect(head!.slice(2, 5)).toEqual(DEPS.map((d) => `${d.name} (${d.code})`));
		expect(head!.slice(-3)).toEqual(['Remarques', 'Millésime', 'Sources']);
		const france = head!.indexOf('Référence : France');
		expect(france).toBeGreaterThan(4);
		const table = await shownTable();
		expect(rows.map((r) => r[0])).toEqual(table.map((t) => t.label));
		rows.forEach((r, i) => {
			table[i]!.values.forEach((shown, j) => {
				const cell = r[2 + j]!;
				if (shown === '' || shown === 'n.d.') expect(cell).toBe('');
				else {
					expect(cell).toMatch(/^-?\d+(,\d+)?$/); // decimal comma, no grouping
					expect(Math.abs(parseNumberFr(cell)! - parseFr(shown))).toBeLessThanOrEqual(halfUnit(shown));
				}
			});
			const bench = table[i]!.bench;
			if (bench !== 'n.d.') expect(Math.abs(parseNumberFr(r[france]!)! - parseFr(bench))).toBeLessThanOrEqual(halfUnit(bench));
			expect(r.at(-2)).not.toBe(''); // vintage
			expect(r.at(-1)).toMatch(/licence/); // sources
		});
	});

	it('exports an XLSX workbook with the CSV\'s header and numbers', async () => {
		const { records } = await downloadCsv(g.page);
		const { name, cells } = await downloadXlsx(g.page);
		expect(name).toBe('comparaison_essentiel_69-38-33.xlsx');
		expect(cells[0]).toEqual(records[0]!.map(unguardText));
		cells.slice(1).forEach((row, i) => {
			for (let j = 2; j < 5; j++) {
				const csv = parseNumberFr(records[i + 1]![j]!);
				if (csv === null) expect(row[j]).toBeNull();
				else expect(Math.abs((row[j] as number) - csv)).toBeLessThanOrEqual(0.005 + 1e-9);
			}
		});
	});

	it('sorts indicators from a header button, with aria-sort on that column only', async () => {
		const th = (label: string) => g.page.locator('[data-testid="compare-table"] thead th', { has: g.page.locator('button', { hasText: label }) });
		expect(await th('Indicateur').getAttribute('aria-sort')).toBeNull();
		await th('Indicateur').locator('button').focus();
		await g.page.keyboard.press('Enter');
		expect(await th('Indicateur').getAttribute('aria-sort')).toBe('ascending');
		const labels = (await shownTable()).map((t) => t.label);
		expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, 'fr')));
		await th('Isère').locator('button').click();
		expect(await th('Isère').getAttribute('aria-sort')).toBe('ascending');
		expect(await th('Indicateur').getAttribute('aria-sort')).toBeNull();
	});

	it('six territories with long names fit 1280 px: no page overflow, table within its box', async () => {
		await g.page.setViewportSize({ width: 1280, height: 800 });
		const [commune] = await sql<{ name: string }>('SELECT name FROM communes ORDER BY length(name) DESC, code LIMIT 1', []);
		const [epci] = await sql<{ name: string; code: string }>('SELECT name, code FROM epci ORDER BY length(name) DESC, code LIMIT 1', []);
		await pick(commune!.name, 'Commune', '');
		await pick(epci!.name, 'EPCI', '');
		const [region] = await sql<{ name: string }>('SELECT name FROM regions ORDER BY length(name) DESC, code LIMIT 1', []);
		await pick(region!.name, 'Région', '');
		await g.page.waitForFunction(() => document.querySelectorAll('[data-testid="compare-table"] thead th').length === 8, null, { timeout: 60_000 });
		await g.page.waitForTimeout(300);
		await screenshot(g.page, 'comparer-6-1280');
		const fit = await g.page.evaluate(() => {
			const wrap = document.querySelector('[data-testid="compare-table"]')!.parentElement!;
			const over = [...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((e) => `${e.tagName}.${e.className}`);
			return { page: document.documentElement.scrollWidth <= document.documentElement.clientWidth, table: wrap.scrollWidth <= wrap.clientWidth, over: over.slice(0, 8) };
		});
		expect(fit).toEqual({ page: true, table: true, over: [] });
		await g.page.setViewportSize({ width: 1920, height: 1080 });
	});

	it('the address keeps the view: a reload restores the six territories, the group and the benchmark', async () => {
		await g.page.selectOption('#cmp-group', 'adultes');
		await g.page.waitForFunction(() => document.querySelector('[data-testid="compare-table"] caption')?.textContent?.startsWith('Thème : psychiatrie générale'), null, { timeout: 60_000 });
		await g.page.selectOption('#cmp-bench', 'region');
		await expect.poll(() => g.page.evaluate(() => new URLSearchParams(location.search).getAll('t').length), { timeout: 10_000 }).toBe(6);
		// Column names without the sort arrow (the table's sort is not part of the link).
		const names = () => g.page.locator('[data-testid="compare-table"] thead th').evaluateAll((ths) => ths.map((th) => th.textContent!.replace(/\s*[↕▲▼]\s*$/u, '')));
		const heads = await names();
		const caption = await g.page.locator('[data-testid="compare-table"] caption').textContent();
		await g.page.reload();
		await g.page.waitForSelector('[data-testid="compare-table"]', { timeout: 90_000 });
		await g.page.waitForFunction((c) => document.querySelector('[data-testid="compare-table"] caption')?.textContent === c, caption, { timeout: 60_000 });
		expect(await names()).toEqual(heads);
		expect(await g.page.locator('#cmp-group').inputValue()).toBe('adultes');
		expect(await g.page.locator('#cmp-bench').inputValue()).toBe('region');
		expect(await g.page.getByTestId('link-notice').count()).toBe(0);
	});

	it('a link with an unknown territory compares the others and says so in French', async () => {
		await g.page.goto(new URL('/comparer?v=1&t=departement%3A69&t=commune%3A00000&t=departement%3A38', g.page.url()).href);
		await g.page.waitForSelector('[data-testid="compare-table"]', { timeout: 90_000 });
		const heads = await g.page.locator('[data-testid="compare-table"] thead th').allTextContents();
		expect(heads).toHaveLength(4); // indicator, the two known départements, benchmark
		expect(heads[1]!.startsWith('Rhône') && heads[2]!.startsWith('Isère')).toBe(true);
		expect(await g.page.getByTestId('link-notice').allTextContents()).toEqual([
			'Un territoire demandé dans le lien (« commune:00000 ») n’est pas connu dans ce navigateur : les autres sont comparés.'
		]);
		expect(await g.page.locator('#cmp-group').inputValue()).toBe('essentiel');
	});

	itPassesPageChecks(() => g, 'comparer');
});
