/**
 * Imported indicators in DuckDB: one table `own_indicator_values(indicator, code, v)` whose rows
 * the SQL builder reads (indicators/sql.ts, measure 'own_values'). An indicator's rows are
 * replaced in one transaction on a dedicated connection; the indicator id is app-made and bound.
 */
import { columnFromValues, float64, tableFromColumns, tableToIPC, utf8 } from '@uwdata/flechette';
import type { DatabaseLike } from '../db/query';
import { query, replaceRows } from '../db/query';
import { OWN_VALUES_TABLE } from '../indicators/sql';
import type { OwnIndicator } from './model';

const CREATE_SQL = `CREATE TABLE IF NOT EXISTS ${OWN_VALUES_TABLE} (indicator VARCHAR NOT NULL, code VARCHAR NOT NULL, v DOUBLE NOT NULL)`;
const created = new WeakMap<DatabaseLike, Promise<void>>();

export function ensureOwnTable(db: DatabaseLike): Promise<void> {
	let p = created.get(db);
	if (!p) {
		p = query(db, CREATE_SQL).then(() => undefined);
		created.set(db, p);
		p.catch(() => created.delete(db));
	}
	return p;
}


/** Inserts or replaces the rows of one indicator, atomically. */
export async function registerOwnIndicator(db: DatabaseLike, ind: Pick<OwnIndicator, 'id' | 'rows'>): Promise<void> {
	await ensureOwnTable(db);
	const n = ind.rows.length;
	const bytes = n
		? tableToIPC(
				tableFromColumns({
					indicator: columnFromValues(Array.from({ length: n }, () => ind.id), utf8()),
					code: columnFromValues(ind.rows.map((r) => r.code), utf8()),
					v: columnFromValues(ind.rows.map((r) => r.v), float64())
				}),
				{ format: 'stream' }
			)
		: null;
	await replaceRows(db, OWN_VALUES_TABLE, 'indicator', ind.id, bytes);
}

export async function removeOwnIndicator(db: DatabaseLike, id: string): Promise<void> {
	await ensureOwnTable(db);
	await query(db, `DELETE FROM ${OWN_VALUES_TABLE} WHERE indicator = $1`, [id]);
}
