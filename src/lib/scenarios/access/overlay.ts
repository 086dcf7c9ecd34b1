/** Site points drawn over the accessibility map: state colours (added, changed, closed), selection ring. */
import type { FeatureCollection, Point } from 'geojson';
import type { ExpressionSpecification, Map as MlMap } from 'maplibre-gl';
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
		feats.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [s.lon, s.lat] }, properties: { id: s.id, name: s.label, state, sel: s.id === o.selectedId, small: state === 'base' && o.kind === 'gp', gp: o.kind === 'gp' } });
	}
	if (o.scenario)
		for (const b of o.baseline)
			if (b.kind === o.kind && !shownIds.has(b.id))
				feats.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [b.lon, b.lat] }, properties: { id: b.id, name: b.label, state: 'closed', sel: false, small: false, gp: o.kind === 'gp' } });
	return { type: 'FeatureCollection', features: feats };
}

export interface SiteStates {
	/** the points with what never changes on a close or a capacity edit (id, name, kind) */
	shape: FeatureCollection<Point>;
	/** per site id, what the paint reads from feature-state */
	states: Map<string, { state: string; sel: boolean }>;
}

/**
 * Splits the points into their source data and their feature-states. A close, a capacity change
 * or a selection then only sets feature-states: each setData costs the map a worker round trip
 * and one or two more frames (≈ 150 ms each in software WebGL) before it is idle.
 */
export function splitSites(fc: FeatureCollection<Point>): SiteStates {
	const states = new Map<string, { state: string; sel: boolean }>();
	const features = fc.features.map((f) => {
		const p = f.properties ?? {};
		states.set(String(p.id), { state: String(p.state), sel: p.sel === true });
		return { ...f, properties: { id: String(p.id), name: p.name, gp: p.gp === true } };
	});
	return { shape: { type: 'FeatureCollection', features }, states };
}

/**
 * The source data as one string, whatever the points' order (a closed site moves to the end of
 * siteFeatures' list): an equal shape is not set again.
 */
export function shapeKey(shape: FeatureCollection<Point>): string {
	return shape.features
		.map((f) => `${f.properties?.id}|${f.properties?.gp ? 1 : 0}|${f.geometry.coordinates.join(',')}|${f.properties?.name}`)
		.sort()
		.join('\n');
}

/** Adds the (empty) site source and layer once the commune layer exists; true when present. */
export function ensureSiteLayer(m: MlMap): boolean {
	if (m.getSource(SITE_LAYER)) return true;
	if (!m.getLayer('com-fill')) return false;
	m.addSource(SITE_LAYER, { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'id' });
	// State and selection come from feature-state (splitSites); `small` as siteFeatures defines it.
	const state: ExpressionSpecification = ['to-string', ['feature-state', 'state']];
	const sel: ExpressionSpecification = ['boolean', ['feature-state', 'sel'], false];
	const small: ExpressionSpecification = ['all', ['get', 'gp'], ['==', state, 'base']];
	m.addLayer({
		id: SITE_LAYER,
		type: 'circle',
		source: SITE_LAYER,
		paint: {
			'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, ['case', small, 1, ['==', state, 'base'], 3, 6], 10, ['case', small, 4, ['==', state, 'base'], 6, 10]],
			'circle-color': ['match', state, 'added', '#e69f00', 'changed', '#cc79a7', 'closed', '#ffffff', '#161616'],
			'circle-stroke-color': ['case', sel, '#0a76f6', ['==', state, 'closed'], '#ce0500', '#ffffff'],
			'circle-stroke-width': ['case', sel, 4, ['==', state, 'closed'], 2.5, small, 0.3, 1.2],
			// A point without a state yet (just added, its figures not in): not drawn.
			'circle-opacity': ['case', ['==', ['feature-state', 'state'], null], 0, 1],
			'circle-stroke-opacity': ['case', ['==', ['feature-state', 'state'], null], 0, 1]
		}
	});
	m.on('mousemove', SITE_LAYER, () => (m.getCanvas().style.cursor = 'pointer'));
	return true;
}
