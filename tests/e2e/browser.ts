/**
 * Shared e2e helpers: Debian chromium through playwright-core, a guard that records every
 * request leaving the app's origin, an "app ready" wait, axe-core, screenshots.
 */
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

export const BASE_URL = process.env.E2E_BASE_URL ?? `http://localhost:${process.env.E2E_PORT ?? 4173}`;

export async function launch(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
			'--disable-quic',
			// WebGL (MapLibre) in headless Chromium without a GPU.
			'--use-gl=angle',
			'--use-angle=swiftshader',
			'--enable-unsafe-swiftshader',
			'--ignore-gpu-blocklist'
		]
	});
}

export interface GuardedPage {
	page: Page;
	offOrigin: string[];
	consoleErrors: string[];
}

export async function openPage(
	browser: Browser,
	path = '/',
	viewport = { width: 1920, height: 1080 },
	// The offline service worker re-fetches every artefact at install: only the offline suite wants it.
	serviceWorkers: 'allow' | 'block' = 'block'
): Promise<GuardedPage> {
	const context = await browser.newContext({ viewport, locale: 'fr-FR', serviceWorkers });
	const page = await context.newPage();
	const offOrigin: string[] = [];
	const consoleErrors: string[] = [];
	const origin = new URL(BASE_URL).origin;
	page.on('request', (req) => {
		const url = req.url();
		if (url.startsWith('data:') || url.startsWith('blob:')) return;
		if (new URL(url).origin !== origin) offOrigin.push(url);
	});
	page.on('console', (msg) => {
		if (msg.type() === 'error') consoleErrors.push(msg.text());
	});
	page.on('pageerror', (err) => consoleErrors.push(String(err)));
	await page.goto(BASE_URL + path);
	return { page, offOrigin, consoleErrors };
}

/** Waits until the data are loaded and the map has painted the current indicator. */
export async function waitForMapReady(page: Page, timeoutMs = 90_000): Promise<void> {
	await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: timeoutMs });
}

const require = createRequire(import.meta.url);

export async function runAxe(page: Page): Promise<{ id: string; impact: string | null; nodes: string[] }[]> {
	const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
	// Evaluated through the DevTools protocol, not as an inline <script>: the app's
	// Content-Security-Policy (rightly) blocks inline scripts.
	await page.evaluate(`${source}\n;void 0`);
	const result = await page.evaluate(async () => {
		// @ts-expect-error axe is injected above
		const r = await window.axe.run(document, { resultTypes: ['violations'] });
		return r.violations.map((v: { id: string; impact: string | null; nodes: { target: string[] }[] }) => ({
			id: v.id,
			impact: v.impact,
			nodes: v.nodes.map((n) => n.target.join(' '))
		}));
	});
	return result;
}

export async function screenshot(page: Page, name: string): Promise<string> {
	mkdirSync('tests/e2e/screenshots', { recursive: true });
	const path = `tests/e2e/screenshots/${name}.png`;
	await page.screenshot({ path });
	return path;
}
