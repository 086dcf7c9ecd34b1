/**
 * Tile cover of a box: checked against the pipeline's own tile index (static/data/tiles/communes,
 * cut from the commune polygons by data/geo/tiles.ts) — every tile that holds a commune of the
 * Creuse at zoom 10 is in the Creuse box's cover, and the cover has no tile far from it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tilesCovering } from '../../../src/lib/map/tile-cover.ts';

describe('tilesCovering', () => {
	it('gives the XYZ tiles of a box, low zooms first', () => {
		expect(tilesCovering([-180, -85, 180, 85], 0, 1)).toEqual(['0/0/0', '1/0/0', '1/0/1', '1/1/0', '1/1/1']);
		// Paris (2.35 E, 48.86 N) at zoom 10 is tile 518/352 (OSM tile numbering).
		expect(tilesCovering([2.35, 48.86, 2.35, 48.86], 10, 10)).toEqual(['10/518/352']);
		expect(tilesCovering([3, 45, 2, 46], 0, 5)).toEqual([]); // west > east: no box
	});

	const index = 'static/data/tiles/communes/index.json';
	it.skipIf(!existsSync(index))('covers the Creuse (23) with tiles of the pipeline’s index, none in Réunion', () => {
		const listed = new Set((JSON.parse(readFileSync(index, 'utf8')) as { tiles: string[] }).tiles);
		// Box of the Creuse (IGN): 1.37–2.61 E, 45.66–46.46 N.
		const cover = tilesCovering([1.37, 45.66, 2.61, 46.46], 0, 10);
		const z10 = cover.filter((k) => k.startsWith('10/'));
		expect(z10.length).toBeGreaterThan(10);
		expect(z10.every((k) => listed.has(k))).toBe(true); // inland: every tile holds communes
		expect(cover).not.toContain(tilesCovering([55.5, -21.1, 55.5, -21.1], 10, 10)[0]);
		expect(cover.length).toBeLessThan(100);
	});
});
