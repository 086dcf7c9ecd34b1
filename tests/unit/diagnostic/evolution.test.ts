/**
 * The diagnostic's 2022 → 2023 column: values of the catalogue's evolution SQL checked against
 * sums written here on the real artefacts (Rhône, a custom territory), rows without a two-year
 * series, and the fr-FR texts of a cell on hand-written values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../../src/lib/db/query';
import { registerTerritorySet } from '../../../src/lib/geo/territories';
import { INDICATORS } from '../../../src/lib/indicators/catalogue';
import { diagnosticRow } from '../../../src/lib/diagnostic/build';
import {
	diagnosticEvolution,
	evolutionCaveats,
	evolutionDefOf,
	evolutionText,
	FIRST_YEAR_MISSING,
	NO_SERIES,
	NOT_COMPUTABLE,
	rowEvolution,
	type RowEvolution
} from '../../../src/lib/diagnostic/evolution';
import type { DiagnosticTarget } from '../../../src/lib/diagnostic/target';
import type { EvolutionValue } from '../../../src/lib/indicators/types';
import { describeArtefacts, loadAllArtefacts } from '../../helpers/artefacts';
import type { NodeDuckDB } from '../../helpers/duckdb-node';

const def = (id: string) => INDICATORS.find((d) => d.id === id)!;
const RHONE: DiagnosticTarget = { level: 'departement', code: '69' };
const CUSTOM: DiagnosticTarget = { level: 'custom', code: 'lyon-est', setId: 'custom', kind: 'custom' };
const LYON_EST = ['69123', '69266', '69029'];

describeArtefacts('diagnostic evolution on the real artefacts', () => {
	let duck: NodeDuckDB;
	const sql = <T>(s: string, p: unknown[] = []) => query<T>(duck.db, s, p);

	/** Adult beds of the Rhône in one SAE year over that year's population ≥ 16, per 100 000. */
	async function rhoneBeds(year: number): Promise<{ beds: number; rate: number }> {
		const [b] = await sql<{ n: number }>(
			`SELECT coalesce(sum(p.cap_htp), 0)::DOUBLE AS n FROM sae_psy p
			 WHERE p.year = $1 AND p.dis = 'GEN'
			   AND p.fi IN (SELECT e.fi FROM sae_establishments e JOIN communes c ON c.code = e.commune WHERE c.dep = '69')`,
			[year]
		);
		const [d] = await sql<{ n: number }>(`SELECT pop_16_plus::DOUBLE AS n FROM population_dep WHERE dep = '69' AND year = $1`, [year]);
		return { beds: b!.n, rate: (b!.n * 1e5) / d!.n };
	}

	beforeAll(async () => {
		duck = await loadAllArtefacts();
		await registerTerritorySet(duck.db, {
			id: 'custom',
			label: 'Territoires personnalisés',
			level: 'custom',
			territories: [{ code: 'lyon-est', name: 'Lyon est', kind: 'custom', communes: LYON_EST, finess: null }]
		});
	});
	afterAll(() => duck?.close());

	it('gives the Rhône’s adult beds in 2022 and 2023 and their change, as independent sums', async () => {
		const e = await diagnosticEvolution(duck.db, def('beds_adult_per100k'), RHONE, true);
		if (e.status !== 'ok') throw new Error(`expected an evolution, got: ${e.reason}`);
		const [y22, y23] = [await rhoneBeds(2022), await rhoneBeds(2023)];
		expect(e.from).toBeCloseTo(y22.rate, 6);
		expect(e.to).toBeCloseTo(y23.rate, 6);
		expect(e.change).toBeCloseTo(y23.rate - y22.rate, 6);
		expect(e.changePct!).toBeCloseTo(((y23.rate - y22.rate) / y22.rate) * 100, 6);
		expect(e.def.id).toBe('beds_adult_per100k_evol');
	});

	it('ends on the value the diagnostic shows for 2023', async () => {
		const row = await diagnosticRow(duck.db, def('cmp_count'), RHONE);
		if (row.evolution.status !== 'ok') throw new Error('expected an evolution');
		expect(row.evolution.to).toBe(row.value);
		const [n22] = await sql<{ n: number }>(
			`SELECT coalesce(sum(p.nb_cmp), 0)::DOUBLE AS n FROM sae_psy p
			 WHERE p.year = 2022 AND p.dis IN ('GEN', 'INF')
			   AND p.fi IN (SELECT e.fi FROM sae_establishments e JOIN communes c ON c.code = e.commune WHERE c.dep = '69')`
		);
		expect(row.evolution.from).toBe(n22!.n);
		expect(row.evolution.change).toBe(row.value! - n22!.n);
	});

	it('computes a custom territory from its own communes', async () => {
		const e = await diagnosticEvolution(duck.db, def('hdj_adult_per100k'), CUSTOM, true);
		if (e.status !== 'ok') throw new Error('expected an evolution');
		const [n] = await sql<{ y22: number; y23: number }>(
			`SELECT coalesce(sum(p.cap_hdj) FILTER (WHERE p.year = 2022), 0)::DOUBLE AS y22, coalesce(sum(p.cap_hdj) FILTER (WHERE p.year = 2023), 0)::DOUBLE AS y23
			 FROM sae_psy p JOIN (SELECT fi, any_value(commune) AS commune FROM sae_establishments GROUP BY fi) e ON e.fi = p.fi
			 WHERE p.dis = 'GEN' AND e.commune IN ($1, $2, $3)`,
			LYON_EST
		);
		expect(n!.y23).toBeGreaterThan(0);
		// Each year over its own estimated population ≥ 16 (the département's age share that year).
		const [pop] = await sql<{ p22: number; p23: number }>(
			`SELECT sum(c.population::DOUBLE * d22.pop_16_plus / d22.pop_total) AS p22, sum(c.population::DOUBLE * d23.pop_16_plus / d23.pop_total) AS p23
			 FROM communes c JOIN population_dep d22 ON d22.dep = c.dep AND d22.year = 2022 JOIN population_dep d23 ON d23.dep = c.dep AND d23.year = 2023
			 WHERE c.code IN ($1, $2, $3)`,
			LYON_EST
		);
		expect(e.from).toBeCloseTo((n!.y22 * 1e5) / pop!.p22, 6);
		expect(e.to).toBeCloseTo((n!.y23 * 1e5) / pop!.p23, 6);
	});

	it('says why there is no evolution instead of showing 0', async () => {
		const pop = await diagnosticRow(duck.db, def('population'), RHONE);
		expect(pop.evolution).toEqual({ status: 'none', reason: NO_SERIES });
		const gp = await diagnosticRow(duck.db, def('gp_practices_per10k'), CUSTOM);
		expect(gp.evolution).toEqual({ status: 'none', reason: NO_SERIES });
		const esat = await diagnosticRow(duck.db, def('ms_esat_per1000_20_59'), CUSTOM);
		expect(esat.evolution).toEqual({ status: 'none', reason: NO_SERIES });
		// Every SAE indicator has its evolution in the catalogue, and only they do (a rate's count twin: its rate's numerator says it).
		for (const d of INDICATORS) expect(evolutionDefOf(d) !== null, d.id).toBe(d.measure?.table === 'sae_psy' && !d.count?.of);
	});
});

describe('evolution cell', () => {
	const beds = def('beds_adult_per100k');
	const ev = evolutionDefOf(beds)!;
	const ok = (from: number, to: number, change: number, changePct: number | null): Extract<RowEvolution, { status: 'ok' }> => ({ status: 'ok', def: ev, from, to, change, changePct });
	const row = (v: Partial<EvolutionValue>): EvolutionValue => ({
		code: '69',
		name: 'Rhône',
		value: null,
		numerator: null,
		denominator: null,
		value_from: null,
		value_to: null,
		numerator_from: null,
		numerator_to: null,
		denominator_from: null,
		change_pct: null,
		...v
	});

	it('takes the SQL row as it is and refuses incomplete rows', () => {
		expect(rowEvolution(ev, true, row({ value_from: 80, value_to: 84, value: 4, change_pct: 5 }))).toEqual(ok(80, 84, 4, 5));
		expect(rowEvolution(ev, true, row({ value_from: 0, value_to: 3, value: 3 }))).toEqual(ok(0, 3, 3, null));
		expect(rowEvolution(ev, true, row({ value_to: 84 }))).toEqual({ status: 'none', reason: FIRST_YEAR_MISSING });
		expect(rowEvolution(ev, true, null)).toEqual({ status: 'none', reason: FIRST_YEAR_MISSING });
		expect(rowEvolution(ev, false, row({ value_from: 1, value_to: 1, value: 0 }))).toEqual({ status: 'none', reason: NOT_COMPUTABLE });
		expect(rowEvolution(null, true, row({ value_from: 1, value_to: 1, value: 0 }))).toEqual({ status: 'none', reason: NO_SERIES });
	});

	it('writes fr-FR values with the stock indicator’s precision and a true minus sign', () => {
		// Rates: one decimal, two below 10.
		const t = evolutionText(beds, ok(98.44, 101.2, 2.76, 2.8037));
		expect(t.span).toBe('98,4 \u2192 101,2');
		expect(t.spoken).toBe('de 98,4 en 2022 à 101,2 en 2023');
		expect(t.change).toBe('+2,76 (+2,8\u00a0%)');
		expect(evolutionText(beds, ok(1234.5, 1200, -34.5, -2.7946)).change).toBe('\u221234,5 (\u22122,8\u00a0%)');
		// A change that rounds to zero carries no sign; no percentage of a zero start.
		expect(evolutionText(beds, ok(0, 0.001, 0.001, null)).change).toBe('0,00');
		const cmp = def('cmp_count');
		expect(evolutionText(cmp, { ...ok(12, 1405, 1393, 11608.3), def: evolutionDefOf(cmp)! }).span).toBe('12 \u2192 1\u202f405');
	});

	it('adds only the evolution’s own caveat', () => {
		const extra = evolutionCaveats(beds, ok(1, 2, 1, 100));
		expect(extra).toHaveLength(1);
		expect(extra[0]).toMatch(/propre population/);
		expect(evolutionCaveats(beds, { status: 'none', reason: NO_SERIES })).toEqual([]);
	});
});
