/**
 * The main map's point marks other than FINESS (facility-layers.ts): SAE establishments, at their
 * site or at their commune's centre; the pick order of every point layer and the tooltip text of
 * a point under the pointer (pure, unit-tested).
 */
import type { Map as MlMap } from 'maplibre-gl';
import { FAMILY_LABELS_FR, KIND_SHORT_FR, type FacilityKind } from '$lib/facilities/kinds';
import { FACILITY_LAYERS, familyOfLayer, isClusterLayer, LOCAL_LAYER } from './facility-layers';

export const SAE_SOURCE = 'sae';
export const SAE_LAYERS = ['sae-site', 'sae-commune'] as const;
/** Every point layer, in drawn order (SAE marks under the FINESS ones). */
export const POINT_LAYERS: readonly string[] = [...SAE_LAYERS, ...FACILITY_LAYERS];
/**
 * Drawn order is not the order of interest: a local resource, then a cluster (its click zooms),
 * then a FINESS site win over the SAE hospital marks stacked on the same spot.
 */
export const PICK_ORDER: readonly string[] = [...FACILITY_LAYERS, 'sae-site', 'sae-commune'];

/** The SAE source (empty) and its two layers: white discs at a commune's centre, black at the site. */
export function addSaeLayers(m: MlMap): void {
	m.addSource(SAE_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
	const radius = ['interpolate', ['linear'], ['zoom'], 5, 3.5, 10, 7] as const;
	m.addLayer({
		id: 'sae-commune',
		type: 'circle',
		source: SAE_SOURCE,
		filter: ['==', ['get', 'geo_source'], 'commune'],
		paint: { 'circle-radius': radius as never, 'circle-color': '#ffffff', 'circle-opacity': 0.85, 'circle-stroke-color': '#161616', 'circle-stroke-width': 1.8 }
	});
	m.addLayer({
		id: 'sae-site',
		type: 'circle',
		source: SAE_SOURCE,
		filter: ['==', ['get', 'geo_source'], 'site'],
		paint: { 'circle-radius': radius as never, 'circle-color': '#161616', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.4 }
	});
}

const nf = new Intl.NumberFormat('fr-FR');

/** Title and lines of the tooltip of a point of layer `layerId` with properties `p`. */
export function pointTooltip(layerId: string, p: Record<string, unknown>): { title: string; lines: string[] } {
	if (isClusterLayer(layerId))
		return { title: `${nf.format(Number(p.point_count))} structures proches`, lines: [FAMILY_LABELS_FR[familyOfLayer(layerId)!], 'Cliquer pour zoomer'] };
	const lines: string[] = [];
	if (layerId === 'sae-site') lines.push('Position : site hospitalier (exacte)');
	else if (layerId === 'sae-commune') lines.push('Position approchée : centre de la commune');
	else if (layerId === LOCAL_LAYER) lines.push(`${String(p.kindLabel ?? '')} — ressource ajoutée localement`, 'Cliquer pour la fiche');
	else {
		if (p.kind) lines.push(KIND_SHORT_FR[p.kind as FacilityKind] ?? String(p.kind));
		if (p.category_label) lines.push(`Catégorie FINESS : ${String(p.category_label)}`);
		lines.push('Cliquer pour la fiche');
	}
	if (p.fi || p.finess) lines.push(`FINESS ${String(p.fi ?? p.finess)}`);
	return { title: String(p.name ?? 'Établissement'), lines };
}
