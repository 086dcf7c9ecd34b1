/**
 * A label / marker point inside a polygon: the pole of inaccessibility (polylabel). Shared by the
 * pipeline (one point per commune, data/geo/points.ts) and the browser (map labels of
 * départements, régions and the communes in view).
 */
import type { Geometry, Position } from 'geojson';
// @ts-expect-error polylabel 2.x ships no type declarations (typed just below).
import polylabelUntyped from 'polylabel';

const polylabel = polylabelUntyped as (polygon: number[][][], precision?: number) => number[] & { distance: number };

export type LonLat = [number, number];

export const RAD = Math.PI / 180;

/** Planar area of a ring in raw units (absolute value; winding ignored). */
function ringArea(ring: Position[], kx = 1): number {
	let sum = 0;
	for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) {
		sum += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
	}
	return Math.abs(sum * kx) / 2;
}

function round5(x: number): number {
	return Math.round(x * 1e5) / 1e5;
}

/**
 * A point well inside the geometry: the pole of inaccessibility (polylabel) of its largest polygon.
 * Longitudes are scaled by cos(latitude) first so "farthest from the edges" holds on the ground (in
 * raw degrees a commune at 46°N is stretched 1.4× east-west and the point drifts). Unlike a centroid,
 * it is inside concave shapes (crescents, U-shaped communes) and on the main island of a multipolygon.
 * Returns null for an empty or non-polygonal geometry. Rounded to 1e-5° (about 1 m).
 */
export function interiorPoint(geometry: Geometry | null | undefined): LonLat | null {
	if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) return null;
	const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
	let best: Position[][] | null = null;
	let bestArea = -1;
	for (const poly of polygons) {
		const outer = poly[0];
		if (!outer || outer.length < 4) continue;
		// Local scale per polygon (islands of one commune are at about the same latitude).
		const a = ringArea(outer, Math.cos((outer[0]![1] ?? 0) * RAD));
		if (a > bestArea) {
			bestArea = a;
			best = poly;
		}
	}
	if (!best) return null;
	let minY = Infinity;
	let maxY = -Infinity;
	let minX = Infinity;
	let maxX = -Infinity;
	for (const p of best[0]!) {
		minX = Math.min(minX, p[0]!);
		maxX = Math.max(maxX, p[0]!);
		minY = Math.min(minY, p[1]!);
		maxY = Math.max(maxY, p[1]!);
	}
	const k = Math.cos(((minY + maxY) / 2) * RAD);
	const scaled = best.map((ring) => ring.map((p) => [p[0]! * k, p[1]!]));
	// Precision relative to the polygon size: 1/500 of its smaller side (a few metres for a commune).
	const precision = Math.max(1e-7, Math.min((maxX - minX) * k, maxY - minY) / 500);
	const p = polylabel(scaled, precision);
	return [round5(p[0]! / k), round5(p[1]!)];
}

