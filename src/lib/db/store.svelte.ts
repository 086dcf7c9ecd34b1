/**
 * The app's data state: DuckDB start-up, manifest, table loading and progress, as runes.
 * `data.start()` once from the page; components read `data.progress`, `data.ready`, `data.error`
 * and run `data.query(sql, params)`, which waits for the tables (until `start()` is called, it waits).
 */
import type { LoadProgress, Manifest, ManifestSource } from './types';
import { loadArtefacts, loadManifest, type InsertDatabaseLike } from './load';
import { query, type DatabaseLike } from './query';

type Db = DatabaseLike & InsertDatabaseLike;

export interface DataStoreDeps {
	/** Starts DuckDB; `onProgress` reports the wasm download. */
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
	getDB: async (onProgress) => (await import('./duckdb')).getDuckDB({ onProgress })
};

export class DataStore {
	// Raw: these are always replaced whole, never mutated in place.
	progress = $state.raw<LoadProgress>({ ...IDLE });
	manifest = $state.raw<Manifest | null>(null);
	error = $state<string | null>(null);
	ready = $state(false);
	/** Tables actually in DuckDB (optional ones may be missing). */
	tables = $state.raw<string[]>([]);

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

	async #run(base: string): Promise<void> {
		const fetchFn = this.#deps.fetchFn ?? ((i: string, init?: RequestInit) => fetch(i, init));
		this.progress = { ...IDLE, phase: 'manifest', message: 'Lecture du catalogue des données…' };
		// The manifest and the ~34 MB wasm download in parallel.
		const dbPromise = this.#deps.getDB((p) => {
			if (this.progress.phase === 'wasm')
				this.progress = { ...this.progress, bytesLoaded: p.bytesLoaded, bytesTotal: p.bytesTotal };
		});
		dbPromise.catch(() => {});
		const manifest = await loadManifest(fetchFn, base);
		this.manifest = manifest;
		this.progress = { ...IDLE, phase: 'wasm', message: 'Démarrage du moteur de données…' };
		const db = await dbPromise;
		const { loaded } = await loadArtefacts(db, manifest, base, (p) => (this.progress = p), fetchFn);
		this.#db = db;
		this.tables = loaded;
		this.ready = true;
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
