/**
 * Counts beside rates: a count indicator for every SAE measure at every level, equal to its rate's
 * numerator; counts compared with a rate-based expectation (never a national count) on the real
 * artefacts; the population texts of child indicators.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../../src/lib/db/query';
import { INDICATORS, indicatorById } from '../../../src/lib/indicators/catalogue';
import { computeGaps } from '../../../src/lib/indicators/gap';
import { referencesFor } from '../../../src/lib/queries/references';
import { indicatorSql } from '../../../src/lib/indicators/sql';
import type { IndicatorValue } from '../../../src/lib/indicators/types';
import { describeArtefacts, loadAllArtefacts } from '../../helpers/artefacts';
import type { NodeDuckDB } from '../../helpers/duckdb-node';

const MEASURES = ['cap_htp', 'cap_hdj', 'cap_hdn', 'cap_ccu', 'cap_acp', 'cap_aat', 'cap_pft', 'cap_had', 'etp_psychiatrists', 'etp_nurses', 'etp_psychologists'];

describe('count indicators in the catalogue', () => {
	it('one count per SAE rate, declaring what it counts and its population', () => {
		const rates = INDICATORS.filter((d) => d.measure?.table === 'sae_psy' && d.base);
		for (const r of rates) {
			const c = INDICATORS.find((d) => d.count?.of === r.id);
			expect(c, r.id).toBeDefined();
			expect(c).toMatchObject({ scale: 1, base: null, denominator: null, levels: r.levels, measure: r.measure, count: { base: r.base, scale: r.scale } });
			expect(r.unit.startsWith(`${c!.unit} pour `)).toBe(true);
		}
		const counted = new Set(INDICATORS.filter((d) => d.count?.of && d.measure?.table === 'sae_psy').map((d) => (d.measure as { column: string }).column));
		for (const m of MEASURES) expect(counted.has(m), m).toBe(true);
	});

	it('child indicators describe the population they divide by', () => {
		for (const d of INDICATORS.filter((x) => x.base === 'age_0_15')) {
			expect(d.denominator, d.id).toMatch(/moins de 16 ans sont estimés/);
			expect(d.denominator, d.id).not.toMatch(/16 ans et plus/);
		}
		for (const d of INDICATORS.filter((x) => x.base === 'age_16_plus')) expect(d.denominator, d.id).toMatch(/16 ans et plus sont estimés/);
	});
});

describeArtefacts('counts on the real artefacts', () => {
	let duck: NodeDuckDB;
	beforeAll(async () => {
		duck = await loadAllArtefacts();
	});
	afterAll(() => duck?.close());
	const rows = async (id: string, level: Parameters<typeof indicatorSql>[1]) => {
		const q = indicatorSql(indicatorById(id)!, level);
		return new Map((await query<IndicatorValue>(duck.db, q.sql, q.params)).map((r) => [String(r.code), r]));
	};

	it('the count equals the rate’s numerator at every level (Creuse: adult beds)', async () => {
		for (const level of ['commune', 'epci', 'departement', 'region', 'france'] as const) {
			const rate = await rows('beds_adult_per100k', level);
			const count = await rows('beds_adult_count', level);
			expect(count.size).toBe(rate.size);
			for (const [code, r] of rate) expect(count.get(code)!.value, `${level} ${code}`).toBe(r.numerator);
		}
		const creuse = (await rows('beds_adult_count', 'departement')).get('23')!;
		console.info(`[counts] Creuse adult beds 2023: ${creuse.value}`);
		expect(creuse.value).toBeGreaterThan(0);
	});

	it('CMP count gaps on /ecarts are against France’s rate × population: no département at ≈ −2 900 CMP', async () => {
		const def = indicatorById('cmp_count')!;
		const values = [...(await rows('cmp_count', 'departement')).values()];
		const fr = (await referencesFor(duck.db, def, 'departement', '23')).find((r) => r.kind === 'france')!;
		expect(fr.numerator).toBeGreaterThan(2000);
		const gaps = computeGaps(values, def, { value: fr.value!, label: 'France', numerator: fr.numerator, denominator: fr.denominator });
		const worst = Math.min(...gaps.map((g) => g.gap!));
		console.info(`[counts] CMP count: France ${fr.numerator}; most negative département gap ${worst}`);
		expect(worst).toBeGreaterThan(-200);
		expect(gaps.filter((g) => g.ratio !== null && g.ratio < 0.7).length).toBeLessThan(values.length / 2);
		const sum = gaps.reduce((s, g) => s + (g.expected ?? 0), 0);
		expect(sum).toBeCloseTo(fr.numerator!, -1); // expectations add up to the national count
	});
});
