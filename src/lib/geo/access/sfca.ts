/**
 * Two-step floating catchment area (2SFCA), the DREES/IRDES APL formula:
 *   step 1, per site j:    R_j = S_j / Σ_k P_k · w(t_kj)
 *   step 2, per origin i:  A_i = Σ_j R_j · w(t_ij)
 * Units: R_j is supply per weighted inhabitant; A_i is supply accessible per inhabitant (same
 * unit as S: FTE, places, consultations…). The UI may multiply A_i by 100 000 ("per 100 000").
 * Conservation: Σ_i P_i · A_i = Σ_j S_j over sites reached by at least one inhabitant.
 *
 * P_k should already be weighted if needed (DREES weights population by age-specific care
 * consumption; that is the caller's job). Only pairs in the same land group and within
 * maxMinutes are considered (kd-trees, exact haversine).
 *
 * Summation order is fixed so that a scenario edit can be recomputed for the communes it
 * touches only and give the same bits as a full run (session.ts): D_j sums over origins in
 * index order, A_i over sites in index order, and every pair's weight is computed by
 * `pairWeight` with the origin first, whichever side the search starts from.
 */
import { havTerm, havToKm, invertMinutes, kmToHav } from './distance';
import { buildGeoIndex, capBox, type GeoIndex } from './nearest';

export interface SfcaInput {
	origins: { pop: Float64Array; lon: Float64Array; lat: Float64Array; group: ArrayLike<string> };
	sites: { supply: Float64Array; lon: Float64Array; lat: Float64Array; group: ArrayLike<string> };
	/** Decay weight on minutes (see params.makeWeight). */
	weight: (minutes: number) => number;
	/** Pairs with t > maxMinutes are ignored. */
	maxMinutes: number;
	/** Great-circle km → minutes; must be non-decreasing (see distance.makeMinutesFrom). */
	minutesFrom: (km: number) => number;
	/** Search radius, km; default: the largest km with minutesFrom(km) ≤ maxMinutes. */
	maxKm?: number;
}

export interface SfcaResult {
	/** R_j per site. 0 when nobody reaches the site (Σ P·w = 0); NaN when its location is unknown. */
	ratio: Float64Array;
	/** A_i per origin (supply per inhabitant). NaN when the origin's location is unknown. */
	access: Float64Array;
	/** Σ_k P_k · w(t_kj) per site (weighted population served). */
	demand: Float64Array;
	/** Number of (origin, site) pairs with w > 0. */
	pairs: number;
}

const known = (lon: number, lat: number) => Number.isFinite(lon) && Number.isFinite(lat);

/** One kd-tree per land group over the points with a known location. */
export function treesByGroup(lon: Float64Array, lat: Float64Array, group: ArrayLike<string>): Map<string, GeoIndex> {
	const byGroup = new Map<string, number[]>();
	for (let j = 0; j < lon.length; j++) {
		if (!known(lon[j]!, lat[j]!)) continue;
		const g = group[j]!;
		let list = byGroup.get(g);
		if (!list) byGroup.set(g, (list = []));
		list.push(j);
	}
	const trees = new Map<string, GeoIndex>();
	for (const [g, list] of byGroup) trees.set(g, buildGeoIndex(lon, lat, Int32Array.from(list)));
	return trees;
}

/** Pair search shared by the full run and the incremental one. */
export class Reach {
	readonly maxKm: number;
	readonly #hMax: number;
	constructor(
		readonly origins: SfcaInput['origins'],
		readonly sites: SfcaInput['sites'],
		readonly weight: (minutes: number) => number,
		readonly maxMinutes: number,
		readonly minutesFrom: (km: number) => number,
		maxKm?: number
	) {
		this.maxKm = maxKm ?? invertMinutes(minutesFrom, maxMinutes);
		this.#hMax = kmToHav(this.maxKm) * (1 + 1e-12);
	}

	/** w(t_ij) for origin i and site j; 0 when the pair is out of reach. */
	pairWeight(i: number, j: number): number {
		const h = havTerm(this.origins.lon[i]!, this.origins.lat[i]!, this.sites.lon[j]!, this.sites.lat[j]!);
		if (!(h <= this.#hMax)) return 0;
		const t = this.minutesFrom(havToKm(h));
		if (!(t <= this.maxMinutes)) return 0;
		const w = this.weight(t);
		return w > 0 ? w : 0;
	}

	/** Members of `tree` in the cap around (lon, lat) (a superset of the pairs in reach), ascending. */
	near(tree: GeoIndex, lon: number, lat: number): Int32Array {
		const [x0, y0, x1, y1] = capBox(lon, lat, this.maxKm);
		const ids = tree.kd.range(x0, y0, x1, y1);
		const out = new Int32Array(ids.length);
		for (let k = 0; k < ids.length; k++) out[k] = tree.members[ids[k]!]!;
		return out.sort();
	}

	/** Origins reached by site j, ascending, with their weights; D_j in the same order. */
	siteReach(originTrees: Map<string, GeoIndex>, j: number): { origin: Int32Array; w: Float64Array; demand: number } {
		const tree = known(this.sites.lon[j]!, this.sites.lat[j]!) ? originTrees.get(this.sites.group[j]!) : undefined;
		const cand = tree ? this.near(tree, this.sites.lon[j]!, this.sites.lat[j]!) : new Int32Array(0);
		const origin = new Int32Array(cand.length);
		const w = new Float64Array(cand.length);
		let n = 0;
		let demand = 0;
		for (let k = 0; k < cand.length; k++) {
			const i = cand[k]!;
			const wi = this.pairWeight(i, j);
			if (!(wi > 0)) continue;
			origin[n] = i;
			w[n++] = wi;
			const p = this.origins.pop[i]!;
			if (p > 0) demand += p * wi;
		}
		return { origin: origin.subarray(0, n), w: w.subarray(0, n), demand };
	}

	/** R_j from its supply and demand. */
	ratioOf(j: number, demand: number): number {
		if (!known(this.sites.lon[j]!, this.sites.lat[j]!)) return NaN;
		const s = this.sites.supply[j]!;
		return demand > 0 && s > 0 ? s / demand : 0;
	}

	/** A_i from the ratios, summing over the sites in reach in index order. */
	accessOf(siteTrees: Map<string, GeoIndex>, ratio: Float64Array, i: number): number {
		const x = this.origins.lon[i]!;
		const y = this.origins.lat[i]!;
		if (!known(x, y)) return NaN;
		const tree = siteTrees.get(this.origins.group[i]!);
		if (!tree) return 0;
		const cand = this.near(tree, x, y);
		let a = 0;
		for (let k = 0; k < cand.length; k++) {
			const j = cand[k]!;
			const w = this.pairWeight(i, j);
			if (w > 0) a += ratio[j]! * w;
		}
		return a;
	}
}

export function twoStepFca(input: SfcaInput): SfcaResult {
	return fullSfca(input).result;
}

/** The full run, and what an incremental run starts from. */
export function fullSfca(input: SfcaInput): { result: SfcaResult; reach: Reach; originTrees: Map<string, GeoIndex> } {
	const { origins, sites } = input;
	const nO = origins.lon.length;
	const nS = sites.lon.length;
	const reach = new Reach(origins, sites, input.weight, input.maxMinutes, input.minutesFrom, input.maxKm);
	const originTrees = treesByGroup(origins.lon, origins.lat, origins.group);

	// Step 1, per site: its reach (origins ascending) and R_j.
	const demand = new Float64Array(nS);
	const ratio = new Float64Array(nS);
	const reached: { origin: Int32Array; w: Float64Array }[] = new Array(nS);
	const count = new Int32Array(nO + 1);
	let pairs = 0;
	for (let j = 0; j < nS; j++) {
		const r = reach.siteReach(originTrees, j);
		reached[j] = r;
		demand[j] = r.demand;
		ratio[j] = reach.ratioOf(j, r.demand);
		pairs += r.origin.length;
		for (let k = 0; k < r.origin.length; k++) count[r.origin[k]! + 1]!++;
	}
	// Pairs by origin, sites ascending (CSR filled site by site).
	for (let i = 0; i < nO; i++) count[i + 1]! += count[i]!;
	const fill = count.slice(0, nO);
	const pSite = new Int32Array(pairs);
	const pW = new Float64Array(pairs);
	for (let j = 0; j < nS; j++) {
		const r = reached[j]!;
		for (let k = 0; k < r.origin.length; k++) {
			const at = fill[r.origin[k]!]!++;
			pSite[at] = j;
			pW[at] = r.w[k]!;
		}
	}
	// Step 2: accessibility per origin.
	const access = new Float64Array(nO);
	for (let i = 0; i < nO; i++) {
		if (!known(origins.lon[i]!, origins.lat[i]!)) {
			access[i] = NaN;
			continue;
		}
		let a = 0;
		for (let k = count[i]!; k < count[i + 1]!; k++) a += ratio[pSite[k]!]! * pW[k]!;
		access[i] = a;
	}
	return { result: { ratio, access, demand, pairs }, reach, originTrees };
}
