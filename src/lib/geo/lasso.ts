/**
 * Lasso selection of communes: a freehand path drawn on the map, closed into a polygon, selects
 * every commune whose representative point (communes.lon/lat, inside the commune) falls inside.
 * Pure geometry, in whatever plane the caller gives (lon/lat here: the map unprojects the path).
 */
import { polygonContains } from 'd3';

export type XY = [number, number];

export interface CommunePoint {
	code: string;
	lon: number | null;
	lat: number | null;
}

/** Appends `p` unless it is closer than `minStep` to the last point (keeps the path light). */
export function extendPath(path: XY[], p: XY, minStep = 3): XY[] {
	const last = path[path.length - 1];
	if (last && Math.hypot(p[0] - last[0], p[1] - last[1]) < minStep) return path;
	path.push(p);
	return path;
}

/** A path encloses something once it has three points not all on one line. */
export function isLassoClosable(path: XY[]): boolean {
	const a = path[0];
	const b = path.find((p) => p[0] !== a?.[0] || p[1] !== a?.[1]);
	if (!a || !b) return false;
	return path.some((c) => (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]) !== 0);
}

/** Codes of the points inside the polygon (closed implicitly), in input order; none for a degenerate path. */
export function pointsInLasso(points: readonly CommunePoint[], path: XY[]): string[] {
	if (!isLassoClosable(path)) return [];
	let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const [x, y] of path) {
		if (x < x0) x0 = x;
		if (y < y0) y0 = y;
		if (x > x1) x1 = x;
		if (y > y1) y1 = y;
	}
	const out: string[] = [];
	for (const p of points) {
		const { lon, lat } = p;
		if (lon === null || lat === null || lon < x0 || lon > x1 || lat < y0 || lat > y1) continue;
		if (polygonContains(path, [lon, lat])) out.push(p.code);
	}
	return out;
}

/** The new selection: `picked` added to `current` (no duplicates, current order kept) or replacing it. */
export function combineSelection(current: readonly string[], picked: readonly string[], add: boolean): string[] {
	if (!add) return [...new Set(picked)];
	const out = [...new Set(current)];
	const seen = new Set(out);
	for (const c of picked) if (!seen.has(c)) (seen.add(c), out.push(c));
	return out;
}
