/**
 * FINESS établissements as FHIR R4 NDJSON (flrt/finess-fhir, extraction etalab-cs1100507 of
 * 2021-01-08), mirror folder finess_fhir_2021/etab*.tar.gz. Streaming: gunzip (node:zlib) → tar
 * (tar-stream) → lines → JSON.parse, so the 180 MB of NDJSON is never held as one string.
 *
 * Each établissement is two lines: an Organization (id `<EJ>-<ET>`) and a Location (id + '-loc')
 * holding its position. No commune code, no département field (see the mirror README §9): the
 * département comes from the FINESS number; the commune is found later (data/finess-layer.ts).
 * Overseas positions were converted from Lambert-93 by the generator although FINESS gives them in
 * the local UTM projection: recoverOverseas undoes that.
 */
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import proj4 from 'proj4';
import { extract } from 'tar-stream';
import { qualityBuilder, type QualityBuilder } from './common.ts';
import { defaultCrs, FINESS_CRS, isFinessNumber } from './finess.ts';

export const FHIR_SOURCE = 'finess_fhir_2021';
const OID_FINESS_ET = 'urn:oid:1.2.250.1.71.4.2.2';

/** One établissement as read, before kind, commune and SAE link. Coordinates already corrected. */
export interface FinessSite {
	finess: string;
	finess_ej: string | null;
	name: string;
	category: string;
	category_label: string;
	address: string | null;
	postal_code: string | null;
	city: string | null;
	phone: string | null;
	updated: string | null;
	dep: string | null;
	lon: number | null;
	lat: number | null;
	siret: string | null;
	date_open: string | null;
	/** Commune code given by the source (etalab CSV); the FHIR file has none. */
	commune?: string | null;
	/** True when the position was re-projected from the generator's wrong Lambert-93 conversion. */
	reprojected?: boolean;
}

/**
 * Département of a FINESS number: its first two characters ('01', '2A'); overseas numbers start
 * with '970' then the département's last digit (970100012 → 971 … 970400012 → 974), as every
 * overseas ET of the 2021 file does. Null for anything else (no Mayotte row in that file).
 */
export function depFromFiness(finess: string): string | null {
	if (!isFinessNumber(finess)) return null;
	if (finess.startsWith('97')) return /^970[1-6]/.test(finess) ? `97${finess[3]}` : null;
	if (finess.startsWith('98') || finess.startsWith('99') || finess.startsWith('00') || finess.startsWith('20')) return null;
	return finess.slice(0, 2);
}

// proj4 re-parses a PROJ string on every call: keep one converter per CRS.
const converters = new Map<string, proj4.Converter>();
function converter(crs: string): proj4.Converter {
	let c = converters.get(crs);
	if (!c) converters.set(crs, (c = proj4('WGS84', FINESS_CRS[crs]!)));
	return c;
}

/**
 * Saint-Barthélemy and Saint-Martin keep Guadeloupe FINESS numbers (9701…) but are collectivités
 * d'outre-mer (977, 978), outside the atlas: their postal codes 97133 and 97150 tell them apart.
 */
export function comOf(dep: string | null, postalCode: string | null): string | null {
	if (dep !== '971') return dep;
	if (postalCode === '97133') return '977';
	if (postalCode === '97150') return '978';
	return dep;
}

const OVERSEAS = new Set(['971', '972', '973', '974']);

/**
 * The right WGS84 position of an overseas site whose stored lat/lon was computed as if its UTM x/y
 * were Lambert-93: Lambert-93 forward gives back x/y, then the département's UTM inverse
 * (EPSG:5490 Antilles, 2972 Guyane, 2975 La Réunion). Null when the result is not finite.
 */
export function recoverOverseas(lon: number, lat: number, dep: string): [number, number] | null {
	const [x, y] = converter('EPSG:2154').forward([lon, lat]);
	const [lo, la] = converter(defaultCrs(dep === '977' || dep === '978' ? '971' : dep)).inverse([x!, y!]);
	return Number.isFinite(lo) && Number.isFinite(la) ? [lo!, la!] : null;
}

/** Lines of every .ndjson entry of a (gzipped) tar archive, streamed. */
export async function* tarNdjsonLines(bytes: Uint8Array): AsyncGenerator<string> {
	const gz = bytes[0] === 0x1f && bytes[1] === 0x8b;
	const ex = extract();
	const src = Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]);
	// pipeline forwards a gunzip or tar error to `ex`, which makes the loop below throw.
	if (gz) pipeline(src, createGunzip(), ex, () => {});
	else pipeline(src, ex, () => {});
	for await (const entry of ex) {
		const name = entry.header.name.split('/').pop() ?? '';
		if (entry.header.type !== 'file' || !name.endsWith('.ndjson') || name.startsWith('._')) {
			entry.resume();
			continue;
		}
		// Split chunks on '\n' by hand: several times faster than node:readline on 180 MB.
		const dec = new TextDecoder('utf-8');
		let rest = '';
		for await (const chunk of entry as AsyncIterable<Uint8Array>) {
			const text = rest + dec.decode(chunk, { stream: true });
			const lines = text.split('\n');
			rest = lines.pop()!;
			for (const l of lines) yield l.endsWith('\r') ? l.slice(0, -1) : l;
		}
		rest += dec.decode();
		if (rest) yield rest;
	}
}

// Minimal typing of the fields read; everything else is ignored.
interface Coding {
	system?: string;
	code?: string;
	display?: string;
}
interface FhirResource {
	resourceType?: string;
	id?: string;
	meta?: { lastUpdated?: string };
	extension?: { url?: string; valuePeriod?: { start?: string } }[];
	identifier?: { system?: string; value?: string }[];
	name?: string;
	type?: { coding?: Coding[] }[];
	address?: { line?: string[]; postalCode?: string; city?: string }[];
	telecom?: { system?: string; value?: string }[];
	position?: { latitude?: number; longitude?: number };
	managingOrganization?: { reference?: string };
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
/**
 * The generator wrote ~1 700 names and a few address lines through a CSV writer: `"AGIPSAH
 * ""FOYER D'HEBERGEMENT"""` for `AGIPSAH "FOYER D'HEBERGEMENT"`. Unwrap a value that is one quoted
 * CSV field, then fold the doubled quotes some FINESS values hold themselves (`3 LOT
 * """""LA GALERIE"""""`); a single quote is a literal character of the name.
 */
export function undoCsvQuoting(s: string): string {
	const oneField = s.length >= 2 && s.startsWith('"') && s.endsWith('"') && !s.slice(1, -1).replaceAll('""', '').includes('"');
	return (oneField ? s.slice(1, -1).replaceAll('""', '"').trim() : s).replace(/"{2,}/g, '"');
}
const text = (v: unknown): string | null => {
	const s = str(v);
	return s === null ? null : str(undoCsvQuoting(s));
};
const isoDate = (v: unknown): string | null => {
	const s = str(v);
	return s && /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : null;
};

export interface FhirParseResult {
	sites: FinessSite[];
	/** Bookkeeping of this file, continued by the layer builder (kinds, placement). */
	quality: QualityBuilder;
	organizations: number;
	locations: number;
	withoutPosition: string[];
	reprojected: number;
	files: number;
}

function siteOf(o: FhirResource, q: QualityBuilder): FinessSite | null {
	const id = str(o.id) ?? '';
	const et = str(o.identifier?.find((i) => i.system === OID_FINESS_ET)?.value) ?? '';
	if (!isFinessNumber(et)) {
		q.reject('numéro FINESS ET absent ou invalide', id || et || '(sans id)');
		return null;
	}
	const ej = id.includes('-') ? id.slice(0, id.indexOf('-')) : '';
	const coding = o.type?.flatMap((t) => t.coding ?? []) ?? [];
	const cat = coding.find((c) => c.system?.endsWith('/CAT_ETAB'));
	const addr = o.address?.[0];
	const lines = (addr?.line ?? []).map(text).filter((l): l is string => l !== null);
	const siret = str(o.identifier?.find((i) => i.system === 'http://sirene.fr')?.value);
	return {
		finess: et,
		finess_ej: isFinessNumber(ej) ? ej : null,
		name: text(o.name) ?? et,
		category: str(cat?.code) ?? '',
		category_label: str(cat?.display) ?? '',
		address: lines.length ? lines.join(', ') : null,
		postal_code: str(addr?.postalCode),
		city: text(addr?.city),
		phone: str(o.telecom?.find((t) => t.system === 'phone')?.value),
		updated: isoDate(o.meta?.lastUpdated),
		dep: comOf(depFromFiness(et), str(addr?.postalCode)),
		lon: null,
		lat: null,
		siret: siret && /^\d{14}$/.test(siret) ? siret : null,
		date_open: isoDate(o.extension?.find((e) => e.url?.endsWith('organization-period'))?.valuePeriod?.start)
	};
}

/** Reads the archives (any order); pairs each Organization with its Location. */
export async function parseFinessFhir(archives: readonly { name: string; bytes: Uint8Array }[]): Promise<FhirParseResult> {
	const q = qualityBuilder(FHIR_SOURCE, `finess_fhir_2021/${archives.length > 1 ? 'etab*.tar.gz' : (archives[0]?.name ?? '')}`);
	const orgs = new Map<string, FinessSite>();
	const positions = new Map<string, [number, number]>();
	let organizations = 0;
	let locations = 0;
	let unquoted = 0;
	for (const a of archives) {
		let lineNo = 0;
		for await (const line of tarNdjsonLines(a.bytes)) {
			lineNo++;
			if (line.trim() === '') continue;
			let o: FhirResource;
			try {
				o = JSON.parse(line) as FhirResource;
			} catch {
				q.reject('ligne JSON illisible', `${a.name}:${lineNo}`);
				continue;
			}
			if (o.resourceType === 'Organization') {
				organizations++;
				q.read();
				const site = siteOf(o, q);
				if (!site) continue;
				if (typeof o.name === 'string' && o.name.includes('"') && o.name.trim() !== site.name) unquoted++;
				const id = str(o.id)!;
				if (orgs.has(id)) {
					q.reject('établissement en double', site.finess);
					continue;
				}
				orgs.set(id, site);
			} else if (o.resourceType === 'Location') {
				locations++;
				const ref = str(o.managingOrganization?.reference)?.replace(/^Organization\//, '') ?? str(o.id)?.replace(/-loc$/, '');
				const lat = o.position?.latitude;
				const lon = o.position?.longitude;
				if (ref && typeof lat === 'number' && typeof lon === 'number' && Number.isFinite(lat) && Number.isFinite(lon)) positions.set(ref, [lon, lat]);
			} else {
				q.reject('ressource FHIR inattendue', `${a.name}:${lineNo} ${String(o.resourceType).slice(0, 30)}`);
			}
		}
	}
	const sites: FinessSite[] = [];
	const seenEt = new Set<string>();
	const withoutPosition: string[] = [];
	let reprojected = 0;
	for (const [id, site] of orgs) {
		if (seenEt.has(site.finess)) {
			q.reject('établissement en double', site.finess);
			continue;
		}
		seenEt.add(site.finess);
		const p = positions.get(id);
		positions.delete(id);
		if (!p) withoutPosition.push(site.finess);
		else if (site.dep && (OVERSEAS.has(site.dep) || site.dep === '977' || site.dep === '978')) {
			const ll = recoverOverseas(p[0], p[1], site.dep);
			if (ll) {
				[site.lon, site.lat] = ll;
				site.reprojected = true;
				reprojected++;
			}
		} else [site.lon, site.lat] = p;
		sites.push(site);
	}
	for (const ref of positions.keys()) q.reject('Location sans Organization', ref);
	if (unquoted) q.note(`${unquoted} ${unquoted > 1 ? 'noms d’établissement étaient restés' : 'nom d’établissement était resté'} entre guillemets CSV dans le fichier FHIR (« "X ""Y""" ») : rendus tels que FINESS les écrit.`);
	return { sites, quality: q, organizations, locations, withoutPosition, reprojected, files: archives.length };
}
