/**
 * Pure summaries used by the accessibility page: per-territory figures for baseline vs scenario.
 * Inputs are the worker's per-commune arrays; nothing here touches the DOM or DuckDB.
 */
import type { Site } from './model';

export interface Communes {
	code: string[];
	name: string[];
	dep: string[];
	reg: string[];
	pop: Float64Array;
	/** Estimated population aged 16+ and 0–15 (see baseline.agePopulations). */
	popAdult?: Float64Array;
	popChild?: Float64Array;
	lon: Float64Array;
	lat: Float64Array;
}

export interface AccessRun {
	/** Sites of the chosen kind sent to the worker (scenario applied). */
	sites: Site[];
	/** Minutes to the nearest site per commune; Infinity = none in the land group; NaN = unlocated. */
	minutes: Float64Array;
	/** 2SFCA score per commune, per 100 000 inhabitants; null when not computed for this kind. */
	access: Float64Array | null;
}

export interface TerritorySummary {
	pop: number;
	/** Population beyond each threshold (strict t > X; "no site" counts as beyond). */
	beyond: number[];
	/** Population-weighted mean minutes over communes with a finite time. */
	meanMinutes: number;
	/** Sites of the kind in the territory and their total capacity. */
	sites: number;
	capacity: number;
	/** Capacity per 100 000 inhabitants of the territory. */
	capacityPer100k: number;
	/** Population-weighted mean 2SFCA score (per 100 000), NaN when not computed. */
	meanAccess: number;
}

/** Summary of one territory (`inTerritory(i)` selects communes, `siteIn(s)` selects sites). */
export function summarise(
	c: Communes,
	run: AccessRun,
	thresholds: readonly number[],
	inTerritory: (i: number) => boolean,
	siteIn: (s: Site) => boolean
): TerritorySummary {
	let pop = 0;
	let tPop = 0;
	let tSum = 0;
	let aPop = 0;
	let aSum = 0;
	const beyond = thresholds.map(() => 0);
	for (let i = 0; i < c.code.length; i++) {
		if (!inTerritory(i)) continue;
		const p = c.pop[i]!;
		if (!(p > 0)) continue;
		const t = run.minutes[i]!;
		if (Number.isNaN(t)) continue;
		pop += p;
		for (let k = 0; k < thresholds.length; k++) if (t > thresholds[k]!) beyond[k]! += p;
		if (Number.isFinite(t)) {
			tPop += p;
			tSum += p * t;
		}
		const a = run.access?.[i];
		if (a !== undefined && Number.isFinite(a)) {
			aPop += p;
			aSum += p * a;
		}
	}
	let sites = 0;
	let capacity = 0;
	for (const s of run.sites)
		if (siteIn(s)) {
			sites++;
			capacity += s.capacity;
		}
	return {
		pop,
		beyond,
		meanMinutes: tPop > 0 ? tSum / tPop : NaN,
		sites,
		capacity,
		capacityPer100k: pop > 0 ? (capacity / pop) * 1e5 : NaN,
		meanAccess: run.access && aPop > 0 ? aSum / aPop : NaN
	};
}

/** Index of the commune whose interior point is nearest (plain scan, equirectangular metric). */
export function nearestCommune(c: Communes, lon: number, lat: number): number {
	let best = -1;
	let bestD = Infinity;
	const k = Math.cos((lat * Math.PI) / 180);
	for (let i = 0; i < c.lon.length; i++) {
		const dx = (c.lon[i]! - lon) * k;
		const dy = c.lat[i]! - lat;
		const d = dx * dx + dy * dy;
		if (d < bestD) {
			bestD = d;
			best = i;
		}
	}
	return best;
}

/** Lower-case, accent-free form for name matching. */
export function fold(s: string): string {
	return s
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[-'’]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}
