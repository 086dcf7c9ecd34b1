/**
 * The app's data state: DuckDB start-up, manifest, table loading and progress, as runes.
 * The root layout calls `data.start()` as early as possible (pages may call it again: idempotent);
 * components read `data.progress`, `data.ready`, `data.error` and run `data.query(sql, params)`,
 * which waits for the tables (until `start()` is called, it waits). `ready` means every table is in.
 */
import type { FirstPaintArtefact, LoadProgress, Manifest, ManifestSource } from './types';
import { loadArtefacts, loadFirstPaint, loadManifest, prefetchFirstPaint, type InsertDatabaseLike } from './load';
import { query, type DatabaseLike } from './query';

type Db = DatabaseLike & InsertDatabaseLike;

export interface DataStoreDeps {
	/** Starts DuckDB (or joins its start-up); `onProgress` reports the wasm download. */
	getDB: (onProgress: (p: { bytesLoaded: number; bytesTotal: number }) => void) => Promise<Db>;
	fetchFn?: (input: string, init?: RequestInit) => Promise<Response>;
}

const IDLE: LoadProgress = {
	phase: 'idle',
	bytesLoaded: 0,
	bytesTotal: 0,
	tablesLoaded: 0,
	tablesTotal: 0,
	message: ''
};

// duckdb.ts pulls ?url imports and a Worker: only load it in the browser, on first start.
const browserDeps: DataStoreDeps = {
	getDB: async (onProgress) => {
		const duckdb = await import('./duckdb');
		const off = duckdb.onWasmProgress(onProgress);
		return duckdb.getDuckDB().finally(off);
	}
};

export class DataStore {
	// Raw: these are always replaced whole, never mutated in place.
	progress = $state.raw<LoadProgress>({ ...IDLE });
	manifest = $state.raw<Manifest | null>(null);
	error = $state<string | null>(null);
	ready = $state(false);
	/** Tables actually in DuckDB (optional ones may be missing). */
	tables = $state.raw<string[]>([]);
	/** This build's precomputed first frames, while the engine starts (null: none, or not yet). */
	firstPaint = $state.raw<FirstPaintArtefact | null>(null);

	#deps: DataStoreDeps;
	#db: Db | null = null;
	#starting: Promise<void> | null = null;
	#wake: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];

	constructor(deps: DataStoreDeps = browserDeps) {
		this.#deps = deps;
	}

	/** Idempotent; after a failure, calling it again retries. */
	start(base = '/data'): Promise<void> {
		if (!this.#starting) {
			this.error = null;
			this.#starting = this.#run(base).catch((e: unknown) => {
				const msg = e instanceof Error ? e.message : String(e);
				this.error = msg;
				this.progress = { ...this.progress, phase: 'error', message: msg };
				this.#starting = null;
				for (const w of this.#wake.splice(0)) w.reject(new Error(msg));
			});
		}
		return this.#starting;
	}

	// The wasm download and the tables' progress are shown as one bar: both are "data" to the user.
	#tablesProgress: LoadProgress = { ...IDLE };
	#wasm = { bytesLoaded: 0, bytesTotal: 0 };
	#show(p: LoadProgress = this.#tablesProgress) {
		this.#tablesProgress = p;
		this.progress = { ...p, bytesLoaded: p.bytesLoaded + this.#wasm.bytesLoaded, bytesTotal: p.bytesTotal + this.#wasm.bytesTotal };
	}

	async #run(base: string): Promise<void> {
		const fetchFn = this.#deps.fetchFn ?? ((i: string, init?: RequestInit) => fetch(i, init));
		this.#show({ ...IDLE, phase: 'manifest', message: 'Lecture du catalogue des données…' });
		// DuckDB (~34 MB of wasm to compile) starts first; the manifest and then the tables
		// download meanwhile, and each table is inserted once both are there.
		const dbPromise = this.#deps.getDB((p) => {
			this.#wasm = p;
			if (!this.ready && !this.error) this.#show();
		});
		dbPromise.catch(() => {});
		const early = prefetchFirstPaint(fetchFn, base);
		const manifest = await loadManifest(fetchFn, base);
		this.manifest = manifest;
		void loadFirstPaint(manifest, fetchFn, base, early).then((fp) => {
			if (!this.ready) this.firstPaint = fp;
		});
		const { loaded } = await loadArtefacts(dbPromise, manifest, base, (p) => this.#show(p), fetchFn);
		this.#db = await dbPromise;
		this.tables = loaded;
		this.ready = true;
		this.firstPaint = null;
		this.progress = { ...this.progress, phase: 'ready', message: 'Données prêtes.' };
		for (const w of this.#wake.splice(0)) w.resolve();
	}

	#whenReady(): Promise<Db> {
		if (this.ready && this.#db) return Promise.resolve(this.#db);
		if (this.error && !this.#starting) return Promise.reject(new Error(this.error));
		return new Promise<void>((resolve, reject) => this.#wake.push({ resolve, reject })).then(() => this.#db as Db);
	}

	/** Runs SQL once the data is loaded; every user value goes in `params`. */
	async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
		return query<T>(await this.#whenReady(), sql, params);
	}

	/** The loaded database, for helpers that take a db handle (territories.ts); waits like `query`. */
	database(): Promise<DatabaseLike> {
		return this.#whenReady();
	}

	source(id: string): ManifestSource | undefined {
		return this.manifest?.sources.find((s) => s.id === id);
	}

	hasTable(name: string): boolean {
		return this.tables.includes(name);
	}
}

export const data = new DataStore();
