/**
 * Takeaway sentences: wording on hand-written figures, and on the real artefacts (Node DuckDB)
 * the Creuse's figures read back from the sentence equal sums written here independently of
 * indicatorSql; map data restricted to the département.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../../src/lib/db/query';
import { registerTerritorySet } from '../../../src/lib/geo/territories';
import { INDICATORS } from '../../../src/lib/indicators/catalogue';
import { communeOwners, levelValues, sectorFits } from '../../../src/lib/projection/mapdata';
import { rateSentence, takeaway, territorySentence } from '../../../src/lib/projection/takeaway';
import { describeArtefacts, loadAllArtefacts } from '../../helpers/artefacts';
import type { NodeDuckDB } from '../../helpers/duckdb-node';

const def = (id: string) => INDICATORS.find((d) => d.id === id)!;
const BEDS = def('beds_adult_per100k');
const NB = '\u00a0';
/** French number in a sentence ('38,2', '1 234') → number. */
const fr = (s: string) => Number(s.replace(/[\s\u202f\u00a0]/g, '').replace(',', '.'));

describe('takeaway wording', () => {
	it('states the value, France and the gap in units, in words', () => {
		expect(rateSentence('Creuse', BEDS, { value: 38.24, france: 61.04, gap: -27 })).toBe(
			`Creuse : 38,2${NB}lits pour 100 000 habitants de 16 ans et plus ; France : 61,0 — soit 27${NB}lits de moins qu’au taux national.`
		);
		expect(rateSentence('Rhône', BEDS, { value: 70, france: 61, gap: 1 })).toMatch(/— soit 1\u00a0lit de plus qu’au taux national\.$/);
		expect(rateSentence('Rhône', BEDS, { value: 61, france: 61, gap: 0 })).toMatch(/— soit le taux national\.$/);
	});

	it('says when a figure is missing instead of inventing one', () => {
		expect(rateSentence('Mayotte', BEDS, { value: null, france: 61, gap: null })).toBe('Mayotte : lits de psychiatrie générale (temps plein), donnée non disponible.');
		expect(rateSentence('Creuse', BEDS, { value: 38, france: null, gap: null })).toBe(`Creuse : 38,0${NB}lits pour 100 000 habitants de 16 ans et plus.`);
		// A count has no national equivalent: no France figure.
		expect(rateSentence('Creuse', def('cmp_count'), { value: 7, france: 3100, gap: null })).toBe(`Creuse : 7${NB}CMP.`);
		expect(territorySentence('Creuse', null, null)).toBe('Creuse : population non disponible.');
		expect(territorySentence('Creuse', 115995, { count: 9, label: 'EPCI' })).toBe(`Creuse : 115\u202f995${NB}habitants ; ses communes relèvent de 9${NB}EPCI.`);
	});
});

describeArtefacts('takeaway on the real artefacts (Creuse)', () => {
	let duck: NodeDuckDB;
	const sql = <T>(s: string, p: unknown[] = []) => query<T>(duck.db, s, p);
	const place = { dep: '23', name: 'Creuse' };

	beforeAll(async () => {
		duck = await loadAllArtefacts();
	});
	afterAll(() => duck?.close());

	it('adult beds: value, France and gap equal independent sums', async () => {
		const text = await takeaway(duck.db, BEDS, { kind: 'lits-adultes', maille: 'departement' }, place, null);
		const m = text.match(/^Creuse : ([\d\s\u202f,]+)\u00a0lits pour 100 000 habitants de 16 ans et plus ; France : ([\d\s\u202f,]+) — soit ([\d\s\u202f]+)\u00a0lits? de (moins|plus) qu’au taux national\.$/);
		expect(m, text).not.toBeNull();
		const beds = async (dep: string | null) =>
			(await sql<{ n: number }>(
				`SELECT coalesce(sum(p.cap_htp), 0)::DOUBLE AS n FROM sae_psy p
				 WHERE p.year = 2023 AND p.dis = 'GEN'
				   AND p.fi IN (SELECT e.fi FROM sae_establishments e JOIN communes c ON c.code = e.commune WHERE $1::VARCHAR IS NULL OR c.dep = $1)`,
				[dep]
			))[0]!.n;
		const pop = async (dep: string | null) =>
			(await sql<{ n: number }>('SELECT sum(pop_16_plus)::DOUBLE AS n FROM population_dep WHERE year = 2023 AND ($1::VARCHAR IS NULL OR dep = $1)', [dep]))[0]!.n;
		const [b, p, bf, pf] = [await beds('23'), await pop('23'), await beds(null), await pop(null)];
		const own = (b / p) * 1e5;
		const france = (bf / pf) * 1e5;
		expect(fr(m![1]!)).toBeCloseTo(own, 1);
		expect(fr(m![2]!)).toBeCloseTo(france, 1);
		const gap = Math.round(b - (france * p) / 1e5);
		expect(fr(m![3]!)).toBe(Math.abs(gap));
		expect(m![4]).toBe(gap < 0 ? 'moins' : 'plus');
	});

	it('GP proxy: practices per 10 000 inhabitants against France', async () => {
		const text = await takeaway(duck.db, def('gp_practices_per10k'), { kind: 'medecins', maille: 'epci' }, place, null);
		const m = text.match(/^Creuse : ([\d\s\u202f,]+)\u00a0cabinets pour 10 000 habitants ; France : ([\d\s\u202f,]+) — soit ([\d\s\u202f]+)\u00a0cabinets? de (moins|plus)/);
		expect(m, text).not.toBeNull();
		const [r] = await sql<{ g: number; p: number; gf: number; pf: number }>(
			`SELECT (SELECT sum(g.gp_practices) FROM gp_practices g JOIN communes c ON c.code = g.commune WHERE c.dep = '23')::DOUBLE AS g,
			        (SELECT sum(population) FROM communes WHERE dep = '23')::DOUBLE AS p,
			        (SELECT sum(gp_practices) FROM gp_practices WHERE commune IN (SELECT code FROM communes))::DOUBLE AS gf,
			        (SELECT sum(population) FROM communes)::DOUBLE AS pf`
		);
		expect(fr(m![1]!)).toBeCloseTo((r!.g / r!.p) * 1e4, 1);
		expect(fr(m![2]!)).toBeCloseTo((r!.gf / r!.pf) * 1e4, 1);
	});

	it('territory: population and the EPCI of its communes; with a sector set, its sectors', async () => {
		const [r] = await sql<{ p: number; n: number; communes: string[] }>(
			`SELECT sum(population)::DOUBLE AS p, (SELECT count(*) FROM (SELECT epci FROM communes WHERE dep = '23' AND epci IS NOT NULL GROUP BY epci))::INTEGER AS n,
			        list(code ORDER BY code) AS communes
			 FROM communes WHERE dep = '23'`
		);
		const text = await takeaway(duck.db, def('population'), { kind: 'territoire', maille: 'epci' }, place, null);
		expect(text).toBe(territorySentence('Creuse', r!.p, { count: r!.n, label: 'EPCI' }));
		expect(r!.n).toBeGreaterThan(3);

		// Two sectors splitting the Creuse's communes, plus one outside it that must not count.
		const communes = [...r!.communes];
		const half = Math.floor(communes.length / 2);
		await registerTerritorySet(duck.db, {
			id: 'test-creuse',
			label: 'Secteurs test',
			level: 'sector',
			territories: [
				{ code: '23G01', name: 'Nord', kind: 'G', communes: communes.slice(0, half), finess: null },
				{ code: '23G02', name: 'Sud', kind: 'G', communes: communes.slice(half), finess: null },
				{ code: '87G01', name: 'Limoges', kind: 'G', communes: ['87085'], finess: null }
			]
		});
		const sectors = { setId: 'test-creuse', type: 'G' as const };
		const s = await takeaway(duck.db, def('population'), { kind: 'territoire', maille: 'sector' }, place, sectors);
		expect(s).toMatch(/ses communes relèvent de 2\u00a0secteurs de psychiatrie générale\.$/);
		const owner = await communeOwners(duck.db, '23', 'sector', sectors);
		expect(owner.size).toBe(communes.length);
		expect(new Set(owner.values())).toEqual(new Set(['23G01', '23G02']));
		const values = await levelValues(duck.db, def('gp_practices_per10k'), 'sector', sectors);
		expect([...values.keys()].sort()).toEqual(['23G01', '23G02', '87G01']);
	});

	it('EPCI owners cover exactly the département’s communes', async () => {
		const owner = await communeOwners(duck.db, '23', 'epci', null);
		const [n] = await sql<{ n: number }>("SELECT count(*)::INTEGER AS n FROM communes WHERE dep = '23' AND epci IS NOT NULL");
		expect(owner.size).toBe(n!.n);
		expect([...owner.keys()].every((c) => c.startsWith('23'))).toBe(true);
		const values = await levelValues(duck.db, def('population'), 'epci', null);
		for (const e of new Set(owner.values())) expect(values.get(e)?.value, e).toBeGreaterThan(0);
	});

	it('fits sector types to the indicator’s discipline', () => {
		expect(sectorFits(BEDS, 'G')).toBe(true);
		expect(sectorFits(BEDS, 'I')).toBe(false);
		expect(sectorFits(def('beds_child_per100k'), 'I')).toBe(true);
		expect(sectorFits(def('gp_practices_per10k'), 'I')).toBe(true);
	});
});
