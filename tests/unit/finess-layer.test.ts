/**
 * The FINESS layer builder on hand-made geometry: two square communes in two départements, a tiny
 * COG communes file with postal codes, a few SAE establishments. Placement, rejection reasons, the
 * SAE link rule and the CMP coverage.
 */
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildFinessLayer, cmpCoverage, saeLinker } from '../../data/finess-layer.ts';
import { buildCommuneIndex } from '../../data/geo/points.ts';
import { buildPostalIndex, cityKey, communeFromAddress } from '../../data/geo/postal.ts';
import { qualityBuilder } from '../../data/parsers/common.ts';
import type { FinessSite } from '../../data/parsers/finess-fhir.ts';
import type { SaeEstablishmentRow, SaePsyRow } from '../../data/schema.ts';

const square = (code: string, x0: number, y0: number, d = 0.1) => ({
	type: 'Feature' as const,
	properties: { code },
	geometry: { type: 'Polygon' as const, coordinates: [[[x0, y0], [x0 + d, y0], [x0 + d, y0 + d], [x0, y0 + d], [x0, y0]]] }
});
// 56001 (Morbihan) at [-3, -2.9] × [47.8, 47.9]; 29001 (Finistère) just west, sharing the edge x = -3.
const fc: FeatureCollection = { type: 'FeatureCollection', features: [square('56001', -3, 47.8), square('29001', -3.1, 47.8)] };
const communesJson = JSON.stringify([
	{ code: '56001', nom: 'Locminé', type: 'commune-actuelle', departement: '56', codesPostaux: ['56500'] },
	{ code: '29001', nom: 'Saint-Test', type: 'commune-actuelle', departement: '29', codesPostaux: ['29000'] },
	{ code: '56999', nom: 'Ancienne', type: 'commune-deleguee', chefLieu: '56001' }
]);
const aliases = new Map([
	['56001', '56001'],
	['29001', '29001'],
	['56999', '56001']
]);
const postal = buildPostalIndex(communesJson, aliases);

const site = (over: Partial<FinessSite>): FinessSite => ({
	finess: '560016578',
	finess_ej: '560002032',
	name: 'CMP ADULTES LOCMINE',
	category: '292',
	category_label: 'Centre Hospitalier Spécialisé lutte Maladies Mentales',
	address: '2 CITE DE KERLOUET',
	postal_code: '56500',
	city: 'LOCMINE',
	phone: null,
	updated: '2015-02-11',
	dep: '56',
	lon: -2.95,
	lat: 47.85,
	siret: null,
	date_open: '2001-04-02',
	...over
});

const sae = (fi: string, fi_ej: string | null, over: Partial<SaeEstablishmentRow> = {}): SaeEstablishmentRow => ({
	fi,
	fi_ej,
	name: fi,
	cat: '292',
	commune: '56001',
	dep: '56',
	lon: null,
	lat: null,
	geo_source: 'none',
	in_2022: true,
	in_2023: true,
	...over
});

const psy = (fi: string, nb_cmp: number | null): SaePsyRow => ({ year: 2023, fi, dis: 'GEN', nb_cmp } as SaePsyRow);

describe('postal index', () => {
	it('normalises FINESS city spellings', () => {
		expect(cityKey('ST ETIENNE DU ROUVRAY CEDEX 2')).toBe('SAINT ETIENNE DU ROUVRAY');
		expect(cityKey('Saint-Étienne-du-Rouvray')).toBe('SAINT ETIENNE DU ROUVRAY');
	});
	it('finds the commune by postal code and name, including a former commune name', () => {
		expect(communeFromAddress(postal, '56', '56500', 'LOCMINE')).toBe('56001');
		expect(communeFromAddress(postal, '56', '56500', 'ANCIENNE')).toBe('56001');
		expect(communeFromAddress(postal, '56', '56999', 'LOCMINE CEDEX')).toBe('56001'); // CEDEX code: the name decides
		expect(communeFromAddress(postal, '56', '56500', 'NULLE PART')).toBe('56001'); // one commune for the code
		expect(communeFromAddress(postal, '56', '99999', 'NULLE PART')).toBeNull();
	});
});

describe('buildFinessLayer', () => {
	const ctx = {
		communeIndex: buildCommuneIndex(fc),
		postal,
		communeDep: new Map([
			['56001', '56'],
			['29001', '29']
		]),
		sae: [sae('560000010', '560002032', { lon: -2.9, lat: 47.9 }), sae('560000020', '560002032', { lon: -2.95, lat: 47.85 })],
		saePsy2023: [psy('560000010', 3), psy('560000020', 1)],
		vintage: 'FINESS, extraction du 8 janvier 2021',
		source: 'finess_fhir_2021'
	};
	const sites: FinessSite[] = [
		site({}), // inside 56001
		site({ finess: '560000028', lon: -2.85, lat: 47.85 }), // 3.7 km east of the square: too far → address
		site({ finess: '560000036', lon: -2.899, lat: 47.85 }), // 75 m outside the edge: 'point_proche'
		site({ finess: '560000044', lon: -3.05, lat: 47.85 }), // inside 29001, wrong département → address
		site({ finess: '560000051', lon: null, lat: null, postal_code: '99999', city: 'NULLE PART' }), // unplaceable
		site({ finess: '560000069', name: 'CH DE TEST', category: '355' }), // out of scope
		site({ finess: '560000077', name: 'ESAT <script>x</script>', category: '246', finess_ej: '569999999' })
	];
	const q = qualityBuilder('finess_fhir_2021', 'test');
	q.read(sites.length);
	const res = buildFinessLayer(sites, q, ctx, { reprojected: 0 });
	const by = new Map(res.rows.map((r) => [r.finess, r]));

	it('keeps every in-scope site (none dropped for placement), rejects out-of-scope categories by reason', () => {
		expect(res.rows.map((r) => r.finess)).toEqual(['560016578', '560000028', '560000036', '560000044', '560000051', '560000077']);
		expect(res.quality.rejections).toEqual({ 'catégorie hors champ': 1 });
		expect(res.quality.examples!['catégorie hors champ']).toEqual(['355']);
		expect(res.summary.by_category.find((c) => c.category === '355')).toMatchObject({ read: 1, kept: 0 });
		expect(res.summary.by_category.find((c) => c.category === '292')).toMatchObject({ read: 5, kept: 5 });
	});

	it('places by point, near point, then address; reports every fallback', () => {
		expect(by.get('560016578')).toMatchObject({ commune: '56001', placement: 'point', group: 'cmp', kind_basis: 'nom', public: 'adulte' });
		expect(by.get('560000036')).toMatchObject({ commune: '56001', placement: 'point_proche' });
		expect(by.get('560000028')).toMatchObject({ commune: '56001', placement: 'code_postal', lon: -2.85 });
		expect(by.get('560000044')).toMatchObject({ commune: '56001', placement: 'code_postal' });
		expect(by.get('560000051')).toMatchObject({ commune: null, placement: null, dep: '56' });
		expect(res.summary.placement).toEqual({ point: 2, point_proche: 1, code_postal: 2, aucune: 1 });
		expect(Object.values(res.summary.unplaced).reduce((a, b) => a + b, 0)).toBe(3);
		expect(Object.keys(res.summary.unplaced).some((k) => k.startsWith('coordonnées dans un autre département'))).toBe(true);
		expect(Object.keys(res.summary.unplaced).some((k) => k.startsWith('sans coordonnées : commune introuvable'))).toBe(true);
	});

	it('links to the SAE establishment of the same EJ and reports medico-social sites without one only as unlinked', () => {
		expect(by.get('560016578')!.sae_fi).toBe('560000020'); // nearest of the two 2023 establishments
		expect(by.get('560000077')!.sae_fi).toBeNull();
		expect(by.get('560000077')!.name).toBe('ESAT <script>x</script>');
		expect(res.summary.psy_without_sae).toBe(0);
	});

	it('counts CMP sites against SAE 2023 per département', () => {
		expect(res.summary.coverage).toEqual([{ dep: '56', finess_cmp: 5, sae_cmp: 4, ratio: 1.25, in_source: true }]);
		expect(res.summary.by_kind).toEqual({ cmp: 5, esat: 1 });
		expect(res.quality.notes!.join(' ')).toMatch(/Couverture CMP .* de 1,3 à 1,3/);
	});
});

describe('saeLinker', () => {
	const link = saeLinker([
		sae('010000010', '010000002', { in_2023: false, lon: 5, lat: 46 }),
		sae('010000028', '010000002', { lon: 6, lat: 46 }),
		sae('010000036', '010000002', { lon: 7, lat: 46 }),
		sae('010000044', '010000003')
	]);
	it('prefers the same FINESS ET, then PSY 2023, then the nearest, then the smallest FI', () => {
		expect(link({ finess: '010000010', finess_ej: '010000002', lon: 7, lat: 46 })).toBe('010000010');
		expect(link({ finess: '019999999', finess_ej: '010000002', lon: 5, lat: 46 })).toBe('010000028'); // 2023 beats nearer 2022-only
		expect(link({ finess: '019999999', finess_ej: '010000002', lon: 6.9, lat: 46 })).toBe('010000036');
		expect(link({ finess: '019999999', finess_ej: '010000002', lon: null, lat: null })).toBe('010000028');
		expect(link({ finess: '019999999', finess_ej: '019999998', lon: 5, lat: 46 })).toBeNull();
		expect(link({ finess: '019999999', finess_ej: null, lon: 5, lat: 46 })).toBeNull();
	});
});

describe('cmpCoverage', () => {
	it('leaves the ratio null without SAE count or where the file has no row', () => {
		const rows = [{ group: 'cmp', dep: '01' }, { group: 'esat', dep: '01' }] as unknown as Parameters<typeof cmpCoverage>[0];
		const cov = cmpCoverage(rows, [sae('010000010', null, { dep: '01' }), sae('976000010', null, { dep: '976' })], [psy('010000010', 4), psy('976000010', 2)], new Set(['01', '02']));
		expect(cov).toEqual([
			{ dep: '01', finess_cmp: 1, sae_cmp: 4, ratio: 0.25, in_source: true },
			{ dep: '976', finess_cmp: 0, sae_cmp: 2, ratio: null, in_source: false }
		]);
	});
});
