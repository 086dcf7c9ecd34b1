/**
 * Paris, Lyon, Marseille by arrondissement municipal: the pipeline's artefacts (built from the
 * mirror), a hand-written Paris sector file by arrondissement through the real import, and exact
 * aggregation of the saved sectors in DuckDB.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../../src/lib/db/query';
import { indicatorById } from '../../../src/lib/indicators/catalogue';
import { indicatorSql } from '../../../src/lib/indicators/sql';
import type { IndicatorValue } from '../../../src/lib/indicators/types';
import { arrondissementsOf, cityOfArrondissement, memberUnits } from '../../../src/lib/geo/plm';
import { parseSectorFile, validateSectors, type AliasInfo, type CommuneInfo, type SectorImportContext } from '../../../src/lib/geo/sector-import';
import { withArrondissements } from '../../../src/lib/geo/sector-plm';
import { checkSectorSet, sectorSetFromReport } from '../../../src/lib/geo/territory-store';
import { registerTerritorySet, sectorSetToTerritorySet } from '../../../src/lib/geo/territories';
import { arrondissements } from '../../../src/lib/queries/territories';
import { portOf } from '../../../src/lib/queries/port';
import { setTerritories } from '../../../src/lib/queries/territory-sets';
import { DATA_DIR, describeArtefacts, loadAllArtefacts } from '../../helpers/artefacts';
import type { NodeDuckDB } from '../../helpers/duckdb-node';

describe('arrondissement codes (plm.ts)', () => {
	it('knows the 45 arrondissements and their city', () => {
		expect(arrondissementsOf('75056')).toHaveLength(20);
		expect(arrondissementsOf('69123')).toEqual(['69381', '69382', '69383', '69384', '69385', '69386', '69387', '69388', '69389']);
		expect(arrondissementsOf('13055').at(-1)).toBe('13216');
		expect(cityOfArrondissement('75120')).toBe('75056');
		expect(cityOfArrondissement('75121')).toBeNull();
		expect(cityOfArrondissement('69380')).toBeNull();
		expect(cityOfArrondissement('13217')).toBeNull();
		expect(arrondissementsOf('01001')).toEqual([]);
	});
	it('turns member codes into units: part of a city by arrondissement, a whole city as the commune', () => {
		expect(memberUnits(['01001', '75101', '75102'])).toEqual([['01001', null], ['75056', '75101'], ['75056', '75102']]);
		// The city listed whole absorbs its arrondissements; every arrondissement listed is the whole city.
		expect(memberUnits(['75101', '75056'])).toEqual([['75056', null]]);
		expect(memberUnits(arrondissementsOf('69123'))).toEqual([['69123', null]]);
	});
});

/** A sector file as a planner writes it: one line per arrondissement, ';' separated. */
function parisFile(sectors: [string, string, string[]][]): Uint8Array {
	const lines = ['code_commune;code_secteur;type;nom_secteur'];
	for (const [code, name, arms] of sectors) for (const a of arms) lines.push(`${a};${code};G;${name}`);
	return new TextEncoder().encode(lines.join('\r\n') + '\r\n');
}
const PARIS = arrondissementsOf('75056');

describeArtefacts('Paris, Lyon, Marseille on the real artefacts', () => {
	let duck: NodeDuckDB;
	let ctx: SectorImportContext;
	let arms: Awaited<ReturnType<typeof arrondissements>>;
	const armPop = (codes: string[]) => codes.reduce((s, c) => s + (arms.find((a) => a.code === c)?.population ?? NaN), 0);

	beforeAll(async () => {
		duck = await loadAllArtefacts();
		const port = portOf(duck.db);
		arms = await arrondissements(port);
		// The context as the app builds it (territories/active.svelte.ts).
		const com = await port.query<{ code: string; name: string; dep: string; population: number }>('SELECT code, name, dep, population FROM communes');
		const al = await port.query<{ alias: string; code: string; kind: string }>('SELECT alias, code, kind FROM commune_aliases');
		const communes = withArrondissements(
			new Map<string, CommuneInfo>(com.map((c) => [c.code, { dep: String(c.dep), name: c.name, population: Number(c.population) }])),
			arms.map((a) => ({ code: a.code, dep: a.dep, name: a.name, population: a.population ?? 0 }))
		);
		const aliases = new Map(al.map((a) => [a.alias, a.code]));
		const aliasDetails = new Map<string, AliasInfo>(al.filter((a) => a.kind !== 'actuelle').map((a) => [a.alias, { kind: a.kind as AliasInfo['kind'] }]));
		ctx = { communes, aliases, aliasDetails };
	}, 120_000);
	afterAll(async () => duck?.close());

	it('pipeline: 45 arrondissements whose populations sum to their city, each drawn', async () => {
		expect(arms).toHaveLength(45);
		const cities = await query<{ code: string; population: number }>(duck.db, "SELECT code, population FROM communes WHERE code IN ('75056', '69123', '13055') ORDER BY code");
		for (const c of cities) {
			const mine = arms.filter((a) => a.commune === c.code);
			expect(mine).toHaveLength(arrondissementsOf(c.code).length);
			expect(mine.reduce((s, a) => s + (a.population ?? 0), 0)).toBe(Number(c.population));
		}
		expect(cities.map((c) => Number(c.population))).toEqual([886_040, 519_127, 2_103_778]);
		const [g] = await query<{ n: number }>(duck.db, 'SELECT count(*)::INTEGER AS n FROM arrondissements WHERE has_geom AND lon IS NOT NULL');
		expect(g!.n).toBe(45);
		const topo = JSON.parse(readFileSync(join(DATA_DIR, 'arrondissements.topojson'), 'utf8')) as { objects: { arrondissements: { geometries: { id: string }[] } } };
		expect(topo.objects.arrondissements.geometries.map((x) => x.id).sort()).toEqual(arms.map((a) => a.code));
		// The commune artefact is unchanged: the cities stay one commune each.
		const [n] = await query<{ n: number }>(duck.db, 'SELECT count(*)::INTEGER AS n FROM communes');
		expect(n!.n).toBe(34_877); // 34 875 + Saint-Barthélemy and Saint-Martin, as before
	});

	it('pipeline: every SAE establishment of the three cities carries its arrondissement (ARMT)', async () => {
		const rows = await query<{ fi: string; commune: string; arm: string | null; link: string | null }>(
			duck.db,
			`SELECT e.fi, e.commune, e.arm, l.arm AS link FROM sae_establishments e
			LEFT JOIN arrondissement_links l ON l.source = 'sae' AND l.id = e.fi
			WHERE e.commune IN ('75056', '69123', '13055')`
		);
		expect(rows.length).toBeGreaterThan(40);
		for (const r of rows) {
			expect(r.arm, r.fi).not.toBeNull();
			expect(cityOfArrondissement(r.arm!)).toBe(r.commune);
			expect(r.link).toBe(r.arm);
		}
		// CHS Édouard Toulouse, Marseille 15e (mirror README).
		const [et] = await query<{ arm: string }>(duck.db, "SELECT arm FROM sae_establishments WHERE name ILIKE '%EDOUARD TOULOUSE%' AND commune = '13055'");
		expect(et?.arm).toBe('13215');
	});

	it('pipeline: GP practices by arrondissement sum to the city row', async () => {
		const rows = await query<{ commune: string; city: number; arms: number }>(
			duck.db,
			`SELECT a.commune, any_value(g.gp_practices)::DOUBLE AS city, sum(a.gp_practices)::DOUBLE AS arms
			FROM arrondissements a JOIN gp_practices g ON g.commune = a.commune GROUP BY 1 ORDER BY 1`
		);
		expect(rows).toHaveLength(3);
		for (const r of rows) expect(r.arms).toBe(r.city);
	});

	it('imports Paris sectors written by arrondissement as written: 2 sectors, populations are the sums', async () => {
		const first = PARIS.slice(0, 10);
		const second = PARIS.slice(10);
		const raw = await parseSectorFile(parisFile([['75G01', 'Paris centre', first], ['75G02', 'Paris est', second]]), 'paris.csv');
		const report = validateSectors(raw, ctx);
		expect(report.issues.filter((i) => i.level === 'error')).toEqual([]);
		expect(report.sectors.map((s) => [s.code, s.communes.length])).toEqual([['75G01', 10], ['75G02', 10]]);
		expect(report.sectors[0]!.communes).toEqual(first);
		expect(report.sectors[0]!.population).toBe(armPop(first));
		expect(report.sectors[1]!.population).toBe(armPop(second));
		expect(report.sectors[0]!.population + report.sectors[1]!.population).toBe(2_103_778);
		expect(report.stats.rowsAccepted).toBe(20);
		expect(report.stats.unassigned.G).toBe(0); // Paris is covered, by its arrondissements
		expect(report.issues.some((i) => i.code === 'merged-conflict')).toBe(false);

		// Saved as checked by the store, registered as the app does, then aggregated exactly.
		const set = sectorSetFromReport(report, { name: 'Paris', id: 'paris' });
		const checked = checkSectorSet(set, 'save');
		expect(checked.ok).toBe(true);
		await registerTerritorySet(duck.db, sectorSetToTerritorySet(set));
		const port = portOf(duck.db);
		const listed = await setTerritories(port, { setId: 'paris', kind: 'G' });
		expect(listed.map((t) => [t.code, t.population, t.members.length])).toEqual([['75G01', armPop(first), 10], ['75G02', armPop(second), 10]]);

		const run = async (id: string) => {
			const q = indicatorSql(indicatorById(id)!, 'sector', { setId: 'paris', kinds: ['G'] });
			return new Map((await query<IndicatorValue>(duck.db, q.sql, q.params)).map((r) => [String(r.code), r]));
		};
		const pop = await run('population');
		expect(pop.get('75G01')!.numerator).toBe(armPop(first));
		expect(pop.get('75G02')!.numerator).toBe(armPop(second));

		// Adult beds: each sector gets the establishments of its arrondissements (ARMT), Paris's total is split exactly.
		const beds = await run('beds_adult_count');
		const expected = await query<{ arm: string; n: number }>(
			duck.db,
			`SELECT l.arm, sum(s.cap_htp)::DOUBLE AS n FROM sae_psy s JOIN arrondissement_links l ON l.source = 'sae' AND l.id = s.fi
			WHERE s.year = 2023 AND s.dis = 'GEN' AND l.arm LIKE '751%' GROUP BY 1`
		);
		const sumOf = (codes: string[]) => expected.filter((e) => codes.includes(e.arm)).reduce((s, e) => s + Number(e.n), 0);
		expect(beds.get('75G01')!.numerator).toBe(sumOf(first));
		expect(beds.get('75G02')!.numerator).toBe(sumOf(second));
		const [paris] = await query<{ n: number }>(
			duck.db,
			"SELECT sum(s.cap_htp)::DOUBLE AS n FROM sae_psy s JOIN sae_establishments e ON e.fi = s.fi WHERE s.year = 2023 AND s.dis = 'GEN' AND e.commune = '75056'"
		);
		expect(Number(beds.get('75G01')!.numerator) + Number(beds.get('75G02')!.numerator)).toBe(Number(paris!.n));
		expect(sumOf(first)).toBeGreaterThan(0);

		// GP practices (SIRENE addresses by arrondissement): the two sectors sum to the city.
		const gp = await run('gp_practices_per10k');
		const [gpParis] = await query<{ n: number }>(duck.db, "SELECT gp_practices::DOUBLE AS n FROM gp_practices WHERE commune = '75056'");
		expect(Number(gp.get('75G01')!.numerator) + Number(gp.get('75G02')!.numerator)).toBe(Number(gpParis!.n));
		expect(gp.get('75G01')!.denominator).toBe(armPop(first));
	});

	it('a file naming the city code (75056) still gives the whole city', async () => {
		const raw = await parseSectorFile(parisFile([['75G09', 'Paris', ['75056']]]), 'paris-ville.csv');
		const report = validateSectors(raw, ctx);
		expect(report.sectors).toHaveLength(1);
		expect(report.sectors[0]!.communes).toEqual(['75056']);
		expect(report.sectors[0]!.population).toBe(2_103_778);
		expect(report.stats.unassigned.G).toBe(0);
	});

	it('the city whole and some arrondissements elsewhere: the arrondissements keep their sector, the city sector the rest', async () => {
		const raw = await parseSectorFile(parisFile([['75G01', 'Paris', ['75056']], ['75G02', 'Paris 1er', ['75101']]]), 'mixte.csv');
		const report = validateSectors(raw, ctx);
		const w = report.issues.find((i) => i.code === 'city-and-arrondissements');
		expect(w?.level).toBe('warning');
		expect(w?.lines).toEqual([2]);
		expect(report.sectors.map((s) => [s.code, s.communes.length])).toEqual([['75G01', 19], ['75G02', 1]]);
		expect(report.sectors[0]!.population + report.sectors[1]!.population).toBe(2_103_778);
	});

	it('half of Lyon by arrondissement: the other arrondissements are listed without a sector, not the city', async () => {
		const raw = await parseSectorFile(parisFile([['69G01', 'Lyon nord', ['69381', '69384']]]), 'lyon.csv');
		const report = validateSectors(raw, ctx);
		const missing = report.unassigned.filter((u) => u.commune.startsWith('6938') || u.commune === '69123').map((u) => u.commune).sort();
		expect(missing).toEqual(['69382', '69383', '69385', '69386', '69387', '69388', '69389']);
	});
});
