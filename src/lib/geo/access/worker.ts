/**
 * Web Worker entry for the accessibility computations.
 *
 * Protocol: request `{ type, id, payload }` → response `{ id, result }` or `{ id, error }`.
 * Typed arrays in results are transferred (their buffers are listed as transferables); callers
 * may transfer request arrays too. Stateless: each message carries its sites, so a what-if
 * scenario (site added/removed/resized) is just a new message. Indexes cost ~1 ms to rebuild.
 *
 * Usage (UI): new Worker(new URL('$lib/geo/access/worker.ts', import.meta.url), { type: 'module' })
 * Tests and Node call `handleMessage` directly.
 */
import { makeMinutesFrom, minutesFromKmArray } from './distance';
import { buildSiteIndex, landGroup, depOfCommune, landGroupOfPoint, nearestSitesColumns, type SiteInput } from './nearest';
import { DEFAULT_THRESHOLDS, DEFAULT_TRAVEL, DREES_2012, SFCA_PRESETS, catchmentOf, makeWeight, type DecaySpec, type TravelParams } from './params';
import { twoStepFca, type SfcaResult } from './sfca';
import { populationBeyond, type BeyondStats } from './thresholds';

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

export type AccessRequest =
	| { type: 'nearest'; id: number | string; payload: NearestPayload }
	| { type: 'sfca'; id: number | string; payload: SfcaPayload }
	| { type: 'beyond'; id: number | string; payload: BeyondPayload };

export type AccessResponse =
	| { id: number | string; result: NearestResponse | SfcaResult | BeyondResponse }
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
