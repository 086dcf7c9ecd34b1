/**
 * MapLibre pieces shared by the choropleth maps (MapView, SectorMap): the commune source (the
 * pipeline's vector tiles when the artefacts have them, else GeoJSON), feature ids for
 * feature-state, small GeoJSON sources set whole, territory outlines as one line feature, the
 * "no value" hatch image, and the one set of choropleth layers both maps draw
 * (addChoroplethLayers). Browser only (maplibre types; the layer set is unit-tested on a stub map).
 */
import type {
	ExpressionSpecification,
	GeoJSONSource,
	GeoJSONSourceSpecification,
	LineLayerSpecification,
	Map as MlMap
} from 'maplibre-gl';
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

type LinePaint = NonNullable<LineLayerSpecification['paint']>;
type LineLayout = NonNullable<LineLayerSpecification['layout']>;

/** One geometry drawn as a choropleth: `<source>-fill`, and its hatched companion. */
export interface ChoroplethFill {
	/** the polygons (added by the caller), keyed by INSEE code; the fill is `<source.id>-fill` */
	source: PolygonSource;
	/** colour of a polygon whose feature-state `c` is unset */
	fallback: string;
	/** fill colour to start with instead of the feature-state colours (set later with setPaintProperty) */
	initial?: string;
	visible?: boolean;
	/** polygon edges drawn by the fill itself from `minzoom` on (see fillOutline) */
	outline?: FillOutline;
	/** layers of the caller's drawn right over this fill, under its hatch */
	over?: (m: MlMap) => void;
	/**
	 * Polygons hatched with `pattern` (addHatch): a GeoJSON source `source` (with `tiling`) holding only
	 * those polygons, layer `<source>-fill` unless `layer` is given: a hatch layer over every polygon with a
	 * per-feature opacity of 0 would cost as much to draw as the choropleth itself in software rendering.
	 */
	hatch?: { source: string; layer?: string; pattern: string; tiling?: Pick<GeoJSONSourceSpecification, 'maxzoom' | 'tolerance'>; visible?: boolean };
}

/** A line layer over the choropleth; `geojson`: its source is an empty GeoJSON source added here (set with setGeoJSON). */
export interface ChoroplethLine {
	id: string;
	source: string;
	sourceLayer?: PolygonSource['layerRef'];
	minzoom?: number;
	paint: LinePaint;
	layout?: LineLayout;
	geojson?: Pick<GeoJSONSourceSpecification, 'maxzoom' | 'tolerance'>;
}

export interface ChoroplethLayerSpec {
	fills: ChoroplethFill[];
	/** in order, over the fills: commune lines, territory outlines, administrative lines */
	lines: ChoroplethLine[];
	/** the polygon under the pointer: GeoJSON source `hover` (one feature), layer `hover-line` */
	hover: LinePaint;
	/**
	 * The selection: a GeoJSON source and layer `<id>-line` per id (polygons, or outlines as lines),
	 * drawn with `paint`, over a white casing `<id>-casing` when given.
	 */
	selection: { ids: string[]; paint: LinePaint; casing?: LinePaint };
	/** called after the lines, before the hover and selection outlines (layers drawn under them) */
	beforeOutlines?: (m: MlMap) => void;
}

export const HOVER_SOURCE = 'hover';
export const HOVER_LAYER = 'hover-line';
export const fillLayer = (src: PolygonSource | string) => `${typeof src === 'string' ? src : src.id}-fill`;

/** Polygon edges in `color` from `minzoom` on. */
export interface FillOutline {
	minzoom: number;
	color: string;
}

/**
 * `fill-outline-color` for a fill coloured `fill`: the fill's own colour (its antialiasing edge,
 * drawn anyway) below `minzoom`, the edge colour from it on. A line layer over 35 000 communes
 * costs about as much as the fill again in software WebGL (≈ 80 ms a frame at zoom 8, 1280 × 800,
 * measured); the fill's outline pass is already paid for.
 */
export const fillOutline = (fill: ExpressionSpecification | string, o: FillOutline): ExpressionSpecification =>
	['step', ['zoom'], fill, o.minzoom, o.color] as unknown as ExpressionSpecification;

/** The colour of each polygon from its feature-state `c` (written only for the polygons whose colour changes). */
export const stateFill = (fallback: string): ExpressionSpecification => ['to-color', ['feature-state', 'c'], fallback];

/**
 * The choropleth layers of a map, in drawing order: each geometry's fill (colour from feature-state
 * `c`) with its hatch, the lines (commune edges, territory outlines, administrative lines), then the
 * hover and selection outlines from small GeoJSON sources of their own (one feature each, rather
 * than a feature-state line width over every polygon).
 */
export function addChoroplethLayers(m: MlMap, spec: ChoroplethLayerSpec): void {
	const geojson = (id: string, tiling: Pick<GeoJSONSourceSpecification, 'maxzoom' | 'tolerance'> = { maxzoom: 11 }) =>
		m.addSource(id, { type: 'geojson', data: EMPTY, ...tiling });
	for (const f of spec.fills) {
		m.addLayer({
			id: fillLayer(f.source),
			type: 'fill',
			source: f.source.id,
			...f.source.layerRef,
			layout: { visibility: f.visible === false ? 'none' : 'visible' },
			paint: {
				'fill-color': f.initial ?? stateFill(f.fallback),
				...(f.outline ? { 'fill-outline-color': fillOutline(f.initial ?? stateFill(f.fallback), f.outline) } : {})
			}
		});
		f.over?.(m);
		if (f.hatch) {
			geojson(f.hatch.source, f.hatch.tiling);
			m.addLayer({
				id: f.hatch.layer ?? fillLayer(f.hatch.source),
				type: 'fill',
				source: f.hatch.source,
				layout: { visibility: f.hatch.visible === false ? 'none' : 'visible' },
				paint: { 'fill-pattern': f.hatch.pattern }
			});
		}
	}
	for (const l of spec.lines) {
		if (l.geojson) geojson(l.source, l.geojson);
		m.addLayer({
			id: l.id,
			type: 'line',
			source: l.source,
			...(l.sourceLayer ?? {}),
			...(l.minzoom === undefined ? {} : { minzoom: l.minzoom }),
			...(l.layout ? { layout: l.layout } : {}),
			paint: l.paint
		});
	}
	spec.beforeOutlines?.(m);
	geojson(HOVER_SOURCE);
	for (const id of spec.selection.ids) geojson(id);
	m.addLayer({ id: HOVER_LAYER, type: 'line', source: HOVER_SOURCE, paint: spec.hover });
	if (spec.selection.casing)
		for (const id of spec.selection.ids)
			m.addLayer({ id: `${id}-casing`, type: 'line', source: id, paint: spec.selection.casing, layout: { 'line-join': 'round' } });
	for (const id of spec.selection.ids) m.addLayer({ id: `${id}-line`, type: 'line', source: id, paint: spec.selection.paint, layout: { 'line-join': 'round' } });
}
