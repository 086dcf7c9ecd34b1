import { describe, expect, it } from 'vitest';
import { precacheList, storedPaths } from '../../../src/lib/offline/precache';

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
