/**
 * Content-Security-Policy of the built app: present on the page, strict (same origin only, no
 * inline script, no eval), enforced, and the app fully works under it (DuckDB in its worker,
 * the map, the service worker, PNG and CSV exports) without a single violation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, launch, openPage, waitForMapReady, type GuardedPage } from './browser.ts';
import { download, downloadCsv } from './download.ts';

type Violation = { directive: string; blocked: string; source: string };

/** Records every CSP violation of the page (also those of pages loaded later in this context). */
async function watchViolations(page: Page): Promise<void> {
	await page.context().addInitScript(() => {
		const w = window as unknown as { __csp: unknown[] };
		w.__csp = [];
		document.addEventListener('securitypolicyviolation', (e) =>
			w.__csp.push({ directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile })
		);
	});
}
const violations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: Violation[] }).__csp);

function directives(policy: string): Map<string, string[]> {
	const m = new Map<string, string[]>();
	for (const part of policy.split(';')) {
		const [name, ...values] = part.trim().split(/\s+/);
		if (name) m.set(name, values);
	}
	return m;
}

function checkPolicy(policy: string): void {
	const d = directives(policy);
	expect(d.get('default-src')).toEqual(["'self'"]);
	expect(d.get('connect-src')).toEqual(["'self'"]);
	expect(d.get('worker-src')).toEqual(["'self'"]);
	expect(d.get('object-src')).toEqual(["'none'"]);
	const script = d.get('script-src')!;
	expect(script).toContain("'self'");
	expect(script).toContain("'wasm-unsafe-eval'");
	expect(script).not.toContain("'unsafe-inline'");
	expect(script).not.toContain("'unsafe-eval'");
	// Only SvelteKit's bootstrap is allowed inline, by its hash.
	expect(script.filter((s) => s.startsWith("'sha256-")).length).toBe(1);
	for (const values of d.values()) for (const v of values) expect(v).not.toMatch(/^(https?:|\*|wss?:)/);
}

describe('Content-Security-Policy', () => {
	let browser: Browser;
	let g: GuardedPage;
	let header: string | undefined;

	beforeAll(async () => {
		browser = await launch();
		g = await openPage(browser, '/sources', { width: 1280, height: 800 }, 'allow');
		await watchViolations(g.page);
		header = (await g.page.goto(BASE_URL + '/'))?.headers()['content-security-policy'];
		await waitForMapReady(g.page);
	});
	afterAll(async () => browser?.close());

	// vite preview renders the page and sends the policy as a header; the static build carries it
	// as a <meta> tag (what a plain static server delivers). Both are checked.
	it('is delivered with the page and allows the app origin only', async () => {
		expect(header).toBeTruthy();
		checkPolicy(header!);
	});

	it('is in the static build as a meta tag whose hash matches the inline bootstrap', () => {
		const html = readFileSync('build/index.html', 'utf8');
		const meta = /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(html)?.[1];
		expect(meta).toBeTruthy();
		checkPolicy(meta!);
		const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
		expect(scripts.length).toBe(1);
		const hash = `'sha256-${createHash('sha256').update(scripts[0]!).digest('base64')}'`;
		expect(directives(meta!).get('script-src')).toContain(hash);
	});

	it('is enforced: an injected inline script does not run and is reported', async () => {
		const ran = await g.page.evaluate(async () => {
			const s = document.createElement('script');
			s.textContent = 'window.__injected = true';
			document.body.append(s);
			await new Promise((r) => setTimeout(r, 50));
			return (window as unknown as { __injected?: boolean }).__injected === true;
		});
		expect(ran).toBe(false);
		const v = await violations(g.page);
		expect(v.map((x) => x.directive)).toContain('script-src-elem');
		await g.page.evaluate(() => ((window as unknown as { __csp: unknown[] }).__csp.length = 0));
	});

	it('runs DuckDB, paints the map and registers the service worker under the policy', async () => {
		const n = await g.page.evaluate(async () => {
			const w = window as unknown as { __atlas: { data: { query: (sql: string) => Promise<{ n: number }[]> } } };
			return (await w.__atlas.data.query('SELECT count(*)::INT AS n FROM communes'))[0]!.n;
		});
		expect(n).toBeGreaterThan(34_000);
		// Colours on the département polygons come from a DuckDB query.
		const coloured = await g.page.evaluate(() => {
			const m = (window as unknown as { __atlas: { map: { getFeatureState: (f: { source: string; id: string }) => Record<string, unknown> } } }).__atlas.map;
			return Object.keys(m.getFeatureState({ source: 'dep', id: '69' }) ?? {}).length;
		});
		expect(coloured).toBeGreaterThan(0);
		const sw = await g.page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL ?? null);
		expect(sw).toBe(`${BASE_URL}/service-worker.js`);
	});

	it('exports the map as PNG and a table as CSV under the policy', async () => {
		const png = await download(g.page, 'export-png');
		expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		expect(png.bytes.length).toBeGreaterThan(20_000);
		expect(await violations(g.page)).toEqual([]);
		await g.page.goto(BASE_URL + '/ecarts');
		await g.page.waitForSelector('[data-testid="gap-table"]', { timeout: 90_000 });
		const csv = await downloadCsv(g.page);
		expect(csv.records.length).toBeGreaterThan(10);
	});

	it('reports no violation, no console error and no off-origin request', async () => {
		expect(await violations(g.page)).toEqual([]);
		expect(g.consoleErrors.filter((e) => !/^Executing inline script violates/.test(e))).toEqual([]);
		expect(g.offOrigin).toEqual([]);
	});
});
