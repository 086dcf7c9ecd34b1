/**
 * The coloured preview of the first map: paths of the shown level's polygons (SVG path syntax,
 * drawn on a 2D canvas), projected with the camera the WebGL map is then created with (so the
 * swap is exact), drawn while MapLibre sets up WebGL, compiles its shaders and tiles the polygons
 * (1–1.5 s at a cold start in software rendering, as on machines without a usable GPU).
 * Pure: unit-tested in Node.
 */
import type { Feature, Geometry, Position } from 'geojson';

/** Web Mercator camera as MapLibre takes it (`center`, `zoom`; 512 px tiles, no bearing or pitch). */
export interface Camera {
	center: [number, number];
	zoom: number;
}
export interface Padding {
	top: number;
	bottom: number;
	left: number;
	right: number;
}

const TILE = 512;
const mercX = (lng: number) => (lng + 180) / 360;
const mercY = (lat: number) => {
	const s = Math.sin((lat * Math.PI) / 180);
	return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
};
const latOf = (y: number) => (360 / Math.PI) * Math.atan(Math.exp((0.5 - y) * 2 * Math.PI)) - 90;

/** The camera that fits `bounds` ([[west, south], [east, north]]) in the padded box (as MapLibre's fitBounds). */
export function fitCamera(bounds: [[number, number], [number, number]], padding: Padding, width: number, height: number, maxZoom = 22): Camera {
	const [[w, s], [e, n]] = bounds;
	const x0 = mercX(w), x1 = mercX(e), y0 = mercY(n), y1 = mercY(s);
	const availW = Math.max(1, width - padding.left - padding.right);
	const availH = Math.max(1, height - padding.top - padding.bottom);
	const zoom = Math.min(maxZoom, Math.log2(Math.min(availW / ((x1 - x0) * TILE), availH / ((y1 - y0) * TILE))));
	const scale = TILE * 2 ** zoom;
	// The bounds' centre sits at the centre of the padded box.
	const cx = (x0 + x1) / 2 - (padding.left - padding.right) / 2 / scale;
	const cy = (y0 + y1) / 2 - (padding.top - padding.bottom) / 2 / scale;
	return { center: [cx * 360 - 180, latOf(cy)], zoom };
}

/** Screen position (CSS px from the top left of a width × height box) of a point under `camera`. */
export function projector(camera: Camera, width: number, height: number): Project {
	const scale = TILE * 2 ** camera.zoom;
	const cx = mercX(camera.center[0]);
	const cy = mercY(camera.center[1]);
	return (lng, lat) => [(mercX(lng) - cx) * scale + width / 2, (mercY(lat) - cy) * scale + height / 2];
}

export interface PreviewPath {
	code: string;
	d: string;
	fill: string;
}

type Project = (lng: number, lat: number) => [number, number];

function ringPath(ring: Position[], project: Project, out: string[]): [number, number, number, number] | null {
	let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
	let last = '';
	const parts: string[] = [];
	for (const p of ring) {
		const [x, y] = project(p[0]!, p[1]!);
		const xy = `${Math.round(x * 10) / 10} ${Math.round(y * 10) / 10}`;
		if (xy === last) continue; // sub-pixel steps add nothing at this zoom
		last = xy;
		parts.push(xy);
		if (x < minX) minX = x;
		if (x > maxX) maxX = x;
		if (y < minY) minY = y;
		if (y > maxY) maxY = y;
	}
	if (parts.length < 3) return null;
	out.push(`M${parts.join('L')}Z`);
	return [minX, minY, maxX, maxY];
}

/** One path per feature (its rings, even-odd holes), or null when it lies outside the view. */
export function featurePath(geometry: Geometry, project: Project, width: number, height: number): string | null {
	const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
	const out: string[] = [];
	let seen = false;
	for (const poly of polygons) {
		const start = out.length;
		const box = poly[0] ? ringPath(poly[0], project, out) : null;
		if (!box) continue;
		// A polygon wholly outside the view (the DROM at the metropolitan view) is left out.
		if (box[2] < 0 || box[0] > width || box[3] < 0 || box[1] > height) {
			out.length = start;
			continue;
		}
		seen = true;
		for (const hole of poly.slice(1)) ringPath(hole, project, out);
	}
	return seen ? out.join('') : null;
}

/** The polygons in view, each filled with its class colour (`fillOf`: as the WebGL map's feature-state). */
export function previewPaths(
	features: Iterable<Feature>,
	project: Project,
	fillOf: (code: string) => string,
	width: number,
	height: number
): PreviewPath[] {
	const out: PreviewPath[] = [];
	for (const f of features) {
		const code = String(f.properties?.code ?? f.id ?? '');
		if (!code || !f.geometry) continue;
		const d = featurePath(f.geometry, project, width, height);
		if (d) out.push({ code, d, fill: fillOf(code) });
	}
	return out;
}
