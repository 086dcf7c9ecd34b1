/**
 * The arrondissements municipaux of Paris, Lyon and Marseille over the commune polygons of the
 * main map (the commune tiles have each city as one polygon). At commune level each
 * arrondissement is coloured by its own value when the indicator has one per arrondissement,
 * else by its city's value (the legend says so); at levels drawn as communes (sectors, custom
 * territories, EPCI) by the territory owning it: the arrondissement itself when a sector holds
 * part of the city, else the city's owner. Colours go through feature-state, like the communes.
 */
import type { ExpressionSpecification, GeoJSONSource, Map as MlMap } from 'maplibre-gl';
import type { Feature } from 'geojson';
import { cityOfArrondissement, PLM_CITIES } from '$lib/geo/plm';
import type { IndicatorValue } from '$lib/indicators/types';
import { polygonState, stateChanges, type PolygonState } from '$lib/map/levels';
import type { BBox, GeoLayer } from '$lib/map/geometry';
import type { LabelSource } from './labels';

export const PLM_FILL = 'plm-fill';
const EMPTY = { type: 'FeatureCollection' as const, features: [] as Feature[] };

export interface PlmPaint {
	/** the level is drawn on communes (commune, or a composite level) */
	visible: boolean;
	composite: boolean;
	values: Map<string, IndicatorValue>;
	/** per-arrondissement values (commune level); an arrondissement without one takes its city's */
	unitValues: Map<string, IndicatorValue>;
	owner: Map<string, string> | null;
	breaks: number[];
	colors: string[];
}

/** Which value an arrondissement shows, and whether it is its own or its city's. */
export function plmValue(arm: string, p: Pick<PlmPaint, 'composite' | 'values' | 'unitValues' | 'owner'>): { territory: string | null; value: IndicatorValue | undefined; own: boolean } {
	const city = cityOfArrondissement(arm) ?? arm;
	if (p.composite) {
		const t = p.owner?.get(arm) ?? p.owner?.get(city) ?? null;
		return { territory: t, value: t === null ? undefined : p.values.get(t), own: p.owner?.has(arm) ?? false };
	}
	const u = p.unitValues.get(arm);
	return u ? { territory: arm, value: u, own: true } : { territory: city, value: p.values.get(city), own: false };
}

export function plmState(arm: string, p: PlmPaint): PolygonState {
	const { territory, value } = plmValue(arm, p);
	return polygonState(value?.value, p.composite && territory === null, p.breaks, p.colors);
}

/** Adds the arrondissement source and layers (hidden until painted) below `before`. */
export function createPlmLayer(m: MlMap, fill: ExpressionSpecification, before?: string) {
	m.addSource('plm', { type: 'geojson', data: EMPTY, promoteId: 'code', maxzoom: 12 });
	m.addLayer({ id: PLM_FILL, type: 'fill', source: 'plm', layout: { visibility: 'none' }, paint: { 'fill-color': fill } }, before);
	m.addLayer(
		{
			id: 'plm-line',
			type: 'line',
			source: 'plm',
			layout: { visibility: 'none', 'line-join': 'round' },
			paint: { 'line-color': '#3a3a3a', 'line-opacity': 0.7, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.4, 11, 1.1, 13, 1.6] }
		},
		before
	);
	let layer: GeoLayer | null = null;
	const states = new Map<string, PolygonState>();
	return {
		/** The arrondissement polygons (once loaded). */
		setGeometry(l: GeoLayer | null) {
			if (l === layer) return;
			layer = l;
			states.clear();
			(m.getSource('plm') as GeoJSONSource).setData(l?.collection ?? EMPTY);
		},
		paint(p: PlmPaint) {
			const vis = p.visible && layer ? 'visible' : 'none';
			m.setLayoutProperty(PLM_FILL, 'visibility', vis);
			m.setLayoutProperty('plm-line', 'visibility', vis);
			if (!layer || !p.visible) return;
			for (const [code, st] of stateChanges(layer.codes, (c) => plmState(c, p), states)) m.setFeatureState({ source: 'plm', id: code }, st);
		}
	};
}
export type PlmLayer = ReturnType<typeof createPlmLayer>;

/** Tooltip lines of an arrondissement: its value, and whose value it is. */
export function plmTooltip(arm: string, layer: GeoLayer | null, p: Pick<PlmPaint, 'composite' | 'values' | 'unitValues' | 'owner'>, format: (v: number | null) => string, levelName = '') {
	const city = cityOfArrondissement(arm) ?? arm;
	const name = layer?.names.get(arm) ?? arm;
	const { territory, value, own } = plmValue(arm, p);
	if (p.composite) {
		if (territory === null) return { title: `Arrondissement : ${name} (${arm})`, lines: ['Hors des territoires de cette maille'] };
		return { title: `${levelName ? `${levelName} ` : ''}${value?.name ?? territory} (${territory})`, lines: [format(value?.value ?? null), `Arrondissement : ${name} (${arm})`] };
	}
	return {
		title: `${name} (${arm})`,
		lines: [format(value?.value ?? null), own ? 'Valeur de l’arrondissement' : `Valeur de la commune entière (${PLM_CITIES[city]?.name ?? city}) : non disponible par arrondissement`]
	};
}

/**
 * Commune names with Paris, Lyon and Marseille replaced by their arrondissements' names (when
 * the arrondissements are drawn), placed in the arrondissements' own polygons.
 */
export function withArrondissementLabels(src: LabelSource, units: GeoLayer | null, unitSource: LabelSource | null): LabelSource {
	if (!units || !unitSource) return src;
	const cities = new Set(Object.keys(PLM_CITIES));
	const isUnit = (c: string) => cityOfArrondissement(c) !== null;
	return {
		codes: [...src.codes.filter((c) => !cities.has(c)), ...units.codes],
		name: (c) => (isUnit(c) ? unitSource.name(c) : src.name(c)),
		bbox: (c): BBox | undefined => (isUnit(c) ? unitSource.bbox(c) : src.bbox(c)),
		point: (c) => (isUnit(c) ? unitSource.point(c) : src.point(c))
	};
}

/** 'Paris 13e Arrondissement' → 'Paris 13e' (map labels; 'Paris 1er Arrondissement' → 'Paris 1er'). */
export const shortArrondissementName = (name: string | undefined) => name?.replace(/\s+arrondissement$/i, '');
