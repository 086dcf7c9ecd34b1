/**
 * The app's single DuckDB: one worker, started once, from bundles served by the app itself
 * (no CDN). Browser-only: import it from client code.
 */
import { AsyncDuckDB, ConsoleLogger, LogLevel, selectBundle, type DuckDBBundles } from '@duckdb/duckdb-wasm';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';

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
 * The duckdb-wasm worker pipes the wasm response through a TransformStream for its progress
 * callback; the piped Response has no URL, so Chromium never stores the compiled code in its
 * wasm code cache and every visit recompiles 34 MB. This classic blob worker hides
 * TransformStream until `instantiateStreaming` is called, so the fetch Response itself is
 * streamed (cacheable), counts the bytes on a clone of it for the progress bar (posted on a
 * BroadcastChannel), then runs the duckdb-wasm worker with `importScripts` (before any message
 * arrives) and makes it handle messages one after another. For the benchmark it keeps the wasm memory on `self.__duckdbMemory` and the time
 * the wasm was instantiated on `self.__duckdbWasmReady` (epoch ms).
 */
function cacheableWorker(workerUrl: string, channel: string): Worker {
	const src = `(() => {
	const TS = self.TransformStream;
	const streaming = WebAssembly.instantiateStreaming;
	const progress = new BroadcastChannel(${JSON.stringify(channel)});
	const count = async (res) => {
		const total = Number(res.headers.get('content-length')) || 0;
		const reader = res.body.getReader();
		let loaded = 0;
		let last = 0;
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			loaded += value.byteLength;
			if (performance.now() - last > 100) {
				last = performance.now();
				progress.postMessage({ bytesLoaded: loaded, bytesTotal: Math.max(total, loaded) });
			}
		}
		progress.postMessage({ bytesLoaded: loaded, bytesTotal: loaded, done: true });
		progress.close();
	};
	// duckdb-wasm warns that it has no progress handler without TransformStream: we count instead.
	const warn = console.warn;
	console.warn = (...args) => String(args[0]).startsWith('instantiating without progress handler') || warn.apply(console, args);
	self.TransformStream = undefined;
	WebAssembly.instantiateStreaming = function (source, imports) {
		self.TransformStream = TS;
		console.warn = warn;
		WebAssembly.instantiateStreaming = streaming;
		const counted = Promise.resolve(source).then((res) => {
			if (res.ok && res.body) count(res.clone()).catch(() => (progress.postMessage({ done: true }), progress.close()));
			return res;
		});
		return streaming.call(WebAssembly, counted, imports).then((out) => {
			const isMem = (x) => x instanceof WebAssembly.Memory;
			self.__duckdbMemory = Object.values(out.instance.exports).find(isMem) || Object.values((imports && imports.env) || {}).find(isMem);
			self.__duckdbWasmReady = performance.timeOrigin + performance.now();
			return out;
		});
	};
})();
importScripts(${JSON.stringify(absolute(workerUrl))});
// One message at a time: OPEN and CONNECT can be posted with INSTANTIATE and wait for it here,
// in the worker, instead of each waiting for a reply on a busy main thread.
(() => {
	const handle = self.onmessage;
	let queue = Promise.resolve();
	self.onmessage = (e) => {
		queue = queue.then(() => handle.call(self, e)).catch(() => {});
	};
})();`;
	const url = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
	const w = new Worker(url);
	w.addEventListener('message', () => URL.revokeObjectURL(url), { once: true });
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
