/**
 * GeoJSON export of territories on a hand-made topology of three unit squares: A and B side by
 * side (sharing one arc), C apart. Merging A + B must remove the shared edge (one ring of area 2),
 * A + C stays two polygons, unknown members add no geometry, and file-borne names stay strings.
 */
import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import type { Topology } from 'topojson-specification';
import { geojsonFileName, geojsonSourceNote, territoriesGeoJson } from '../../../src/lib/export/geojson';

const topo: Topology = {
	type: 'Topology',
	arcs: [
		[[1, 0], [1, 1]], // 0: A | B
		[[1, 1], [0, 1], [0, 0], [1, 0]], // 1: rest of A
		[[1, 0], [2, 0], [2, 1], [1, 1]], // 2: rest of B
		[[3, 0], [4, 0], [4, 1], [3, 1], [3, 0]] // 3: C
	],
	objects: {
		communes: {
			type: 'GeometryCollection',
			geometries: [
				{ type: 'Polygon', id: 'A', arcs: [[1, 0]] },
				{ type: 'Polygon', id: 'B', arcs: [[2, ~0]] },
				{ type: 'Polygon', id: 'C', arcs: [[3]] }
			]
		}
	}
};

const ringArea = (r: Position[]) => Math.abs(r.reduce((s, p, i) => (i ? s + (r[i - 1]![0]! * p[1]! - p[0]! * r[i - 1]![1]!) : s), 0)) / 2;
const area = (polys: Position[][][]) => polys.reduce((s, [outer, ...holes]) => s + ringArea(outer!) - holes.reduce((h, r) => h + ringArea(r), 0), 0);
const SOURCE = 'COG 2026 (INSEE), Licence Ouverte';

describe('territoriesGeoJson', () => {
	const fc = territoriesGeoJson(
		topo,
		[
			{ code: 'T1', name: 'Ouest', type: 'G', communes: ['A', 'B'], population: 1200 },
			{ code: 'T2', name: '<img src=x onerror=alert(1)>', type: 'custom', communes: ['A', 'C', 'ZZZ'], population: null },
			{ code: 'T3', name: '=1+1', type: 'I', communes: ['ZZZ'], population: 0 }
		],
		SOURCE
	);

	it('dissolves adjacent communes into one ring without the shared edge', () => {
		const g = fc.features[0]!.geometry;
		expect(g.type).toBe('MultiPolygon');
		expect(g.coordinates).toHaveLength(1);
		expect(g.coordinates[0]).toHaveLength(1); // no hole
		expect(area(g.coordinates)).toBeCloseTo(2);
		// The A|B edge (x = 1, from y = 0 to 1) is gone: no segment of the ring runs along it.
		const ring = g.coordinates[0]![0]!;
		const inner = ring.slice(1).filter((p, i) => p[0] === 1 && ring[i]![0] === 1);
		expect(inner).toEqual([]);
	});

	it('keeps separate polygons for non-adjacent communes and ignores unknown codes', () => {
		const g = fc.features[1]!.geometry;
		expect(g.coordinates).toHaveLength(2);
		expect(area(g.coordinates)).toBeCloseTo(2);
		expect(fc.features[2]!.geometry.coordinates).toEqual([]);
	});

	it('writes the properties, the source note and keeps hostile names as plain strings', () => {
		expect(fc.features.map((f) => f.id)).toEqual(['T1', 'T2', 'T3']);
		expect(fc.features[0]!.properties).toEqual({ code: 'T1', name: 'Ouest', type: 'G', n_communes: 2, population: 1200, source: SOURCE });
		expect(fc.features[1]!.properties.name).toBe('<img src=x onerror=alert(1)>');
		expect(fc.features[1]!.properties.n_communes).toBe(3);
		expect(fc.features[1]!.properties.population).toBeNull();
		expect(fc.features[2]!.properties.name).toBe('=1+1');
		const back = JSON.parse(JSON.stringify(fc));
		expect(back.features[1].properties.name).toBe('<img src=x onerror=alert(1)>');
	});

	it('rejects a topology without the communes object', () => {
		expect(() => territoriesGeoJson({ ...topo, objects: {} }, [], SOURCE)).toThrow(/communes/);
	});
});

describe('geojsonFileName', () => {
	it('makes a safe ASCII name', () => {
		expect(geojsonFileName('Secteurs Rhône (ARS) / 2026')).toBe('territoires-secteurs-rhone-ars-2026.geojson');
		expect(geojsonFileName('../<script>')).toBe('territoires-script.geojson');
		expect(geojsonFileName('???')).toBe('territoires-export.geojson');
	});
});

describe('geojsonSourceNote', () => {
	const src = (id: string, available = true) => ({ id, title: `T-${id}`, publisher: `P-${id}`, page: '', licence: `L-${id}`, vintage: `V-${id}`, available });
	const manifest = (sources: ReturnType<typeof src>[]) => ({
		built_at: '',
		app_version: '',
		sources,
		artefacts: [{ name: 'communes', file: 'communes.topojson', kind: 'topojson' as const, sources: ['geo', 'cog'], rows: 0, bytes: 0, sha256: '' }]
	});

	it('cites the contours artefact sources with vintage and licence, in the artefact order', () => {
		expect(geojsonSourceNote(manifest([src('cog'), src('other'), src('geo')]))).toBe('T-geo — P-geo — V-geo — L-geo ; T-cog — P-cog — V-cog — L-cog');
	});

	it('fails with a French message when the manifest has none', () => {
		expect(() => geojsonSourceNote(manifest([src('geo', false)]))).toThrow(/absentes du manifeste/);
	});
});
