/**
 * Which web-mercator tiles (z/x/y, the XYZ scheme MapLibre and the pipeline's tiler use) cover a
 * box in longitude/latitude. Pure: the map prefetches a territory's tiles with it, tests check it.
 */
export type LonLatBox = readonly [west: number, south: number, east: number, north: number];

const MAX_LAT = 85.0511287798;

function tileX(lon: number, z: number): number {
	const n = 2 ** z;
	return Math.min(n - 1, Math.max(0, Math.floor(((lon + 180) / 360) * n)));
}

function tileY(lat: number, z: number): number {
	const n = 2 ** z;
	const r = (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180;
	return Math.min(n - 1, Math.max(0, Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)));
}

/** Tile keys `z/x/y` covering `box` from `minzoom` to `maxzoom`, low zooms first. */
export function tilesCovering(box: LonLatBox, minzoom: number, maxzoom: number): string[] {
	const [w, s, e, n] = box;
	if (![w, s, e, n].every(Number.isFinite) || w > e || s > n) return [];
	const keys: string[] = [];
	for (let z = minzoom; z <= maxzoom; z++) {
		const [x0, x1, y0, y1] = [tileX(w, z), tileX(e, z), tileY(n, z), tileY(s, z)];
		for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) keys.push(`${z}/${x}/${y}`);
	}
	return keys;
}
