import { readFileSync } from 'node:fs';
import { polygonCentroid, polygonContains } from 'd3';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { topology } from 'topojson-server';
import { describe, expect, it } from 'vitest';
import { buildCommuneIndex, communePoints, interiorPoint, locatePoint, pointInCommune } from '../../../data/geo/points.ts';

const fixture = (name: string) =>
	JSON.parse(readFileSync(new URL(`../../fixtures/geo/${name}`, import.meta.url), 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
const byCode = (fc: FeatureCollection<Polygon | MultiPolygon>, code: string) => fc.features.find((f) => f.properties?.code === code)!;
const ring = (r: Position[]) => r.map((p) => [p[0]!, p[1]!] as [number, number]);

/** Ground distance (in degrees of latitude) from a point to the nearest edge of a polygon: independent of the code under test. */
function groundDistanceToEdges(rings: Position[][], [x, y]: [number, number]): number {
	const k = Math.cos((y * Math.PI) / 180);
	let best = Infinity;
	for (const r of rings) {
		for (let i = 1; i < r.length; i++) {
			const ax = (r[i - 1]![0]! - x) * k;
			const ay = r[i - 1]![1]! - y;
			const bx = (r[i]![0]! - x) * k;
			const by = r[i]![1]! - y;
			const dx = bx - ax;
			const dy = by - ay;
			const t = Math.max(0, Math.min(1, -(ax * dx + ay * dy) / (dx * dx + dy * dy)));
			best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
		}
	}
	return best;
}

describe('interiorPoint', () => {
	const concave = fixture('concave.geojson');

	it('lands inside a C-shaped commune whose centroid is outside', () => {
		const g = byCode(concave, 'C0001').geometry as Polygon;
		const outer = ring(g.coordinates[0]!);
		const centroid = polygonCentroid(outer);
		expect(polygonContains(outer, centroid)).toBe(false); // the premise of the fixture
		const p = interiorPoint(g)!;
		expect(polygonContains(outer, p)).toBe(true);
		// Well inside: the arms are 0.6° tall, so the best possible clearance is 0.3; accept ≥ 0.25.
		expect(groundDistanceToEdges(g.coordinates, p)).toBeGreaterThan(0.25);
	});

	it('measures clearance on the ground (longitudes scaled by cos(lat)), not in raw degrees', () => {
		// At 60°N the vertical arm is 0.9° of longitude = 0.45 ground units wide, the horizontal arm 0.6 tall.
		// In raw degrees the vertical arm looks widest (clearance 0.45 at about (3.45, 60.55));
		// on the ground the horizontal arm is (clearance 0.3 vs 0.225).
		const g = byCode(concave, 'L0001').geometry as Polygon;
		const p = interiorPoint(g)!;
		expect(polygonContains(ring(g.coordinates[0]!), p)).toBe(true);
		expect(groundDistanceToEdges(g.coordinates, p)).toBeGreaterThan(0.28);
		expect(groundDistanceToEdges(g.coordinates, [3.45, 60.55])).toBeLessThan(0.23);
	});

	it('picks the largest polygon of a multipolygon and avoids its hole', () => {
		const g = byCode(fixture('islands.geojson'), 'I0001').geometry as MultiPolygon;
		const [main] = g.coordinates;
		const p = interiorPoint(g)!;
		expect(polygonContains(ring(main![0]!), p)).toBe(true);
		expect(polygonContains(ring(main![1]!), p)).toBe(false); // not in the lagoon
		expect(p[0]).toBeLessThan(15); // not on the small island at lon 20
	});

	it('returns null for empty or non-polygonal geometry', () => {
		expect(interiorPoint(null)).toBeNull();
		expect(interiorPoint({ type: 'Point', coordinates: [1, 2] })).toBeNull();
		expect(interiorPoint({ type: 'MultiPolygon', coordinates: [] })).toBeNull();
	});
});

describe('communePoints', () => {
	it('reads codes from properties.code in GeoJSON and from ids in a topology, with the same points', () => {
		const fc = fixture('islands.geojson');
		const fromFc = communePoints(fc);
		expect([...fromFc.keys()].sort()).toEqual(['I0001', 'I0002']);
		const features: Feature[] = fc.features.map((f) => ({ ...f, id: f.properties!.code as string, properties: {} }));
		const topo = topology({ communes: { type: 'FeatureCollection', features } as FeatureCollection });
		const fromTopo = communePoints(topo);
		for (const [code, p] of fromFc) {
			const q = fromTopo.get(code)!;
			expect(Math.abs(q[0] - p[0])).toBeLessThan(1e-3);
			expect(Math.abs(q[1] - p[1])).toBeLessThan(1e-3);
		}
	});
});

describe('pointInCommune and locatePoint', () => {
	const fc = fixture('islands.geojson');
	const index = buildCommuneIndex([...fc.features, ...fixture('concave.geojson').features]);

	it('finds the commune for points on the main island, the small island and the enclave', () => {
		expect(pointInCommune(index, 10.5, 40.5)).toBe('I0001');
		expect(pointInCommune(index, 20.25, 40.25)).toBe('I0001');
		expect(pointInCommune(index, 12, 42)).toBe('I0002'); // enclave sitting in the hole
	});

	it('returns null in a hole not covered by another commune, in the C notch and in the sea', () => {
		expect(pointInCommune(index, 11.2, 41.2)).toBeNull(); // lagoon outside the enclave
		expect(pointInCommune(index, 2, 46.5)).toBeNull(); // inside the C's notch (its centroid area)
		expect(pointInCommune(index, -30, 40)).toBeNull();
		expect(pointInCommune(index, Number.NaN, 40)).toBeNull();
	});

	it('agrees with an independent point-in-polygon test on a grid of points', () => {
		const c = byCode(fixture('concave.geojson'), 'C0001').geometry as Polygon;
		const outer = ring(c.coordinates[0]!);
		for (let x = -0.25; x <= 3.25; x += 0.1) {
			for (let y = 44.85; y <= 48.15; y += 0.1) {
				expect(pointInCommune(index, x, y) === 'C0001').toBe(polygonContains(outer, [x, y]));
			}
		}
	});

	it('snaps a point just off the coast to the nearest commune within maxKm only', () => {
		// 0.01° south of the small island's southern edge (lat 40): about 1.11 km.
		const near = locatePoint(index, 20.25, 39.99, 2)!;
		expect(near.code).toBe('I0001');
		expect(near.distanceKm).toBeCloseTo(1.112, 2);
		expect(locatePoint(index, 20.25, 39.99, 1)).toBeNull();
		expect(locatePoint(index, 20.25, 39.99)).toBeNull(); // strict by default
		expect(locatePoint(index, 10.5, 40.5, 5)).toEqual({ code: 'I0001', distanceKm: 0 });
	});

	it('copes with an empty index', () => {
		const empty = buildCommuneIndex([]);
		expect(pointInCommune(empty, 1, 1)).toBeNull();
		expect(locatePoint(empty, 1, 1, 10)).toBeNull();
	});
});
