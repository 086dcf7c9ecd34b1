/**
 * Layout of the app's SVG choropleths (pure, no DOM): metropolitan France in the main frame and
 * each overseas département present in a labelled inset box of its own, as INSEE maps do. Each
 * frame has its own conformal projection fitted to its box, so no territory is squeezed by the
 * distance between Paris and Saint-Denis. Polygons are sorted into frames by where they lie, not
 * by code: unions of communes (EPCI, sectors, custom territories) and Saint-Martin / Saint-Barthélemy
 * (communes of Guadeloupe in this app, 230 km north of it) land in the right box.
 */
import { geoCentroid, geoConicConformal, geoDistance, geoPath, type GeoProjection } from 'd3';
import type { Feature, Geometry, MultiPolygon, Polygon, Position } from 'geojson';

export type ZoneId = 'metropole' | 'guadeloupe' | 'iles-du-nord' | 'martinique' | 'guyane' | 'reunion' | 'mayotte';

interface Zone {
	id: ZoneId;
	/** lines of the inset's label (short: an inset is narrow) */
	label: string[];
	/** full name, for the text alternative */
	name: string;
	/** [west, south, east, north], generous */
	box: [number, number, number, number];
}

/** Zones in the order of their insets (INSEE order: Antilles, Guyane, Océan Indien). */
export const ZONES: readonly Zone[] = [
	{ id: 'metropole', label: ['France métropolitaine'], name: 'France métropolitaine', box: [-6, 41, 10.5, 51.6] },
	{ id: 'guadeloupe', label: ['Guadeloupe'], name: 'Guadeloupe', box: [-62, 15.7, -60.8, 16.7] },
	{ id: 'iles-du-nord', label: ['St-Martin,', 'St-Barthélemy'], name: 'Saint-Martin et Saint-Barthélemy (rattachés à la Guadeloupe)', box: [-63.3, 17.6, -62.5, 18.3] },
	{ id: 'martinique', label: ['Martinique'], name: 'Martinique', box: [-61.4, 14.2, -60.6, 15] },
	{ id: 'guyane', label: ['Guyane'], name: 'Guyane', box: [-55, 1.8, -51, 6.2] },
	{ id: 'reunion', label: ['La Réunion'], name: 'La Réunion', box: [55, -21.6, 56, -20.7] },
	{ id: 'mayotte', label: ['Mayotte'], name: 'Mayotte', box: [44.8, -13.2, 45.5, -12.4] }
];
const ZONE = new Map(ZONES.map((z) => [z.id, z]));

export interface Frame {
	zone: ZoneId;
	label: string[];
	name: string;
	/** box in SVG units */
	x: number;
	y: number;
	w: number;
	h: number;
	inset: boolean;
	/** baseline of the label's first line (insets) */
	labelY: number;
	/** ground km per SVG unit at the frame's centre (null if the projection cannot say) */
	kmPerUnit: number | null;
}

export interface SvgLayout {
	width: number;
	height: number;
	/** the main frame first, then the insets top to bottom */
	frames: Frame[];
	/** SVG path of a feature or geometry, each part drawn in its own frame ('' when none) */
	path(g: Feature | Geometry | null | undefined): string;
}

export interface LayoutOptions {
	width: number;
	height: number;
	/** margin inside the SVG */
	pad?: number;
	/** units kept free at the bottom of the main frame (a scale bar) */
	reserveBottom?: number;
}

/** Height of one line of an inset's label (10-unit type), written above its box. */
export const LINE_H = 11;
const GAP = 6;

function boxCentre(ring: Position[]): [number, number] {
	let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
	for (const [x, y] of ring) {
		if (x! < w) w = x!;
		if (x! > e) e = x!;
		if (y! < s) s = y!;
		if (y! > n) n = y!;
	}
	return [(w + e) / 2, (s + n) / 2];
}

/** The zone of a point: the box holding it, else the nearest box centre (a polygon off every box). */
export function zoneAt([lon, lat]: [number, number]): ZoneId {
	let best: ZoneId = 'metropole';
	let bestD = Infinity;
	for (const z of ZONES) {
		const [w, s, e, n] = z.box;
		if (lon >= w && lon <= e && lat >= s && lat <= n) return z.id;
		const d = geoDistance([lon, lat], [(w + e) / 2, (s + n) / 2]);
		if (d < bestD) [best, bestD] = [z.id, d];
	}
	return best;
}

function polygonsOf(g: Geometry | null | undefined): Position[][][] {
	if (!g) return [];
	if (g.type === 'Polygon') return [g.coordinates];
	if (g.type === 'MultiPolygon') return g.coordinates;
	if (g.type === 'GeometryCollection') return g.geometries.flatMap(polygonsOf);
	return [];
}

/** A geometry's polygons grouped by zone (one MultiPolygon per zone present). */
export function splitByZone(g: Geometry | null | undefined): Map<ZoneId, MultiPolygon> {
	const out = new Map<ZoneId, MultiPolygon>();
	for (const poly of polygonsOf(g)) {
		if (!poly[0]?.length) continue;
		const z = zoneAt(boxCentre(poly[0]));
		const m = out.get(z) ?? { type: 'MultiPolygon', coordinates: [] };
		m.coordinates.push(poly);
		out.set(z, m);
	}
	return out;
}

/** Conformal conic with standard parallels around the shape: true shapes and local distances, also near the equator. */
function conformalFitted(shape: MultiPolygon, x: number, y: number, w: number, h: number): GeoProjection {
	const [lon, lat] = geoCentroid(shape);
	return geoConicConformal()
		.parallels([lat - 1, lat + 1])
		.rotate([-lon, 0])
		.fitExtent([[x, y], [x + w, y + h]], shape);
}

const EARTH_RADIUS_KM = 6371.0088;

/** Ground kilometres per unit around (x, y), measured horizontally over `span` units. */
export function kmPerPixel(projection: GeoProjection, x: number, y: number, span = 100): number | null {
	const a = projection.invert?.([x - span / 2, y]);
	const b = projection.invert?.([x + span / 2, y]);
	if (!a || !b) return null;
	return (geoDistance(a, b) * EARTH_RADIUS_KM) / span;
}

/**
 * Frames for `features` in a `width` × `height` SVG. The main frame holds metropolitan France when
 * present (else the zone with most features); the other zones are stacked as insets in a column on
 * the left. One zone: one frame over the whole drawing.
 */
export function svgLayout(features: readonly Feature[], opts: LayoutOptions): SvgLayout {
	const { width, height } = opts;
	const pad = opts.pad ?? 6;
	const reserve = opts.reserveBottom ?? 0;
	const parts = new Map<ZoneId, MultiPolygon>();
	const count = new Map<ZoneId, number>();
	for (const f of features) {
		for (const [z, m] of splitByZone(f.geometry)) {
			const all = parts.get(z) ?? { type: 'MultiPolygon', coordinates: [] };
			all.coordinates.push(...m.coordinates);
			parts.set(z, all);
			count.set(z, (count.get(z) ?? 0) + 1);
		}
	}
	const present = ZONES.filter((z) => parts.has(z.id)).map((z) => z.id);
	if (!present.length) return { width, height, frames: [], path: () => '' };
	const main = parts.has('metropole') ? 'metropole' : present.reduce((a, b) => ((count.get(b) ?? 0) > (count.get(a) ?? 0) ? b : a));
	const insets = present.filter((z) => z !== main);

	const boxes = new Map<ZoneId, { x: number; y: number; w: number; h: number; inset: boolean; labelY: number }>();
	const mainTop = pad;
	const mainH = height - pad - reserve - mainTop;
	if (!insets.length) boxes.set(main, { x: pad, y: mainTop, w: width - 2 * pad, h: mainH, inset: false, labelY: 0 });
	else {
		// A column on the left, about a fifth of the width; boxes no taller than wide.
		const colW = Math.max(84, Math.round(width * 0.2));
		const labelH = (z: ZoneId) => ZONE.get(z)!.label.length * LINE_H + 3;
		const free = mainH - insets.reduce((a, z) => a + labelH(z), 0) - GAP * (insets.length - 1);
		const side = Math.min(colW, free / insets.length);
		let y = mainTop;
		for (const z of insets) {
			const top = y + labelH(z);
			boxes.set(z, { x: pad, y: top, w: colW, h: side, inset: true, labelY: y + LINE_H - 3 });
			y = top + side + GAP;
		}
		const x0 = pad + colW + 2 * GAP;
		boxes.set(main, { x: x0, y: mainTop, w: width - pad - x0, h: mainH, inset: false, labelY: 0 });
	}

	const projections = new Map<ZoneId, GeoProjection>();
	const frames: Frame[] = [];
	for (const z of [main, ...insets]) {
		const b = boxes.get(z)!;
		// Insets keep a margin inside their frame line.
		const m = b.inset ? 4 : 0;
		const p = conformalFitted(parts.get(z)!, b.x + m, b.y + m, b.w - 2 * m, b.h - 2 * m);
		projections.set(z, p);
		const info = ZONE.get(z)!;
		frames.push({ zone: z, label: info.label, name: info.name, ...b, kmPerUnit: kmPerPixel(p, b.x + b.w / 2, b.y + b.h / 2, Math.min(100, b.w / 2)) });
	}
	const paths = new Map([...projections].map(([z, p]) => [z, geoPath(p)]));
	return {
		width,
		height,
		frames,
		path(g) {
			const geom = g && 'type' in g && g.type === 'Feature' ? g.geometry : (g as Geometry | null | undefined);
			let d = '';
			for (const [z, m] of splitByZone(geom)) d += paths.get(z)?.(m as MultiPolygon | Polygon) ?? '';
			return d;
		}
	};
}

/** The sentence a text alternative adds when insets are drawn. */
export function insetSentence(layout: SvgLayout): string {
	const insets = layout.frames.filter((f) => f.inset);
	if (!insets.length) return '';
	return `En encadrés, chacun à sa propre échelle : ${insets.map((f) => f.name).join(', ')}.`;
}
