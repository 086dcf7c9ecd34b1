import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Single-page app: every route falls back to index.html, all data is loaded client-side.
		adapter: adapter({ fallback: 'index.html', strict: false }),
		// The service worker's file list leaves out the vector tiles (thousands of files, stored
		// as the map fetches them: src/lib/offline/precache.ts).
		serviceWorker: { files: (file) => !/^data\/tiles\/.+\.pbf$/.test(file) },
		// Content-Security-Policy as a <meta> tag of the static pages (no server headers to rely on).
		// 'hash': SvelteKit hashes its inline bootstrap script; no other inline script may run.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				// DuckDB compiles its wasm; no eval of JavaScript.
				'script-src': ['self', 'wasm-unsafe-eval'],
				// DuckDB, MapLibre, accessibility and service workers are all same-origin files.
				'worker-src': ['self'],
				// MapLibre and Svelte templates set style attributes (parsed from HTML): inline
				// styles are needed; styles cannot run code.
				'style-src': ['self', 'unsafe-inline'],
				// Canvas exports read the map as data:/blob: images.
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
