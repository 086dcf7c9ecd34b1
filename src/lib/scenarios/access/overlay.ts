/** Site points drawn over the accessibility map: state colours (added, changed, closed), selection ring. */
import type { FeatureCollection, Point } from 'geojson';
import type { Map as MlMap } from 'maplibre-gl';
import type { Site, SiteKind } from '../model';

export const SITE_LAYER = 'access-sites';

/** Points of the kind for one situation; in the scenario, closed baseline sites appear hollow. */
export function siteFeatures(o: { shown: readonly Site[]; baseline: readonly Site[]; kind: SiteKind; selectedId: string | null; scenario: boolean }): FeatureCollection<Point> {
	const baseById = new Map(o.baseline.map((s) => [s.id, s]));
	const feats: FeatureCollection<Point>['features'] = [];
	const shownIds = new Set<string>();
	for (const s of o.shown) {
		if (s.kind !== o.kind) continue;
		shownIds.add(s.id);
		const b = baseById.get(s.id);
		const state = s.added ? 'added' : b && (b.capacity !== s.capacity || b.lon !== s.lon || b.lat !== s.lat) ? 'changed' : 'base';
		// GP practices are ~10 000 commune points: drawn small until zoomed in.
		feats.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [s.lon, s.lat] }, properties: { id: s.id, name: s.label, state, sel: s.id === o.selectedId, small: state === 'base' && o.kind === 'gp' } });
	}
	if (o.scenario)
		for (const b of o.baseline)
			if (b.kind === o.kind && !shownIds.has(b.id))
				feats.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [b.lon, b.lat] }, properties: { id: b.id, name: b.label, state: 'closed', sel: false, small: false } });
	return { type: 'FeatureCollection', features: feats };
}

/** Adds the (empty) site source and layer once the commune layer exists; true when present. */
export function ensureSiteLayer(m: MlMap): boolean {
	if (m.getSource(SITE_LAYER)) return true;
	if (!m.getLayer('com-fill')) return false;
	m.addSource(SITE_LAYER, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
	m.addLayer({
		id: SITE_LAYER,
		type: 'circle',
		source: SITE_LAYER,
		paint: {
			'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, ['case', ['get', 'small'], 1, ['==', ['get', 'state'], 'base'], 3, 6], 10, ['case', ['get', 'small'], 4, ['==', ['get', 'state'], 'base'], 6, 10]],
			'circle-color': ['match', ['get', 'state'], 'added', '#e69f00', 'changed', '#cc79a7', 'closed', '#ffffff', '#161616'],
			'circle-stroke-color': ['case', ['get', 'sel'], '#0a76f6', ['==', ['get', 'state'], 'closed'], '#ce0500', '#ffffff'],
			'circle-stroke-width': ['case', ['get', 'sel'], 4, ['==', ['get', 'state'], 'closed'], 2.5, ['get', 'small'], 0.3, 1.2]
		}
	});
	m.on('mousemove', SITE_LAYER, () => (m.getCanvas().style.cursor = 'pointer'));
	return true;
}
