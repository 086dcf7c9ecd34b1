/**
 * indicatorSql beyond the administrative levels, on a small hand-made fixture in a real DuckDB:
 * sector and custom territories (commune and FINESS attribution), evolutions 2022 → 2023 and
 * Atlas densities weighted up to région and France. Expected values are worked out by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../../src/lib/db/query';
import { CATALOGUE, EVOLUTION_INDICATORS, INDICATORS, indicatorById } from '../../../src/lib/indicators/catalogue';
import { indicatorSql, levelsOf } from '../../../src/lib/indicators/sql';
import type { EvolutionValue, IndicatorValue } from '../../../src/lib/indicators/types';
import type { NodeDuckDB } from '../../helpers/duckdb-node';
import { loadSetsFixture } from './sets-fixture';

let duck: NodeDuckDB;
beforeAll(async () => {
	duck = await loadSetsFixture();
});
afterAll(() => duck?.close());

async function run<T = IndicatorValue>(id: string, level: Parameters<typeof indicatorSql>[1], opts: Parameters<typeof indicatorSql>[2] = {}): Promise<T[]> {
	const q = indicatorSql(indicatorById(id)!, level, opts);
	expect(q.sql).not.toMatch(/'(GEN|INF|G|I|S|C|OFF4\d)'|2023|2022|2019/);
	return query<T>(duck.db, q.sql, q.params);
}
const byCode = <T extends { code: string }>(rows: T[]) => Object.fromEntries(rows.map((r) => [r.code, r]));

describe('sector and custom territories', () => {
	it('commune attribution: G sectors only for an adult indicator, estimated age denominators', async () => {
		const q = indicatorSql(indicatorById('beds_adult_per100k')!, 'sector', { setId: 'S' });
		expect(q.estimated).toBe(true);
		const r = byCode(await run('beds_adult_per100k', 'sector', { setId: 'S' }));
		expect(Object.keys(r)).toEqual(['G1', 'G2', 'G3', 'G4']);
		expect(r.G1).toMatchObject({ name: 'Secteur G1', numerator: 40, denominator: 3200 });
		expect(r.G1!.value).toBeCloseTo((40 * 1e5) / 3200, 9);
		expect(r.G2).toMatchObject({ numerator: 30, denominator: 4500 });
		expect(r.G3).toMatchObject({ numerator: 100, denominator: 8000 });
		expect(r.G4).toMatchObject({ numerator: 0, denominator: 2400, value: 0 });
	});

	it('child indicator → I sectors', async () => {
		const r = await run('beds_child_per100k', 'sector', { setId: 'S' });
		expect(r).toHaveLength(1);
		expect(r[0]).toMatchObject({ code: 'I1', numerator: 10, denominator: 200 + 600 + 1500 });
	});

	it('FINESS attribution: split equally among the sectors an establishment runs, else by FINESS juridique', async () => {
		const r = byCode(await run('beds_adult_per100k', 'sector', { setId: 'S', attribution: 'sector_finess' }));
		expect(r.G1!.numerator).toBeCloseTo(20, 9);
		expect(r.G2!.numerator).toBeCloseTo(20, 9);
		expect(r.G3!.numerator).toBe(0); // 750000001 is named by no sector: not attributed
		expect(r.G4!.numerator).toBeCloseTo(30, 9); // 690000001 through its EJ 010000009
		expect(r.G1!.value).toBeCloseTo((20 * 1e5) / 3200, 9);
		expect(() => indicatorSql(indicatorById('beds_adult_per100k')!, 'departement', { attribution: 'sector_finess' })).toThrow(/secteurs/);
	});

	it('custom territories, total population base and counts', async () => {
		const beds = await run('beds_adult_per100k', 'custom', { setId: 'C' });
		expect(beds[0]).toMatchObject({ code: 'T1', name: 'Ain + Paris', numerator: 140, denominator: 8800 });
		const gp = await run('gp_practices_per10k', 'custom', { setId: 'C' });
		expect(gp[0]).toMatchObject({ numerator: 10, denominator: 11000 });
		expect(gp[0]!.value).toBeCloseTo(10 * 10_000 / 11000, 9);
		const popRows = await run('population', 'custom', { setId: 'C' });
		expect(popRows[0]!.value).toBe(11000);
	});

	it('needs a set id; unknown set → no rows; hostile set ids are bound', async () => {
		expect(() => indicatorSql(indicatorById('beds_adult_per100k')!, 'sector')).toThrow(/setId/);
		expect(await run('beds_adult_per100k', 'sector', { setId: "S' OR 1=1 --" })).toEqual([]);
	});

	it('Atlas indicators are not offered below the département', () => {
		const ms = indicatorById('ms_esat_per1000_20_59')!;
		expect(levelsOf(ms)).toEqual(['departement', 'region', 'france']);
		expect(() => indicatorSql(ms, 'sector', { setId: 'S' })).toThrow(/non calculable/);
		expect(levelsOf(indicatorById('beds_adult_per100k')!)).toContain('custom');
	});
});

describe('evolutions 2022 → 2023', () => {
	it('one per SAE indicator, same measure and denominators', () => {
		const sae = INDICATORS.filter((d) => d.measure?.table === 'sae_psy' && !d.count?.of); // count twins have no evolution of their own
		expect(EVOLUTION_INDICATORS.map((d) => d.evolution!.of)).toEqual(sae.map((d) => d.id));
		for (const e of EVOLUTION_INDICATORS) {
			const base = indicatorById(e.evolution!.of)!;
			expect(e.kind).toBe('evolution');
			expect(e.measure).toEqual(base.measure);
			expect(e.base).toBe(base.base);
		}
		expect(new Set(CATALOGUE.map((d) => d.id)).size).toBe(CATALOGUE.length);
	});

	it('value_2023 − value_2022 and % change, each year with its own population', async () => {
		const r = byCode(await run<EvolutionValue>('beds_adult_per100k_evol', 'departement'));
		const v23 = (40 * 1e5) / 3200;
		const v22 = (50 * 1e5) / 3120;
		expect(r['01']!.value_from).toBeCloseTo(v22, 9);
		expect(r['01']!.value_to).toBeCloseTo(v23, 9);
		expect(r['01']!.value).toBeCloseTo(v23 - v22, 9);
		expect(r['01']!.change_pct).toBeCloseTo(((v23 - v22) * 100) / v22, 9);
		expect(r['01']).toMatchObject({ numerator: -10, numerator_from: 50, numerator_to: 40, denominator: 3200, denominator_from: 3120 });
		// 69 had no beds in 2022: change_pct undefined.
		expect(r['69']).toMatchObject({ numerator: 30, value_from: 0, change_pct: null });
		const counts = byCode(await run<EvolutionValue>('cmp_count_evol', 'sector', { setId: 'S' }));
		expect(counts.G1!.value).toBe(0);
		const sec = byCode(await run<EvolutionValue>('beds_adult_per100k_evol', 'sector', { setId: 'S', attribution: 'sector_finess' }));
		expect(sec.G1!.numerator_from).toBeCloseTo(25, 9);
		expect(sec.G1!.numerator_to).toBeCloseTo(20, 9);
	});
});

describe('Atlas medico-social estimates per 1 000 aged 20–59', () => {
	// Fixture, 2022: 01 density 200, 20+ 2 900, 20–59 2 000; 69: 100, 4 200, 2 800; 75: 300, 7 500, 5 000.
	const places = { '01': (200 * 2900) / 1e5, '69': (100 * 4200) / 1e5, '75': (300 * 7500) / 1e5 };
	it('département: implied places (density × 20+ / 100 000) over the 20–59 population × 1 000, 2022 populations', async () => {
		const dep = byCode(await run('ms_esat_per1000_20_59', 'departement'));
		expect(dep['01']!.numerator).toBeCloseTo(5.8, 9);
		expect(dep['01']!.denominator).toBe(2000);
		expect(dep['01']!.value).toBeCloseTo(2.9, 9);
		expect(dep['75']!.value).toBeCloseTo(4.5, 9);
	});
	it('région and France: sum of implied places over the sum of 20–59 (not a mean of départements)', async () => {
		const reg = byCode(await run('ms_esat_per1000_20_59', 'region'));
		expect(reg['84']!.value).toBeCloseTo(((places['01'] + places['69']) * 1000) / 4800, 9);
		expect(reg['84']!.value).not.toBeCloseTo((2.9 + 1.5) / 2, 3);
		expect(reg['84']!.denominator).toBe(4800);
		const [fr] = await run('ms_esat_per1000_20_59', 'france');
		expect(fr!.numerator).toBeCloseTo(places['01'] + places['69'] + places['75'], 9);
		expect(fr!.value).toBeCloseTo(((places['01'] + places['69'] + places['75']) * 1000) / 9800, 9);
	});
	it('a département without a density makes its région and France null, never a partial rate', async () => {
		const reg = byCode(await run('ms_mas_per1000_20_59', 'region'));
		expect(reg['84']!.value).toBeCloseTo((((50 * 2900 + 30 * 4200) / 1e5) * 1000) / 4800, 9);
		expect(reg['11']).toMatchObject({ value: null, numerator: null });
		const [fr] = await run('ms_mas_per1000_20_59', 'france');
		expect(fr!.value).toBeNull();
	});
});
