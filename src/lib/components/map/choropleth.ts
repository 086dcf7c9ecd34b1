/**
 * MapLibre pieces shared by the choropleth maps (MapView, SectorMap): the commune source (the
 * pipeline's vector tiles when the artefacts have them, else GeoJSON), feature ids for
 * feature-state, small GeoJSON sources set whole, territory outlines as one line feature, the
 * "no value" hatch image. Browser only (maplibre).
 */
import type { GeoJSONSource, GeoJSONSourceSpecification, Map as MlMap } from 'maplibre-gl';
import type { FeatureCollection, GeoJSON, MultiLineString } from 'geojson';
import { hatchImage, type HatchSpec } from '$lib/map/hatch';
import type { VectorLayer } from './commune-tiles';

export const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** A source of polygons keyed by INSEE code, tiled (vector) or not (GeoJSON). */
export interface PolygonSource {
	id: string;
	/** source-layer of the tiles (undefined for GeoJSON) */
	sourceLayer: string | undefined;
	/** spread into addLayer for every layer of this source */
	layerRef: { 'source-layer'?: string };
}

/**
 * The commune polygons: the vector tiles (feature id = INSEE code, promoteId) when `tiles` is
 * given, else `data` as GeoJSON with the same ids.
 */
export function addCommuneSource(
	m: MlMap,
	id: string,
	tiles: VectorLayer | null,
	data: FeatureCollection,
	tiling: Pick<GeoJSONSourceSpecification, 'maxzoom' | 'tolerance'>
): PolygonSource {
	if (tiles) {
		m.addSource(id, tiles.source);
		return { id, sourceLayer: tiles.layer, layerRef: { 'source-layer': tiles.layer } };
	}
	m.addSource(id, { type: 'geojson', data, promoteId: 'code', ...tiling });
	return { id, sourceLayer: undefined, layerRef: {} };
}

/** The feature-state target of polygon `code` of `src`. */
export const featureOf = (src: PolygonSource, code: string) => ({ source: src.id, sourceLayer: src.sourceLayer, id: code });

/** Replaces the data of GeoJSON source `id` (null: empty). */
export function setGeoJSON(m: MlMap, id: string, data: GeoJSON | null): void {
	(m.getSource(id) as GeoJSONSource | undefined)?.setData(data ?? EMPTY);
}

/** Territory outlines (ownerMesh) as GeoJSON data. */
export const outlineData = (lines: MultiLineString | null): GeoJSON => (lines ? { type: 'Feature', geometry: lines, properties: {} } : EMPTY);

/** Registers the hatch pattern `name` (for `fill-pattern`). */
export function addHatch(m: MlMap, name: string, spec: HatchSpec): void {
	if (!m.hasImage(name)) m.addImage(name, hatchImage(spec), { pixelRatio: 1 });
}
