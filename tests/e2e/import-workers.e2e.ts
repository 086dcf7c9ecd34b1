/**
 * Local resources (/ressources) and workspace files (/espace) imported through the real file
 * input run in a worker (issue 12), like sector files (import-hardening.e2e.ts): limits stated
 * before a file is chosen, a progress bar with a cancel that works within 200 ms, the main thread
 * never busy more than 50 ms (long-task observer), a named French error or a complete report,
 * structural problems held at the preview until the user decides. Files are written fresh here.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage, runAxe, type GuardedPage } from './browser.ts';
import { lyingXlsx } from './hostile-files.ts';
import { watchLongTasks } from './page-checks.ts';

const dir = mkdtempSync(join(tmpdir(), 'atlas-import-workers-'));
const write = (name: string, data: string | Uint8Array) => {
	const path = join(dir, name);
	writeFileSync(path, data);
	return path;
};

/** Chooses `path` in `input`, waits for the progress bar, cancels; ms from the click to the notice. */
async function cancelAfterStart(page: Page, input: string, path: string, scope: string): Promise<number> {
	await page.setInputFiles(input, path);
	await page.locator(`${scope} [data-testid="import-progress"]`).waitFor({ timeout: 30_000 });
	return page.evaluate(
		(scope) =>
			new Promise<number>((resolve) => {
				const t0 = performance.now();
				new MutationObserver((_, obs) => {
					if (document.querySelector(`${scope} [data-testid="import-cancelled"]`)) {
						obs.disconnect();
						resolve(performance.now() - t0);
					}
				}).observe(document.body, { childList: true, subtree: true });
				(document.querySelector(`${scope} [data-testid="import-cancel"]`) as HTMLButtonElement).click();
			}),
		scope
	);
}

describe('local resources import in a worker', () => {
	let browser: Browser;
	let g: GuardedPage;
	const scope = '[data-testid="local-import"]';
	const outcome = () => g.page.locator(`[data-testid="local-report"], ${scope} [role="alert"]`).first();

	beforeAll(async () => {
		browser = await launch();
		g = await openPage(browser, '/ressources?types=local');
		await g.page.waitForFunction(() => (window as unknown as { __atlas?: { data?: { ready?: boolean } } }).__atlas?.data?.ready === true, null, {
			timeout: 240_000,
			polling: 250
		});
		await g.page.getByTestId('local-file').waitFor({ state: 'attached', timeout: 60_000 });
	}, 300_000);
	afterAll(async () => browser?.close());

	// 200 000 rows of ≈ 90 bytes (≈ 18 Mo): seconds of reading in the worker; rows past 5 000 are not read.
	const big = () => {
		const lines = ['nom;type;code_commune;commentaire'];
		for (let i = 0; i < 200_000; i++) lines.push(`Groupe d'entraide ${i};GEM;01053;${'x'.repeat(50)}`);
		return write('ressources-gros.csv', lines.join('\n'));
	};

	it('states its limits before any file is chosen', async () => {
		expect(await g.page.getByTestId('local-import-limits').textContent()).toMatch(/20 Mo au plus, 5\s000 lignes au plus.*80 Mo une fois décompressé/);
	});

	it('a large file shows its progress and is cancelled within 200 ms, the tab stays responsive', async () => {
		const path = big();
		const longTasks = await watchLongTasks(g.page);
		const elapsed = await cancelAfterStart(g.page, '[data-testid="local-file"]', path, scope);
		expect(elapsed).toBeLessThan(200);
		expect(await g.page.locator(`${scope} [data-testid="import-cancelled"]`).textContent()).toMatch(/Import annulé/);
		await g.page.waitForTimeout(1500);
		expect(await g.page.getByTestId('local-report').count()).toBe(0);
		expect(await g.page.locator(`${scope} [data-testid="import-progress"]`).count()).toBe(0);
		const tasks = await longTasks();
		expect(Math.max(0, ...tasks), `long tasks: ${tasks.join(', ')} ms`).toBeLessThanOrEqual(50);
	}, 120_000);

	it('the same file read to the end: a complete report, rows past the limit named, no long task', async () => {
		const path = big();
		const longTasks = await watchLongTasks(g.page);
		await g.page.setInputFiles('[data-testid="local-file"]', path);
		await g.page.getByTestId('local-report').waitFor({ timeout: 60_000 });
		expect(await g.page.getByTestId('local-errors').textContent()).toMatch(/Au-delà de 5000 lignes/);
		expect(await g.page.getByTestId('local-report').textContent()).toMatch(/5\s001 ligne\(s\) lue\(s\) : 5\s000 valide\(s\)/);
		const tasks = await longTasks();
		expect(Math.max(0, ...tasks), `long tasks: ${tasks.join(', ')} ms`).toBeLessThanOrEqual(50);
		await g.page.getByRole('button', { name: 'Annuler', exact: true }).click();
	}, 120_000);

	it('an unclosed quote is named with its line and the save waits for a decision', async () => {
		const path = write(
			'guillemet.csv',
			['nom;type;code_commune', 'GEM de Bourg;GEM;01053', '"CLSM de Belley;CLSM;01034', 'Maison des adolescents;maison des adolescents;01053'].join('\n')
		);
		await g.page.setInputFiles('[data-testid="local-file"]', path);
		await g.page.getByTestId('local-report').waitFor({ timeout: 30_000 });
		expect(await g.page.locator('[data-testid="local-structure"] [data-code="structure-quote"]').textContent()).toMatch(/Guillemets mal fermés.*ligne 3/);
		const save = g.page.getByTestId('local-save');
		expect(await save.isDisabled()).toBe(true);
		await g.page.getByTestId('structure-accept').check();
		expect(await save.isDisabled()).toBe(false);
		expect(await runAxe(g.page)).toEqual([]);
		await g.page.getByRole('button', { name: 'Annuler', exact: true }).click();
	});

	it('an XLSX whose header lies about its unpacked size ends in a named French error', async () => {
		const path = write('bombe.xlsx', lyingXlsx(['GEM']));
		const longTasks = await watchLongTasks(g.page);
		await g.page.setInputFiles('[data-testid="local-file"]', path);
		const out = outcome();
		await out.waitFor({ timeout: 30_000 });
		expect(await out.getAttribute('role')).toBe('alert');
		expect(await out.textContent()).toMatch(/« bombe\.xlsx » occupe plus de 80 Mo une fois décompressé.*liste des ressources/);
		const tasks = await longTasks();
		expect(Math.max(0, ...tasks), `long tasks: ${tasks.join(', ')} ms`).toBeLessThanOrEqual(50);
	}, 120_000);
});

describe('workspace import in a worker', () => {
	let browser: Browser;
	let g: GuardedPage;
	const scope = '[aria-labelledby="importer"]';

	beforeAll(async () => {
		browser = await launch();
		g = await openPage(browser, '/espace');
		await g.page.getByTestId('ws-summary').waitFor({ timeout: 120_000 });
		// The app's own start (the data engine loading) is not part of an import.
		await g.page.waitForFunction(() => (window as unknown as { __atlas?: { data?: { ready?: boolean } } }).__atlas?.data?.ready === true, null, {
			timeout: 240_000,
			polling: 250
		});
	}, 300_000);
	afterAll(async () => browser?.close());

	// ≈ 10 Mo of JSON: 250 000 territory records, far over the list limit (checked after parsing).
	const big = (name: string) => {
		const item = '{"id":"t","name":"T","communes":["01001"]}';
		const n = Math.floor((10 * 1024 * 1024) / (item.length + 1));
		return write(name, `{"format":"atlas-ptsm-workspace","version":1,"custom_territories":[${new Array(n).fill(item).join(',')}]}`);
	};

	it('states its limit before any file is chosen', async () => {
		expect(await g.page.locator(scope).textContent()).toMatch(/20 Mo au plus/);
	});

	it('a large file shows its progress and is cancelled within 200 ms, the tab stays responsive', async () => {
		const path = big('espace-gros.json');
		const longTasks = await watchLongTasks(g.page);
		const elapsed = await cancelAfterStart(g.page, '[data-testid="ws-file"]', path, scope);
		expect(elapsed).toBeLessThan(200);
		expect(await g.page.locator(`${scope} [data-testid="import-cancelled"]`).textContent()).toMatch(/Import annulé/);
		await g.page.waitForTimeout(1500);
		expect(await g.page.getByTestId('ws-preview').count()).toBe(0);
		expect(await g.page.getByTestId('ws-errors').count()).toBe(0);
		const tasks = await longTasks();
		expect(Math.max(0, ...tasks), `long tasks: ${tasks.join(', ')} ms`).toBeLessThanOrEqual(50);
	}, 120_000);

	it('the same file read to the end is refused with a French reason, no long task', async () => {
		const path = big('espace-gros-2.json');
		const longTasks = await watchLongTasks(g.page);
		await g.page.setInputFiles('[data-testid="ws-file"]', path);
		const errors = g.page.getByTestId('ws-errors');
		await errors.waitFor({ timeout: 120_000 });
		expect(await errors.textContent()).toMatch(/« custom_territories » : trop d’éléments/);
		expect(await g.page.getByTestId('ws-apply').count()).toBe(0);
		const tasks = await longTasks();
		expect(Math.max(0, ...tasks), `long tasks: ${tasks.join(', ')} ms`).toBeLessThanOrEqual(50);
	}, 240_000);

	it('a file over 20 Mo is refused before it is read', async () => {
		const path = write('espace-trop-gros.json', ' '.repeat(21 * 1024 * 1024));
		await g.page.setInputFiles('[data-testid="ws-file"]', path);
		const errors = g.page.getByTestId('ws-errors');
		await errors.waitFor({ timeout: 30_000 });
		expect(await errors.textContent()).toMatch(/trop volumineux \(22 Mo ; 20 Mo au plus\)/);
	});
});
