/**
 * Territory names on a map, drawn as HTML over the canvas (no glyph server, no third-party font).
 * Pure parts: which territories get a name at the current view (the name must fit inside the
 * territory's box on screen, names never overlap, larger territories first) and where a
 * composite territory (EPCI, sector: a set of communes) puts it (inside its most central member).
 */
import type { BBox, GeoLayer } from '$lib/map/geometry';
import { interiorPoint, type LonLat } from '$lib/geo/interior-point';

export interface LabelSource {
	/** Territories that can be named, with their box in lon/lat. */
	codes: string[];
	name(code: string): string | undefined;
	bbox(code: string): BBox | undefined;
	/** A point inside the territory (computed on demand: only named territories pay for it). */
	point(code: string): LonLat | null;
}

export interface PlacedLabel {
	code: string;
	name: string;
	/** the name on one line, or two when it fits only so (long EPCI and sector names) */
	lines: string[];
	lon: number;
	lat: number;
}

export interface ScreenBox {
	x: number;
	y: number;
	w: number;
	h: number;
}

/** Width of a name in px at `fontPx` (system sans-serif: ≈ 0.55 em per character, bold a little wider). */
export const textWidth = (name: string, fontPx: number) => name.length * fontPx * 0.56 + 6;

/** The name on one line when it fits `maxW`, else split at the space nearest its middle; null when neither fits. */
export function fitLines(name: string, maxW: number, fontPx: number, measure = (l: string) => textWidth(l, fontPx)): string[] | null {
	if (measure(name) <= maxW) return [name];
	let best = -1;
	for (let i = name.indexOf(' '); i >= 0; i = name.indexOf(' ', i + 1)) if (best < 0 || Math.abs(i - name.length / 2) < Math.abs(best - name.length / 2)) best = i;
	if (best < 0) return null;
	const two = [name.slice(0, best), name.slice(best + 1)];
	return Math.max(...two.map(measure)) <= maxW ? two : null;
}

const overlaps = (a: ScreenBox, b: ScreenBox) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

export interface PlaceOptions {
	/** lon/lat → screen px */
	project: (p: LonLat) => { x: number; y: number };
	width: number;
	height: number;
	fontPx: number;
	/** at most this many names */
	max?: number;
	/** share of the territory's on-screen box the name may take (default 0.85 of the width) */
	fill?: number;
	/** codes always named when on screen and not overlapping (the focus territory) */
	priority?: Set<string>;
	/** the view in lon/lat: boxes outside are skipped before any projection (35 000 communes) */
	view?: BBox;
	/** rendered width of a line in px (the browser measures it; default: textWidth's estimate) */
	measure?: (line: string) => number;
}

/**
 * Greedy placement: territories in view whose on-screen box holds the name, largest first
 * (priority codes before all), each kept when its box overlaps no name already placed.
 */
export function placeLabels(src: LabelSource, o: PlaceOptions): PlacedLabel[] {
	const lineH = o.fontPx * 1.25;
	const fill = o.fill ?? 0.85;
	const measure = o.measure ?? ((l: string) => textWidth(l, o.fontPx));
	// Names keep a little air between them (the halo takes a few pixels).
	const GAP = 3;
	const cands: { code: string; name: string; lines: string[]; area: number }[] = [];
	for (const code of src.codes) {
		const b = src.bbox(code);
		if (!b || !Number.isFinite(b[0])) continue;
		if (o.view && (b[2] < o.view[0] || b[0] > o.view[2] || b[3] < o.view[1] || b[1] > o.view[3])) continue;
		const name = src.name(code);
		if (!name) continue;
		const sw = o.project([b[0], b[1]]);
		const ne = o.project([b[2], b[3]]);
		// Off screen (with the box's own size as margin)?
		if (ne.x < 0 || sw.x > o.width || sw.y < 0 || ne.y > o.height) continue;
		const w = ne.x - sw.x;
		const h = sw.y - ne.y;
		const lines = fitLines(name, w * fill, o.fontPx, measure);
		if (!lines || lines.length * lineH > h * 0.7) continue;
		cands.push({ code, name, lines, area: w * h });
	}
	const pri = o.priority ?? new Set<string>();
	cands.sort((a, b) => Number(pri.has(b.code)) - Number(pri.has(a.code)) || b.area - a.area || (a.code < b.code ? -1 : 1));
	const placed: PlacedLabel[] = [];
	const boxes: ScreenBox[] = [];
	const max = o.max ?? 150;
	for (const c of cands) {
		if (placed.length >= max) break;
		const p = src.point(c.code);
		if (!p) continue;
		const s = o.project(p);
		const w = Math.max(...c.lines.map(measure)) + 2 * GAP;
		const h = c.lines.length * lineH + GAP;
		const box = { x: s.x - w / 2, y: s.y - h / 2, w, h };
		if (box.x < 0 || box.y < 0 || box.x + box.w > o.width || box.y + box.h > o.height) continue;
		if (boxes.some((b) => overlaps(b, box))) continue;
		boxes.push(box);
		placed.push({ code: c.code, name: c.name, lines: c.lines, lon: p[0], lat: p[1] });
	}
	return placed;
}

export interface CompositeGroups {
	members: Map<string, string[]>;
	bboxes: Map<string, BBox>;
}

/** Territories of a composite level from its commune → territory map, with their boxes. */
export function compositeGroups(owner: Map<string, string>, communeBox: (code: string) => BBox | undefined): CompositeGroups {
	const members = new Map<string, string[]>();
	const bboxes = new Map<string, BBox>();
	for (const [commune, t] of owner) {
		const b = communeBox(commune);
		if (!b || !Number.isFinite(b[0])) continue;
		let list = members.get(t);
		if (!list) members.set(t, (list = []));
		list.push(commune);
		const tb = bboxes.get(t);
		if (!tb) bboxes.set(t, [...b] as BBox);
		else {
			tb[0] = Math.min(tb[0], b[0]);
			tb[1] = Math.min(tb[1], b[1]);
			tb[2] = Math.max(tb[2], b[2]);
			tb[3] = Math.max(tb[3], b[3]);
		}
	}
	return { members, bboxes };
}

/**
 * The member commune nearest to the territory's area-weighted centre (box areas as weights):
 * its interior point is inside the territory, unlike the centre of a crescent-shaped one.
 */
export function centralMember(members: string[], communeBox: (code: string) => BBox | undefined): string | null {
	let sx = 0;
	let sy = 0;
	let sw = 0;
	const centres: [string, number, number][] = [];
	for (const m of members) {
		const b = communeBox(m);
		if (!b) continue;
		const x = (b[0] + b[2]) / 2;
		const y = (b[1] + b[3]) / 2;
		const w = Math.max(1e-9, (b[2] - b[0]) * (b[3] - b[1]));
		sx += x * w;
		sy += y * w;
		sw += w;
		centres.push([m, x, y]);
	}
	if (!sw) return null;
	const cx = sx / sw;
	const cy = sy / sw;
	const k = Math.cos((cy * Math.PI) / 180);
	let best: string | null = null;
	let bestD = Infinity;
	for (const [m, x, y] of centres) {
		const d = ((x - cx) * k) ** 2 + (y - cy) ** 2;
		if (d < bestD) {
			bestD = d;
			best = m;
		}
	}
	return best;
}

/** Polygons of one geography (régions, départements, communes): named from `nameOf`, placed at their pole of inaccessibility. */
export function layerLabelSource(layer: GeoLayer, nameOf: (code: string) => string | undefined): LabelSource {
	const points = new Map<string, LonLat | null>();
	return {
		codes: layer.codes,
		name: nameOf,
		bbox: (c) => layer.bboxes.get(c),
		point(c) {
			if (!points.has(c)) points.set(c, interiorPoint(layer.features.get(c)?.geometry));
			return points.get(c) ?? null;
		}
	};
}

/**
 * Territories made of communes (EPCI, sectors, custom): named inside their most central commune.
 * `units` (the arrondissements of Paris, Lyon and Marseille) gives the polygons of members that are
 * arrondissements, so a sector made only of arrondissements is named at them, not dropped.
 */
export function compositeLabelSource(owner: Map<string, string>, communes: GeoLayer, nameOf: (code: string) => string | undefined, units: GeoLayer | null = null): LabelSource {
	const box = (c: string) => communes.bboxes.get(c) ?? units?.bboxes.get(c);
	const featureOf = (c: string) => communes.features.get(c) ?? units?.features.get(c);
	const groups = compositeGroups(owner, box);
	const points = new Map<string, LonLat | null>();
	return {
		codes: [...groups.members.keys()],
		name: nameOf,
		bbox: (t) => groups.bboxes.get(t),
		point(t) {
			if (!points.has(t)) {
				const m = centralMember(groups.members.get(t) ?? [], box);
				points.set(t, m ? interiorPoint(featureOf(m)?.geometry) : null);
			}
			return points.get(t) ?? null;
		}
	};
}
