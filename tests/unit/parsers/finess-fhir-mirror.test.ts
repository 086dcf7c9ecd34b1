/**
 * The national FHIR file of 2021 in the mirror (finess_fhir_2021/etab*.tar.gz): counts of the mirror
 * README §9, overseas positions recovered inside their own département and commune, and the Morbihan
 * CMP registered under catégorie 292.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Feature, FeatureCollection } from 'geojson';
import { beforeAll, expect, it } from 'vitest';
import { buildCommuneIndex, locatePoint, pointInCommune } from '../../../data/geo/points.ts';
import { parseFinessFhir, type FhirParseResult } from '../../../data/parsers/finess-fhir.ts';
import { classifyFacility } from '../../../src/lib/facilities/kind-rules.ts';
import { describeMirror, MIRROR } from '../../helpers/mirror.ts';

const OVERSEAS = ['971', '972', '973', '974'];

describeMirror('FINESS FHIR 2021 (mirror)', () => {
	let res: FhirParseResult;
	beforeAll(async () => {
		const dir = join(MIRROR!, 'finess_fhir_2021');
		const archives = readdirSync(dir)
			.filter((n) => n.endsWith('.tar.gz'))
			.sort()
			.map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));
		expect(archives).toHaveLength(10);
		res = await parseFinessFhir(archives);
	}, 180_000);

	it('reads the 95 333 établissements, each once, 9 without position', () => {
		expect(res.organizations).toBe(95_333);
		expect(res.sites).toHaveLength(95_333);
		expect(new Set(res.sites.map((s) => s.finess)).size).toBe(95_333);
		expect(res.quality.build().rejections).toEqual({});
		expect(res.withoutPosition).toHaveLength(9);
		expect(res.sites.every((s) => s.dep !== null)).toBe(true);
		expect(res.sites.find((s) => s.finess === '970100400')?.dep).toBe('978'); // CH Louis-Constant Fleming, Saint-Martin
	});

	it('keeps no CSV quoting of the extraction in names and addresses (1 722 names and 1 address line had it)', () => {
		// Undone once, a doubled quote is gone; a name FINESS itself writes in quotes keeps them.
		expect(res.sites.filter((s) => [s.name, s.address, s.city].some((v) => v?.includes('""'))).map((s) => s.finess)).toEqual([]);
		expect(res.sites.find((s) => s.finess === '150002475')?.name).toBe('"LES ATELIERS DU CENTRE"');
		expect(res.sites.find((s) => s.finess === '970107850')?.name).toBe('AGIPSAH "FOYER D\'HEBERGEMENT"');
	});

	it('has the README §9 counts by catégorie', () => {
		const n = new Map<string, number>();
		for (const s of res.sites) n.set(s.category, (n.get(s.category) ?? 0) + 1);
		const expected: Record<string, number> = {
			'156': 1746,
			'425': 485,
			'189': 480,
			'124': 2495,
			'603': 1763,
			'445': 468,
			'446': 1066,
			'246': 1501,
			'255': 721,
			'448': 219,
			'437': 820,
			'449': 364,
			'382': 1636,
			'252': 1112,
			'412': 118,
			'444': 21,
			'430': 64,
			'197': 514,
			'292': 1460
		};
		for (const [cat, count] of Object.entries(expected)) expect(n.get(cat), cat).toBe(count);
	});

	it('Morbihan (56) has no catégorie 156 but CMP sites found by name', () => {
		const morbihan = res.sites.filter((s) => s.dep === '56');
		expect(morbihan.some((s) => s.category === '156')).toBe(false);
		const cmp = morbihan.filter((s) => classifyFacility(s.category, s.name)?.kind === 'cmp');
		expect(cmp.length).toBeGreaterThanOrEqual(40);
		expect(cmp.every((s) => s.category === '292')).toBe(true);
	});

	it('re-projects every overseas position into its own département', () => {
		const fc = JSON.parse(readFileSync(join(MIRROR!, 'geo/departements-1000m.geojson'), 'utf8')) as FeatureCollection;
		const deps = buildCommuneIndex(fc.features.filter((f) => OVERSEAS.includes(String(f.properties?.code))));
		const overseas = res.sites.filter((s) => OVERSEAS.includes(s.dep!) && s.lon !== null);
		// 2 045 overseas positions, 47 of them in Saint-Barthélemy / Saint-Martin (Guadeloupe numbers, COM 977/978).
		expect(res.reprojected).toBe(2045);
		expect(res.sites.filter((s) => s.dep === '977' || s.dep === '978')).toHaveLength(47);
		expect(overseas).toHaveLength(2045 - 47);
		const wrong = overseas.filter((s) => locatePoint(deps, s.lon!, s.lat!, 2)?.code !== s.dep).map((s) => `${s.finess} ${s.dep} ${s.lon},${s.lat}`);
		expect(wrong).toEqual([]);
		// Most are strictly inside the 1000 m generalised outline; the rest are coastal.
		const inside = overseas.filter((s) => pointInCommune(deps, s.lon!, s.lat!) === s.dep).length;
		expect(inside / overseas.length).toBeGreaterThan(0.9);
		const com = buildCommuneIndex(fc.features.filter((f) => ['977', '978'].includes(String(f.properties?.code))));
		for (const s of res.sites.filter((x) => x.dep === '977' || x.dep === '978')) expect(locatePoint(com, s.lon!, s.lat!, 2)?.code, s.finess).toBe(s.dep);
	});

	it('places the Réunion SAMSAH and ESAT in Réunion communes, and every overseas site in a commune of its département', () => {
		const communes = JSON.parse(gunzipSync(readFileSync(join(MIRROR!, 'geo/francegeojson-2018-communes-avec-outre-mer.geojson.gz'))).toString('utf8')) as FeatureCollection;
		const reunion = buildCommuneIndex(communes.features.filter((f: Feature) => String(f.properties?.code).startsWith('974')));
		const sites = res.sites.filter((s) => s.dep === '974' && (s.category === '445' || s.category === '246'));
		expect(sites.length).toBe(16); // 445 and 246 in La Réunion, 2021
		for (const s of sites) expect(locatePoint(reunion, s.lon!, s.lat!, 2)?.code, `${s.finess} ${s.name}`).toMatch(/^974\d\d$/);
		// Every overseas site (any category) lies in a commune polygon of its own département.
		const drom = buildCommuneIndex(communes.features.filter((f: Feature) => /^97[1-4]/.test(String(f.properties?.code))));
		const off = res.sites
			.filter((s) => OVERSEAS.includes(s.dep!) && s.lon !== null)
			.filter((s) => !pointInCommune(drom, s.lon!, s.lat!)?.startsWith(s.dep!));
		expect(off.map((s) => s.finess)).toEqual(['970109690', '970112918']); // coastal: within 2 km (the layer's 'point_proche')
		for (const s of off) expect(locatePoint(drom, s.lon!, s.lat!, 2)?.code.slice(0, 3)).toBe(s.dep);
		// Saint-Paul's ESAT Edmond Albius lies in Saint-Paul (97415).
		const esat = sites.find((s) => s.finess === '970403630')!;
		expect(pointInCommune(reunion, esat.lon!, esat.lat!)).toBe('97415');
	});
});
