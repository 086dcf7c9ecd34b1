/**
 * The app's single DuckDB: one worker, started once, from bundles served by the app itself
 * (no CDN). Browser-only: import it from client code.
 */
import { AsyncDuckDB, ConsoleLogger, LogLevel, selectBundle, type DuckDBBundles, type InstantiationProgress } from '@duckdb/duckdb-wasm';
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
	/** The wasm file is ~34 MB uncompressed: worth a progress bar. */
	onProgress?: (p: { bytesLoaded: number; bytesTotal: number }) => void;
	timeoutMs?: number;
}

let pending: Promise<AsyncDuckDB> | null = null;

/** Idempotent: every caller shares the same start-up; a failed start can be retried. */
export function getDuckDB(opts: DuckDBStartOptions = {}): Promise<AsyncDuckDB> {
	if (!pending) {
		pending = start(opts);
		pending.catch(() => (pending = null));
	}
	return pending;
}

async function start({ onProgress, timeoutMs = DUCKDB_TIMEOUT_MS }: DuckDBStartOptions): Promise<AsyncDuckDB> {
	let worker: Worker | null = null;
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
		worker = new Worker(bundle.mainWorker);
		const db = new AsyncDuckDB(new ConsoleLogger(LogLevel.WARNING), worker);
		await db.instantiate(bundle.mainModule, bundle.pthreadWorker, (p: InstantiationProgress) =>
			onProgress?.({ bytesLoaded: p.bytesLoaded, bytesTotal: p.bytesTotal })
		);
		await db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true, castTimestampToDate: true } });
		// Auto-install would fetch extensions from extensions.duckdb.org: offline and CSP-hostile.
		const conn = await db.connect();
		try {
			await conn.query('SET GLOBAL autoinstall_known_extensions = false');
			await conn.query('SET GLOBAL autoload_known_extensions = false');
		} finally {
			await conn.close();
		}
		performance.mark('duckdb:ready');
		performance.measure('duckdb:instantiate', 'duckdb:start', 'duckdb:ready');
		return db;
	};
	try {
		return await Promise.race([boot(), timeout]);
	} catch (e) {
		(worker as Worker | null)?.terminate();
		throw e;
	} finally {
		clearTimeout(timer);
	}
}
