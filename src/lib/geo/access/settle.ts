/**
 * "Everything drawn" for the benchmark hook (data-settled-revision): each map has applied its
 * colours (MapView's data-ready, set on the 'idle' after them), loaded its sources and tiles, and
 * has no frame pending. These are the conditions under which MapLibre fires 'idle': a change
 * (setData, feature-state) marks the map dirty until the frame that draws it, so a quiet map has
 * drawn every change; forcing one more full frame would only add a software repaint.
 */
import type { Map as MlMap } from 'maplibre-gl';

const quiet = (m: MlMap) => m.getContainer().dataset.ready === 'true' && m.loaded() && m.areTilesLoaded() && !m.isMoving();

/** Resolves true once every map is settled, false if `stale()` turns true or `timeoutMs` passes. */
export async function mapsSettled(maps: readonly MlMap[], stale: () => boolean, timeoutMs = 60_000): Promise<boolean> {
	const end = performance.now() + timeoutMs;
	while (!maps.every(quiet)) {
		if (stale() || performance.now() > end) return false;
		await new Promise((r) => setTimeout(r, 20));
	}
	return !stale();
}
