import { gzipSync } from 'node:zlib';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { feature, neighbors, quantize } from 'topojson-client';
import { topology as buildTopology } from 'topojson-server';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import {
	decodeArc,
	dropSmallPolygons,
	ringAreaKm2,
	serializeTopology,
	simplifyTopology,
	topologyStats,
	triangleAreaKm2
} from '../../../data/geo/topology.ts';

const KM = (Math.PI * 6371) / 180;

/** Two squares sharing a zigzag border (x = 1 ± 0.0005), the left one with a 10 m bump on its west edge. */
function zigzagPair(): Topology<{ c: GeometryCollection }> {
	const border: [number, number][] = [];
	for (let i = 0; i <= 100; i++) border.push([1 + (i % 2 ? 0.0005 : 0), 45 + i * 0.01]);
	const left: [number, number][] = [[0, 45], ...border, [0, 46], [0, 45.5001], [-0.0001, 45.5], [0, 45.4999], [0, 45]];
	const right: [number, number][] = [[1, 45], [2, 45], [2, 46], ...[...border].reverse()];
	const f = (id: string, ring: [number, number][]): Feature<Polygon> => ({ type: 'Feature', id, properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } });
	return buildTopology({ c: { type: 'FeatureCollection', features: [f('L', left), f('R', right)] } as FeatureCollection }) as Topology<{
		c: GeometryCollection;
	}>;
}

describe('area weights', () => {
	it('measures triangles and rings in km² with longitudes scaled by cos(lat)', () => {
		expect(triangleAreaKm2([[0, 0], [0.01, 0], [0, 0.01]])).toBeCloseTo((0.01 * KM) ** 2 / 2, 6);
		// Same triangle in degrees at 60°N covers half the ground.
		expect(triangleAreaKm2([[0, 60], [0.01, 60], [0, 60.01]]) / triangleAreaKm2([[0, 0], [0.01, 0], [0, 0.01]])).toBeCloseTo(
			Math.cos((60.00333 * Math.PI) / 180),
			4
		);
		const sq = [[2, 48], [2.01, 48], [2.01, 48.01], [2, 48.01], [2, 48]];
		expect(Math.abs(ringAreaKm2(sq))).toBeCloseTo(0.01 * KM * 0.01 * KM * Math.cos((48.004 * Math.PI) / 180), 4);
	});
});

describe('simplifyTopology', () => {
	const topo = zigzagPair();

	it('removes small wiggles and bumps but keeps the shared border shared', () => {
		const before = topo.arcs.reduce((n, a) => n + a.length, 0);
		const s = simplifyTopology(topo, { minAreaKm2: 0.1, quantization: 1e4 });
		const after = s.arcs.reduce((n, a) => n + a.length, 0);
		expect(after).toBeLessThan(before / 5);
		expect(s.transform).toBeDefined();
		const geoms = s.objects.c.geometries;
		expect(neighbors(geoms as never)).toEqual([[1], [0]]);
		// Unquantized output to look at exact vertices: the 0.0001° bump is gone, the corners stay.
		const raw = simplifyTopology(topo, { minAreaKm2: 0.1, quantization: 0 });
		expect(raw.transform).toBeUndefined();
		const fc = feature(raw, raw.objects.c) as FeatureCollection<Polygon>;
		const left = fc.features.find((f) => f.id === 'L')!.geometry.coordinates[0]!;
		expect(Math.min(...left.map((p) => p[0]!))).toBe(0);
		expect(left).toContainEqual([0, 46]);
		expect(left).toContainEqual([0, 45]);
	});

	it('leaves the input untouched and refuses an already quantized topology', () => {
		const copy = JSON.stringify(topo);
		simplifyTopology(topo, { minAreaKm2: 1 });
		expect(JSON.stringify(topo)).toBe(copy);
		expect(() => simplifyTopology(quantize(topo, 1e4), { minAreaKm2: 1 })).toThrow(/unquantized/);
	});
});

describe('dropSmallPolygons', () => {
	const square = (x: number, y: number, s: number) => [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]];
	const topo = buildTopology({
		c: {
			type: 'FeatureCollection',
			features: [
				{ type: 'Feature', id: 'big+tiny', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [square(0, 45, 0.1), square(1, 45, 0.001)] } },
				{ type: 'Feature', id: 'only tiny', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [square(3, 45, 0.001), square(4, 45, 0.002)] } }
			]
		} as FeatureCollection
	}) as Topology<{ c: GeometryCollection }>;

	it('drops islets below the threshold but never the largest polygon of a geometry', () => {
		const out = dropSmallPolygons(topo, 0.5); // km²; the 0.001° squares are about 0.009 km²
		const [a, b] = out.objects.c.geometries;
		expect(a!.type).toBe('Polygon');
		expect(b!.type).toBe('Polygon');
		const fc = feature(out, out.objects.c) as FeatureCollection<Polygon>;
		expect(fc.features[0]!.geometry.coordinates[0]![0]).toEqual([0, 45]);
		expect(fc.features[1]!.geometry.coordinates[0]!.map((p) => p[0])).toContain(4.002); // the larger tiny one
	});
});

describe('serializeTopology and topologyStats', () => {
	const topo = zigzagPair();

	it('writes compact quantized JSON that decodes back to the input within one grid step', () => {
		const json = serializeTopology(topo, 1e4);
		expect(json).not.toMatch(/\s/);
		const back = JSON.parse(json) as Topology;
		expect(back.transform).toBeDefined();
		const step = Math.max(...back.transform!.scale);
		const orig = decodeArc(topo, 0);
		const dec = decodeArc(back, 0);
		expect(dec[0]![0]).toBeCloseTo(orig[0]![0]!, 3);
		expect(Math.abs(dec[dec.length - 1]![1]! - orig[orig.length - 1]![1]!)).toBeLessThanOrEqual(step);
	});

	it('can keep raw coordinates rounded to 6 decimals', () => {
		const json = serializeTopology(topo, 0);
		const back = JSON.parse(json) as Topology;
		expect(back.transform).toBeUndefined();
		for (const arc of back.arcs) for (const p of arc) for (const v of p) expect(Math.round(v * 1e6) / 1e6).toBe(v);
	});

	it('reports objects, raw and gzipped sizes', () => {
		const json = serializeTopology(topo);
		const stats = topologyStats(json);
		expect(stats.objects).toEqual([{ name: 'c', geometries: 2 }]);
		expect(stats.bytes).toBe(Buffer.byteLength(json));
		expect(stats.gzipBytes).toBeGreaterThan(0);
		expect(stats.gzipBytes).toBeLessThan(stats.bytes);
		expect(topologyStats(topo)).toEqual(stats); // same figures from the object
		expect(stats.gzipBytes).toBe(gzipSync(json, { level: 9 }).length);
	});
});
