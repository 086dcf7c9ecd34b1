/**
 * The diagnostic on the real artefacts (static/data) in the Node build of duckdb-wasm: six
 * sections in the decree's order, values and references checked against independent queries
 * written here, gaps in units, custom territories, map values.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { query } from '../../../src/lib/db/query';
import { approximateCatchments, registerTerritorySet } from '../../../src/lib/geo/territories';
import { INDICATORS, SHORTFALL_ORDER } from '../../../src/lib/indicators/catalogue';
import { attentionPoints, buildDiagnostic, diagnosticRow, DIAGNOSTIC_INDICATORS, indicatorsFor, sourceIds, territoryName, type DiagnosticSection } from '../../../src/lib/diagnostic/build';
import { mapValues } from '../../../src/lib/diagnostic/map';
import { NO_INDICATOR, PRIORITIES } from '../../../src/lib/diagnostic/priorities';
import { isApproximation, type DiagnosticTarget } from '../../../src/lib/diagnostic/target';
import { describeArtefacts, loadAllArtefacts } from '../../helpers/artefacts';
import { createNodeDuckDB, type NodeDuckDB } from '../../helpers/duckdb-node';

const def = (id: string) => INDICATORS.find((d) => d.id === id)!;
const RHONE: DiagnosticTarget = { level: 'departement', code: '69' };
// Three communes of the Rhône: Lyon, Villeurbanne, Bron.
const CUSTOM: DiagnosticTarget = { level: 'custom', code: 'lyon-est', setId: 'custom', kind: 'custom' };

describeArtefacts('diagnostic on the real artefacts', () => {
	let duck: NodeDuckDB;
	let sections: DiagnosticSection[];
	const sql = <T>(s: string, p: unknown[] = []) => query<T>(duck.db, s, p);

	/** Adult full-time beds 2023 and population ≥ 16 of a département, a région or France (null, null), written independently of indicatorSql. */
	async function adultBeds(dep: string | null, reg: string | null): Promise<{ beds: number; pop: number }> {
		const scope = '($1::VARCHAR IS NULL OR d.code = $1) AND ($2::VARCHAR IS NULL OR d.reg = $2)';
		const [b] = await sql<{ n: number }>(
			`SELECT coalesce(sum(p.cap_htp), 0)::DOUBLE AS n FROM sae_psy p
			 WHERE p.year = 2023 AND p.dis = 'GEN'
			   AND p.fi IN (SELECT e.fi FROM sae_establishments e JOIN communes c ON c.code = e.commune JOIN departements d ON d.code = c.dep WHERE ${scope})`,
			[dep, reg]
		);
		const [d] = await sql<{ n: number }>(`SELECT sum(p.pop_16_plus)::DOUBLE AS n FROM population_dep p JOIN departements d ON d.code = p.dep WHERE p.year = 2023 AND ${scope}`, [dep, reg]);
		return { beds: b!.n, pop: d!.n };
	}

	beforeAll(async () => {
		duck = await loadAllArtefacts();
		sections = await buildDiagnostic(duck.db, RHONE);
		await registerTerritorySet(duck.db, {
			id: 'custom',
			label: 'Territoires personnalisés',
			level: 'custom',
			territories: [{ code: 'lyon-est', name: 'Lyon est', kind: 'custom', communes: ['69123', '69266', '69029'], finess: null }]
		});
	});
	afterAll(() => duck?.close());

	it('has the six priorities in the decree’s order, each with its catalogue indicators', () => {
		expect(sections.map((s) => s.priority.article)).toEqual(['R.3224-5', 'R.3224-6', 'R.3224-7', 'R.3224-8', 'R.3224-9', 'R.3224-10']);
		for (const s of sections) {
			expect(s.rows.map((r) => r.def.id)).toEqual(INDICATORS.filter((d) => d.priority === s.priority.n && !d.count?.of).map((d) => d.id));
		}
		// No open-data indicator covers rights: the section is empty and says so.
		expect(sections[4]!.rows).toEqual([]);
		expect(NO_INDICATOR).toMatch(/à documenter localement/);
		expect(PRIORITIES).toHaveLength(6);
	});

	it('gives the Rhône’s adult beds, its France and région references equal to independent sums', async () => {
		const row = sections[0]!.rows.find((r) => r.def.id === 'beds_adult_per100k')!;
		const own = await adultBeds('69', null);
		expect(row.numerator).toBeCloseTo(own.beds, 6);
		expect(row.value!).toBeCloseTo((own.beds * 1e5) / own.pop, 6);

		const fr = await adultBeds(null, null);
		expect(row.france!.value!).toBeCloseTo((fr.beds * 1e5) / fr.pop, 6);

		const reg = await adultBeds(null, '84');
		expect(row.region!.label).toMatch(/Auvergne-Rhône-Alpes/);
		expect(row.region!.value!).toBeCloseTo((reg.beds * 1e5) / reg.pop, 6);

		// Gap to France in beds: beds − France rate × population ≥ 16, rounded.
		const expected = Math.round(own.beds - ((fr.beds * 1e5) / fr.pop) * own.pop / 1e5);
		expect(row.gap!.gap).toBe(expected);
		expect(row.gap!.gapLabel).toMatch(/lits$/);
		expect(row.gap!.gapLabel.startsWith(expected < 0 ? '\u2212' : '+')).toBe(true);
		expect(row.gap!.ratio!).toBeCloseTo(row.value! / row.france!.value!, 9);
		expect(row.estimated).toBe(false);
		expect(row.published.map((p) => p.year)).toContain('2018');
	});

	it('compares a count with France’s rate × the territory’s population, never with France’s count; flags proxies', async () => {
		const all = sections.flatMap((s) => s.rows);
		const cmp = all.find((r) => r.def.id === 'cmp_count')!;
		expect(cmp.value).toBeGreaterThan(0);
		// France's CMP per inhabitant × the Rhône's population (COG), independently.
		const [fr] = await sql<{ n: number; p: number }>(
			`SELECT (SELECT sum(nb_cmp) FROM sae_psy WHERE year = 2023 AND dis IN ('GEN', 'INF'))::DOUBLE AS n, (SELECT sum(population) FROM communes)::DOUBLE AS p`
		);
		const [rh] = await sql<{ p: number }>(`SELECT sum(population)::DOUBLE AS p FROM communes WHERE dep = '69'`);
		const expected = (fr!.n / fr!.p) * rh!.p;
		expect(cmp.gap!.expected).toBeCloseTo(expected, 0);
		expect(cmp.gap!.gap).toBe(Math.round(cmp.numerator! - expected));
		expect(Math.abs(cmp.gap!.gap!)).toBeLessThan(cmp.numerator!); // not "≈ −2 900 CMP"
		const gp = all.find((r) => r.def.id === 'gp_practices_per10k')!;
		expect(sections[2]!.rows).toContain(gp);
		expect(gp.def.proxy).toMatch(/approché/);
		expect(gp.gap!.gapLabel).toMatch(/cabinets$/);
		// A count without a declared population is not compared.
		expect(all.find((r) => r.def.id === 'population')!.gap).toBeNull();
	});

	it('lists only deficits of rates as attention points, in the catalogue’s PTSM order, then furthest from France', () => {
		const pts = attentionPoints(sections);
		for (const r of pts) expect(['marked', 'unfavourable']).toContain(r.gap!.cls);
		const weight = (id: string) => (SHORTFALL_ORDER.includes(id) ? SHORTFALL_ORDER.indexOf(id) : SHORTFALL_ORDER.length);
		const keys = pts.map((r) => [weight(r.def.id), r.gap!.ratio!] as const);
		expect([...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1])).toEqual(keys);
		const all = sections.flatMap((s) => s.rows).filter((r) => r.gap && r.def.favourable === 'higher' && r.def.base && r.gap.ratio! < 0.9);
		expect(pts.length).toBe(all.filter((r) => r.gap!.gap! <= -1).length);
		expect(pts.length).toBeGreaterThan(0);
		// With a threshold above every shortfall, nothing is left.
		expect(attentionPoints(sections, 1e9)).toEqual([]);
	});

	it('Creuse: the summary leads with psychiatrists (≈ 67 % of France) and child psychiatrists (≈ 54 %)', async () => {
		const creuse = await buildDiagnostic(duck.db, { level: 'departement', code: '23' });
		const top = attentionPoints(creuse).slice(0, 5);
		expect(top[0]!.def.id).toBe('etp_psychiatrists_adult_per100k');
		expect(top[0]!.gap!.ratio!).toBeCloseTo(0.67, 2);
		const child = top.find((r) => r.def.id === 'etp_psychiatrists_child_per100k')!;
		expect(child.gap!.ratio!).toBeCloseTo(0.54, 2);
		expect(top.map((r) => r.def.id)).not.toContain('aat_adult_per100k');
	});

	it('an adult sector shows adult indicators only, a child sector child ones', () => {
		const adult = indicatorsFor({ level: 'sector', kind: 'G' });
		const child = indicatorsFor({ level: 'sector', kind: 'I' });
		const dis = (d: (typeof adult)[number]) => (d.measure?.table === 'sae_psy' ? d.measure.disciplines.join('+') : null);
		expect(new Set(adult.map(dis).filter(Boolean))).toEqual(new Set(['GEN']));
		expect(new Set(child.map(dis).filter(Boolean))).toEqual(new Set(['INF']));
		expect(child.some((d) => d.measure?.table === 'atlas_values')).toBe(false);
		expect(adult.map((d) => d.id)).toContain('beds_adult_per100k');
		expect(child.map((d) => d.id)).toContain('etp_psychiatrists_child_per100k');
		expect(indicatorsFor({ level: 'departement' })).toEqual(DIAGNOSTIC_INDICATORS);
	});

	it('names territories and refuses unknown codes', async () => {
		expect(await territoryName(duck.db, RHONE)).toBe('Rhône (69)');
		expect(await territoryName(duck.db, { level: 'region', code: '84' })).toBe('Région Auvergne-Rhône-Alpes');
		expect(await territoryName(duck.db, { level: 'departement', code: '00' })).toBeNull();
		expect(await territoryName(duck.db, CUSTOM)).toBe('Lyon est');
	});

	it('names an approximate catchment as such, never as a sector', async () => {
		const set = await approximateCatchments(duck.db, 'G', 2023);
		await registerTerritorySet(duck.db, set);
		const zone = set.territories.find((t) => t.communes.includes('69123'))!;
		const t: DiagnosticTarget = { level: 'sector', code: zone.code, setId: set.id, kind: 'G' };
		expect(isApproximation(t)).toBe(true);
		expect(isApproximation({ level: 'sector', code: zone.code, setId: 'mes-secteurs', kind: 'G' })).toBe(false);
		const name = await territoryName(duck.db, t);
		expect(name).toBe(`Zone approchée « ${zone.name} » (psychiatrie générale, pas un secteur officiel)`);
		expect(name).not.toMatch(/secteur de psychiatrie/);
	});

	it('answers null for a sector link when no set was ever registered', async () => {
		const empty = await createNodeDuckDB();
		try {
			expect(await territoryName(empty.db, { level: 'sector', code: '69G01', setId: 'inconnu', kind: 'G' })).toBeNull();
		} finally {
			empty.close();
		}
	});

	it('computes a custom territory with estimated age denominators; Atlas densities are not available there', async () => {
		const beds = await diagnosticRow(duck.db, def('beds_adult_per100k'), CUSTOM);
		const [n] = await sql<{ n: number }>(
			`SELECT coalesce(sum(p.cap_htp), 0)::DOUBLE AS n FROM sae_psy p JOIN sae_establishments e ON e.fi = p.fi
			 WHERE p.year = 2023 AND p.dis = 'GEN' AND e.commune IN ('69123', '69266', '69029')`
		);
		expect(beds.numerator).toBeCloseTo(n!.n, 6);
		expect(beds.estimated).toBe(true);
		expect(beds.departement!.label).toMatch(/Rhône/);

		const esat = await diagnosticRow(duck.db, def('ms_esat_per1000_20_59'), CUSTOM);
		expect(esat.available).toBe(false);
		expect(esat.value).toBeNull();
		expect(esat.reason).toMatch(/département/);
		expect(esat.departement!.value).toBeGreaterThan(0); // the département's figure stays as context
	});

	it('gives map values for every commune of the département and of the custom territory', async () => {
		const communes = await sql<{ code: string }>("SELECT code FROM communes WHERE dep = '69' ORDER BY code");
		const gp = await mapValues(duck.db, def('gp_practices_per10k'), RHONE);
		expect(gp.map((v) => v.code)).toEqual(communes.map((c) => c.code));
		const [lyon] = await sql<{ v: number }>("SELECT g.gp_practices * 10000.0 / c.population AS v FROM gp_practices g JOIN communes c ON c.code = g.commune WHERE g.commune = '69123'");
		expect(gp.find((v) => v.code === '69123')!.value!).toBeCloseTo(lyon!.v, 6);

		const custom = await mapValues(duck.db, def('gp_practices_per10k'), CUSTOM);
		expect(custom.map((v) => v.code)).toEqual(['69029', '69123', '69266']);

		const deps = await mapValues(duck.db, def('beds_adult_per100k'), { level: 'region', code: '84' });
		expect(deps.map((v) => v.code)).toEqual(['01', '03', '07', '15', '26', '38', '42', '43', '63', '69', '73', '74']);
		const rhoneBeds = sections[0]!.rows.find((r) => r.def.id === 'beds_adult_per100k')!;
		expect(deps.find((v) => v.code === '69')!.value!).toBeCloseTo(rhoneBeds.value!, 6);
	});

	it('cites each source once', () => {
		const ids = sourceIds(INDICATORS, ['geo_communes_2018', 'cog']);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).toEqual(expect.arrayContaining(['sae_psy', 'insee_pop_age', 'cog', 'sirene_gp', 'atlas_sante_mentale', 'geo_communes_2018']));
	});
});
