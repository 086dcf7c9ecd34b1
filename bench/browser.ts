/**
 * Page-side benchmark helpers, bundled by bench/run.mjs (esbuild, IIFE) and injected into the
 * built app once it is ready. Uses the app's read-only handle `window.__atlas` for DuckDB and
 * the app's own pure modules (access/, territories.ts) for the rest. Never shipped.
 */
import { tableFromIPC } from '@uwdata/flechette';
import * as aq from 'arquero';
import { handleMessage } from '../src/lib/geo/access/worker';
import { registerTerritorySet, type TerritorySet } from '../src/lib/geo/territories';

interface AtlasData {
	query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
	manifest: { artefacts: { name: string; file: string; kind: string; bytes: number }[] } | null;
	database(): Promise<unknown>;
}
const atlas = () => (window as unknown as { __atlas: { data: AtlasData; map: unknown } }).__atlas;
const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => atlas().data.query<T>(sql, params);
const now = () => performance.now();
const num = (v: unknown) => (v === null || v === undefined ? NaN : Number(v));

// ---------------------------------------------------------------------------------------------
// Timed SQL

async function timeSql(sql: string, params: unknown[], reps: number): Promise<{ ms: number[]; rows: number }> {
	const ms: number[] = [];
	let rows = 0;
	for (let r = 0; r < reps; r++) {
		const t0 = now();
		const out = await q(sql, params);
		ms.push(now() - t0);
		rows = out.length;
	}
	return { ms, rows };
}

// ---------------------------------------------------------------------------------------------
// UI interactions until repaint (data-ready="true" with the expected attributes)

function mapEl(): HTMLElement {
	const el = document.querySelector<HTMLElement>('[data-testid="map"]');
	if (!el) throw new Error('map container missing');
	return el;
}
function waitMap(pred: (el: HTMLElement) => boolean, timeoutMs = 60_000): Promise<number> {
	const el = mapEl();
	return new Promise((resolve, reject) => {
		const check = () => {
			if (el.dataset.ready === 'true' && pred(el)) {
				obs.disconnect();
				clearTimeout(timer);
				resolve(now());
				return true;
			}
			return false;
		};
		const obs = new MutationObserver(check);
		const timer = setTimeout(() => {
			obs.disconnect();
			reject(new Error(`map not repainted after ${timeoutMs} ms`));
		}, timeoutMs);
		obs.observe(el, { attributes: true });
	});
}

/** Resolves with the time at which `pred` first holds after an attribute change anywhere in the page. */
function waitDocument(pred: () => boolean, timeoutMs = 60_000): Promise<number> {
	return new Promise((resolve, reject) => {
		const obs = new MutationObserver(() => {
			if (!pred()) return;
			obs.disconnect();
			clearTimeout(timer);
			resolve(now());
		});
		const timer = setTimeout(() => {
			obs.disconnect();
			reject(new Error(`page not repainted after ${timeoutMs} ms`));
		}, timeoutMs);
		obs.observe(document, { subtree: true, attributes: true });
	});
}

/** Sums the app's own measures (indicator:, recolour:, repaint:) recorded since `from`. */
function breakdown(from: number) {
	const out = { query: 0, recolour: 0, repaint: 0 };
	for (const m of performance.getEntriesByType('measure')) {
		if (m.startTime < from) continue;
		if (m.name.startsWith('indicator:')) out.query += m.duration;
		else if (m.name.startsWith('recolour:')) out.recolour += m.duration;
		else if (m.name.startsWith('repaint:')) out.repaint += m.duration;
	}
	return out;
}

async function switchIndicator(id: string) {
	const sel = document.querySelector<HTMLSelectElement>('#indicator-select');
	if (!sel) throw new Error('#indicator-select missing');
	const map = atlas().map as { on(e: string, f: () => void): void; off(e: string, f: () => void): void };
	const frames: number[] = [];
	const onRender = () => frames.push(now());
	map.on('render', onRender);
	// The map's own "repainted" signal when it has one (data-painted-revision), else data-ready.
	const rev = revision('data-painted-revision');
	const done =
		rev === null
			? waitMap((el) => el.dataset.indicator === id)
			: waitDocument(() => mapEl().dataset.indicator === id && (revision('data-painted-revision') ?? -1) > rev);
	const t0 = now();
	sel.value = id;
	sel.dispatchEvent(new Event('change', { bubbles: true }));
	const end = await done;
	map.off('render', onRender);
	const b = breakdown(t0 - 0.01);
	// First frame drawn after the new colours were set (the recolour measure ends just before).
	let painted = t0;
	for (const m of performance.getEntriesByType('measure'))
		if (m.startTime >= t0 - 0.01 && m.name.startsWith('recolour:')) painted = Math.max(painted, m.startTime + m.duration);
	const first = frames.find((f) => f > painted);
	return {
		ms: end - t0,
		...b,
		signal: rev === null ? 'data-ready' : 'data-painted-revision',
		firstFrame: first === undefined ? null : first - t0,
		frames: frames.filter((f) => f > painted && f <= end).length
	};
}

// ---------------------------------------------------------------------------------------------
// Revision hooks: a page attribute (data-settled-revision, data-painted-revision) that the page
// increments once everything a change affects is on screen. The UI action itself is performed by
// run.mjs through Playwright (real mouse and keyboard); the clock starts at that input event.

const INPUT_EVENTS = ['click', 'change', 'submit', 'keydown'] as const;
let armed: Promise<{ ms: number; from: number; to: number; t0: number }> | null = null;

function revision(attr: string): number | null {
	const el = document.querySelector(`[${attr}]`);
	return el ? Number(el.getAttribute(attr)) : null;
}

/** Arms a measure: resolves with the time from the next input event until `attr` exceeds its current value. */
function armRevision(attr: string, timeoutMs = 120_000): number | null {
	const from = revision(attr);
	if (from === null) return null;
	let t0: number | null = null;
	const onInput = (e: Event) => {
		if (t0 === null) t0 = e.timeStamp;
	};
	for (const type of INPUT_EVENTS) document.addEventListener(type, onInput, { capture: true });
	armed = new Promise((resolve, reject) => {
		const stop = () => {
			obs.disconnect();
			clearTimeout(timer);
			for (const type of INPUT_EVENTS) document.removeEventListener(type, onInput, { capture: true });
		};
		const obs = new MutationObserver(() => {
			const to = revision(attr);
			if (to === null || to <= from || t0 === null) return;
			const end = now();
			stop();
			resolve({ ms: end - t0, from, to, t0 });
		});
		obs.observe(document, { subtree: true, attributes: true, attributeFilter: [attr] });
		const timer = setTimeout(() => {
			stop();
			reject(new Error(`${attr} did not change within ${timeoutMs} ms`));
		}, timeoutMs);
	});
	armed.catch(() => {});
	return from;
}

function settled() {
	if (!armed) throw new Error('no armed measure');
	const p = armed;
	armed = null;
	return p;
}

/** Resolves once `attr` has not changed for `quietMs` (a change's follow-ups are over). */
function quiet(attr: string, quietMs = 1500, timeoutMs = 60_000): Promise<number | null> {
	return new Promise((resolve) => {
		let last = revision(attr);
		let since = now();
		const t0 = now();
		const tick = () => {
			const r = revision(attr);
			if (r !== last) {
				last = r;
				since = now();
			}
			if (now() - since >= quietMs || now() - t0 > timeoutMs) resolve(last);
			else setTimeout(tick, 100);
		};
		tick();
	});
}

/** Commune codes for the sector edit: the first `n` communes of a département. */
async function communeCodes(dep: string, n: number): Promise<string[]> {
	const rows = await q<{ code: string }>('SELECT code FROM communes WHERE dep = $1 ORDER BY code', [dep]);
	return rows.slice(0, n).map((r) => String(r.code));
}

async function switchMethod() {
	const sel = document.querySelector<HTMLSelectElement>('#method-select');
	if (!sel) return [];
	const out: ({ method: string; ms: number } & ReturnType<typeof breakdown>)[] = [];
	const start = sel.value;
	const methods = [...sel.options].map((o) => o.value).filter((v) => v !== start);
	for (const m of [...methods, start]) {
		const el = mapEl();
		// Wait for the effect to flip data-ready to false, then back to true.
		const t0 = now();
		sel.value = m;
		sel.dispatchEvent(new Event('change', { bubbles: true }));
		await new Promise((r) => setTimeout(r, 0));
		if (el.dataset.ready !== 'true') await waitMap(() => true);
		out.push({ method: m, ms: now() - t0, ...breakdown(t0 - 0.01) });
	}
	return out;
}

/**
 * Facility layer: every family checkbox of the FINESS legend turned on at national zoom, until
 * MapLibre is idle (every point drawn); then back to the initial state (not timed). `reps` times.
 */
async function facilityLayerAll(reps = 3): Promise<{ ms: number[]; points: number; hook: boolean }> {
	type M = { once(ev: string, f: () => void): void; triggerRepaint(): void; jumpTo(o: unknown): void; queryRenderedFeatures(o: unknown): unknown[] };
	const map = atlas().map as M | undefined;
	const boxes = () => [...document.querySelectorAll<HTMLInputElement>('[data-testid="facility-legend"] input[data-family]')];
	const t = now();
	while (!boxes().length && now() - t < 30_000) await new Promise((r) => setTimeout(r, 200));
	if (!map || !boxes().length) return { ms: [], points: 0, hook: false };
	const idle = () => new Promise<number>((resolve) => map.once('idle', () => resolve(now())));
	const settle = async () => {
		const p = idle();
		map.triggerRepaint();
		await p;
	};
	map.jumpTo({ center: [2.5, 46.5], zoom: 5 });
	await settle();
	const ms: number[] = [];
	let points = 0;
	for (let r = 0; r < reps; r++) {
		const off = boxes().filter((b) => !b.checked);
		const done = idle();
		const t0 = now();
		for (const b of off) b.click();
		map.triggerRepaint();
		ms.push((await done) - t0);
		// Sites drawn: a cluster counts its members (layers of every family, or the single layer of older builds).
		const ids = (map as unknown as { getStyle(): { layers: { id: string }[] } }).getStyle().layers.map((l) => l.id).filter((id) => id.startsWith('finess-'));
		const feats = map.queryRenderedFeatures({ layers: ids }) as { properties: Record<string, unknown> | null }[];
		points = feats.reduce((s, f) => s + Number(f.properties?.point_count ?? 1), 0);
		for (const b of off) if (b.checked) b.click();
		await settle();
	}
	return { ms, points, hook: true };
}

/** Every FINESS family of the key ticked at national zoom, until MapLibre is idle: the state the "every layer shown" memory is read in. */
async function showAllFacilities(): Promise<{ points: number; families: number; hook: boolean }> {
	type M = { once(ev: string, f: () => void): void; triggerRepaint(): void; jumpTo(o: unknown): void; queryRenderedFeatures(o: unknown): unknown[]; getStyle(): { layers: { id: string }[] } };
	const map = atlas().map as M | undefined;
	const boxes = [...document.querySelectorAll<HTMLInputElement>('[data-testid="facility-legend"] input[data-family]')];
	if (!map || !boxes.length) return { points: 0, families: 0, hook: false };
	map.jumpTo({ center: [2.5, 46.5], zoom: 5 });
	const done = new Promise<void>((resolve) => map.once('idle', () => resolve()));
	ticked = boxes.filter((b) => !b.checked);
	for (const b of ticked) b.click();
	map.triggerRepaint();
	await done;
	const ids = map.getStyle().layers.map((l) => l.id).filter((id) => id.startsWith('finess-'));
	const feats = map.queryRenderedFeatures({ layers: ids }) as { properties: Record<string, unknown> | null }[];
	return { points: feats.reduce((s, f) => s + Number(f.properties?.point_count ?? 1), 0), families: boxes.length, hook: true };
}

let ticked: HTMLInputElement[] = [];
/** Back to the key's default families after showAllFacilities. */
function restoreFacilities(): void {
	for (const b of ticked.splice(0)) if (b.checked) b.click();
}

/**
 * The first jump to the commune level, with an indicator that « Auto » draws by commune
 * (hospital capacity stays by département at commune zoom in newer builds).
 */
async function zoomToCommunes(indicator = ZOOM_INDICATOR) {
	const map = atlas().map as { jumpTo(o: unknown): void } | undefined;
	if (!map) throw new Error('map handle missing');
	if (mapEl().dataset.indicator !== indicator) await switchIndicator(indicator);
	// Long timeout: on a loaded machine the first commune zoom of older builds takes minutes.
	const done = waitMap((el) => el.dataset.level === 'commune', 300_000);
	const t0 = now();
	map.jumpTo({ center: [4.85, 45.75], zoom: 8 });
	const ms = (await done) - t0;
	return { ms, ...breakdown(t0 - 0.01) };
}
const ZOOM_INDICATOR = 'population';
async function zoomOut(): Promise<void> {
	const map = atlas().map as { jumpTo(o: unknown): void };
	const done = waitMap((el) => el.dataset.level === 'departement');
	map.jumpTo({ center: [2.5, 46.5], zoom: 5 });
	await done;
}

// ---------------------------------------------------------------------------------------------
// Sector edit: register a set (EPCI-like sectors over every commune), move one commune, recompute

async function sectorEdit(setId: string, sql: string, params: unknown[], edits: number) {
	const rows = await q<{ code: string; epci: string | null; name: string }>(
		`SELECT code, epci::VARCHAR AS epci FROM communes WHERE epci IS NOT NULL ORDER BY code`
	);
	const by = new Map<string, string[]>();
	for (const r of rows) {
		const k = String(r.epci);
		let l = by.get(k);
		if (!l) by.set(k, (l = []));
		l.push(String(r.code));
	}
	const set: TerritorySet = {
		id: setId,
		label: 'Benchmark: EPCI as sectors',
		level: 'custom',
		territories: [...by].map(([code, communes]) => ({ code: `T${code}`, name: code, kind: 'custom', communes, finess: null }))
	};
	// The app's own database handle: registration inserts an Arrow buffer on a dedicated connection.
	const db = await atlas().data.database();
	const t0 = now();
	const members = await registerTerritorySet(db as never, set);
	const firstRegister = now() - t0;
	const ts: { register: number; recompute: number; total: number }[] = [];
	for (let e = 0; e < edits; e++) {
		// Move the last commune of territory e to territory e+1.
		const a = set.territories[e]!;
		const b = set.territories[e + 1]!;
		const moved = a.communes.pop()!;
		b.communes.push(moved);
		const t1 = now();
		await registerTerritorySet(db as never, set);
		const t2 = now();
		const out = await q(sql, params);
		const t3 = now();
		if (out.length !== set.territories.length) throw new Error(`sector recompute: ${out.length} rows`);
		ts.push({ register: t2 - t1, recompute: t3 - t2, total: t3 - t1 });
	}
	await q('DELETE FROM territory_members WHERE set_id = $1', [setId]);
	return { territories: set.territories.length, members, firstRegister, edits: ts };
}

// ---------------------------------------------------------------------------------------------
// Accessibility at national scale on the real communes and sites

async function access(reps: number) {
	const t0 = now();
	const com = await q<{ code: string; lon: number | null; lat: number | null; population: number | null }>(
		'SELECT code, lon, lat, population FROM communes ORDER BY code'
	);
	const hs = await q<{ finess: string; lon: number | null; lat: number | null }>(
		'SELECT finess, lon, lat FROM hospital_sites'
	);
	const sae = await q<{ fi: string; lon: number | null; lat: number | null; dep: string | null; beds: number }>(
		`SELECT e.fi, any_value(e.lon) AS lon, any_value(e.lat) AS lat, any_value(e.dep)::VARCHAR AS dep,
			COALESCE(SUM(s.cap_htp), 0)::DOUBLE AS beds
		 FROM sae_establishments e JOIN sae_psy s ON s.fi = e.fi AND s.year = 2023 AND s.dis = 'GEN'
		 WHERE e.lon IS NOT NULL AND e.lat IS NOT NULL GROUP BY e.fi`
	);
	const extractMs = now() - t0;
	const origins = {
		lon: Float64Array.from(com, (r) => num(r.lon)),
		lat: Float64Array.from(com, (r) => num(r.lat)),
		code: com.map((r) => String(r.code))
	};
	const pop = Float64Array.from(com, (r) => num(r.population) || 0);
	const hsSites = { id: hs.map((r) => r.finess), lon: Float64Array.from(hs, (r) => num(r.lon)), lat: Float64Array.from(hs, (r) => num(r.lat)) };
	const saeSites = {
		id: sae.map((r) => r.fi),
		lon: Float64Array.from(sae, (r) => num(r.lon)),
		lat: Float64Array.from(sae, (r) => num(r.lat)),
		dep: sae.map((r) => String(r.dep ?? ''))
	};
	const supply = Float64Array.from(sae, (r) => num(r.beds) || 0);
	const time = (fn: () => unknown) => {
		const ms: number[] = [];
		let out: unknown;
		for (let r = 0; r < reps; r++) {
			const a = now();
			out = fn();
			ms.push(now() - a);
		}
		return { ms, out };
	};
	const run = (msg: unknown) => {
		const { response } = handleMessage(msg as never);
		if ('error' in response) throw new Error(response.error);
		return response.result;
	};
	const nearestHs = time(() => run({ type: 'nearest', id: 1, payload: { origins, sites: hsSites } }));
	const nearestSae = time(() => run({ type: 'nearest', id: 2, payload: { origins, sites: saeSites } }));
	const sfcaDrees = time(() =>
		run({ type: 'sfca', id: 3, payload: { origins: { ...origins, pop }, sites: { ...saeSites, supply }, preset: 'drees2012' } })
	);
	const sfcaGauss = time(() =>
		run({ type: 'sfca', id: 4, payload: { origins: { ...origins, pop }, sites: { ...saeSites, supply }, preset: 'gaussian20' } })
	);
	const nh = nearestHs.out as { km: Float64Array };
	let located = 0;
	let sumKm = 0;
	for (const k of nh.km) if (Number.isFinite(k)) (located++, (sumKm += k));
	return {
		origins: com.length,
		hospitalSites: hs.length,
		saeSites: sae.length,
		extractMs,
		nearestHospitalSites: nearestHs.ms,
		nearestSae: nearestSae.ms,
		sfcaDrees2012: sfcaDrees.ms,
		sfcaGaussian20: sfcaGauss.ms,
		sfcaPairs: (sfcaDrees.out as { pairs: number }).pairs,
		meanKmToHospitalSite: sumKm / Math.max(1, located)
	};
}

// ---------------------------------------------------------------------------------------------
// Side by side: the same indicator in DuckDB, arquero and plain TypeScript on the same Arrow data

const SIDE_TABLES = ['communes', 'departements', 'population_dep', 'sae_psy', 'sae_establishments'] as const;
type Bytes = Record<(typeof SIDE_TABLES)[number], Uint8Array>;

async function fetchBytes(file: string, init?: RequestInit): Promise<Uint8Array> {
	const r = await fetch(`/data/${file}`, init);
	if (!r.ok) throw new Error(`${file}: HTTP ${r.status}`);
	return new Uint8Array(await r.arrayBuffer());
}

interface Row {
	code: string;
	value: number | null;
}

function plainTs(t: ReturnType<typeof decodeAll>, level: 'departement' | 'commune', year = 2023, dis = 'GEN', scale = 100000): Row[] {
	const est = new Map<string, string>();
	{
		const fi = t.sae_establishments.getChild('fi').toArray() as string[];
		const commune = t.sae_establishments.getChild('commune').toArray() as (string | null)[];
		for (let i = 0; i < fi.length; i++) if (!est.has(fi[i]!) && commune[i] != null) est.set(fi[i]!, commune[i]!);
	}
	const cCode = t.communes.getChild('code').toArray() as string[];
	const cDep = t.communes.getChild('dep').toArray() as (string | null)[];
	const cPop = t.communes.getChild('population').toArray() as ArrayLike<number | null>;
	const depOf = new Map<string, string | null>();
	for (let i = 0; i < cCode.length; i++) depOf.set(cCode[i]!, cDep[i]!);
	// Numerator
	const n = new Map<string, number>();
	{
		const y = t.sae_psy.getChild('year').toArray() as ArrayLike<number>;
		const d = t.sae_psy.getChild('dis').toArray() as string[];
		const fi = t.sae_psy.getChild('fi').toArray() as string[];
		const v = t.sae_psy.getChild('cap_htp').toArray() as ArrayLike<number | null>;
		for (let i = 0; i < fi.length; i++) {
			if (y[i] !== year || d[i] !== dis) continue;
			const c = est.get(fi[i]!);
			if (c === undefined || !depOf.has(c)) continue;
			const key = level === 'commune' ? c : depOf.get(c);
			if (key == null) continue;
			const x = v[i];
			if (x === null || x === undefined || Number.isNaN(x)) {
				if (!n.has(key)) n.set(key, 0);
				continue;
			}
			n.set(key, (n.get(key) ?? 0) + x);
		}
	}
	// Denominator
	const pDep = t.population_dep.getChild('dep').toArray() as string[];
	const pYear = t.population_dep.getChild('year').toArray() as ArrayLike<number>;
	const p16 = t.population_dep.getChild('pop_16_plus').toArray() as ArrayLike<number | null>;
	const pTot = t.population_dep.getChild('pop_total').toArray() as ArrayLike<number | null>;
	const den = new Map<string, number | null>();
	const out: Row[] = [];
	if (level === 'departement') {
		for (let i = 0; i < pDep.length; i++) if (pYear[i] === year) den.set(pDep[i]!, p16[i] ?? null);
		const code = t.departements.getChild('code').toArray() as string[];
		for (const c of code) {
			const dd = den.get(c) ?? null;
			out.push({ code: c, value: dd !== null && dd > 0 ? ((n.get(c) ?? 0) * scale) / dd : null });
		}
	} else {
		const share = new Map<string, number | null>();
		for (let i = 0; i < pDep.length; i++)
			if (pYear[i] === year) share.set(pDep[i]!, pTot[i] ? (p16[i] ?? NaN) / pTot[i]! : null);
		for (let i = 0; i < cCode.length; i++) {
			const s = cDep[i] == null ? null : (share.get(cDep[i]!) ?? null);
			const p = cPop[i];
			const dd = s === null || p === null || p === undefined ? null : p * s;
			out.push({ code: cCode[i]!, value: dd !== null && dd > 0 ? ((n.get(cCode[i]!) ?? 0) * scale) / dd : null });
		}
	}
	out.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
	return out;
}

function arqueroTables(bytes: Bytes) {
	return Object.fromEntries(SIDE_TABLES.map((k) => [k, aq.fromArrow(bytes[k])])) as Record<(typeof SIDE_TABLES)[number], aq.ColumnTable>;
}

function arquero(t: ReturnType<typeof arqueroTables>, level: 'departement' | 'commune'): Row[] {
	const { op } = aq;
	const est = t.sae_establishments.groupby('fi').rollup({ commune: op.any('commune') });
	const com = t.communes.select('code', 'dep', 'population');
	const pop = t.population_dep.filter((d: { year: number }) => d.year === 2023);
	const sae = t.sae_psy
		.filter((d: { year: number; dis: string }) => d.year === 2023 && d.dis === 'GEN')
		.join(est, 'fi')
		.join(com, ['commune', 'code']);
	let terr: aq.ColumnTable;
	let numT: aq.ColumnTable;
	let denT: aq.ColumnTable;
	if (level === 'departement') {
		numT = sae.groupby('dep').rollup({ n: op.sum('cap_htp') }).rename({ dep: 'code' });
		denT = pop.select('dep', 'pop_16_plus').rename({ dep: 'code', pop_16_plus: 'den' });
		terr = t.departements.select('code', 'name');
	} else {
		numT = sae.groupby('commune').rollup({ n: op.sum('cap_htp') }).rename({ commune: 'code' });
		const share = pop
			.derive({ share: (d: { pop_total: number; pop_16_plus: number }) => (d.pop_total ? d.pop_16_plus / d.pop_total : null) })
			.select('dep', 'share');
		denT = com
			.join_left(share, 'dep')
			.derive({ den: (d: { share: number | null; population: number | null }) => (d.share == null || d.population == null ? null : d.population * d.share) })
			.select('code', 'den');
		terr = t.communes.select('code', 'name');
	}
	return terr
		.join_left(numT, 'code')
		.join_left(denT, 'code')
		.derive({ value: (d: { den: number | null; n: number | null }) => (d.den > 0 ? ((d.n || 0) * 100000) / d.den : null) })
		.select('code', 'value')
		.orderby('code')
		.objects() as Row[];
}

function decodeAll(bytes: Bytes) {
	return Object.fromEntries(SIDE_TABLES.map((k) => [k, tableFromIPC(bytes[k])])) as Record<
		(typeof SIDE_TABLES)[number],
		ReturnType<typeof tableFromIPC>
	>;
}

function compare(a: Row[], b: Row[]): { rows: [number, number]; mismatches: number } {
	const m = new Map(b.map((r) => [r.code, r.value]));
	let mismatches = Math.abs(a.length - b.length);
	for (const r of a) {
		const v = m.get(r.code);
		const x = r.value === null || Number.isNaN(r.value) ? null : Number(r.value);
		const y = v === null || v === undefined || Number.isNaN(v) ? null : Number(v);
		if (x === null || y === null) {
			if (x !== y) mismatches++;
		} else if (Math.abs(x - y) > 1e-9 * Math.max(1, Math.abs(x))) mismatches++;
	}
	return { rows: [a.length, b.length], mismatches };
}

async function sideBySide(sqls: Record<'departement' | 'commune', { sql: string; params: unknown[] }>, reps: number) {
	const bytes = {} as Bytes;
	let t0 = now();
	await Promise.all(SIDE_TABLES.map(async (k) => (bytes[k] = await fetchBytes(`${k}.arrow`))));
	const fetchMs = now() - t0;
	t0 = now();
	const flech = decodeAll(bytes);
	const decodeFlechette = now() - t0;
	t0 = now();
	// arquero compiles its expressions with new Function: a build under a CSP without
	// 'unsafe-eval' refuses it, and the arquero column stays empty (DuckDB and plain TS still run).
	let aqT: ReturnType<typeof arqueroTables> | null = null;
	try {
		aqT = arqueroTables(bytes);
		arquero(aqT, 'departement');
	} catch {
		aqT = null;
	}
	const decodeArquero = aqT ? now() - t0 : null;
	const res: Record<string, unknown> = { fetchMs, decodeFlechette, decodeArquero };
	for (const level of ['departement', 'commune'] as const) {
		const duck: number[] = [];
		const arq: number[] = [];
		const ts: number[] = [];
		let rd: Row[] = [];
		let ra: Row[] = [];
		let rt: Row[] = [];
		for (let r = 0; r < reps; r++) {
			let a = now();
			rd = await q<Row>(sqls[level].sql, sqls[level].params);
			duck.push(now() - a);
			if (aqT) {
				a = now();
				ra = arquero(aqT, level);
				arq.push(now() - a);
			}
			a = now();
			rt = plainTs(flech, level);
			ts.push(now() - a);
		}
		res[level] = { duckdb: duck, arquero: arq, ts, checkArquero: aqT ? compare(rd, ra) : null, checkTs: compare(rd, rt) };
	}
	return res;
}

// ---------------------------------------------------------------------------------------------
// Pure I/O limit: every artefact fetched again (no HTTP cache), then decoded

async function ioLimit() {
	const arts = atlas().data.manifest?.artefacts ?? [];
	let bytes = 0;
	const queue = [...arts];
	const got: { a: (typeof arts)[number]; b: Uint8Array }[] = [];
	const t0 = now();
	await Promise.all(
		Array.from({ length: 4 }, async () => {
			for (let a = queue.shift(); a; a = queue.shift()) {
				const b = await fetchBytes(a.file, { cache: 'no-store' });
				bytes += b.length;
				got.push({ a, b });
			}
		})
	);
	const fetchMs = now() - t0;
	const t1 = now();
	for (const { a, b } of got) {
		if (a.kind === 'table') tableFromIPC(b);
		else JSON.parse(new TextDecoder().decode(b));
	}
	const decodeMs = now() - t1;
	return { bytes, fetchMs, decodeMs, mbPerS: bytes / 1e6 / (fetchMs / 1000) };
}

async function memory() {
	const out: Record<string, unknown> = {};
	const pm = (performance as unknown as { memory?: { usedJSHeapSize: number; totalJSHeapSize: number } }).memory;
	if (pm) out.performanceMemory = { used: pm.usedJSHeapSize, total: pm.totalJSHeapSize };
	try {
		out.databaseSize = await q('PRAGMA database_size');
	} catch (e) {
		out.databaseSizeError = String(e);
	}
	try {
		out.duckdbMemory = await q('SELECT tag, memory_usage_bytes FROM duckdb_memory() WHERE memory_usage_bytes > 0');
	} catch (e) {
		out.duckdbMemoryError = String(e);
	}
	return out;
}

(window as unknown as { __bench: unknown }).__bench = {
	timeSql,
	revision,
	armRevision,
	settled,
	quiet,
	communeCodes,
	switchIndicator,
	switchMethod,
	facilityLayerAll,
	showAllFacilities,
	restoreFacilities,
	zoomToCommunes,
	zoomOut,
	sectorEdit,
	access,
	sideBySide,
	ioLimit,
	memory
};
