/**
 * Mapbox Vector Tiles cut in the pipeline (geojson-vt + vt-pbf), so the browser's map draws the
 * commune layer from small pre-cut tiles instead of tiling 35 000 polygons in MapLibre's worker
 * on first use. Reusable: any FeatureCollection whose features carry a code (commune, arrondissement…).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import GeoJSONVT from 'geojson-vt';
import vtpbf from 'vt-pbf';
import type { FeatureCollection } from 'geojson';

export interface TileOptions {
	/** source-layer name inside every tile */
	layer: string;
	minZoom: number;
	/** tiles are cut down to this zoom; the map overzooms beyond it */
	maxZoom: number;
	/**
	 * Simplification tolerance in tile units (extent 4096); 2.4 matches the commune source the map
	 * used to tile itself (MapLibre GeoJSON `tolerance: 0.3`).
	 */
	tolerance?: number;
}

export interface TileSet {
	/** 'z/x/y' → encoded tile */
	tiles: Map<string, Uint8Array>;
	features: number;
}

/**
 * Cuts `fc` into tiles of one layer. Each feature keeps only `code` (its id, or properties.code):
 * the map promotes it to the feature id (`promoteId: 'code'`), so feature-state colouring by
 * INSEE code works as with the GeoJSON source. Only tiles holding a feature are returned.
 */
export function cutTiles(fc: FeatureCollection, opts: TileOptions): TileSet {
	const features = fc.features.map((f) => ({
		type: 'Feature' as const,
		geometry: f.geometry,
		properties: { code: String(f.properties?.code ?? f.id ?? '') }
	}));
	const index = new GeoJSONVT(
		{ type: 'FeatureCollection', features },
		{ maxZoom: opts.maxZoom, indexMaxZoom: opts.maxZoom, indexMaxPoints: 0, tolerance: opts.tolerance ?? 2.4, extent: 4096, buffer: 64 }
	);
	const tiles = new Map<string, Uint8Array>();
	for (const { z, x, y } of index.tileCoords) {
		if (z < opts.minZoom) continue;
		const tile = index.getTile(z, x, y);
		if (!tile || !tile.features.length) continue;
		tiles.set(`${z}/${x}/${y}`, vtpbf.fromGeojsonVt({ [opts.layer]: tile }, { version: 2 }));
	}
	return { tiles, features: features.length };
}

export interface TileIndex {
	layer: string;
	minzoom: number;
	maxzoom: number;
	/** every tile present, 'z/x/y' (the map asks only for these: no 404 over the sea) */
	tiles: string[];
	features: number;
}

/**
 * Writes `<dir>/<z>/<x>/<y>.pbf`, `<dir>/index.json` (TileIndex, small: read with the map) and
 * `<dir>/codes.json` (every feature code in input order: the map's recolour walks them before any
 * tile has arrived). Cleans the directory first.
 */
export function writeTiles(dir: string, set: TileSet, opts: TileOptions, codes: string[]): { count: number; bytes: number; indexBytes: number } {
	rmSync(dir, { recursive: true, force: true });
	let bytes = 0;
	for (const [key, buf] of set.tiles) {
		const [z, x, y] = key.split('/');
		mkdirSync(join(dir, z!, x!), { recursive: true });
		writeFileSync(join(dir, z!, x!, `${y}.pbf`), buf);
		bytes += buf.length;
	}
	const index: TileIndex = { layer: opts.layer, minzoom: opts.minZoom, maxzoom: opts.maxZoom, tiles: [...set.tiles.keys()], features: set.features };
	const json = JSON.stringify(index);
	writeFileSync(join(dir, 'index.json'), json);
	writeFileSync(join(dir, 'codes.json'), JSON.stringify(codes));
	return { count: set.tiles.size, bytes, indexBytes: Buffer.byteLength(json) };
}

/** The tile holding a point at zoom z (Web Mercator), e.g. to check a commune is in the set. */
export function tileOf(lon: number, lat: number, z: number): { x: number; y: number } {
	const n = 2 ** z;
	const r = (lat * Math.PI) / 180;
	return { x: Math.floor(((lon + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n) };
}
