/**
 * Every catalogue indicator, at every level, runs in a real DuckDB on small fixture tables
 * (encoded with the pipeline's own Arrow writer) and equals a plain-TS computation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as specs from '../../../data/table-specs';
import { rowsToArrowIPC, type TableSpec } from '../../../data/write';
import type {
	CommuneRow,
	DepartementRow,
	EpciRow,
	GpPracticeRow,
	PopulationDepRow,
	RegionRow,
	SaeEstablishmentRow,
	SaePsyRow
} from '../../../data/schema';
import { query } from '../../../src/lib/db/query';
import type { Level } from '../../../src/lib/db/types';
import { INDICATORS } from '../../../src/lib/indicators/catalogue';
import { indicatorSql, isEstimated } from '../../../src/lib/indicators/sql';
import type { IndicatorDef, IndicatorValue } from '../../../src/lib/indicators/types';
import { createNodeDuckDB, type NodeDuckDB } from '../../helpers/duckdb-node';

// --- fixtures ---------------------------------------------------------------------------
const regions: RegionRow[] = [
	{ code: '11', name: 'Île-de-France' },
	{ code: '84', name: 'Auvergne-Rhône-Alpes' },
	{ code: '94', name: 'Corse' }
];
const departements: DepartementRow[] = [
	{ code: '75', name: 'Paris', reg: '11' },
	{ code: '01', name: 'Ain', reg: '84' },
	{ code: '2A', name: 'Corse-du-Sud', reg: '94' }
];
const epci: EpciRow[] = [
	{ code: '200054781', name: 'Métropole du Grand Paris', type: 'METRO' },
	{ code: '200069193', name: 'CC à cheval sur deux départements', type: 'CC' },
	{ code: '249999999', name: 'EPCI sans commune', type: 'CC' }
];
const commune = (code: string, dep: string, reg: string, epci: string | null, population: number): CommuneRow => ({
	code,
	name: `Commune ${code}`,
	dep,
	reg,
	epci,
	population,
	lon: null,
	lat: null,
	has_geom: false
});
const communes: CommuneRow[] = [
	commune('75056', '75', '11', '200054781', 2_100_000),
	commune('01001', '01', '84', '200069193', 800),
	commune('01002', '01', '84', '200069193', 250),
	commune('01004', '01', '84', null, 14_000),
	commune('2A004', '2A', '94', '200069193', 70_000)
];
const pop = (dep: string, year: number, pop_0_15: number, pop_16_plus: number): PopulationDepRow => ({
	dep,
	year,
	pop_total: pop_0_15 + pop_16_plus,
	pop_0_15,
	pop_16_plus,
	pop_0_19: Math.round(pop_0_15 * 1.3),
	pop_20_59: Math.round(pop_16_plus * 0.6),
	pop_20_plus: Math.round(pop_16_plus * 0.95),
	pop_60_plus: Math.round(pop_16_plus * 0.3),
	age16_estimated: year === 2023
});
// 2A has no 2023 row: its region, France and the EPCI straddling 01/2A get a null denominator.
const populationDep: PopulationDepRow[] = [
	pop('75', 2023, 350_000, 1_750_000),
	pop('01', 2023, 3_000, 12_000),
	pop('75', 2022, 352_000, 1_748_000),
	pop('01', 2022, 3_100, 11_800),
	pop('2A', 2022, 12_000, 60_000)
];
const est = (fi: string, communeCode: string | null): SaeEstablishmentRow => ({
	fi,
	fi_ej: null,
	name: `Établissement ${fi}`,
	cat: '292',
	commune: communeCode,
	dep: communeCode ? communeCode.slice(0, 2) : null,
	lon: null,
	lat: null,
	geo_source: 'none',
	in_2022: true,
	in_2023: true
});
const establishments: SaeEstablishmentRow[] = [
	est('750000001', '75056'),
	est('750000002', '75056'),
	est('010000001', '01004'),
	est('010000002', '01001'),
	est('2A0000001', '2A004'),
	est('999999999', null) // no commune: attributed nowhere
];
type Caps = Partial<Pick<SaePsyRow, 'cap_htp' | 'cap_hdj' | 'nb_cmp' | 'nb_cattp'>>;
const psy = (year: number, fi: string, dis: SaePsyRow['dis'], c: Caps): SaePsyRow => ({
	year,
	fi,
	dis,
	nb_sect: null,
	cap_htp: c.cap_htp ?? null,
	cap_hdj: c.cap_hdj ?? null,
	cap_hdn: null,
	cap_pft: null,
	cap_aat: null,
	cap_acp: null,
	cap_ccu: null,
	cap_had: null,
	nb_cmp: c.nb_cmp ?? null,
	nb_cattp: c.nb_cattp ?? null,
	fil_tot: null,
	fil_amb: null,
	etp_psychiatrists: null,
	etp_doctors: null,
	etp_nurses: null,
	etp_psychologists: null,
	etp_nonmedical: null
});
const saePsy: SaePsyRow[] = [
	psy(2023, '750000001', 'GEN', { cap_htp: 100, cap_hdj: 20, nb_cmp: 5, nb_cattp: 2 }),
	psy(2023, '750000001', 'INF', { cap_htp: 10, cap_hdj: 15, nb_cmp: 3, nb_cattp: 1 }),
	psy(2023, '750000001', 'PEN', { cap_htp: 30 }),
	psy(2023, '750000002', 'GEN', { cap_hdj: 10 }),
	psy(2023, '010000001', 'GEN', { cap_htp: 50, nb_cmp: 2, nb_cattp: 0 }),
	psy(2023, '010000002', 'INF', { cap_htp: 0, cap_hdj: 5, nb_cmp: 1, nb_cattp: 1 }),
	psy(2023, '2A0000001', 'GEN', { cap_htp: 40, cap_hdj: 10, nb_cmp: 3, nb_cattp: 1 }),
	psy(2023, '999999999', 'GEN', { cap_htp: 500, nb_cmp: 9 }),
	psy(2023, '123456789', 'GEN', { cap_htp: 77 }), // fi unknown to the establishments table
	psy(2022, '750000001', 'GEN', { cap_htp: 110, cap_hdj: 18, nb_cmp: 5, nb_cattp: 2 }),
	psy(2022, '2A0000001', 'GEN', { cap_htp: 42, cap_hdj: 8, nb_cmp: 3, nb_cattp: 1 }),
	psy(2022, '010000002', 'INF', { cap_htp: 4, cap_hdj: 6, nb_cmp: 1 })
];
const gpPractices: GpPracticeRow[] = [
	{ commune: '75056', gp_practices: 1500 },
	{ commune: '01001', gp_practices: 1 },
	{ commune: '01004', gp_practices: 9 },
	{ commune: '2A004', gp_practices: 60 },
	{ commune: '99999', gp_practices: 3 } // unknown commune
];

// Column types exactly as the pipeline writes them.
const SPECS = {
	regions: specs.regions,
	departements: specs.departements,
	epci: specs.epci,
	communes: specs.communes,
	population_dep: specs.populationDep,
	sae_establishments: specs.saeEstablishments,
	sae_psy: specs.saePsy,
	gp_practices: specs.gpPractices
};
const ROWS: Record<keyof typeof SPECS, object[]> = {
	regions,
	departements,
	epci,
	communes,
	population_dep: populationDep,
	sae_establishments: establishments,
	sae_psy: saePsy,
	gp_practices: gpPractices
};

// --- the plain-TS reference ---------------------------------------------------------------
const LEVELS: Level[] = ['commune', 'epci', 'departement', 'region', 'france'];

function territories(level: Level): { code: string; name: string }[] {
	switch (level) {
		case 'commune':
			return communes;
		case 'epci':
			return epci;
		case 'departement':
			return departements;
		case 'region':
			return regions;
		case 'france':
			return [{ code: 'FR', name: 'France' }];
	}
}
function keyOf(c: CommuneRow, level: Level): string | null {
	return { commune: c.code, epci: c.epci, departement: c.dep, region: c.reg, france: 'FR' }[level];
}
const communeByCode = new Map(communes.map((c) => [c.code, c]));

function expected(def: IndicatorDef, level: Level, year: number): IndicatorValue[] {
	const m = def.measure!;
	const num = new Map<string, number>();
	const add = (communeCode: string | null, v: number | null) => {
		const c = communeCode ? communeByCode.get(communeCode) : undefined;
		const k = c && keyOf(c, level);
		if (k && v !== null) num.set(k, (num.get(k) ?? 0) + v);
	};
	if (m.table === 'sae_psy') {
		const communeOf = new Map(establishments.map((e) => [e.fi, e.commune]));
		for (const r of saePsy)
			if (r.year === year && m.disciplines.includes(r.dis)) add(communeOf.get(r.fi) ?? null, r[m.column]);
	} else if (m.table === 'gp_practices') {
		for (const g of gpPractices) add(g.commune, g.gp_practices);
	} else {
		for (const c of communes) add(c.code, c.population);
	}

	const den = new Map<string, number | null>();
	const put = (k: string | null, v: number | null) => {
		if (k === null) return;
		const prev = den.get(k);
		den.set(k, prev === null || v === null ? null : (prev ?? 0) + v);
	};
	// A count carries its declared population (def.count.base) as denominator, its value stays the count.
	const base = def.base ?? def.count?.base;
	if (base === 'total') {
		for (const c of communes) put(keyOf(c, level), c.population);
	} else if (base) {
		const col = base === 'age_16_plus' ? 'pop_16_plus' : 'pop_0_15';
		const pd = new Map(populationDep.filter((p) => p.year === year).map((p) => [p.dep, p]));
		if (level === 'commune' || level === 'epci') {
			for (const c of communes) {
				const p = pd.get(c.dep);
				put(keyOf(c, level), p ? (c.population * p[col]) / p.pop_total : null);
			}
		} else {
			for (const d of departements) {
				const k = level === 'departement' ? d.code : level === 'region' ? d.reg : 'FR';
				put(k, pd.get(d.code)?.[col] ?? null);
			}
		}
	}

	return territories(level)
		.map(({ code, name }) => {
			const numerator = num.get(code) ?? 0;
			const denominator = base ? (den.get(code) ?? null) : null;
			const value = def.base
				? denominator !== null && denominator > 0
					? (numerator * def.scale) / denominator
					: null
				: numerator * def.scale;
			return { code, name, value, numerator, denominator };
		})
		.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

function expectClose(actual: number | null, wanted: number | null, what: string) {
	if (wanted === null) expect(actual, what).toBeNull();
	else {
		expect(actual, what).not.toBeNull();
		expect(actual!, what).toBeCloseTo(wanted, 6);
	}
}

// --- tests ------------------------------------------------------------------------------
let duck: NodeDuckDB;
beforeAll(async () => {
	duck = await createNodeDuckDB();
	for (const [name, spec] of Object.entries(SPECS)) {
		duck.insertArrow(name, rowsToArrowIPC(ROWS[name as keyof typeof SPECS], spec as TableSpec<object>));
	}
});
afterAll(() => duck?.close());

describe('indicatorSql on fixture tables', () => {
	it('the catalogue has the required indicators', () => {
		const ids = INDICATORS.map((d) => d.id);
		for (const id of [
			'population',
			'beds_adult_per100k',
			'hdj_adult_per100k',
			'beds_child_per100k',
			'hdj_child_per100k',
			'cmp_count',
			'cattp_count',
			'gp_practices_per10k'
		])
			expect(ids).toContain(id);
		expect(new Set(ids).size).toBe(ids.length);
	});

	// Atlas indicators need atlas_values (tested in catalogue-extended.test.ts); evolutions are not in INDICATORS.
	// FINESS site indicators need finess_facilities (tested on the real table in finess-indicators.test.ts).
	for (const def of INDICATORS.filter((d) => d.measure?.table !== 'atlas_values' && d.measure?.table !== 'finess_facilities')) {
		for (const level of def.levels) {
			for (const year of [2023, 2022]) {
				it(`${def.id} × ${level} × ${year}: valid SQL, values equal the TS computation`, async () => {
					const { sql, params } = indicatorSql(def, level, { year });
					// Values are bound, never in the text.
					expect(sql).not.toContain(String(year));
					expect(sql).not.toMatch(/'GEN'|'INF'/);
					const plan = await query(duck.db, `EXPLAIN ${sql}`, params);
					expect(plan.length).toBeGreaterThan(0);

					const rows = await query<IndicatorValue>(duck.db, sql, params);
					const want = expected(def, level, year);
					expect(rows.map((r) => r.code)).toEqual(want.map((r) => r.code));
					rows.forEach((r, i) => {
						const w = want[i]!;
						expect(Object.keys(r)).toEqual(['code', 'name', 'value', 'numerator', 'denominator']);
						expect(r.name).toBe(w.name);
						expectClose(r.numerator, w.numerator, `${r.code} numerator`);
						expectClose(r.denominator, w.denominator, `${r.code} denominator`);
						expectClose(r.value, w.value, `${r.code} value`);
						for (const v of [r.value, r.numerator, r.denominator]) expect(typeof v === 'bigint').toBe(false);
					});
				});
			}
		}
	}

	it('spot check: adult beds per 100 000 aged ≥ 16 in Paris, 2023', async () => {
		const def = INDICATORS.find((d) => d.id === 'beds_adult_per100k')!;
		const { sql, params } = indicatorSql(def, 'departement', { year: 2023 });
		const paris = (await query<IndicatorValue>(duck.db, sql, params)).find((r) => r.code === '75')!;
		// 100 GEN beds (the PEN row and the null-capacity establishment add nothing) / 1 750 000.
		expect(paris.numerator).toBe(100);
		expect(paris.value).toBeCloseTo((100 * 100_000) / 1_750_000, 9);
	});

	it('a territory without supply gets 0, one without a denominator gets null', async () => {
		const def = INDICATORS.find((d) => d.id === 'beds_adult_per100k')!;
		const q = indicatorSql(def, 'epci', { year: 2023 });
		const rows = await query<IndicatorValue>(duck.db, q.sql, q.params);
		const empty = rows.find((r) => r.code === '249999999')!;
		expect(empty).toMatchObject({ numerator: 0, denominator: null, value: null });
		const straddling = rows.find((r) => r.code === '200069193')!;
		expect(straddling.denominator).toBeNull(); // 2A has no 2023 age estimate
		const fr = indicatorSql(def, 'france', { year: 2023 });
		expect((await query<IndicatorValue>(duck.db, fr.sql, fr.params))[0]).toMatchObject({ code: 'FR', value: null });
	});

	it('flags estimated age denominators below the département only', () => {
		const beds = INDICATORS.find((d) => d.id === 'beds_adult_per100k')!;
		const gp = INDICATORS.find((d) => d.id === 'gp_practices_per10k')!;
		expect(LEVELS.filter((l) => isEstimated(beds, l))).toEqual(['commune', 'epci']);
		expect(indicatorSql(beds, 'commune').estimated).toBe(true);
		expect(indicatorSql(beds, 'departement').estimated).toBe(false);
		expect(LEVELS.some((l) => isEstimated(gp, l))).toBe(false);
		expect(beds.estimate).toBeTruthy();
		expect(beds.estimateLevels).toEqual(['commune', 'epci']);
	});

	it('refuses a level the indicator does not declare, or a def without measure', () => {
		const def = { ...INDICATORS[0]!, levels: ['departement'] as Level[] };
		expect(() => indicatorSql(def, 'commune')).toThrow(/non calculable/);
		expect(() => indicatorSql({ ...def, measure: undefined }, 'departement')).toThrow(/sans mesure/);
	});

	it('refuses a numerator column outside the SAE whitelist', () => {
		const def = INDICATORS.find((d) => d.id === 'cmp_count')!;
		const evil = {
			...def,
			measure: { table: 'sae_psy', column: 'nb_cmp; DROP TABLE communes', disciplines: ['GEN'], year: 2023 }
		} as unknown as IndicatorDef;
		expect(() => indicatorSql(evil, 'departement')).toThrow(/non autorisé/);
	});
});

describe('catalogue', () => {
	it('is well-formed data', () => {
		const sourceIds = ['sae_psy', 'insee_pop_age', 'cog', 'sirene_gp', 'atlas_sante_mentale', 'finess_et'];
		for (const d of INDICATORS) {
			expect(d.label.length).toBeGreaterThan(0);
			expect(d.definition.length).toBeGreaterThan(20);
			expect(d.priority).toBeGreaterThanOrEqual(1);
			expect(d.priority).toBeLessThanOrEqual(6);
			for (const s of d.sources) expect(sourceIds).toContain(s);
			expect(d.measure).toBeDefined();
			expect(d.denominator === null).toBe(!d.base);
			if (d.base === 'age_16_plus' || d.base === 'age_0_15' || d.base === 'age_20_59') expect(d.sources).toContain('insee_pop_age');
			for (const r of d.references ?? []) expect(Number.isFinite(r.value) && r.year.length >= 4).toBe(true);
		}
		expect(INDICATORS.find((d) => d.id === 'gp_practices_per10k')!.proxy).toMatch(/cabinets, pas médecins/);
	});
});
