/**
 * Shared MapLibre base for every map of the app: a style with only a background (no basemap, no
 * third-party request), the same controls and French locale, and the commune / département /
 * région geometry from the pipeline's TopoJSON, fetched and parsed once per page load
 * (départements apart from the large commune file, so they can be drawn first).
 * Browser only (maplibre); the pure helpers are in $lib/map/geometry.ts, the geometry loaders in
 * $lib/map/geography.ts (re-exported here).
 */
import { Map as MlMap, NavigationControl, setWorkerUrl, type LngLatBoundsLike, type MapOptions } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { MAP_BG, METRO_BOUNDS } from '$lib/map/geometry';
import type { Camera } from '$lib/map/preview';

export * from '$lib/map/geometry';
export * from '$lib/map/geography';

/** A MapLibre map with the app's empty style, zoom buttons, French labels and no rotation. */
export function createBaseMap(
	container: HTMLElement,
	opts: { bounds?: LngLatBoundsLike; fitBoundsOptions?: MapOptions['fitBoundsOptions']; camera?: Camera; boxZoom?: boolean; zoomButtons?: boolean } = {}
): MlMap {
	setWorkerUrl(workerUrl);
	const m = new MlMap({
		container,
		style: {
			version: 8,
			sources: {},
			layers: [{ id: 'background', type: 'background', paint: { 'background-color': MAP_BG } }]
		},
		// A given camera (MapView's, shared with its preview) is used as is; else the bounds are fitted.
		...(opts.camera ? { center: opts.camera.center, zoom: opts.camera.zoom } : { bounds: opts.bounds ?? METRO_BOUNDS, fitBoundsOptions: opts.fitBoundsOptions }),
		minZoom: 2,
		maxZoom: 13,
		// Symbols (cluster marks, local resources) appear at once: a 300 ms fade-in (the default)
		// keeps the map drawing frame after frame, each ≈ 150 ms in software WebGL, and not idle.
		fadeDuration: 0,
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
	if (opts.zoomButtons ?? true) m.addControl(new NavigationControl({ showCompass: false }), 'top-right');
	return m;
}
