/**
 * Keeps the address in step with a page's view, so any view can be shared or reloaded. Not on
 * the first run: the address is the initial state, and SvelteKit's router is not initialised yet
 * while the page mounts (replaceState would throw). Call during component initialisation.
 */
import { replaceState } from '$app/navigation';

export function followUrl(search: () => string): void {
	let follows = false;
	$effect(() => {
		const next = search();
		if (follows && next !== location.search) replaceState(`${location.pathname}${next}${location.hash}`, {});
		follows = true;
	});
}
