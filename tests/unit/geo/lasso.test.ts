/**
 * Lasso geometry on hand-made points and polygons: a concave (U-shaped) lasso must leave out the
 * points in its notch, degenerate paths select nothing, points without coordinates are skipped.
 */
import { describe, expect, it } from 'vitest';
import { combineSelection, extendPath, isLassoClosable, pointsInLasso, type CommunePoint, type XY } from '../../../src/lib/geo/lasso';

const pt = (code: string, lon: number | null, lat: number | null): CommunePoint => ({ code, lon, lat });

// A "U": 0..3 wide, 0..3 high, with a notch x in 1..2, y in 1..3 cut out of the top.
const U: XY[] = [
	[0, 0],
	[3, 0],
	[3, 3],
	[2, 3],
	[2, 1],
	[1, 1],
	[1, 3],
	[0, 3]
];

describe('pointsInLasso', () => {
	it('selects the points inside a concave polygon and not those in its notch', () => {
		const points = [
			pt('left-arm', 0.5, 2.5),
			pt('right-arm', 2.5, 2.5),
			pt('base', 1.5, 0.5),
			pt('notch', 1.5, 2), // inside the bounding box and the convex hull, outside the U
			pt('outside', 4, 1),
			pt('below', 1.5, -0.5)
		];
		expect(pointsInLasso(points, U)).toEqual(['left-arm', 'right-arm', 'base']);
	});

	it('gives the same result whatever the drawing direction, and with an explicit closing point', () => {
		const points = [pt('a', 0.5, 2.5), pt('n', 1.5, 2), pt('b', 2.5, 0.2)];
		const reversed = [...U].reverse();
		const closed = [...U, U[0]!];
		expect(pointsInLasso(points, reversed)).toEqual(['a', 'b']);
		expect(pointsInLasso(points, closed)).toEqual(['a', 'b']);
	});

	it('handles a self-intersecting (figure-of-eight) path by the even-odd rule', () => {
		const eight: XY[] = [
			[0, 0],
			[2, 2],
			[2, 0],
			[0, 2]
		];
		// Two triangles meeting at (1, 1): left one x < 1, right one x > 1.
		const points = [pt('left', 0.3, 1), pt('right', 1.7, 1), pt('top', 1, 1.8), pt('bottom', 1, 0.2)];
		expect(pointsInLasso(points, eight)).toEqual(['left', 'right']);
	});

	it('selects nothing for a degenerate path and skips points without coordinates', () => {
		const points = [pt('a', 0.5, 0.5), pt('nolon', null, 0.5), pt('nolat', 0.5, null)];
		expect(pointsInLasso(points, [])).toEqual([]);
		expect(pointsInLasso(points, [[0, 0], [1, 1]])).toEqual([]);
		expect(
			pointsInLasso(points, [
				[0, 0],
				[1, 1],
				[2, 2]
			])
		).toEqual([]); // collinear: encloses nothing
		expect(
			pointsInLasso(points, [
				[0, 0],
				[1, 0],
				[1, 1],
				[0, 1]
			])
		).toEqual(['a']);
	});

	it('works with real lon/lat around Lyon (a triangle with Lyon inside, Villeurbanne outside)', () => {
		const lyon = pt('69123', 4.8357, 45.764);
		const villeurbanne = pt('69266', 4.8798, 45.7719);
		const tri: XY[] = [
			[4.8, 45.73],
			[4.86, 45.73],
			[4.83, 45.8]
		];
		expect(pointsInLasso([lyon, villeurbanne], tri)).toEqual(['69123']);
	});
});

describe('extendPath and isLassoClosable', () => {
	it('drops points closer than the minimum step to the last one', () => {
		const path: XY[] = [];
		extendPath(path, [0, 0]);
		extendPath(path, [1, 1]); // 1.4 px: dropped
		extendPath(path, [3, 0]);
		extendPath(path, [3, 0]);
		expect(path).toEqual([
			[0, 0],
			[3, 0]
		]);
		expect(isLassoClosable(path)).toBe(false);
		extendPath(path, [3, 3]);
		expect(isLassoClosable(path)).toBe(true);
	});
});

describe('combineSelection', () => {
	it('adds without duplicates, keeping the current order, or replaces', () => {
		expect(combineSelection(['a', 'b'], ['b', 'c', 'c'], true)).toEqual(['a', 'b', 'c']);
		expect(combineSelection(['a', 'b'], ['c', 'c'], false)).toEqual(['c']);
		expect(combineSelection([], [], true)).toEqual([]);
	});
});
