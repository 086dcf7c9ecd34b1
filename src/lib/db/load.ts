/**
 * Manifest-driven loading: fetch every table artefact as an Arrow IPC stream with byte progress,
 * insert it into DuckDB under its manifest name, and time each step for the benchmark.
 */
import type { ResultLike } from './query';
import type { LoadProgress, Manifest, ManifestArtefact } from './types';

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
const FETCH_CONCURRENCY = 4;

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

/** An artefact is skipped, not failed, when one of its sources is an optional one marked unavailable. */
export function isUnavailable(manifest: Manifest, a: ManifestArtefact): boolean {
	return a.sources.some((id) => manifest.sources.find((s) => s.id === id)?.available === false);
}

export async function loadArtefacts(
	db: InsertDatabaseLike,
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
		progress.message = message;
		onProgress({ ...progress });
	};
	report('Téléchargement des tables…');

	const abort = new AbortController();
	const conn = await db.connect();
	// Inserts run one after another on one connection; downloads overlap.
	let inserts: Promise<void> = Promise.resolve();
	const queue = [...todo];
	const worker = async () => {
		for (let a = queue.shift(); a; a = queue.shift()) {
			const art = a;
			let bytes: Uint8Array;
			try {
				performance.mark(`fetch:${art.name}:start`);
				bytes = await fetchBytes(fetchFn, url(base, art.file), art.bytes, abort.signal, (n) => {
					loadedBytes.set(art.name, n);
					report(`Téléchargement de ${art.file}…`);
				});
				performance.measure(`fetch:${art.name}`, `fetch:${art.name}:start`);
			} catch (e) {
				throw new Error(`Le fichier de données « ${art.file} » n’a pas pu être téléchargé (${(e as Error).message}). Rechargez la page.`);
			}
			inserts = inserts.then(async () => {
				performance.mark(`insert:${art.name}:start`);
				try {
					await conn.query(`DROP TABLE IF EXISTS "${art.name}"`);
					await conn.insertArrowFromIPCStream(bytes, { name: art.name, create: true });
					// Bytes that are not an Arrow stream insert nothing, silently: check the table.
					const res = await conn.query(`SELECT COUNT(*) AS n FROM "${art.name}"`);
					const n = Number(res.toArray()[0]?.toJSON().n);
					if (art.rows > 0 && n !== art.rows) throw new Error(`${n} lignes au lieu de ${art.rows}`);
				} catch (e) {
					throw new Error(`Le fichier de données « ${art.file} » n’a pas pu être lu (${(e as Error).message}).`);
				}
				performance.measure(`insert:${art.name}`, `insert:${art.name}:start`);
				loaded.push(art.name);
				progress.tablesLoaded = loaded.length;
				report(`Table ${art.name} chargée.`);
			});
			await inserts;
		}
	};
	try {
		await Promise.all(Array.from({ length: Math.min(FETCH_CONCURRENCY, todo.length) }, worker));
		await inserts;
	} catch (e) {
		abort.abort();
		throw e;
	} finally {
		await conn.close();
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
	const name = file.replace(/\.[^.]+$/, '');
	performance.mark(`fetch:${name}:start`);
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
	performance.measure(`fetch:${name}`, `fetch:${name}:start`);
	try {
		return JSON.parse(new TextDecoder().decode(bytes)) as T;
	} catch {
		throw new Error(`Le fond de carte « ${file} » est illisible (JSON invalide).`);
	}
}
