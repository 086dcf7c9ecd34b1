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
 * maxMinutes are considered (kd-tree on the sites, exact haversine).
 */
import { invertMinutes } from './distance';
import { buildGeoIndex, withinKm, type GeoIndex } from './nearest';

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

export function twoStepFca(input: SfcaInput): SfcaResult {
	const { origins, sites, weight, maxMinutes, minutesFrom } = input;
	const nO = origins.lon.length;
	const nS = sites.lon.length;
	const maxKm = input.maxKm ?? invertMinutes(minutesFrom, maxMinutes);

	// One tree per land group over the sites with a known location.
	const byGroup = new Map<string, number[]>();
	for (let j = 0; j < nS; j++) {
		if (!(Number.isFinite(sites.lon[j]) && Number.isFinite(sites.lat[j]))) continue;
		const g = sites.group[j]!;
		let list = byGroup.get(g);
		if (!list) byGroup.set(g, (list = []));
		list.push(j);
	}
	const trees = new Map<string, GeoIndex>();
	for (const [g, list] of byGroup) trees.set(g, buildGeoIndex(sites.lon, sites.lat, Int32Array.from(list)));

	// Pairs with w > 0, grouped by origin (CSR).
	let cap = Math.max(1024, nO * 4);
	let pSite = new Int32Array(cap);
	let pW = new Float64Array(cap);
	const start = new Int32Array(nO + 1);
	let np = 0;
	const visit = (j: number, km: number) => {
		const t = minutesFrom(km);
		if (!(t <= maxMinutes)) return;
		const w = weight(t);
		if (!(w > 0)) return;
		if (np === cap) {
			cap *= 2;
			const s2 = new Int32Array(cap);
			s2.set(pSite);
			pSite = s2;
			const w2 = new Float64Array(cap);
			w2.set(pW);
			pW = w2;
		}
		pSite[np] = j;
		pW[np] = w;
		np++;
	};
	const known = new Uint8Array(nO);
	for (let i = 0; i < nO; i++) {
		start[i] = np;
		const x = origins.lon[i]!;
		const y = origins.lat[i]!;
		if (!(Number.isFinite(x) && Number.isFinite(y))) continue;
		known[i] = 1;
		const tree = trees.get(origins.group[i]!);
		if (tree) withinKm(tree, sites.lon, sites.lat, x, y, maxKm, visit);
	}
	start[nO] = np;

	// Step 1: weighted demand and supply-to-population ratio per site.
	const demand = new Float64Array(nS);
	for (let i = 0; i < nO; i++) {
		const p = origins.pop[i]!;
		if (!(p > 0)) continue;
		for (let k = start[i]!; k < start[i + 1]!; k++) {
			const j = pSite[k]!;
			demand[j] = demand[j]! + p * pW[k]!;
		}
	}
	const ratio = new Float64Array(nS);
	for (let j = 0; j < nS; j++) {
		if (!(Number.isFinite(sites.lon[j]) && Number.isFinite(sites.lat[j]))) ratio[j] = NaN;
		else {
			const s = sites.supply[j]!;
			ratio[j] = demand[j]! > 0 && s > 0 ? s / demand[j]! : 0;
		}
	}

	// Step 2: accessibility per origin.
	const access = new Float64Array(nO);
	for (let i = 0; i < nO; i++) {
		if (!known[i]) {
			access[i] = NaN;
			continue;
		}
		let a = 0;
		for (let k = start[i]!; k < start[i + 1]!; k++) a += ratio[pSite[k]!]! * pW[k]!;
		access[i] = a;
	}
	return { ratio, access, demand, pairs: np };
}
