/**
 * The commune layer as the pipeline's vector tiles (static/data/tiles/communes, see
 * data/geo/tiles.ts): MapLibre decodes small pre-cut tiles instead of tiling 35 000 polygons in
 * its worker on first use. Tiles are asked through the `atlas-tiles://` protocol, which fetches
 * only the tiles listed in the index (an empty tile elsewhere: no 404 over the sea, nothing to
 * fail offline) from the app's origin; the service worker keeps the tiles seen.
 * Browser only (maplibre).
 */
import { addProtocol, type VectorSourceSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { GeoLayer } from '$lib/map/geometry';
import { tilesCovering, type LonLatBox } from '$lib/map/tile-cover';

/** What the pipeline writes in <dir>/index.json (data/geo/tiles.ts TileIndex). */
interface TileIndex {
	layer: string;
	minzoom: number;
	maxzoom: number;
	tiles: string[];
	features: number;
}

export interface VectorLayer {
	/** source-layer of the tiles */
	layer: string;
	source: VectorSourceSpecification;
	/** the layer's codes (codes.json), for feature-state colouring before any tile has arrived */
	codes(): Promise<string[]>;
}

const PROTOCOL = 'atlas-tiles';
// A fresh buffer each time: MapLibre transfers it to its worker, which detaches it.
const emptyTile = () => ({ data: new ArrayBuffer(0) });
const sets = new Map<string, { base: string; tiles: Set<string>; minzoom: number; maxzoom: number }>();
let registered = false;

function register() {
	if (registered) return;
	registered = true;
	addProtocol(PROTOCOL, async (params, abort) => {
		const [name, z, x, y] = params.url.slice(PROTOCOL.length + 3).split('/');
		const set = sets.get(name ?? '');
		const key = `${z}/${x}/${y}`;
		if (!set?.tiles.has(key)) return emptyTile();
		try {
			const res = await fetch(`${set.base}/tiles/${name}/${key}.pbf`, { signal: abort.signal });
			if (!res.ok) return emptyTile();
			return { data: await res.arrayBuffer() };
		} catch (err) {
			if (abort.signal.aborted) throw err;
			return emptyTile(); // offline and never seen: drawn empty rather than an error
		}
	});
}

const loaded = new Map<string, Promise<VectorLayer | null>>();

/** The tiled layer `name`, or null when the artefacts have none (older builds: GeoJSON path). */
export function loadVectorLayer(name: string, base = '/data'): Promise<VectorLayer | null> {
	const key = `${base}|${name}`;
	let p = loaded.get(key);
	if (!p) {
		p = (async () => {
			const res = await fetch(`${base}/tiles/${name}/index.json`).catch(() => null);
			if (!res?.ok) return null;
			const index = (await res.json()) as TileIndex;
			register();
			sets.set(name, { base, tiles: new Set(index.tiles), minzoom: index.minzoom, maxzoom: index.maxzoom });
			let codes: Promise<string[]> | null = null;
			return {
				layer: index.layer,
				source: { type: 'vector', tiles: [`${PROTOCOL}://${name}/{z}/{x}/{y}`], minzoom: index.minzoom, maxzoom: index.maxzoom, promoteId: 'code' },
				codes: () =>
					(codes ??= fetch(`${base}/tiles/${name}/codes.json`).then((r) => {
						if (!r.ok) throw new Error(`Codes des tuiles « ${name} » introuvables (${r.status}).`);
						return r.json() as Promise<string[]>;
					}))
			};
		})();
		loaded.set(key, p);
		p.catch(() => loaded.delete(key));
	}
	return p;
}

let prefetching: AbortController | null = null;
const idle = () => new Promise<void>((r) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => r(), { timeout: 2000 }) : setTimeout(r, 200)));

/**
 * Fetches, at idle and two at a time, the listed tiles of layer `name` that cover `box` (the
 * territory the user opened) at every zoom, so the service worker stores them: a CLSM room's map
 * then works offline however far it zooms into its territory. Only when a service worker controls
 * the page (nothing would be kept otherwise); a tile already stored is skipped; a new territory
 * cancels the previous one. Resolves with the number of tiles fetched.
 */
export async function prefetchTiles(name: string, box: LonLatBox, maxTiles = 400): Promise<number> {
	prefetching?.abort();
	const set = sets.get(name);
	if (!set || typeof navigator === 'undefined' || !navigator.serviceWorker?.controller || typeof caches === 'undefined') return 0;
	const ctrl = (prefetching = new AbortController());
	const urls = tilesCovering(box, set.minzoom, set.maxzoom)
		.filter((k) => set.tiles.has(k))
		.slice(0, maxTiles)
		.map((k) => `${set.base}/tiles/${name}/${k}.pbf`);
	let fetched = 0;
	const next = async (): Promise<void> => {
		while (urls.length && !ctrl.signal.aborted) {
			const url = urls.shift()!;
			if (await caches.match(url)) continue;
			await idle();
			const res = await fetch(url, { signal: ctrl.signal, priority: 'low' }).catch(() => null);
			if (res?.ok) fetched++;
		}
	};
	await Promise.all([next(), next()]);
	return fetched;
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * A layer that knows its codes only (no polygon yet): enough to colour the tiles through
 * feature-state; hover outlines, hatching, names and boxes wait for the TopoJSON.
 */
export function codesOnlyLayer(codes: string[]): GeoLayer {
	return { collection: EMPTY, codes, features: new Map(), names: new Map(), bboxes: new Map() };
}
