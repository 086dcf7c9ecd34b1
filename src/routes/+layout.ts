import { getDuckDB } from '$lib/db/duckdb';
import { data } from '$lib/db/store.svelte';
import { loadAdminGeography } from '$lib/map/geography';
import { exposeForTests } from '$lib/pages/test-hooks';

// Single-page app: DuckDB and MapLibre only run in the browser.
export const ssr = false;
export const prerender = false;

// Start DuckDB and the table downloads before any page renders: the wasm compile is the longest
// step of a cold start, and once a page draws its map the main thread is busy for seconds.
// duckdb.ts is imported statically here so its chunk is preloaded with the app's entry;
// both calls are idempotent across navigations.
export const load = () => {
	void getDuckDB().catch(() => {});
	void data.start();
	// The départements and régions (≈ 100 kB), read before a map's WebGL set-up holds the main
	// thread: the first map's preview is drawn from them (MapView).
	void loadAdminGeography().catch(() => {});
	exposeForTests({ data });
};
