/**
 * FINESS site indicators on the real artefacts: counts equal the table's rows, densities equal a
 * plain-TS computation over the Arrow files, every level (incl. a custom territory) answers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from '@uwdata/flechette';
import type { CommuneRow, FinessFacilityRow, PopulationDepRow } from '../../../data/schema';
import { query } from '../../../src/lib/db/query';
import { registerTerritorySet, type TerritorySet } from '../../../src/lib/geo/territories';
import { INDICATORS, indicatorById } from '../../../src/lib/indicators/catalogue';
import { FACILITY_INDICATOR_KINDS } from '../../../src/lib/indicators/facility-catalogue';
import { indicatorSql, levelsOf } from '../../../src/lib/indicators/sql';
import type { IndicatorValue } from '../../../src/lib/indicators/types';
import { DATA_DIR, describeArtefacts, loadAllArtefacts } from '../../helpers/artefacts';
import type { NodeDuckDB } from '../../helpers/duckdb-node';

const rows = <T,>(name: string) => tableFromIPC(readFileSync(join(DATA_DIR, `${name}.arrow`))).toArray() as T[];
const HAS_FINESS = existsSync(join(DATA_DIR, 'finess_facilities.arrow'));

describe('FINESS indicator catalogue (data)', () => {
	it('has a count and a density per kind, counts declared as counts', () => {
		for (const k of FACILITY_INDICATOR_KINDS) {
			const count = indicatorById(`finess_${k}_sites`)!;
			const rate = indicatorById(`finess_${k}_per100k`)!;
			expect(count.base).toBeNull();
			expect(count.denominator).toBeNull();
			expect(count.scale).toBe(1);
			expect(rate.base).not.toBeNull();
			expect(levelsOf(rate)).toEqual(expect.arrayContaining(['commune', 'epci', 'departement', 'region', 'france', 'sector', 'custom']));
		}
		expect(indicatorById('finess_esat_per100k')!.base).toBe('age_20_59');
		expect(indicatorById('finess_cmpp_per100k')!.base).toBe('age_0_15');
		expect(indicatorById('finess_cmp_per100k')!.base).toBe('total');
		expect(indicatorById('finess_cmp_sites')!.caveats!.join(' ')).toMatch(/déduit du nom/);
		expect(indicatorById('finess_esat_sites')!.caveats!.join(' ')).not.toMatch(/déduit du nom/);
		expect(new Set(INDICATORS.map((d) => d.id)).size).toBe(INDICATORS.length);
	});
});

(HAS_FINESS ? describeArtefacts : describe.skip)('FINESS indicators on the real artefacts', () => {
	let duck: NodeDuckDB;
	let fac: FinessFacilityRow[];
	let communes: Map<string, CommuneRow>;
	const run = async (id: string, level: Parameters<typeof indicatorSql>[1], opts = {}) => {
		const q = indicatorSql(indicatorById(id)!, level, opts);
		return query<IndicatorValue>(duck.db, q.sql, q.params);
	};
	beforeAll(async () => {
		duck = await loadAllArtefacts();
		fac = rows<FinessFacilityRow>('finess_facilities');
		communes = new Map(rows<CommuneRow>('communes').map((c) => [c.code, c]));
	}, 120_000);
	afterAll(() => duck?.close());

	it('national count of each kind = rows of that kind placed in a commune', async () => {
		for (const k of FACILITY_INDICATOR_KINDS) {
			const [fr] = await run(`finess_${k}_sites`, 'france');
			const want = fac.filter((r) => String(r.group) === k && r.commune && communes.has(r.commune)).length;
			expect(fr!.value, k).toBe(want);
		}
		const [cmp] = await run('finess_cmp_sites', 'france');
		expect(cmp!.value).toBeGreaterThan(1746); // more than catégorie 156 alone: name-inferred CMP count
	});

	it('Morbihan (56) has CMP sites although it has no catégorie 156', async () => {
		const dep = await run('finess_cmp_sites', 'departement');
		expect(dep.find((r) => r.code === '56')!.value).toBeGreaterThan(10);
		expect(fac.filter((r) => String(r.dep) === '56' && String(r.category) === '156')).toHaveLength(0);
	});

	it('département ESAT density per 100 000 aged 20–59 equals the TS computation', async () => {
		const pop = rows<PopulationDepRow>('population_dep').filter((p) => p.year === 2023);
		const got = await run('finess_esat_per100k', 'departement');
		let checked = 0;
		for (const r of got) {
			const n = fac.filter((f) => String(f.group) === 'esat' && f.commune && String(communes.get(f.commune)?.dep) === r.code).length;
			const d = pop.find((p) => String(p.dep) === r.code)?.pop_20_59;
			if (!d) continue;
			expect(r.numerator, r.code).toBe(n);
			expect(r.value!, r.code).toBeCloseTo((n * 100_000) / d, 9);
			checked++;
		}
		expect(checked).toBeGreaterThan(95);
	});

	it('commune, EPCI, région and a custom territory answer and sum to the national count', async () => {
		const [fr] = await run('finess_cattp_sites', 'france');
		for (const level of ['commune', 'epci', 'region'] as const) {
			const all = await run('finess_cattp_sites', level);
			const sum = all.reduce((s, r) => s + (r.value ?? 0), 0);
			if (level === 'epci') expect(sum).toBeLessThanOrEqual(fr!.value!); // a few communes have no EPCI
			else expect(sum, level).toBe(fr!.value);
		}
		const vannes = [...communes.values()].filter((c) => String(c.dep) === '56').map((c) => c.code);
		const set: TerritorySet = { id: 'morbihan-test', label: 'Morbihan (test)', level: 'custom', territories: [{ code: 'M', name: 'Morbihan', kind: 'custom', communes: vannes, finess: null }] };
		await registerTerritorySet(duck.db, set);
		const [custom] = await run('finess_cmp_sites', 'custom', { setId: 'morbihan-test' });
		const [dep] = (await run('finess_cmp_sites', 'departement')).filter((r) => r.code === '56');
		expect(custom!.value).toBe(dep!.value);
		const [rate] = await run('finess_cmp_per100k', 'custom', { setId: 'morbihan-test' });
		const popM = vannes.reduce((s, c) => s + communes.get(c)!.population, 0);
		expect(rate!.value!).toBeCloseTo((dep!.value! * 100_000) / popM, 9);
	});
});
