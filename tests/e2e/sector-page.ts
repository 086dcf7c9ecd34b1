/**
 * Shared by the /territoires suites (territoires, plm): the page opened once its loading slot is
 * gone, DuckDB queries from the page, and the sector map's projection (a place → page pixels).
 */
import type { Browser } from 'playwright-core';
import { openPage, type GuardedPage } from './browser.ts';

export type SectorAtlas = {
	data: { query: (s: string, p?: unknown[]) => Promise<Record<string, unknown>[]> };
	sectorMap: { project: (ll: [number, number]) => { x: number; y: number }; unproject: (p: [number, number]) => { lng: number; lat: number } };
};

export async function openTerritoires(browser: Browser): Promise<GuardedPage> {
	const g = await openPage(browser, '/territoires');
	await g.page.waitForSelector('.loading-slot', { state: 'detached', timeout: 90_000 });
	return g;
}

export function sectorPage(get: () => GuardedPage) {
	const sql = <T,>(q: string, params: unknown[] = []) =>
		get().page.evaluate(([q, params]) => (window as unknown as { __atlas: SectorAtlas }).__atlas.data.query(q, params as unknown[]), [q, params] as const) as Promise<T[]>;
	const mapBox = async () => (await get().page.locator('[data-testid="sector-map"] canvas').boundingBox())!;
	/** Page position of a commune's (or an arrondissement's) representative point on the sector map. */
	async function screenOf(code: string, table: 'communes' | 'arrondissements' = 'communes'): Promise<[number, number]> {
		const [c] = await sql<{ lon: number; lat: number }>(`SELECT lon, lat FROM ${table} WHERE code = $1`, [code]);
		const p = await get().page.evaluate((ll) => (window as unknown as { __atlas: SectorAtlas }).__atlas.sectorMap.project(ll), [c!.lon, c!.lat] as [number, number]);
		const box = await mapBox();
		return [box.x + p.x, box.y + p.y];
	}
	return { sql, mapBox, screenOf };
}

/**
 * On /territoires (loaded): imports `file` through the file input, saves it as `name`, then opens
 * /diagnostic on the set's first sector of psychiatrie générale and waits for the document.
 */
export async function sectorDiagnostic(g: GuardedPage, file: string, name: string, timeouts = { report: 60_000 }): Promise<void> {
	const ready = '[data-testid="diagnostic"][aria-busy="false"]';
	await g.page.setInputFiles('[data-testid="sector-file"]', file);
	await g.page.getByTestId('import-report').waitFor({ timeout: timeouts.report });
	await g.page.fill('#set-name', name);
	await g.page.getByRole('button', { name: 'Enregistrer ce découpage' }).click();
	await g.page.waitForSelector('[data-shown^="sector:"]', { timeout: 60_000 });
	await g.page.goto(new URL('/diagnostic', g.page.url()).href);
	await g.page.waitForSelector(ready, { timeout: 300_000 });
	await g.page.waitForSelector('#diag-kind option:nth-child(3)', { state: 'attached', timeout: 60_000 });
	const kind = await g.page.locator('#diag-kind option').nth(2).getAttribute('value');
	await g.page.selectOption('#diag-kind', kind!);
	await g.page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('secteur de psychiatrie générale'), null, { timeout: 120_000 });
	await g.page.waitForSelector(ready, { timeout: 120_000 });
}
