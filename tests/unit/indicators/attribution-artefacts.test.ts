/**
 * FINESS attribution accounting on the real artefacts: every commune of the Rhône split into two
 * adult sectors, one naming the Rhône establishment with the most beds, the other the Isère one
 * with the most beds. Totals must reconcile with the indicator and with the département figure.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { query } from '../../../src/lib/db/query';
import { registerTerritorySet, type TerritorySet } from '../../../src/lib/geo/territories';
import { indicatorById } from '../../../src/lib/indicators/catalogue';
import { attributionAccountSql, indicatorSql, type AttributionAccount } from '../../../src/lib/indicators/sql';
import type { IndicatorValue } from '../../../src/lib/indicators/types';
import { describeArtefacts, loadAllArtefacts } from '../../helpers/artefacts';
import type { NodeDuckDB } from '../../helpers/duckdb-node';

const beds = indicatorById('beds_adult_per100k')!;

describeArtefacts('FINESS attribution accounting on the real artefacts (Rhône)', () => {
	let duck: NodeDuckDB;
	let top: Record<'69' | '38', { fi: string; cap: number }>;
	beforeAll(async () => {
		duck = await loadAllArtefacts();
		const biggest = async (dep: string) =>
			(
				await query<{ fi: string; cap: number }>(
					duck.db,
					`SELECT s.fi, s.cap_htp::DOUBLE AS cap FROM sae_psy s JOIN (SELECT fi, any_value(commune) AS commune FROM sae_establishments GROUP BY fi) e USING (fi)
					 JOIN communes c ON c.code = e.commune WHERE s.year = 2023 AND s.dis = 'GEN' AND c.dep = $1 ORDER BY s.cap_htp DESC NULLS LAST LIMIT 1`,
					[dep]
				)
			)[0]!;
		top = { '69': await biggest('69'), '38': await biggest('38') };
		const communes = (await query<{ code: string }>(duck.db, "SELECT code FROM communes WHERE dep = '69' ORDER BY code", [])).map((c) => c.code);
		const half = Math.floor(communes.length / 2);
		const set: TerritorySet = {
			id: 'rhone-test',
			label: 'Rhône en deux secteurs (test)',
			level: 'sector',
			territories: [
				{ code: '69GA', name: 'Secteur A', kind: 'G', communes: communes.slice(0, half), finess: top['69'].fi },
				{ code: '69GB', name: 'Secteur B', kind: 'G', communes: communes.slice(half), finess: top['38'].fi }
			]
		};
		await registerTerritorySet(duck.db, set);
	}, 120_000);
	afterAll(() => duck?.close());

	it('attributed − outside + left out = beds located in the Rhône = the département numerator', async () => {
		const a = attributionAccountSql(beds, { setId: 'rhone-test' });
		const [acc] = await query<AttributionAccount>(duck.db, a.sql, a.params);
		const q = indicatorSql(beds, 'sector', { setId: 'rhone-test', attribution: 'sector_finess' });
		const sectors = await query<IndicatorValue>(duck.db, q.sql, q.params);
		const d = indicatorSql(beds, 'departement');
		const [dep] = await query<IndicatorValue>(duck.db, `SELECT * FROM (${d.sql}) WHERE code = $${d.params.length + 1}`, [...d.params, '69']);

		expect(top['69'].cap).toBeGreaterThan(0);
		expect(top['38'].cap).toBeGreaterThan(0);
		expect(acc!.attributed).toBeCloseTo(sectors.reduce((s, r) => s + r.numerator!, 0), 6);
		expect(acc!.attributed).toBeGreaterThanOrEqual(top['69'].cap + top['38'].cap);
		expect(acc!.outside).toBeGreaterThanOrEqual(top['38'].cap);
		expect(acc!.outside_est).toBeGreaterThanOrEqual(1);
		expect(acc!.left_out_est).toBeGreaterThan(0); // the Rhône has more than one establishment with beds
		expect(acc!.inside).toBeCloseTo(dep!.numerator!, 6);
		expect(acc!.attributed - acc!.outside + acc!.left_out).toBeCloseTo(acc!.inside, 6);
	});
});
