/**
 * The one port every query function runs through: the browser's DataStore (`data`) and the
 * Node tests' duckdb binding both satisfy it, so page models are tested on the real artefacts.
 */
import { query, type DatabaseLike } from '../db/query';

export interface QueryPort {
	query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** A port over a database handle (Node tests, helpers that hold a `DatabaseLike`). */
export function portOf(db: DatabaseLike): QueryPort {
	return { query: <T>(sql: string, params: unknown[] = []) => query<T>(db, sql, params) };
}
