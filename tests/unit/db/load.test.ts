import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromArrays, tableToIPC } from '@uwdata/flechette';
import { isUnavailable, loadArtefacts, loadManifest, loadTopojson } from '../../../src/lib/db/load';
import { query } from '../../../src/lib/db/query';
import type { LoadProgress, Manifest, ManifestArtefact } from '../../../src/lib/db/types';
import { createNodeDuckDB, type NodeDuckDB } from '../../helpers/duckdb-node';

/** A fetch over an in-memory folder, streaming bodies in small chunks. */
function fakeFetch(files: Record<string, Uint8Array | string>, log: string[] = []) {
	return async (url: string): Promise<Response> => {
		log.push(url);
		const body = files[url];
		if (body === undefined) return new Response('not found', { status: 404 });
		const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
		let i = 0;
		const stream = new ReadableStream<Uint8Array>({
			pull(c) {
				if (i >= bytes.length) return c.close();
				c.enqueue(bytes.slice(i, i + 700));
				i += 700;
			}
		});
		return new Response(stream, { status: 200 });
	};
}

const ipc = (cols: Record<string, unknown[]>) => tableToIPC(tableFromArrays(cols), { format: 'stream' })!;
const communes = ipc({ code: Array.from({ length: 500 }, (_, i) => String(1000 + i).padStart(5, '0')), population: Array.from({ length: 500 }, (_, i) => i) });
const regions = ipc({ code: ['11', '84'], name: ['Île-de-France', 'Auvergne-Rhône-Alpes'] });
const art = (name: string, bytes: Uint8Array, sources: string[]): ManifestArtefact => ({
	name,
	file: `${name}.arrow`,
	kind: 'table',
	sources,
	rows: 0,
	bytes: bytes.length,
	sha256: ''
});
const source = (id: string, available: boolean) => ({ id, title: id, publisher: '', page: '', licence: '', vintage: '', available });
const manifest: Manifest = {
	built_at: '2026-01-01T00:00:00Z',
	app_version: 'test',
	sources: [source('cog', true), source('finess_et', false)],
	artefacts: [
		art('communes', communes, ['cog']),
		art('regions', regions, ['cog']),
		art('finess_facilities', new Uint8Array(10), ['finess_et']),
		{ ...art('communes_geo', new Uint8Array(5), ['cog']), kind: 'topojson', file: 'communes.topojson' }
	]
};

let duck: NodeDuckDB;
beforeAll(async () => {
	duck = await createNodeDuckDB();
});
afterAll(() => duck?.close());

describe('loadManifest', () => {
	it('reads and checks manifest.json under base', async () => {
		const m = await loadManifest(fakeFetch({ '/base/manifest.json': JSON.stringify(manifest) }), '/base/');
		expect(m.artefacts).toHaveLength(4);
	});
	it('says in French what is wrong', async () => {
		await expect(loadManifest(fakeFetch({}), '/data')).rejects.toThrow(/manifest\.json.*introuvable.*HTTP 404/);
		await expect(loadManifest(fakeFetch({ '/data/manifest.json': '{"sources": []}' }), '/data')).rejects.toThrow(/invalide/);
	});
});

describe('loadArtefacts', () => {
	it('streams every table with byte progress, inserts it, skips unavailable optional ones', async () => {
		const log: string[] = [];
		const progress: LoadProgress[] = [];
		const fetchFn = fakeFetch({ '/data/communes.arrow': communes, '/data/regions.arrow': regions }, log);
		const result = await loadArtefacts(duck.db, manifest, '/data', (p) => progress.push(p), fetchFn);

		expect(result.loaded.sort()).toEqual(['communes', 'regions']);
		expect(result.skipped).toEqual(['finess_facilities']);
		expect(log.sort()).toEqual(['/data/communes.arrow', '/data/regions.arrow']); // no topojson, no skipped file

		const total = communes.length + regions.length;
		expect(progress.every((p) => p.bytesTotal === total && p.tablesTotal === 2 && p.phase === 'artefacts')).toBe(true);
		for (let i = 1; i < progress.length; i++) {
			expect(progress[i]!.bytesLoaded).toBeGreaterThanOrEqual(progress[i - 1]!.bytesLoaded);
			expect(progress[i]!.tablesLoaded).toBeGreaterThanOrEqual(progress[i - 1]!.tablesLoaded);
		}
		expect(progress.length).toBeGreaterThan(4); // chunked, not all-or-nothing
		expect(progress.at(-1)).toMatchObject({ bytesLoaded: total, tablesLoaded: 2 });

		expect(await query(duck.db, 'SELECT COUNT(*) AS n, SUM(population) AS s FROM communes')).toEqual([{ n: 500, s: 124750 }]);
		expect(performance.getEntriesByName('fetch:communes.arrow', 'measure')).toHaveLength(1);
		expect(performance.getEntriesByName('insert:regions', 'measure')).toHaveLength(1);
	});

	it('downloads every table while DuckDB is still starting, then inserts them', async () => {
		const log: string[] = [];
		const progress: LoadProgress[] = [];
		let start!: (db: typeof duck.db) => void;
		const starting = new Promise<typeof duck.db>((r) => (start = r));
		const fetchFn = fakeFetch({ '/data/communes.arrow': communes, '/data/regions.arrow': regions }, log);
		const loading = loadArtefacts(starting, manifest, '/data', (p) => progress.push(p), fetchFn);
		// Let the downloads run to their end with the database still pending.
		await expect.poll(() => progress.at(-1)?.phase).toBe('wasm');
		expect(log.sort()).toEqual(['/data/communes.arrow', '/data/regions.arrow']);
		expect(progress.at(-1)).toMatchObject({ bytesLoaded: communes.length + regions.length, tablesLoaded: 0, message: 'Démarrage du moteur de données…' });
		start(duck.db);
		const result = await loading;
		expect(result.loaded.sort()).toEqual(['communes', 'regions']);
		expect(progress.at(-1)).toMatchObject({ phase: 'artefacts', tablesLoaded: 2 });
		expect(await query(duck.db, 'SELECT COUNT(*) AS n FROM communes')).toEqual([{ n: 500 }]);
	});

	it('fails with the DuckDB start-up error and aborts the downloads', async () => {
		const signals: (AbortSignal | undefined)[] = [];
		const files = fakeFetch({ '/data/communes.arrow': communes, '/data/regions.arrow': regions });
		const fetchFn = (u: string, init?: RequestInit) => (signals.push(init?.signal ?? undefined), files(u));
		let fail!: (e: Error) => void;
		const starting = new Promise<never>((_, reject) => (fail = reject));
		const loading = loadArtefacts(starting, manifest, '/data', () => {}, fetchFn);
		expect(signals).toHaveLength(2);
		expect(signals.some((s) => s?.aborted)).toBe(false);
		fail(new Error('Le moteur de données n’a pas démarré.'));
		await expect(loading).rejects.toThrow('Le moteur de données n’a pas démarré.');
		expect(signals.every((s) => s?.aborted)).toBe(true);
	});

	it('can load again over existing tables (retry after a failure)', async () => {
		const fetchFn = fakeFetch({ '/data/communes.arrow': communes, '/data/regions.arrow': regions });
		await loadArtefacts(duck.db, manifest, '/data', () => {}, fetchFn);
		expect(await query(duck.db, 'SELECT COUNT(*) AS n FROM regions')).toEqual([{ n: 2 }]);
	});

	it('fails with a French error naming the file when a required artefact is missing', async () => {
		const fetchFn = fakeFetch({ '/data/communes.arrow': communes });
		await expect(loadArtefacts(duck.db, manifest, '/data', () => {}, fetchFn)).rejects.toThrow(
			/« regions\.arrow ».*HTTP 404/
		);
	});

	it('fails with a French error when an artefact is not Arrow', async () => {
		const fetchFn = fakeFetch({ '/data/communes.arrow': communes, '/data/regions.arrow': 'pas de la flèche' });
		const m = { ...manifest, artefacts: manifest.artefacts.map((a) => (a.name === 'regions' ? { ...a, bytes: 16 } : a)) };
		await expect(loadArtefacts(duck.db, m, '/data', () => {}, fetchFn)).rejects.toThrow(/« regions\.arrow ».*lu/);
	});

	it('fails when the table has fewer rows than the manifest says', async () => {
		const fetchFn = fakeFetch({ '/data/communes.arrow': communes, '/data/regions.arrow': regions });
		const m = { ...manifest, artefacts: manifest.artefacts.map((a) => (a.name === 'regions' ? { ...a, rows: 3 } : a)) };
		await expect(loadArtefacts(duck.db, m, '/data', () => {}, fetchFn)).rejects.toThrow(/« regions\.arrow ».*2 lignes au lieu de 3/);
	});

	it('rejects a table name that is not a plain identifier', async () => {
		const m = { ...manifest, artefacts: [art('x"; DROP TABLE communes; --', regions, ['cog'])] };
		await expect(loadArtefacts(duck.db, m, '/data', () => {}, fakeFetch({}))).rejects.toThrow(/Nom de table invalide/);
	});

	it('isUnavailable follows the manifest source flags', () => {
		expect(isUnavailable(manifest, manifest.artefacts[2]!)).toBe(true);
		expect(isUnavailable(manifest, manifest.artefacts[0]!)).toBe(false);
	});
});

describe('loadTopojson', () => {
	it('parses the file and reports bytes', async () => {
		const topo = JSON.stringify({ type: 'Topology', objects: { communes: { type: 'GeometryCollection', geometries: [] } }, arcs: [], pad: 'x'.repeat(3000) });
		const seen: [number, number][] = [];
		const t = await loadTopojson<{ type: string }>('/data', 'communes.topojson', {
			bytes: topo.length,
			onProgress: (l, tot) => seen.push([l, tot]),
			fetchFn: fakeFetch({ '/data/communes.topojson': topo })
		});
		expect(t.type).toBe('Topology');
		expect(seen.at(-1)).toEqual([topo.length, topo.length]);
		expect(seen.length).toBeGreaterThan(1);
		// Named after the file, so the geometry and the `communes` table are told apart.
		expect(performance.getEntriesByName('fetch:communes.topojson', 'measure')).toHaveLength(1);
		expect(performance.getEntriesByName('decode:communes.topojson', 'measure')).toHaveLength(1);
	});
	it('names the file on failure', async () => {
		await expect(loadTopojson('/data', 'admin.topojson', { fetchFn: fakeFetch({}) })).rejects.toThrow(/« admin\.topojson »/);
		await expect(loadTopojson('/data', 'admin.topojson', { fetchFn: fakeFetch({ '/data/admin.topojson': '{' }) })).rejects.toThrow(/illisible/);
	});
});
