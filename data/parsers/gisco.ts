/**
 * Eurostat GISCO "healthcare services" extract for France (FINESS of 2020-03-06): hospital sites
 * with WGS84 coordinates. ','-separated UTF-8 with CSV quoting. The commune is left null here: a
 * geometry module fills it by point-in-polygon.
 */
import type { HospitalSiteRow, ParseResult } from '../schema.ts';
import { type DelimitedRecord, openDelimited, qualityBuilder } from './common.ts';
import { categoryCodeFromLabel } from './finess-categories.ts';
import { normFiness } from './sae.ts';

const SOURCE = 'gisco_hospitals';

/** Lon/lat boxes of metropolitan France (with Corsica) and the five DROM, generous by a few km. */
export const FRANCE_BOXES: Readonly<Record<string, readonly [number, number, number, number]>> = {
	// [minLon, minLat, maxLon, maxLat]
	metro: [-5.3, 41.2, 9.7, 51.2],
	'971': [-61.9, 15.8, -60.9, 16.55],
	'972': [-61.3, 14.35, -60.75, 14.9],
	'973': [-54.7, 2.0, -51.5, 5.9],
	'974': [55.1, -21.45, 55.9, -20.8],
	'976': [44.9, -13.05, 45.35, -12.55]
};

/** Which territory box holds the point ('metro', '971' … '976'), or null when outside France. */
export function franceTerritory(lon: number, lat: number): string | null {
	if (!Number.isFinite(lon) || !Number.isFinite(lat)) return null;
	for (const [k, [x0, y0, x1, y1]] of Object.entries(FRANCE_BOXES)) {
		if (lon >= x0 && lon <= x1 && lat >= y0 && lat <= y1) return k;
	}
	return null;
}

/** Hospital categories whose sites may be psychiatric units (CHS, CH, CHR). */
export const PSY_SITE_CATEGORIES: ReadonlySet<string> = new Set(['292', '355', '101']);

/*
 * Kind of psychiatric site guessed from its name (uppercased, accents removed). This is a name
 * match, not an official field. When a name lists several kinds ('CMP - CATTP - HJ'), the most
 * intensive one wins: day hospital, then CMP, then CATTP.
 * - hdj:   HDJ, HJ, H.D.J., HOPITAL/HOPITAUX/HOP./HOP DE JOUR, H. DE JOUR, HOSPITALISATION (DE) JOUR
 *          ('CENTRE DE JOUR' is not a day hospital and stays null);
 * - cmp:   CMP, C.M.P., CMPE/CMPEA/CMPI/CMPA (children, adolescents, adults) but not CMPP (a medico-social
 *          centre); MEDICO(-)PSYCHOL(OGIQUE) anywhere except 'Service médico-psychologique régional' (SMPR);
 *          CENTRE/CTRE(S) MED(ICO) PSY(CHO, CHOL…) except MEDICO-PSYCHO-PEDAGOGIQUE;
 * - cattp: CATTP, C.A.T.T.P., ACCUEIL THERAPEUTIQUE A TEMPS PARTIEL, THERAPEUTIQUE T(EM)PS PARTIEL.
 */
const KIND_PATTERNS: readonly (readonly ['hdj' | 'cmp' | 'cattp', RegExp])[] = [
	['hdj', /\bHDJ\b|\bHJ\b|\bH\.\s?D\.\s?J\b|\bHOP(ITAL|ITAUX|\.)?\s*(DE\s+)?JOUR\b|\bH\.?\s+DE\s+JOUR\b|\bHOSPITALISATION\s+(DE\s+)?JOUR\b/],
	['cmp', /\bCMP(E|EA|I|IJ|A)?\b|\bC\.\s?M\.\s?P\b(?!\.?\s?P)|MEDICO[\s-]*PSYCHOL(OGIQUES?)?\b(?!\s+REGIONAL)|\b(CENTRES?|CT?RES?\.?)\s+MED(ICO)?\.?[\s-]*PSY(CHO(L[A-Z]*)?)?\b(?![\s-]*PEDAGO)/],
	['cattp', /\bC\.?\s?A\.?\s?T\.?\s?T\.?\s?P\b|ACCUEIL\s+THERAPEUTIQUE\s+(A\s+)?TEMPS\s+PARTIEL|THERAPEUTIQUE\s+T(EM)?PS\s+PARTIEL/]
];

function normName(s: string): string {
	return s
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toUpperCase();
}

export function psyKindFromName(...names: (string | null | undefined)[]): 'hdj' | 'cmp' | 'cattp' | null {
	const text = normName(names.filter(Boolean).join(' '));
	for (const [kind, re] of KIND_PATTERNS) if (re.test(text)) return kind;
	return null;
}

const REQUIRED = ['id', 'hospital_name', 'lat', 'lon', 'facility_type'];

export function parseGisco(text: string, file = 'finess_hospitals_gisco/gisco_healthcare_FR_finess20200306.csv.gz'): ParseResult<HospitalSiteRow> {
	const q = qualityBuilder(SOURCE, file);
	const table = openDelimited(text, ',', REQUIRED, 'Fichier GISCO');
	const col = (r: DelimitedRecord, name: string): string => r.cell(name) ?? '';

	const rows: HospitalSiteRow[] = [];
	const seen = new Set<string>();
	let restored = 0;
	const unmapped = new Map<string, number>();
	const kinds: Record<string, number> = {};
	for (const r of table.records(q)) {
		// Spreadsheet round-trips dropped leading zeros (départements 01–09): pad back to 9.
		const rawId = col(r, 'id');
		const fin = /^\d{1,8}$/.test(rawId) ? { code: rawId.padStart(9, '0'), restored: true } : normFiness(rawId);
		if (!fin) {
			q.reject('malformed FINESS id', rawId);
			continue;
		}
		if (fin.restored) restored++;
		if (seen.has(fin.code)) {
			q.reject('duplicate FINESS id', fin.code);
			continue;
		}
		// Saint-Barthélemy (97133), Saint-Martin (97150), Saint-Pierre-et-Miquelon (975xx) and the Pacific COM
		// are outside the atlas; GISCO also gives the first two a placeholder point inside Guadeloupe.
		const postcode = col(r, 'postcode');
		if (/^(97133|97150|975\d\d|98[4-9]\d\d)$/.test(postcode)) {
			q.reject('COM out of scope (postcode)', `${fin.code} (${postcode})`);
			continue;
		}
		const latS = col(r, 'lat');
		const lonS = col(r, 'lon');
		const lat = latS === '' ? NaN : Number(latS);
		const lon = lonS === '' ? NaN : Number(lonS);
		if (!Number.isFinite(lat) || !Number.isFinite(lon)) {
			q.reject('missing or invalid coordinates', fin.code);
			continue;
		}
		if (!franceTerritory(lon, lat)) {
			q.reject('coordinates outside France (metropole + DROM)', `${fin.code} (${lon}, ${lat})`);
			continue;
		}
		seen.add(fin.code);
		const label = col(r, 'facility_type');
		const category = categoryCodeFromLabel(label);
		if (!category) unmapped.set(label, (unmapped.get(label) ?? 0) + 1);
		const name = col(r, 'hospital_name');
		const site = col(r, 'site_name') || null;
		const psy_kind = category && PSY_SITE_CATEGORIES.has(category) ? psyKindFromName(name, site) : null;
		if (psy_kind) kinds[`${category}/${psy_kind}`] = (kinds[`${category}/${psy_kind}`] ?? 0) + 1;
		const gq = col(r, 'geo_qual');
		const pp = col(r, 'public_private');
		rows.push({
			finess: fin.code,
			name,
			site_name: site,
			category_label: label,
			category,
			psy_kind,
			lon,
			lat,
			geo_qual: gq === '' || !Number.isFinite(Number(gq)) ? null : Number(gq),
			commune: null,
			public_private: pp || null
		});
		q.keep();
	}
	if (restored) q.note(`${restored} ids had lost their leading zero: padded to 9 characters.`);
	if (unmapped.size)
		q.note(`Category labels with no FINESS code (category null): ${[...unmapped].map(([l, n]) => `« ${l} » ×${n}`).join(', ')}.`);
	q.note(
		`psy_kind from site names (categories 292/355/101): ${Object.entries(kinds)
			.sort()
			.map(([k, n]) => `${k} ${n}`)
			.join(', ')}.`
	);
	return { rows, quality: q.build() };
}
