/**
 * The query layer on the real artefacts: filters expressed to the builder (codes, within a
 * département or région, members of a set territory) keep exactly the rows the unfiltered frame
 * holds for them, with every value bound; territory lists come ordered and typed.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { indicatorById } from '../../../src/lib/indicators/catalogue';
import { indicatorSql } from '../../../src/lib/indicators/sql';
import { indicatorFigures, indicatorFrame, indicatorRow } from '../../../src/lib/queries/indicators';
import { portOf, type QueryPort } from '../../../src/lib/queries/port';
import { departements, regions, territoryName } from '../../../src/lib/queries/territories';
import { describeArtefacts, loadAllArtefacts } from '../../helpers/artefacts';
import type { NodeDuckDB } from '../../helpers/duckdb-node';

describeArtefacts('query layer', () => {
	let duck: NodeDuckDB;
	let port: QueryPort;
	beforeAll(async () => {
		duck = await loadAllArtefacts();
		port = portOf(duck.db);
	});
	afterAll(() => duck?.close());
	const beds = () => indicatorById('beds_adult_per100k')!;

	it('a code filter keeps those rows, identical to the full frame, in code order', async () => {
		const all = new Map((await indicatorFrame(port, beds(), 'departement')).map((r) => [r.code, r]));
		const some = await indicatorFrame(port, beds(), 'departement', { filter: { codes: ['23', '2A', '971'] } });
		expect(some.map((r) => r.code)).toEqual(['23', '2A', '971']);
		for (const r of some) expect(r).toEqual(all.get(r.code));
		expect(await indicatorFrame(port, beds(), 'departement', { filter: { codes: [] } })).toEqual([]);
	});

	it('a hostile code is bound, not spliced: it matches nothing and breaks nothing', async () => {
		expect(await indicatorRow(port, beds(), 'departement', "23' OR '1'='1")).toBeNull();
		const q = indicatorSql(beds(), 'departement', { filter: { codes: ["x'); DROP TABLE communes; --"] } });
		expect(q.sql).not.toContain('DROP TABLE');
		expect((await port.query<{ n: number }>('SELECT COUNT(*)::INTEGER AS n FROM communes'))[0]!.n).toBeGreaterThan(34_000);
	});

	it('"within" keeps the communes and EPCI of a département and the départements of a région', async () => {
		const gp = indicatorById('gp_practices_per10k')!;
		const communes = await indicatorFrame(port, gp, 'commune', { filter: { within: { level: 'departement', code: '23' } } });
		const expected = await port.query<{ code: string }>('SELECT code FROM communes WHERE dep = $1 ORDER BY code', ['23']);
		expect(communes.map((r) => r.code)).toEqual(expected.map((r) => String(r.code)));
		const epci = await indicatorFrame(port, gp, 'epci', { filter: { within: { level: 'departement', code: '23' } } });
		expect(epci.length).toBeGreaterThan(3);
		const deps = await indicatorFrame(port, beds(), 'departement', { filter: { within: { level: 'region', code: '75' } } });
		expect(deps.map((r) => r.code)).toEqual(['16', '17', '19', '23', '24', '33', '40', '47', '64', '79', '86', '87']);
		expect(() => indicatorSql(beds(), 'region', { filter: { within: { level: 'departement', code: '23' } } })).toThrow(/non applicable/);
	});

	it('an evolution frame is filtered the same way', async () => {
		const ev = indicatorById('beds_adult_per100k_evolution');
		if (!ev) return; // catalogue without evolutions
		const [r] = await indicatorFrame(port, ev, 'departement', { filter: { codes: ['23'] } });
		expect(r!.code).toBe('23');
	});

	it('figures of one territory equal its row; an unknown code gives nulls', async () => {
		const row = await indicatorRow(port, beds(), 'departement', '23');
		expect(await indicatorFigures(port, beds(), 'departement', '23')).toEqual({ value: row!.value, numerator: row!.numerator, denominator: row!.denominator });
		expect(await indicatorFigures(port, beds(), 'departement', '00')).toEqual({ value: null, numerator: null, denominator: null });
	});

	it('territory lists: départements by code with their région, régions by name, names by code', async () => {
		const deps = await departements(port);
		expect(deps.length).toBe(101);
		expect(deps[0]).toEqual({ code: '01', name: 'Ain', reg: '84' });
		expect([...deps.map((d) => d.code)]).toEqual([...deps.map((d) => d.code)].sort());
		const regs = await regions(port);
		expect(regs.map((r) => r.name)).toEqual([...regs.map((r) => r.name)].sort((a, b) => a.localeCompare(b, 'fr')));
		expect(await territoryName(port, 'departement', '23')).toBe('Creuse');
		expect(await territoryName(port, 'region', '00')).toBeNull();
	});
});
