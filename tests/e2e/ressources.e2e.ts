/**
 * Resource directory on the real artefacts (FINESS 2021 layer): the kind, territory and text
 * filters give the counts of independent DuckDB queries; the link carries them and a reload
 * restores them; the CSV and XLSX exports are read back (codes with their leading zeros, source
 * line); a local-resource file with bad rows shows its report, is saved, listed as « ressource
 * ajoutée localement », edited and deleted; hostile names stay text. No off-origin request,
 * axe-core clean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage, type GuardedPage } from './browser.ts';
import { itPassesPageChecks, pageSql } from './page-checks.ts';
import { downloadCsv, downloadXlsx } from './download.ts';
import { unguardCode } from '../../src/lib/export/csv.ts';

const FIXTURE = 'tests/fixtures/resources/ressources-locales.csv';
const HOSTILE = '<img src=x onerror=alert(1)>';

describe('ressources page', () => {
	let browser: Browser;
	let g: GuardedPage;
	const dialogs: string[] = [];
	const sql = pageSql(() => g);
	const count = async () => {
		await g.page.waitForSelector('[data-testid="dir-count"][data-busy="false"]', { timeout: 180_000 });
		return Number(await g.page.getByTestId('dir-count').getAttribute('data-count'));
	};
	const n = async (where: string, params: unknown[] = []) =>
		(await sql<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM finess_facilities f LEFT JOIN communes c ON c.code = f.commune WHERE ${where}`, params))[0]!.n;

	beforeAll(async () => {
		browser = await launch();
		g = await openPage(browser, '/ressources');
		g.page.on('dialog', (d) => {
			dialogs.push(d.message());
			void d.dismiss();
		});
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('lists every FINESS site of the layer, then filters by kind', async () => {
		await count(); // data loaded (window.__atlas set)
		const all = await n('true');
		expect(all).toBeGreaterThan(15000);
		await expect.poll(count, { timeout: 180_000 }).toBe(all);
		await g.page.locator('[data-testid="kind-filter"] summary').click();
		await g.page.locator('input[data-kind="cmp"]').check();
		await expect.poll(count, { timeout: 30_000 }).toBe(await n(`f."group" = 'cmp'`));
	});

	it('filters by territory: Morbihan shows its CMP sites although it has no catégorie 156', async () => {
		await g.page.getByTestId('dir-level').selectOption('departement');
		await g.page.getByTestId('dir-code').selectOption('56');
		const cmp56 = await n(`f."group" = 'cmp' AND f.dep = '56'`);
		expect(cmp56).toBeGreaterThan(0);
		expect(await n(`f.category = '156' AND f.dep = '56'`)).toBe(0);
		await expect.poll(count, { timeout: 30_000 }).toBe(cmp56);
		const rows = g.page.locator('[data-testid="directory-table"] tbody tr');
		expect(await rows.count()).toBe(Math.min(cmp56, 50));
		expect(await g.page.locator('[data-testid="directory-table"] tbody').textContent()).toMatch(/déduit du nom/);
	});

	it('searches name, commune and address without accents or case', async () => {
		await g.page.getByTestId('dir-q').fill('VANNES');
		const expected = await n(
			`f."group" = 'cmp' AND f.dep = '56' AND strip_accents(lower(concat_ws(' ', f.name, c.name, f.city, f.address, f.postal_code))) LIKE '%vannes%'`
		);
		expect(expected).toBeGreaterThan(0);
		await expect.poll(count, { timeout: 30_000 }).toBe(expected);
	});

	it('keeps the filters in the link and restores them on load', async () => {
		const url = new URL(g.page.url());
		expect(url.searchParams.get('q')).toBe('VANNES');
		expect(url.searchParams.get('types')).toBe('cmp');
		expect(url.searchParams.get('territoire')).toBe('departement:56');
		const before = await count();
		await g.page.reload();
		await expect.poll(count, { timeout: 180_000 }).toBe(before);
		expect(await g.page.getByTestId('dir-q').inputValue()).toBe('VANNES');
		expect(await g.page.getByTestId('dir-code').inputValue()).toBe('56');
	});

	it('exports the filtered list as CSV and XLSX, codes kept as text, with the source', async () => {
		const shown = await count();
		const csv = await downloadCsv(g.page);
		expect(csv.name).toMatch(/^annuaire-ressources_departement-56\.csv$/);
		expect(csv.text.startsWith('\uFEFF')).toBe(true);
		const [header, ...lines] = csv.records;
		expect(lines).toHaveLength(shown);
		const col = (label: string) => header!.indexOf(label);
		for (const l of lines) {
			expect(unguardCode(l[col('FINESS ET')]!)).toMatch(/^56[0-9A-Z]{7}$/);
			expect(l[col('Type')]).toBe('CMP');
			expect(l[col('Source')]).toMatch(/extraction du 8 janvier 2021.*Licence Ouverte/);
		}
		const ids = lines.map((l) => unguardCode(l[col('FINESS ET')]!)).sort();
		const expected = (
			await sql<{ finess: string }>(
				`SELECT f.finess FROM finess_facilities f LEFT JOIN communes c ON c.code = f.commune WHERE f."group" = 'cmp' AND f.dep = '56' AND strip_accents(lower(concat_ws(' ', f.name, c.name, f.city, f.address, f.postal_code))) LIKE '%vannes%' ORDER BY 1`,
				[]
			)
		).map((r) => r.finess);
		expect(ids).toEqual(expected);
		const xlsx = await downloadXlsx(g.page);
		expect(xlsx.cells).toHaveLength(shown + 1);
		const h = xlsx.cells[0] as string[];
		expect((xlsx.cells.slice(1).map((r) => r[h.indexOf('FINESS ET')]) as string[]).sort()).toEqual(expected);
		expect(typeof xlsx.cells[1]![h.indexOf('Latitude')]).toBe('number');
	});

	it('imports local resources: report with each bad row, then saved and listed', async () => {
		await g.page.goto(`${new URL(g.page.url()).origin}/ressources?types=local`);
		await expect.poll(count, { timeout: 180_000 }).toBe(0);
		await g.page.setInputFiles('[data-testid="local-file"]', FIXTURE);
		const report = g.page.getByTestId('local-report');
		await report.waitFor({ timeout: 30_000 });
		const errors = (await g.page.getByTestId('local-errors').locator('li').allTextContents()).map((s) => s.replace(/\s+/g, ' '));
		expect(errors.map((e) => /Ligne (\d+)/.exec(e)?.[1])).toEqual(['5', '6', '7', '9', '11']);
		expect(errors[0]).toMatch(/hors de France/);
		expect(errors[1]).toMatch(/http/);
		expect((await g.page.getByTestId('local-warnings').textContent())!).toMatch(/01091.*01033/);
		// Nothing saved before confirming.
		expect(await count()).toBe(0);
		await g.page.getByTestId('local-save').click();
		await g.page.getByTestId('local-saved').waitFor();
		await expect.poll(count, { timeout: 30_000 }).toBe(5);
		const table = g.page.locator('[data-testid="directory-table"] tbody');
		expect(await table.locator('tr[data-origin="local"]').count()).toBe(5);
		expect(await table.locator('tr[data-origin="local"]').first().textContent()).toMatch(/ressource ajoutée localement/);
	});

	it('renders hostile names as text', async () => {
		const table = g.page.getByTestId('directory-table');
		expect(await table.locator('img').count()).toBe(0);
		expect(await table.textContent()).toContain(HOSTILE);
		expect(await g.page.getByTestId('local-list').textContent()).toContain(HOSTILE);
		expect(dialogs).toEqual([]);
	});

	it('applies the territory filter to local resources placed in a commune', async () => {
		await g.page.getByTestId('dir-level').selectOption('departement');
		await g.page.getByTestId('dir-code').selectOption('69');
		await expect.poll(count, { timeout: 30_000 }).toBe(2); // Lyon and Villeurbanne; the others are in the Ain or have no commune
		await g.page.getByTestId('dir-level').selectOption('france');
		await expect.poll(count, { timeout: 30_000 }).toBe(5);
	});

	it('edits and deletes a local resource', async () => {
		const item = g.page.getByTestId('local-list').locator('li', { hasText: 'GEM Le Lien' });
		await item.getByRole('button', { name: /Modifier/ }).click();
		const form = g.page.getByTestId('local-edit');
		await form.locator('input[name="name"]').fill('GEM Le Lien (Lyon 2e)');
		await form.locator('input[name="web"]').fill('javascript:alert(1)');
		await g.page.getByTestId('local-edit-save').click();
		expect(await form.getByRole('alert').textContent()).toMatch(/http/);
		await form.locator('input[name="web"]').fill('https://gem-lelien.fr');
		await g.page.getByTestId('local-edit-save').click();
		await form.waitFor({ state: 'detached' });
		const table = g.page.getByTestId('directory-table');
		await expect.poll(async () => (await table.textContent())!.includes('GEM Le Lien (Lyon 2e)'), { timeout: 30_000 }).toBe(true);
		const edited = g.page.getByTestId('local-list').locator('li', { hasText: 'GEM Le Lien (Lyon 2e)' });
		await edited.getByRole('button', { name: /Supprimer/ }).click();
		await expect.poll(count, { timeout: 30_000 }).toBe(4);
		expect(await g.page.getByTestId('local-list').textContent()).not.toContain('GEM Le Lien');
		// Kept across a reload (IndexedDB).
		await g.page.reload();
		await expect.poll(count, { timeout: 180_000 }).toBe(4);
	});

	itPassesPageChecks(() => g, 'ressources');
});
