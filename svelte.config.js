import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Single-page app: every route falls back to index.html, all data is loaded client-side.
		adapter: adapter({ fallback: 'index.html', strict: false })
	}
};

export default config;
