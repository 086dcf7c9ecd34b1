/**
 * Own indicators on the real artefacts: the fixture (tests/fixtures/own-indicators, numerators =
 * INSEE 2023 population under 16 per département, Mayotte written « n.d. », a « Total » line) is
 * read, checked, registered in DuckDB and computed by the catalogue builder; the département value
 * over the population aged 16+ must equal pop_0_15 / pop_16_plus × 100 from population_dep.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { indicatorSql } from '../../../src/lib/indicators/sql';
import { checkOwnIndicator, ownIndicatorDef, type OwnIndicator } from '../../../src/lib/own-indicators/model';
import { readOwnTable, validateOwnTable, type OwnCodeContext } from '../../../src/lib/own-indicators/parse';
import { registerOwnIndicator } from '../../../src/lib/own-indicators/register';
import { indicatorFigures, indicatorFrame } from '../../../src/lib/queries/indicators';
import { ownCodeContext } from '../../../src/lib/queries/own-indicators';
import { referencesFor } from '../../../src/lib/queries/references';
import { portOf, type QueryPort } from '../../../src/lib/queries/port';
import { describeArtefacts, loadAllArtefacts } from '../../helpers/artefacts';
import type { NodeDuckDB } from '../../helpers/duckdb-node';

const FIXTURE = 'tests/fixtures/own-indicators/test-moins-de-16-ans-par-departement.csv';
const NOW = '2026-12-02T00:00:00.000Z';
const enc = (s: string) => new TextEncoder().encode(s);

function record(over: Partial<OwnIndicator>): OwnIndicator {
	return {
		id: 'own-test0001',
		name: 'Test moins de 16 ans',
		unit: 'jeunes',
		source: 'Fichier de test (INSEE 2023)',
		year: 2023,
		favourable: 'neutral',
		priority: 1,
		level: 'departement',
		setId: null,
		mode: 'ratio',
		base: 'age_16_plus',
		scale: 100,
		additive: true,
		reference: null,
		fileName: 'test.csv',
		rows: [],
		createdAt: NOW,
		updatedAt: NOW,
		...over
	};
}

describeArtefacts('own indicators on the artefacts', () => {
	let duck: NodeDuckDB;
	let port: QueryPort;
	let ctx: OwnCodeContext;
	beforeAll(async () => {
		duck = await loadAllArtefacts();
		port = portOf(duck.db);
		ctx = await ownCodeContext(port);
	}, 60_000);
	afterAll(() => duck?.close());

	it('the fixture: 100 rows kept, Mayotte rejected with its line and reason, « Total » an unknown code, « 1 » and « 2a » normalised', async () => {
		const table = await readOwnTable(readFileSync(FIXTURE), 'test.csv');
		expect(table.guess).toEqual({ code: 0, value: 2 });
		const r = validateOwnTable(table, { level: 'departement', codeColumn: 0, valueColumn: 2 }, ctx);
		expect(r.decimal).toBe(',');
		expect(r.rows.length).toBe(100);
		expect(r.rejected).toEqual([{ line: 102, code: '976', value: 'n.d.', reason: 'valeur absente ou secrétisée (« n.d. »)' }]);
		expect(r.unknown).toEqual([{ line: 103, code: 'Total' }]);
		expect(r.blocking).toEqual([]);
		expect(r.rows.find((x) => x.code === '01')).toBeTruthy();
		expect(r.rows.find((x) => x.code === '2A')).toBeTruthy();
	});

	it('registered and computed: département = pop_0_15 / pop_16_plus × 100 (INSEE 2023); région only when complete; France null, so the user reference stands', async () => {
		const table = await readOwnTable(readFileSync(FIXTURE), 'test.csv');
		const r = validateOwnTable(table, { level: 'departement', codeColumn: 0, valueColumn: 2 }, ctx);
		const ind = record({ rows: r.rows, reference: { value: 25, label: 'Référence de test' } });
		expect(checkOwnIndicator(ind).ok).toBe(true);
		await registerOwnIndicator(duck.db, ind);
		const def = ownIndicatorDef(ind);
		expect(def.label).toContain('donnée importée');
		expect(def.levels).toEqual(['departement', 'region', 'france']);
		const deps = await indicatorFrame(port, def, 'departement');
		const expected = await port.query<{ dep: string; v: number }>(
			'SELECT dep, pop_0_15::DOUBLE * 100 / pop_16_plus AS v FROM population_dep WHERE year = 2023 AND dep <> $1 ORDER BY dep',
			['976']
		);
		const got = new Map(deps.map((d) => [d.code, d.value]));
		for (const e of expected) expect(got.get(String(e.dep))).toBeCloseTo(e.v, 9);
		expect(got.get('976')).toBeNull();
		// Auvergne-Rhône-Alpes complete; Mayotte's région and France are not.
		const ara = await indicatorFigures(port, def, 'region', '84');
		const [exp84] = await port.query<{ v: number }>(
			'SELECT SUM(pd.pop_0_15)::DOUBLE * 100 / SUM(pd.pop_16_plus) AS v FROM population_dep pd JOIN departements d ON d.code = pd.dep WHERE pd.year = 2023 AND d.reg = $1',
			['84']
		);
		expect(ara.value).toBeCloseTo(exp84!.v, 9);
		expect((await indicatorFigures(port, def, 'region', '06')).value).toBeNull();
		expect((await indicatorFigures(port, def, 'france', 'FR')).value).toBeNull();
		const refs = await referencesFor(duck.db, def, 'departement', '69');
		expect(refs.find((x) => x.kind === 'france')!.value).toBeNull();
		expect(refs.find((x) => x.kind === 'region')!.value).toBeCloseTo(exp84!.v, 9);
		expect(refs.find((x) => x.kind === 'published')).toMatchObject({ value: 25, label: 'Référence de test', comparable: true });
		// Below the file's level nothing is computed.
		expect(() => indicatorSql(def, 'commune')).toThrow(/non calculable/);
	}, 60_000);

	it('a value that is not a sum exists at its own level only; the id is bound, never spliced', async () => {
		const ind = record({ id: 'own-test0002', mode: 'value', base: null, scale: 1, additive: false, rows: [{ code: '69', v: 12.5 }, { code: '01', v: 3 }] });
		await registerOwnIndicator(duck.db, ind);
		const def = ownIndicatorDef(ind);
		expect(def.levels).toEqual(['departement']);
		const q = indicatorSql(def, 'departement');
		expect(q.sql).not.toContain('own-test0002');
		expect(q.params).toContain('own-test0002');
		const rows = await indicatorFrame(port, def, 'departement', { filter: { codes: ['01', '02', '69'] } });
		expect(rows.map((x) => [x.code, x.value])).toEqual([['01', 3], ['02', null], ['69', 12.5]]);
		// Re-registering replaces the rows (one transaction).
		await registerOwnIndicator(duck.db, { ...ind, rows: [{ code: '69', v: 7 }] });
		expect((await indicatorFigures(port, def, 'departement', '01')).value).toBeNull();
		expect((await indicatorFigures(port, def, 'departement', '69')).value).toBe(7);
	});

	it('communes: former codes mapped through commune_aliases, duplicates after mapping refused, sums go up to the EPCI and département', async () => {
		const [alias] = await port.query<{ alias: string; code: string }>(
			"SELECT alias, code FROM commune_aliases WHERE kind = 'ancien' AND alias NOT IN (SELECT code FROM communes) ORDER BY alias LIMIT 1"
		);
		expect(alias).toBeTruthy();
		const csv = `code;valeur\n${alias!.alias};5\n`;
		const r = validateOwnTable(await readOwnTable(enc(csv), 'a.csv'), { level: 'commune', codeColumn: 0, valueColumn: 1 }, ctx);
		expect(r.mapped).toEqual([{ line: 2, from: alias!.alias, to: alias!.code }]);
		expect(r.rows).toEqual([{ code: alias!.code, v: 5 }]);
		const dup = validateOwnTable(await readOwnTable(enc(`${csv}${alias!.code};6\n`), 'b.csv'), { level: 'commune', codeColumn: 0, valueColumn: 1 }, ctx);
		expect(dup.duplicates).toEqual([{ code: alias!.code, lines: [2, 3] }]);
		expect(dup.blocking[0]).toMatch(/plusieurs fois.*lignes 2, 3/);

		// Every commune of the Creuse with its population: the département sum is its population.
		const communes = await port.query<{ code: string; population: number }>('SELECT code, population::DOUBLE AS population FROM communes WHERE dep = $1', ['23']);
		const ind = record({ id: 'own-test0003', level: 'commune', mode: 'value', base: null, scale: 1, additive: true, rows: communes.map((c) => ({ code: String(c.code), v: c.population })) });
		await registerOwnIndicator(duck.db, ind);
		const def = ownIndicatorDef(ind);
		const [pop23] = await port.query<{ p: number }>('SELECT SUM(population)::DOUBLE AS p FROM communes WHERE dep = $1', ['23']);
		expect((await indicatorFigures(port, def, 'departement', '23')).value).toBe(pop23!.p);
		expect((await indicatorFigures(port, def, 'departement', '87')).value).toBeNull();
		const epci = await indicatorFrame(port, def, 'epci', { filter: { within: { level: 'departement', code: '23' } } });
		expect(epci.some((e) => e.value !== null)).toBe(true);
	}, 60_000);
});
