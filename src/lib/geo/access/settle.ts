/**
 * "Everything drawn" for the benchmark hook (data-settled-revision): each map has applied its
 * colours (MapView's data-ready), loaded its sources and tiles, and rendered a last frame.
 */
import type { Map as MlMap } from 'maplibre-gl';

const quiet = (m: MlMap) => m.getContainer().dataset.ready === 'true' && m.loaded() && m.areTilesLoaded() && !m.isMoving();

/** Resolves true once every map is settled, false if `stale()` turns true or `timeoutMs` passes. */
export async function mapsSettled(maps: readonly MlMap[], stale: () => boolean, timeoutMs = 60_000): Promise<boolean> {
	const end = performance.now() + timeoutMs;
	for (const m of maps) {
		while (!quiet(m)) {
			if (stale() || performance.now() > end) return false;
			await new Promise((r) => setTimeout(r, 40));
		}
		// One more frame so that the last data change is on screen, then MapLibre's 'idle'.
		await new Promise<void>((resolve) => {
			const t = setTimeout(resolve, 5_000);
			m.once('idle', () => (clearTimeout(t), resolve()));
			m.triggerRepaint();
		});
	}
	return !stale();
}
