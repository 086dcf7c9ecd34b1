/**
 * The app's single DuckDB: one worker, started once, from bundles served by the app itself
 * (no CDN). Browser-only: import it from client code.
 */
import { AsyncDuckDB, ConsoleLogger, LogLevel, selectBundle, type DuckDBBundles } from '@duckdb/duckdb-wasm';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import bootWorker from './duckdb-boot.worker.js?url&no-inline';

const BUNDLES: DuckDBBundles = {
	mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
	eh: { mainModule: ehWasm, mainWorker: ehWorker }
};

export const DUCKDB_TIMEOUT_MS = 60_000;

export interface DuckDBStartOptions {
	timeoutMs?: number;
}

let pending: Promise<AsyncDuckDB> | null = null;

const absolute = (u: string) => new URL(u, location.href).href;

export interface WasmProgress {
	bytesLoaded: number;
	/** 0 while unknown (no Content-Length). */
	bytesTotal: number;
}
const progressListeners = new Set<(p: WasmProgress) => void>();
let lastProgress: WasmProgress | null = null;

/** Download progress of the ~34 MB wasm, whoever started DuckDB; returns an unsubscribe function. */
export function onWasmProgress(listener: (p: WasmProgress) => void): () => void {
	progressListeners.add(listener);
	if (lastProgress) listener(lastProgress);
	return () => progressListeners.delete(listener);
}

/**
 * The duckdb-wasm worker, started through a same-origin classic worker (duckdb-boot.worker.js):
 * no blob: URL, so the Content-Security-Policy needs no `worker-src blob:`. The boot script keeps
 * the wasm response cacheable and reports download progress on `channel` (see its header).
 */
function cacheableWorker(workerUrl: string, channel: string): Worker {
	const w = new Worker(absolute(bootWorker));
	w.postMessage({ boot: { worker: absolute(workerUrl), channel } });
	return w;
}

/** Idempotent: every caller shares the same start-up; a failed start can be retried. */
export function getDuckDB(opts: DuckDBStartOptions = {}): Promise<AsyncDuckDB> {
	if (!pending) {
		pending = start(opts);
		pending.catch(() => (pending = null));
	}
	return pending;
}

async function start({ timeoutMs = DUCKDB_TIMEOUT_MS }: DuckDBStartOptions): Promise<AsyncDuckDB> {
	let worker: Worker | null = null;
	let channel: BroadcastChannel | null = null;
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => {
			worker?.terminate();
			reject(
				new Error(
					`Le moteur de données n'a pas démarré en ${Math.round(timeoutMs / 1000)} secondes. ` +
						'Rechargez la page ; si le problème persiste, vérifiez que votre navigateur est à jour et autorise WebAssembly et les Web Workers.'
				)
			);
		}, timeoutMs);
	});
	const boot = async () => {
		performance.mark('duckdb:start');
		const bundle = await selectBundle(BUNDLES);
		if (!bundle.mainWorker) throw new Error('Aucun paquet DuckDB compatible avec ce navigateur.');
		lastProgress = null;
		channel = new BroadcastChannel(`atlas-duckdb-${Math.random().toString(36).slice(2)}`);
		channel.onmessage = (e: MessageEvent<Partial<WasmProgress> & { done?: boolean }>) => {
			const { bytesLoaded, bytesTotal, done } = e.data;
			if (bytesLoaded !== undefined && bytesTotal !== undefined) {
				lastProgress = { bytesLoaded, bytesTotal };
				for (const f of progressListeners) f(lastProgress);
			}
			if (done) channel?.close();
		};
		worker = cacheableWorker(bundle.mainWorker, channel.name);
		const db = new AsyncDuckDB(new ConsoleLogger(LogLevel.WARNING), worker);
		// Posted together (the worker queues them): instantiate, open, first connection.
		const instantiated = db.instantiate(absolute(bundle.mainModule), bundle.pthreadWorker && absolute(bundle.pthreadWorker));
		const opened = db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true, castTimestampToDate: true } });
		const connected = db.connect();
		for (const p of [instantiated, opened, connected]) p.catch(() => {});
		await instantiated;
		performance.mark('duckdb:instantiated');
		await opened;
		performance.mark('duckdb:opened');
		const conn = await connected;
		// Auto-install would fetch extensions from extensions.duckdb.org: offline and CSP-hostile.
		// Not awaited: the worker runs them before anything posted later (the tables' inserts).
		for (const sql of ['SET GLOBAL autoinstall_known_extensions = false', 'SET GLOBAL autoload_known_extensions = false'])
			conn.query(sql).catch((e: unknown) => console.warn(`DuckDB: ${sql}`, e));
		conn.close().catch(() => {});
		performance.mark('duckdb:ready');
		// Phases for the benchmark, as replies are handled on this thread: worker + wasm download,
		// compile and instantiate; open; first connection.
		performance.measure('duckdb:instantiate', 'duckdb:start', 'duckdb:instantiated');
		performance.measure('duckdb:open', 'duckdb:instantiated', 'duckdb:opened');
		performance.measure('duckdb:connect', 'duckdb:opened', 'duckdb:ready');
		performance.measure('duckdb:total', 'duckdb:start', 'duckdb:ready');
		return db;
	};
	try {
		return await Promise.race([boot(), timeout]);
	} catch (e) {
		(worker as Worker | null)?.terminate();
		(channel as BroadcastChannel | null)?.close();
		throw e;
	} finally {
		clearTimeout(timer);
	}
}
