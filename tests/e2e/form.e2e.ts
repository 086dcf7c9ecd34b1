/**
 * Language and form: the quality report in French, a French error page, the footer of a French
 * public-service site on every page with its three small pages, no State brand in the header.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Manifest } from '../../src/lib/db/types.ts';
import { launch, openPage, runAxe, screenshot, type GuardedPage } from './browser.ts';

describe('language and form', () => {
	let browser: Browser;
	const manifest = JSON.parse(readFileSync('static/data/manifest.json', 'utf8')) as Manifest;

	beforeAll(async () => {
		browser = await launch();
	});
	afterAll(async () => browser?.close());

	it('/sources: the quality report is in French, with fr-FR numbers, source titles and sizes that are never 0 Mo', async () => {
		const g = await openPage(browser, '/sources');
		await g.page.getByTestId('quality-table').waitFor({ timeout: 30_000 });
		const text = (await g.page.locator('main').textContent()) ?? '';
		expect(text).not.toContain('TOT row');
		expect(text).toContain('ligne TOT (total de l’établissement');
		expect(text).not.toMatch(/\d,\d{3}\b/); // en-US grouping such as 68,350,798
		expect(text).toMatch(/68[\u202f\u00a0 ]\d{3}[\u202f\u00a0 ]\d{3}/); // national population, fr-FR grouping
		expect(text).not.toMatch(/\b0 Mo\b|\b0\u00a0Mo\b/);
		expect(text).not.toMatch(/\b(in metropole|lost their leading zero|kept as null|communes belong to no EPCI)\b/);
		const firstRow = (await g.page.locator('[data-testid="quality-table"] tbody tr th').first().textContent()) ?? '';
		expect(firstRow).toContain(manifest.sources.find((s) => s.id === 'cog')!.title);
		expect(firstRow).not.toMatch(/^cog\b/);
		expect(text).toMatch(/1er|\d{1,2} \p{L}+ \d{4}/u);
		await g.page.close();
	});

	it('an unknown address shows a French error page with the footer', async () => {
		const g = await openPage(browser, '/page-qui-n-existe-pas');
		await g.page.getByTestId('error-message').waitFor({ timeout: 30_000 });
		expect(await g.page.locator('h1').textContent()).toBe('Page introuvable');
		expect(await g.page.getByTestId('error-message').textContent()).toContain('/page-qui-n-existe-pas');
		expect(await g.page.getByTestId('site-footer').count()).toBe(1);
		expect(await runAxe(g.page)).toEqual([]);
		expect(g.offOrigin).toEqual([]);
		await g.page.close();
	});

	for (const path of ['/', '/territoires', '/ecarts', '/comparer', '/accessibilite', '/diagnostic', '/projection', '/sources']) {
		it(`${path}: a footer links to the accessibility status, legal notice, personal data, sources, code and contact`, async () => {
			const g = await openPage(browser, path);
			const footer = g.page.getByTestId('site-footer');
			await footer.waitFor({ timeout: 30_000 });
			const hrefs = await footer.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
			for (const h of ['/declaration-accessibilite', '/mentions-legales', '/donnees-personnelles', '/sources', '/mentions-legales#contact', '/mentions-legales#code-source'])
				expect(hrefs).toContain(h);
			expect(await footer.textContent()).toContain('partiellement conforme');
			// The footer is on screen without scrolling on the full-height map pages, and never over the content.
			const box = (await footer.boundingBox())!;
			const vh = g.page.viewportSize()!.height;
			expect(box.y + box.height).toBeLessThanOrEqual(Math.max(vh, await g.page.evaluate(() => document.documentElement.scrollHeight)) + 1);
			// No State brand: the header has no Marianne and no « République française ».
			const header = (await g.page.locator('header').first().textContent()) ?? '';
			expect(header).not.toMatch(/République française|Marianne/i);
			await g.page.close();
		});
	}

	for (const [path, h1, needle] of [
		['/mentions-legales', 'Mentions légales', 'licence MIT'],
		['/declaration-accessibilite', 'Déclaration d’accessibilité', 'partiellement conforme'],
		['/donnees-personnelles', 'Données personnelles', 'IndexedDB']
	] as const) {
		it(`${path} exists, says what it must and passes axe`, async () => {
			const g = await openPage(browser, path);
			await g.page.locator('h1').waitFor({ timeout: 30_000 });
			expect(await g.page.locator('h1').textContent()).toBe(h1);
			expect(await g.page.locator('main').textContent()).toContain(needle);
			expect(await runAxe(g.page)).toEqual([]);
			expect(g.offOrigin).toEqual([]);
			await screenshot(g.page, `info${path.replace(/\//g, '-')}-1280`);
			await g.page.close();
		});
	}
});
