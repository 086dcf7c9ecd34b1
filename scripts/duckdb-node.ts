/**
 * A real DuckDB for Node (tests, and the first-paint build step): the same duckdb-wasm build the browser runs, through its
 * synchronous Node binding (no worker). Tables are loaded exactly as in the app, from Arrow IPC
 * stream bytes with insertArrowFromIPCStream.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as Blocking from '@duckdb/duckdb-wasm/blocking';
import type { DuckDBBindings, DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';

const require = createRequire(import.meta.url);
const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as typeof Blocking;
const DIST = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));

export interface NodeDuckDB {
	db: DuckDBBindings;
	conn: DuckDBConnection;
	/** Creates (or replaces) table `name` from Arrow IPC stream bytes. */
	insertArrow(name: string, bytes: Uint8Array): void;
	close(): void;
}

/** Same open config as src/lib/db/duckdb.ts: numbers, not BigInt; no extension download. */
export async function createNodeDuckDB(): Promise<NodeDuckDB> {
	const bundles = {
		mvp: { mainModule: join(DIST, 'duckdb-mvp.wasm'), mainWorker: join(DIST, 'duckdb-node-mvp.worker.cjs') },
		eh: { mainModule: join(DIST, 'duckdb-eh.wasm'), mainWorker: join(DIST, 'duckdb-node-eh.worker.cjs') }
	};
	const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
	await db.instantiate(() => {});
	db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
	const conn = db.connect();
	conn.query('SET autoinstall_known_extensions = false');
	conn.query('SET autoload_known_extensions = false');
	return {
		db,
		conn,
		insertArrow(name, bytes) {
			conn.query(`DROP TABLE IF EXISTS "${name.replaceAll('"', '""')}"`);
			conn.insertArrowFromIPCStream(bytes, { name, create: true });
		},
		close() {
			conn.close();
			db.reset();
		}
	};
}
