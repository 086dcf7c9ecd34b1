import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAliasMap, parseCog, resolveCommune, type CogResult } from '../../../data/parsers/cog.ts';
import { describeMirror, MIRROR } from '../../helpers/mirror.ts';

const FIX = join(import.meta.dirname, '../../fixtures/cog');
const fixture = (name: string) => readFileSync(join(FIX, name), 'utf8');

describe('parseCog on the fixture', () => {
	const r = parseCog({
		communes: '\ufeff' + fixture('communes.json'), // a BOM must not break JSON.parse
		departements: fixture('departements.json'),
		regions: fixture('regions.json'),
		epci: fixture('epci.json')
	});
	const byCode = new Map(r.communes.rows.map((c) => [c.code, c]));
	const map = buildAliasMap(r.aliases.rows);

	it('keeps current communes of metro + DROM, Saint-Barthélemy attached to Guadeloupe, and counts every other row', () => {
		expect([...byCode.keys()].sort()).toEqual(['01001', '01015', '01262', '29155', '2A004', '50001', '55245', '55386', '75056', '97101', '97701']);
		const q = r.communes.quality;
		expect(q.rejections).toEqual({ 'COM (hors champ)': 1, 'malformed code': 1, 'missing population': 1 });
		expect(q.examples?.['COM (hors champ)']).toEqual(['97501']);
		// Saint-Barthélemy: a commune of Guadeloupe (971, région 01) for planning, no EPCI.
		expect(byCode.get('97701')).toMatchObject({ name: 'Saint-Barthélemy', dep: '971', reg: '01', epci: null, population: 10585 });
		expect(q.notes?.some((n) => n.includes('Saint-Barthélemy (97701): COM attached to Guadeloupe'))).toBe(true);
		expect(q.rows_read).toBe(q.rows_kept + q.rows_rejected);
	});

	it('fills the commune row (no geometry yet, EPCI from membership)', () => {
		expect(byCode.get('75056')).toEqual({
			code: '75056',
			name: 'Paris',
			dep: '75',
			reg: '11',
			epci: '200054781',
			population: 2100000,
			lon: null,
			lat: null,
			has_geom: false
		});
		expect(byCode.get('29155')!.epci).toBeNull(); // island, no EPCI
		expect(byCode.get('01001')!.epci).toBe('200042497'); // listed twice: first EPCI kept
		expect(r.communes.quality.notes?.some((n) => n.includes('two EPCI'))).toBe(true);
	});

	it('builds identity, former, delegated, associated and arrondissement aliases', () => {
		const kinds = Object.fromEntries(r.aliases.rows.map((a) => [a.alias, a.kind]));
		expect(resolveCommune(map, '01001')).toBe('01001');
		expect(kinds['01001']).toBe('actuelle');
		expect(resolveCommune(map, '75101')).toBe('75056');
		expect(kinds['75101']).toBe('arrondissement');
		expect(resolveCommune(map, '01120')).toBe('01262');
		expect(kinds['01120']).toBe('associee');
		// a delegated commune sharing its commune nouvelle's code stays an identity row
		expect(kinds['01015']).toBe('actuelle');
		// 01340 is both a delegated commune and a former code of 01015: one row
		expect(resolveCommune(map, '01340')).toBe('01015');
		expect(r.aliases.rows.filter((a) => a.alias === '01340')).toHaveLength(1);
	});

	it('resolves chains and conflicts deterministically', () => {
		// former code listed only under a delegated commune → the current commune
		expect(resolveCommune(map, '50098')).toBe('50001');
		// associated to a delegated commune → followed to the current commune
		expect(resolveCommune(map, '50097')).toBe('50001');
		// present-day attachment (associée of 55386) beats the anciensCodes of 55245; reported
		expect(resolveCommune(map, '55273')).toBe('55386');
		const q = r.aliases.quality;
		expect(q.rejections['alias points to two communes (first kept)']).toBe(1);
		expect(q.examples?.['alias points to two communes (first kept)']).toEqual(['55273→55245 (kept 55386)']);
		expect(q.rejections['target is not a current commune']).toBe(1);
		expect(resolveCommune(map, '55999')).toBeNull();
		// Saint-Barthélemy's former code (the SAE's 9A123) resolves to 97701; no other COM alias in the fixture
		expect(q.rejections['COM (hors champ)']).toBeUndefined();
		expect(resolveCommune(map, '97123')).toBe('97701');
		expect(resolveCommune(map, '9A123')).toBe('97701');
		expect(q.rows_read).toBe(q.rows_kept + q.rows_rejected);
	});

	it('accepts SAE-style and unpadded codes in resolveCommune', () => {
		expect(resolveCommune(map, '9A101')).toBe('97101');
		expect(resolveCommune(map, '1001')).toBe('01001');
		expect(resolveCommune(map, 1001)).toBe('01001');
		expect(resolveCommune(map, 'nope')).toBeNull();
		expect(resolveCommune(map, null)).toBeNull();
	});

	it('keeps départements and régions of metro + DROM, and every EPCI', () => {
		expect(r.departements.map((d) => d.code)).toEqual(['01', '2A', '75', '971']);
		expect(r.departements[3]).toEqual({ code: '971', name: 'Guadeloupe', reg: '01' });
		expect(r.regions.map((x) => x.code)).toEqual(['01', '11', '84']);
		expect(r.epci).toHaveLength(5);
		expect(r.epci[0]).toEqual({ code: '200054781', name: 'Métropole du Grand Paris', type: 'METRO' });
	});

	it('fails clearly on a non-array JSON', () => {
		expect(() => parseCog({ communes: '{}', departements: '[]', regions: '[]', epci: '[]' })).toThrow(/tableau JSON/);
	});
});

interface RawC {
	code: string;
	type: string;
	zone: string;
	population?: number;
	commune?: string;
	chefLieu?: string;
	anciensCodes?: string[];
}

describeMirror('parseCog on the mirror (COG 2026)', () => {
	let raw: RawC[];
	let r: CogResult;
	let map: Map<string, string>;
	beforeAll(() => {
		const dir = join(MIRROR!, 'cog');
		const communes = gunzipSync(readFileSync(join(dir, 'communes.json.gz'))).toString('utf8');
		raw = JSON.parse(communes) as RawC[];
		r = parseCog({
			communes,
			epci: gunzipSync(readFileSync(join(dir, 'epci.json.gz'))).toString('utf8'),
			departements: readFileSync(join(dir, 'departements.json'), 'utf8'),
			regions: readFileSync(join(dir, 'regions.json'), 'utf8')
		});
		map = buildAliasMap(r.aliases.rows);
	});

	it('matches the README counts and population, split metro+DROM / COM', () => {
		const actuelles = raw.filter((c) => c.type === 'commune-actuelle');
		expect(actuelles).toHaveLength(34969); // README
		expect(actuelles.reduce((s, c) => s + (c.population ?? 0), 0)).toBe(68952941); // README
		const inScope = actuelles.filter((c) => c.zone !== 'com' || c.code === '97701' || c.code === '97801');
		expect(r.communes.rows).toHaveLength(inScope.length);
		expect(r.communes.rows.reduce((s, c) => s + c.population, 0)).toBe(inScope.reduce((s, c) => s + (c.population ?? 0), 0));
		expect(r.communes.quality.rejections).toEqual({ 'COM (hors champ)': actuelles.length - inScope.length });
		expect(r.departements).toHaveLength(101);
		expect(r.regions).toHaveLength(18);
	});

	it('maps every arrondissement, delegated and associated commune to its parent', () => {
		let n = 0;
		for (const c of raw) {
			if (c.type === 'arrondissement-municipal') {
				expect(map.get(c.code)).toBe(c.commune);
				n++;
			} else if (c.type === 'commune-deleguee' || c.type === 'commune-associee') {
				expect(map.get(c.code)).toBe(c.chefLieu ?? c.commune);
				n++;
			}
		}
		expect(n).toBe(45 + 2105 + 471); // README counts
	});

	it('maps former codes to their commune, except reported conflicts', () => {
		const conflicts = new Set((r.aliases.quality.examples?.['alias points to two communes (first kept)'] ?? []).map((e) => e.slice(0, 5)));
		let checked = 0;
		for (const c of raw) {
			if (c.type !== 'commune-actuelle' || c.zone === 'com') continue;
			expect(map.get(c.code)).toBe(c.code);
			for (const a of c.anciensCodes ?? []) {
				if (conflicts.has(a)) continue;
				expect(map.get(a)).toBe(c.code);
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(4000);
		expect(r.aliases.quality.rejections['alias points to two communes (first kept)'] ?? 0).toBe(conflicts.size);
		// every alias points to a kept commune
		const codes = new Set(r.communes.rows.map((c) => c.code));
		expect(r.aliases.rows.every((a) => codes.has(a.code))).toBe(true);
	});

	it('attaches EPCI membership to all but a few island communes', () => {
		const none = r.communes.rows.filter((c) => c.epci === null).map((c) => c.code);
		expect(none.length).toBeLessThan(10);
		const epciCodes = new Set(r.epci.map((e) => e.code));
		expect(r.communes.rows.every((c) => c.epci === null || epciCodes.has(c.epci))).toBe(true);
	});
});
