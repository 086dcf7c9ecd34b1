/**
 * Shared MapLibre base for every map of the app: a style with only a background (no basemap, no
 * third-party request), the same controls and French locale, and the commune / département /
 * région geometry from the pipeline's TopoJSON, fetched and parsed once per page load.
 * Browser only (maplibre); the pure helpers are in geometry.ts.
 */
import { Map as MlMap, NavigationControl, setWorkerUrl, type LngLatBoundsLike, type MapOptions } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { Topology } from 'topojson-specification';
import { loadTopojson } from '$lib/db/load';
import { geoLayer, MAP_BG, METRO_BOUNDS, toCollection, type GeoLayer } from './geometry';

export * from './geometry';

/** A MapLibre map with the app's empty style, zoom buttons, French labels and no rotation. */
export function createBaseMap(
	container: HTMLElement,
	opts: { bounds?: LngLatBoundsLike; fitBoundsOptions?: MapOptions['fitBoundsOptions']; boxZoom?: boolean } = {}
): MlMap {
	setWorkerUrl(workerUrl);
	const m = new MlMap({
		container,
		style: {
			version: 8,
			sources: {},
			layers: [{ id: 'background', type: 'background', paint: { 'background-color': MAP_BG } }]
		},
		bounds: opts.bounds ?? METRO_BOUNDS,
		fitBoundsOptions: opts.fitBoundsOptions,
		minZoom: 2,
		maxZoom: 13,
		attributionControl: false,
		dragRotate: false,
		pitchWithRotate: false,
		boxZoom: opts.boxZoom ?? true,
		renderWorldCopies: false,
		locale: {
			'Map.Title': 'Carte',
			'NavigationControl.ZoomIn': 'Zoomer',
			'NavigationControl.ZoomOut': 'Dézoomer',
			'NavigationControl.ResetBearing': 'Réorienter vers le nord'
		}
	});
	m.touchZoomRotate.disableRotation();
	m.addControl(new NavigationControl({ showCompass: false }), 'top-right');
	return m;
}

export interface BaseGeography {
	/** the commune topology, for outlines of territories made of communes */
	communesTopo: Topology;
	commune: GeoLayer;
	departement: GeoLayer;
	region: GeoLayer | null;
}

const cache = new Map<string, Promise<BaseGeography>>();

/** Fetches and prepares the base geography once per page load (both TopoJSON files in parallel). */
export function loadBaseGeography(base = '/data'): Promise<BaseGeography> {
	let p = cache.get(base);
	if (!p) {
		p = (async () => {
			const [communesTopo, adminTopo] = await Promise.all([
				loadTopojson<Topology>(base, 'communes.topojson'),
				loadTopojson<Topology>(base, 'admin.topojson')
			]);
			let region: GeoLayer | null = null;
			try {
				region = geoLayer(toCollection(adminTopo, 'regions'));
			} catch {
				region = null; // older artefacts had départements only: régions are then outlines-free
			}
			return {
				communesTopo,
				commune: geoLayer(toCollection(communesTopo, 'communes')),
				departement: geoLayer(toCollection(adminTopo, 'departements')),
				region
			};
		})();
		cache.set(base, p);
		p.catch(() => cache.delete(base));
	}
	return p;
}

