#!/usr/bin/env node
/**
 * npm run bench [-- --runs N] [-- --build] [-- --out file] [-- --quick] [-- --dir other-build]
 * Serves a copy of build/ (SPA fallback, ETag revalidation) on a free port, drives headless
 * Debian Chromium with playwright-core, prints a table and writes bench/results.json.
 */
import { execFileSync, execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const arg = (name, dflt) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? args[i + 1] : dflt;
};
const RUNS = Math.max(1, Number(arg('runs', 5)) || 5);
// --quick: cold and warm start only (no interactions, workloads, side by side, memory).
const QUICK = args.includes('--quick');
// --no-pages: skip the per-page timings (cold and in-app navigation to every page).
const PAGES_ON = !args.includes('--no-pages') && !args.includes('--only');
// --facilities: cold and warm start, then only the facility layer and the directory filter (≈ 2 min a run).
const FACILITIES_ONLY = args.includes('--facilities');
// --only territories|zoom|access (comma-separated): cold and warm start, then only these interactions
// (territories: the /territoires custom-territory create + 3 edits; zoom: the first commune zoom;
// access: the /accessibilite scenario edits, add, close, capacity, with their breakdown).
const ONLY = arg('only', '') ? new Set(arg('only', '').split(',').map((s) => s.trim())) : null;
if (ONLY) for (const o of ONLY) if (!['territories', 'zoom', 'access', 'side'].includes(o)) {
	console.error(`--only: unknown part "${o}" (territories, zoom, access, side)`);
	process.exit(1);
}
// --pages /diagnostic,/projection: only those pages (in-app: each from the previous one listed, the first from /sources).
const PAGES_ONLY = arg('pages', '')?.split(',').filter(Boolean) ?? [];
// --page-timeout ms: how long a page may take to show its figures (default 120 s; an older build
// without a page's signal waits that long for each page and context).
const PAGE_TIMEOUT = Math.max(1000, Number(arg('page-timeout', 120_000)) || 120_000);
const OUT = path.resolve(ROOT, arg('out', 'bench/results.json'));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const TARGETS = { coldMs: 2500, interactionMs: 100, editMs: 150, ioRatio: 3, duckdbVsTs: 1.5, directoryMs: 100, nearestMs: 200, sfcaMs: 500, gzipBytes: 10 * 1024 * 1024 };

const log = (...a) => console.error('[bench]', ...a);

// ---------------------------------------------------------------------------------------------
// Build copy

if (args.includes('--build')) execSync('npx vite build', { cwd: ROOT, stdio: 'inherit' });
// --dir: measure another build (e.g. one made from an older commit, for a before/after ratio).
const BUILD = path.resolve(ROOT, arg('dir', 'build'));
if (!fs.existsSync(path.join(BUILD, 'index.html'))) {
	console.error('build/ is missing: run `npx vite build` (or `npm run bench -- --build`).');
	process.exit(1);
}
if (!fs.existsSync(path.join(BUILD, 'data', 'manifest.json'))) {
	console.error('build/data/manifest.json is missing: run `npm run data` then `npx vite build`.');
	process.exit(1);
}
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-bench-'));
const SITE = path.join(TMP, 'site');
fs.cpSync(BUILD, SITE, { recursive: true });
const staticManifest = path.join(ROOT, 'static', 'data', 'manifest.json');
if (fs.existsSync(staticManifest) && fs.readFileSync(staticManifest, 'utf8') !== fs.readFileSync(path.join(SITE, 'data', 'manifest.json'), 'utf8'))
	log('warning: build/data/manifest.json differs from static/data/manifest.json (rebuild with `npx vite build`)');

// ---------------------------------------------------------------------------------------------
// Bundles: workloads (Node, from the app's SQL builders) and page helpers (browser)

const esbuild = await import('esbuild');
await esbuild.build({
	entryPoints: [path.join(ROOT, 'bench/workloads.ts')],
	bundle: true,
	platform: 'node',
	format: 'esm',
	outfile: path.join(TMP, 'workloads.mjs'),
	logLevel: 'error'
});
await esbuild.build({
	entryPoints: [path.join(ROOT, 'bench/browser.ts')],
	bundle: true,
	platform: 'browser',
	format: 'iife',
	target: 'es2022',
	outfile: path.join(TMP, 'browser.js'),
	logLevel: 'error'
});
const { buildWorkloads, BENCH_SET_ID } = await import(pathToFileURL(path.join(TMP, 'workloads.mjs')).href);
const W = buildWorkloads();
const BROWSER_JS = fs.readFileSync(path.join(TMP, 'browser.js'), 'utf8');

// ---------------------------------------------------------------------------------------------
// Static server: SPA fallback, ETag + 304, immutable assets cached for a year

const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript',
	'.mjs': 'text/javascript',
	'.css': 'text/css',
	'.json': 'application/json',
	'.topojson': 'application/json',
	'.wasm': 'application/wasm',
	'.arrow': 'application/vnd.apache.arrow.stream',
	'.svg': 'image/svg+xml',
	'.txt': 'text/plain; charset=utf-8'
};
let served = { requests: 0, bytes: 0, notModified: 0 };
const server = http.createServer((req, res) => {
	const u = new URL(req.url ?? '/', 'http://x');
	let file = path.join(SITE, decodeURIComponent(u.pathname));
	if (!file.startsWith(SITE)) return res.writeHead(403).end();
	let st = fs.existsSync(file) ? fs.statSync(file) : null;
	if (!st || st.isDirectory()) {
		const idx = path.join(file, 'index.html');
		if (st && fs.existsSync(idx)) file = idx;
		else if (path.extname(u.pathname)) return res.writeHead(404).end('not found');
		else file = path.join(SITE, 'index.html');
		st = fs.statSync(file);
	}
	const etag = `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
	const headers = {
		'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
		ETag: etag,
		'Cache-Control': u.pathname.startsWith('/_app/immutable/') ? 'public, max-age=31536000, immutable' : 'no-cache'
	};
	served.requests++;
	if (req.headers['if-none-match'] === etag) {
		served.notModified++;
		return res.writeHead(304, headers).end();
	}
	res.writeHead(200, { ...headers, 'Content-Length': st.size });
	served.bytes += st.size;
	fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const BASE = `http://127.0.0.1:${server.address().port}`;
log(`serving a copy of build/ from ${SITE} on ${BASE}`);

// ---------------------------------------------------------------------------------------------
// Browser

const { chromium } = await import('playwright-core');
const CHROME_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--use-gl=angle',
	'--use-angle=swiftshader',
	'--enable-unsafe-swiftshader',
	'--enable-precise-memory-info'
];
// One persistent profile per run (fresh temp dir): a real disk HTTP cache and V8 code cache for
// the warm start, as a returning visitor has (incognito contexts keep a small in-memory cache).
async function launch(dir) {
	return chromium.launchPersistentContext(dir, {
		executablePath: CHROMIUM,
		headless: true,
		args: CHROME_ARGS,
		viewport: { width: 1280, height: 800 }
	});
}

/** RSS of the renderer processes of the browser whose profile is `dir` (Linux /proc). */
function rendererRss(dir) {
	const procs = [];
	for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
		try {
			const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
			const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			const rss = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
			procs.push({ pid: Number(pid), ppid, cmd, rss });
		} catch {}
	}
	const root = procs.find((p) => p.cmd.some((c) => c === `--user-data-dir=${dir}`) && !p.cmd.some((c) => c.startsWith('--type=')));
	if (!root) return null;
	const mine = new Set([root.pid]);
	for (let grew = true; grew; ) {
		grew = false;
		for (const p of procs) if (!mine.has(p.pid) && mine.has(p.ppid)) (mine.add(p.pid), (grew = true));
	}
	// Chromium rewrites its renderers' command line into one string (setproctitle).
	const renderers = procs.filter((p) => mine.has(p.pid) && p.cmd.join(' ').includes('--type=renderer'));
	const pss = (pid) => {
		try {
			return Number(/Pss:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0) * 1024;
		} catch {
			return 0;
		}
	};
	return {
		rendererMax: Math.max(0, ...renderers.map((p) => p.rss)),
		allProcessesPss: procs.filter((p) => mine.has(p.pid)).reduce((s, p) => s + pss(p.pid), 0)
	};
}

/**
 * From the DuckDB worker, through Playwright: its WebAssembly linear memory (the wasm heap: grows,
 * never shrinks) and when the wasm was instantiated (epoch ms), both kept by the app's worker
 * wrapper (src/lib/db/duckdb.ts) on `self.__duckdbMemory` and `self.__duckdbWasmReady`.
 */
async function duckdbWorker(page) {
	for (const w of page.workers()) {
		const m = await w
			.evaluate(() => {
				const mem = self.__duckdbMemory;
				if (!mem) return null;
				return { wasmLinearMemory: mem.buffer.byteLength, wasmReadyEpoch: self.__duckdbWasmReady ?? null };
			})
			.catch(() => null);
		if (m) return m;
	}
	return null;
}

// Records when the map first reports a painted choropleth (data-ready="true" + data-indicator).
const INIT = () => {
	const w = window;
	w.__tti = null;
	w.__geometry = null;
	w.__coloured = null;
	w.__preview = null;
	const obs = new MutationObserver(() => {
		const el = document.querySelector('[data-testid="map"]');
		// The map draws bare geometry (pannable) before DuckDB is ready: data-geometry="true".
		if (el && el.dataset.geometry === 'true' && w.__geometry === null) w.__geometry = performance.now();
		// First colours, from the build's precomputed frame (before the engine) or from DuckDB.
		if (el && el.dataset.coloured === 'true' && w.__coloured === null) w.__coloured = performance.now();
		// The 2D-canvas preview of those colours, while MapLibre sets up WebGL (builds before it: none).
		if (el && el.dataset.preview === 'true' && w.__preview === null) w.__preview = performance.now();
		if (el && el.dataset.ready === 'true' && el.dataset.indicator && w.__tti === null) {
			w.__tti = performance.now();
			obs.disconnect();
		}
	});
	obs.observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready', 'data-indicator', 'data-geometry', 'data-coloured', 'data-preview'] });
};

async function loadMetrics(page) {
	await page.waitForFunction(() => window.__tti !== null && window.__tti !== undefined, null, { timeout: 180_000, polling: 50 });
	return page.evaluate(() => {
		const nav = performance.getEntriesByType('navigation')[0];
		const measures = performance.getEntriesByType('measure').map((m) => ({ name: m.name, start: m.startTime, end: m.startTime + m.duration, dur: m.duration }));
		const resources = performance
			.getEntriesByType('resource')
			.filter((r) => /\/data\/|\.wasm$/.test(r.name))
			.map((r) => ({ name: new URL(r.name).pathname, start: r.startTime, end: r.responseEnd, transfer: r.transferSize, body: r.encodedBodySize }));
		return { tti: window.__tti, geometry: window.__geometry, coloured: window.__coloured ?? null, preview: window.__preview ?? null, dcl: nav?.domContentLoadedEventEnd ?? null, timeOrigin: performance.timeOrigin, measures, resources };
	});
}

function summariseLoad(m) {
	const pick = (re) => m.measures.filter((x) => re.test(x.name));
	const one = (name) => pick(new RegExp(`^${name}$`))[0];
	const total = one('duckdb:total') ?? one('duckdb:instantiate'); // builds before the phase split
	const inserts = pick(/^insert:/);
	const fetches = m.resources.filter((r) => r.name.startsWith('/data/') && r.name !== '/data/manifest.json');
	const dataReady = inserts.length ? Math.max(...inserts.map((x) => x.end)) : null;
	const firstIndicator = pick(/^indicator:/)[0];
	const firstRepaint = pick(/^repaint:/).find((x) => x.end <= m.tti + 1);
	const out = {
		tti: m.tti,
		geometry: m.geometry,
		coloured: m.coloured ?? m.tti,
		preview: m.preview ?? null,
		dcl: m.dcl,
		duckdbStart: total?.start ?? null,
		duckdbInstantiate: one('duckdb:instantiate')?.dur ?? null,
		duckdbOpen: one('duckdb:open')?.dur ?? null,
		duckdbConnect: one('duckdb:connect')?.dur ?? null,
		duckdbTotal: total?.dur ?? null,
		duckdbReady: total?.end ?? null,
		fetchSpan: fetches.length ? Math.max(...fetches.map((r) => r.end)) - Math.min(...fetches.map((r) => r.start)) : null,
		insertTotal: inserts.reduce((s, x) => s + x.dur, 0),
		insertWindow: inserts.length ? Math.max(...inserts.map((x) => x.end)) - Math.min(...inserts.map((x) => x.start)) : null,
		dataReady,
		firstIndicatorQuery: firstIndicator?.dur ?? null,
		firstRepaint: firstRepaint?.dur ?? null,
		fetch: {},
		decode: {},
		insert: {}
	};
	// Resource Timing: network time per file (the app's fetch:<file> measures also include queueing).
	for (const r of fetches) out.fetch[path.basename(r.name)] = r.end - r.start;
	for (const x of pick(/^decode:/)) out.decode[x.name.slice(7)] ??= x.dur;
	for (const x of inserts) out.insert[x.name.slice(7)] = x.dur;
	const tables = m.resources.filter((r) => r.name.endsWith('.arrow'));
	out.tablesFetchStart = tables.length ? Math.min(...tables.map((r) => r.start)) : null;
	out.tablesFetchEnd = tables.length ? Math.max(...tables.map((r) => r.end)) : null;
	return out;
}

/** The wasm request as seen by the browser's network stack (the worker's own Resource Timing is not visible from the page). */
/**
 * The wasm is instantiated in the worker at `wasmReady`; the page handles the reply at the end
 * of `duckdb:instantiate`. The gap is the worker's own set-up after the wasm plus the time the
 * reply waited for the page's main thread (busy drawing the map, for instance).
 */
function workerTiming(w, m) {
	const inst = m.measures.find((x) => x.name === 'duckdb:instantiate');
	const wasmReady = w?.wasmReadyEpoch ? w.wasmReadyEpoch - m.timeOrigin : null;
	return { wasmReady, instantiateReplyWait: wasmReady !== null && inst ? inst.end - wasmReady : null };
}

function wasmTiming(reqs, timeOrigin) {
	const r = reqs.at(-1);
	if (!r) return { wasmFile: null, wasmDownload: null, wasmDownloadEnd: null };
	return { wasmFile: r.file, wasmDownload: r.responseEnd - r.requestStart, wasmDownloadEnd: r.startTime + r.responseEnd - timeOrigin };
}

// ---------------------------------------------------------------------------------------------
// UI changes on other pages, timed through the pages' revision hooks (an attribute the page
// increments once everything the change affects is on screen). Without the hook: n/a.

const CHANGE_REPS = 2;

async function gotoApp(page, route) {
	await page.goto(BASE + route, { waitUntil: 'commit' });
	await page.waitForFunction(() => window.__atlas?.data?.ready === true, null, { timeout: 180_000, polling: 100 });
	await page.evaluate(`${BROWSER_JS}\n;void 0`); // not an inline <script>: the CSP blocks those
}

/** Waits for the hook; false when the page does not have it (yet). */
const hasHook = (page, attr) => page.waitForSelector(`[${attr}]`, { state: 'attached', timeout: 30_000 }).then(() => true, () => false);
const quiet = (page, attr) => page.evaluate((a) => window.__bench.quiet(a, 1500), attr);

/** Runs `action` (real Playwright input) and returns ms from its input event until `attr` increments. */
async function timed(page, attr, action) {
	const from = await page.evaluate((a) => window.__bench.armRevision(a), attr);
	if (from === null) throw new Error(`${attr} missing`);
	await action();
	const r = await page.evaluate(() => window.__bench.settled());
	await quiet(page, attr);
	if (ONLY) (timed.parts ??= []).push({ step: step.current, measures: await measuresSince(page, r.t0, r.t0 + r.ms) });
	return r.ms;
}

/** The page's own measures (access:*, recolour:*, repaint:*) that started within [t0, t1]: where a change's time goes. */
const measuresSince = (page, t0, t1) =>
	page.evaluate(
		([a, b]) =>
			performance
				.getEntriesByType('measure')
				.filter((m) => m.startTime >= a - 1 && m.startTime <= b && /^(access|recolour|repaint):/.test(m.name))
				.map((m) => ({ name: m.name, start: m.startTime - a, ms: m.duration })),
		[t0, t1]
	);

/** Each step on its own: a failing step (page reworked, selector gone) is reported, the rest still runs. */
async function step(out, key, fn) {
	step.current = key;
	try {
		(out[key] ??= []).push(await fn());
	} catch (e) {
		(out.errors ??= []).push(`${key}: ${String(e).split('\n')[0]}`);
	}
}

/** /accessibilite: add a site by clicking the map, close a site, change a capacity. */
async function scenarioChanges(page) {
	const ATTR = 'data-settled-revision';
	await gotoApp(page, '/accessibilite');
	await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 180_000 });
	if (!(await hasHook(page, ATTR))) return { hook: false };
	await quiet(page, ATTR);
	const out = { hook: true, kind: await page.inputValue('#kind').catch(() => '?') };
	for (let i = 0; i < CHANGE_REPS; i++) {
		await step(out, 'add', async () => {
			await page.getByTestId('add-on-map').click();
			const box = await page.getByTestId('map').boundingBox();
			return timed(page, ATTR, () => page.mouse.click(box.x + box.width * (0.45 + 0.05 * i), box.y + box.height * 0.55));
		});
		await step(out, 'close', async () => {
			await pickSite(page, ATTR, 1 + 2 * i);
			return timed(page, ATTR, () => page.getByRole('button', { name: 'Fermer ce site' }).click());
		});
		await step(out, 'capacity', async () => {
			await pickSite(page, ATTR, 2 + 2 * i);
			const cap = Number(await page.inputValue('#new-cap'));
			await page.fill('#new-cap', String(cap + 10));
			return timed(page, ATTR, () => page.locator('form:has(#new-cap) button[type="submit"]').click());
		});
	}
	return out;
}

async function pickSite(page, attr, n) {
	const value = await page.locator('#site-pick option').nth(n).getAttribute('value');
	if (!value) throw new Error(`no site #${n} in #site-pick`);
	await page.selectOption('#site-pick', value);
	await quiet(page, attr);
}

/** /territoires: create a custom territory from pasted codes, then edit it, until the sector map has repainted. */
async function sectorRepaints(page) {
	const ATTR = 'data-painted-revision';
	await gotoApp(page, '/territoires');
	if (!(await hasHook(page, ATTR))) return { hook: false };
	await quiet(page, ATTR);
	const out = { hook: true };
	const codes = await page.evaluate(() => window.__bench.communeCodes('23', 40));
	const form = page.locator('form:has(#ct-codes)');
	await step(out, 'create', async () => {
		if (!(await page.isVisible('#ct-codes'))) await page.locator('details:has(#ct-codes) > summary').click();
		await page.fill('#ct-name', 'Banc d’essai');
		await page.fill('#ct-codes', codes.slice(0, 30).join('\n'));
		return timed(page, ATTR, () => form.locator('button[type="submit"]').click());
	});
	for (let i = 0; i < CHANGE_REPS + 1; i++) {
		await step(out, 'edit', async () => {
			await page.locator('li', { hasText: 'Banc d’essai' }).getByRole('button', { name: /^Modifier/ }).click();
			await page.fill('#ct-codes', codes.slice(0, 31 + i).join('\n'));
			await quiet(page, ATTR);
			const since = await page.evaluate(() => {
				// The sector map's frames and source loads during the edit (where its repaint time goes).
				const m = window.__atlas?.sectorMap;
				const ev = (window.__sectorEvents = []);
				const t = performance.now();
				const on = (type) => (e) => ev.push({ type, at: Math.round(performance.now() - t), src: e?.sourceId, loaded: e?.isSourceLoaded });
				window.__sectorOff?.();
				const hs = ['render', 'idle', 'movestart', 'zoomend', 'sourcedata'].map((type) => [type, on(type)]);
				if (m) for (const [type, h] of hs) m.on(type, h);
				window.__sectorOff = () => m && hs.forEach(([type, h]) => m.off(type, h));
				return t;
			});
			const ms = await timed(page, ATTR, () => form.locator('button[type="submit"]').click());
			const events = await page.evaluate(() => window.__sectorEvents);
			(out.editEvents ??= []).push(events.filter((e) => e.type !== 'sourcedata' || e.loaded).slice(0, 400));
			// The app's own measures during the edit (registration, sector map colour / outline / repaint).
			const parts = await page.evaluate(
				(t) =>
					performance
						.getEntriesByType('measure')
						.filter((m) => m.startTime >= t && /^(territories:(register|save|rows)|sector-map:)/.test(m.name))
						.reduce((o, m) => {
							const k = m.name.startsWith('territories:register') ? 'territories:register' : m.name;
							return { ...o, [k]: (o[k] ?? 0) + m.duration };
						}, {}),
				since
			);
			(out.editParts ??= []).push(parts);
			return ms;
		});
	}
	return out;
}

/** /ressources: type a search key by key, tick a kind, until the directory table is redrawn. */
async function directoryFilter(page) {
	const ATTR = 'data-table-revision';
	await gotoApp(page, '/ressources');
	if (!(await hasHook(page, ATTR))) return { hook: false };
	await page.waitForSelector('[data-testid="dir-count"][data-busy="false"]', { timeout: 180_000 });
	await quiet(page, ATTR);
	const out = { hook: true, rows: Number(await page.getByTestId('dir-count').getAttribute('data-count')) };
	const input = page.locator('#dir-q');
	for (const key of 'centre') await step(out, 'type', () => timed(page, ATTR, () => input.press(key)));
	await step(out, 'clear', () => timed(page, ATTR, () => input.fill('')));
	await page.locator('[data-testid="kind-filter"] summary').click();
	await step(out, 'kind', () => timed(page, ATTR, () => page.locator('input[data-kind="cmp"]').check()));
	return out;
}

/** Renderer memory with every FINESS family drawn (≈ 17 600 sites), after a GC: the heaviest state of the map page. */
async function memoryAllLayers(ctx, page, profile) {
	const shown = await page.evaluate(() => window.__bench.showAllFacilities());
	if (!shown.hook) return { ...shown };
	await pause(1000);
	const cdp = await ctx.newCDPSession(page);
	await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
	const heap = await cdp.send('Runtime.getHeapUsage');
	await cdp.detach().catch(() => {});
	return { ...shown, pageHeap: heap, rss: rendererRss(profile), worker: await duckdbWorker(page) };
}

const { pageTimings, PAGES, PAGE_TARGETS } = await import('./pages.mjs');
// Cold page loads use fresh incognito contexts (empty cache) of one browser.
const pagesBrowser = PAGES_ON && !ONLY ? await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROME_ARGS }) : null;

const results = { runs: [] };
const pause = (ms) => new Promise((r) => setTimeout(r, ms));
const t0All = Date.now();
const loadStart = os.loadavg();
let browserVersion = '?';
for (let run = 0; run < RUNS; run++) {
	log(`run ${run + 1}/${RUNS}`);
	const profile = fs.mkdtempSync(path.join(TMP, 'profile-'));
	const ctx = await launch(profile);
	browserVersion = ctx.browser()?.version() ?? browserVersion;
	await ctx.addInitScript(INIT);
	const page = ctx.pages()[0] ?? (await ctx.newPage());
	const errors = [];
	page.on('pageerror', (e) => errors.push(String(e)));
	const wasmFetch = [];
	ctx.on('requestfinished', (req) => {
		if (!req.url().endsWith('.wasm')) return;
		const t = req.timing();
		wasmFetch.push({ file: path.basename(new URL(req.url()).pathname), startTime: t.startTime, requestStart: Math.max(0, t.requestStart), responseEnd: t.responseEnd });
	});
	const R = { errors, served: {} };
	if (ONLY?.has('access')) {
		timed.parts = [];
		R.scenario = await scenarioChanges(page).catch((e) => ({ hook: true, errors: [String(e).split('\n')[0]] }));
		R.scenarioParts = timed.parts;
		log(`  scenario: add ${R.scenario.add?.map((x) => x.toFixed(0)).join(', ')} | close ${R.scenario.close?.map((x) => x.toFixed(0)).join(', ')} | capacity ${R.scenario.capacity?.map((x) => x.toFixed(0)).join(', ')} ms`);
		results.runs.push(R);
		await ctx.close();
		continue;
	}
	served = { requests: 0, bytes: 0, notModified: 0 };
	await page.goto(BASE + '/', { waitUntil: 'commit' });
	let lm = await loadMetrics(page);
	R.cold = { ...summariseLoad(lm), ...wasmTiming(wasmFetch, lm.timeOrigin), ...workerTiming(await duckdbWorker(page), lm) };
	R.served.cold = { ...served };
	log(`  cold: interactive at ${R.cold.tti.toFixed(0)} ms`);

	// Memory after the cold load
	await pause(1000);
	const cdp = await ctx.newCDPSession(page);
	if (browserVersion === '?') browserVersion = (await cdp.send('Browser.getVersion').catch(() => ({}))).product ?? '?';
	await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
	const heap = await cdp.send('Runtime.getHeapUsage');
	await page.evaluate(`${BROWSER_JS}\n;void 0`); // not an inline <script>: the CSP blocks those
	const mem = await page.evaluate(() => window.__bench.memory());
	R.memory = { pageHeap: heap, rss: rendererRss(profile), ...mem, worker: await duckdbWorker(page) };

	// Warm start: same profile, HTTP cache on disk
	wasmFetch.length = 0;
	served = { requests: 0, bytes: 0, notModified: 0 };
	await page.reload({ waitUntil: 'commit' });
	lm = await loadMetrics(page);
	R.warm = { ...summariseLoad(lm), ...wasmTiming(wasmFetch, lm.timeOrigin), ...workerTiming(await duckdbWorker(page), lm) };
	R.served.warm = { ...served };
	log(`  warm: interactive at ${R.warm.tti.toFixed(0)} ms (${(served.bytes / 1e6).toFixed(1)} MB from the server, ${served.notModified} × 304)`);
	if (pagesBrowser) {
		// Before the first commune zoom of the interactions, on a quiet page: the map page's own
		// first commune zoom is measured here in quick mode too.
		R.pages = await pageTimings(pagesBrowser, BASE, { viewport: { width: 1280, height: 800 }, log, only: PAGES_ONLY, timeout: PAGE_TIMEOUT });
	}
	if (QUICK) {
		await page.evaluate(`${BROWSER_JS}\n;void 0`);
		await pause(1500);
		// The default indicator (hospital capacity) stays by département in Auto: switch to one drawn by commune first.
		await page.evaluate(() => window.__bench.switchIndicator('gp_practices_per10k')).catch(() => {});
		R.zoomCommunes = await page.evaluate(() => window.__bench.zoomToCommunes()).catch((e) => ({ error: String(e) }));
		log(`  first zoom to communes: ${R.zoomCommunes.ms?.toFixed(0) ?? R.zoomCommunes.error} ms`);
		results.runs.push(R);
		await ctx.close();
		continue;
	}
	await page.evaluate(`${BROWSER_JS}\n;void 0`); // not an inline <script>: the CSP blocks those
	await pause(1500);
	if (ONLY) {
		if (ONLY.has('zoom')) {
			await page.evaluate(() => window.__bench.switchIndicator('gp_practices_per10k')).catch(() => {});
			await pause(1500);
			const since = await page.evaluate(() => {
				window.__longTasks = [];
				new PerformanceObserver((l) => window.__longTasks.push(...l.getEntries().map((e) => ({ at: e.startTime, ms: e.duration })))).observe({ type: 'longtask' });
				return performance.now();
			});
			R.zoomCommunes = await page.evaluate(() => window.__bench.zoomToCommunes()).catch((e) => ({ error: String(e) }));
			log(`  first zoom to communes: ${R.zoomCommunes.ms?.toFixed(0) ?? R.zoomCommunes.error} ms`);
			// What happened during the zoom: the app's measures and the main thread's long tasks, from the jump.
			R.zoomTimeline = await page.evaluate(
				(t) => ({
					measures: performance
						.getEntriesByType('measure')
						.filter((m) => m.startTime >= t)
						.map((m) => ({ name: m.name, at: Math.round(m.startTime - t), ms: Math.round(m.duration) })),
					longTasks: window.__longTasks.filter((e) => e.at >= t).map((e) => ({ at: Math.round(e.at - t), ms: Math.round(e.ms) }))
				}),
				since
			);
			log(`  zoom timeline: ${JSON.stringify(R.zoomTimeline)}`);
		}
		if (ONLY.has('side')) {
			const side = Object.fromEntries(W.recompute.filter((w) => w.level === 'departement' || w.level === 'commune').map((w) => [w.level, w]));
			R.side = await page.evaluate(({ side }) => window.__bench.sideBySide(side, 3), { side }).catch((e) => ({ error: String(e) }));
		}
		if (ONLY.has('territories')) R.sectorMap = await sectorRepaints(page).catch((e) => ({ hook: true, errors: [String(e).split('\n')[0]] }));
		results.runs.push(R);
		await ctx.close();
		continue;
	}
	if (FACILITIES_ONLY) {
		R.facilities = await page.evaluate(() => window.__bench.facilityLayerAll(3)).catch((e) => ({ error: String(e), ms: [] }));
		R.memoryAll = await memoryAllLayers(ctx, page, profile).catch((e) => ({ error: String(e) }));
		R.directory = await directoryFilter(page).catch((e) => ({ hook: true, errors: [String(e).split('\n')[0]] }));
		results.runs.push(R);
		await ctx.close();
		continue;
	}

	// Interactions until repaint
	R.switches = [];
	for (const id of W.switches) {
		R.switches.push(await page.evaluate((id) => window.__bench.switchIndicator(id), id));
		await pause(1000);
	}
	R.methods = await page.evaluate(() => window.__bench.switchMethod());
	await pause(800);
	R.facilities = await page.evaluate(() => window.__bench.facilityLayerAll(3)).catch((e) => ({ error: String(e), ms: [] }));
	R.memoryAll = await memoryAllLayers(ctx, page, profile).catch((e) => ({ error: String(e) }));
	await page.evaluate(() => window.__bench.restoreFacilities()).catch(() => {}); // back to the default key
	await pause(500);
	R.zoomCommunes = await page.evaluate(() => window.__bench.zoomToCommunes()).catch((e) => ({ error: String(e) }));
	await page.evaluate(() => window.__bench.zoomOut()).catch(() => {});
	await pause(500);

	// Indicator recompute per level, SQL only
	R.recompute = {};
	for (const w of W.recompute) R.recompute[w.level] = await page.evaluate(({ sql, params }) => window.__bench.timeSql(sql, params, 3), w);
	if (run === 0) {
		R.catalogue = [];
		for (const w of W.catalogue) {
			// An older build may lack a table this catalogue reads (e.g. finess_facilities): skipped, said.
			const r = await page.evaluate(({ sql, params }) => window.__bench.timeSql(sql, params, 1), w).catch((e) => ({ error: String(e).split('\n')[0] }));
			if (r.error) R.errors.push(`catalogue ${w.id} (${w.level}): ${r.error}`);
			else R.catalogue.push({ id: w.id, level: w.level, ms: r.ms[0], rows: r.rows });
		}
	}
	R.sector = await page
		.evaluate(({ setId, sql, params }) => window.__bench.sectorEdit(setId, sql, params, 3), { setId: BENCH_SET_ID, ...W.sector })
		.catch((e) => ({ error: String(e) }));
	R.access = await page.evaluate(() => window.__bench.access(3)).catch((e) => ({ error: String(e) }));
	const side = Object.fromEntries(W.recompute.filter((w) => w.level === 'departement' || w.level === 'commune').map((w) => [w.level, w]));
	R.side = await page.evaluate(({ side }) => window.__bench.sideBySide(side, 3), { side }).catch((e) => ({ error: String(e) }));
	R.io = await page.evaluate(() => window.__bench.ioLimit()).catch((e) => ({ error: String(e) }));
	R.scenario = await scenarioChanges(page).catch((e) => ({ hook: true, errors: [String(e).split('\n')[0]] }));
	R.sectorMap = await sectorRepaints(page).catch((e) => ({ hook: true, errors: [String(e).split('\n')[0]] }));
	R.directory = await directoryFilter(page).catch((e) => ({ hook: true, errors: [String(e).split('\n')[0]] }));
	log(`  scenario: ${R.scenario.hook ? 'measured' : 'hook absent'}; sector map: ${R.sectorMap.hook ? 'measured' : 'hook absent'}`);
	results.runs.push(R);
	await ctx.close();
}
await pagesBrowser?.close();
const benchWallS = (Date.now() - t0All) / 1000;
const loadEnd = os.loadavg();
server.close();

// ---------------------------------------------------------------------------------------------
// Sizes

function sizes(file) {
	const b = fs.readFileSync(file);
	if (QUICK || ONLY) return { raw: b.length, gzip: 0, brotli: 0 };
	return {
		raw: b.length,
		gzip: zlib.gzipSync(b, { level: 9 }).length,
		brotli: zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: b.length } }).length
	};
}
if (!QUICK && !ONLY) log('compressing artefacts (gzip -9, brotli 11)…');
const manifest = JSON.parse(fs.readFileSync(path.join(SITE, 'data', 'manifest.json'), 'utf8'));
const artefactSizes = {};
for (const a of manifest.artefacts) artefactSizes[a.file] = sizes(path.join(SITE, 'data', a.file));
artefactSizes['manifest.json'] = sizes(path.join(SITE, 'data', 'manifest.json'));
const sum = (o, k) => Object.values(o).reduce((s, x) => s + x[k], 0);
const artefactTotal = { raw: sum(artefactSizes, 'raw'), gzip: sum(artefactSizes, 'gzip'), brotli: sum(artefactSizes, 'brotli') };
const wasmFile = results.runs[0]?.cold?.wasmFile ?? null;
const appSizes = { js_css: { raw: 0, gzip: 0, brotli: 0 } };
for (const f of fs.readdirSync(path.join(SITE, '_app'), { recursive: true })) {
	const p = path.join(SITE, '_app', f);
	if (!fs.statSync(p).isFile()) continue;
	if (/\.(js|css)$/.test(f)) for (const [k, v] of Object.entries(sizes(p))) appSizes.js_css[k] += v;
	if (f.endsWith('.wasm') && (wasmFile ? path.basename(f) === wasmFile : path.basename(f).startsWith('duckdb-eh.'))) appSizes.wasm = { file: path.basename(f), ...sizes(p) };
}

// ---------------------------------------------------------------------------------------------
// Statistics and table

const sorted = (a) => [...a].filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((x, y) => x - y);
const med = (a) => {
	const s = sorted(a);
	return s.length ? (s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null;
};
const pct = (a, p) => {
	const s = sorted(a);
	return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : null;
};
const stat = (a) => {
	const s = sorted(a);
	return { median: med(s), min: s[0] ?? null, max: s.at(-1) ?? null, p95: pct(s, 95), n: s.length };
};
const runs = results.runs;
const col = (f) => runs.map((r) => { try { return f(r); } catch { return null; } }).flat();
const perRunMed = (f) => runs.map((r) => { try { return med(f(r)); } catch { return null; } });

const rows = [];
const add = (group, label, values, opts = {}) => {
	const s = stat(values);
	let status = '';
	if (opts.target !== undefined) {
		const v = opts.by === 'p95' ? s.p95 : s.median;
		status = v === null ? 'manqué (no data)' : v <= opts.target ? 'OK' : 'manqué';
	}
	if (s.n === 0 && opts.na) status = opts.na;
	rows.push({ group, label, ...s, target: opts.targetLabel ?? '', status, unit: opts.unit ?? 'ms' });
};

for (const kind of ONLY ? [] : ['cold', 'warm']) {
	const K = kind === 'cold' ? 'Cold start' : 'Warm start (HTTP cache)';
	add(K, 'DOMContentLoaded (since navigation)', col((r) => r[kind].dcl));
	add(K, 'DuckDB start requested (since navigation)', col((r) => r[kind].duckdbStart));
	add(K, 'wasm download (network, duckdb-eh.wasm)', col((r) => r[kind].wasmDownload));
	add(K, '  → wasm downloaded (since navigation)', col((r) => r[kind].wasmDownloadEnd));
	add(K, 'duckdb:instantiate (worker, download, compile)', col((r) => r[kind].duckdbInstantiate));
	add(K, '  of which compile after download', col((r) => r[kind].duckdbStart + r[kind].duckdbInstantiate - r[kind].wasmDownloadEnd));
	add(K, '  → wasm instantiated in the worker (since nav.)', col((r) => r[kind].wasmReady));
	add(K, '  reply handled on the page after (main thread)', col((r) => r[kind].instantiateReplyWait));
	add(K, 'duckdb:open (database open)', col((r) => r[kind].duckdbOpen));
	add(K, 'duckdb:connect (first connection, settings)', col((r) => r[kind].duckdbConnect));
	add(K, '  → DuckDB ready (since navigation)', col((r) => r[kind].duckdbReady), kind === 'cold' ? { target: 1500, targetLabel: '≤ 1500' } : {});
	add(K, 'table fetch window (first→last .arrow)', col((r) => r[kind].tablesFetchEnd - r[kind].tablesFetchStart));
	add(K, '  → tables downloaded (since navigation)', col((r) => r[kind].tablesFetchEnd));
	add(K, 'table creation (Σ insert:*)', col((r) => r[kind].insertTotal));
	add(K, '  → data ready (since navigation)', col((r) => r[kind].dataReady));
	add(K, 'first indicator query (indicator:*)', col((r) => r[kind].firstIndicatorQuery));
	add(K, 'first map repaint (repaint:*)', col((r) => r[kind].firstRepaint));
	add(K, '  → map geometry drawn, pannable (since nav.)', col((r) => r[kind].geometry ?? NaN));
	add(K, '  → first colours, canvas preview (before the WebGL map)', col((r) => r[kind].preview ?? NaN), kind === 'cold' ? { target: 1000, targetLabel: '≤ 1000' } : { target: 600, targetLabel: '≤ 600' });
	add(K, '  → first colours (precomputed frame, before the engine)', col((r) => r[kind].coloured ?? NaN), kind === 'cold' ? { target: 1000, targetLabel: '≤ 1000' } : { target: 600, targetLabel: '≤ 600' });
	add(K, '  → interactive: map painted (since nav.)', col((r) => r[kind].tti), kind === 'cold' ? { target: TARGETS.coldMs, targetLabel: '≤ 2500' } : {});
}
if (PAGES_ON && !ONLY) {
	const PG = 'Pages: first useful view / interactive (cold: since navigation, empty cache; in-app: since the link click)';
	const na = `manqué (not reached in ${PAGE_TIMEOUT / 1000} s, or failed: see errors)`;
	const C = { target: PAGE_TARGETS.coldMs, targetLabel: '≤ 1500', na };
	const N = { target: PAGE_TARGETS.inAppMs, targetLabel: '≤ 800', na };
	for (const p of PAGES.filter((x) => !PAGES_ONLY.length || PAGES_ONLY.includes(x.path))) {
		const name = p.path + (p.search ? ' (link)' : '');
		add(PG, `${name} cold: first useful view`, col((r) => r.pages?.cold[p.path]?.useful ?? null), C);
		add(PG, `${name} cold: interactive`, col((r) => r.pages?.cold[p.path]?.interactive ?? null), C);
		add(PG, `${name} in-app: first useful view`, col((r) => r.pages?.inApp[p.path]?.useful ?? null), N);
		add(PG, `${name} in-app: interactive`, col((r) => r.pages?.inApp[p.path]?.interactive ?? null), N);
		if (p.next) {
			add(PG, `${name} next view (${p.next.key}), cold page`, col((r) => r.pages?.cold[p.path]?.next ?? null), N);
			add(PG, `${name} next view (${p.next.key}), in-app page`, col((r) => r.pages?.inApp[p.path]?.next ?? null), N);
		}
	}
}
if (QUICK) add('Interactions (until repaint)', 'zoom to commune level (first time)', col((r) => r.zoomCommunes?.ms ?? null), { target: 500, targetLabel: '≤ 500' });
const files = Object.keys(runs[0]?.cold?.fetch ?? {});
for (const f of files) add('Cold start: fetch per artefact (network)', `fetch ${f}`, col((r) => r.cold.fetch[f]));
for (const f of Object.keys(runs[0]?.cold?.decode ?? {})) add('Cold start: decode per artefact', `decode ${f} (JSON.parse)`, col((r) => r.cold.decode[f]));
for (const n of Object.keys(runs[0]?.cold?.insert ?? {})) add('Cold start: decode per artefact', `insert ${n}.arrow (DuckDB table)`, col((r) => r.cold.insert[n]));

const sideMed = {};
function workloadRows() {
	const I = 'Interactions (until repaint)';
	const P95 = { target: TARGETS.interactionMs, targetLabel: 'p95 ≤ 100', by: 'p95' };
	const signal = [...new Set(col((r) => r.switches.map((x) => x.signal)))].join('/') || '?';
	add(I, `indicator switch (département map, until ${signal})`, col((r) => r.switches.map((x) => x.ms)), P95);
	add(I, '  of which query (indicator:*)', col((r) => r.switches.map((x) => x.query)));
	add(I, '  of which recolour (recolour:*)', col((r) => r.switches.map((x) => x.recolour)));
	add(I, '  of which repaint to idle (repaint:*)', col((r) => r.switches.map((x) => x.repaint)));
	add(I, '  first frame with new colours', col((r) => r.switches.map((x) => x.firstFrame)), P95);
	add(I, '  frames drawn until idle', col((r) => r.switches.map((x) => x.frames)), { unit: 'n' });
	add(I, 'class method switch', col((r) => r.methods.map((x) => x.ms)), P95);
	add(I, '  of which repaint to idle (repaint:*)', col((r) => r.methods.map((x) => x.repaint)));
	add(I, `facility layer: all kinds, national (${runs[0]?.facilities?.points ?? '?'} pts)`, col((r) => r.facilities?.ms ?? []), {
		...P95,
		na: runs.some((r) => r.facilities?.hook) ? 'failed (see errors)' : 'n/a (FINESS legend absent)'
	});
	add(I, 'zoom to commune level (first time)', col((r) => r.zoomCommunes.ms ?? null), { target: 500, targetLabel: '≤ 500' });
	add(I, '  of which query + recolour', col((r) => (r.zoomCommunes.ms === undefined ? null : r.zoomCommunes.query + r.zoomCommunes.recolour)));
	add(I, 'sector edit: register set', col((r) => r.sector.edits.map((e) => e.register)));
	add(I, 'sector edit: recompute (SQL)', col((r) => r.sector.edits.map((e) => e.recompute)));
	add(I, 'sector edit total (no repaint: SQL only)', col((r) => r.sector.edits.map((e) => e.total)), { target: TARGETS.interactionMs, targetLabel: 'p95 ≤ 100', by: 'p95' });

	// n/a when the page has no hook; "failed" when it has one but a step could not be driven.
	const hookStatus = (k) => (runs.some((r) => r[k]?.hook) ? 'failed (see errors)' : 'n/a (hook absent)');
	const U = 'UI changes until every figure is updated (revision hooks, from the input event)';
	const kind = runs.find((r) => r.scenario?.kind)?.scenario.kind;
	const P150 = { target: TARGETS.editMs, targetLabel: 'p95 ≤ 150', by: 'p95' };
	const PU = { ...P150, na: hookStatus('scenario') };
	add(U, `scenario: add a site by map click${kind ? ` (${kind})` : ''}`, col((r) => r.scenario.add ?? []), PU);
	add(U, 'scenario: close a site', col((r) => r.scenario.close ?? []), PU);
	add(U, 'scenario: change a capacity', col((r) => r.scenario.capacity ?? []), PU);
	const PS = { ...P150, na: hookStatus('sectorMap') };
	add(U, 'custom territory: create (30 communes), map repainted', col((r) => r.sectorMap.create ?? []), PS);
	add(U, 'custom territory: edit (+1 commune), map repainted', col((r) => r.sectorMap.edit ?? []), PS);
	const PD = { target: TARGETS.directoryMs, targetLabel: '≤ 100', na: hookStatus('directory') };
	const dirRows = runs.find((r) => r.directory?.rows)?.directory.rows;
	add(U, `directory filter: type a search key, table redrawn${dirRows ? ` (${dirRows} sites)` : ''}`, col((r) => r.directory.type ?? []), { ...PD, by: 'p95', targetLabel: 'p95 ≤ 100' });
	add(U, 'directory filter: tick a kind, table redrawn', col((r) => r.directory.kind ?? []), PD);
	add(U, 'directory filter: clear the search, table redrawn', col((r) => r.directory.clear ?? []), PD);
	const M = 'Memory after cold load';
	const mb = (x) => (typeof x === 'number' ? x / 1048576 : null);
	add(M, 'page JS heap used (CDP)', col((r) => mb(r.memory.pageHeap?.usedSize)), { unit: 'MiB' });
	add(M, 'page ArrayBuffer backing stores (CDP)', col((r) => mb(r.memory.pageHeap?.backingStorageSize)), { unit: 'MiB' });
	add(M, 'DuckDB buffer manager (Σ duckdb_memory())', col((r) => mb(r.memory.duckdbMemory?.reduce((s, x) => s + Number(x.memory_usage_bytes), 0))), { unit: 'MiB' });
	add(M, 'DuckDB worker wasm linear memory', col((r) => mb(r.memory.worker?.wasmLinearMemory)), { unit: 'MiB' });
	add(M, 'renderer process RSS (page + workers + wasm)', col((r) => mb(r.memory.rss?.rendererMax)), { unit: 'MiB' });
	add(M, 'all browser processes (Σ PSS)', col((r) => mb(r.memory.rss?.allProcessesPss)), { unit: 'MiB' });
	const MA = `Memory with every layer shown (all ${runs[0]?.memoryAll?.families ?? '?'} FINESS families, ${runs[0]?.memoryAll?.points ?? '?'} sites drawn)`;
	const mib = (x) => (typeof x === 'number' ? x / 1048576 : null);
	const naAll = { na: runs.some((r) => r.memoryAll?.hook) ? 'failed (see errors)' : 'n/a (FINESS legend absent)' };
	add(MA, 'page JS heap used (CDP)', col((r) => mib(r.memoryAll?.pageHeap?.usedSize)), { unit: 'MiB', ...naAll });
	add(MA, 'page ArrayBuffer backing stores (CDP)', col((r) => mib(r.memoryAll?.pageHeap?.backingStorageSize)), { unit: 'MiB', ...naAll });
	add(MA, 'DuckDB worker wasm linear memory', col((r) => mib(r.memoryAll?.worker?.wasmLinearMemory)), { unit: 'MiB', ...naAll });
	add(MA, 'renderer process RSS (page + workers + wasm)', col((r) => mib(r.memoryAll?.rss?.rendererMax)), { unit: 'MiB', ...naAll });
	add(MA, 'all browser processes (Σ PSS)', col((r) => mib(r.memoryAll?.rss?.allProcessesPss)), { unit: 'MiB', ...naAll });
	if (FACILITIES_ONLY) return;

	const Q = `Indicator recompute (${W.defaultIndicator}, data.query)`;
	for (const w of W.recompute) add(Q, `${w.level} (${runs[0]?.recompute[w.level]?.rows ?? '?'} rows)`, col((r) => r.recompute[w.level].ms));
	if (runs[0]?.catalogue) {
		for (const lvl of ['departement', 'commune'])
			add(Q.replace(W.defaultIndicator, 'whole catalogue, run 1'), `every indicator, ${lvl}`, runs[0].catalogue.filter((c) => c.level === lvl).map((c) => c.ms));
	}

	const A = `Accessibility (browser, ${runs[0]?.access?.origins ?? '?'} communes)`;
	add(A, 'extract communes + sites (SQL)', col((r) => r.access.extractMs));
	add(A, `nearest hospital site (${runs[0]?.access?.hospitalSites ?? '?'} sites)`, perRunMed((r) => r.access.nearestHospitalSites), { target: TARGETS.nearestMs, targetLabel: '≤ 200' });
	add(A, `nearest SAE establishment (${runs[0]?.access?.saeSites ?? '?'})`, perRunMed((r) => r.access.nearestSae), { target: TARGETS.nearestMs, targetLabel: '≤ 200' });
	add(A, '2SFCA drees2012 (adult beds)', perRunMed((r) => r.access.sfcaDrees2012), { target: TARGETS.sfcaMs, targetLabel: '≤ 500' });
	add(A, '2SFCA gaussian20 (adult beds)', perRunMed((r) => r.access.sfcaGaussian20), { target: TARGETS.sfcaMs, targetLabel: '≤ 500' });

	sideRows();

	const L = 'Load vs pure I/O limit';
	add(L, 'fetch all artefacts, no cache', col((r) => r.io.fetchMs));
	add(L, 'decode all (flechette + JSON.parse)', col((r) => r.io.decodeMs));
	add(L, 'I/O limit = fetch + decode', col((r) => r.io.fetchMs + r.io.decodeMs));
	add(L, 'local throughput', col((r) => r.io.mbPerS), { unit: 'MB/s' });
	add(L, 'app: data ready (cold)', col((r) => r.cold.dataReady));
	add(L, 'cold first colours ÷ I/O limit (per run)', col((r) => (r.cold.coloured ?? NaN) / (r.io.fetchMs + r.io.decodeMs)), { unit: '×', target: TARGETS.ioRatio, targetLabel: '≤ 3' });
	add(L, 'cold first colours, canvas preview ÷ I/O limit', col((r) => (r.cold.preview ?? NaN) / (r.io.fetchMs + r.io.decodeMs)), { unit: '×', target: TARGETS.ioRatio, targetLabel: '≤ 3' });

}
/** DuckDB, arquero and plain TS on the same Arrow data (full run and --only side). */
function sideRows() {
	const S = 'Side by side (beds_adult_per100k, same Arrow data)';
	for (const lvl of ['departement', 'commune'])
		for (const eng of ['duckdb', 'arquero', 'ts']) {
			const v = perRunMed((r) => r.side[lvl][eng]);
			sideMed[`${lvl}.${eng}`] = med(v);
			add(S, `${lvl}: ${eng === 'ts' ? 'plain TypeScript' : eng}`, v);
		}
	add(S, 'commune: DuckDB ÷ plain TS (per run)', runs.map((r) => { try { return med(r.side.commune.duckdb) / med(r.side.commune.ts); } catch { return null; } }), { unit: '×', target: TARGETS.duckdbVsTs, targetLabel: '≤ 1.5' });
	add(S, 'decode (flechette, 5 tables)', col((r) => r.side.decodeFlechette));
	add(S, 'decode (arquero fromArrow, 5 tables)', col((r) => r.side.decodeArquero));
}
/** --only access: the scenario rows, then per step kind the page's measures (start after the input event, duration). */
function accessRows() {
	const U = 'UI changes until every figure is updated (revision hooks, from the input event)';
	const kind = runs.find((r) => r.scenario?.kind)?.scenario.kind;
	const PU = { target: TARGETS.editMs, targetLabel: 'p95 ≤ 150', by: 'p95', na: 'failed (see errors)' };
	const labels = { add: `scenario: add a site by map click${kind ? ` (${kind})` : ''}`, close: 'scenario: close a site', capacity: 'scenario: change a capacity' };
	for (const [k, label] of Object.entries(labels)) {
		add(U, label, col((r) => r.scenario[k] ?? []), PU);
		const parts = runs.flatMap((r) => (r.scenarioParts ?? []).filter((p) => p.step === k));
		const names = [...new Set(parts.flatMap((p) => p.measures.map((m) => m.name)))];
		for (const n of names) {
			const of = (f) => parts.map((p) => p.measures.filter((m) => m.name === n)).filter((ms) => ms.length).map(f);
			add(U, `  ${n}: starts after input`, of((ms) => ms[0].start));
			add(U, `  ${n}: duration (Σ)`, of((ms) => ms.reduce((s, m) => s + m.ms, 0)));
		}
	}
}
if (ONLY) {
	const I = 'Interactions (until repaint)';
	if (ONLY.has('zoom')) {
		add(I, 'zoom to commune level (first time)', col((r) => r.zoomCommunes?.ms ?? null), { target: 500, targetLabel: '≤ 500' });
		add(I, '  of which query + recolour', col((r) => (r.zoomCommunes?.ms === undefined ? null : r.zoomCommunes.query + r.zoomCommunes.recolour)));
	}
	if (ONLY.has('territories')) {
		const U = 'UI changes until every figure is updated (revision hooks, from the input event)';
		const PS = { target: TARGETS.editMs, targetLabel: 'p95 ≤ 150', by: 'p95', na: runs.some((r) => r.sectorMap?.hook) ? 'failed (see errors)' : 'n/a (hook absent)' };
		add(U, 'custom territory: create (30 communes), map repainted', col((r) => r.sectorMap?.create ?? []), PS);
		add(U, 'custom territory: edit (+1 commune), map repainted', col((r) => r.sectorMap?.edit ?? []), PS);
		const parts = [...new Set(col((r) => (r.sectorMap?.editParts ?? []).flatMap((p) => Object.keys(p))))].sort();
		for (const k of parts) add(U, `  of which ${k}`, col((r) => (r.sectorMap?.editParts ?? []).map((p) => p[k] ?? 0)));
	}
	if (ONLY.has('access')) accessRows();
	if (ONLY.has('side')) sideRows();
} else if (!QUICK) workloadRows();
const dbMem = (r) => {
	const d = r.memory.databaseSize?.[0]?.memory_usage;
	return typeof d === 'string' ? d : null;
};

const fmt = (v, unit) => (v === null || v === undefined ? '—' : unit === 'ms' ? (v >= 100 ? v.toFixed(0) : v.toFixed(1)) : v.toFixed(1));
const lines = [];
const cpu = os.cpus()[0]?.model ?? '?';
let commit = '?';
let dirty = false;
// With --dir, the commit is the one the measured build comes from (its parent folder's checkout,
// e.g. a worktree), not this checkout's: unknown when that folder is not a git checkout.
const SOURCE = args.includes('--dir') ? path.dirname(BUILD) : ROOT;
try {
	commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: SOURCE, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
	dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: SOURCE, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim().length > 0;
} catch {
	if (SOURCE !== ROOT) commit = `? (build ${BUILD})`;
}
lines.push(`Atlas PTSM benchmark — ${new Date().toISOString()} — commit ${commit}${dirty ? ' (+ uncommitted changes)' : ''}`);
lines.push(`${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; Chromium ${browserVersion} headless, SwiftShader (software WebGL); ${RUNS} runs; wall ${benchWallS.toFixed(0)} s`);
lines.push(`Load average (1 min) at start ${loadStart[0].toFixed(1)}, at end ${loadEnd[0].toFixed(1)}${Math.max(loadStart[0], loadEnd[0]) > os.cpus().length ? ' — machine busy with other work: figures are inflated' : ''}`);
lines.push('');
let g = null;
const W1 = 52;
lines.push(`${'metric'.padEnd(W1)} ${'median'.padStart(9)} ${'min'.padStart(9)} ${'max'.padStart(9)} ${'p95'.padStart(9)} unit  target        status`);
for (const r of rows) {
	if (r.group !== g) {
		g = r.group;
		lines.push(`\n## ${g}`);
	}
	lines.push(
		`${r.label.slice(0, W1).padEnd(W1)} ${fmt(r.median, r.unit).padStart(9)} ${fmt(r.min, r.unit).padStart(9)} ${fmt(r.max, r.unit).padStart(9)} ${fmt(r.p95, r.unit).padStart(9)} ${r.unit.padEnd(5)} ${r.target.padEnd(13)} ${r.status}`
	);
}
if (!QUICK && (!ONLY || ONLY.has('side'))) {
	lines.push('\n## Side-by-side ratios (median compute time, relative to DuckDB-wasm; < 1 = faster than DuckDB)');
	for (const lvl of ['departement', 'commune']) {
		const d = sideMed[`${lvl}.duckdb`];
		const a = sideMed[`${lvl}.arquero`];
		const t = sideMed[`${lvl}.ts`];
		lines.push(`${lvl.padEnd(12)} DuckDB 1.00 (${fmt(d, 'ms')} ms) | arquero ${a ? `${(a / d).toFixed(2)} (${fmt(a, 'ms')} ms)` : 'not run'} | plain TS ${(t / d).toFixed(2)} (${fmt(t, 'ms')} ms)`);
		const c = runs[0]?.side?.[lvl];
		if (c) lines.push(`${''.padEnd(12)} check vs DuckDB: arquero ${c.checkArquero ? `${c.checkArquero.mismatches} mismatches / ${c.checkArquero.rows[0]} rows` : 'not run (CSP refuses new Function)'}, TS ${c.checkTs.mismatches} mismatches / ${c.checkTs.rows[0]} rows`);
	}
	const io = med(col((r) => r.io.fetchMs + r.io.decodeMs));
	const dr = med(col((r) => r.cold.dataReady));
	const tti = med(col((r) => r.cold.tti));
	if (io) lines.push(`\nLoad vs I/O limit: data ready ${fmt(dr, 'ms')} ms, interactive ${fmt(tti, 'ms')} ms vs I/O limit ${fmt(io, 'ms')} ms (fetch + decode of ${(artefactTotal.raw / 1e6).toFixed(1)} MB at ${fmt(med(col((r) => r.io.mbPerS)), 'x')} MB/s): ×${(dr / io).toFixed(1)} / ×${(tti / io).toFixed(1)}`);
	lines.push(`DuckDB memory (PRAGMA database_size, run 1): ${runs[0] ? dbMem(runs[0]) ?? 'not available' : '—'}`);
}
const sv = (k) => [...new Set(runs.map((r) => `${(r.served[k].bytes / 1e6).toFixed(1)} MB, ${r.served[k].requests} requests, ${r.served[k].notModified} × 304`))].join(' | ');
if (!ONLY) lines.push(`Served per run: cold ${sv('cold')}; warm ${sv('warm')}`);

if (!QUICK && !ONLY) {
	lines.push('\n## Artefact sizes (bytes: raw / gzip -9 / brotli 11)');
	for (const [f, s] of Object.entries(artefactSizes)) lines.push(`${f.padEnd(28)} ${String(s.raw).padStart(10)} ${String(s.gzip).padStart(10)} ${String(s.brotli).padStart(10)}`);
	const gzOk = artefactTotal.gzip <= TARGETS.gzipBytes;
	lines.push(`${'TOTAL data artefacts'.padEnd(28)} ${String(artefactTotal.raw).padStart(10)} ${String(artefactTotal.gzip).padStart(10)} ${String(artefactTotal.brotli).padStart(10)}   target gzip ≤ 10 MiB: ${gzOk ? 'OK' : 'manqué'} (${(artefactTotal.gzip / 2 ** 20).toFixed(2)} MiB)`);
	lines.push(`${'app JS + CSS (all chunks)'.padEnd(28)} ${String(appSizes.js_css.raw).padStart(10)} ${String(appSizes.js_css.gzip).padStart(10)} ${String(appSizes.js_css.brotli).padStart(10)}`);
	if (appSizes.wasm) lines.push(`${('wasm ' + (appSizes.wasm.file ?? '')).slice(0, 28).padEnd(28)} ${String(appSizes.wasm.raw).padStart(10)} ${String(appSizes.wasm.gzip).padStart(10)} ${String(appSizes.wasm.brotli).padStart(10)}`);
}
const stepErrs = [...new Set(runs.flatMap((r) => [...(r.pages?.errors ?? []), ...(r.scenario?.errors ?? []), ...(r.sectorMap?.errors ?? []), ...(r.directory?.errors ?? [])]))];
if (stepErrs.length) lines.push(`\nUI change steps that failed: ${stepErrs.join(' | ')}`);
const errs = runs.flatMap((r) => r.errors);
if (errs.length) lines.push(`\nPage errors: ${[...new Set(errs)].join(' | ')}`);
lines.push('Notes: local loopback server, no compression on the wire; SwiftShader renders WebGL on the CPU, so repaint figures are pessimistic vs a GPU; \'sector edit\' rows are SQL only, the custom-territory rows include the sector map repaint.');

// --before file.json: an earlier results.json (e.g. the old build measured with --dir in the same
// sitting) printed beside this run, row by row; counts inside labels are ignored when matching.
const BEFORE = arg('before', '');
if (BEFORE) {
	const old = JSON.parse(fs.readFileSync(path.resolve(ROOT, BEFORE), 'utf8'));
	const key = (r) => `${r.group}|${r.label}`.replace(/\d[\d\s\u202f]*/g, '#');
	const oldRows = new Map(old.summary.map((r) => [key(r), r]));
	const ratio = (b, a) => (typeof b === 'number' && typeof a === 'number' && b > 0 ? `×${(a / b).toFixed(2)}` : '');
	lines.push(`\n# Before → after: before = ${BEFORE} (commit ${old.commit}, ${old.date}, load ${old.machine.loadAverage.start[0].toFixed(1)}→${old.machine.loadAverage.end[0].toFixed(1)}); after = this run`);
	lines.push(`${'metric'.padEnd(W1)} ${'before'.padStart(9)} ${'after'.padStart(9)} ${'ratio'.padStart(7)} ${'p95 bef.'.padStart(9)} ${'p95 aft.'.padStart(9)} unit  target        status (after)`);
	g = null;
	for (const r of rows) {
		const o = oldRows.get(key(r));
		if (r.group !== g) {
			g = r.group;
			lines.push(`\n## ${g}`);
		}
		lines.push(
			`${r.label.slice(0, W1).padEnd(W1)} ${fmt(o?.median, r.unit).padStart(9)} ${fmt(r.median, r.unit).padStart(9)} ${ratio(o?.median, r.median).padStart(7)} ${fmt(o?.p95, r.unit).padStart(9)} ${fmt(r.p95, r.unit).padStart(9)} ${r.unit.padEnd(5)} ${r.target.padEnd(13)} ${r.status}`
		);
	}
}
const table = lines.join('\n');
console.log(table);

const out = {
	date: new Date().toISOString(),
	commit,
	dirty,
	machine: { cpu, cores: os.cpus().length, loadAverage: { start: loadStart, end: loadEnd }, memoryBytes: os.totalmem(), platform: `${os.type()} ${os.release()}`, node: process.version },
	browser: { name: 'chromium', version: browserVersion, headless: true, webgl: 'SwiftShader (software)' },
	runs: RUNS,
	benchWallSeconds: benchWallS,
	targets: TARGETS,
	summary: rows,
	sideBySide: sideMed,
	sizes: { artefacts: artefactSizes, artefactTotal, app: appSizes },
	server: served,
	raw: results.runs,
	table
};
fs.writeFileSync(OUT, JSON.stringify(out, null, '\t'));
log(`wrote ${path.relative(ROOT, OUT)}`);
fs.rmSync(TMP, { recursive: true, force: true });
