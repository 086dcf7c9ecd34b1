/**
 * query() builds its objects column by column; these must be the very objects the row proxies'
 * toJSON() gives (field order, nulls, dates, lists, 64-bit integers), on tricky types and on the
 * real indicator frames.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connection, query } from '../../../src/lib/db/query';
import { INDICATORS } from '../../../src/lib/indicators/catalogue';
import { indicatorSql } from '../../../src/lib/indicators/sql';
import { describeArtefacts, loadAllArtefacts } from '../../helpers/artefacts';
import { createNodeDuckDB, type NodeDuckDB } from '../../helpers/duckdb-node';

type Proxy = { toJSON(): Record<string, unknown> };

/** The former row path: one proxy per row, toJSON, BigInt → number, vectors → arrays. */
function plain(v: unknown): unknown {
	if (typeof v === 'bigint') return Number(v);
	if (v !== null && typeof v === 'object' && !(v instanceof Date) && 'toArray' in v) return Array.from((v as { toArray(): ArrayLike<unknown> }).toArray(), plain);
	return v;
}
async function byRows(db: NodeDuckDB['db'], sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
	const conn = await connection(db);
	const stmt = await conn.prepare(sql);
	const res = (await stmt.query(...params)) as unknown as { toArray(): Proxy[] };
	await stmt.close();
	return res.toArray().map((r) => {
		const o = r.toJSON();
		for (const k in o) o[k] = plain(o[k]);
		return o;
	});
}

describe('query(): objects built by column', () => {
	let duck: NodeDuckDB;
	beforeAll(async () => (duck = await createNodeDuckDB()));
	afterAll(() => duck?.close());

	const SQL = `SELECT * FROM (VALUES
		(1, 'a', 1.5::DOUBLE, NULL::VARCHAR, DATE '2023-01-01', [1, 2], 9007199254740993::BIGINT, TRUE),
		(NULL, NULL, NULL, 'x', NULL, NULL, NULL, NULL),
		(3, 'Saint-Étienne', -0.0::DOUBLE, '', DATE '1999-12-31', [], -5::BIGINT, FALSE)
	) t(i, s, d, v, dt, l, b, f)`;
	it('matches the row proxies on nulls, dates, lists, BIGINT and booleans', async () => {
		const got = await query(duck.db, SQL);
		expect(got).toEqual(await byRows(duck.db, SQL));
		expect(Object.keys(got[0]!)).toEqual(['i', 's', 'd', 'v', 'dt', 'l', 'b', 'f']);
		expect(got[1]).toEqual({ i: null, s: null, d: null, v: 'x', dt: null, l: null, b: null, f: null });
	});
	it('keeps the last value of a repeated column name, as toJSON does', async () => {
		const sql = 'SELECT 1 AS x, 2 AS y, 3 AS x';
		expect(await query(duck.db, sql)).toEqual(await byRows(duck.db, sql));
	});
	it('returns no rows for an empty result', async () => {
		expect(await query(duck.db, 'SELECT 1 AS x WHERE FALSE')).toEqual([]);
	});
});

describeArtefacts('query(): real indicator frames by column', () => {
	let duck: NodeDuckDB;
	beforeAll(async () => (duck = await loadAllArtefacts()));
	afterAll(() => duck?.close());
	const ids = ['beds_adult_per100k', 'population', 'finess_cmp_per100k', 'gp_practices_per10k'];
	for (const id of ids)
		for (const level of ['commune', 'departement'] as const)
			it(`${id} by ${level}: same rows as the row proxies`, async () => {
				const def = INDICATORS.find((d) => d.id === id)!;
				const q = indicatorSql(def, level);
				const got = await query(duck.db, q.sql, q.params);
				expect(got.length).toBeGreaterThan(90);
				expect(got).toEqual(await byRows(duck.db, q.sql, q.params));
			});
});
