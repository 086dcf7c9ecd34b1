/**
 * The FINESS facility layer on the map page, on the real artefacts: family toggles (points
 * removed, state in the link), the facility card from the list and from a click on the map, the
 * « Liste des structures affichées » reachable with the keyboard, names rendered as text, Morbihan's
 * CMP sites (no catégorie 156 there), Réunion's SAMSAH and ESAT in Réunion communes, axe, origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage, runAxe, screenshot, waitForMapReady, type GuardedPage } from './browser.ts';
import { pageSql } from './page-checks.ts';

type MapHandle = {
	queryRenderedFeatures: (o: { layers: string[] }) => { layer: { id: string }; properties: Record<string, unknown> }[];
	once: (ev: string, f: () => void) => void;
	jumpTo: (o: unknown) => void;
	project: (ll: [number, number]) => { x: number; y: number };
	triggerRepaint: () => void;
};

/**
 * FINESS sites drawn in the current view, once MapLibre is idle: one entry per site, a cluster
 * (one layer pair per family, facility-layers.ts) standing for its `point_count` sites of no
 * single kind ('').
 */
function rendered(page: Page): Promise<{ kind: string; family: string }[]> {
	return page.evaluate(
		() =>
			new Promise<{ kind: string; family: string }[]>((resolve) => {
				const m = (window as unknown as { __atlas: { map: MapHandle } }).__atlas.map;
				const fams = ['hospital', 'ambulatory', 'medsoc', 'primary'];
				const layers = fams.flatMap((f) => [`finess-${f}-points`, `finess-${f}-clusters`]);
				m.once('idle', () =>
					resolve(
						m.queryRenderedFeatures({ layers }).flatMap((f) => {
							const family = f.layer.id.split('-')[1]!;
							const n = Number(f.properties.point_count ?? 1);
							return Array.from({ length: n }, () => ({ kind: f.properties.point_count ? '' : String(f.properties.kind), family }));
						})
					)
				);
				m.triggerRepaint();
			})
	);
}

async function selectDep(page: Page, code: string) {
	await page.locator(`tr[data-code="${code}"] button`).click();
	await page.getByTestId('territory-name').waitFor();
}

// Heavy: each step waits for MapLibre (software WebGL) on a shared machine.
const STEP = 300_000;

describe('FINESS layer on the map', () => {
	let browser: Browser;
	let g: GuardedPage;
	const sql = pageSql(() => g);
	let loaded = false;

	beforeAll(async () => {
		browser = await launch();
		g = await openPage(browser, '/');
		await waitForMapReady(g.page, 120_000);
		loaded = await g.page.evaluate(() => (window as unknown as { __atlas: { data: { hasTable: (t: string) => boolean } } }).__atlas.data.hasTable('finess_facilities'));
		await g.page.getByTestId('facility-legend').waitFor({ timeout: 30_000 });
	}, 180_000);
	afterAll(async () => {
		await browser?.close();
	});

	it('has the FINESS table loaded (npm run data built it)', () => {
		expect(loaded).toBe(true);
	});

	it('shows ambulatory psychiatry by default; a family off removes its points and the link keeps it', async () => {
		const { page } = g;
		await expect.poll(async () => (await rendered(page)).length, { timeout: 30_000 }).toBeGreaterThan(500);
		const first = await rendered(page);
		expect(new Set(first.map((f) => f.family))).toEqual(new Set(['ambulatory']));
		expect(new URL(page.url()).searchParams.get('etab')).toBeNull();

		await page.locator('input[data-family="medsoc"]').check();
		await expect.poll(async () => new Set((await rendered(page)).map((f) => f.family)).has('medsoc'), { timeout: 60_000 }).toBe(true);
		await page.locator('input[data-family="ambulatory"]').uncheck();
		const after = await rendered(page);
		expect(after.length).toBeGreaterThan(0);
		expect(after.some((f) => f.family === 'ambulatory')).toBe(false);
		await expect.poll(() => new URL(page.url()).searchParams.get('etab'), { timeout: 60_000 }).toBe('medsoc');

		// One kind off inside a family: the family box becomes mixed, the link lists kinds.
		const medsoc = after.filter((f) => f.family === 'medsoc').length;
		await page.locator('input[data-kind="esat"]').uncheck();
		expect(await page.locator('input[data-family="medsoc"]').evaluate((e) => (e as HTMLInputElement).indeterminate)).toBe(true);
		// The family's source is re-set without ESAT: fewer sites under its clusters, no ESAT point.
		await expect.poll(async () => (await rendered(page)).filter((f) => f.family === 'medsoc').length, { timeout: 60_000 }).toBeLessThan(medsoc);
		expect((await rendered(page)).some((f) => f.kind === 'esat')).toBe(false);
		await expect.poll(() => new URL(page.url()).searchParams.get('etab'), { timeout: 60_000 }).toBe('csapa,samsah,savs,mas,eam,eanm');

		// The link restores the state.
		await page.goto(page.url());
		await waitForMapReady(page, 120_000);
		await page.getByTestId('facility-legend').waitFor();
		expect(await page.locator('input[data-kind="esat"]').isChecked()).toBe(false);
		expect(await page.locator('input[data-kind="samsah"]').isChecked()).toBe(true);
		expect(await page.locator('input[data-family="ambulatory"]').isChecked()).toBe(false);
		await screenshot(page, 'finess-map-medsoc-1920');
	}, STEP);

	it('Morbihan (56): the list shows its CMP sites, as many as the table; names are text', async () => {
		const { page } = g;
		await page.goto(page.url().split('?')[0] + '?etab=cmp');
		await waitForMapReady(page, 120_000);
		await selectDep(page, '56');
		const [first] = await sql<{ n: number }>(
			`SELECT count(*)::INTEGER AS n FROM finess_facilities f LEFT JOIN communes c ON c.code = f.commune WHERE COALESCE(c.dep, f.dep) = $1 AND CAST(f."group" AS VARCHAR) = 'cmp'`,
			['56']
		);
		const n = first!.n;
		expect(n).toBeGreaterThan(10);
		// Keyboard: focus the disclosure, open it with Enter, Tab to the first name.
		const summary = page.locator('[data-testid="facility-list"] summary');
		await expect.poll(() => summary.textContent(), { timeout: 60_000 }).toMatch(new RegExp(`Morbihan.*\\(${n}\\)`));
		await summary.focus();
		await page.keyboard.press('Enter');
		const buttons = page.locator('[data-testid="facility-list"] tbody button');
		expect(await buttons.count()).toBe(n);
		// Every name is plain text: no element inside, text equal to the table's name.
		const names = await buttons.evaluateAll((bs) => bs.map((b) => ({ text: b.textContent, children: b.children.length })));
		const dbNames = await sql<{ name: string }>(
			`SELECT f.name FROM finess_facilities f LEFT JOIN communes c ON c.code = f.commune WHERE COALESCE(c.dep, f.dep) = '56' AND CAST(f."group" AS VARCHAR) = 'cmp'`,
			[]
		);
		expect(names.every((x) => x.children === 0)).toBe(true);
		expect(new Set(names.map((x) => x.text))).toEqual(new Set(dbNames.map((r) => r.name)));
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="facility-list"]') !== null && document.activeElement?.tagName)).toBe('BUTTON');
		const picked = await page.evaluate(() => document.activeElement?.textContent);
		await page.keyboard.press('Enter');
		const card = page.getByTestId('facility-card');
		await card.waitFor();
		await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 60_000 }).toBe('facility-card-title');
		const text = (await card.textContent())!;
		expect(text).toContain(picked!);
		expect(text).toMatch(/Centre médico-psychologique \(CMP\)/);
		expect(text).toMatch(/type déduit du nom/); // Morbihan has no catégorie 156: every CMP is found by its name
		expect(text).toMatch(/Catégorie FINESS/);
		expect(text).toMatch(/ET \d{9}/);
		expect(text).toMatch(/EJ \d{9}/);
		expect(text).toMatch(/Mise à jour FINESS/);
		expect(text).toMatch(/Public/);
		// The vintage comes from the manifest (the source of the finess_facilities artefact).
		const src = await page.evaluate(() => {
			const m = (window as unknown as { __atlas: { data: { manifest: { sources: { id: string; vintage: string }[]; artefacts: { name: string; sources: string[] }[] } } } }).__atlas.data.manifest;
			const ids = m.artefacts.find((a) => a.name === 'finess_facilities')!.sources.filter((id) => id.startsWith('finess'));
			return m.sources.find((s) => ids.includes(s.id))!.vintage;
		});
		expect(text).toContain(/^FINESS\b/.test(src) ? src : `FINESS, ${src.charAt(0).toLowerCase()}${src.slice(1)}`);
		expect(text).toMatch(/Licence/);
		await screenshot(page, 'finess-map-morbihan-1920');
	}, STEP);

	it('a click on a FINESS point opens its card', async () => {
		const { page } = g;
		const [f] = await sql<{ finess: string; name: string; lon: number; lat: number }>(
			`SELECT finess, name, lon, lat FROM finess_facilities WHERE CAST("group" AS VARCHAR) = 'cmp' AND CAST(dep AS VARCHAR) = '56' AND lon IS NOT NULL ORDER BY finess LIMIT 1`,
			[]
		);
		await page.getByTestId('facility-card').getByRole('button').focus();
		await page.keyboard.press('Enter');
		await page.getByTestId('facility-card').waitFor({ state: 'detached' });
		const at = await page.evaluate(
			(ll) =>
				new Promise<{ x: number; y: number }>((resolve) => {
					const m = (window as unknown as { __atlas: { map: MapHandle } }).__atlas.map;
					m.once('idle', () => resolve(m.project(ll)));
					m.jumpTo({ center: ll, zoom: 13 });
				}),
			[f!.lon, f!.lat] as [number, number]
		);
		const box = (await page.getByTestId('map').locator('canvas').boundingBox())!;
		const card = page.getByTestId('facility-card');
		// The family's sites are handed to the map at idle: a click before they are drawn selects
		// the commune under them, so click again until the site's card opens.
		await expect
			.poll(
				async () => {
					if (!(await card.count())) await page.mouse.click(box.x + at.x, box.y + at.y);
					return (await card.count()) ? await card.textContent() : '';
				},
				{ timeout: 45_000, interval: 1500 }
			)
			.toContain(`ET ${f!.finess}`);
	}, STEP);

	it('Réunion (974): the panel lists SAMSAH and ESAT, all in Réunion communes', async () => {
		const { page } = g;
		await page.goto(page.url().split('?')[0] + '?etab=samsah,esat');
		await waitForMapReady(page, 120_000);
		await selectDep(page, '974');
		const rows = await sql<{ kind: string; commune: string }>(
			`SELECT CAST("group" AS VARCHAR) AS kind, commune FROM finess_facilities WHERE CAST(dep AS VARCHAR) = '974' AND CAST("group" AS VARCHAR) IN ('samsah', 'esat')`,
			[]
		);
		expect(rows.filter((r) => r.kind === 'samsah').length).toBeGreaterThan(0);
		expect(rows.filter((r) => r.kind === 'esat').length).toBeGreaterThan(0);
		expect(rows.every((r) => r.commune?.startsWith('974'))).toBe(true);
		// Opened with the keyboard (the side panel may still be filling in: no pointer click needed).
		await page.locator('[data-testid="facility-list"] summary').focus();
		await page.keyboard.press('Enter');
		const list = page.getByTestId('facility-list');
		await expect.poll(async () => list.locator('tbody tr').count(), { timeout: 60_000 }).toBe(rows.length);
		const kinds = await list.locator('tbody .kind').allTextContents();
		expect(kinds.some((k) => k.startsWith('SAMSAH'))).toBe(true);
		expect(kinds.some((k) => k.startsWith('ESAT'))).toBe(true);
		// The communes shown are Réunion's.
		const shown = new Set((await list.locator('tbody td:nth-child(2)').allTextContents()).map((t) => t.split(' — ')[0]));
		const names = await sql<{ name: string }>(`SELECT name FROM communes WHERE CAST(dep AS VARCHAR) = '974'`, []);
		const reunion = new Set(names.map((r) => r.name));
		for (const c of shown) expect(reunion.has(c!), c).toBe(true);
		await screenshot(page, 'finess-map-reunion-1920');
	}, STEP);

	it('passes axe-core with the legend, the list and the card open, and makes no off-origin request', async () => {
		const { page } = g;
		await page.locator('[data-testid="facility-list"] tbody button').first().focus();
		await page.keyboard.press('Enter');
		await page.getByTestId('facility-card').waitFor();
		expect(await runAxe(page)).toEqual([]);
		expect(g.offOrigin).toEqual([]);
		expect(g.consoleErrors).toEqual([]);
		await page.setViewportSize({ width: 1280, height: 720 });
		await page.waitForTimeout(400);
		await screenshot(page, 'finess-map-1280');
	}, STEP);
});
