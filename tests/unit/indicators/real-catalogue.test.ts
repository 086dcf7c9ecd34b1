/**
 * The extended catalogue on the real artefacts: every SAE indicator (stock and evolution) at
 * département level, the medico-social estimates from the Atlas at every level, each against a plain-TS
 * computation over the Arrow files; the Atlas mappings checked for comparability; references.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tableFromIPC } from '@uwdata/flechette';
import type { AtlasValueRow, CommuneRow, DepartementRow, PopulationDepRow, SaeEstablishmentRow, SaePsyRow } from '../../../data/schema';
import { query } from '../../../src/lib/db/query';
import { EVOLUTION_INDICATORS, INDICATORS, indicatorById } from '../../../src/lib/indicators/catalogue';
import { computeGaps } from '../../../src/lib/indicators/gap';
import { referencesFor } from '../../../src/lib/queries/references';
import { indicatorSql } from '../../../src/lib/indicators/sql';
import type { EvolutionValue, IndicatorDef, IndicatorValue } from '../../../src/lib/indicators/types';
import { DATA_DIR, describeArtefacts, loadAllArtefacts } from '../../helpers/artefacts';
import type { NodeDuckDB } from '../../helpers/duckdb-node';

const rows = <T,>(name: string) => tableFromIPC(readFileSync(join(DATA_DIR, `${name}.arrow`))).toArray() as T[];

describeArtefacts('extended catalogue on the real artefacts', () => {
	let duck: NodeDuckDB;
	let depOfFi: Map<string, string | undefined>;
	let psy: SaePsyRow[];
	let popDep: PopulationDepRow[];
	beforeAll(async () => {
		duck = await loadAllArtefacts();
		const communeDep = new Map(rows<CommuneRow>('communes').map((c) => [c.code, c.dep]));
		depOfFi = new Map(rows<SaeEstablishmentRow>('sae_establishments').map((e) => [e.fi, e.commune ? communeDep.get(e.commune) : undefined]));
		psy = rows<SaePsyRow>('sae_psy');
		popDep = rows<PopulationDepRow>('population_dep');
	});
	afterAll(() => duck?.close());

	/** Independent département values of an SAE indicator for one year. */
	function tsDep(def: IndicatorDef, year: number): Map<string, { n: number; d: number | null; v: number | null }> {
		const m = def.measure as Extract<IndicatorDef['measure'], { table: 'sae_psy' }>;
		const num = new Map<string, number>();
		for (const r of psy) {
			const x = r[m.column];
			const dep = depOfFi.get(r.fi);
			if (r.year === year && m.disciplines.includes(r.dis) && x !== null && dep) num.set(dep, (num.get(dep) ?? 0) + x);
		}
		const col = def.base === 'age_16_plus' ? 'pop_16_plus' : 'pop_0_15';
		const out = new Map<string, { n: number; d: number | null; v: number | null }>();
		for (const dep of rows<DepartementRow>('departements')) {
			const n = num.get(dep.code) ?? 0;
			const p = popDep.find((x) => x.dep === dep.code && x.year === year);
			const d = def.base ? (p?.[col] ?? null) : null;
			out.set(dep.code, { n, d, v: def.base ? (d ? (n * def.scale) / d : null) : n * def.scale });
		}
		return out;
	}

	it('every SAE indicator at département level equals the TS computation (2023)', async () => {
		const sae = INDICATORS.filter((d) => d.measure?.table === 'sae_psy');
		expect(sae.length).toBeGreaterThanOrEqual(26);
		const fr: string[] = [];
		for (const def of sae) {
			const q = indicatorSql(def, 'departement');
			const got = await query<IndicatorValue>(duck.db, q.sql, q.params);
			const want = tsDep(def, 2023);
			expect(got.length).toBe(want.size);
			for (const r of got) {
				const w = want.get(r.code)!;
				expect(r.numerator, `${def.id} ${r.code}`).toBeCloseTo(w.n, 6);
				if (w.v === null) expect(r.value).toBeNull();
				else expect(r.value!, `${def.id} ${r.code}`).toBeCloseTo(w.v, 6);
			}
			const f = indicatorSql(def, 'france');
			const [france] = await query<IndicatorValue>(duck.db, f.sql, f.params);
			fr.push(`${def.id}=${france!.value?.toFixed(2)} (${france!.numerator})`);
		}
		console.info(`[catalogue] France 2023: ${fr.join('; ')}`);
	});

	it('every evolution at département level equals value_2023 − value_2022 computed in TS', async () => {
		const lines: string[] = [];
		for (const def of EVOLUTION_INDICATORS) {
			const q = indicatorSql(def, 'departement');
			const got = await query<EvolutionValue>(duck.db, q.sql, q.params);
			const a = tsDep(def, 2022);
			const z = tsDep(def, 2023);
			for (const r of got) {
				const wa = a.get(r.code)!;
				const wz = z.get(r.code)!;
				expect(r.numerator, `${def.id} ${r.code}`).toBeCloseTo(wz.n - wa.n, 6);
				if (wa.v === null || wz.v === null) expect(r.value).toBeNull();
				else {
					expect(r.value!, `${def.id} ${r.code}`).toBeCloseTo(wz.v - wa.v, 6);
					if (wa.v !== 0) expect(r.change_pct!).toBeCloseTo(((wz.v - wa.v) * 100) / wa.v, 6);
				}
			}
			const f = indicatorSql(def, 'france');
			const [france] = await query<EvolutionValue>(duck.db, f.sql, f.params);
			lines.push(`${def.evolution!.of}: ${france!.numerator_from} → ${france!.numerator_to} (${france!.change_pct?.toFixed(1)} %)`);
		}
		console.info(`[catalogue] France 2022 → 2023: ${lines.join('; ')}`);
	});

	it('Atlas medico-social per 1 000 aged 20–59: every level equals the TS computation; Handidonnées in the same unit', async () => {
		const atlas = rows<AtlasValueRow>('atlas_values');
		const deps = rows<DepartementRow>('departements');
		const pop22 = new Map(popDep.filter((p) => p.year === 2022).map((p) => [p.dep, p]));
		const ms = INDICATORS.filter((d) => d.measure?.table === 'atlas_values');
		expect(ms.map((d) => (d.measure as { indicator: string }).indicator)).toEqual(['OFF42', 'OFF43', 'OFF44', 'OFF46', 'OFF47', 'OFF48']);
		const lines: string[] = [];
		for (const def of ms) {
			const code = (def.measure as { indicator: string }).indicator;
			const density = new Map(atlas.filter((a) => a.indicator === code && a.year === 2019).map((a) => [a.dep, a.value]));
			// Implied places and 20–59 population per département, then summed by région and for France.
			const places = new Map(deps.map((x) => [x.code, (density.get(x.code)! * pop22.get(x.code)!.pop_20_plus) / 100_000]));
			const adults = new Map(deps.map((x) => [x.code, pop22.get(x.code)!.pop_20_59]));
			const perMille = (codes: string[]) => (codes.reduce((s, c) => s + places.get(c)!, 0) * 1000) / codes.reduce((s, c) => s + adults.get(c)!, 0);
			const at = async (level: 'departement' | 'region' | 'france') => {
				const q = indicatorSql(def, level);
				return query<IndicatorValue>(duck.db, q.sql, q.params);
			};
			const depRows = await at('departement');
			expect(depRows.length).toBe(deps.length);
			for (const r of depRows) {
				expect(r.value!, `${code} ${r.code}`).toBeCloseTo(perMille([r.code]), 9);
				expect(r.denominator).toBe(adults.get(r.code));
			}
			for (const r of await at('region')) expect(r.value!, `${code} ${r.code}`).toBeCloseTo(perMille(deps.filter((x) => x.reg === r.code).map((x) => x.code)), 9);
			const [fr] = await at('france');
			expect(fr!.value!).toBeCloseTo(perMille(deps.map((x) => x.code)), 9);
			// Handidonnées 2025 per 1 000 aged 20–59: same unit, so the same order of magnitude (a per-100 000 slip would be ×100).
			const [handi] = def.references!;
			expect(handi!.unit).toBeUndefined();
			expect(fr!.value! / handi!.value).toBeGreaterThan(1 / 3);
			expect(fr!.value! / handi!.value).toBeLessThan(3);
			lines.push(`${code} France ${fr!.value!.toFixed(2)} ‰ (≈ ${Math.round(fr!.numerator!)} places) vs Handidonnées 2025 ${handi!.value} ‰`);
		}
		console.info(`[catalogue] ${lines.join('; ')}`);
	});

	it('Atlas mappings are comparable: France 2023 within ±25 % of the Atlas 2019 France value', async () => {
		const mapped = INDICATORS.filter((d) => d.atlas && !d.atlas.unit);
		expect(mapped.map((d) => d.atlas!.indicator).sort()).toEqual(['OFF01', 'OFF15A', 'OFF16', 'OFF20']);
		const atlas = rows<AtlasValueRow>('atlas_values');
		for (const def of mapped) {
			const f = indicatorSql(def, 'france');
			const [fr] = await query<IndicatorValue>(duck.db, f.sql, f.params);
			const a = atlas.find((x) => x.dep === 'FR' && x.indicator === def.atlas!.indicator && x.year === def.atlas!.year)!.value!;
			console.info(`[catalogue] ${def.id}: France 2023 ${fr!.value!.toFixed(2)} vs Atlas ${def.atlas!.indicator} 2019 ${a.toFixed(2)}`);
			expect(fr!.value! / a).toBeGreaterThan(0.75);
			expect(fr!.value! / a).toBeLessThan(1.25);
		}
	});

	it('references for a commune: France, région, département from the same SQL, Atlas, published', async () => {
		const def = indicatorById('beds_adult_per100k')!;
		const refs = await referencesFor(duck.db, def, 'commune', '69123');
		expect(refs.map((r) => r.kind)).toEqual(['france', 'region', 'departement', 'atlas', 'published', 'published', 'published']);
		const at = async (level: 'france' | 'region' | 'departement', code: string) => {
			const q = indicatorSql(def, level);
			return (await query<IndicatorValue>(duck.db, q.sql, q.params)).find((r) => r.code === code)!.value;
		};
		expect(refs[0]!.value).toBe(await at('france', 'FR'));
		expect(refs[1]).toMatchObject({ code: '84', value: await at('region', '84'), year: '2023' });
		expect(refs[2]).toMatchObject({ code: '69', value: await at('departement', '69') });
		const off01 = rows<AtlasValueRow>('atlas_values').find((a) => a.dep === '69' && a.indicator === 'OFF01' && a.year === 2019)!.value;
		expect(refs[3]).toMatchObject({ kind: 'atlas', value: off01, year: '2019', comparable: true });
		expect(refs.filter((r) => r.kind === 'published').map((r) => r.comparable)).toEqual([true, true, false]);
		console.info(`[catalogue] references Lyon: ${refs.map((r) => `${r.label} = ${r.value}`).join(' | ')}`);

		// Medico-social at département: the published Atlas density is shown in its own unit, never compared; Handidonnées is.
		const ms = await referencesFor(duck.db, indicatorById('ms_esat_per1000_20_59')!, 'departement', '69');
		expect(ms.map((r) => r.kind)).toEqual(['france', 'region', 'atlas', 'published']);
		const esat69 = rows<AtlasValueRow>('atlas_values').find((a) => a.dep === '69' && a.indicator === 'OFF46' && a.year === 2019)!.value;
		expect(ms[2]).toMatchObject({ value: esat69, comparable: false, unit: 'places pour 100 000 habitants de 20 ans et plus' });
		expect(ms[3]).toMatchObject({ comparable: true, value: 3.5 });
		expect(ms[3]!.unit).toBeUndefined();

		// Gap against France for every département.
		const q = indicatorSql(indicatorById('hdj_adult_per100k')!, 'departement');
		const vals = await query<IndicatorValue>(duck.db, q.sql, q.params);
		const [fr] = await referencesFor(duck.db, indicatorById('hdj_adult_per100k')!, 'departement', '69');
		const gaps = computeGaps(vals, indicatorById('hdj_adult_per100k')!, { value: fr!.value!, label: 'France' });
		const missing = gaps.filter((g) => g.gap !== null && g.gap < 0).reduce((s, g) => s + g.gap!, 0);
		const first = gaps.find((g) => g.rank === 1)!;
		console.info(`[catalogue] HDJ adultes vs France (${fr!.value!.toFixed(1)}): ${gaps.filter((g) => g.cls === 'marked').length} départements en déficit marqué, ${missing} places manquantes au total ; rang 1 : ${first.name} (${first.gapLabel})`);
		expect(first.cls).toBe('marked');
	});
});
