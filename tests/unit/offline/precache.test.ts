import { describe, expect, it } from 'vitest';
import { precacheList, storedPaths, storedWhenSeen } from '../../../src/lib/offline/precache';

const build = [
	'/_app/immutable/entry/start.js',
	'/_app/immutable/assets/duckdb-eh.9ubY-jlA.wasm',
	'/_app/immutable/assets/duckdb-mvp.BP0pRkMH.wasm',
	'/_app/immutable/assets/duckdb-browser-eh.worker.hQa-dcAV.js',
	'/_app/immutable/assets/duckdb-browser-mvp.worker.C9hF7LGh.js',
	'/_app/version.json'
];
const files = ['/favicon.svg', '/data/manifest.json', '/data/communes.arrow', '/data/communes.topojson'];

describe('precacheList', () => {
	it('stores the shell, the eh DuckDB build and the data, never the mvp build', () => {
		const { shell, optional } = precacheList(build, files);
		expect(shell).toEqual([
			'/',
			'/_app/immutable/entry/start.js',
			'/_app/immutable/assets/duckdb-browser-eh.worker.hQa-dcAV.js',
			'/_app/version.json',
			'/favicon.svg'
		]);
		expect(optional).toEqual([
			'/_app/immutable/assets/duckdb-eh.9ubY-jlA.wasm',
			'/data/manifest.json',
			'/data/communes.arrow',
			'/data/communes.topojson'
		]);
	});

	it('keeps only the stored paths when refreshing from the network', () => {
		const stored = storedPaths(precacheList(build, files));
		expect(stored.has('/data/communes.arrow')).toBe(true);
		expect(stored.has('/')).toBe(true);
		expect(stored.has('/ecarts')).toBe(false);
		expect(stored.has('/_app/immutable/assets/duckdb-mvp.BP0pRkMH.wasm')).toBe(false);
	});
});

describe('vector tiles', () => {
	const withTiles = [...files, '/data/tiles/communes/index.json', '/data/tiles/communes/codes.json', '/data/tiles/communes/8/131/90.pbf'];
	it('precaches the tile index and codes, not the thousands of tiles', () => {
		const { optional } = precacheList(build, withTiles);
		expect(optional).toContain('/data/tiles/communes/index.json');
		expect(optional).toContain('/data/tiles/communes/codes.json');
		expect(optional).not.toContain('/data/tiles/communes/8/131/90.pbf');
	});
	it('stores a tile once the map has fetched it', () => {
		expect(storedWhenSeen('/data/tiles/communes/8/131/90.pbf')).toBe(true);
		expect(storedWhenSeen('/data/communes.topojson')).toBe(false);
		expect(storedWhenSeen('/ecarts')).toBe(false);
	});
});
