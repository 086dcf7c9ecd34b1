/**
 * Points for communes: an interior label/marker point per commune, and a point → commune lookup
 * (used to give each GISCO hospital site its COG 2026 commune).
 */
import Flatbush from 'flatbush';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { KM_PER_DEG } from './topology.ts';
import { interiorPoint, RAD, type LonLat } from '../../src/lib/geo/interior-point.ts';

export { interiorPoint, type LonLat };

type PolygonFeature = Feature<Polygon | MultiPolygon | null>;

/** Features of a topology object (default `communes`), a FeatureCollection or a feature list. */
export function toFeatures(input: Topology | FeatureCollection | Feature[], objectName = 'communes'): PolygonFeature[] {
	if (Array.isArray(input)) return input as PolygonFeature[];
	if (input.type === 'FeatureCollection') return input.features as PolygonFeature[];
	const obj = input.objects[objectName];
	if (!obj) throw new Error(`topology has no object "${objectName}"`);
	const fc = feature(input, obj as GeometryCollection) as FeatureCollection;
	return fc.features as PolygonFeature[];
}

/** Feature code: the feature id (topology geometries) or properties.code (GeoJSON sources). */
function codeOf(f: { id?: string | number; properties: unknown }): string | null {
	const c = f.id ?? (f.properties as { code?: unknown } | null)?.code;
	return c == null ? null : String(c);
}

/** Interior point of every commune, by code. Communes without polygonal geometry are absent. */
export function communePoints(input: Topology | FeatureCollection | Feature[], objectName = 'communes'): Map<string, LonLat> {
	const out = new Map<string, LonLat>();
	for (const f of toFeatures(input, objectName)) {
		const code = codeOf(f);
		const p = interiorPoint(f.geometry);
		if (code != null && p) out.set(code, p);
	}
	return out;
}

/**
 * Spatial index of polygons for point lookups. Rings are flattened into one Float64Array
 * (x, y pairs) so the hot loop touches no nested arrays.
 */
export interface CommuneIndex {
	tree: Flatbush;
	codes: string[];
	coords: Float64Array;
	/** Per item: [first ring, end ring) in ringEnds. */
	itemRings: Uint32Array;
	/** Per ring: end offset (in numbers) in coords; start is the previous ring's end. */
	ringEnds: Uint32Array;
}

export function buildCommuneIndex(input: Topology | FeatureCollection | Feature[], objectName = 'communes'): CommuneIndex {
	const items: { code: string; rings: Position[][] }[] = [];
	for (const f of toFeatures(input, objectName)) {
		const code = codeOf(f);
		const g = f.geometry;
		if (code == null || !g) continue;
		const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
		const rings = polys.flat().filter((r) => r.length >= 4);
		if (rings.length) items.push({ code, rings });
	}
	let nPts = 0;
	let nRings = 0;
	for (const it of items) {
		nRings += it.rings.length;
		for (const r of it.rings) nPts += r.length;
	}
	const coords = new Float64Array(nPts * 2);
	const ringEnds = new Uint32Array(nRings);
	const itemRings = new Uint32Array(items.length * 2);
	const tree = new Flatbush(Math.max(1, items.length));
	let c = 0;
	let r = 0;
	items.forEach((it, i) => {
		itemRings[2 * i] = r;
		let minX = Infinity;
		let minY = Infinity;
		let maxX = -Infinity;
		let maxY = -Infinity;
		for (const ring of it.rings) {
			for (const p of ring) {
				const x = p[0]!;
				const y = p[1]!;
				coords[c++] = x;
				coords[c++] = y;
				if (x < minX) minX = x;
				if (x > maxX) maxX = x;
				if (y < minY) minY = y;
				if (y > maxY) maxY = y;
			}
			ringEnds[r++] = c;
		}
		itemRings[2 * i + 1] = r;
		tree.add(minX, minY, maxX, maxY);
	});
	if (!items.length) tree.add(0, 0, 0, 0); // Flatbush refuses an empty index; a 0-item dummy never matches (codes is empty).
	tree.finish();
	return { tree, codes: items.map((it) => it.code), coords, itemRings, ringEnds };
}

/**
 * Even-odd ray casting over all rings of item i: holes (enclaves) and islands come out right without
 * knowing which ring is which. Planar in lon/lat: at commune scale edges are a few hundred metres,
 * where the gap between a straight lon/lat segment and a geodesic is centimetres, and it is about 20×
 * faster than d3-geo's spherical geoContains.
 */
function containsItem(index: CommuneIndex, i: number, x: number, y: number): boolean {
	const { coords, ringEnds, itemRings } = index;
	let inside = false;
	for (let r = itemRings[2 * i]!, end = itemRings[2 * i + 1]!; r < end; r++) {
		const start = r === 0 ? 0 : ringEnds[r - 1]!;
		const stop = ringEnds[r]!;
		for (let a = start, b = stop - 2; a < stop; b = a, a += 2) {
			const ya = coords[a + 1]!;
			const yb = coords[b + 1]!;
			if (ya > y !== yb > y) {
				const xa = coords[a]!;
				const xb = coords[b]!;
				if (x < ((xb - xa) * (y - ya)) / (yb - ya) + xa) inside = !inside;
			}
		}
	}
	return inside;
}

/** Code of the commune containing (lon, lat), or null. On a shared border, the first candidate wins. */
export function pointInCommune(index: CommuneIndex, lon: number, lat: number): string | null {
	if (!index.codes.length || !Number.isFinite(lon) || !Number.isFinite(lat)) return null;
	const hits = index.tree.search(lon, lat, lon, lat);
	hits.sort((a, b) => a - b); // deterministic order
	for (const i of hits) if (containsItem(index, i, lon, lat)) return index.codes[i]!;
	return null;
}

/** Distance in km from a point to the rings of item i (local equirectangular projection). */
function distanceToItemKm(index: CommuneIndex, i: number, lon: number, lat: number): number {
	const { coords, ringEnds, itemRings } = index;
	const k = Math.cos(lat * RAD);
	let best = Infinity;
	for (let r = itemRings[2 * i]!, end = itemRings[2 * i + 1]!; r < end; r++) {
		const start = r === 0 ? 0 : ringEnds[r - 1]!;
		const stop = ringEnds[r]!;
		for (let a = start + 2; a < stop; a += 2) {
			const ax = (coords[a - 2]! - lon) * k;
			const ay = coords[a - 1]! - lat;
			const bx = (coords[a]! - lon) * k;
			const by = coords[a + 1]! - lat;
			const dx = bx - ax;
			const dy = by - ay;
			const len2 = dx * dx + dy * dy;
			const t = len2 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2)) : 0;
			const px = ax + t * dx;
			const py = ay + t * dy;
			const d = px * px + py * py;
			if (d < best) best = d;
		}
	}
	return Math.sqrt(best) * KM_PER_DEG;
}

export interface Located {
	code: string;
	/** 0 when the point is inside; else the distance to the nearest commune edge. */
	distanceKm: number;
}

/**
 * pointInCommune, then, for points that fall in no polygon (a site on the coast or a harbour
 * pier, outside the simplified 2018 shoreline), the nearest commune within maxKm.
 */
export function locatePoint(index: CommuneIndex, lon: number, lat: number, maxKm = 0): Located | null {
	const inside = pointInCommune(index, lon, lat);
	if (inside != null) return { code: inside, distanceKm: 0 };
	if (!(maxKm > 0) || !index.codes.length || !Number.isFinite(lon) || !Number.isFinite(lat)) return null;
	const dLat = maxKm / KM_PER_DEG;
	const dLon = dLat / Math.max(0.01, Math.cos(lat * RAD));
	let best: Located | null = null;
	for (const i of index.tree.search(lon - dLon, lat - dLat, lon + dLon, lat + dLat)) {
		const d = distanceToItemKm(index, i, lon, lat);
		if (d <= maxKm && (!best || d < best.distanceKm)) best = { code: index.codes[i]!, distanceKm: d };
	}
	return best;
}
