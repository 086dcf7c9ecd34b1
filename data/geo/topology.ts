/**
 * Generic TopoJSON helpers for the pipeline: simplification with an area weight in km²,
 * arc pruning, quantized compact serialisation and size statistics for the manifest.
 * Pure functions (no file I/O): the caller (data/build.ts) writes the files.
 */
import { gzipSync } from 'node:zlib';
import { quantize } from 'topojson-client';
import { filter, presimplify, simplify } from 'topojson-simplify';
import type { GeometryObject, Objects, Topology } from 'topojson-specification';

/** Kilometres per degree of latitude (mean Earth radius 6371 km). */
export const KM_PER_DEG = (Math.PI * 6371) / 180;

type Pt = [number, number] | number[];

/**
 * Visvalingam weight = triangle area in km², with longitudes scaled by cos(latitude).
 * Planar degree² would weigh a triangle in Lille 1.6× more than the same one in La Réunion;
 * the local scaling makes one threshold mean the same ground area everywhere (metro and DROM).
 */
export function triangleAreaKm2(triangle: [Pt, Pt, Pt]): number {
	const [a, b, c] = triangle;
	const k = Math.cos(((a[1]! + b[1]! + c[1]!) / 3) * (Math.PI / 180));
	const cross = (b[0]! - a[0]!) * (c[1]! - a[1]!) - (c[0]! - a[0]!) * (b[1]! - a[1]!);
	return (Math.abs(cross) * k * KM_PER_DEG * KM_PER_DEG) / 2;
}

/** Signed ring area in km² (positive or negative depending on winding). Ring in lon/lat. */
export function ringAreaKm2(ring: Pt[]): number {
	let sum = 0;
	let latSum = 0;
	const n = ring.length;
	for (let i = 0, j = n - 1; i < n; j = i++) {
		const p = ring[i]!;
		const q = ring[j]!;
		sum += (q[0]! - p[0]!) * (q[1]! + p[1]!);
		latSum += p[1]!;
	}
	const k = n ? Math.cos((latSum / n) * (Math.PI / 180)) : 1;
	return (sum / 2) * k * KM_PER_DEG * KM_PER_DEG;
}

export function isQuantized(topology: { transform?: unknown }): boolean {
	return topology.transform != null;
}

/** Decodes an arc to absolute positions (handles quantized, delta-encoded arcs). */
export function decodeArc(topology: Topology, index: number): number[][] {
	const arc = topology.arcs[index < 0 ? ~index : index]!;
	let out: number[][];
	const t = topology.transform;
	if (!t) out = arc.map((p) => [p[0]!, p[1]!]);
	else {
		let x = 0;
		let y = 0;
		out = arc.map((p) => {
			x += p[0]!;
			y += p[1]!;
			return [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]];
		});
	}
	if (index < 0) out.reverse();
	return out;
}

/** Rebuilds a ring's coordinates from its arc indexes (same stitching rule as topojson-client). */
export function ringCoordinates(topology: Topology, ring: number[]): number[][] {
	const out: number[][] = [];
	for (const index of ring) {
		const pts = decodeArc(topology, index);
		// Consecutive arcs share their junction point.
		out.push(...(out.length ? pts.slice(1) : pts));
	}
	if (out.length && out.length < 4) {
		// Degenerate ring (collapsed by simplification): still close it.
		while (out.length < 4) out.push(out[0]!);
	}
	return out;
}

/** Polygons (arc-index form) of a polygonal geometry object; [] for anything else. */
export function polygonsOf(o: GeometryObject): number[][][] {
	if (o.type === 'Polygon') return [o.arcs];
	if (o.type === 'MultiPolygon') return o.arcs;
	return [];
}

/** Removes arcs no object references and renumbers the others (topojson-simplify's filter with no predicate prunes). */
export function pruneArcs<T extends Objects>(topology: Topology<T>): Topology<T> {
	return filter(topology, () => true) as unknown as Topology<T>;
}

export interface SimplifyOptions {
	/**
	 * Points whose Visvalingam triangle (see triangleAreaKm2) is smaller than this many km² are removed.
	 * Arc end points (junctions between 3+ polygons) are always kept, so shared borders stay shared.
	 */
	minAreaKm2: number;
	/**
	 * Polygons (exterior ring) smaller than this many km² after simplification are dropped, except the
	 * largest polygon of each geometry, so no geometry ever disappears. 0 = keep all.
	 */
	minPolygonKm2?: number;
	/** Quantization (number of steps across the bbox); 0 to leave coordinates unquantized. Default 1e5. */
	quantization?: number;
}

/**
 * Simplifies an unquantized topology, drops tiny islands, prunes unused arcs and quantizes.
 * Returns a new topology; the input is not modified.
 */
export function simplifyTopology<T extends Objects>(topology: Topology<T>, opts: SimplifyOptions): Topology<T> {
	if (isQuantized(topology)) throw new Error('simplifyTopology expects an unquantized topology');
	const pre = presimplify(topology, triangleAreaKm2 as never);
	let out = simplify(pre, opts.minAreaKm2) as Topology<T>;
	out = dropSmallPolygons(out, opts.minPolygonKm2 ?? 0);
	out = pruneArcs(out);
	if (opts.quantization ?? 1e5) out = quantize(out, opts.quantization ?? 1e5);
	return out;
}

/** Drops polygons below minKm2 inside each (multi)polygon geometry, keeping the largest one. */
export function dropSmallPolygons<T extends Objects>(topology: Topology<T>, minKm2: number): Topology<T> {
	if (!(minKm2 > 0)) return topology;
	const area = (poly: number[][]) => Math.abs(ringAreaKm2(ringCoordinates(topology, poly[0]!)));
	const visit = (o: GeometryObject): GeometryObject => {
		if (o.type === 'GeometryCollection') return { ...o, geometries: o.geometries.map(visit) };
		if (o.type !== 'MultiPolygon') return o;
		const areas = o.arcs.map(area);
		let best = 0;
		areas.forEach((a, i) => {
			if (a > areas[best]!) best = i;
		});
		const kept = o.arcs.filter((_, i) => i === best || areas[i]! >= minKm2);
		return kept.length === 1 ? { ...o, type: 'Polygon', arcs: kept[0]! } : { ...o, arcs: kept };
	};
	const objects = {} as Record<string, GeometryObject>;
	for (const [k, v] of Object.entries(topology.objects)) objects[k] = visit(v);
	return { ...topology, objects: objects as T };
}

/** Rounds bbox/transform numbers so the header does not carry 17 significant digits. */
function tidy<T extends Objects>(topology: Topology<T>): Topology<T> {
	const r = (x: number, d: number) => Number(x.toFixed(d));
	const out: Topology<T> = { type: 'Topology', objects: topology.objects, arcs: topology.arcs };
	if (topology.bbox) out.bbox = topology.bbox.map((x) => r(x, 6)) as typeof topology.bbox;
	if (topology.transform) out.transform = topology.transform; // exact: rounding would shift every point
	return out;
}

/**
 * Compact JSON for a topology: quantized (when not already, with `quantization`, default 1e5),
 * no whitespace, unquantized coordinates (if quantization = 0) rounded to 6 decimals.
 */
export function serializeTopology(topology: Topology<Objects<any>>, quantization = 1e5): string {
	let t = topology as Topology<Objects>;
	if (!isQuantized(t) && quantization) t = quantize(t, quantization);
	t = tidy(t);
	if (isQuantized(t)) return JSON.stringify(t);
	return JSON.stringify(t, (_k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 1e6) / 1e6 : v));
}

export interface TopologyStats {
	objects: { name: string; geometries: number }[];
	bytes: number;
	gzipBytes: number;
}

/** Object names with geometry counts, and the serialised size raw and gzipped (level 9, like a static server would). */
export function topologyStats(topology: Topology<Objects<any>> | string): TopologyStats {
	const json = typeof topology === 'string' ? topology : serializeTopology(topology);
	const parsed = (typeof topology === 'string' ? JSON.parse(topology) : topology) as Topology;
	const bytes = Buffer.byteLength(json, 'utf8');
	const gzipBytes = gzipSync(json, { level: 9 }).length;
	const objects = Object.entries(parsed.objects).map(([name, o]) => ({
		name,
		geometries: o.type === 'GeometryCollection' ? o.geometries.length : o.type == null ? 0 : 1
	}));
	return { objects, bytes, gzipBytes };
}
