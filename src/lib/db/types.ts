/**
 * Browser-side data contract shared by the DuckDB layer, the indicators and the UI.
 */
import type { AdminLevel } from '../territories/level';

/** One dataset entry of static/data/manifest.json, written by data/build.ts. */
export interface ManifestSource {
	id: string;
	title: string;
	publisher: string;
	page: string;
	licence: string;
	vintage: string;
	caveat?: string;
	/** false when an optional source (FINESS) was neither in the mirror nor downloadable. */
	available: boolean;
	origin?: 'mirror' | 'download';
	files?: { key: string; location: string; sha256: string; bytes: number }[];
}

export interface ManifestArtefact {
	name: string; // table name in DuckDB, e.g. 'communes'
	file: string; // path relative to static/data, e.g. 'communes.arrow'
	kind: 'table' | 'topojson';
	sources: string[]; // source ids
	rows: number; // table rows, or features for topojson
	bytes: number;
	sha256: string;
	columns?: { name: string; type: string }[];
}

/** A layer pre-cut into Mapbox Vector Tiles: `<dir>/{z}/{x}/{y}.pbf` plus `<dir>/index.json`. */
export interface ManifestTiles {
	name: string; // e.g. 'communes'
	dir: string; // relative to static/data, e.g. 'tiles/communes'
	layer: string; // source-layer inside each tile
	format: 'mvt';
	sources: string[]; // source ids (licence and vintage below are theirs, for reading)
	vintage: string;
	licence: string;
	minzoom: number;
	maxzoom: number;
	count: number; // tiles
	features: number;
	bytes: number; // all tiles, raw
}

export interface Manifest {
	built_at: string; // ISO timestamp
	app_version: string;
	sources: ManifestSource[];
	artefacts: ManifestArtefact[];
	/** Vector tiles: fetched by the map tile by tile, never by the data engine, not in the first download. */
	tiles?: ManifestTiles[];
	/** The first map's values, computed at build time by the app's own queries (scripts/first-paint.ts). */
	first_paint?: { file: string; bytes: number; sha256: string; indicators: number; levels: string[] };
}

/** One row of a precomputed frame: code, value, numerator, denominator (the name is per level). */
export type FirstPaintRow = [code: string, value: number | null, numerator: number | null, denominator: number | null];

/**
 * `first-paint.json`: indicator frames by level, as DuckDB computes them from this build's tables,
 * so the map can be coloured before the engine is up. `built_from` is the manifest's `built_at`:
 * a file from another build is not used.
 */
export interface FirstPaintArtefact {
	built_from: string;
	levels: Record<string, { names: Record<string, string>; frames: Record<string, FirstPaintRow[]> }>;
}

/** Levels of territory the artefacts hold: `AdminLevel` of the one level vocabulary (territories/level.ts). */
export type Level = AdminLevel;

export interface LoadProgress {
	phase: 'idle' | 'manifest' | 'wasm' | 'artefacts' | 'ready' | 'error';
	bytesLoaded: number;
	bytesTotal: number;
	tablesLoaded: number;
	tablesTotal: number;
	message: string; // French, for the progress bar's label
}
