/**
 * Workspace round trip on the real artefacts: a hand-written Rhône sector file is imported and
 * saved, notes are written under two priorities of that sector's diagnostic, the workspace is
 * exported, every store is cleared, the file is imported back (preview, then apply) and the
 * diagnostic, reopened from the remembered view, shows the same title, the same figures and the
 * same notes (line breaks and markup kept as text, on screen and in print). A hostile file is
 * refused with its reasons and nothing is written. No off-origin request, axe-core clean.
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage, runAxe, screenshot, type GuardedPage } from './browser.ts';
import { sectorDiagnostic } from './sector-page.ts';

const FIXTURE = 'tests/fixtures/e2e/sectors-69.csv';
const READY = '[data-testid="diagnostic"][aria-busy="false"]';
const CONSTATS = 'Délais de premier rendez-vous en CMP : 4 mois.\nDeux CMP sans psychiatre.\n<b>pas du HTML</b>';
const PISTES = 'Équipe mobile de crise à l’étude avec le SAMU.';

describe('workspace round trip', () => {
	let browser: Browser;
	let g: GuardedPage;
	let diagUrl = '';
	let before: { h1: string; values: string[] } = { h1: '', values: [] };
	const dir = mkdtempSync(join(tmpdir(), 'atlas-ws-'));
	let exported = '';

	const figures = async () => ({
		h1: (await g.page.locator('h1').textContent()) ?? '',
		values: await g.page.locator('[data-testid="diag-value"]').allTextContents()
	});
	const counts = async () =>
		Object.fromEntries(
			await Promise.all(
				['sector_sets', 'custom_territories', 'scenarios', 'local_resources', 'notes'].map(async (c) => [c, Number(await g.page.getByTestId(`ws-count-${c}`).getAttribute('data-count'))])
			)
		);
	const openEspace = async () => {
		await g.page.goto(new URL('/espace', g.page.url()).href);
		await g.page.getByTestId('ws-summary').waitFor({ timeout: 60_000 });
	};

	beforeAll(async () => {
		browser = await launch();
		g = await openPage(browser, '/territoires');
		await g.page.waitForSelector('.loading-slot', { state: 'detached', timeout: 300_000 });
		await sectorDiagnostic(g, FIXTURE, 'Secteurs Rhône (espace)', { report: 180_000 });
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('saves notes under a priority of the diagnostic', async () => {
		diagUrl = g.page.url();
		expect(new URL(diagUrl).searchParams.get('territoire')).toMatch(/^sector:.+:G:69G9\d$/);
		await g.page.getByTestId('note-1-constats').fill(CONSTATS);
		await g.page.getByTestId('note-4-pistes').fill(PISTES);
		await g.page.getByTestId('note-4-pistes').blur();
		await expect.poll(() => g.page.getByTestId('priority-notes-4').getByRole('status').textContent(), { timeout: 10_000 }).toMatch(/Enregistré/);
		await expect.poll(() => g.page.getByTestId('priority-notes-1').getByRole('status').textContent(), { timeout: 10_000 }).toMatch(/Enregistré/);
		before = await figures();
		expect(before.values.length).toBeGreaterThan(10);
		// In print: filled notes as text with their line breaks, empty ones and the fields hidden.
		await g.page.emulateMedia({ media: 'print' });
		const shown = await g.page.getByTestId('note-print-1-constats').evaluate((e) => ({ display: getComputedStyle(e).display, text: (e as HTMLElement).innerText }));
		expect(shown).toEqual({ display: 'block', text: CONSTATS });
		expect(await g.page.getByTestId('note-1-constats').evaluate((e) => getComputedStyle(e).display)).toBe('none');
		expect(await g.page.getByTestId('priority-notes-2').evaluate((e) => getComputedStyle(e).display)).toBe('none');
		expect(await g.page.getByTestId('note-print-4-constats').evaluate((e) => getComputedStyle(e.parentElement!).display)).toBe('none');
		await g.page.emulateMedia({ media: 'screen' });
		expect(await g.page.locator('[data-testid="priority-notes-1"] b').count()).toBe(0);
		expect(await runAxe(g.page)).toEqual([]);
	});

	it('exports the workspace as one dated JSON file', async () => {
		await openEspace();
		expect(await counts()).toEqual({ sector_sets: 1, custom_territories: 0, scenarios: 0, local_resources: 0, notes: 2 });
		const [d] = await Promise.all([g.page.waitForEvent('download'), g.page.getByTestId('ws-export').click()]);
		expect(d.suggestedFilename()).toMatch(/^atlas-ptsm-espace-\d{4}-\d{2}-\d{2}\.json$/);
		exported = join(dir, d.suggestedFilename());
		await d.saveAs(exported);
		const w = JSON.parse(readFileSync(exported, 'utf8'));
		expect(w).toMatchObject({ format: 'atlas-ptsm-workspace', version: 2, app_version: '0.1.0' });
		expect(w.sector_sets[0].name).toBe('Secteurs Rhône (espace)');
		expect(w.sector_sets[0].sectors.filter((s: { type: string }) => s.type === 'G').length).toBe(5);
		expect(w.notes.map((n: { priority: number }) => n.priority).sort()).toEqual([1, 4]);
		expect(w.notes.find((n: { priority: number }) => n.priority === 1).constats).toBe(CONSTATS);
		expect(w.views['/diagnostic']).toBe(new URL(diagUrl).search);
		expect(await runAxe(g.page)).toEqual([]);
		await screenshot(g.page, 'espace-1920');
	});

	it('refuses a hostile file and writes nothing', async () => {
		const bad = join(dir, 'hostile.json');
		const w = JSON.parse(readFileSync(exported, 'utf8'));
		w.custom_territories = new Array(1_000_000).fill(0);
		w.notes[0].target = '<script>alert(1)</script>';
		writeFileSync(bad, JSON.stringify(w));
		await g.page.setInputFiles('[data-testid="ws-file"]', bad);
		const errors = g.page.getByTestId('ws-errors');
		await errors.waitFor({ timeout: 30_000 });
		expect(await errors.textContent()).toMatch(/« custom_territories » : trop d’éléments \(1\s000\s000/);
		expect(await g.page.getByTestId('ws-apply').count()).toBe(0);
		expect(await counts()).toEqual({ sector_sets: 1, custom_territories: 0, scenarios: 0, local_resources: 0, notes: 2 });
	});

	it('clears everything after confirmation', async () => {
		await g.page.getByTestId('ws-clear').click();
		await Promise.all([g.page.waitForEvent('load'), g.page.getByTestId('ws-clear-confirm').click()]);
		await g.page.getByTestId('ws-summary').waitFor({ timeout: 60_000 });
		await expect.poll(counts, { timeout: 10_000 }).toEqual({ sector_sets: 0, custom_territories: 0, scenarios: 0, local_resources: 0, notes: 0 });
		expect(await g.page.getByTestId('ws-report').textContent()).toMatch(/Tout a été effacé/);
	});

	it('imports the file back: preview, apply, report', async () => {
		await g.page.setInputFiles('[data-testid="ws-file"]', exported);
		await g.page.getByTestId('ws-preview').waitFor({ timeout: 30_000 });
		expect(await g.page.getByTestId('ws-preview-sector_sets').locator('td').allTextContents()).toEqual(['1', '0', '0']);
		expect(await g.page.getByTestId('ws-preview-notes').locator('td').allTextContents()).toEqual(['2', '0', '0']);
		expect(await runAxe(g.page)).toEqual([]);
		await screenshot(g.page, 'espace-preview');
		await Promise.all([g.page.waitForEvent('load'), g.page.getByTestId('ws-apply').click()]);
		const report = g.page.getByTestId('ws-report');
		await report.waitFor({ timeout: 60_000 });
		expect(await report.textContent()).toMatch(/Ensembles de secteurs : 1 enregistré/);
		expect(await report.textContent()).toMatch(/Notes du diagnostic : 2 enregistré/);
		await expect.poll(counts, { timeout: 10_000 }).toEqual({ sector_sets: 1, custom_territories: 0, scenarios: 0, local_resources: 0, notes: 2 });
	});

	it('the diagnostic, reopened from the remembered view, shows the same figures and notes', async () => {
		await g.page.locator('[data-testid="ws-views"] a[href^="/diagnostic?"]').click();
		await g.page.waitForURL((u) => u.pathname === '/diagnostic' && u.search === new URL(diagUrl).search, { timeout: 30_000 });
		await g.page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('secteur de psychiatrie générale'), null, { timeout: 300_000 });
		await g.page.waitForSelector(READY, { timeout: 300_000 });
		expect(await figures()).toEqual(before);
		await expect.poll(() => g.page.getByTestId('note-1-constats').inputValue(), { timeout: 10_000 }).toBe(CONSTATS);
		expect(await g.page.getByTestId('note-4-pistes').inputValue()).toBe(PISTES);
		expect(await g.page.getByTestId('note-2-constats').inputValue()).toBe('');
	});

	it('makes no request outside its origin and has no console error', () => {
		expect(g.offOrigin).toEqual([]);
		expect(g.consoleErrors).toEqual([]);
	});
});
