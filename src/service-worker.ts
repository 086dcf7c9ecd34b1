/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Offline support for CLSM meetings: once the app has been opened, it works without network.
 * Strategy (all same-origin; the app makes no third-party request):
 * - hashed build files (/_app/immutable/…) never change: cache first;
 * - everything else (the page, data artefacts, manifest): network first, cache as fallback, so a
 *   rebuilt dataset is always picked up online and the last one seen is used offline.
 * At install the app shell, the data artefacts and the DuckDB bundle this browser will use are
 * cached (the page has usually just fetched them, so the HTTP cache mostly serves them); the
 * commune vector tiles are stored as the map fetches them (the tiles the user has seen).
 */
import { build, files, version } from '$service-worker';
import { precacheList, storedPaths, storedWhenSeen } from '$lib/offline/precache';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `atlas-ptsm-${version}`;
const IMMUTABLE = new Set(build.filter((p) => p.includes('/immutable/')));
const LIST = precacheList(build, files);
const STORED = storedPaths(LIST);

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const cache = await caches.open(CACHE);
			const { shell, optional } = LIST;
			await cache.addAll(shell);
			// A missing artefact (optional source) must not prevent offline use of the rest.
			await Promise.allSettled(optional.map((p) => cache.add(p)));
			await sw.skipWaiting();
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});

async function cacheFirst(request: Request): Promise<Response> {
	const cache = await caches.open(CACHE);
	const hit = await cache.match(request);
	if (hit) return hit;
	const response = await fetch(request);
	if (response.ok) void cache.put(request, response.clone());
	return response;
}

async function networkFirst(request: Request, fallbackPath?: string): Promise<Response> {
	const cache = await caches.open(CACHE);
	try {
		const response = await fetch(request);
		const path = new URL(request.url).pathname;
		if (response.ok && (STORED.has(path) || storedWhenSeen(path))) void cache.put(request, response.clone());
		return response;
	} catch (err) {
		const hit = (await cache.match(request)) ?? (fallbackPath ? await cache.match(fallbackPath) : undefined);
		if (hit) return hit;
		throw err;
	}
}

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET' || request.headers.has('range')) return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (IMMUTABLE.has(url.pathname)) event.respondWith(cacheFirst(request));
	// Client-side routes (/ecarts, /territoires…) all load the SPA's index.html.
	else if (request.mode === 'navigate') event.respondWith(networkFirst(request, '/'));
	else event.respondWith(networkFirst(request));
});
