/**
 * Geometry of the diagnostic map from the app's TopoJSON artefacts (pure): the units to colour
 * and the territory's outline. Communes come from communes.topojson, départements and régions
 * from admin.topojson; a sector or custom territory is the union of its communes.
 */
import { feature, merge } from 'topojson-client';
import type { Feature, Geometry } from 'geojson';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';

function collection(topo: Topology, name: string): GeometryCollection {
	const o = topo.objects[name];
	if (!o || o.type !== 'GeometryCollection') throw new Error(`Fond de carte incomplet : couche « ${name} » absente.`);
	return o as GeometryCollection;
}

/** Features of `name` whose id is in `codes` (ids as strings). */
export function unitFeatures(topo: Topology, name: string, codes: ReadonlySet<string>): Feature<Geometry>[] {
	const c = collection(topo, name);
	const geometries = c.geometries.filter((g) => codes.has(String(g.id)));
	const fc = feature(topo, { ...c, geometries }) as unknown as { features: Feature<Geometry>[] };
	return fc.features.map((f) => ({ ...f, id: String(f.id) }));
}

/** One feature of `name` by id, or null. */
export function featureById(topo: Topology, name: string, id: string): Feature<Geometry> | null {
	return unitFeatures(topo, name, new Set([id]))[0] ?? null;
}

/** The union of the given features of `name` (shared borders dissolved), or null when none is found. */
export function unionOf(topo: Topology, name: string, codes: ReadonlySet<string>): Feature<Geometry> | null {
	const parts = collection(topo, name).geometries.filter((g) => codes.has(String(g.id)));
	if (!parts.length) return null;
	return { type: 'Feature', id: 'union', properties: {}, geometry: merge(topo, parts as GeometryObject[] as never) as Geometry };
}
