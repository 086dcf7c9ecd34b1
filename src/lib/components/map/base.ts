/**
 * Shared MapLibre base for every map of the app: a style with only a background (no basemap, no
 * third-party request), the same controls and French locale, and the commune / département /
 * région geometry from the pipeline's TopoJSON, fetched and parsed once per page load
 * (départements apart from the large commune file, so they can be drawn first).
 * Browser only (maplibre); the pure helpers are in geometry.ts.
 */
import { Map as MlMap, NavigationControl, setWorkerUrl, type LngLatBoundsLike, type MapOptions } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { neighbors } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { loadTopojson } from '$lib/db/load';
import { geoLayer, MAP_BG, METRO_BOUNDS, toCollection, type GeoLayer } from './geometry';

export * from './geometry';

/** A MapLibre map with the app's empty style, zoom buttons, French labels and no rotation. */
export function createBaseMap(
	container: HTMLElement,
	opts: { bounds?: LngLatBoundsLike; fitBoundsOptions?: MapOptions['fitBoundsOptions']; boxZoom?: boolean; zoomButtons?: boolean } = {}
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
	if (opts.zoomButtons ?? true) m.addControl(new NavigationControl({ showCompass: false }), 'top-right');
	return m;
}

/** Départements and régions: a small file, drawn first. */
export interface AdminGeography {
	departement: GeoLayer;
	region: GeoLayer | null;
}
/** Communes (the large file) and their topology, for outlines of territories made of communes. */
export interface CommuneGeography {
	communesTopo: Topology;
	commune: GeoLayer;
}
export type BaseGeography = AdminGeography & CommuneGeography;

const cache = new Map<string, Promise<unknown>>();
/** One fetch and parse per page load and key, retried after a failure. */
function once<T>(key: string, load: () => Promise<T>): Promise<T> {
	let p = cache.get(key) as Promise<T> | undefined;
	if (!p) {
		p = load();
		cache.set(key, p);
		p.catch(() => cache.delete(key));
	}
	return p;
}

export function loadAdminGeography(base = '/data'): Promise<AdminGeography> {
	return once(`${base}|admin`, async () => {
		const adminTopo = await loadTopojson<Topology>(base, 'admin.topojson');
		let region: GeoLayer | null = null;
		try {
			region = geoLayer(toCollection(adminTopo, 'regions'));
		} catch {
			region = null; // older artefacts had départements only
		}
		return { departement: geoLayer(toCollection(adminTopo, 'departements')), region };
	});
}

export function loadCommuneGeography(base = '/data'): Promise<CommuneGeography> {
	return once(`${base}|communes`, async () => {
		const communesTopo = await loadTopojson<Topology>(base, 'communes.topojson');
		return { communesTopo, commune: geoLayer(toCollection(communesTopo, 'communes')) };
	});
}

/** Both, for maps that need the communes from the start. */
export async function loadBaseGeography(base = '/data'): Promise<BaseGeography> {
	const [admin, communes] = await Promise.all([loadAdminGeography(base), loadCommuneGeography(base)]);
	return { ...admin, ...communes };
}

/** Arrondissements of Paris, Lyon and Marseille and their adjacency; null when the artefacts have none. */
export interface ArrondissementGeography {
	layer: GeoLayer;
	neighbours: Map<string, string[]>;
}

export function loadArrondissementGeography(base = '/data'): Promise<ArrondissementGeography | null> {
	return once(`${base}|arrondissements`, async () => {
		let topo: Topology;
		try {
			topo = await loadTopojson<Topology>(base, 'arrondissements.topojson');
		} catch {
			return null; // older artefacts, or the mirror had no geo/plm/: arrondissements are not drawn
		}
		const layer = geoLayer(toCollection(topo, 'arrondissements'));
		const geoms = (topo.objects.arrondissements as GeometryCollection).geometries;
		const adj = neighbors(geoms as never);
		const neighbours = new Map(geoms.map((g, i) => [String(g.id), (adj[i] ?? []).map((j) => String(geoms[j]?.id))]));
		return { layer, neighbours };
	});
}
