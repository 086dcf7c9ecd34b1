import { describe, expect, it } from 'vitest';
import type { Topology } from 'topojson-specification';
import type { MultiLineString } from 'geojson';
import { bbox, geoLayer, ownerMesh, subset, toCollection, tooltipPlace, unionBBox } from '../../../src/lib/map/geometry';

/** Three unit squares in a row: communes 1 | 2 | 3, sharing the edges x = 1 and x = 2. */
const ROW: Topology = {
	type: 'Topology',
	arcs: [
		[[1, 0], [1, 1]], // 0: 1|2
		[[2, 0], [2, 1]], // 1: 2|3
		[[1, 1], [0, 1], [0, 0], [1, 0]], // 2: outer edge of 1
		[[1, 1], [2, 1]], // 3: top of 2
		[[2, 0], [1, 0]], // 4: bottom of 2
		[[2, 1], [3, 1], [3, 0], [2, 0]] // 5: outer edge of 3
	],
	objects: {
		communes: {
			type: 'GeometryCollection',
			geometries: [
				{ type: 'Polygon', id: '1', arcs: [[2, 0]], properties: { name: 'Un' } },
				{ type: 'Polygon', id: '2', arcs: [[3, -2, 4, -1]], properties: { name: 'Deux' } },
				{ type: 'Polygon', id: '3', arcs: [[5, 1]], properties: { nom: 'Trois' } }
			]
		}
	}
};

function length(m: MultiLineString | null): number {
	let n = 0;
	for (const line of m?.coordinates ?? [])
		for (let i = 1; i < line.length; i++) n += Math.hypot(line[i]![0]! - line[i - 1]![0]!, line[i]![1]! - line[i - 1]![1]!);
	return n;
}
const hasEdgeAtX = (m: MultiLineString | null, x: number) =>
	(m?.coordinates ?? []).some((line) => line.some((p, i) => i > 0 && p[0] === x && line[i - 1]![0] === x));

describe('ownerMesh', () => {
	it('draws the boundary between two territories and their outer edge, not the edges inside one', () => {
		const owner = new Map([
			['1', 'X'],
			['2', 'X'],
			['3', 'Y']
		]);
		const m = ownerMesh(ROW, (c) => owner.get(c));
		expect(length(m)).toBeCloseTo(8 + 1); // perimeter of the row + the X|Y edge
		expect(hasEdgeAtX(m, 2)).toBe(true);
		expect(hasEdgeAtX(m, 1)).toBe(false);
	});

	it('outlines a single territory and leaves communes outside the set undrawn', () => {
		const m = ownerMesh(ROW, (c) => (c === '1' ? 'X' : undefined));
		expect(length(m)).toBeCloseTo(4);
		expect(hasEdgeAtX(m, 2)).toBe(false);
	});

	it('returns the row outline only when every commune is in one territory', () => {
		expect(length(ownerMesh(ROW, () => 'X'))).toBeCloseTo(8);
	});

	it('returns null for a topology without the object', () => {
		expect(ownerMesh(ROW, () => 'X', 'epci')).toBeNull();
	});
});

describe('geoLayer', () => {
	it('indexes codes, names (name or nom) and bounding boxes by the feature id', () => {
		const layer = geoLayer(toCollection(ROW, 'communes'));
		expect(layer.codes).toEqual(['1', '2', '3']);
		expect(layer.names.get('1')).toBe('Un');
		expect(layer.names.get('3')).toBe('Trois');
		expect(layer.bboxes.get('2')).toEqual([1, 0, 2, 1]);
		expect(layer.collection.features.map((f) => f.properties?.code)).toEqual(['1', '2', '3']);
	});

	it('says which object is missing', () => {
		expect(() => toCollection(ROW, 'regions')).toThrow(/regions/);
	});

	it('gives the features of some codes, in the order asked, skipping unknown codes', () => {
		const layer = geoLayer(toCollection(ROW, 'communes'));
		const fc = subset(layer, ['3', 'nope', '1']);
		expect(fc.type).toBe('FeatureCollection');
		expect(fc.features.map((f) => f.properties?.code)).toEqual(['3', '1']);
		expect(bbox(fc.features[0]!.geometry)).toEqual([2, 0, 3, 1]);
		expect(subset(layer, []).features).toEqual([]);
	});
});

describe('boxes and tooltip', () => {
	it('unions boxes and skips empty ones', () => {
		expect(unionBBox([[0, 0, 1, 1], bbox(null), undefined, [2, -1, 3, 0.5]])).toEqual([0, -1, 3, 1]);
	});

	it('opens the tooltip to the left on the right part of the map', () => {
		expect(tooltipPlace({ x: 100, y: 5 }, 1000).flip).toBe(false);
		expect(tooltipPlace({ x: 700, y: 5 }, 1000).flip).toBe(true);
	});
});
