/**
 * Accounting of the FINESS attribution (attributionAccountSql) on the hand-made sets fixture in
 * a real DuckDB: what is attributed, what comes from outside the set's communes, what is left
 * out, and the totals reconcile with the indicator itself and with a plain-TS count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../../src/lib/db/query';
import { registerTerritorySet, type TerritorySet } from '../../../src/lib/geo/territories';
import { indicatorById } from '../../../src/lib/indicators/catalogue';
import { attributionAccountSql, indicatorSql, type AttributionAccount } from '../../../src/lib/indicators/sql';
import type { IndicatorValue } from '../../../src/lib/indicators/types';
import type { NodeDuckDB } from '../../helpers/duckdb-node';
import { establishments, loadSetsFixture, saePsy, sectors } from './sets-fixture';

// A second set: its only sector (Paris) names the Ain establishment, which lies outside it.
const away: TerritorySet = {
	id: 'S2',
	label: 'Secteur parisien qui nomme un établissement de l’Ain',
	level: 'sector',
	territories: [{ code: 'P1', name: 'Paris 1', kind: 'G', communes: ['75056'], finess: '010000001' }]
};

let duck: NodeDuckDB;
beforeAll(async () => {
	duck = await loadSetsFixture();
	await registerTerritorySet(duck.db, away);
});
afterAll(() => duck?.close());

async function account(id: string, setId: string): Promise<AttributionAccount> {
	const q = attributionAccountSql(indicatorById(id)!, { setId });
	expect(q.sql).not.toMatch(/'(GEN|INF|G|I|S|S2)'|2023/);
	const rows = await query<AttributionAccount>(duck.db, q.sql, q.params);
	expect(rows).toHaveLength(1);
	return rows[0]!;
}

async function attributedNumerators(id: string, setId: string): Promise<number> {
	const q = indicatorSql(indicatorById(id)!, 'sector', { setId, attribution: 'sector_finess' });
	const rows = await query<IndicatorValue>(duck.db, q.sql, q.params);
	return rows.reduce((s, r) => s + (r.numerator ?? 0), 0);
}

/** Plain TS: 2023 capacity of the establishments located in the communes of the set's sectors of one kind. */
function insideCapacity(set: TerritorySet, kind: 'G' | 'I', dis: 'GEN' | 'INF'): number {
	const cs = new Set(set.territories.filter((t) => t.kind === kind).flatMap((t) => t.communes));
	const inside = new Set(establishments.filter((e) => e.commune && cs.has(e.commune)).map((e) => e.fi));
	return saePsy.filter((r) => r.year === 2023 && r.dis === dis && inside.has(r.fi)).reduce((s, r) => s + (r.cap_htp ?? 0), 0);
}

describe('FINESS attribution accounting', () => {
	it('adult beds, sectors naming their establishments: 70 beds attributed, 100 left out', async () => {
		const a = await account('beds_adult_per100k', 'S');
		// 010000001 (40, by its own FINESS) and 690000001 (30, by its FINESS juridique) are named; 750000001 (100, Paris) is not.
		expect(a).toEqual({ attributed: 70, attributed_est: 2, outside: 0, outside_est: 0, left_out: 100, left_out_est: 1, inside: 170, inside_est: 3 });
	});

	it('a sector naming an establishment outside its communes brings its capacity in', async () => {
		const a = await account('beds_adult_per100k', 'S2');
		expect(a).toEqual({ attributed: 40, attributed_est: 1, outside: 40, outside_est: 1, left_out: 100, left_out_est: 1, inside: 100, inside_est: 1 });
	});

	it('child beds go through I sectors only', async () => {
		expect(await account('beds_child_per100k', 'S')).toMatchObject({ attributed: 10, attributed_est: 1, left_out: 0, inside: 10 });
		expect(await account('beds_child_per100k', 'S2')).toMatchObject({ attributed: 0, attributed_est: 0, inside: 0 });
	});

	it('reconciles: attributed = Σ sector numerators; attributed − outside + left out = capacity inside the set', async () => {
		for (const [set, id, kind, dis] of [
			[sectors, 'beds_adult_per100k', 'G', 'GEN'],
			[away, 'beds_adult_per100k', 'G', 'GEN'],
			[sectors, 'beds_child_per100k', 'I', 'INF']
		] as const) {
			const a = await account(id, set.id);
			expect(a.attributed).toBeCloseTo(await attributedNumerators(id, set.id), 9);
			expect(a.inside).toBe(insideCapacity(set, kind, dis));
			expect(a.attributed - a.outside + a.left_out).toBeCloseTo(a.inside, 9);
		}
	});

	it('binds a hostile set id and refuses non-SAE indicators', async () => {
		expect(await account('beds_adult_per100k', "S' OR 1=1 --")).toMatchObject({ attributed: 0, inside: 0, left_out: 0 });
		expect(() => attributionAccountSql(indicatorById('gp_practices_per10k')!, { setId: 'S' })).toThrow(/SAE/);
		expect(() => attributionAccountSql(indicatorById('beds_adult_per100k_evol')!, { setId: 'S' })).toThrow(/SAE/);
	});
});
