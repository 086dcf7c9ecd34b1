/** The commune layer's tiling: the simplified topology the TopoJSON artefact holds, as features with their INSEE code. */
import { feature } from 'topojson-client';
import type { FeatureCollection } from 'geojson';
import type { Topology } from 'topojson-specification';
import type { TileOptions } from './tiles.ts';

/**
 * z0–10: the map draws communes from zoom 6 (and at every zoom when the « Commune » maille is
 * forced); beyond 10 it overzooms (4 096 units over ≈ 27 km: ≈ 7 m, finer than the simplification).
 */
export const COMMUNE_TILES: TileOptions = { layer: 'communes', minZoom: 0, maxZoom: 10, tolerance: 2.4 };

export function communeFeatures(topology: Topology): FeatureCollection {
	const fc = feature(topology, topology.objects.communes as never) as unknown as FeatureCollection;
	for (const f of fc.features) f.properties = { code: String(f.id) };
	return fc;
}
