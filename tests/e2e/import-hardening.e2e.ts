/**
 * Broken and hostile sector files through the real file input of /territoires (issue 12): each
 * ends in a complete report or a named French error; a structural problem is named with its
 * line and saving waits for an explicit decision; what the preview accepts is what is stored;
 * a hostile record stored in IndexedDB (edited by hand) does not crash the page.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import { launch, openPage, runAxe, screenshot, type GuardedPage } from './browser.ts';
import { lyingXlsx } from './hostile-files.ts';
import { watchLongTasks } from './page-checks.ts';

const FIX = join(import.meta.dirname, '../fixtures/hostile');

describe('import hardening (sector files)', () => {
	let browser: Browser;
	let g: GuardedPage;

	const report = () => g.page.getByTestId('import-report');
	const save = () => g.page.getByRole('button', { name: 'Enregistrer ce découpage' });

	async function importFile(file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<Locator> {
		if (await report().count()) await g.page.getByRole('button', { name: /^(Annuler|Fermer le rapport)$/ }).first().click();
		await g.page.setInputFiles('[data-testid="sector-file"]', typeof file === 'string' ? (file.startsWith('/') ? file : join(FIX, file)) : file);
		const outcome = g.page.locator('[data-testid="import-report"], .import [role="alert"]').first();
		await outcome.waitFor({ timeout: 30_000 });
		return outcome;
	}

	/** The issue of the report with this code: its text. */
	const issueText = (code: string) => report().locator(`[data-code="${code}"]`).first().textContent();

	beforeAll(async () => {
		browser = await launch();
		g = await openPage(browser, '/territoires');
		await appReady();
	}, 300_000);

	/** The data engine is up (the import needs the COG) and the file input is on the page. */
	async function appReady(): Promise<void> {
		await g.page.waitForFunction(() => (window as unknown as { __atlas?: { data?: { ready?: boolean } } }).__atlas?.data?.ready === true, null, {
			timeout: 240_000,
			polling: 250
		});
		await g.page.getByTestId('sector-file').waitFor({ state: 'attached', timeout: 60_000 });
		// The page's own start (commune geometry parsed and drawn) is not part of an import.
		await g.page.waitForSelector('[data-testid="sector-map"][data-ready="true"]', { timeout: 240_000 });
	}
	afterAll(async () => browser?.close());

	/** Every current commune code of the app's data, with its département. */
	const allCommunes = () =>
		g.page.evaluate(async () => {
			const w = window as unknown as { __atlas: { data: { query: (sql: string) => Promise<{ code: string; dep: string }[]> } } };
			return w.__atlas.data.query('SELECT code, dep FROM communes ORDER BY code');
		});

	it('states its limits before any file is chosen', async () => {
		expect(await g.page.getByTestId('import-limits').textContent()).toMatch(/20 Mo au plus, 500\s000 lignes au plus.*80 Mo une fois décompressé/);
	});

	it('an XLSX whose header lies about its unpacked size is stopped while inflating, the tab stays responsive', async () => {
		// 280 Mo of sheet XML deflated to a few hundred Ko, its header claiming 1 Mo unpacked.
		const zip = lyingXlsx(['01001', '01G01']);
		const longTasks = await watchLongTasks(g.page);
		const t0 = Date.now();
		const path = join(mkdtempSync(join(tmpdir(), 'atlas-import-')), 'bombe.xlsx');
		writeFileSync(path, zip);
		const out = await importFile(path);
		expect(await out.getAttribute('role')).toBe('alert');
		expect(await out.textContent()).toMatch(/« bombe\.xlsx » occupe plus de 80 Mo une fois décompressé/);
		expect(Date.now() - t0).toBeLessThan(30_000);
		const tasks = await longTasks();
		expect(Math.max(0, ...tasks), `long tasks: ${tasks.join(', ')} ms`).toBeLessThanOrEqual(50);
	});

	it('a large file shows its progress and is cancelled within 200 ms', async () => {
		const communes = await allCommunes();
		const lines = ['code_commune;code_secteur;type_secteur'];
		// 13 passes over every commune (≈ 450 000 rows, ≈ 10 Mo): seconds of parsing in the worker.
		for (let k = 0; k < 13; k++) for (const c of communes) lines.push(`${c.code};${c.dep}G${String(k + 1).padStart(2, '0')};G`);
		// Given as a file on disk: a buffer would be rebuilt by the page's own JavaScript (harness cost).
		const path = join(mkdtempSync(join(tmpdir(), 'atlas-import-')), 'gros.csv');
		writeFileSync(path, lines.join('\n'));
		expect(lines.length - 1).toBeLessThan(500_000);
		if (await report().count()) await g.page.getByRole('button', { name: /^(Annuler|Fermer le rapport)$/ }).first().click();
		const longTasks = await watchLongTasks(g.page);
		await g.page.setInputFiles('[data-testid="sector-file"]', path);
		const bar = g.page.getByTestId('import-progress');
		await bar.waitFor({ timeout: 30_000 });
		expect(await bar.locator('label').textContent()).toMatch(/Lecture|lignes lues|Vérification/);
		const elapsed = await g.page.evaluate(
			() =>
				new Promise<number>((resolve) => {
					const t0 = performance.now();
					new MutationObserver((_, obs) => {
						if (document.querySelector('[data-testid="import-cancelled"]')) {
							obs.disconnect();
							resolve(performance.now() - t0);
						}
					}).observe(document.body, { childList: true, subtree: true });
					(document.querySelector('[data-testid="import-cancel"]') as HTMLButtonElement).click();
				})
		);
		expect(elapsed).toBeLessThan(200);
		expect(await g.page.getByTestId('import-cancelled').textContent()).toMatch(/Import annulé/);
		await g.page.waitForTimeout(1500);
		expect(await report().count()).toBe(0);
		expect(await g.page.getByTestId('import-progress').count()).toBe(0);
		const tasks = await longTasks();
		expect(Math.max(0, ...tasks), `long tasks: ${tasks.join(', ')} ms`).toBeLessThanOrEqual(50);
	});

	for (const [file, code, pattern] of [
		['unclosed-quote.csv', 'structure-quote', /ligne 7 : les 14 lignes suivantes du fichier ont été fusionnées/],
		['header-separator.csv', 'structure-header-shift', /compte 5 colonnes, mais la plupart des lignes de données en ont 4/],
		['mixed-separators.csv', 'structure-mixed-separators', /« virgule , » : lignes 16, 17, 18, 19, 20, 21/],
		['nul-byte.csv', 'structure-nul', /caractère nul.*Ligne 5/],
		['ragged.csv', 'structure-ragged', /Lignes 5, 9/]
	] as const) {
		it(`${file}: the structural problem is named with its line and the save waits for a decision`, async () => {
			await importFile(file);
			expect(await report().count()).toBe(1);
			expect(await issueText(code)).toMatch(pattern);
			const gate = g.page.getByTestId('structure-gate');
			await gate.waitFor();
			expect(await save().isDisabled()).toBe(true);
			await g.page.getByTestId('structure-accept').check();
			expect(await save().isDisabled()).toBe(false);
			if (file === 'unclosed-quote.csv') {
				expect(await runAxe(g.page)).toEqual([]);
				await screenshot(g.page, 'import-hardening-quote');
			}
		});
	}

	it('mixed separators: every commune is read, none is lost', async () => {
		await importFile('mixed-separators.csv');
		expect((await report().textContent()) ?? '').toMatch(/Lignes retenues\s*20/);
	});

	it('long codes and names: rejected at preview with their lines; what remains is stored as previewed', async () => {
		await importFile('long-and-bidi.csv');
		expect(await issueText('sector-code-invalid')).toMatch(/code secteur trop long \(150 caractères, 40 au plus\).*Ligne 2/);
		expect(await issueText('sector-name-invalid')).toMatch(/nom de secteur trop long \(5\s000 caractères, 200 au plus\).*Ligne 4/);
		expect(await issueText('sector-name-neutralised')).toMatch(/Lignes 5, 6/);
		expect(await g.page.getByTestId('structure-gate').count()).toBe(0);
		await g.page.fill('#set-name', 'Ain (fichier piégé)');
		await save().click();
		const saved = g.page.getByTestId('import-saved');
		await saved.waitFor({ timeout: 30_000 });
		expect(await saved.textContent()).toMatch(/Découpage « Ain \(fichier piégé\) » enregistré : 3 secteurs/);
		expect(await g.page.locator('.import [role="alert"]').count()).toBe(0);
	});

	it('random bytes end in a named French error', async () => {
		let x = 12345;
		const buffer = Buffer.from(new Uint8Array(4096).map(() => ((x = (x * 1103515245 + 12345) >>> 0), x >>> 24)));
		const out = await importFile({ name: 'bruit.csv', mimeType: 'text/csv', buffer });
		expect(await out.getAttribute('role')).toBe('alert');
		expect(await out.textContent()).toMatch(/n'est ni un fichier CSV \(texte\) ni un classeur XLSX lisible/);
	});

	it('a hostile record stored by hand is reported in French and does not crash the page', async () => {
		await g.page.evaluate(
			() =>
				new Promise<void>((resolve, reject) => {
					const req = indexedDB.open('atlas-ptsm');
					req.onerror = () => reject(req.error);
					req.onsuccess = () => {
						const db = req.result;
						const tx = db.transaction('sectorSets', 'readwrite');
						const os = tx.objectStore('sectorSets');
						const now = new Date().toISOString();
						const sector = { code: '01G01', type: 'G', name: 'x', finess: null, communes: ['01001'], deps: ['01'], population: 860 };
						os.put({ id: 'bidi', name: 'Piégé', createdAt: now, updatedAt: now, sectors: [{ ...sector, name: 'Secteur \u202Eruetces' }] });
						os.put({ id: 'long', name: 'Code long', createdAt: now, updatedAt: now, sectors: [{ ...sector, code: 'A'.repeat(150) }] });
						os.put({ id: 'junk', name: { toString: null }, sectors: 'pas une liste' });
						tx.oncomplete = () => (db.close(), resolve());
						tx.onerror = () => (db.close(), reject(tx.error));
					};
				})
		);
		g.consoleErrors.length = 0;
		await g.page.reload();
		await appReady();
		const warnings = g.page.locator('aside .notice.warning');
		await expect.poll(() => warnings.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
		const texts = (await warnings.allTextContents()).join('\n');
		expect(texts).toMatch(/« Piégé » enregistré dans ce navigateur est illisible \(secteur n° 1 \(01G01\) : nom de secteur avec des caractères de contrôle ou de direction du texte\)/);
		expect(texts).toMatch(/« Code long » enregistré dans ce navigateur est illisible \(secteur n° 1 : code secteur trop long \(150 caractères, 40 au plus\)\)/);
		// The good set saved above is still listed and usable.
		expect(await g.page.getByTestId('sector-sets').textContent()).toMatch(/Ain \(fichier piégé\)/);
		expect(g.consoleErrors).toEqual([]);
		expect(g.offOrigin).toEqual([]);
	}, 400_000);
});
