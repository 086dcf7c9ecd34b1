/**
 * Access and scenarios page on the real artefacts: add a site, see the deltas change, the
 * scenario survives a reload (IndexedDB) and a link (#s=) reproduces it in a fresh browser;
 * a bad import is refused whole; keyboard moves of a site; swipe / side-by-side comparison; the CMP
 * 2SFCA score; the view kept in a reloaded link; no off-origin request; axe-core clean in each mode; screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, launch, openPage, runAxe, screenshot, waitForMapReady, type GuardedPage } from './browser.ts';

const parseFr = (s: string) => Number(s.replace(/[\s\u202f\u00a0]/g, '').replace(',', '.').replace(/[^\d.-]/g, ''));

/** "64 156 → 46 853" of the row whose header contains `label`. */
async function delta(page: Page, label: string): Promise<[number, number]> {
	const text = await page.locator('[data-testid="delta-table"] tr', { hasText: label }).first().locator('[data-testid="delta-value"]').textContent();
	const [a, b] = text!.split('→');
	return [parseFr(a!), parseFr(b!)];
}

/** Edit counts of the scenarios saved in IndexedDB (read the way the app stores them). */
function storedEditCounts(page: Page): Promise<number[]> {
	return page.evaluate(
		() =>
			new Promise<number[]>((resolve, reject) => {
				const req = indexedDB.open('atlas-ptsm-scenarios');
				req.onerror = () => reject(req.error);
				req.onsuccess = () => {
					const all = req.result.transaction('scenarios').objectStore('scenarios').getAll();
					all.onsuccess = () => {
						resolve((all.result as { edits: unknown[] }[]).map((s) => s.edits.length));
						req.result.close();
					};
					all.onerror = () => reject(all.error);
				};
			})
	);
}

/** Waits until MapLibre has drawn every tile (software WebGL is slow). */
async function mapIdle(page: Page): Promise<void> {
	await page.evaluate(
		() =>
			new Promise<void>((resolve) => {
				const m = (window as unknown as { __atlas: { map: { areTilesLoaded(): boolean; loaded(): boolean; once(e: string, f: () => void): void } } }).__atlas.map;
				if (m.loaded() && m.areTilesLoaded()) resolve();
				else m.once('idle', () => resolve());
				setTimeout(resolve, 20_000);
			})
	);
}

describe('accessibility and scenarios page', () => {
	let browser: Browser;
	let g: GuardedPage;
	let link = '';

	beforeAll(async () => {
		browser = await launch();
		g = await openPage(browser, '/accessibilite');
		await waitForMapReady(g.page, 120_000);
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('maps estimated travel times and labels them as estimations', async () => {
		expect(await g.page.getByTestId('map').getAttribute('data-indicator')).toBe('time:hdj');
		await expect.poll(() => g.page.locator('section.legend').textContent()).toMatch(/Estimation/);
		expect(await g.page.locator('#assumptions-title').textContent()).toMatch(/Estimation/);
		const rows = await g.page.locator('[data-testid="beyond-table"] tbody tr').count();
		expect(rows).toBeGreaterThan(95);
	});

	it('with the FINESS table, offers its kinds with a unit-count 2SFCA said on screen; without it, lists them', async () => {
		const kinds = await g.page.locator('#kind option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
		expect(kinds).toContain('cmp');
		const loaded = await g.page.evaluate(() => (window as unknown as { __atlas: { data: { hasTable: (t: string) => boolean } } }).__atlas.data.hasTable('finess_facilities'));
		if (!loaded) {
			expect(await g.page.getByTestId('finess-missing-kinds').textContent()).toMatch(/Table FINESS non chargée : pas de temps d’accès aux SAMSAH, SAVS, ESAT, MAS, EAM, EANM/);
			for (const k of ['samsah', 'savs', 'esat', 'mas', 'eam', 'eanm']) expect(kinds).not.toContain(k);
			return;
		}
		for (const k of ['samsah', 'savs', 'esat', 'mas', 'eam', 'eanm']) expect(kinds).toContain(k);
		await g.page.selectOption('#kind', 'esat');
		await expect.poll(() => g.page.getByTestId('finess-unit-score').textContent()).toMatch(/chaque site compte pour une unité/);
		const score = g.page.getByRole('button', { name: 'Score 2SFCA' });
		expect(await score.isDisabled()).toBe(false);
		expect(await g.page.locator('#assumptions-title').locator('..').textContent()).toMatch(/chaque site compte pour une unité/);
		await g.page.selectOption('#kind', 'hdj');
		await waitForMapReady(g.page, 60_000);
	});

	it('adds a site in the Creuse and the deltas improve', async () => {
		await g.page.selectOption('#delta-dep', '23');
		await expect.poll(async () => (await delta(g.page, 'plus de 30 min'))[0]).toBeGreaterThan(0);
		const [base, scen] = await delta(g.page, 'plus de 30 min');
		expect(scen).toBe(base);
		await g.page.fill('#add-commune', 'Felletin');
		await g.page.getByTestId('add-commune').click();
		await expect.poll(async () => (await delta(g.page, 'plus de 30 min'))[1], { timeout: 30_000 }).toBeLessThan(base);
		expect((await delta(g.page, 'plus de 30 min'))[0]).toBe(base);
		const [cb, cs] = await delta(g.page, 'Places pour 100 000');
		expect(cs).toBeGreaterThan(cb);
		expect(await g.page.getByTestId('edits').textContent()).toMatch(/Felletin/);
		await expect.poll(() => g.page.url()).toMatch(/#s=[A-Za-z0-9_-]+$/);
		link = g.page.url();
		await mapIdle(g.page);
		await screenshot(g.page, 'accessibilite-1920');
	});

	it('adds a site by clicking the map', async () => {
		await g.page.getByTestId('add-on-map').click();
		const box = (await g.page.getByTestId('map').boundingBox())!;
		await g.page.mouse.click(box.x + box.width * 0.55, box.y + box.height * 0.55);
		await expect.poll(() => g.page.locator('[data-testid="edits"] li').count()).toBe(2);
		// Undo it: the Creuse figures come back to the one-edit state.
		await g.page.locator('[data-testid="edits"] li').nth(1).getByRole('button').click();
		await expect.poll(() => g.page.locator('[data-testid="edits"] li').count()).toBe(1);
	});

	it('draws each site in its scenario state, changed with the figures (closed hollow, added orange)', async () => {
		const page = g.page;
		type Hit = { properties: { id: string }; state: { state?: string } };
		type Atlas = { __atlas: { map: { queryRenderedFeatures(o: object): Hit[] } } };
		// Rendered points of the site layer, with the feature-state the paint reads.
		const drawn = () =>
			page.evaluate(() => {
				const hits = (window as unknown as Atlas).__atlas.map.queryRenderedFeatures({ layers: ['access-sites'] });
				return Object.fromEntries(hits.map((h) => [h.properties.id, h.state.state ?? 'base']));
			});
		await mapIdle(page);
		const before = await drawn();
		expect(Object.values(before).filter((s) => s === 'added')).toHaveLength(1); // Felletin
		await page.selectOption('#delta-dep', '23');
		const id = (await page.locator('#site-pick option').nth(1).getAttribute('value'))!;
		expect(before[id]).toBe('base');
		await page.selectOption('#site-pick', id);
		const rev = await revision(page);
		await page.getByRole('button', { name: 'Fermer ce site' }).click();
		await settledAfter(page, rev);
		await expect.poll(async () => (await drawn())[id]).toBe('closed');
		// Undo: drawn as before, and one edit left for the next tests.
		const rev2 = await revision(page);
		await page.locator('[data-testid="edits"] li').nth(1).getByRole('button').click();
		await settledAfter(page, rev2);
		await expect.poll(async () => (await drawn())[id]).toBe('base');
		expect(await page.locator('[data-testid="edits"] li').count()).toBe(1);
	});

	it('keeps the scenario after a reload (IndexedDB), without the link', async () => {
		// Saves are asynchronous: reload once the undo has reached IndexedDB, as a user would seconds later.
		await expect.poll(() => storedEditCounts(g.page), { timeout: 10_000 }).toEqual([1]);
		await g.page.goto(BASE_URL + '/accessibilite');
		await waitForMapReady(g.page, 120_000);
		await expect.poll(() => g.page.getByTestId('edits').textContent(), { timeout: 30_000 }).toMatch(/Felletin/);
		expect(await g.page.locator('[data-testid="edits"] li').count()).toBe(1);
		await expect.poll(async () => {
			const [b, s] = await delta(g.page, 'plus de 30 min');
			return s < b;
		}).toBe(true);
	});

	it('reproduces the scenario from the link in a fresh browser', async () => {
		const other = await openPage(browser, link.slice(BASE_URL.length), { width: 1280, height: 720 });
		await waitForMapReady(other.page, 120_000);
		await expect.poll(() => other.page.getByTestId('edits').textContent(), { timeout: 30_000 }).toMatch(/Felletin/);
		await mapIdle(other.page);
		await screenshot(other.page, 'accessibilite-1280');
		expect(other.offOrigin).toEqual([]);
		await other.page.context().close();
	});

	/** Current value of the benchmark hook, then a wait until it moves past it. */
	const revision = async (page: Page) => Number(await page.getByTestId('access-results').getAttribute('data-settled-revision'));
	async function settledAfter(page: Page, before: number): Promise<void> {
		await expect.poll(() => revision(page), { timeout: 60_000 }).toBeGreaterThan(before);
	}

	it('moves the added site with the keyboard; the deltas follow and the new commune is announced', async () => {
		const page = g.page;
		// The site list follows the deltas' département: pin it to the Creuse, where Felletin is.
		await page.selectOption('#delta-dep', '23');
		await page.selectOption('#site-pick', { label: (await page.locator('#site-pick option', { hasText: 'Felletin' }).first().textContent())! });
		const handle = page.getByTestId('nudge');
		await expect.poll(() => handle.textContent()).toMatch(/Felletin \(23\)/);
		const [, meanBefore] = await delta(page, 'Temps moyen');
		const rev = await revision(page);
		await handle.focus();
		await page.keyboard.press('Shift+ArrowRight');
		await page.keyboard.press('Shift+ArrowRight');
		await settledAfter(page, rev);
		await expect.poll(async () => (await delta(page, 'Temps moyen'))[1], { timeout: 30_000 }).not.toBe(meanBefore);
		await expect.poll(() => page.locator('[aria-live="polite"]').textContent()).toMatch(/maintenant à .+\(\d{2}\)/);
		// Consecutive nudges are one edit: the add and one move.
		expect(await page.locator('[data-testid="edits"] li').count()).toBe(2);
		expect(await page.getByTestId('edits').textContent()).toMatch(/Déplacement/);
		// Move it by commune name, without the mouse.
		await page.fill('#move-commune', 'Aubusson');
		await page.keyboard.press('Enter');
		await expect.poll(() => handle.textContent()).toMatch(/Aubusson \(23\)/);
		expect(await page.locator('[data-testid="edits"] li').count()).toBe(2);
	});

	it('compares baseline and scenario with a keyboard-operable swipe, then side by side', async () => {
		const page = g.page;
		await page.getByTestId('compare-swipe').click();
		await page.waitForFunction(() => document.querySelectorAll('[data-testid="map"][data-ready="true"]').length === 2, null, { timeout: 120_000 });
		const slider = page.getByRole('slider');
		expect(await slider.getAttribute('aria-valuenow')).toBe('50');
		await slider.focus();
		await page.keyboard.press('ArrowLeft');
		expect(await slider.getAttribute('aria-valuenow')).toBe('45');
		await page.keyboard.press('Shift+ArrowRight');
		expect(await slider.getAttribute('aria-valuenow')).toBe('65');
		// The scenario map is clipped at the divider.
		expect(await page.locator('.pane.main').getAttribute('style')).toMatch(/inset\(0(px)? 0(px)? 0(px)? 65%\)/);
		await expect.poll(() => page.getByTestId('baseline-map').textContent()).toMatch(/Situation actuelle/);
		// Same view on both maps after moving the scenario one (kept at a low zoom: software WebGL).
		type Atlas = { __atlas: Record<'map' | 'baseMap', { jumpTo(o: object): void; getCenter(): { lng: number; lat: number } }> };
		await page.evaluate(() => (window as unknown as Atlas).__atlas.map.jumpTo({ center: [3.5, 46.2] }));
		await expect.poll(() => page.evaluate(() => (window as unknown as Atlas).__atlas.baseMap.getCenter().lng)).toBeCloseTo(3.5, 6);
		await mapIdle(page);
		expect(await runAxe(page)).toEqual([]);
		await screenshot(page, 'accessibilite-swipe-1920');

		await page.getByTestId('compare-side').click();
		await expect.poll(() => page.getByRole('slider').count()).toBe(0);
		expect(await page.locator('[data-testid="map"]').count()).toBe(2);
		expect(await runAxe(page)).toEqual([]);
		// The shared legend folds when the two maps are narrow; a keyboard press unfolds it.
		const toggle = page.getByTestId('legend-toggle');
		expect(await toggle.getAttribute('aria-expanded')).toBe('true');
		await page.setViewportSize({ width: 1280, height: 800 });
		await expect.poll(() => toggle.getAttribute('aria-expanded'), { timeout: 30_000 }).toBe('false');
		expect(await page.locator('section.legend').isVisible()).toBe(false);
		await mapIdle(page);
		await screenshot(page, 'accessibilite-side-1280');
		await toggle.focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => toggle.getAttribute('aria-expanded'), { timeout: 30_000 }).toBe('true');
		expect(await page.locator('section.legend').isVisible()).toBe(true);
		expect(await runAxe(page)).toEqual([]);
		await screenshot(page, 'accessibilite-side-1280-legend');
		await page.setViewportSize({ width: 1920, height: 1080 });
		await page.getByRole('button', { name: 'Une carte' }).click();
		await expect.poll(() => page.locator('[data-testid="map"]').count()).toBe(1);
	}, 360_000); // two maps in software WebGL on a shared 2-core machine


	it('maps the CMP 2SFCA score (SAE counts at the establishment, labelled as an approximation)', async () => {
		const page = g.page;
		const rev = await revision(page);
		await page.selectOption('#kind', 'cmp_adult');
		await expect.poll(() => page.getByTestId('cmp-sae-approx').textContent()).toMatch(/au lieu de l’établissement qui les gère, pas à leur adresse \(déclaration SAE\)/);
		await page.getByRole('button', { name: 'Score 2SFCA' }).click();
		await expect.poll(() => page.getByTestId('map').getAttribute('data-indicator'), { timeout: 60_000 }).toBe('score:cmp_adult');
		await settledAfter(page, rev);
		await expect.poll(() => page.locator('section.legend').textContent()).toMatch(/CMP accessibles pour 100 000 habitants de 16 ans et plus/);
		// Some communes have CMP within reach, some none: the classes are not all empty.
		const counts = await page.locator('section.legend li .count').allTextContents();
		expect(counts.map(parseFr).filter((n) => n > 0).length).toBeGreaterThan(2);
		const [b, s] = await delta(page, 'Score 2SFCA moyen');
		expect(b).toBeGreaterThan(0);
		expect(s).toBe(b); // the scenario touches HDJ sites only
		expect(await runAxe(page)).toEqual([]);
		await screenshot(page, 'accessibilite-cmp-1920');
	}, 300_000);


	it('restores the view from a reloaded link (?v=1&…), the scenario still in #s=', async () => {
		const page = g.page;
		await page.selectOption('#delta-dep', '23');
		await expect.poll(() => new URL(page.url()).searchParams.get('dep')).toBe('23');
		const url = new URL(page.url());
		expect([url.searchParams.get('v'), url.searchParams.get('type'), url.searchParams.get('indicateur')]).toEqual(['1', 'cmp_adult', 'score']);
		expect(url.hash).toMatch(/^#s=[A-Za-z0-9_-]+$/);
		await page.reload();
		await waitForMapReady(page, 120_000);
		expect(await page.inputValue('#kind')).toBe('cmp_adult');
		await expect.poll(() => page.getByTestId('map').getAttribute('data-indicator'), { timeout: 60_000 }).toBe('score:cmp_adult');
		expect(await page.getByRole('button', { name: 'Score 2SFCA' }).getAttribute('aria-pressed')).toBe('true');
		await expect.poll(() => page.inputValue('#delta-dep')).toBe('23');
		await expect.poll(() => page.getByTestId('edits').textContent(), { timeout: 30_000 }).toMatch(/Felletin/);
	}, 300_000);

	it('refuses a malformed import whole, with a French message', async () => {
		const before = await g.page.locator('[data-testid="scenario-select"] option').count();
		await g.page.locator('details.manage summary').click();
		await g.page.locator('input[type="file"]').setInputFiles({
			name: 'bad.json',
			mimeType: 'application/json',
			buffer: Buffer.from(JSON.stringify({ format: 'atlas-ptsm-scenarios', version: 1, scenarios: [{ name: 'ok', edits: [] }, { name: 'x', edits: [{ op: 'add' }] }] }))
		});
		await expect.poll(() => g.page.getByRole('alert').first().textContent()).toMatch(/rien n’a été importé/);
		expect(await g.page.locator('[data-testid="scenario-select"] option').count()).toBe(before);
	});

	it('is clean: no off-origin request, no console error, axe-core without violations', async () => {
		expect(g.offOrigin).toEqual([]);
		expect(g.consoleErrors).toEqual([]);
		const violations = await runAxe(g.page);
		expect(violations).toEqual([]);
	});
});
