import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildAliasMap, parseCog } from '../../data/parsers/cog.ts';
import { parseGisco } from '../../data/parsers/gisco.ts';
import { buildSaeEstablishments, parseSaeId, parseSaePsy } from '../../data/parsers/sae.ts';
import { countGeoSources, placeEstablishments } from '../../data/place-establishments.ts';
import type { FinessFacilityRow, HospitalSiteRow, SaeEstablishmentRow } from '../../data/schema.ts';
import { describeMirror, MIRROR } from '../helpers/mirror.ts';

const est = (fi: string, commune: string | null): SaeEstablishmentRow => ({
	fi,
	fi_ej: null,
	name: `ETAB ${fi}`,
	cat: '292',
	commune,
	dep: commune ? commune.slice(0, 2) : null,
	lon: null,
	lat: null,
	geo_source: 'none',
	in_2022: true,
	in_2023: true
});

const site = (finess: string, lon: number, lat: number): HospitalSiteRow => ({
	finess,
	name: `SITE ${finess}`,
	site_name: null,
	category_label: 'Centre Hospitalier (C.H.)',
	category: '355',
	psy_kind: null,
	lon,
	lat,
	geo_qual: 1,
	commune: null,
	public_private: 'public'
});

const fin = (finess: string, lon: number | null, lat: number | null): FinessFacilityRow => ({
	finess,
	finess_ej: null,
	name: `FINESS ${finess}`,
	category: '292',
	category_label: 'Centre Hospitalier Spécialisé lutte Maladies Mentales',
	group: 'chs',
	kind_basis: 'categorie',
	public: null,
	address: null,
	postal_code: null,
	city: null,
	phone: null,
	updated: null,
	commune: '01053',
	dep: '01',
	lon,
	lat,
	placement: 'point',
	sae_fi: null,
	siret: null,
	date_open: null
});

describe('placeEstablishments', () => {
	const ests = [est('010000001', '01053'), est('010000002', '01053'), est('010000003', '01004'), est('010000004', '99999'), est('010000005', null)];
	const sites = [site('010000001', 5.1, 46.1), site('010000002', 5.2, 46.2)];
	const points: Record<string, [number, number]> = { '01053': [5.22, 46.2], '01004': [5.36, 45.96] };
	const communePoint = (c: string) => points[c] ?? null;

	it('uses FINESS first, then the GISCO site, then the commune, else none', () => {
		const finess = [fin('010000001', 5.11, 46.11), fin('010000002', null, null)];
		const res = placeEstablishments(ests, sites, finess, communePoint);
		expect(res.rows.map((r) => [r.fi, r.geo_source, r.lon, r.lat])).toEqual([
			['010000001', 'site', 5.11, 46.11], // FINESS beats GISCO
			['010000002', 'site', 5.2, 46.2], // FINESS without coordinates → GISCO
			['010000003', 'commune', 5.36, 45.96],
			['010000004', 'none', null, null], // commune without a point
			['010000005', 'none', null, null] // no commune
		]);
		expect(countGeoSources(res.rows)).toEqual({ site: 2, commune: 1, none: 2 });
		expect(res.quality.rows_read).toBe(5);
		expect(res.quality.rows_kept).toBe(5);
		expect(res.quality.notes?.[0]).toMatch(/1 from the FINESS extract, 1 from GISCO.*1 at their commune.*2 not placed/);
	});

	it('works without a FINESS extract and does not mutate its input', () => {
		const res = placeEstablishments(ests, sites, null, communePoint);
		expect(countGeoSources(res.rows)).toEqual({ site: 2, commune: 1, none: 2 });
		expect(res.rows[0]).toMatchObject({ lon: 5.1, lat: 46.1 });
		expect(ests[0]!.geo_source).toBe('none');
		expect(res.quality.notes?.[0]).toMatch(/FINESS extract \(absent\)/);
	});
});

describeMirror('placement of the real SAE establishments', () => {
	it('places every establishment that has a commune; matches GISCO ids independently', () => {
		const M = MIRROR!;
		const latin1 = (p: string) => new TextDecoder('latin1').decode(readFileSync(join(M, p)));
		const gz = (p: string) => gunzipSync(readFileSync(join(M, p))).toString('utf8');
		const p23 = parseSaePsy(latin1('sae_psy/PSY_2023r.csv'), 2023);
		const p22 = parseSaePsy(latin1('sae_psy/PSY_2022r.csv'), 2022);
		const id = parseSaeId(latin1('sae_psy/ID_2023r.csv'));
		const cog = parseCog({
			communes: gz('cog/communes.json.gz'),
			departements: readFileSync(join(M, 'cog/departements.json'), 'utf8'),
			regions: readFileSync(join(M, 'cog/regions.json'), 'utf8'),
			epci: gz('cog/epci.json.gz')
		});
		const e = buildSaeEstablishments({ psy2023: p23, psy2022: p22, id: id.rows, aliases: buildAliasMap(cog.aliases.rows) });
		const gText = gz('finess_hospitals_gisco/gisco_healthcare_FR_finess20200306.csv.gz');
		const sites = parseGisco(gText).rows;
		// A stand-in commune point (the real one comes from the geometry module): any known commune.
		const known = new Set(cog.communes.rows.map((c) => c.code));
		const res = placeEstablishments(e.rows, sites, null, (c) => (known.has(c) ? [0, 0] : null));
		const counts = countGeoSources(res.rows);

		// Independent count of SAE FIs found among GISCO ids (zero-padded), from the raw text, COM sites
		// (postcodes 97133 Saint-Barthélemy, 97150 Saint-Martin, 975xx Saint-Pierre) left out
		const giscoIds = new Set(
			gText
				.split('\n')
				.slice(1)
				.filter((l) => l && !/^(97133|97150|975\d\d)$/.test(l.split(',')[8] ?? ''))
				.map((l) => l.split(',')[0]!.padStart(9, '0'))
		);
		const expectedSite = e.rows.filter((r) => giscoIds.has(r.fi)).length;
		expect(counts.site).toBe(expectedSite);
		expect(counts.site).toBeGreaterThan(300);
		expect(counts.site + counts.commune + counts.none).toBe(e.rows.length);
		// Unplaced = no GISCO site and no commune (PSY-2022-only FIs absent from ID, COM establishments)
		expect(res.rows.filter((r) => r.geo_source === 'none').every((r) => r.commune === null)).toBe(true);
		expect(counts.none).toBeLessThan(10);
	});
});
