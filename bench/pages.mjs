/**
 * Every page, cold (empty cache, new browser context) and in-app (a click on a link, SvelteKit's
 * client-side navigation): time to the first useful view (the page's figures drawn) and to
 * interactive (the same, plus the data engine ready and the page's controls live).
 * Each page's signals are attributes the page itself sets (the e2e tests wait for the same ones).
 */

const painted = (id) => `[data-testid="map"][data-ready="true"][data-indicator="${id}"]`;

/** useful / interactive: CSS selectors that must all match; absent: must not match. */
export const PAGES = [
	{ path: '/', useful: ['[data-testid="map"][data-ready="true"][data-indicator]'], interactive: [] },
	{ path: '/territoires', useful: ['[data-testid="sector-map"][data-ready="true"]'], interactive: [], absent: ['.loading-slot'] },
	{ path: '/ecarts', useful: ['[data-testid="gap-table"] tbody tr', '[data-testid="gap-map"] path[data-code]'], interactive: [] },
	{ path: '/comparer', search: '?v=1&t=departement%3A69&t=departement%3A38', useful: ['[data-testid="compare-table"] tbody tr'], interactive: [] },
	{ path: '/accessibilite', useful: ['[data-testid="access-results"]:not([data-settled-revision="0"])'], interactive: [] },
	{ path: '/diagnostic', search: '?territoire=departement%3A01', useful: ['[data-testid="diagnostic"][aria-busy="false"]'], interactive: ['[data-testid="diag-map"] svg path[data-code]'] },
	{
		path: '/projection',
		search: '?dep=23&vues=lits-adultes,medecins,territoire',
		useful: [painted('beds_adult_per100k')],
		interactive: ['[data-testid="projection-takeaway"]'],
		next: { key: 'PageDown', focus: '[data-testid="projection-title"]', useful: [painted('gp_practices_per10k')] }
	},
	{ path: '/ressources', useful: ['[data-testid="dir-count"][data-busy="false"]'], interactive: [] }
];

export const PAGE_TARGETS = { coldMs: 1500, inAppMs: 800 };

/**
 * In the page: resolves with { useful, interactive } in ms since `t0` (performance.now() scale).
 * `stale`: elements present before an in-app navigation, which do not count.
 */
const WAIT = ({ spec, t0, timeout }) =>
	new Promise((resolve) => {
		const stale = window.__benchStale ?? new Set();
		const fresh = (sel) => [...document.querySelectorAll(sel)].some((e) => !stale.has(e));
		const all = (list) => list.every(fresh);
		const out = { useful: null, interactive: null };
		const check = () => {
			if (location.pathname !== spec.path) return;
			const noneAbsent = !(spec.absent ?? []).some((s) => document.querySelector(s));
			const now = performance.now();
			if (out.useful === null && all(spec.useful)) out.useful = now - t0;
			if (out.useful !== null && out.interactive === null && all(spec.interactive) && noneAbsent && window.__atlas?.data?.ready === true)
				out.interactive = now - t0;
			if (out.interactive !== null) finish();
		};
		const obs = new MutationObserver(check);
		const iv = setInterval(check, 25);
		const to = setTimeout(() => finish(), timeout);
		function finish() {
			obs.disconnect();
			clearInterval(iv);
			clearTimeout(to);
			resolve(out);
		}
		obs.observe(document, { subtree: true, childList: true, attributes: true });
		check();
	});

/** Marks every element matching the spec's selectors as stale, then clicks a same-origin link (client-side navigation). */
const CLICK = ({ spec, href }) => {
	const sels = [...spec.useful, ...spec.interactive, ...(spec.next?.useful ?? [])];
	window.__benchStale = new Set(sels.flatMap((s) => [...document.querySelectorAll(s)]));
	const a = document.createElement('a');
	a.href = href;
	a.textContent = 'bench';
	document.body.append(a);
	const t0 = performance.now();
	a.click();
	a.remove();
	return t0;
};

async function nextView(page, spec, timeout) {
	if (!spec.next) return null;
	await page.focus(spec.next.focus).catch(() => {});
	const nspec = { ...spec, useful: spec.next.useful, interactive: [], absent: [] };
	await page.evaluate((sels) => (window.__benchStale = new Set(sels.flatMap((s) => [...document.querySelectorAll(s)]))), nspec.useful);
	const t0 = await page.evaluate(() => performance.now());
	const p = page.evaluate(WAIT, { spec: nspec, t0, timeout }).catch(() => ({ useful: null }));
	await page.keyboard.press(spec.next.key).catch(() => {});
	return (await p).useful;
}

/** A step that may hang (a page frozen, a route an older build lacks): rejects after `ms`. */
function bounded(p, ms, what) {
	let to;
	return Promise.race([p, new Promise((_, reject) => (to = setTimeout(() => reject(new Error(`${what}: no answer in ${ms / 1000} s`)), ms)))]).finally(() => clearTimeout(to));
}

/** One run: every page cold (fresh context each), then every page in-app from the map page. */
export async function pageTimings(browser, base, { viewport, timeout = 120_000, log = () => {}, only = [] } = {}) {
	const pages = PAGES.filter((p) => !only.length || only.includes(p.path));
	const cold = {};
	const inApp = {};
	const errors = [];
	for (const spec of pages) {
		const ctx = await browser.newContext({ viewport });
		try {
			const page = await ctx.newPage();
			await page.goto(base + spec.path + (spec.search ?? ''), { waitUntil: 'commit' });
			// performance.now() is measured from navigation start: the cold figure is "since navigation".
			const r = await page.evaluate(WAIT, { spec, t0: 0, timeout });
			r.next = await nextView(page, spec, timeout);
			cold[spec.path] = r;
			log(`  page cold ${spec.path}: useful ${r.useful?.toFixed(0)} ms, interactive ${r.interactive?.toFixed(0)} ms${r.next != null ? `, next view ${r.next.toFixed(0)} ms` : ''}`);
		} catch (e) {
			errors.push(`cold ${spec.path}: ${String(e).split('\n')[0]}`);
		} finally {
			await ctx.close();
		}
	}
	const ctx = await browser.newContext({ viewport });
	try {
		const page = await ctx.newPage();
		await page.goto(base + '/sources', { waitUntil: 'commit' });
		// An older build may have no hook on /sources: its in-app figures then include the engine's start.
		await page.waitForFunction(() => window.__atlas?.data?.ready === true, null, { timeout, polling: 100 }).catch(() => {
			errors.push(`in-app: the data engine was not seen ready on /sources within ${timeout / 1000} s (hook absent?)`);
		});
		// In-app order: each page from the previous one; the map page last (from the directory).
		for (const spec of pages[0] === PAGES[0] ? [...pages.slice(1), pages[0]] : pages) {
			try {
				const r = await bounded(
					(async () => {
						const t0 = await page.evaluate(CLICK, { spec, href: spec.path + (spec.search ?? '') });
						const r = await page.evaluate(WAIT, { spec, t0, timeout });
						r.next = await nextView(page, spec, timeout);
						return r;
					})(),
					3 * timeout,
					`in-app ${spec.path}`
				);
				inApp[spec.path] = r;
				log(`  page in-app ${spec.path}: useful ${r.useful?.toFixed(0)} ms, interactive ${r.interactive?.toFixed(0)} ms`);
				await page.waitForTimeout(500);
			} catch (e) {
				errors.push(`in-app ${spec.path}: ${String(e).split('\n')[0]}`);
			}
		}
	} finally {
		await ctx.close();
	}
	return { cold, inApp, errors };
}
