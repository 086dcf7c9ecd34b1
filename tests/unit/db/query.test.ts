import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromArrays, tableToIPC } from '@uwdata/flechette';
import { ident, query } from '../../../src/lib/db/query';
import { createNodeDuckDB, type NodeDuckDB } from '../../helpers/duckdb-node';

const HOSTILE = [
	"'); DROP TABLE communes;--",
	"' OR '1'='1",
	'"; DROP TABLE communes; --',
	"O'Brien \"le Grand\" \\ backslash",
	'$1 ? :name %s ${x}',
	'Saint-Étienne-du-Rouvray — L’Haÿ-les-Roses 🏥 中文 ',
	'\u202f\u00a0\t\n'
];

let duck: NodeDuckDB;
beforeAll(async () => {
	duck = await createNodeDuckDB();
	const t = tableFromArrays({ code: ['01001', '2A004', '75056'], name: ['L’Abergement', HOSTILE[0]!, HOSTILE[5]!] });
	duck.insertArrow('communes', tableToIPC(t, { format: 'stream' })!);
});
afterAll(() => duck?.close());

describe('query()', () => {
	it('returns plain objects with numbers, not BigInt', async () => {
		const rows = await query<{ n: number; s: number; h: number }>(
			duck.db,
			'SELECT COUNT(*) AS n, SUM(length(code)) AS s, 12345678901::HUGEINT AS h FROM communes'
		);
		expect(rows).toEqual([{ n: 3, s: 15, h: 12345678901 }]);
		expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
	});

	it('turns nested Arrow vectors into arrays', async () => {
		const [row] = await query<{ l: number[] }>(duck.db, 'SELECT [1, 2, 3] AS l');
		expect(row!.l).toEqual([1, 2, 3]);
	});

	for (const s of HOSTILE) {
		it(`binds ${JSON.stringify(s)} as a value`, async () => {
			const [echo] = await query<{ s: string; n: number }>(duck.db, 'SELECT ? AS s, length(?) AS n', [s, s]);
			expect(echo!.s).toBe(s);
			expect(echo!.n).toBe([...s].length);
			const found = await query<{ code: string }>(duck.db, 'SELECT code FROM communes WHERE name = ? ORDER BY code', [s]);
			expect(found.map((r) => r.code)).toEqual(s === HOSTILE[0] ? ['2A004'] : s === HOSTILE[5] ? ['75056'] : []);
			const [{ n }] = (await query<{ n: number }>(duck.db, 'SELECT COUNT(*) AS n FROM communes')) as [{ n: number }];
			expect(n).toBe(3);
		});
	}

	it('binds numbers, null, undefined and bigint', async () => {
		const [r] = await query<Record<string, unknown>>(duck.db, 'SELECT ?::INTEGER AS y, ?::DOUBLE AS d, ? IS NULL AS a, ? IS NULL AS b, ?::BIGINT AS g', [
			2023,
			0.5,
			null,
			undefined,
			7n
		]);
		expect(r).toEqual({ y: 2023, d: 0.5, a: true, b: true, g: 7 });
	});

	it('closes the prepared statement even when the query fails', async () => {
		await expect(query(duck.db, 'SELECT * FROM nowhere WHERE x = ?', [1])).rejects.toThrow();
		// The shared connection is still usable.
		expect(await query(duck.db, 'SELECT ? AS ok', [1])).toEqual([{ ok: 1 }]);
	});
});

describe('ident()', () => {
	const allowed = ['communes', 'cap_htp', 'group'] as const;
	it('quotes whitelisted identifiers', () => {
		expect(ident('communes', allowed)).toBe('"communes"');
		expect(ident('group', allowed)).toBe('"group"');
	});
	it('rejects anything else', () => {
		for (const bad of ['Communes', 'communes; DROP TABLE x', '"communes"', 'cap_htp--', '', 'sae_psy'])
			expect(() => ident(bad, allowed)).toThrow(/non autorisé/);
		expect(() => ident(undefined as unknown as string, allowed)).toThrow(/non autorisé/);
	});
	it('a quoted whitelisted name is usable in SQL', async () => {
		const rows = await query(duck.db, `SELECT COUNT(*) AS n FROM ${ident('communes', allowed)}`);
		expect(rows).toEqual([{ n: 3 }]);
	});
});
