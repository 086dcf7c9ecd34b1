import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromArrays, tableToIPC } from '@uwdata/flechette';
import { DataStore } from '../../../src/lib/db/store.svelte';
import type { Manifest } from '../../../src/lib/db/types';
import { createNodeDuckDB, type NodeDuckDB } from '../../helpers/duckdb-node';

const regions = tableToIPC(tableFromArrays({ code: ['11', '84'], name: ['Île-de-France', 'Auvergne-Rhône-Alpes'] }), { format: 'stream' })!;
const manifest: Manifest = {
	built_at: '2026-01-01T00:00:00Z',
	app_version: 'test',
	sources: [
		{ id: 'cog', title: 'COG', publisher: 'INSEE', page: '', licence: 'LO', vintage: '2026', available: true },
		{ id: 'finess_et', title: 'FINESS', publisher: '', page: '', licence: '', vintage: '', available: false }
	],
	artefacts: [
		{ name: 'regions', file: 'regions.arrow', kind: 'table', sources: ['cog'], rows: 2, bytes: regions.length, sha256: '' },
		{ name: 'finess_facilities', file: 'finess_facilities.arrow', kind: 'table', sources: ['finess_et'], rows: 9, bytes: 9, sha256: '' }
	]
};

function files(map: Record<string, Uint8Array | string>) {
	const asked: string[] = [];
	const fetchFn = async (url: string) => {
		asked.push(url);
		const b = map[url];
		return b === undefined ? new Response('', { status: 404 }) : new Response(b as BodyInit);
	};
	return { fetchFn, asked };
}

let duck: NodeDuckDB;
beforeAll(async () => {
	duck = await createNodeDuckDB();
});
afterAll(() => duck?.close());

describe('DataStore', () => {
	it('starts once, waits in query(), then exposes tables and sources', async () => {
		const f = files({ '/data/manifest.json': JSON.stringify(manifest), '/data/regions.arrow': regions });
		let dbStarts = 0;
		const store = new DataStore({ getDB: async () => (dbStarts++, duck.db), fetchFn: f.fetchFn });
		expect(store.progress.phase).toBe('idle');
		const early = store.query<{ n: number }>('SELECT COUNT(*) AS n FROM regions WHERE code <> ?', ['x']);
		const a = store.start();
		const b = store.start();
		expect(a).toBe(b);
		expect(await early).toEqual([{ n: 2 }]);
		await a;
		expect(dbStarts).toBe(1);
		// The manifest with the first frames' early request, then regions; the unavailable FINESS table is not fetched.
		expect(f.asked.sort()).toEqual(['/data/first-paint.json', '/data/manifest.json', '/data/regions.arrow']);
		expect(store.ready).toBe(true);
		expect(store.error).toBeNull();
		expect(store.progress).toMatchObject({ phase: 'ready', tablesLoaded: 1, tablesTotal: 1, bytesLoaded: regions.length });
		expect(store.hasTable('regions')).toBe(true);
		expect(store.hasTable('finess_facilities')).toBe(false);
		expect(store.source('cog')?.title).toBe('COG');
		expect(store.source('finess_et')?.available).toBe(false);
		expect(store.source('nope')).toBeUndefined();
	});

	it('reports a French error, rejects waiting queries, and can retry', async () => {
		const map: Record<string, Uint8Array | string> = {};
		const f = files(map);
		const store = new DataStore({ getDB: async () => duck.db, fetchFn: f.fetchFn });
		const waiting = store.query('SELECT 1');
		await store.start();
		expect(store.ready).toBe(false);
		expect(store.error).toMatch(/manifest\.json/);
		expect(store.progress.phase).toBe('error');
		await expect(waiting).rejects.toThrow(/manifest\.json/);
		await expect(store.query('SELECT 1')).rejects.toThrow(/manifest\.json/);

		map['/data/manifest.json'] = JSON.stringify(manifest);
		map['/data/regions.arrow'] = regions;
		await store.start();
		expect(store.ready).toBe(true);
		expect(store.error).toBeNull();
		expect(await store.query('SELECT COUNT(*) AS n FROM regions')).toEqual([{ n: 2 }]);
	});

	it('downloads the tables while DuckDB starts, and is ready only once every table is in', async () => {
		const f = files({ '/data/manifest.json': JSON.stringify(manifest), '/data/regions.arrow': regions });
		let start!: () => void;
		const starting = new Promise<void>((r) => (start = r));
		const store = new DataStore({ getDB: () => starting.then(() => duck.db), fetchFn: f.fetchFn });
		const done = store.start();
		await expect.poll(() => f.asked.includes('/data/regions.arrow')).toBe(true); // the table, DuckDB still pending
		await expect.poll(() => store.progress.phase).toBe('wasm');
		expect(store.ready).toBe(false);
		expect(store.manifest?.artefacts).toHaveLength(2);
		start();
		await done;
		expect(store.ready).toBe(true);
		expect(store.tables).toEqual(['regions']);
	});

	it('shows the wasm download and the tables in one progress bar', async () => {
		const f = files({ '/data/manifest.json': JSON.stringify(manifest), '/data/regions.arrow': regions });
		let start!: () => void;
		const starting = new Promise<void>((r) => (start = r));
		const store = new DataStore({
			getDB: (onProgress) => {
				onProgress({ bytesLoaded: 1000, bytesTotal: 4000 });
				return starting.then(() => (onProgress({ bytesLoaded: 4000, bytesTotal: 4000 }), duck.db));
			},
			fetchFn: f.fetchFn
		});
		const done = store.start();
		await expect.poll(() => store.progress.phase).toBe('wasm');
		expect(store.progress).toMatchObject({ bytesLoaded: 1000 + regions.length, bytesTotal: 4000 + regions.length });
		start();
		await done;
		expect(store.progress).toMatchObject({ phase: 'ready', bytesLoaded: 4000 + regions.length, bytesTotal: 4000 + regions.length, tablesLoaded: 1 });
	});
});
