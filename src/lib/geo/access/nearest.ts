/**
 * Nearest site of a type, by great-circle distance, restricted to the origin's land group.
 *
 * Index: one kdbush tree per (type, land group), on raw lon/lat. The search is geokdbush-style
 * (branch and bound on the kd-tree with a great-circle lower bound from the query point to each
 * node's lon/lat box), so distances are exact haversine everywhere: no projection, hence no
 * distortion between Dunkerque and Perpignan or in the DROM. Groups never share a tree, so a
 * Martinique origin can only get a Martinique site (or none: Infinity / -1).
 */
import KDBush from 'kdbush';
import { havTerm, havToKm, kmToHav } from './distance';
import { EARTH_RADIUS_KM } from './params';

const RAD = Math.PI / 180;

// ---------------------------------------------------------------------------------------------
// Land groups

/** DROM départements: each is its own land group. */
const DROM = new Set(['971', '972', '973', '974', '976']);

/**
 * Land group of a département: origins are only matched to sites of the same group.
 * - 'metro': mainland France. Ferry-only islands (Ouessant, Belle-Île, Yeu…) are NOT split out:
 *   pass an explicit group for them if needed.
 * - 'corse': '2A', '2B' (and legacy '20'): reachable from the mainland by ferry only.
 * - each DROM its own group ('971' Guadeloupe, '972' Martinique, '973' Guyane, '974' Réunion,
 *   '976' Mayotte). Other overseas codes (COM, 975/977/978/98x) also get their own group.
 */
export function landGroup(dep: string): string {
	if (dep === '2A' || dep === '2B' || dep === '20') return 'corse';
	if (DROM.has(dep)) return dep;
	if (dep.startsWith('97') || dep.startsWith('98')) return dep.slice(0, 3);
	return 'metro';
}

/** Département of a COG commune code ('75056' → '75', '2A004' → '2A', '97101' → '971'). */
export function depOfCommune(code: string): string {
	return code.startsWith('97') || code.startsWith('98') ? code.slice(0, 3) : code.slice(0, 2);
}

/** Land group from coordinates (for sites without a dep). 'other' outside the known boxes. */
export function landGroupOfPoint(lon: number, lat: number): string {
	if (!(Number.isFinite(lon) && Number.isFinite(lat))) return 'other';
	// Corsica box does not touch the mainland (Menton is at 7.5°E, Cap Corse at 43.0°N).
	if (lon >= 8.4 && lon <= 9.7 && lat >= 41.3 && lat <= 43.1) return 'corse';
	if (lon >= -5.3 && lon <= 9.7 && lat >= 41.3 && lat <= 51.2) return 'metro';
	if (lon >= -61.9 && lon <= -60.9 && lat >= 15.8 && lat <= 16.6) return '971';
	if (lon >= -61.3 && lon <= -60.7 && lat >= 14.3 && lat <= 14.95) return '972';
	if (lon >= -54.7 && lon <= -51.5 && lat >= 2 && lat <= 6) return '973';
	if (lon >= 55.1 && lon <= 56 && lat >= -21.5 && lat <= -20.8) return '974';
	if (lon >= 44.9 && lon <= 45.4 && lat >= -13.1 && lat <= -12.5) return '976';
	return 'other';
}

// ---------------------------------------------------------------------------------------------
// Geo index (one kd-tree over a subset of points)

export interface GeoIndex {
	kd: KDBush; // coordinates (lon, lat); kd ids are local indices 0..n-1
	members: Int32Array; // local index → global index (position in the caller's arrays)
}

/** Build a kd-tree on the given global indices (all must have finite lon/lat). */
export function buildGeoIndex(
	lon: ArrayLike<number>,
	lat: ArrayLike<number>,
	members: Int32Array,
	nodeSize = 16
): GeoIndex {
	const kd = new KDBush(members.length, nodeSize);
	for (let k = 0; k < members.length; k++) kd.add(lon[members[k]!]!, lat[members[k]!]!);
	kd.finish();
	return { kd, members };
}

/** Angular bounding box of a spherical cap, degrees: [minLon, minLat, maxLon, maxLat]. */
export function capBox(lon: number, lat: number, km: number): [number, number, number, number] {
	const r = km / EARTH_RADIUS_KM; // radians
	const eps = 1e-9;
	const dLat = r / RAD + eps;
	const minLat = lat - dLat;
	const maxLat = lat + dLat;
	if (minLat <= -90 || maxLat >= 90 || r >= Math.PI / 2) return [-180, Math.max(minLat, -90), 180, Math.min(maxLat, 90)];
	const s = Math.sin(r) / Math.cos(lat * RAD);
	if (s >= 1) return [-180, minLat, 180, maxLat];
	const dLon = Math.asin(s) / RAD + eps;
	return [lon - dLon, minLat, lon + dLon, maxLat];
}

/**
 * Visit every point of `gi` within `km` (great circle, exact) of (lon, lat).
 * `lonAll`/`latAll` are the arrays the index was built from (global indexing).
 */
export function withinKm(
	gi: GeoIndex,
	lonAll: ArrayLike<number>,
	latAll: ArrayLike<number>,
	lon: number,
	lat: number,
	km: number,
	visit: (global: number, km: number) => void
): void {
	const [x0, y0, x1, y1] = capBox(lon, lat, km);
	const hMax = kmToHav(km) * (1 + 1e-12);
	const ids = gi.kd.range(x0, y0, x1, y1);
	for (let k = 0; k < ids.length; k++) {
		const g = gi.members[ids[k]!]!;
		const h = havTerm(lon, lat, lonAll[g]!, latAll[g]!);
		if (h <= hMax) visit(g, havToKm(h));
	}
}

// ---------------------------------------------------------------------------------------------
// Site index and nearest-site search

export interface SiteInput {
	id: string | number;
	lon: number | null;
	lat: number | null;
	type: string;
	capacity?: number | null;
	/** Land group; else derived from `dep`, else from the coordinates. */
	group?: string | null;
	dep?: string | null;
}

export interface OriginInput {
	code?: string; // COG commune code: its département gives the land group
	lon: number | null;
	lat: number | null;
	group?: string | null; // overrides the code
}

export interface SiteIndex {
	count: number;
	ids: (string | number)[];
	lon: Float64Array; // NaN when unknown (such sites are never matched)
	lat: Float64Array;
	group: string[];
	/** Tie-break order: rank[i] < rank[j] when ids[i] sorts before ids[j] (numbers numerically). */
	rank: Int32Array;
	/** type → land group → tree. */
	trees: Map<string, Map<string, GeoIndex>>;
}

export interface NearestResult {
	km: Float64Array; // great-circle km to the nearest site; Infinity when none in the group
	site: Int32Array; // index of that site in the array given to buildSiteIndex; -1 when none
}

function compareIds(a: string | number, b: string | number): number {
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	const sa = String(a);
	const sb = String(b);
	return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export function siteGroup(s: SiteInput): string {
	if (s.group) return s.group;
	if (s.dep) return landGroup(s.dep);
	return landGroupOfPoint(s.lon ?? NaN, s.lat ?? NaN);
}

export function originGroup(o: OriginInput): string {
	if (o.group) return o.group;
	if (o.code) return landGroup(depOfCommune(o.code));
	return landGroupOfPoint(o.lon ?? NaN, o.lat ?? NaN);
}

/** One tree per (type, land group). Sites without finite coordinates are left out. */
export function buildSiteIndex(sites: readonly SiteInput[]): SiteIndex {
	const n = sites.length;
	const lon = new Float64Array(n);
	const lat = new Float64Array(n);
	const group: string[] = new Array(n);
	const ids: (string | number)[] = new Array(n);
	const buckets = new Map<string, Map<string, number[]>>();
	for (let i = 0; i < n; i++) {
		const s = sites[i]!;
		ids[i] = s.id;
		lon[i] = s.lon ?? NaN;
		lat[i] = s.lat ?? NaN;
		group[i] = siteGroup(s);
		if (!(Number.isFinite(lon[i]) && Number.isFinite(lat[i]))) continue;
		let byGroup = buckets.get(s.type);
		if (!byGroup) buckets.set(s.type, (byGroup = new Map()));
		let list = byGroup.get(group[i]!);
		if (!list) byGroup.set(group[i]!, (list = []));
		list.push(i);
	}
	const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => compareIds(ids[a]!, ids[b]!) || a - b);
	const rank = new Int32Array(n);
	order.forEach((i, r) => (rank[i] = r));
	const trees = new Map<string, Map<string, GeoIndex>>();
	for (const [type, byGroup] of buckets) {
		const m = new Map<string, GeoIndex>();
		for (const [g, list] of byGroup) m.set(g, buildGeoIndex(lon, lat, Int32Array.from(list)));
		trees.set(type, m);
	}
	return { count: n, ids, lon, lat, group, rank, trees };
}

// Relative tolerance on hav(θ) for ties (≈ 5e-10 relative on distance): absorbs rounding so that
// equidistant sites are decided by id, deterministically.
export const TIE_REL = 1e-9;
export const TIE_ABS = 1e-20;

// Scratch DFS stack: frames of [left, right, axis, minLon, minLat, maxLon, maxLat, bound].
const FRAME = 8;
let stack = new Float64Array(FRAME * 128);

/** Lower bound of hav(θ) from (lon, lat) to any point of the lon/lat box (geokdbush). */
function boxHav(lon: number, lat: number, cosLat: number, x0: number, y0: number, x1: number, y1: number): number {
	if (lon >= x0 && lon <= x1) {
		if (lat < y0) {
			const s = Math.sin((y0 - lat) * RAD * 0.5);
			return s * s;
		}
		if (lat > y1) {
			const s = Math.sin((lat - y1) * RAD * 0.5);
			return s * s;
		}
		return 0;
	}
	// West or east of the box: closest point is on the nearer meridian edge.
	const sa = Math.sin((x0 - lon) * RAD * 0.5);
	const sb = Math.sin((x1 - lon) * RAD * 0.5);
	const havDLon = Math.min(sa * sa, sb * sb);
	const cosDLon = 1 - 2 * havDLon;
	const vLat = cosDLon <= 0 ? (lat > 0 ? 90 : -90) : Math.atan(Math.tan(lat * RAD) / cosDLon) / RAD;
	if (vLat > y0 && vLat < y1) return partialHav(havDLon, cosLat, lat, vLat);
	return Math.min(partialHav(havDLon, cosLat, lat, y0), partialHav(havDLon, cosLat, lat, y1));
}

function partialHav(havDLon: number, cosLat1: number, lat1: number, lat2: number): number {
	const s = Math.sin((lat1 - lat2) * RAD * 0.5);
	return cosLat1 * Math.cos(lat2 * RAD) * havDLon + s * s;
}

/**
 * Exact nearest member of `gi` to (qLon, qLat); ties (within TIE_REL) go to the lowest rank.
 * Writes [global index, hav] into `out`.
 */
export function nearestInTree(gi: GeoIndex, rank: Int32Array, qLon: number, qLat: number, out: Float64Array): void {
	const kd = gi.kd;
	const ids = kd.ids;
	const coords = kd.coords;
	const nodeSize = kd.nodeSize;
	const members = gi.members;
	const cosQ = Math.cos(qLat * RAD);
	let bestH = Infinity;
	let bestG = -1;
	let bestR = 0x7fffffff;
	let lim = Infinity; // bestH + tie tolerance: boxes with a larger lower bound are pruned
	if (kd.numItems === 0) {
		out[0] = -1;
		out[1] = Infinity;
		return;
	}
	// Hot loop: no closures; the stack is a flat Float64Array (see FRAME).
	let st = stack;
	st[0] = 0;
	st[1] = kd.numItems - 1;
	st[2] = 0;
	st[3] = -180;
	st[4] = -90;
	st[5] = 180;
	st[6] = 90;
	st[7] = 0;
	let sp = FRAME;
	while (sp > 0) {
		sp -= FRAME;
		if (st[sp + 7]! > lim) continue;
		const left = st[sp]!;
		const right = st[sp + 1]!;
		const isLeaf = right - left <= nodeSize;
		const m = (left + right) >> 1;
		const from = isLeaf ? left : m;
		const to = isLeaf ? right : m;
		for (let i = from; i <= to; i++) {
			const y = coords[2 * i + 1]!;
			const s1 = Math.sin((y - qLat) * RAD * 0.5);
			const s2 = Math.sin((coords[2 * i]! - qLon) * RAD * 0.5);
			const h = s1 * s1 + cosQ * Math.cos(y * RAD) * s2 * s2;
			if (h > lim) continue;
			const g = members[ids[i]!]!;
			const r = rank[g]!;
			if (h < bestH - (bestH * TIE_REL + TIE_ABS) || r < bestR) {
				// Strictly nearer, or a tie (h within tolerance) with a lower id.
				if (h < bestH) bestH = h;
				bestG = g;
				bestR = r;
				lim = bestH + bestH * TIE_REL + TIE_ABS;
			}
		}
		if (isLeaf) continue;
		const axis = st[sp + 2]!;
		const x0 = st[sp + 3]!;
		const y0 = st[sp + 4]!;
		const x1 = st[sp + 5]!;
		const y1 = st[sp + 6]!;
		const mx = coords[2 * m]!;
		const my = coords[2 * m + 1]!;
		const next = 1 - axis;
		// Left child: coords[axis] ≤ mid; right child: ≥ mid.
		const lx1 = axis === 0 ? mx : x1;
		const ly1 = axis === 1 ? my : y1;
		const rx0 = axis === 0 ? mx : x0;
		const ry0 = axis === 1 ? my : y0;
		const bl = m - 1 >= left ? boxHav(qLon, qLat, cosQ, x0, y0, lx1, ly1) : Infinity;
		const br = right >= m + 1 ? boxHav(qLon, qLat, cosQ, rx0, ry0, x1, y1) : Infinity;
		if (sp + 2 * FRAME > st.length) {
			const bigger = new Float64Array(st.length * 2);
			bigger.set(st);
			stack = st = bigger;
		}
		// Push the farther child first so the nearer one is explored first.
		for (let pass = 0; pass < 2; pass++) {
			const pushLeft = (pass === 0) === bl > br;
			const b = pushLeft ? bl : br;
			if (!(b <= lim)) continue;
			st[sp] = pushLeft ? left : m + 1;
			st[sp + 1] = pushLeft ? m - 1 : right;
			st[sp + 2] = next;
			st[sp + 3] = pushLeft ? x0 : rx0;
			st[sp + 4] = pushLeft ? y0 : ry0;
			st[sp + 5] = pushLeft ? lx1 : x1;
			st[sp + 6] = pushLeft ? ly1 : y1;
			st[sp + 7] = b;
			sp += FRAME;
		}
	}
	out[0] = bestG;
	out[1] = bestH;
}

/**
 * Nearest site of `type` for each origin (columnar form, for the worker).
 * `groups[i]` is origin i's land group (see landGroup / originGroup).
 */
export function nearestSitesColumns(
	lon: ArrayLike<number>,
	lat: ArrayLike<number>,
	groups: ArrayLike<string>,
	index: SiteIndex,
	type: string
): NearestResult {
	const n = lon.length;
	const km = new Float64Array(n).fill(Infinity);
	const site = new Int32Array(n).fill(-1);
	const trees = index.trees.get(type);
	if (!trees) return { km, site };
	const tmp = new Float64Array(2);
	for (let i = 0; i < n; i++) {
		const x = lon[i]!;
		const y = lat[i]!;
		if (!(Number.isFinite(x) && Number.isFinite(y))) {
			km[i] = NaN; // unknown location: not "far", unknown
			continue;
		}
		const gi = trees.get(groups[i]!);
		if (!gi) continue;
		nearestInTree(gi, index.rank, x, y, tmp);
		if (tmp[0]! >= 0) {
			site[i] = tmp[0]!;
			km[i] = havToKm(tmp[1]!);
		}
	}
	return { km, site };
}

/** Nearest site of `type` for each origin; same land group only; ties → lowest site id. */
export function nearestSites(origins: readonly OriginInput[], index: SiteIndex, type: string): NearestResult {
	const n = origins.length;
	const lon = new Float64Array(n);
	const lat = new Float64Array(n);
	const groups: string[] = new Array(n);
	for (let i = 0; i < n; i++) {
		const o = origins[i]!;
		lon[i] = o.lon ?? NaN;
		lat[i] = o.lat ?? NaN;
		groups[i] = originGroup(o);
	}
	return nearestSitesColumns(lon, lat, groups, index, type);
}
