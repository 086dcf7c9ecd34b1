/**
 * FHIR NDJSON reader on real-shaped lines (tests/fixtures/finess/fhir-sample.ndjson: real lines of the
 * 2021 file — a CMP 156 of the Ain, a Morbihan 292 site named CMP, a Réunion ESAT and SAMSAH and a
 * Guyane CATTP with their wrong-as-stored positions, a CMP without Location, a CH, an out-of-scope
 * 219 — plus one hand-edited hostile name, a Location placed before its Organization and a truncated
 * line), packed into a .tar.gz here with tar-stream, as the mirror's archives are.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import proj4 from 'proj4';
import { pack } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { FINESS_CRS } from '../../../data/parsers/finess.ts';
import { depFromFiness, parseFinessFhir, recoverOverseas, tarNdjsonLines, undoCsvQuoting } from '../../../data/parsers/finess-fhir.ts';

const NDJSON = readFileSync(join(import.meta.dirname, '../../fixtures/finess/fhir-sample.ndjson'));
// Real lines of the 2021 file whose name or address line kept the extraction's CSV quoting.
const QUOTED = readFileSync(join(import.meta.dirname, '../../fixtures/finess/fhir-quoted.ndjson'));

async function tarOf(files: Record<string, Uint8Array | string>): Promise<Uint8Array> {
	const p = pack();
	for (const [name, body] of Object.entries(files)) p.entry({ name }, Buffer.from(body));
	p.finalize();
	const chunks: Buffer[] = [];
	for await (const c of p) chunks.push(c as Buffer);
	return new Uint8Array(Buffer.concat(chunks));
}

describe('depFromFiness', () => {
	it('takes the first two characters, and 97 + 4th character overseas', () => {
		expect(depFromFiness('010000024')).toBe('01');
		expect(depFromFiness('2A0000230')).toBe('2A');
		expect(depFromFiness('560016578')).toBe('56');
		expect(depFromFiness('970100012')).toBe('971');
		expect(depFromFiness('970200012')).toBe('972');
		expect(depFromFiness('970301586')).toBe('973');
		expect(depFromFiness('970403630')).toBe('974');
		expect(depFromFiness('975000010')).toBeNull(); // Saint-Pierre-et-Miquelon: not a département of the atlas
		expect(depFromFiness('200000010')).toBeNull(); // '20' is no longer a département
		expect(depFromFiness('12345')).toBeNull();
	});
});

describe('recoverOverseas', () => {
	it('undoes a Lambert-93 conversion of UTM coordinates (zone 40S central meridian → 57°E)', () => {
		// What the generator did: treat UTM 40S (500000, 7680000) as Lambert-93 and convert it.
		const [lon, lat] = proj4(FINESS_CRS['EPSG:2154']!, 'WGS84', [500000, 7680000]);
		const [rlon, rlat] = recoverOverseas(lon!, lat!, '974')!;
		expect(rlon).toBeCloseTo(57, 6);
		const [, expectedLat] = proj4(FINESS_CRS['EPSG:2975']!, 'WGS84', [500000, 7680000]);
		expect(rlat).toBeCloseTo(expectedLat!, 6);
		expect(rlat).toBeGreaterThan(-21.1);
		expect(rlat).toBeLessThan(-20.9);
	});
});

describe('parseFinessFhir (fixture archive)', async () => {
	const gz = gzipSync(await tarOf({ 'etab-sample.ndjson': NDJSON, 'README.txt': 'not ndjson' }));
	const res = await parseFinessFhir([{ name: 'etab-sample.tar.gz', bytes: new Uint8Array(gz) }]);
	const by = new Map(res.sites.map((s) => [s.finess, s]));

	it('reads every Organization, pairs Locations in any order, reports the bad line', () => {
		expect(res.organizations).toBe(9);
		expect(res.locations).toBe(7);
		expect(res.sites).toHaveLength(9);
		const q = res.quality.build();
		expect(q.rows_read).toBe(9);
		expect(q.rejections).toEqual({ 'ligne JSON illisible': 1 });
		expect(res.withoutPosition.sort()).toEqual(['570012948', '750045163']);
	});

	it('maps identifiers, name, category, address, phone and dates', () => {
		expect(by.get('010002236')).toEqual({
			finess: '010002236',
			finess_ej: '010783009',
			name: 'CMP ENFANTS-ADO BOURG-EN-BRESSE',
			category: '156',
			category_label: 'Centre Médico-Psychologique (C.M.P.)',
			address: "14 R DE L'ECOLE",
			postal_code: '01000',
			city: 'BOURG EN BRESSE',
			phone: expect.stringMatching(/^0\d{9}$/),
			updated: '2020-10-08',
			dep: '01',
			lon: 5.22649142224292, // metropolitan positions are kept as stored
			lat: 46.20815448936832,
			siret: expect.stringMatching(/^\d{14}$/),
			date_open: '1996-10-23'
		});
		expect(by.get('970403630')).toMatchObject({ address: '110 CHE PITON DEFAUD, CAMBAIE', category: '246', dep: '974' });
	});

	it('re-projects overseas positions (stored in Scotland or the Gulf of Guinea) to their island', () => {
		const esat = by.get('970403630')!; // ESAT Edmond Albius, Saint-Paul (Réunion): stored at 56.05 N −2.96
		expect(esat.reprojected).toBe(true);
		expect(esat.lat!).toBeGreaterThan(-21.1);
		expect(esat.lat!).toBeLessThan(-20.8);
		expect(esat.lon!).toBeGreaterThan(55.2);
		expect(esat.lon!).toBeLessThan(55.4);
		const cattp = by.get('970301586')!; // CATTP, Saint-Laurent-du-Maroni (Guyane)
		expect(cattp.lat!).toBeGreaterThan(5.3);
		expect(cattp.lat!).toBeLessThan(5.6);
		expect(cattp.lon!).toBeGreaterThan(-54.1);
		expect(cattp.lon!).toBeLessThan(-53.9);
		expect(res.reprojected).toBe(3);
		expect(by.get('010002236')!.reprojected).toBeUndefined();
	});

	it('keeps a site without Location, with null coordinates', () => {
		expect(by.get('570012948')).toMatchObject({ name: 'CMP ADULTES HAYANGE/CHS JURY', lon: null, lat: null, dep: '57' });
	});

	it('keeps hostile names as plain strings', () => {
		expect(by.get('130030018')!.name).toBe('<script>alert("x")</script> C.M.P.P. LE "PHARE"');
	});

	it('reads an uncompressed tar too, and fails loudly on a corrupted archive', async () => {
		const plain = await tarOf({ 'a.ndjson': '{"x":1}\n{"y":2}' });
		const lines: string[] = [];
		for await (const l of tarNdjsonLines(plain)) lines.push(l);
		expect(lines).toEqual(['{"x":1}', '{"y":2}']);
		const broken = new Uint8Array(gz.subarray(0, 200));
		broken[150] = broken[150]! ^ 0xff;
		await expect(parseFinessFhir([{ name: 'broken.tar.gz', bytes: broken }])).rejects.toThrow();
	});
});

describe('CSV quoting left by the generator', () => {
	it('unwraps a value quoted once or twice as a CSV field, and keeps literal quotes', () => {
		expect(undoCsvQuoting('"AGIPSAH ""FOYER D\'HEBERGEMENT"""')).toBe('AGIPSAH "FOYER D\'HEBERGEMENT"');
		expect(undoCsvQuoting('"""LES ATELIERS DU CENTRE"""')).toBe('"LES ATELIERS DU CENTRE"'); // FINESS writes this name in quotes
		expect(undoCsvQuoting('"""""SELARL PHARMACIE GRAND"""""')).toBe('"SELARL PHARMACIE GRAND"'); // written twice
		expect(undoCsvQuoting('"Lieu dit """"LES BOURBES"""""')).toBe('Lieu dit "LES BOURBES"');
		expect(undoCsvQuoting('3 LOT """""LA GALERIE DE MALASSAN"""""')).toBe('3 LOT "LA GALERIE DE MALASSAN"');
		expect(undoCsvQuoting('C.M.P.P. LE "PHARE"')).toBe('C.M.P.P. LE "PHARE"');
		expect(undoCsvQuoting('"A" ET "B"')).toBe('"A" ET "B"'); // not one field: two quoted words
		expect(undoCsvQuoting('"')).toBe('"');
	});

	it('gives the names and address lines of the real quoted lines as written in FINESS', async () => {
		const gz = gzipSync(await tarOf({ 'etab-quoted.ndjson': QUOTED }));
		const res = await parseFinessFhir([{ name: 'etab-quoted.tar.gz', bytes: new Uint8Array(gz) }]);
		const by = new Map(res.sites.map((s) => [s.finess, s]));
		expect(by.get('970107850')).toMatchObject({ name: 'AGIPSAH "FOYER D\'HEBERGEMENT"', category: '382', dep: '971' });
		expect(by.get('350052437')).toMatchObject({ name: "LIEU DE VIE ET D'ACCUEIL 3 PETITS PAS", address: 'LIEU-DIT "LA BIGOTIÈRE"' });
		expect((res.quality.build().notes ?? []).some((n) => /^1 noms? d’établissement .*guillemets CSV/.test(n))).toBe(true);
	});
});
