/**
 * Map styling of the FINESS facility layer: one Okabe-Ito colour per family (colour-blind safe)
 * and an outline that differs between neighbouring colours, so a family never depends on hue alone.
 */
import { FACILITY_FAMILIES, KIND_FAMILY, type FacilityFamily, type FacilityKind } from './kinds';

export interface FamilyStyle {
	fill: string;
	stroke: string;
	/** radius at zoom 5 and 10 (px) */
	radius: [number, number];
	/** French name of the mark, for the legend text alternative */
	mark: string;
}

export const FAMILY_STYLE: Readonly<Record<FacilityFamily, FamilyStyle>> = {
	hospital: { fill: '#D55E00', stroke: '#ffffff', radius: [3, 7], mark: 'rond vermillon cerclé de blanc' },
	ambulatory: { fill: '#E69F00', stroke: '#161616', radius: [2.4, 6], mark: 'rond orange cerclé de noir' },
	medsoc: { fill: '#CC79A7', stroke: '#161616', radius: [2.2, 5.5], mark: 'rond violet cerclé de noir' },
	primary: { fill: '#0072B2', stroke: '#ffffff', radius: [2, 5], mark: 'rond bleu cerclé de blanc' }
};

/** MapLibre `match` expression on the feature's `family` property. */
function byFamily(pick: (s: FamilyStyle) => string | number, fallback: string | number): unknown[] {
	return ['match', ['get', 'family'], ...FACILITY_FAMILIES.flatMap((f) => [f, pick(FAMILY_STYLE[f])]), fallback];
}

/** Paint of the 'finess-points' circle layer. */
export function facilityPaint(): Record<string, unknown> {
	return {
		'circle-color': byFamily((s) => s.fill, '#777777'),
		'circle-stroke-color': byFamily((s) => s.stroke, '#161616'),
		'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 5, 0.5, 10, 1.4],
		'circle-radius': [
			'interpolate',
			['linear'],
			['zoom'],
			5,
			byFamily((s) => s.radius[0], 2),
			10,
			byFamily((s) => s.radius[1], 5)
		]
	};
}

export const familyOf = (kind: FacilityKind): FacilityFamily => KIND_FAMILY[kind];
