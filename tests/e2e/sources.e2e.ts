/** The sources page cites every dataset of the manifest and shows the quality report. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Manifest } from '../../src/lib/db/types.ts';
import { launch, openPage, runAxe, screenshot, type GuardedPage } from './browser.ts';

describe('sources page', () => {
	let browser: Browser;
	let g: GuardedPage;
	const manifest = JSON.parse(readFileSync('static/data/manifest.json', 'utf8')) as Manifest;

	beforeAll(async () => {
		browser = await launch();
		g = await openPage(browser, '/sources');
		await g.page.getByTestId('quality-table').waitFor({ timeout: 30_000 });
	});
	afterAll(async () => browser?.close());

	it('lists every source with its vintage and licence, and flags the absent FINESS extract', async () => {
		const text = (await g.page.getByTestId('sources-list').textContent()) ?? '';
		for (const s of manifest.sources) {
			expect(text).toContain(s.title);
			expect(text).toContain(s.vintage);
		}
		if (!manifest.sources.find((s) => s.id === 'finess_et')!.available) expect(text).toContain('Source absente');
	});

	it('shows the quality report rows of the pipeline', async () => {
		const rows = await g.page.locator('[data-testid="quality-table"] tbody tr').count();
		const quality = JSON.parse(readFileSync('static/data/quality.json', 'utf8')) as { entries: unknown[] };
		expect(rows).toBe(quality.entries.length);
	});

	it('shows the FINESS kind rules and the CMP coverage per département (opened, so axe checks it too)', async () => {
		const quality = JSON.parse(readFileSync('static/data/quality.json', 'utf8')) as { finess?: { coverage: unknown[] } };
		if (!quality.finess) return;
		const section = g.page.getByTestId('finess-coverage');
		expect(await section.textContent()).toContain('CMPP');
		await section.locator('details summary').click();
		expect(await g.page.locator('[data-testid="finess-coverage-table"] tbody tr').count()).toBe(quality.finess.coverage.length);
	});

	it('stays on its origin and passes axe-core', async () => {
		expect(g.offOrigin).toEqual([]);
		expect(await runAxe(g.page)).toEqual([]);
		await screenshot(g.page, 'sources-1280');
	});
});
