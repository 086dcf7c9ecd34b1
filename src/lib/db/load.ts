/**
 * Manifest-driven loading: fetch every table artefact as an Arrow IPC stream with byte progress,
 * insert it into DuckDB under its manifest name, and time each step for the benchmark.
 */
import type { ResultLike } from './query';
import type { FirstPaintArtefact, LoadProgress, Manifest, ManifestArtefact } from './types';

type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

/** What loading needs from a DuckDB connection (AsyncDuckDBConnection or the Node binding's). */
export interface InsertConnectionLike {
	insertArrowFromIPCStream(buffer: Uint8Array, options: { name: string; create?: boolean }): unknown;
	query(sql: string): ResultLike | Promise<ResultLike>;
	close(): unknown;
}
export interface InsertDatabaseLike {
	connect(): InsertConnectionLike | Promise<InsertConnectionLike>;
}

export interface LoadResult {
	loaded: string[];
	/** Optional artefacts whose source is marked `available: false`. */
	skipped: string[];
}

const TABLE_NAME = /^[a-z_][a-z0-9_]*$/;

function url(base: string, file: string): string {
	return `${base.replace(/\/+$/, '')}/${file.replace(/^\/+/, '')}`;
}

export async function loadManifest(fetchFn: FetchFn = fetch, base = '/data'): Promise<Manifest> {
	let res: Response;
	try {
		res = await fetchFn(url(base, 'manifest.json'), { cache: 'no-cache' });
	} catch (e) {
		throw new Error(`Le catalogue des données (manifest.json) est inaccessible : ${(e as Error).message}. Vérifiez la connexion puis rechargez la page.`);
	}
	if (!res.ok) {
		throw new Error(`Le catalogue des données (manifest.json) est introuvable (HTTP ${res.status}). Les données n’ont peut-être pas été construites (npm run data).`);
	}
	const m = (await res.json()) as Partial<Manifest>;
	if (!m || !Array.isArray(m.artefacts) || !Array.isArray(m.sources)) {
		throw new Error('Le catalogue des données (manifest.json) est invalide : listes « artefacts » ou « sources » absentes.');
	}
	return m as Manifest;
}

/** The name of the precomputed first frames (scripts/first-paint.ts writes them under it). */
export const FIRST_PAINT_FILE = 'first-paint.json';

/** The first frames requested under their usual name before the manifest is read. */
export interface FirstPaintPrefetch {
	file: string;
	body: Promise<unknown>;
}

/**
 * Posts the first frames' request with the manifest's: waiting for the manifest to be read put
 * their download behind the map's set-up on the main thread (≈ 0.6 s at a cold start).
 */
export function prefetchFirstPaint(fetchFn: FetchFn = fetch, base = '/data'): FirstPaintPrefetch {
	return { file: FIRST_PAINT_FILE, body: fetchJson(fetchFn, url(base, FIRST_PAINT_FILE)) };
}

const fetchJson = (fetchFn: FetchFn, href: string): Promise<unknown> =>
	fetchFn(href)
		.then((res) => (res.ok ? res.json() : null))
		.catch(() => null);

/**
 * The precomputed first frames (manifest.first_paint), or null: absent, unreachable, malformed or
 * from another build. Never an error: the engine computes the same values a little later.
 * `early`: a prefetch, used when the manifest names the same file.
 */
export async function loadFirstPaint(manifest: Manifest, fetchFn: FetchFn = fetch, base = '/data', early?: FirstPaintPrefetch): Promise<FirstPaintArtefact | null> {
	const fp = manifest.first_paint;
	if (!fp || !/^[a-z0-9_.-]+\.json$/.test(fp.file)) return null;
	const a = (await (early?.file === fp.file ? early.body : fetchJson(fetchFn, url(base, fp.file)))) as Partial<FirstPaintArtefact> | null;
	if (a?.built_from !== manifest.built_at || !a.levels || typeof a.levels !== 'object') return null;
	return a as FirstPaintArtefact;
}

/** An artefact is skipped, not failed, when one of its sources is an optional one marked unavailable. */
export function isUnavailable(manifest: Manifest, a: ManifestArtefact): boolean {
	return a.sources.some((id) => manifest.sources.find((s) => s.id === id)?.available === false);
}

/**
 * Fetches every table artefact and inserts each into DuckDB as soon as both its
 * bytes and the database are there: `db` may be a promise, so the downloads overlap the DuckDB
 * start-up. One connection; on the first failure the other downloads are aborted and that
 * failure is thrown.
 */
export async function loadArtefacts(
	db: InsertDatabaseLike | Promise<InsertDatabaseLike>,
	manifest: Manifest,
	base: string,
	onProgress: (p: LoadProgress) => void,
	fetchFn: FetchFn = fetch
): Promise<LoadResult> {
	const tables = manifest.artefacts.filter((a) => a.kind === 'table');
	const skipped = tables.filter((a) => isUnavailable(manifest, a)).map((a) => a.name);
	const todo = tables.filter((a) => !skipped.includes(a.name));
	for (const a of todo) {
		if (!TABLE_NAME.test(a.name)) throw new Error(`Nom de table invalide dans manifest.json : « ${a.name} ».`);
	}

	const loadedBytes = new Map<string, number>();
	const loaded: string[] = [];
	let fetched = 0;
	let dbReady = false;
	const progress: LoadProgress = {
		phase: 'artefacts',
		bytesLoaded: 0,
		bytesTotal: todo.reduce((s, a) => s + a.bytes, 0),
		tablesLoaded: 0,
		tablesTotal: todo.length,
		message: 'Téléchargement des tables…'
	};
	const report = (message: string) => {
		progress.bytesLoaded = [...loadedBytes.values()].reduce((s, n) => s + n, 0);
		// Everything downloaded, nothing insertable yet: the wait is DuckDB's start-up.
		const waiting = fetched === todo.length && !dbReady && loaded.length < todo.length;
		progress.phase = waiting ? 'wasm' : 'artefacts';
		progress.message = waiting ? 'Démarrage du moteur de données…' : message;
		onProgress({ ...progress });
	};
	report('Téléchargement des tables…');

	const abort = new AbortController();
	let failure: Error | null = null;
	const fail = (e: Error) => {
		failure ??= e;
		abort.abort();
	};
	const conn = Promise.resolve(db).then((d) => d.connect());
	conn.then(
		() => (dbReady = true),
		(e: unknown) => fail(e instanceof Error ? e : new Error(String(e)))
	);

	// Each table's statements are posted as soon as its bytes and the connection are there, without
	// waiting for the previous table: the worker runs them in order anyway, and every round trip
	// saved matters when the page's main thread is busy (map drawing) during the start-up.
	let lastDone = 0;
	const insert = async (art: ManifestArtefact, bytes: Uint8Array) => {
		const c = await conn;
		if (failure) return;
		const posted = performance.now();
		try {
			const drop = Promise.resolve(c.query(`DROP TABLE IF EXISTS "${art.name}"`));
			const create = Promise.resolve(c.insertArrowFromIPCStream(bytes, { name: art.name, create: true }));
			// Bytes that are not an Arrow stream insert nothing, silently: check the table.
			const count = Promise.resolve(c.query(`SELECT COUNT(*) AS n FROM "${art.name}"`));
			for (const p of [drop, create, count]) p.catch(() => {});
			await drop;
			await create;
			const n = Number((await count).toArray()[0]?.toJSON().n);
			if (art.rows > 0 && n !== art.rows) throw new Error(`${n} lignes au lieu de ${art.rows}`);
		} catch (e) {
			throw new Error(`Le fichier de données « ${art.file} » n’a pas pu être lu (${(e as Error).message}).`);
		}
		// Time in the worker for this table: from when it was posted or the previous one finished.
		const done = performance.now();
		performance.measure(`insert:${art.name}`, { start: Math.max(posted, lastDone), end: done });
		lastDone = done;
		loaded.push(art.name);
		progress.tablesLoaded = loaded.length;
		report(`Table ${art.name} chargée.`);
	};

	const inserts: Promise<void>[] = [];
	// All requested at once, the browser schedules them: a JS-side queue would start each next
	// download only when the main thread is free to read the previous one.
	const download = async (art: ManifestArtefact) => {
		let bytes: Uint8Array;
		try {
			performance.mark(`fetch:${art.file}:start`);
			bytes = await fetchBytes(fetchFn, url(base, art.file), art.bytes, abort.signal, (n) => {
				loadedBytes.set(art.name, n);
				report(`Téléchargement de ${art.file}…`);
			});
			performance.measure(`fetch:${art.file}`, `fetch:${art.file}:start`);
		} catch (e) {
			fail(new Error(`Le fichier de données « ${art.file} » n’a pas pu être téléchargé (${(e as Error).message}). Rechargez la page.`));
			return;
		}
		fetched++;
		report(`Téléchargement de ${art.file} terminé.`);
		const p = insert(art, bytes);
		p.catch(fail);
		inserts.push(p);
	};
	try {
		await Promise.all(todo.map(download));
		if (!failure) await Promise.allSettled(inserts);
		if (failure) throw failure;
	} finally {
		await conn.then((c) => c.close()).catch(() => {});
	}
	return { loaded, skipped };
}

/** Reads a response body chunk by chunk, reporting bytes so far; `expected` pre-sizes the buffer. */
async function fetchBytes(
	fetchFn: FetchFn,
	href: string,
	expected: number,
	signal: AbortSignal | undefined,
	onBytes: (loaded: number) => void
): Promise<Uint8Array> {
	const res = await fetchFn(href, signal ? { signal } : undefined);
	if (!res.ok) throw new Error(`HTTP ${res.status}`);
	if (!res.body) {
		const all = new Uint8Array(await res.arrayBuffer());
		onBytes(all.length);
		return all;
	}
	const reader = res.body.getReader();
	let buf = new Uint8Array(Math.max(expected, 1 << 16));
	let n = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		if (n + value.length > buf.length) {
			const bigger = new Uint8Array(Math.max(buf.length * 2, n + value.length));
			bigger.set(buf.subarray(0, n));
			buf = bigger;
		}
		buf.set(value, n);
		n += value.length;
		onBytes(n);
	}
	return n === buf.length ? buf : buf.slice(0, n);
}

/** Fetches and parses a TopoJSON artefact, reporting bytes (total: `bytes` from the manifest, else Content-Length). */
export async function loadTopojson<T = unknown>(
	base: string,
	file: string,
	opts: { bytes?: number; onProgress?: (loaded: number, total: number) => void; fetchFn?: FetchFn } = {}
): Promise<T> {
	const fetchFn = opts.fetchFn ?? fetch;
	performance.mark(`fetch:${file}:start`);
	let bytes: Uint8Array;
	try {
		let total = opts.bytes ?? 0;
		bytes = await fetchBytes(fetchFn, url(base, file), total, undefined, (n) => {
			total = Math.max(total, n);
			opts.onProgress?.(n, total);
		});
	} catch (e) {
		throw new Error(`Le fond de carte « ${file} » n’a pas pu être téléchargé (${(e as Error).message}). Rechargez la page.`);
	}
	performance.measure(`fetch:${file}`, `fetch:${file}:start`);
	performance.mark(`decode:${file}:start`);
	try {
		return JSON.parse(new TextDecoder().decode(bytes)) as T;
	} catch {
		throw new Error(`Le fond de carte « ${file} » est illisible (JSON invalide).`);
	} finally {
		performance.measure(`decode:${file}`, `decode:${file}:start`);
	}
}
