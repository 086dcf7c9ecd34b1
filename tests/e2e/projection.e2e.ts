/**
 * CLSM projection on the real artefacts, opened from a prepared link for the Creuse (23): the
 * first view's takeaway against independent queries, stepping with the keys clickers send (map
 * indicator, title, counter, live region and takeaway change), large type, full screen and
 * Escape, axe-core clean at each view, an unreadable link explained in French, the setup screen
 * building the link, the estimated access view, the prepared link reopened offline; no off-origin request; screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage, runAxe, screenshot, type GuardedPage } from './browser.ts';
import { pageSql, parseFr } from './page-checks.ts';

const LINK = '/projection?dep=23&vues=lits-adultes,medecins,territoire';
const painted = (id: string) => `[data-testid="map"][data-ready="true"][data-indicator="${id}"]`;
const takeawayText = (page: Page) => page.getByTestId('projection-takeaway').textContent();

describe('projection page', () => {
	let browser: Browser;
	let g: GuardedPage;
	const sql = pageSql(() => g);

	beforeAll(async () => {
		browser = await launch();
		g = await openPage(browser, LINK);
		await g.page.waitForSelector(painted('beds_adult_per100k'), { timeout: 180_000 });
	});
	afterAll(async () => browser?.close());

	it('opens the prepared link on the first view, with its takeaway equal to independent queries', async () => {
		const { page } = g;
		expect(await page.getByTestId('projection-title').textContent()).toBe('Lits d’hospitalisation, adultes');
		expect(await page.getByTestId('projection-counter').textContent()).toBe('Vue 1 / 3');
		const [r] = await sql<{ b: number; p: number; bf: number; pf: number }>(
			`SELECT (SELECT sum(p.cap_htp) FROM sae_psy p JOIN sae_establishments e ON e.fi = p.fi JOIN communes c ON c.code = e.commune
			         WHERE p.year = 2023 AND p.dis = 'GEN' AND c.dep = $1)::DOUBLE AS b,
			        (SELECT pop_16_plus FROM population_dep WHERE year = 2023 AND dep = $1)::DOUBLE AS p,
			        (SELECT sum(p.cap_htp) FROM sae_psy p JOIN (SELECT fi, any_value(commune) AS commune FROM sae_establishments GROUP BY fi) e USING (fi)
			         JOIN communes c ON c.code = e.commune WHERE p.year = 2023 AND p.dis = 'GEN')::DOUBLE AS bf,
			        (SELECT sum(pop_16_plus) FROM population_dep WHERE year = 2023)::DOUBLE AS pf`,
			['23']
		);
		const text = (await takeawayText(page))!;
		const m = text.match(/^Creuse : (.+?)\u00a0lits pour 100 000 habitants de 16 ans et plus ; France : (.+?) — soit (.+?)\u00a0lits? de (moins|plus) qu’au taux national\.$/);
		expect(m, text).not.toBeNull();
		const france = (r!.bf / r!.pf) * 1e5;
		expect(parseFr(m![1]!)).toBeCloseTo((r!.b / r!.p) * 1e5, 1);
		expect(parseFr(m![2]!)).toBeCloseTo(france, 1);
		const gap = Math.round(r!.b - (france * r!.p) / 1e5);
		expect(parseFr(m![3]!)).toBe(Math.abs(gap));
		// The legend gives the unit, the source and its vintage.
		const legend = page.getByTestId('projection-legend');
		expect(await legend.locator('h2').textContent()).toBe('lits pour 100 000 habitants de 16 ans et plus');
		expect(await legend.textContent()).toMatch(/Source : SAE 2023/);
		expect(await runAxe(page)).toEqual([]);
	});

	it('draws a map a room can read: ≥ 75 % of the width, no zoom buttons, the Creuse outlined in black on white, names on the territories', async () => {
		const { page } = g;
		const r = await page.evaluate(() => {
			const m = (window as unknown as { __atlas: { map: { getLayer(id: string): unknown; getPaintProperty(l: string, p: string): unknown } } }).__atlas.map;
			const box = document.querySelector('[data-testid="map"]')!.getBoundingClientRect();
			return {
				share: box.width / window.innerWidth,
				zoomButtons: document.querySelectorAll('.maplibregl-ctrl-zoom-in, .maplibregl-ctrl-zoom-out').length,
				line: m.getPaintProperty('sel-line', 'line-color'),
				casing: !!m.getLayer('sel-casing')
			};
		});
		expect(r.share).toBeGreaterThanOrEqual(0.75);
		expect(r).toMatchObject({ zoomButtons: 0, line: '#000000', casing: true });
		await page.waitForSelector('[data-testid="map-labels"] [data-code="23"]', { timeout: 30_000 });
		expect(await page.locator('[data-testid="map-labels"] [data-code="23"]').textContent()).toBe('Creuse');
		expect(await page.locator('[data-testid="map-labels"] .label').count()).toBeGreaterThan(5);
	});

	it('uses large type at 1920×1080: title ≥ 2.5rem, legend and takeaway ≥ 1.25rem', async () => {
		const sizes = await g.page.evaluate(() => {
			const px = (sel: string) => parseFloat(getComputedStyle(document.querySelector(sel)!).fontSize);
			const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
			return { rem, title: px('[data-testid="projection-title"]'), legend: px('[data-testid="projection-legend"] li'), source: px('[data-testid="projection-legend"] .source'), takeaway: px('[data-testid="projection-takeaway"]') };
		});
		expect(sizes.title).toBeGreaterThanOrEqual(2.5 * sizes.rem);
		expect(sizes.legend).toBeGreaterThanOrEqual(1.25 * sizes.rem);
		expect(sizes.source).toBeGreaterThanOrEqual(1.25 * sizes.rem);
		expect(sizes.takeaway).toBeGreaterThanOrEqual(1.25 * sizes.rem);
		await screenshot(g.page, 'projection-1-1920');
	});

	it('steps with PageDown, Space and ←: map indicator, title, counter, live region and takeaway change', async () => {
		const { page } = g;
		await page.getByTestId('projection-title').focus();
		const first = await takeawayText(page);
		await page.keyboard.press('PageDown');
		await page.waitForSelector(painted('gp_practices_per10k'), { timeout: 60_000 });
		expect(await page.getByTestId('projection-title').textContent()).toBe('Médecine générale (indicateur approché)');
		expect(await page.getByTestId('projection-counter').textContent()).toBe('Vue 2 / 3');
		await page.waitForFunction(() => /cabinets/.test(document.querySelector('[data-testid="projection-takeaway"]')?.textContent ?? ''));
		const second = (await takeawayText(page))!;
		expect(second).not.toBe(first);
		expect(second).toMatch(/^Creuse : .+\u00a0cabinets pour 10 000 habitants ; France : /);
		expect(await page.getByTestId('projection-live').textContent()).toBe(`Vue 2 sur 3 : Médecine générale (indicateur approché). ${second}`);
		// The proxy is labelled in the legend; EPCI outside the département stay pale.
		expect(await page.getByTestId('projection-legend').textContent()).toMatch(/Indicateur approché\..*cabinets, pas médecins/);
		expect(await page.getByTestId('map').getAttribute('data-level')).toBe('epci');
		expect(await runAxe(page)).toEqual([]);
		await screenshot(page, 'projection-2-1920');

		await page.keyboard.press(' ');
		await page.waitForSelector(painted('population'), { timeout: 60_000 });
		const [r] = await sql<{ n: number }>("SELECT count(DISTINCT epci)::INTEGER AS n FROM communes WHERE dep = '23'", []);
		await page.waitForFunction(() => /EPCI/.test(document.querySelector('[data-testid="projection-takeaway"]')?.textContent ?? ''));
		expect(await takeawayText(page)).toMatch(new RegExp(`ses communes relèvent de ${r!.n}\u00a0EPCI\\.$`));
		expect(await runAxe(page)).toEqual([]);
		// At the end, the next key stays on the last view.
		await page.keyboard.press('ArrowRight');
		expect(await page.getByTestId('projection-counter').textContent()).toBe('Vue 3 / 3');

		await page.keyboard.press('ArrowLeft');
		await page.waitForSelector(painted('gp_practices_per10k'), { timeout: 60_000 });
		await page.keyboard.press('PageUp');
		await page.waitForSelector(painted('beds_adult_per100k'), { timeout: 60_000 });
		expect(await takeawayText(page)).toBe(first);
	});

	it('steps with the on-screen buttons, focus staying on them', async () => {
		const { page } = g;
		const next = page.getByRole('button', { name: /Suivante/ });
		await next.click();
		await page.waitForSelector(painted('gp_practices_per10k'), { timeout: 60_000 });
		expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toMatch(/Suivante/);
		await page.getByRole('button', { name: /Précédente/ }).click();
		await page.waitForSelector(painted('beds_adult_per100k'), { timeout: 60_000 });
	});

	it('goes full screen with F and leaves it, then the stage, with Escape', async () => {
		const { page } = g;
		await page.getByTestId('projection-title').focus();
		await page.keyboard.press('f');
		await page.waitForFunction(() => !!document.fullscreenElement);
		// The pressed state follows the browser's fullscreenchange event.
		await page.waitForSelector('button[aria-pressed="true"]:has-text("Plein écran")', { timeout: 5_000 });
		await page.keyboard.press('Escape');
		await page.waitForFunction(() => !document.fullscreenElement);
		expect(await page.getByTestId('projection-stage').count()).toBe(1);
		// A second Escape, a moment later, leaves the stage for the setup.
		await page.waitForTimeout(500);
		await page.keyboard.press('Escape');
		await page.getByRole('heading', { level: 1, name: 'Projection en réunion (CLSM)' }).waitFor();
		expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
	});

	it('renders at 1280×720', async () => {
		const { page } = g;
		await page.setViewportSize({ width: 1280, height: 720 });
		await page.getByRole('button', { name: 'Lancer la projection' }).click();
		await page.waitForSelector(painted('beds_adult_per100k'), { timeout: 60_000 });
		await page.waitForTimeout(900); // fitBounds animation
		await screenshot(page, 'projection-1-1280');
		await page.keyboard.press('PageDown');
		await page.waitForSelector(painted('gp_practices_per10k'), { timeout: 60_000 });
		await page.waitForTimeout(900);
		await screenshot(page, 'projection-2-1280');
		// Nothing is cut: the controls and the takeaway are inside the window.
		const box = (await page.getByRole('button', { name: 'Préparer' }).boundingBox())!;
		expect(box.y + box.height).toBeLessThanOrEqual(720);
	});

	it('makes no request outside its origin and has no console error', () => {
		expect(g.offOrigin).toEqual([]);
		expect(g.consoleErrors).toEqual([]);
	});
});

describe('projection setup and unreadable links', () => {
	let browser: Browser;
	let g: GuardedPage;
	const sql = pageSql(() => g);

	beforeAll(async () => {
		browser = await launch();
		g = await openPage(browser, '/projection?dep=99&vues=lits-adultes,%3Cimg%20src%3Dx%3E,medecins.sect', { width: 1280, height: 800 });
		await g.page.getByRole('heading', { level: 1, name: 'Projection en réunion (CLSM)' }).waitFor({ timeout: 60_000 });
	});
	afterAll(async () => browser?.close());

	it('explains in French what the link held that cannot be used, as text', async () => {
		const notices = await g.page.locator('.notice.warning').allTextContents();
		expect(notices).toContain('Département « 99 » non reconnu : choisissez-le ci-dessous.');
		expect(notices).toContain('Vue non reconnue dans le lien, ignorée : « <img src=x> ».');
		expect(notices).toContain('Vue « Médecine générale (indicateur approché) » par secteur sans jeu de secteurs dans le lien : affichée par EPCI.');
		expect(await g.page.locator('main img').count()).toBe(0);
	});

	it('builds the link from the setup: département, order, removal', async () => {
		const { page } = g;
		await page.locator('#proj-dep option[value="23"]').waitFor({ state: 'attached', timeout: 120_000 });
		await page.getByLabel('Département').selectOption('23');
		await page.getByRole('button', { name: 'Descendre la vue 1, Lits d’hospitalisation, adultes' }).click();
		await page.getByLabel('Ajouter une vue').selectOption('cmp-enfants');
		await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
		await page.getByLabel('Ajouter une vue').selectOption('acces-hdj');
		await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
		await page.getByRole('button', { name: 'Retirer la vue 1, Médecine générale (indicateur approché)' }).click();
		const link = new URL(await page.getByLabel(/Lien de cette projection/).inputValue());
		expect(link.pathname).toBe('/projection');
		expect(link.searchParams.get('dep')).toBe('23');
		expect(link.searchParams.get('vues')).toBe('lits-adultes,cmp-enfants,acces-hdj');
		expect(await runAxe(page)).toEqual([]);
		await screenshot(page, 'projection-setup-1280');
		await page.getByRole('button', { name: 'Lancer la projection' }).click();
		await page.waitForSelector(painted('beds_adult_per100k'), { timeout: 120_000 });
		expect(new URL(page.url()).search).toBe(link.search);
		expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('projection-title');
	});

	it('shows the estimated access time to day hospitals per commune, labelled as an estimate', async () => {
		const { page } = g;
		await page.keyboard.press('PageDown');
		await page.waitForSelector(painted('cmp_child_per100k'), { timeout: 60_000 });
		await page.keyboard.press('PageDown');
		await page.waitForSelector(painted('access_hdj_minutes'), { timeout: 120_000 });
		expect(await page.getByTestId('map').getAttribute('data-level')).toBe('commune');
		await page.waitForFunction(() => /minutes estimées/.test(document.querySelector('[data-testid="projection-takeaway"]')?.textContent ?? ''));
		const text = (await takeawayText(page))!;
		const m = text.match(/^Creuse : (.+?) % des habitants \((.+?)\) à plus de 30 minutes estimées d’un hôpital de jour ; France : (.+?) %\.$/);
		expect(m, text).not.toBeNull();
		const [r] = await sql<{ p: number }>("SELECT sum(population)::DOUBLE AS p FROM communes WHERE dep = '23'", []);
		expect(parseFr(m![2]!) / r!.p).toBeCloseTo(parseFr(m![1]!) / 100, 2);
		expect(await page.getByTestId('projection-legend').textContent()).toMatch(/pas des temps routiers/);
		expect(await runAxe(page)).toEqual([]);
		await page.waitForTimeout(900);
		await screenshot(page, 'projection-acces-1280');
	});

	it('makes no request outside its origin and has no console error', () => {
		expect(g.offOrigin).toEqual([]);
		expect(g.consoleErrors).toEqual([]);
	});
});

describe('projection closing view: shared findings', () => {
	let browser: Browser;
	let g: GuardedPage;
	const HOSTILE = 'Délais de CMP trop longs <img src=x onerror="window.__pwned=1">\nÀ voir avec le CLSM';

	beforeAll(async () => {
		browser = await launch();
		g = await openPage(browser, '/diagnostic?territoire=departement:23');
		await g.page.getByTestId('note-2-constats').waitFor({ timeout: 240_000 });
	});
	afterAll(async () => browser?.close());

	it('shows the notes written on the diagnostic, by priority, as text, after the maps', async () => {
		const { page } = g;
		await page.getByTestId('note-2-constats').fill(HOSTILE);
		await page.getByTestId('note-2-constats').blur();
		await expect.poll(() => page.getByTestId('priority-notes-2').getByRole('status').textContent(), { timeout: 10_000 }).toMatch(/Enregistré/);
		await page.goto(`${new URL(page.url()).origin}/projection?dep=23&vues=territoire,constats`);
		await page.waitForSelector(painted('population'), { timeout: 180_000 });
		await page.keyboard.press('PageDown');
		const notes = page.getByTestId('projection-notes');
		await notes.waitFor({ timeout: 30_000 });
		expect(await page.getByTestId('projection-title').textContent()).toBe('Constats partagés');
		expect(await notes.locator('h2').allTextContents()).toEqual(['Priorité 2 — Parcours de santé et de vie sans rupture, rétablissement et insertion sociale']);
		expect(await notes.locator('.text').innerText()).toBe(HOSTILE);
		expect(await notes.locator('img').count()).toBe(0);
		expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
		expect(await takeawayText(page)).toBe('Creuse : 1 priorité du PTSM documentée par les acteurs du territoire.');
		expect(await runAxe(page)).toEqual([]);
		await screenshot(page, 'projection-constats-1920');
		// Back to a map view: the map is shown again.
		await page.keyboard.press('PageUp');
		await page.waitForSelector(painted('population'), { timeout: 60_000 });
		expect(await notes.count()).toBe(0);
	});

	it('makes no request outside its origin and has no console error', () => {
		expect(g.offOrigin).toEqual([]);
		expect(g.consoleErrors).toEqual([]);
	});
});

describe('projection offline', () => {
	let browser: Browser;
	let g: GuardedPage;

	beforeAll(async () => {
		browser = await launch();
		g = await openPage(browser, '/projection?dep=23&vues=cmp-adultes,pas-une-vue', { width: 1280, height: 720 }, 'allow');
		await g.page.waitForSelector(painted('cmp_adult_per100k'), { timeout: 180_000 });
		await g.page.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
	});
	afterAll(async () => browser?.close());

	it('says on the stage what a directly opened link held that could not be used', async () => {
		const notices = g.page.getByTestId('projection-notices');
		expect(await notices.textContent()).toMatch(/Vue non reconnue dans le lien, ignorée : « pas-une-vue »/);
		await g.page.getByRole('button', { name: 'Masquer' }).click();
		expect(await notices.count()).toBe(0);
	});

	it('reopens the prepared link without network', async () => {
		const { page } = g;
		await page.context().setOffline(true);
		try {
			await page.reload();
			await page.waitForSelector(painted('cmp_adult_per100k'), { timeout: 180_000 });
			expect(await takeawayText(page)).toMatch(/^Creuse : .+\u00a0CMP pour 100 000 habitants de 16 ans et plus ; France : /);
		} finally {
			await page.context().setOffline(false);
		}
		expect(g.offOrigin).toEqual([]);
	});
});
