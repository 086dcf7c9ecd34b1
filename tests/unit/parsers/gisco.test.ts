import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { categoryCodeFromLabel, FINESS_CATEGORY_LABELS, groupOfCategory } from '../../../data/parsers/finess-categories.ts';
import { franceTerritory, parseGisco, psyKindFromName } from '../../../data/parsers/gisco.ts';
import { describeMirror, MIRROR } from '../../helpers/mirror.ts';

const FIX = join(import.meta.dirname, '../../fixtures/gisco');

describe('finess-categories', () => {
	it('maps official labels to codes, tolerant to case, accents and punctuation', () => {
		expect(categoryCodeFromLabel('Centre Hospitalier Spécialisé lutte Maladies Mentales')).toBe('292');
		expect(categoryCodeFromLabel('CENTRE HOSPITALIER (CH)')).toBe('355');
		expect(categoryCodeFromLabel('Centre Medico-Psychologique (C.M.P.)')).toBe('156');
		expect(categoryCodeFromLabel('Catégorie inventée')).toBeNull();
		for (const [code, label] of Object.entries(FINESS_CATEGORY_LABELS)) expect(categoryCodeFromLabel(label)).toBe(code);
	});

	it('groups categories, legacy codes included', () => {
		expect(groupOfCategory('156')).toBe('cmp');
		expect(groupOfCategory('425')).toBe('cattp');
		expect(groupOfCategory('437')).toBe('eam');
		expect(groupOfCategory('448')).toBe('eam');
		expect(groupOfCategory('382')).toBe('eanm');
		expect(groupOfCategory('252')).toBe('eanm');
		expect(groupOfCategory('603')).toBe('msp');
		expect(groupOfCategory('355')).toBeNull();
	});
});

describe('psyKindFromName', () => {
	it.each([
		['HDJ ADULTES CHATILLON', 'hdj'],
		['HJ EPSMD LAON', 'hdj'],
		['HOPITAL DE JOUR PSY LE BELLAGIO', 'hdj'],
		['HÔPITAL DE JOUR ENFANTS', 'hdj'],
		['HOP. JOUR INTERSECTORIEL', 'hdj'],
		['H. DE JOUR "PASSEROSES" BARBEZIEUX', 'hdj'],
		['CMP - CATTP - HJ CAMILLE CLAUDEL', 'hdj'], // several kinds: the day hospital wins
		['CMP-CATTP ENFANTS', 'cmp'],
		['CMPEA VIRE - EPSM', 'cmp'],
		['C.M.P. ADULTES', 'cmp'],
		['CENTRE MÉDICO-PSYCHOLOGIQUE ADULTES', 'cmp'],
		['CENTRE MEDICO PSY ADULTES SECTEUR 30 G 05 BEAUCAIRE', 'cmp'],
		['CTRES MED PSYCHOLOGIQUE THERAPEUTIQUE TPS PARTIEL ADULTES', 'cmp'],
		['CATTP LE PONT', 'cattp'],
		['C.A.T.T.P. DU LAC', 'cattp'],
		['CENTRE D ACCUEIL THERAPEUTIQUE A TEMPS PARTIEL', 'cattp'],
		['CMPP DE LA VILLE', null],
		['C.M.P.P. DE LA VILLE', null],
		['CENTRE MEDICO-PSYCHO-PEDAGOGIQUE', null],
		['SERVICE MEDICO-PSYCHOLOGIQUE REGIONAL DE STRASBOURG', null],
		['CENTRE DE JOUR BACHELARD', null],
		['CENTRE PSYCHOTHERAPIQUE DE L AIN', null],
		['HJORTH', null]
	] as const)('%s → %s', (name, kind) => {
		expect(psyKindFromName(name)).toBe(kind);
	});

	it('also reads the site name', () => {
		expect(psyKindFromName('CENTRE HOSPITALIER DE TEST', 'HÔPITAL DE JOUR PSYCHIATRIQUE')).toBe('hdj');
		expect(psyKindFromName('CENTRE HOSPITALIER DE TEST', null)).toBeNull();
	});
});

describe('franceTerritory', () => {
	it('knows metropole, Corsica and the five DROM, and nothing else', () => {
		expect(franceTerritory(2.35, 48.85)).toBe('metro');
		expect(franceTerritory(8.74, 41.93)).toBe('metro');
		expect(franceTerritory(-61.53, 16.24)).toBe('971');
		expect(franceTerritory(-61.07, 14.6)).toBe('972');
		expect(franceTerritory(-52.33, 4.93)).toBe('973');
		expect(franceTerritory(55.45, -20.89)).toBe('974');
		expect(franceTerritory(45.23, -12.78)).toBe('976');
		expect(franceTerritory(-56.17, 46.77)).toBeNull(); // Saint-Pierre-et-Miquelon (COM)
		expect(franceTerritory(13.4, 52.5)).toBeNull();
		expect(franceTerritory(NaN, 45)).toBeNull();
	});
});

describe('parseGisco (fixture)', () => {
	const res = parseGisco(readFileSync(join(FIX, 'FR_sample.csv'), 'utf8'));
	const by = new Map(res.rows.map((r) => [r.finess, r]));

	it('counts every row: kept or rejected with a reason', () => {
		expect(res.quality.rows_read).toBe(15);
		expect(res.quality.rows_kept).toBe(11);
		expect(res.quality.rejections).toEqual({
			'COM out of scope (postcode)': 1,
			'missing or invalid coordinates': 1,
			'malformed FINESS id': 1,
			'duplicate FINESS id': 1
		});
		expect(res.quality.rows_read).toBe(res.quality.rows_kept + res.quality.rows_rejected);
	});

	it('restores 9-character ids and keeps Corsican ids', () => {
		expect(by.has('010000123')).toBe(true);
		expect(by.get('2A0000222')?.category).toBe('355');
		expect(res.quality.notes?.join(' ')).toMatch(/ids had lost their leading zero/);
	});

	it('derives the category from the label and psy_kind only for 292/355/101', () => {
		expect(by.get('010000123')).toMatchObject({ category: '292', psy_kind: null, lon: 5.35, lat: 45.95, geo_qual: 1, commune: null, public_private: 'public', site_name: null });
		expect(by.get('010000131')?.psy_kind).toBe('hdj');
		expect(by.get('010000149')).toMatchObject({ psy_kind: 'hdj', name: 'CMP - CATTP - HJ "LES TILLEULS"', geo_qual: 2 });
		expect(by.get('010000156')).toMatchObject({ psy_kind: 'cmp', site_name: 'SECTEUR 01I01' });
		expect(by.get('010000164')?.psy_kind).toBe('cattp');
		expect(by.get('010000172')?.psy_kind).toBeNull(); // CMPP is not a CMP
		expect(by.get('010000180')).toMatchObject({ category: '109', psy_kind: null }); // SSR: no psy kind
		expect(by.get('010000198')).toMatchObject({ category: '355', psy_kind: 'hdj' });
		expect(by.get('974000333')).toMatchObject({ category: '292', lat: -20.89, lon: 55.45 });
		expect(by.get('010000206')).toMatchObject({ category: null, category_label: 'Catégorie Inventée', public_private: null, geo_qual: 3 });
		expect(res.quality.notes?.join(' ')).toMatch(/« Catégorie Inventée » ×1/);
	});
});

describeMirror('GISCO on the real mirror', () => {
	const text = gunzipSync(readFileSync(join(MIRROR!, 'finess_hospitals_gisco/gisco_healthcare_FR_finess20200306.csv.gz'))).toString('utf8');
	const res = parseGisco(text);

	it('every facility_type label of the file maps to a FINESS code', () => {
		expect(res.rows.filter((r) => r.category === null)).toEqual([]);
		// README counts by label, less the Saint-Pierre-et-Miquelon rows (a COM, rejected)
		const n = (code: string) => res.rows.filter((r) => r.category === code).length;
		const com = (label: string) => text.split('\n').filter((l) => /^(97133|97150|975\d\d)$/.test(l.split(',')[8] ?? '') && l.includes(label)).length;
		expect(n('292')).toBe(1484 - com('Spécialisé lutte Maladies Mentales'));
		expect(n('355')).toBe(1297 - com('Centre Hospitalier (C.H.)'));
		expect(n('109')).toBe(727 - com('privé autorisé en SSR'));
		expect(n('101')).toBe(367 - com('Régional (C.H.R.)'));
	});

	it('reads all 5,368 rows; the only rejections are the COM sites (Saint-Pierre, Saint-Martin, Saint-Barthélemy)', () => {
		expect(res.quality.rows_read).toBe(5368);
		// Independent count from the raw text: postcode is the 9th column; none of these rows has a quoted comma before it
		const com = text
			.split('\n')
			.slice(1)
			.filter((l) => /^(97133|97150|975\d\d)$/.test(l.split(',')[8] ?? '') && !l.split(',')[1]!.startsWith('"'));
		expect(com.length).toBeGreaterThanOrEqual(4);
		expect(res.quality.rejections).toEqual({ 'COM out of scope (postcode)': com.length });
		// no kept site sits on GISCO's placeholder point for Saint-Martin / Saint-Barthélemy
		expect(res.rows.filter((r) => r.lat === 16.25 && r.lon === -61.58333206176758)).toEqual([]);
		// 324 ids had lost their leading zero (README); all ids are 9 characters now and unique
		expect(res.quality.notes?.join(' ')).toMatch(/324 ids had lost their leading zero/);
		expect(res.rows.every((r) => r.finess.length === 9)).toBe(true);
		expect(new Set(res.rows.map((r) => r.finess)).size).toBe(res.rows.length);
		expect(res.rows.filter((r) => /^2[AB]/.test(r.finess)).length).toBe(33);
	});

	it('finds at least the README name-match counts among the 1,484 CHS sites', () => {
		const chs = res.rows.filter((r) => r.category === '292');
		const count = (k: string) => chs.filter((r) => r.psy_kind === k).length;
		// README: 606 day hospitals, 287 CMP, 31 CATTP with a simpler pattern; ours reads more spellings
		// and gives one kind per site (HDJ first), so HDJ and CATTP can only grow.
		expect(count('hdj')).toBeGreaterThanOrEqual(606);
		expect(count('cattp')).toBeGreaterThanOrEqual(31);
		expect(count('cmp')).toBeGreaterThan(250);
		// Independent lower bound: plain 'CMP' word names without any day-hospital word are all CMP
		const plainCmp = chs.filter((r) => /\bCMP\b/.test(r.name) && !/\bHDJ\b|\bHJ\b|JOUR/.test(`${r.name} ${r.site_name ?? ''}`)).length;
		expect(count('cmp')).toBeGreaterThanOrEqual(plainCmp);
		expect(res.rows.filter((r) => r.psy_kind && !['292', '355', '101'].includes(r.category!))).toEqual([]);
	});
});
