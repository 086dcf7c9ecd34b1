/**
 * Incremental accessibility for what-if scenarios: one session per site kind and parameter set
 * keeps the last run (nearest site per commune, 2SFCA ratios and scores). A new site list is
 * diffed against the previous one by site id, and only the communes an edit can touch are
 * recomputed, through the same code paths as a full run, so the figures are the same bits:
 * - nearest: communes whose nearest site was removed or moved, and communes for which a new or
 *   removed position is within their nearest distance (plus the tie tolerance);
 * - 2SFCA: an edit changes R_j of the edited site only (D_j depends on its own catchment), so
 *   the communes in reach of the edited sites (old and new positions).
 * A large or reordering diff falls back to a full run.
 */
import { havTerm, havToKm, makeMinutesFrom } from './distance';
import { buildSiteIndex, nearestInTree, TIE_ABS, TIE_REL, type SiteIndex, type SiteInput } from './nearest';
import { makeWeight, type DecaySpec, type TravelParams } from './params';
import { fullSfca, Reach, treesByGroup } from './sfca';
import type { GeoIndex } from './nearest';

export interface SessionOrigins {
	lon: Float64Array;
	lat: Float64Array;
	/** Land group per origin. */
	group: string[];
}

export interface SessionSites {
	id: (string | number)[];
	lon: Float64Array;
	lat: Float64Array;
	group: string[];
	supply: Float64Array;
}

export interface SessionParams {
	travel: TravelParams;
	/** 2SFCA on `pop`; null: nearest only. */
	score: { pop: Float64Array; decay: DecaySpec; maxMinutes: number } | null;
}

/** Beyond this many edited sites a full run is as quick. */
const MAX_EDITED = 64;

export class AccessSession {
	readonly origins: SessionOrigins;
	readonly params: SessionParams;
	readonly #minutesFrom: (km: number) => number;
	readonly #byGroup: Map<string, Int32Array>;
	#originTrees: Map<string, GeoIndex> | null = null;
	sites: SessionSites | null = null;
	// Nearest site: km, minutes, site index, and hav(θ) of the best match (its tie limit).
	km: Float64Array;
	minutes: Float64Array;
	site: Int32Array;
	#hav: Float64Array;
	// 2SFCA.
	ratio: Float64Array = new Float64Array(0);
	demand: Float64Array = new Float64Array(0);
	access: Float64Array | null = null;
	pairs = 0;
	#reach: Reach | null = null;

	constructor(origins: SessionOrigins, params: SessionParams, byGroup?: Map<string, Int32Array>) {
		this.origins = origins;
		this.params = params;
		this.#minutesFrom = makeMinutesFrom(params.travel);
		const n = origins.lon.length;
		this.km = new Float64Array(n);
		this.minutes = new Float64Array(n);
		this.site = new Int32Array(n);
		this.#hav = new Float64Array(n);
		this.#byGroup = byGroup ?? originsByGroup(origins.group);
	}

	/** An independent copy (the scenario starts from the baseline's run). */
	clone(): AccessSession {
		const c = new AccessSession(this.origins, this.params, this.#byGroup);
		c.#originTrees = this.#originTrees;
		c.sites = this.sites;
		c.km.set(this.km);
		c.minutes.set(this.minutes);
		c.site.set(this.site);
		c.#hav.set(this.#hav);
		c.ratio = this.ratio.slice();
		c.demand = this.demand.slice();
		c.access = this.access?.slice() ?? null;
		c.pairs = this.pairs;
		c.#reach = this.#reach;
		return c;
	}

	/** Runs on a new site list; returns the communes whose minutes or score changed, or null after a full run. */
	run(sites: SessionSites, forceFull = false): Int32Array | null {
		const prev = this.sites;
		const diff = prev && !forceFull ? diffSites(prev, sites) : null;
		this.sites = sites;
		const index = buildSiteIndex(siteInputs(sites));
		if (!diff) {
			this.#fullNearest(index);
			this.#fullScore(sites);
			return null;
		}
		const oldMinutes = this.minutes.slice();
		const oldAccess = this.access?.slice() ?? null;
		const touched = new Uint8Array(this.km.length);
		this.#nearestEdit(prev!, sites, diff, index, touched);
		this.#scoreEdit(prev!, sites, diff, touched);
		const changed: number[] = [];
		for (let i = 0; i < touched.length; i++)
			if (touched[i] && (!Object.is(oldMinutes[i], this.minutes[i]) || (oldAccess && !Object.is(oldAccess[i], this.access![i])))) changed.push(i);
		return Int32Array.from(changed);
	}

	#nearestAt(index: SiteIndex, i: number, tmp: Float64Array): void {
		const x = this.origins.lon[i]!;
		const y = this.origins.lat[i]!;
		this.site[i] = -1;
		this.km[i] = Infinity;
		this.#hav[i] = Infinity;
		if (!(Number.isFinite(x) && Number.isFinite(y))) {
			this.km[i] = NaN; // unknown location: not "far", unknown
			this.#hav[i] = NaN;
		} else {
			const gi = index.trees.get('*')?.get(this.origins.group[i]!);
			if (gi) {
				nearestInTree(gi, index.rank, x, y, tmp);
				if (tmp[0]! >= 0) {
					this.site[i] = tmp[0]!;
					this.#hav[i] = tmp[1]!;
					this.km[i] = havToKm(tmp[1]!);
				}
			}
		}
		this.minutes[i] = this.#minutesFrom(this.km[i]!);
	}

	#fullNearest(index: SiteIndex): void {
		const tmp = new Float64Array(2);
		for (let i = 0; i < this.km.length; i++) this.#nearestAt(index, i, tmp);
	}

	#nearestEdit(prev: SessionSites, sites: SessionSites, d: SiteDiff, index: SiteIndex, touched: Uint8Array): void {
		const n = this.km.length;
		const mark = new Uint8Array(n);
		for (let i = 0; i < n; i++) {
			const s = this.site[i]!;
			if (s < 0) continue;
			const to = d.oldToNew[s]!;
			if (to < 0) mark[i] = 1;
			else this.site[i] = to;
		}
		// A position within an origin's tie limit may change its match (added) or was it (removed).
		const within = (lon: number, lat: number, group: string) => {
			const members = this.#byGroup.get(group);
			if (!members || !(Number.isFinite(lon) && Number.isFinite(lat))) return;
			for (let k = 0; k < members.length; k++) {
				const i = members[k]!;
				const h0 = this.#hav[i]!;
				const h = havTerm(this.origins.lon[i]!, this.origins.lat[i]!, lon, lat);
				if (h <= h0 + h0 * TIE_REL + TIE_ABS || h0 === Infinity) mark[i] = 1;
			}
		};
		for (const o of d.removed) within(prev.lon[o]!, prev.lat[o]!, prev.group[o]!);
		for (const j of d.added) within(sites.lon[j]!, sites.lat[j]!, sites.group[j]!);
		const tmp = new Float64Array(2);
		for (let i = 0; i < n; i++)
			if (mark[i]) {
				this.#nearestAt(index, i, tmp);
				touched[i] = 1;
			}
	}

	#newReach(sites: SessionSites, pop: Float64Array): Reach {
		const sc = this.params.score!;
		return new Reach({ lon: this.origins.lon, lat: this.origins.lat, group: this.origins.group, pop }, { lon: sites.lon, lat: sites.lat, group: sites.group, supply: sites.supply }, makeWeight(sc.decay), sc.maxMinutes, this.#minutesFrom);
	}

	#fullScore(sites: SessionSites): void {
		const sc = this.params.score;
		if (!sc) return;
		const r = fullSfca({
			origins: { pop: sc.pop, lon: this.origins.lon, lat: this.origins.lat, group: this.origins.group },
			sites: { supply: sites.supply, lon: sites.lon, lat: sites.lat, group: sites.group },
			weight: makeWeight(sc.decay),
			maxMinutes: sc.maxMinutes,
			minutesFrom: this.#minutesFrom
		});
		this.#originTrees = r.originTrees;
		this.#reach = r.reach;
		this.ratio = r.result.ratio;
		this.demand = r.result.demand;
		this.access = r.result.access;
		this.pairs = r.result.pairs;
	}

	#scoreEdit(prev: SessionSites, sites: SessionSites, d: SiteDiff, touched: Uint8Array): void {
		const sc = this.params.score;
		if (!sc || !this.#reach || !this.#originTrees || !this.access) return this.#fullScore(sites);
		const trees = this.#originTrees;
		const before = this.#reach;
		const reach = this.#newReach(sites, sc.pop);
		const nS = sites.lon.length;
		const demand = new Float64Array(nS);
		const ratio = new Float64Array(nS);
		for (let o = 0; o < d.oldToNew.length; o++) {
			const j = d.oldToNew[o]!;
			if (j < 0) continue;
			demand[j] = this.demand[o]!;
			ratio[j] = this.ratio[o]!;
		}
		const hit = new Uint8Array(this.access.length);
		const markAll = (origin: Int32Array) => {
			for (let k = 0; k < origin.length; k++) hit[origin[k]!] = 1;
		};
		for (const o of d.removed) {
			const r = before.siteReach(trees, o);
			this.pairs -= r.origin.length;
			markAll(r.origin);
		}
		for (const j of d.added) {
			const r = reach.siteReach(trees, j);
			demand[j] = r.demand;
			ratio[j] = reach.ratioOf(j, r.demand);
			this.pairs += r.origin.length;
			markAll(r.origin);
		}
		for (const j of d.resupplied) {
			ratio[j] = reach.ratioOf(j, demand[j]!);
			markAll(reach.siteReach(trees, j).origin);
		}
		this.demand = demand;
		this.ratio = ratio;
		this.#reach = reach;
		const siteTrees = treesByGroup(sites.lon, sites.lat, sites.group);
		for (let i = 0; i < hit.length; i++)
			if (hit[i]) {
				this.access[i] = reach.accessOf(siteTrees, ratio, i);
				touched[i] = 1;
			}
	}
}

interface SiteDiff {
	/** Previous index → new index; -1 when removed or moved. */
	oldToNew: Int32Array;
	/** Previous indices of removed or moved sites. */
	removed: number[];
	/** New indices of added or moved sites. */
	added: number[];
	/** New indices of kept sites whose supply changed. */
	resupplied: number[];
}

/** The edit between two site lists, or null when a full run is needed (reordered, duplicated ids, large). */
export function diffSites(prev: SessionSites, next: SessionSites): SiteDiff | null {
	const at = new Map<string | number, number>();
	for (let o = 0; o < prev.id.length; o++) at.set(prev.id[o]!, o);
	if (at.size !== prev.id.length) return null;
	const oldToNew = new Int32Array(prev.id.length).fill(-1);
	const seen = new Uint8Array(prev.id.length);
	const removed: number[] = [];
	const added: number[] = [];
	const resupplied: number[] = [];
	let last = -1;
	for (let j = 0; j < next.id.length; j++) {
		const o = at.get(next.id[j]!);
		if (o === undefined) {
			added.push(j);
			continue;
		}
		if (seen[o]) return null;
		seen[o] = 1;
		if (!Object.is(prev.lon[o], next.lon[j]) || !Object.is(prev.lat[o], next.lat[j]) || prev.group[o] !== next.group[j]) {
			removed.push(o);
			added.push(j);
			continue;
		}
		// Kept sites keep their order, so every sum over sites keeps its order.
		if (o < last) return null;
		last = o;
		oldToNew[o] = j;
		if (!Object.is(prev.supply[o], next.supply[j])) resupplied.push(j);
	}
	for (let o = 0; o < prev.id.length; o++) if (!seen[o]) removed.push(o);
	return removed.length + added.length + resupplied.length > MAX_EDITED ? null : { oldToNew, removed, added, resupplied };
}

function siteInputs(s: SessionSites): SiteInput[] {
	const out: SiteInput[] = new Array(s.lon.length);
	for (let j = 0; j < out.length; j++) out[j] = { id: s.id[j]!, lon: s.lon[j]!, lat: s.lat[j]!, type: '*', group: s.group[j]! };
	return out;
}

function originsByGroup(group: string[]): Map<string, Int32Array> {
	const lists = new Map<string, number[]>();
	for (let i = 0; i < group.length; i++) {
		let l = lists.get(group[i]!);
		if (!l) lists.set(group[i]!, (l = []));
		l.push(i);
	}
	return new Map([...lists].map(([g, l]) => [g, Int32Array.from(l)]));
}
