import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { communeFromFiness, defaultCrs, ET_FIELDS, finessLuhnOk, finessToWgs84, parseFiness } from '../../../data/parsers/finess.ts';

const FIX = join(import.meta.dirname, '../../fixtures/finess');
const bytes = (name: string) => new Uint8Array(readFileSync(join(FIX, name)));

/** Mayotte fixture point: on the UTM 38S central meridian (45°E), northing = 10 000 000 − 0.9996·M(12.8°),
 * M the GRS80 meridian arc, computed here independently of proj4. */
function utmSouthNorthingOnCentralMeridian(latDeg: number): number {
	const a = 6378137;
	const f = 1 / 298.257222101;
	const e2 = f * (2 - f);
	const e4 = e2 * e2;
	const e6 = e4 * e2;
	const p = (latDeg * Math.PI) / 180;
	const M =
		a *
		((1 - e2 / 4 - (3 * e4) / 64 - (5 * e6) / 256) * p -
			((3 * e2) / 8 + (3 * e4) / 32 + (45 * e6) / 1024) * Math.sin(2 * p) +
			((15 * e4) / 256 + (45 * e6) / 1024) * Math.sin(4 * p) -
			((35 * e6) / 3072) * Math.sin(6 * p));
	return 10_000_000 - 0.9996 * M;
}

describe('FINESS helpers', () => {
	it('has the 31 documented structureet fields in file order', () => {
		expect(ET_FIELDS).toHaveLength(31);
		expect(ET_FIELDS.slice(0, 3)).toEqual(['nofinesset', 'nofinessej', 'rs']);
		expect(ET_FIELDS[11]).toBe('commune');
		expect(ET_FIELDS[12]).toBe('departement');
		expect(ET_FIELDS[17]).toBe('categetab');
		expect(ET_FIELDS[21]).toBe('siret');
		expect(ET_FIELDS[27]).toBe('dateouv');
		expect(ET_FIELDS[30]).toBe('numuai');
	});

	it('Lambert-93 origin (700000, 6600000) is exactly 3°E 46.5°N', () => {
		const [lon, lat] = finessToWgs84(700000, 6600000, 'EPSG:2154')!;
		expect(lon).toBeCloseTo(3, 9);
		expect(lat).toBeCloseTo(46.5, 9);
	});

	it('UTM 38S (Mayotte) point on the central meridian', () => {
		const y = utmSouthNorthingOnCentralMeridian(12.8);
		const [lon, lat] = finessToWgs84(500000, y, 'EPSG:4471')!;
		expect(lon).toBeCloseTo(45, 7);
		expect(lat).toBeCloseTo(-12.8, 7);
	});

	it('chooses the projection by département', () => {
		expect(defaultCrs('01')).toBe('EPSG:2154');
		expect(defaultCrs('2A')).toBe('EPSG:2154');
		expect(defaultCrs('971')).toBe('EPSG:5490');
		expect(defaultCrs('972')).toBe('EPSG:5490');
		expect(defaultCrs('973')).toBe('EPSG:2972');
		expect(defaultCrs('974')).toBe('EPSG:2975');
		expect(defaultCrs('976')).toBe('EPSG:4471');
		expect(finessToWgs84(1, 1, 'EPSG:9999')).toBeNull();
	});

	it('builds INSEE commune codes from département + 3-digit commune', () => {
		expect(communeFromFiness('01', '053')).toEqual({ dep: '01', commune: '01053' });
		expect(communeFromFiness('2A', '004')).toEqual({ dep: '2A', commune: '2A004' });
		expect(communeFromFiness('9A', '101')).toEqual({ dep: '971', commune: '97101' });
		expect(communeFromFiness('9B', '209')).toEqual({ dep: '972', commune: '97209' });
		expect(communeFromFiness('9C', '302')).toEqual({ dep: '973', commune: '97302' });
		expect(communeFromFiness('9D', '411')).toEqual({ dep: '974', commune: '97411' });
		expect(communeFromFiness('9F', '611')).toEqual({ dep: '976', commune: '97611' });
		expect(communeFromFiness('971', '101')).toEqual({ dep: '971', commune: '97101' });
		expect(communeFromFiness('9A', '127')).toEqual({ dep: '978', commune: '97801' }); // Saint-Martin
		expect(communeFromFiness('9A', '123')).toEqual({ dep: '977', commune: '97701' }); // Saint-Barthélemy
		expect(communeFromFiness('9A', '401')).toBeNull();
		expect(communeFromFiness('01', '53')).toBeNull();
	});

	it('checks the Luhn key of numeric FINESS numbers', () => {
		expect(finessLuhnOk('010000024')).toBe(true); // CH de Fleyriat, a real FINESS number
		expect(finessLuhnOk('010000025')).toBe(false);
		expect(finessLuhnOk('2A0000022')).toBe(true);
	});
});

describe('parseFiness (fixtures)', () => {
	const utf8 = parseFiness(bytes('etalab-cs1100507-stock-sample-utf8.csv'));
	const by = new Map(utf8.rows.map((r) => [r.finess, r]));

	it('reads the extract number and date from line 1', () => {
		expect(utf8.extractDate).toBe('2025-12-01');
		expect(utf8.extractNumber).toBe('100');
	});

	it('keeps only the dashboard groups and counts every other line under a reason', () => {
		expect(utf8.rows.map((r) => r.finess).sort()).toEqual(['010000123', '010000131', '010000149', '010000164', '2A0000230', '970100012', '980500111']);
		expect(utf8.quality.rows_read).toBe(21);
		expect(utf8.quality.rejections).toEqual({
			'malformed structureet line (wrong field count)': 2,
			'bad FINESS number': 1,
			'duplicate ET': 1,
			'unknown line type': 1,
			'category out of scope': 1,
			'COM out of scope': 1,
			'geolocalisation: coordinates outside France': 1,
			'geolocalisation of an ET not kept': 1,
			'geolocalisation without structureet line': 1
		});
		expect(utf8.quality.examples!['category out of scope']).toEqual(['500']);
	});

	it('maps fields, groups and dates; converts Lambert-93', () => {
		expect(by.get('010000123')).toEqual({
			finess: '010000123',
			finess_ej: '010000115',
			name: 'CENTRE MÉDICO-PSYCHOLOGIQUE ADULTES DE BOURG',
			category: '156',
			category_label: 'Centre Médico-Psychologique (C.M.P.)',
			group: 'cmp',
			kind_basis: 'categorie',
			public: 'adulte', // « ADULTES » in the name
			address: '12 R DES TESTS',
			postal_code: '01000',
			city: 'BOURG EN BRESSE',
			phone: '0400000000',
			updated: '2024-01-15',
			commune: '01053',
			dep: '01',
			lon: expect.closeTo(3, 9),
			lat: expect.closeTo(46.5, 9),
			placement: 'code_commune',
			sae_fi: null,
			siret: '26010004500012',
			date_open: '2001-02-03'
		});
		// 31-field line (no numuai), short name used when rslongue is empty
		expect(by.get('010000131')).toMatchObject({ name: 'CATTP', group: 'cattp', commune: '01004', siret: null });
		expect(by.get('010000131')!.lon).toBeGreaterThan(5);
		expect(by.get('010000164')).toMatchObject({ group: 'eam', category: '437' });
		expect(by.get('2A0000230')).toMatchObject({ commune: '2A004', dep: '2A', lon: null, lat: null });
	});

	it('converts DROM points with the right UTM zone (named EPSG or département default)', () => {
		const gp = by.get('970100012')!;
		expect(gp).toMatchObject({ dep: '971', commune: '97101' });
		expect(gp.lon!).toBeGreaterThan(-61.6);
		expect(gp.lon!).toBeLessThan(-61.4);
		expect(gp.lat!).toBeGreaterThan(16.1);
		expect(gp.lat!).toBeLessThan(16.4);
		const yt = by.get('980500111')!;
		expect(yt).toMatchObject({ dep: '976', commune: '97611' });
		expect(yt.lon!).toBeCloseTo(45, 5);
		expect(yt.lat!).toBeCloseTo(-12.8, 5);
	});

	it('keeps hostile content as plain strings and drops only the bad coordinates', () => {
		expect(by.get('010000149')).toMatchObject({
			name: 'LE "PHARE" <b>ESAT</b>',
			group: 'esat',
			lon: null,
			lat: null
		});
		const f: string[] = new Array(32).fill('');
		f[0] = 'structureet';
		f[1] = '010000149';
		f[3] = '<script>alert(1)</script>';
		f[4] = "Robert' OR '1'='1 --";
		f[12] = '053';
		f[13] = '01';
		f[18] = '156';
		const res = parseFiness(`finess;etalab;1;2025-01-01\n${f.join(';')}\n`);
		expect(res.rows[0]?.name).toBe("Robert' OR '1'='1 --");
		// A ';' inside a name shifts every field: the line is rejected, never read misaligned.
		const shifted = parseFiness(`finess;etalab;1;2025-01-01\n${f.join(';').replace('Robert', 'Rob;ert')}\n`);
		expect(shifted.rows).toEqual([]);
		expect(shifted.quality.rejections).toEqual({ 'malformed structureet line (wrong field count)': 1 });
		f[4] = '';
		expect(parseFiness(`finess;etalab;1;2025-01-01\n${f.join(';')}\n`).rows[0]?.name).toBe('<script>alert(1)</script>');
	});

	it('decodes a latin-1 file (CRLF) identically to the UTF-8 one', () => {
		const latin = parseFiness(bytes('etalab-cs1100507-stock-sample-latin1.csv'));
		expect(latin.rows).toEqual(utf8.rows);
		expect(latin.quality.rejections).toEqual(utf8.quality.rejections);
		expect(latin.rows.find((r) => r.finess === '010000123')?.name).toBe('CENTRE MÉDICO-PSYCHOLOGIQUE ADULTES DE BOURG');
	});

	it('maps communes through the COG alias table when given', () => {
		const aliases = new Map([
			['01053', '01053'],
			['01004', '01004'],
			['97101', '97101']
		]);
		const res = parseFiness(bytes('etalab-cs1100507-stock-sample-utf8.csv'), { aliases });
		const m = new Map(res.rows.map((r) => [r.finess, r.commune]));
		expect(m.get('010000123')).toBe('01053');
		expect(m.get('970100012')).toBe('97101');
		expect(m.get('2A0000230')).toBeNull(); // not in this tiny table
	});

	it('a file with a bad first line yields a clear French error', () => {
		expect(() => parseFiness(bytes('bad-first-line.csv'))).toThrow(/Fichier FINESS non reconnu : la première ligne devrait être « finess;etalab;NN;AAAA-MM-JJ »/);
		expect(() => parseFiness('')).toThrow(/Fichier FINESS non reconnu/);
	});
});
