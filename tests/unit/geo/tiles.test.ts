/**
 * Vector tiles of the pipeline (data/geo/tiles.ts): feature ids are the INSEE codes (as the
 * `code` property the map promotes), a commune is in the tile covering it; then the built
 * artefacts: Lyon is in its zoom-10 tile, the manifest lists the tiles.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// The decoder MapLibre itself uses (its dependencies pbf and @mapbox/vector-tile).
import { PbfReader } from 'pbf';
import { VectorTile } from '@mapbox/vector-tile';
import type { FeatureCollection } from 'geojson';
import { cutTiles, tileOf, writeTiles } from '../../../data/geo/tiles';
import { DATA_DIR, describeArtefacts, readManifest } from '../../helpers/artefacts';

/** Two squares (≈ 30 km: drawn from zoom 0) around Lyon and Ajaccio; a Corsican code: ids are strings. */
const square = (lon: number, lat: number, d = 0.3) => ({
	type: 'Polygon' as const,
	coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]]
});
const FC: FeatureCollection = {
	type: 'FeatureCollection',
	features: [
		{ type: 'Feature', id: '69123', properties: {}, geometry: square(4.83, 45.75) },
		{ type: 'Feature', id: '2A004', properties: { name: 'Ajaccio' }, geometry: square(8.73, 41.92) }
	]
};

function codesIn(buf: Uint8Array, layer: string): string[] {
	const t = new VectorTile(new PbfReader(buf));
	const l = t.layers[layer];
	if (!l) return [];
	return Array.from({ length: l.length }, (_, i) => String(l.feature(i).properties.code));
}

describe('cutTiles', () => {
	const opts = { layer: 'communes', minZoom: 0, maxZoom: 8 };
	const set = cutTiles(FC, opts);

	it('puts each feature, with its code, in the tile covering it at every zoom', () => {
		for (const z of [0, 5, 8]) {
			const lyon = tileOf(4.84, 45.76, z);
			const ajaccio = tileOf(8.74, 41.93, z);
			expect(codesIn(set.tiles.get(`${z}/${lyon.x}/${lyon.y}`)!, 'communes')).toContain('69123');
			expect(codesIn(set.tiles.get(`${z}/${ajaccio.x}/${ajaccio.y}`)!, 'communes')).toContain('2A004');
		}
		expect(set.features).toBe(2);
	});

	it('keeps only the code (no other property) and writes no empty tile', () => {
		const t = new VectorTile(new PbfReader(set.tiles.get('0/0/0')!));
		expect(Object.keys(t.layers.communes!.feature(0).properties)).toEqual(['code']);
		// Only tiles with a feature: at z8 each tile holds one of the two squares, far apart.
		for (const [k, buf] of set.tiles) if (k.startsWith('8/')) expect(codesIn(buf, 'communes')).toHaveLength(1);
	});

	it('writes z/x/y.pbf, an index of the tiles and the codes', () => {
		const dir = mkdtempSync(join(tmpdir(), 'tiles-'));
		try {
			const w = writeTiles(join(dir, 'communes'), set, opts, ['69123', '2A004']);
			expect(w.count).toBe(set.tiles.size);
			const index = JSON.parse(readFileSync(join(dir, 'communes', 'index.json'), 'utf8'));
			expect(index).toMatchObject({ layer: 'communes', minzoom: 0, maxzoom: 8, features: 2 });
			expect(index.tiles).toHaveLength(set.tiles.size);
			for (const k of index.tiles) expect(existsSync(join(dir, 'communes', `${k}.pbf`))).toBe(true);
			expect(JSON.parse(readFileSync(join(dir, 'communes', 'codes.json'), 'utf8'))).toEqual(['69123', '2A004']);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describeArtefacts('commune vector tiles (built artefacts)', () => {
	const dir = join(DATA_DIR, 'tiles', 'communes');

	it('has Lyon (69123) in its zoom-10 tile and every commune code of the TopoJSON', () => {
		const { x, y } = tileOf(4.835, 45.76, 10);
		expect(codesIn(readFileSync(join(dir, '10', String(x), `${y}.pbf`)), 'communes')).toContain('69123');
		const codes = JSON.parse(readFileSync(join(dir, 'codes.json'), 'utf8')) as string[];
		const topo = JSON.parse(readFileSync(join(DATA_DIR, 'communes.topojson'), 'utf8'));
		const topoCodes = topo.objects.communes.geometries.map((g: { id: string }) => String(g.id));
		expect(codes).toEqual(topoCodes);
		expect(codes).toContain('2A004');
	});

	it('is listed in the manifest with its source, vintage, licence and tile count', () => {
		const t = readManifest().tiles?.find((x) => x.name === 'communes');
		expect(t).toBeDefined();
		const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
		expect(t!.count).toBe(index.tiles.length);
		expect(t!.sources).toContain('geo_communes_2018');
		expect(t!.licence).toMatch(/Licence|ODbL|Etalab/i);
		expect(t!.vintage).toMatch(/2018/);
		expect(t!.features).toBeGreaterThan(34_000);
	});
});
