/**
 * What the service worker stores for offline use. Pure, so it can be tested in Node.
 * DuckDB ships two wasm builds (≈ 35 MB each): only the "eh" one (WebAssembly exceptions, every
 * current browser) is stored; a browser that needs the "mvp" build still works online.
 */
const WASM = /\.wasm$/;
const MVP = /duckdb-(browser-)?mvp/;
const EH_WASM = /duckdb-eh[^/]*\.wasm$/;
const DATA = /^\/data\//;
/** Vector tiles (thousands of files): stored when the map has fetched them, not at install. */
const TILE = /^\/data\/tiles\/.+\.pbf$/;

export interface PrecacheList {
	/** Must all be stored, or the worker does not install. */
	shell: string[];
	/** Stored when available (an optional source's artefact may be absent). */
	optional: string[];
}

export function precacheList(build: readonly string[], files: readonly string[]): PrecacheList {
	return {
		shell: ['/', ...build.filter((p) => !WASM.test(p) && !MVP.test(p)), ...files.filter((f) => !DATA.test(f))],
		optional: [...build.filter((p) => EH_WASM.test(p)), ...files.filter((f) => DATA.test(f) && !TILE.test(f))]
	};
}

/** Every stored path: other same-origin responses are not kept when refreshed from the network. */
export function storedPaths(list: PrecacheList): Set<string> {
	return new Set([...list.shell, ...list.optional]);
}

/** Stored once fetched (the vector tiles the user has seen), though not precached. */
export const storedWhenSeen = (path: string): boolean => TILE.test(path);
