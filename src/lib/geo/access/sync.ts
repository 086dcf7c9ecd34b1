/** Keeps two MapLibre maps on the same view (baseline / scenario comparison). */
import type { Map as MlMap } from 'maplibre-gl';

/** Mirrors centre and zoom from whichever map the user moves; returns the unsubscribe. */
export function syncMaps(a: MlMap, b: MlMap): () => void {
	let busy = false;
	const follow = (from: MlMap, to: MlMap) => () => {
		if (busy) return;
		busy = true;
		to.jumpTo({ center: from.getCenter(), zoom: from.getZoom(), bearing: from.getBearing(), pitch: from.getPitch() });
		busy = false;
	};
	const ab = follow(a, b);
	const ba = follow(b, a);
	a.on('move', ab);
	b.on('move', ba);
	ab();
	return () => {
		a.off('move', ab);
		b.off('move', ba);
	};
}
