/**
 * Web Worker entry for the accessibility computations.
 *
 * Protocol: request `{ type, id, payload }` → response `{ id, result }` or `{ id, error }`.
 * Typed arrays in results are transferred (their buffers are listed as transferables); callers
 * may transfer request arrays too. 'nearest', 'sfca' and 'beyond' are stateless. 'origins' and
 * 'scenario' keep state: the communes once, then one session per kind and parameters
 * (session.ts), so a scenario edit recomputes and sends back only the communes it changes.
 *
 * Usage (UI): new Worker(new URL('$lib/geo/access/worker.ts', import.meta.url), { type: 'module' })
 * Tests and Node call `handleMessage` directly.
 */
import { makeMinutesFrom, minutesFromKmArray } from './distance';
import { buildSiteIndex, landGroup, depOfCommune, landGroupOfPoint, nearestSitesColumns, type SiteInput } from './nearest';
import { DEFAULT_THRESHOLDS, DEFAULT_TRAVEL, DREES_2012, SFCA_PRESETS, catchmentOf, makeWeight, type DecaySpec, type TravelParams } from './params';
import { twoStepFca, type SfcaResult } from './sfca';
import { populationBeyond, type BeyondStats } from './thresholds';
import { AccessSession, type SessionOrigins } from './session';

/** Points; group per point, else derived from code (commune) / dep, else from coordinates. */
export interface PointColumns {
	lon: Float64Array;
	lat: Float64Array;
	group?: string[];
	code?: string[]; // COG commune codes (origins)
	dep?: string[]; // départements (sites)
}

export interface NearestPayload {
	origins: PointColumns;
	sites: PointColumns & { id: (string | number)[]; type?: string[] };
	/** Keep only sites of this type (needs sites.type); default: all sites. */
	type?: string;
	travel?: TravelParams;
}
export interface NearestResponse {
	km: Float64Array; // great-circle km; Infinity = no site in the land group; NaN = origin unlocated
	minutes: Float64Array; // travel-time proxy from km
	site: Int32Array; // index into payload.sites arrays; -1 when none
}

export interface SfcaPayload {
	origins: PointColumns & { pop: Float64Array };
	sites: PointColumns & { supply: Float64Array };
	/** A preset id of params.SFCA_PRESETS ('drees2012', 'apl2015like', 'gaussian20'); default drees2012. */
	preset?: string;
	/** Custom decay instead of a preset. */
	decay?: DecaySpec;
	maxMinutes?: number;
	travel?: TravelParams;
}

export interface BeyondPayload {
	minutes: Float64Array;
	population: Float64Array;
	territories: string[]; // territory code per origin
	thresholds?: number[];
}
export interface BeyondRow extends BeyondStats {
	territory: string;
}
export interface BeyondResponse {
	thresholds: number[];
	rows: BeyondRow[]; // sorted by territory code
}

/** Communes kept by the worker for 'scenario' runs, under `key`. */
export interface OriginsPayload {
	key: string;
	origins: PointColumns;
}

export interface ScenarioPayload {
	/** Session: one kind and parameter set, one situation (baseline or scenario). */
	session: string;
	/** When `session` is new, start from this one's last run (the baseline's). */
	from?: string;
	/** Key of communes sent with 'origins'. */
	origins: string;
	sites: PointColumns & { id: (string | number)[]; supply: Float64Array };
	travel: TravelParams;
	score: { pop: Float64Array; decay: DecaySpec; maxMinutes: number } | null;
	/** Recompute everything (the caller lost its copy of the last run). */
	full?: boolean;
}
export interface ScenarioResponse {
	/** null: a full run, the arrays hold every commune; else the communes whose values changed. */
	changed: Int32Array | null;
	minutes: Float64Array;
	/** 2SFCA score per commune (supply per inhabitant), null without a score. */
	access: Float64Array | null;
	/** The session was new and started from `from`'s run: `changed` is relative to that one. */
	seeded: boolean;
}

export type AccessRequest =
	| { type: 'origins'; id: number | string; payload: OriginsPayload }
	| { type: 'scenario'; id: number | string; payload: ScenarioPayload }
	| { type: 'nearest'; id: number | string; payload: NearestPayload }
	| { type: 'sfca'; id: number | string; payload: SfcaPayload }
	| { type: 'beyond'; id: number | string; payload: BeyondPayload };

export type AccessResponse =
	| { id: number | string; result: NearestResponse | SfcaResult | BeyondResponse | ScenarioResponse | null }
	| { id: number | string; error: string };

function groupsOf(p: PointColumns): string[] {
	const n = p.lon.length;
	const out: string[] = new Array(n);
	for (let i = 0; i < n; i++) {
		const g = p.group?.[i];
		const code = p.code?.[i];
		const dep = p.dep?.[i];
		out[i] = g ? g : code ? landGroup(depOfCommune(code)) : dep ? landGroup(dep) : landGroupOfPoint(p.lon[i]!, p.lat[i]!);
	}
	return out;
}

export function runNearest(p: NearestPayload): NearestResponse {
	const travel = p.travel ?? DEFAULT_TRAVEL;
	const sGroups = groupsOf(p.sites);
	const sites: SiteInput[] = new Array(p.sites.lon.length);
	for (let j = 0; j < sites.length; j++) {
		sites[j] = {
			id: p.sites.id[j]!,
			lon: p.sites.lon[j]!,
			lat: p.sites.lat[j]!,
			type: p.type !== undefined && p.sites.type ? p.sites.type[j]! : '*',
			group: sGroups[j]!
		};
	}
	const index = buildSiteIndex(sites);
	const type = p.type !== undefined && p.sites.type ? p.type : '*';
	const { km, site } = nearestSitesColumns(p.origins.lon, p.origins.lat, groupsOf(p.origins), index, type);
	return { km, minutes: minutesFromKmArray(km, travel), site };
}

export function runSfca(p: SfcaPayload): SfcaResult {
	const preset = SFCA_PRESETS[p.preset ?? DREES_2012.id];
	if (!p.decay && !preset) throw new Error(`unknown 2SFCA preset: ${p.preset}`);
	const decay = p.decay ?? preset!.decay;
	const maxMinutes = p.maxMinutes ?? (p.decay ? catchmentOf(p.decay) : preset!.maxMinutes);
	return twoStepFca({
		origins: { pop: p.origins.pop, lon: p.origins.lon, lat: p.origins.lat, group: groupsOf(p.origins) },
		sites: { supply: p.sites.supply, lon: p.sites.lon, lat: p.sites.lat, group: groupsOf(p.sites) },
		weight: makeWeight(decay),
		maxMinutes,
		minutesFrom: makeMinutesFrom(p.travel ?? DEFAULT_TRAVEL)
	});
}

export function runBeyond(p: BeyondPayload): BeyondResponse {
	const thresholds = p.thresholds ?? [...DEFAULT_THRESHOLDS];
	const m = populationBeyond(p.minutes, p.population, p.territories, thresholds);
	const rows = [...m].map(([territory, s]) => ({ territory, ...s }));
	rows.sort((a, b) => (a.territory < b.territory ? -1 : a.territory > b.territory ? 1 : 0));
	return { thresholds, rows };
}

const origins = new Map<string, SessionOrigins>();
const sessions = new Map<string, AccessSession>();
const MAX_SESSIONS = 8;

export function runScenario(p: ScenarioPayload): ScenarioResponse {
	const o = origins.get(p.origins);
	if (!o) throw new Error(`unknown origins: ${p.origins}`);
	let s = sessions.get(p.session);
	let seeded = false;
	if (!s) {
		const seed = p.from ? sessions.get(p.from) : undefined;
		seeded = !!seed && seed.origins === o && !p.full;
		s = seeded ? seed!.clone() : new AccessSession(o, { travel: p.travel, score: p.score });
	}
	sessions.delete(p.session); // re-inserted last: least recently used first
	sessions.set(p.session, s);
	while (sessions.size > MAX_SESSIONS) sessions.delete(sessions.keys().next().value!);
	const sites = { id: p.sites.id, lon: p.sites.lon, lat: p.sites.lat, group: groupsOf(p.sites), supply: p.sites.supply };
	let changed: Int32Array | null;
	try {
		changed = s.run(sites, p.full);
	} catch (e) {
		sessions.delete(p.session); // half-updated
		throw e;
	}
	if (!changed) return { changed, minutes: s.minutes.slice(), access: s.access?.slice() ?? null, seeded: false };
	const pick = (a: Float64Array) => Float64Array.from(changed, (i) => a[i]!);
	return { changed, minutes: pick(s.minutes), access: s.access ? pick(s.access) : null, seeded };
}

/** Handle one request; returns the response and the buffers to transfer. Never throws. */
export function handleMessage(msg: AccessRequest): { response: AccessResponse; transfer: ArrayBuffer[] } {
	const id = msg?.id;
	try {
		switch (msg.type) {
			case 'nearest': {
				const r = runNearest(msg.payload);
				return { response: { id, result: r }, transfer: buffers(r.km, r.minutes, r.site) };
			}
			case 'sfca': {
				const r = runSfca(msg.payload);
				return { response: { id, result: r }, transfer: buffers(r.ratio, r.access, r.demand) };
			}
			case 'beyond':
				return { response: { id, result: runBeyond(msg.payload) }, transfer: [] };
			case 'origins': {
				const o = msg.payload.origins;
				origins.clear();
				origins.set(msg.payload.key, { lon: o.lon, lat: o.lat, group: groupsOf(o) });
				for (const k of [...sessions.keys()]) if (sessions.get(k)!.origins !== origins.get(msg.payload.key)) sessions.delete(k);
				return { response: { id, result: null }, transfer: [] };
			}
			case 'scenario': {
				const r = runScenario(msg.payload);
				return { response: { id, result: r }, transfer: buffers(...[r.minutes, r.access, r.changed].filter((a) => a !== null)) };
			}
			default:
				return { response: { id, error: `unknown message type: ${(msg as { type?: unknown }).type}` }, transfer: [] };
		}
	} catch (e) {
		return { response: { id, error: e instanceof Error ? e.message : String(e) }, transfer: [] };
	}
}

function buffers(...arrays: (Float64Array | Int32Array)[]): ArrayBuffer[] {
	const out: ArrayBuffer[] = [];
	for (const a of arrays) if (a.buffer instanceof ArrayBuffer && !out.includes(a.buffer)) out.push(a.buffer);
	return out;
}

// Register only inside a real worker (not when imported by Node tests or the main thread).
interface WorkerScopeLike {
	WorkerGlobalScope?: unknown;
	addEventListener(type: 'message', fn: (e: { data: AccessRequest }) => void): void;
	postMessage(msg: unknown, transfer?: ArrayBuffer[]): void;
}
const scope = globalThis as unknown as Partial<WorkerScopeLike>;
if (scope.WorkerGlobalScope !== undefined && typeof scope.postMessage === 'function' && scope.addEventListener) {
	scope.addEventListener('message', (e) => {
		const { response, transfer } = handleMessage(e.data);
		scope.postMessage!(response, transfer);
	});
}
