/**
 * Pure geometry helpers shared by the app's maps: DROM views, bounding boxes, features of the
 * pipeline's TopoJSON indexed by INSEE code, territory outlines from the commune topology, and
 * tooltip placement. No DOM, no maplibre: unit-tested in Node.
 */
import { feature, mesh } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry, MultiLineString } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';

export const MAP_BG = '#eef1f6';

export type Bounds = [[number, number], [number, number]];
export type BBox = [number, number, number, number];

export const VIEWS: { id: string; label: string; bounds: Bounds }[] = [
	{ id: 'metropole', label: 'Métropole', bounds: [[-5.2, 41.3], [9.6, 51.15]] },
	{ id: 'guadeloupe', label: 'Guadeloupe', bounds: [[-61.85, 15.82], [-60.98, 16.53]] },
	{ id: 'martinique', label: 'Martinique', bounds: [[-61.24, 14.38], [-60.8, 14.89]] },
	{ id: 'guyane', label: 'Guyane', bounds: [[-54.62, 2.1], [-51.6, 5.8]] },
	{ id: 'reunion', label: 'La Réunion', bounds: [[55.2, -21.4], [55.85, -20.86]] },
	{ id: 'mayotte', label: 'Mayotte', bounds: [[44.98, -13.02], [45.32, -12.62]] }
];
export const METRO_BOUNDS: Bounds = VIEWS[0]!.bounds;

/** Bounding box of a GeoJSON geometry ([Infinity…] when it has no coordinate). */
export function bbox(g: Geometry | null): BBox {
	const b: BBox = [Infinity, Infinity, -Infinity, -Infinity];
	const visit = (c: unknown): void => {
		if (typeof (c as number[])[0] === 'number') {
			const [x, y] = c as [number, number];
			if (x < b[0]) b[0] = x;
			if (y < b[1]) b[1] = y;
			if (x > b[2]) b[2] = x;
			if (y > b[3]) b[3] = y;
		} else for (const cc of c as unknown[]) visit(cc);
	};
	if (g && 'coordinates' in g) visit(g.coordinates);
	return b;
}

/** Union of boxes; skips empty ones. */
export function unionBBox(boxes: Iterable<BBox | undefined>): BBox {
	const b: BBox = [Infinity, Infinity, -Infinity, -Infinity];
	for (const x of boxes) {
		if (!x || !Number.isFinite(x[0])) continue;
		b[0] = Math.min(b[0], x[0]);
		b[1] = Math.min(b[1], x[1]);
		b[2] = Math.max(b[2], x[2]);
		b[3] = Math.max(b[3], x[3]);
	}
	return b;
}

export const toBounds = (b: BBox): Bounds => [
	[b[0], b[1]],
	[b[2], b[3]]
];

/** One layer of a base geography: features with `properties.code` (for promoteId), names and boxes. */
export interface GeoLayer {
	collection: FeatureCollection;
	codes: string[];
	features: Map<string, Feature>;
	names: Map<string, string>;
	bboxes: Map<string, BBox>;
}

/** Features of a TopoJSON object (a GeoJSON FeatureCollection is accepted as is). */
export function toCollection(topo: unknown, object: string): FeatureCollection {
	if ((topo as { type?: string }).type === 'FeatureCollection') return topo as FeatureCollection;
	const obj = (topo as Topology).objects?.[object];
	if (!obj) throw new Error(`Objet « ${object} » absent du fichier TopoJSON`);
	return feature(topo as Topology, obj) as unknown as FeatureCollection;
}

/** Copies each feature's id into properties.code and indexes names and bounding boxes. */
export function geoLayer(fc: FeatureCollection): GeoLayer {
	const layer: GeoLayer = { collection: fc, codes: [], features: new Map(), names: new Map(), bboxes: new Map() };
	for (const f of fc.features) {
		const code = String(f.id ?? f.properties?.code ?? '');
		f.properties = { ...(f.properties ?? {}), code };
		layer.codes.push(code);
		layer.features.set(code, f);
		const name = f.properties.name ?? f.properties.nom;
		if (name) layer.names.set(code, String(name));
		layer.bboxes.set(code, bbox(f.geometry));
	}
	return layer;
}

/** The features of `codes` (unknown codes skipped), e.g. one polygon to outline. */
export function subset(layer: GeoLayer, codes: Iterable<string>): FeatureCollection {
	const features: Feature[] = [];
	for (const c of codes) {
		const f = layer.features.get(c);
		if (f) features.push(f);
	}
	return { type: 'FeatureCollection', features };
}

/** Geometries of a collection by id, built once per collection. */
const geometryIndex = new WeakMap<GeometryCollection, Map<string, GeometryCollection['geometries'][number]>>();
function geometriesById(obj: GeometryCollection) {
	let idx = geometryIndex.get(obj);
	if (!idx) geometryIndex.set(obj, (idx = new Map(obj.geometries.map((g) => [String(g.id), g]))));
	return idx;
}

/**
 * Boundaries between communes of different territories (and a territory's outer edge), as one
 * MultiLineString from the shared arcs: exact and cheap, no polygon union.
 *
 * `members`, when given, lists (at least) every commune that has an owner: the mesh is then taken over their geometries only, which gives the same lines
 * (an arc between an owned commune and one outside the set is the owned one's outer edge) in
 * time proportional to the set, not to the 35 000 communes of the topology.
 */
export function ownerMesh(
	topo: Topology,
	owner: (commune: string) => string | undefined,
	object = 'communes',
	members?: Iterable<string>
): MultiLineString | null {
	const obj = topo.objects[object] as GeometryCollection | undefined;
	if (!obj) return null;
	let scope: GeometryCollection = obj;
	if (members) {
		const byId = geometriesById(obj);
		const geometries: GeometryCollection['geometries'] = [];
		for (const c of new Set(members)) {
			const g = byId.get(c);
			if (g) geometries.push(g);
		}
		scope = { type: 'GeometryCollection', geometries };
	}
	return mesh(topo, scope, (a, b) => {
		const oa = owner(String(a.id));
		return a === b ? oa !== undefined : oa !== owner(String(b.id));
	});
}

export interface TooltipPlace {
	x: number;
	y: number;
	/** on the right part of the map: the tooltip opens to the left of the pointer */
	flip: boolean;
}

export function tooltipPlace(point: { x: number; y: number }, width: number): TooltipPlace {
	return { x: point.x, y: point.y, flip: point.x > width * 0.6 };
}
