/**
 * FINESS « extraction du fichier des établissements » (etalab-cs1100507-stock-*.csv), the official
 * geolocated list of every establishment (ET). Layout, ';'-separated, no header, no quoting:
 *   line 1: finess;etalab;<NN>;<YYYY-MM-DD>                      (extract number and date)
 *   structureet;<31 fields>                                     (32 fields with the tag, see ET_FIELDS)
 *   geolocalisation;nofinesset;coordxet;coordyet;sourcecoordet;datemaj
 * The field order matches the public code that reads this file (R, Python, TS readers all agree).
 * Quotes are literal characters in this format: a name like `LE "PHARE"` stays as written.
 * Older extracts are latin-1, recent ones UTF-8: bytes are auto-detected.
 *
 * Coordinates are projected: Lambert-93 in metropolitan France, UTM in the DROM. The projection is
 * read from `sourcecoordet` when it names an EPSG code we know, else chosen by département.
 */
import proj4 from 'proj4';
import { decodeText } from '../fetch.ts';
import type { FinessFacilityRow, ParseResult } from '../schema.ts';
import { normDep, qualityBuilder, splitLines } from './common.ts';
import { resolveCommune } from './cog.ts';
import { classifyFacility } from '../../src/lib/facilities/kind-rules.ts';
import { franceTerritory } from './gisco.ts';

const SOURCE = 'finess_et';

/** structureet fields after the tag, in file order. The 31st (numuai) is missing from some extracts. */
export const ET_FIELDS = [
	'nofinesset',
	'nofinessej',
	'rs',
	'rslongue',
	'complrs',
	'compldistrib',
	'numvoie',
	'typvoie',
	'voie',
	'compvoie',
	'lieuditbp',
	'commune',
	'departement',
	'libdepartement',
	'ligneacheminement',
	'telephone',
	'telecopie',
	'categetab',
	'libcategetab',
	'categagretab',
	'libcategagretab',
	'siret',
	'codeape',
	'codemft',
	'libmft',
	'codesph',
	'libsph',
	'dateouv',
	'dateautor',
	'datemaj',
	'numuai'
] as const;
type EtField = (typeof ET_FIELDS)[number];

/** PROJ definitions (no network lookup). The towgs84 of RGFG95 is the EPSG one; the others are WGS84-compatible. */
export const FINESS_CRS: Readonly<Record<string, string>> = {
	'EPSG:2154': '+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
	'EPSG:5490': '+proj=utm +zone=20 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs', // RGAF09 / UTM 20N (Antilles)
	'EPSG:2989': '+proj=utm +zone=20 +ellps=WGS84 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs', // RRAF 1991 / UTM 20N (older)
	'EPSG:4559': '+proj=utm +zone=20 +ellps=WGS84 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs', // RRAF 1991 / UTM 20N
	'EPSG:32620': '+proj=utm +zone=20 +datum=WGS84 +units=m +no_defs',
	'EPSG:2972': '+proj=utm +zone=22 +ellps=GRS80 +towgs84=2,2,-2,0,0,0,0 +units=m +no_defs', // RGFG95 / UTM 22N (Guyane)
	'EPSG:32622': '+proj=utm +zone=22 +datum=WGS84 +units=m +no_defs',
	'EPSG:2975': '+proj=utm +zone=40 +south +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs', // RGR92 / UTM 40S (La Réunion)
	'EPSG:32740': '+proj=utm +zone=40 +south +datum=WGS84 +units=m +no_defs',
	'EPSG:4471': '+proj=utm +zone=38 +south +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs', // RGM04 / UTM 38S (Mayotte)
	'EPSG:32738': '+proj=utm +zone=38 +south +datum=WGS84 +units=m +no_defs'
};

/** Default projection of a département's FINESS coordinates. */
export function defaultCrs(dep: string): string {
	switch (dep) {
		case '971':
		case '972':
			return 'EPSG:5490';
		case '973':
			return 'EPSG:2972';
		case '974':
			return 'EPSG:2975';
		case '976':
			return 'EPSG:4471';
		default:
			return 'EPSG:2154';
	}
}

/** Projected FINESS coordinates → [lon, lat] WGS84, or null when the CRS is unknown or the result not finite. */
export function finessToWgs84(x: number, y: number, crs: string): [number, number] | null {
	const def = FINESS_CRS[crs];
	if (!def || !Number.isFinite(x) || !Number.isFinite(y)) return null;
	const [lon, lat] = proj4(def, 'WGS84', [x, y]);
	return Number.isFinite(lon) && Number.isFinite(lat) ? [lon!, lat!] : null;
}

const DROM = new Set(['971', '972', '973', '974', '976']);

/**
 * INSEE commune code from FINESS `departement` + 3-digit `commune`.
 * Metropole: '01' + '001' → '01001'; Corsica: '2A' + '004' → '2A004'.
 * DROM: FINESS writes the département '9A'…'9F' (normDep → 971…976) and a commune part whose first
 * digit is already the département's third digit ('9A' + '101' = Les Abymes 97101), so the code is
 * '97' + commune. Saint-Barthélemy ('9A' + '123') and Saint-Martin ('9A' + '127') keep their old
 * Guadeloupe codes in FINESS: they are the COM 97701 and 97801.
 */
export function communeFromFiness(depRaw: string, commune3: string): { dep: string; commune: string } | null {
	const dep = normDep(depRaw);
	const c = commune3.trim();
	if (!dep || !/^\d{3}$/.test(c)) return null;
	if (dep.length === 3) {
		if (c[0] !== dep[2]) return null; // e.g. '9A' with '401': inconsistent
		const code = `97${c}`;
		if (code === '97123') return { dep: '977', commune: '97701' };
		if (code === '97127') return { dep: '978', commune: '97801' };
		return { dep, commune: code };
	}
	return { dep, commune: dep + c };
}

/** FINESS numbers are 9 characters: a 2-character département prefix ('2A', '2B' in Corsica) then 7 digits. */
export function isFinessNumber(s: string): boolean {
	return /^(\d{2}|2[AB])\d{7}$/.test(s);
}

/** The 9th character is a Luhn check digit (every numeric id of the GISCO extract passes it). */
export function finessLuhnOk(s: string): boolean {
	if (!/^\d{9}$/.test(s)) return true; // Corsican ids: the key's rule for letters is not documented here
	let sum = 0;
	for (let i = 0; i < 9; i++) {
		let d = Number(s[8 - i]);
		if (i % 2 === 1) {
			d *= 2;
			if (d > 9) d -= 9;
		}
		sum += d;
	}
	return sum % 10 === 0;
}

export interface FinessResult extends ParseResult<FinessFacilityRow> {
	/** Extract date from line 1 (YYYY-MM-DD). */
	extractDate: string;
	/** Extract number from line 1. */
	extractNumber: string;
}

export interface FinessOptions {
	/** Alias map (cog.ts buildAliasMap): commune codes are then COG 2026 codes, null when not found. */
	aliases?: ReadonlyMap<string, string>;
	file?: string;
}

const HEAD = /^finess;etalab;(\d+);(\d{4}-\d{2}-\d{2})\s*;?\s*$/;

interface Geo {
	x: number;
	y: number;
	source: string;
}

/** Parses an etalab-cs1100507 extract; keeps the ET whose category belongs to a dashboard group. */
export function parseFiness(input: string | Uint8Array, opts: FinessOptions = {}): FinessResult {
	const text = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : decodeText(input, 'auto');
	const lines = splitLines(text);
	const first = (lines[0] ?? '').trim();
	const head = HEAD.exec(first);
	if (!head)
		throw new Error(
			`Fichier FINESS non reconnu : la première ligne devrait être « finess;etalab;NN;AAAA-MM-JJ » ` +
				`(lu : « ${first.slice(0, 60)} »). Vérifiez qu’il s’agit bien de l’extraction etalab-cs1100507.`
		);
	const q = qualityBuilder(SOURCE, opts.file ?? 'finess/etalab-cs1100507-stock.csv');
	q.note(`Extract n° ${head[1]} of ${head[2]}.`);

	// Pass 1: read every line; geolocalisation lines may come before or after their structureet line.
	const ets = new Map<string, Record<EtField, string>>();
	const geos = new Map<string, Geo>();
	let etLines = 0;
	let geoLines = 0;
	for (let li = 1; li < lines.length; li++) {
		const line = lines[li]!;
		if (line.trim() === '') continue;
		q.read();
		const f = line.split(';');
		const tag = f[0]!.trim();
		if (tag === 'structureet') {
			etLines++;
			if (f.length !== 32 && f.length !== 31) {
				q.reject('malformed structureet line (wrong field count)', `line ${li + 1}: ${f.length} fields`);
				continue;
			}
			const rec = Object.fromEntries(ET_FIELDS.map((name, i) => [name, (f[i + 1] ?? '').trim()])) as Record<EtField, string>;
			if (!isFinessNumber(rec.nofinesset)) {
				q.reject('bad FINESS number', rec.nofinesset.slice(0, 20) || `line ${li + 1}`);
				continue;
			}
			if (ets.has(rec.nofinesset)) {
				q.reject('duplicate ET', rec.nofinesset);
				continue;
			}
			ets.set(rec.nofinesset, rec);
		} else if (tag === 'geolocalisation') {
			geoLines++;
			if (f.length !== 6 && f.length !== 5) {
				q.reject('malformed geolocalisation line (wrong field count)', `line ${li + 1}: ${f.length} fields`);
				continue;
			}
			const id = f[1]!.trim();
			if (!isFinessNumber(id)) {
				q.reject('geolocalisation: bad FINESS number', id.slice(0, 20) || `line ${li + 1}`);
				continue;
			}
			if (geos.has(id)) {
				q.reject('geolocalisation: duplicate', id);
				continue;
			}
			// Coordinates use '.', tolerate ',' in hand-edited files.
			geos.set(id, { x: Number(f[2]!.trim().replace(',', '.') || NaN), y: Number(f[3]!.trim().replace(',', '.') || NaN), source: f[4] ?? '' });
		} else {
			q.reject('unknown line type', tag.slice(0, 30));
		}
	}

	// Pass 2: one row per kept ET, with its coordinates when valid.
	const rows: FinessFacilityRow[] = [];
	const usedGeo = new Set<string>();
	const perGroup: Record<string, number> = {};
	let noGeo = 0;
	let luhnFail = 0;
	let unknownCrs = 0;
	let communeUnresolved = 0;
	for (const [id, rec] of ets) {
		// Same kind rules as the FHIR reader (src/lib/facilities/kind-rules.ts): category, then name for hospital categories.
		const name = rec.rslongue || rec.rs;
		const kind = classifyFacility(rec.categetab, name);
		if (!kind) {
			q.reject('category out of scope', rec.categetab || '(empty)');
			continue;
		}
		const group = kind.kind;
		const place = communeFromFiness(rec.departement, rec.commune);
		const dep = place?.dep ?? normDep(rec.departement);
		if (!dep) {
			q.reject('unknown département', `${id}: ${rec.departement}`);
			continue;
		}
		if (!DROM.has(dep) && dep.length === 3) {
			// Saint-Pierre-et-Miquelon, Saint-Barthélemy, Saint-Martin and Pacific COM: outside the atlas.
			q.reject('COM out of scope', `${id} (${dep})`);
			continue;
		}
		if (!finessLuhnOk(id)) luhnFail++;
		let commune: string | null = place?.commune ?? null;
		if (commune && opts.aliases) commune = resolveCommune(opts.aliases, commune);
		if (!commune) communeUnresolved++;

		let lon: number | null = null;
		let lat: number | null = null;
		const g = geos.get(id);
		if (g) {
			usedGeo.add(id);
			const named = /EPSG:(\d{4,5})/i.exec(g.source)?.[1];
			let crs = named ? `EPSG:${named}` : defaultCrs(dep);
			if (!FINESS_CRS[crs]) {
				unknownCrs++;
				crs = defaultCrs(dep);
			}
			const ll = g.x && g.y ? finessToWgs84(g.x, g.y, crs) : null;
			const terr = ll ? franceTerritory(ll[0], ll[1]) : null;
			const expected = DROM.has(dep) ? dep : 'metro';
			// A bad point loses its coordinates, not the facility: the geolocalisation line is rejected.
			if (!ll) q.reject('geolocalisation: missing or invalid coordinates', id);
			else if (!terr) q.reject('geolocalisation: coordinates outside France', `${id} (${g.x}, ${g.y})`);
			else if (terr !== expected) q.reject('geolocalisation: coordinates outside the département’s territory', `${id} (${dep}, ${terr})`);
			else [lon, lat] = ll;
		}
		if (lon === null) noGeo++;
		const street = [rec.numvoie, rec.typvoie, rec.voie, rec.compvoie].filter(Boolean).join(' ');
		const address = [rec.complrs, street, rec.compldistrib, rec.lieuditbp].filter(Boolean).join(', ');
		// Ligne d'acheminement: '01440 VIRIAT' → postal code + city (as the FHIR file splits it).
		const acheminement = /^(\d{5})\s+(.+)$/.exec(rec.ligneacheminement);
		rows.push({
			finess: id,
			finess_ej: isFinessNumber(rec.nofinessej) ? rec.nofinessej : null,
			name,
			category: rec.categetab,
			category_label: rec.libcategetab,
			group,
			kind_basis: kind.basis,
			public: kind.public,
			address: address || null,
			postal_code: acheminement?.[1] ?? null,
			city: acheminement?.[2] ?? (rec.ligneacheminement || null),
			phone: rec.telephone || null,
			updated: /^\d{4}-\d{2}-\d{2}$/.test(rec.datemaj) ? rec.datemaj : null,
			commune,
			dep,
			lon,
			lat,
			placement: commune ? 'code_commune' : null,
			sae_fi: null, // filled by data/finess-layer.ts
			siret: /^\d{14}$/.test(rec.siret) ? rec.siret : null,
			date_open: /^\d{4}-\d{2}-\d{2}$/.test(rec.dateouv) ? rec.dateouv : null
		});
		perGroup[group] = (perGroup[group] ?? 0) + 1;
		q.keep();
	}
	let orphanGeo = 0;
	for (const id of geos.keys()) {
		if (usedGeo.has(id)) continue;
		if (ets.has(id)) q.reject('geolocalisation of an ET not kept', id);
		else {
			orphanGeo++;
			q.reject('geolocalisation without structureet line', id);
		}
	}
	q.note(
		`${etLines} structureet and ${geoLines} geolocalisation lines; a kept ET absorbs its geolocalisation line (rows_read counts both, rows_kept counts ET).`
	);
	q.note(`Kept per group: ${Object.entries(perGroup)
		.sort()
		.map(([k, n]) => `${k} ${n}`)
		.join(', ')}.`);
	if (noGeo) q.note(`${noGeo} kept ET without usable coordinates (lon/lat null).`);
	if (luhnFail) q.note(`${luhnFail} kept FINESS numbers fail the Luhn check digit (kept as given).`);
	if (unknownCrs) q.note(`${unknownCrs} geolocalisations name an unknown EPSG code: projection chosen by département.`);
	if (communeUnresolved) q.note(`${communeUnresolved} kept ET with no commune${opts.aliases ? ' in the COG 2026' : ''} (commune null).`);
	if (orphanGeo) q.note(`${orphanGeo} geolocalisation lines refer to no ET of the file.`);
	return { rows, quality: q.build(), extractDate: head[2]!, extractNumber: head[1]! };
}
