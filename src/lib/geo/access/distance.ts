/**
 * Great-circle distances and the road-time proxy (see params.ts for the assumptions).
 * Coordinates are WGS84 degrees, distances km, times minutes.
 */
import { DEFAULT_TRAVEL, EARTH_RADIUS_KM, type SpeedBand, type TravelParams } from './params';

const RAD = Math.PI / 180;

/** Haversine term hav(θ) for two points; monotone in distance, cheap to compare. */
export function havTerm(lon1: number, lat1: number, lon2: number, lat2: number): number {
	const s1 = Math.sin((lat2 - lat1) * RAD * 0.5);
	const s2 = Math.sin((lon2 - lon1) * RAD * 0.5);
	return s1 * s1 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * s2 * s2;
}

/** hav(θ) → km. Clamped so rounding never gives NaN. */
export function havToKm(h: number): number {
	return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h < 0 ? 0 : h > 1 ? 1 : h));
}

/** km → hav(θ) (inverse of havToKm for 0 ≤ km ≤ πR). */
export function kmToHav(km: number): number {
	const s = Math.sin(Math.min(km / EARTH_RADIUS_KM, Math.PI) * 0.5);
	return s * s;
}

/** Great-circle distance, km. */
export function haversineKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
	return havToKm(havTerm(lon1, lat1, lon2, lat2));
}

/** One-to-many: distance from (lon0, lat0) to every point, km. */
export function haversineKmFrom(
	lon0: number,
	lat0: number,
	lon: Float64Array,
	lat: Float64Array,
	out: Float64Array = new Float64Array(lon.length)
): Float64Array {
	const cos0 = Math.cos(lat0 * RAD);
	const n = lon.length;
	for (let i = 0; i < n; i++) {
		const la = lat[i]!;
		const s1 = Math.sin((la - lat0) * RAD * 0.5);
		const s2 = Math.sin((lon[i]! - lon0) * RAD * 0.5);
		out[i] = havToKm(s1 * s1 + cos0 * Math.cos(la * RAD) * s2 * s2);
	}
	return out;
}

/** Element-wise: distance between point i of A and point i of B, km. */
export function haversineKmPairs(
	lonA: Float64Array,
	latA: Float64Array,
	lonB: Float64Array,
	latB: Float64Array,
	out: Float64Array = new Float64Array(lonA.length)
): Float64Array {
	const n = lonA.length;
	for (let i = 0; i < n; i++) out[i] = haversineKm(lonA[i]!, latA[i]!, lonB[i]!, latB[i]!);
	return out;
}

/** Road-km proxy from great-circle km. */
export function roadKm(gcKm: number, travel: TravelParams = DEFAULT_TRAVEL): number {
	return gcKm * travel.detourFactor;
}

/** Minutes to drive `road` km through the speed bands. */
export function minutesFromRoadKm(road: number, bands: SpeedBand[] = DEFAULT_TRAVEL.speedBands): number {
	if (!(road >= 0)) return road < 0 ? 0 : NaN;
	let minutes = 0;
	let from = 0;
	for (const b of bands) {
		const to = Math.min(road, b.upToKm);
		if (to > from) minutes += ((to - from) / b.kmh) * 60;
		if (road <= b.upToKm) return minutes;
		from = b.upToKm;
	}
	// Road beyond the last band's end: keep its speed (bands should end with Infinity).
	const last = bands[bands.length - 1];
	return last ? minutes + ((road - from) / last.kmh) * 60 : NaN;
}

/** Minutes from great-circle km (detour then speed bands). */
export function minutesFromKm(gcKm: number, travel: TravelParams = DEFAULT_TRAVEL): number {
	return minutesFromRoadKm(gcKm * travel.detourFactor, travel.speedBands);
}

/** Fast closure km → minutes for hot loops (precomputed band starts). */
export function makeMinutesFrom(travel: TravelParams = DEFAULT_TRAVEL): (gcKm: number) => number {
	const n = travel.speedBands.length;
	const start = new Float64Array(n); // road km where band k starts
	const base = new Float64Array(n); // minutes accumulated before band k
	const perKm = new Float64Array(n); // minutes per road km in band k
	let from = 0;
	let acc = 0;
	for (let k = 0; k < n; k++) {
		const b = travel.speedBands[k]!;
		start[k] = from;
		base[k] = acc;
		perKm[k] = 60 / b.kmh;
		acc += (b.upToKm - from) * perKm[k]!;
		from = b.upToKm;
	}
	const f = travel.detourFactor;
	return (gcKm) => {
		const r = gcKm * f;
		if (!(r >= 0)) return r < 0 ? 0 : NaN;
		let k = n - 1;
		while (k > 0 && r < start[k]!) k--;
		return base[k]! + (r - start[k]!) * perKm[k]!;
	};
}

/** Vectorised km → minutes. Infinity stays Infinity, NaN stays NaN. */
export function minutesFromKmArray(
	km: Float64Array,
	travel: TravelParams = DEFAULT_TRAVEL,
	out: Float64Array = new Float64Array(km.length)
): Float64Array {
	const m = makeMinutesFrom(travel);
	for (let i = 0; i < km.length; i++) out[i] = m(km[i]!);
	return out;
}

/** Inverse of minutesFromKm: the great-circle km reached in `minutes`. */
export function kmForMinutes(minutes: number, travel: TravelParams = DEFAULT_TRAVEL): number {
	if (!(minutes > 0)) return 0;
	let left = minutes;
	let from = 0;
	for (const b of travel.speedBands) {
		const bandMinutes = ((b.upToKm - from) / b.kmh) * 60;
		if (left <= bandMinutes) return (from + (left / 60) * b.kmh) / travel.detourFactor;
		left -= bandMinutes;
		from = b.upToKm;
	}
	const last = travel.speedBands[travel.speedBands.length - 1];
	return last ? (from + (left / 60) * last.kmh) / travel.detourFactor : Infinity;
}

/**
 * Largest km with minutesFrom(km) ≤ maxMinutes, for an arbitrary non-decreasing minutesFrom
 * (bisection). Used when 2SFCA gets a custom time function.
 */
export function invertMinutes(minutesFrom: (km: number) => number, maxMinutes: number): number {
	if (!(minutesFrom(0) <= maxMinutes)) return 0;
	let hi = 1;
	while (minutesFrom(hi) <= maxMinutes) {
		hi *= 2;
		if (hi > 20_100) return Infinity; // beyond half the Earth's circumference: no limit
	}
	let lo = hi / 2 > 1 ? hi / 2 : 0;
	for (let it = 0; it < 60; it++) {
		const mid = (lo + hi) / 2;
		if (minutesFrom(mid) <= maxMinutes) lo = mid;
		else hi = mid;
	}
	return hi; // upper bracket: never excludes a pair that is within maxMinutes
}
