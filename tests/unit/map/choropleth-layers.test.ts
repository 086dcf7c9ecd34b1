/**
 * addChoroplethLayers, the one layer set of the main map and the sector map, on a stub map that
 * records what MapLibre is given: drawing order, feature-state fill, hatch companions, sources
 * added for the outlines, hover and selection.
 */
import { describe, expect, it } from 'vitest';
import type { Map as MlMap } from 'maplibre-gl';
import { addChoroplethLayers, fillLayer, HOVER_LAYER, HOVER_SOURCE, stateFill, type PolygonSource } from '../../../src/lib/components/map/choropleth';

interface Layer {
	id: string;
	type: string;
	source: string;
	'source-layer'?: string;
	minzoom?: number;
	layout?: Record<string, unknown>;
	paint: Record<string, unknown>;
}

function stub() {
	const layers: Layer[] = [];
	const sources = new Map<string, Record<string, unknown>>();
	const m = {
		addLayer: (l: Layer) => void layers.push(l),
		addSource: (id: string, s: Record<string, unknown>) => {
			if (sources.has(id)) throw new Error(`source ${id} added twice`);
			sources.set(id, s);
		}
	};
	return { m: m as unknown as MlMap, layers, sources };
}

const tiles: PolygonSource = { id: 'com', sourceLayer: 'communes', layerRef: { 'source-layer': 'communes' } };
const dep: PolygonSource = { id: 'dep', sourceLayer: undefined, layerRef: {} };

describe('addChoroplethLayers', () => {
	it('draws fills with their hatch, then the lines, the hover and the selection, in that order', () => {
		const { m, layers, sources } = stub();
		addChoroplethLayers(m, {
			fills: [
				{ source: dep, fallback: '#eee', initial: '#ddd', hatch: { source: 'dep-na', layer: 'dep-na', pattern: 'na', visible: false } },
				{ source: tiles, fallback: '#fff', visible: false, outline: { minzoom: 8, color: '#ffffff' }, over: (mm) => mm.addLayer({ id: 'arm-fill', type: 'fill', source: 'arm' }), hatch: { source: 'unassigned', pattern: 'hatch', tiling: { maxzoom: 11, tolerance: 0.3 } } }
			],
			lines: [
				{ id: 'com-line', source: 'com', sourceLayer: tiles.layerRef, minzoom: 8, paint: { 'line-width': 0.5 } },
				{ id: 'owner-line', source: 'owner', geojson: { maxzoom: 11 }, layout: { 'line-join': 'round' }, paint: { 'line-width': 1 } }
			],
			beforeOutlines: (mm) => mm.addLayer({ id: 'plm-fill', type: 'fill', source: 'plm' }),
			hover: { 'line-color': '#000091', 'line-width': 2 },
			selection: { ids: ['sel', 'owner-sel'], paint: { 'line-width': 4 }, casing: { 'line-width': 10 } }
		});
		expect(layers.map((l) => l.id)).toEqual([
			'dep-fill',
			'dep-na',
			'com-fill',
			'arm-fill',
			'unassigned-fill',
			'com-line',
			'owner-line',
			'plm-fill',
			HOVER_LAYER,
			'sel-casing',
			'owner-sel-casing',
			'sel-line',
			'owner-sel-line'
		]);
		const byId = new Map(layers.map((l) => [l.id, l]));
		// A fill starts blank when asked, else coloured from feature-state `c`.
		expect(byId.get('dep-fill')!.paint['fill-color']).toBe('#ddd');
		expect(byId.get('com-fill')!.paint['fill-color']).toEqual(['to-color', ['feature-state', 'c'], '#fff']);
		expect(byId.get('com-fill')!['source-layer']).toBe('communes');
		// Edges from the fill's own outline: its colour below zoom 8 (antialiasing only), the edge colour from 8.
		expect(byId.get('com-fill')!.paint['fill-outline-color']).toEqual(['step', ['zoom'], ['to-color', ['feature-state', 'c'], '#fff'], 8, '#ffffff']);
		expect(byId.get('dep-fill')!.paint['fill-outline-color']).toBeUndefined();
		expect(byId.get('com-fill')!.layout!.visibility).toBe('none');
		expect(byId.get('dep-na')!.layout!.visibility).toBe('none');
		expect(byId.get('unassigned-fill')!.paint['fill-pattern']).toBe('hatch');
		expect(byId.get('com-line')!['source-layer']).toBe('communes');
		expect(byId.get('com-line')!.minzoom).toBe(8);
		expect(byId.get('owner-line')!.minzoom).toBeUndefined();
		// Sources added here: hatch companions, GeoJSON line sources, hover and selection; never the polygons.
		expect([...sources.keys()].sort()).toEqual(['dep-na', HOVER_SOURCE, 'owner', 'owner-sel', 'sel', 'unassigned'].sort());
		expect(sources.get('unassigned')).toMatchObject({ type: 'geojson', maxzoom: 11, tolerance: 0.3 });
		expect(byId.get('sel-line')!.paint['line-width']).toBe(4);
		expect(byId.get('sel-casing')!.paint['line-width']).toBe(10);
	});

	it('adds no casing without one, and names fills after their source', () => {
		const { m, layers } = stub();
		addChoroplethLayers(m, { fills: [{ source: tiles, fallback: '#fff' }], lines: [], hover: {}, selection: { ids: ['picked'], paint: { 'line-width': 3 } } });
		expect(layers.map((l) => l.id)).toEqual(['com-fill', HOVER_LAYER, 'picked-line']);
		expect(fillLayer(tiles)).toBe('com-fill');
		expect(fillLayer('plm')).toBe('plm-fill');
		expect(stateFill('#abc')).toEqual(['to-color', ['feature-state', 'c'], '#abc']);
	});
});
