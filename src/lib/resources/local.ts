/**
 * Local resources (GEM, CLSM, maisons des adolescents, associations, équipes mobiles…): import
 * of a planner's CSV/XLSX, validation of every row with a French reason and its line number,
 * the checks of a stored record, the template, and a GeoJSON view for maps. Pure, no DOM.
 * Every string stays plain text: rendering must escape it (Svelte text nodes do).
 */
import type { FeatureCollection, Point } from 'geojson';
import { readTableFile } from '../geo/table-file';
import { normaliseCommuneCode, normaliseHeader } from '../geo/sector-import';
import { VIEWS } from '../map/geometry';
import { LOCAL_KINDS, LOCAL_KIND_LABELS_FR, LOCAL_KIND_WORDS, LOCAL_LABEL, type LocalKind } from './local-kinds';

export interface LocalResource {
	id: string;
	name: string;
	kind: LocalKind;
	/** The type as written in the file when it was not one of the known kinds. */
	kindText: string | null;
	address: string | null;
	commune: string | null; // COG 2026 code
	lon: number | null;
	lat: number | null;
	/** Where the point comes from: the file's coordinates, or the commune's interior point. */
	position: 'coordonnees' | 'commune' | null;
	phone: string | null;
	email: string | null;
	web: string | null;
	fileName: string | null;
	createdAt: string; // ISO 8601
	updatedAt: string;
}

/** The editable fields, as text (a file row or the edit form). */
export interface LocalFields {
	name: string;
	type: string;
	address: string;
	commune: string;
	lat: string;
	lon: string;
	phone: string;
	email: string;
	web: string;
}

export interface LocalContext {
	communes: ReadonlyMap<string, { name: string; dep: string; lon: number | null; lat: number | null }>;
	/** Any code seen in a source → current code (former communes, arrondissements…). */
	aliases: ReadonlyMap<string, string>;
}

export interface RowIssue {
	line: number | null; // file line; null for the edit form
	level: 'error' | 'warning';
	message: string; // French
}

export interface LocalImportReport {
	fileName: string;
	rowsRead: number;
	/** Rows that can be saved (those with warnings included). */
	resources: LocalResource[];
	issues: RowIssue[];
	notes: string[]; // how the file was read
}

export class LocalImportError extends Error {
	readonly code: string;
	constructor(code: string, message: string) {
		super(message);
		this.name = 'LocalImportError';
		this.code = code;
	}
}

export const MAX_LOCAL_ROWS = 5000;
export const MAX_LEN = { name: 200, type: 100, address: 300, phone: 40, email: 254, web: 500 } as const;

// ---------------------------------------------------------------------------------------------
// Field checks

// C0/C1 controls (tab and line breaks included: a one-line field never holds them) and the
// bidirectional overrides/isolates, which can make a name display as something else.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;

function textProblem(v: string, what: string, max: number): string | null {
	if (v.length > max) return `${what} trop long (${v.length} caractères, ${max} au plus)`;
	if (CONTROL.test(v)) return `${what} contenant un caractère de contrôle (retour à la ligne, tabulation…), refusé`;
	if (BIDI.test(v)) return `${what} contenant un caractère d’inversion du sens d’écriture (Unicode bidi), refusé`;
	return null;
}

/** France (metropolitan and overseas) as the map's views, with a margin for coastal sites. */
export function insideFrance(lon: number, lat: number): boolean {
	const m = 0.3;
	return VIEWS.some(({ bounds: [[w, s], [e, n]] }) => lon >= w - m && lon <= e + m && lat >= s - m && lat <= n + m);
}

function parseCoord(s: string): number | null {
	const t = s.trim().replace(/\s/g, '').replace(',', '.');
	if (!/^[-+]?\d+(\.\d+)?$/.test(t)) return null;
	const n = Number(t);
	return Number.isFinite(n) ? n : null;
}

const PHONE = /^\+?[0-9 .()\-/]{4,40}$/;
const EMAIL = /^[^\s@<>"'(),;:\\]+@[^\s@<>"'(),;:\\]+\.[^\s@<>"'(),;:\\]{2,}$/;

/** A phone number as typed, or null; the `tel:` target keeps only digits and a leading +. */
export function telHref(phone: string): string | null {
	const digits = phone.replace(/[^0-9+]/g, '').replace(/(?!^)\+/g, '');
	return digits.replace('+', '').length >= 4 ? `tel:${digits}` : null;
}

/** http(s) only; 'www.exemple.fr' gets https://. null when not a web address. */
export function normaliseWeb(raw: string): string | null {
	let s = raw.trim();
	if (!/^[a-z][a-z0-9+.-]*:/i.test(s)) s = `https://${s}`;
	let u: URL;
	try {
		u = new URL(s);
	} catch {
		return null;
	}
	if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
	if (!u.hostname.includes('.') || u.username || u.password) return null;
	return u.href;
}

export function kindFromText(raw: string): LocalKind | null {
	const n = normaliseHeader(raw);
	if (!n) return null;
	if ((LOCAL_KINDS as readonly string[]).includes(n.replace(/ /g, '_'))) return n.replace(/ /g, '_') as LocalKind;
	return LOCAL_KIND_WORDS[n] ?? (n.startsWith('equipe mobile') ? 'equipe_mobile' : n.startsWith('gem ') ? 'gem' : null);
}

export interface FieldResult {
	/** The clean values, null when an error stops the row. */
	value: Omit<LocalResource, 'id' | 'fileName' | 'createdAt' | 'updatedAt'> | null;
	errors: string[];
	warnings: string[];
}

/** Checks one row or form; every reason in French. */
export function validateFields(f: LocalFields, ctx: LocalContext): FieldResult {
	const errors: string[] = [];
	const warnings: string[] = [];
	const t = (v: string | undefined) => (v ?? '').trim();
	const name = t(f.name);
	const type = t(f.type);
	const address = t(f.address);
	const communeRaw = t(f.commune);
	const latRaw = t(f.lat);
	const lonRaw = t(f.lon);
	const phone = t(f.phone);
	const email = t(f.email);
	const webRaw = t(f.web);

	if (!name) errors.push('nom manquant');
	for (const [v, what, max] of [
		[name, 'nom', MAX_LEN.name],
		[type, 'type', MAX_LEN.type],
		[address, 'adresse', MAX_LEN.address],
		[phone, 'téléphone', MAX_LEN.phone],
		[email, 'courriel', MAX_LEN.email],
		[webRaw, 'site web', MAX_LEN.web]
	] as const) {
		const p = textProblem(v, what, max);
		if (p) errors.push(p);
	}

	let kind: LocalKind = 'autre_local';
	let kindText: string | null = null;
	if (!type) errors.push(`type manquant (GEM, CLSM, maison des adolescents, association, équipe mobile ou autre)`);
	else {
		const k = kindFromText(type);
		if (k) kind = k;
		else {
			kindText = type;
			warnings.push(`type « ${type.slice(0, 60)} » non reconnu : classée « ${LOCAL_KIND_LABELS_FR.autre_local} », le type écrit est conservé`);
		}
	}

	let commune: string | null = null;
	if (communeRaw) {
		const code = normaliseCommuneCode(communeRaw);
		if (!code) errors.push(`code commune « ${communeRaw.slice(0, 20)} » invalide (5 caractères INSEE attendus, pas le code postal)`);
		else if (ctx.communes.has(code)) commune = code;
		else {
			const current = ctx.aliases.get(code);
			if (current && ctx.communes.has(current)) {
				commune = current;
				warnings.push(`ancien code commune ${code} remplacé par le code actuel ${current} (${ctx.communes.get(current)!.name})`);
			} else errors.push(`code commune ${code} inconnu du code officiel géographique 2026`);
		}
	}

	let lon: number | null = null;
	let lat: number | null = null;
	let position: LocalResource['position'] = null;
	if (latRaw || lonRaw) {
		const la = parseCoord(latRaw);
		const lo = parseCoord(lonRaw);
		if (!latRaw || !lonRaw) errors.push('latitude et longitude vont ensemble : une seule est renseignée');
		else if (la === null || lo === null) errors.push('coordonnées illisibles (degrés décimaux attendus, ex. 45,7640 et 4,8357)');
		else if (!insideFrance(lo, la))
			errors.push(
				insideFrance(la, lo)
					? 'coordonnées hors de France : latitude et longitude semblent inversées'
					: `coordonnées hors de France (latitude ${la}, longitude ${lo})`
			);
		else {
			lon = lo;
			lat = la;
			position = 'coordonnees';
		}
	}
	if (position === null && commune) {
		const c = ctx.communes.get(commune)!;
		if (c.lon !== null && c.lat !== null) {
			lon = c.lon;
			lat = c.lat;
			position = 'commune';
		}
	}
	if (!address && !communeRaw && !latRaw && !lonRaw) errors.push('ni adresse, ni code commune, ni coordonnées : la ressource ne peut pas être située');
	else if (!commune && position === null && errors.length === 0)
		warnings.push('adresse seule : sans code commune ni coordonnées, la ressource n’est ni sur la carte ni dans les filtres par territoire');
	else if (!commune && position === 'coordonnees')
		warnings.push('coordonnées sans code commune : la ressource est sur la carte, mais pas dans les filtres par territoire (sauf « France entière »)');

	if (phone && !PHONE.test(phone)) errors.push(`téléphone « ${phone.slice(0, 40)} » illisible (chiffres, espaces, points, tirets et + initial)`);
	if (email && !EMAIL.test(email)) errors.push(`courriel « ${email.slice(0, 60)} » illisible`);
	let web: string | null = null;
	if (webRaw) {
		web = normaliseWeb(webRaw);
		if (!web) errors.push(`site web « ${webRaw.slice(0, 60)} » refusé : seules les adresses http:// ou https:// sont acceptées`);
	}

	if (errors.length) return { value: null, errors, warnings };
	return {
		value: {
			name,
			kind,
			kindText,
			address: address || null,
			commune,
			lon,
			lat,
			position,
			phone: phone || null,
			email: email || null,
			web
		},
		errors,
		warnings
	};
}

// ---------------------------------------------------------------------------------------------
// File import

type FieldKey = keyof LocalFields;

const HEADERS: Record<string, FieldKey> = {};
for (const [k, list] of Object.entries({
	name: ['nom', 'nom de la ressource', 'raison sociale', 'denomination', 'libelle', 'name', 'intitule', 'structure'],
	type: ['type', 'type de ressource', 'categorie', 'nature', 'kind'],
	address: ['adresse', 'adresse postale', 'address', 'voie', 'adresse complete'],
	commune: ['code commune', 'code insee', 'insee', 'codgeo', 'code commune insee', 'depcom', 'cog', 'commune code'],
	lat: ['latitude', 'lat', 'y'],
	lon: ['longitude', 'lon', 'lng', 'long', 'x'],
	phone: ['telephone', 'tel', 'tel.', 'numero de telephone', 'phone', 'telephone standard'],
	email: ['courriel', 'email', 'e mail', 'mail', 'adresse electronique', 'adresse mail', 'mel'],
	web: ['site web', 'site', 'site internet', 'url', 'web', 'lien', 'website']
} as Record<FieldKey, string[]>)) {
	for (const h of list) HEADERS[normaliseHeader(h)] = k as FieldKey;
}

const EMPTY: LocalFields = { name: '', type: '', address: '', commune: '', lat: '', lon: '', phone: '', email: '', web: '' };

function newId(): string {
	const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
	return c?.randomUUID ? c.randomUUID() : `id-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** Reads and validates a file; nothing is stored (the page saves `resources` once confirmed). */
export async function importLocalFile(bytes: Uint8Array, fileName: string, ctx: LocalContext, now = new Date()): Promise<LocalImportReport> {
	const label = fileName || 'fichier';
	const file = await readTableFile(bytes, label, { what: 'la liste des ressources', fail: (c, m) => new LocalImportError(c, m) });
	const sheet = file.sheets.find((s) => s.grid.some((r) => r.some((c) => c.trim() !== ''))) ?? file.sheets[0]!;
	const grid = sheet.grid;
	let headerIdx = -1;
	let map: Partial<Record<FieldKey, number>> = {};
	for (let i = 0; i < grid.length && i < 20; i++) {
		const m: Partial<Record<FieldKey, number>> = {};
		(grid[i] ?? []).forEach((h, j) => {
			const k = HEADERS[normaliseHeader(h)];
			if (k && m[k] === undefined) m[k] = j;
		});
		if (m.name !== undefined) {
			headerIdx = i;
			map = m;
			break;
		}
	}
	if (headerIdx < 0) {
		throw new LocalImportError(
			'missing-columns',
			`Colonne « nom » introuvable dans « ${label} » : la première ligne doit contenir les noms de colonnes (nom, type, adresse, code_commune, latitude, longitude, telephone, courriel, site_web). Téléchargez le modèle pour voir le format attendu.`
		);
	}
	const notes = [...sheet.notes];
	if (headerIdx > 0) notes.push(`Ligne d'en-tête trouvée à la ligne ${headerIdx + 1} : les lignes au-dessus ont été ignorées.`);
	const issues: RowIssue[] = [];
	const resources: LocalResource[] = [];
	let rowsRead = 0;
	const iso = now.toISOString();
	for (let i = headerIdx + 1; i < grid.length; i++) {
		const row = grid[i] ?? [];
		if (!row.some((c) => c.trim() !== '')) continue;
		rowsRead++;
		if (rowsRead > MAX_LOCAL_ROWS) {
			issues.push({ line: i + 1, level: 'error', message: `Au-delà de ${MAX_LOCAL_ROWS} lignes : les lignes suivantes ne sont pas lues. Découpez le fichier.` });
			break;
		}
		const f = { ...EMPTY };
		for (const [k, j] of Object.entries(map) as [FieldKey, number][]) f[k] = row[j] ?? '';
		const r = validateFields(f, ctx);
		for (const w of r.warnings) issues.push({ line: i + 1, level: 'warning', message: capital(w) + '.' });
		if (!r.value) {
			issues.push({ line: i + 1, level: 'error', message: `Ligne rejetée : ${r.errors.join(' ; ')}.` });
			continue;
		}
		resources.push({ ...r.value, id: newId(), fileName: label, createdAt: iso, updatedAt: iso });
	}
	if (!rowsRead) issues.push({ line: null, level: 'error', message: 'Le fichier ne contient aucune ligne sous l’en-tête : rien à importer.' });
	issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1));
	return { fileName: label, rowsRead, resources, issues, notes };
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The form's fields for an existing resource. */
export function fieldsOf(r: LocalResource): LocalFields {
	return {
		name: r.name,
		type: r.kindText ?? LOCAL_KIND_LABELS_FR[r.kind],
		address: r.address ?? '',
		commune: r.commune ?? '',
		lat: r.position === 'coordonnees' && r.lat !== null ? String(r.lat).replace('.', ',') : '',
		lon: r.position === 'coordonnees' && r.lon !== null ? String(r.lon).replace('.', ',') : '',
		phone: r.phone ?? '',
		email: r.email ?? '',
		web: r.web ?? ''
	};
}

// ---------------------------------------------------------------------------------------------
// Stored records

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const optText = (v: unknown, max: number) => v === null || v === undefined || (typeof v === 'string' && v.length <= max && !CONTROL.test(v) && !BIDI.test(v));
const optNum = (v: unknown) => v === null || v === undefined || (typeof v === 'number' && Number.isFinite(v));
const isIso = (v: unknown) => typeof v === 'string' && v.length <= 40 && !Number.isNaN(Date.parse(v));
const COMMUNE_RE = /^(\d{5}|2[AB]\d{3})$/;

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** Checks a stored record (it may come from an older version or have been edited by hand). */
export function checkLocalResource(v: unknown): Checked<LocalResource> {
	const fail = (why: string): Checked<LocalResource> => {
		const name = isObj(v) && typeof v.name === 'string' ? ` « ${v.name.slice(0, 80)} »` : '';
		return { ok: false, error: `La ressource locale${name} enregistrée dans ce navigateur est illisible (${why}) : elle n’est pas affichée. Supprimez-la puis importez-la à nouveau.` };
	};
	if (!isObj(v)) return fail('l’enregistrement n’est pas un objet');
	if (typeof v.id !== 'string' || !v.id || v.id.length > 100) return fail('identifiant invalide');
	if (typeof v.name !== 'string' || !v.name.trim() || !optText(v.name, MAX_LEN.name)) return fail('nom invalide');
	if (!(LOCAL_KINDS as readonly unknown[]).includes(v.kind)) return fail('type inconnu');
	if (!optText(v.kindText, MAX_LEN.type) || !optText(v.address, MAX_LEN.address) || !optText(v.phone, MAX_LEN.phone) || !optText(v.email, MAX_LEN.email))
		return fail('texte invalide');
	if (!optText(v.fileName, 300)) return fail('nom de fichier invalide');
	if (v.commune !== null && v.commune !== undefined && (typeof v.commune !== 'string' || !COMMUNE_RE.test(v.commune))) return fail('code commune invalide');
	if (!optNum(v.lon) || !optNum(v.lat)) return fail('coordonnées invalides');
	const hasPoint = typeof v.lon === 'number' && typeof v.lat === 'number';
	if (hasPoint && !insideFrance(v.lon as number, v.lat as number)) return fail('coordonnées hors de France');
	if (hasPoint !== (v.position === 'coordonnees' || v.position === 'commune')) return fail('position incohérente');
	if (v.web !== null && v.web !== undefined && (typeof v.web !== 'string' || v.web.length > MAX_LEN.web || normaliseWeb(v.web) !== v.web)) return fail('site web invalide');
	if (!isIso(v.createdAt) || !isIso(v.updatedAt)) return fail('date invalide');
	const s = (x: unknown) => (typeof x === 'string' ? x : null);
	return {
		ok: true,
		value: {
			id: v.id,
			name: v.name,
			kind: v.kind as LocalKind,
			kindText: s(v.kindText),
			address: s(v.address),
			commune: s(v.commune),
			lon: hasPoint ? (v.lon as number) : null,
			lat: hasPoint ? (v.lat as number) : null,
			position: hasPoint ? (v.position as 'coordonnees' | 'commune') : null,
			phone: s(v.phone),
			email: s(v.email),
			web: s(v.web),
			fileName: s(v.fileName),
			createdAt: v.createdAt as string,
			updatedAt: v.updatedAt as string
		}
	};
}

// ---------------------------------------------------------------------------------------------
// Map view and template

export interface LocalFeatureProps {
	id: string;
	name: string;
	kind: LocalKind;
	kindLabel: string;
	origin: 'local';
	label: typeof LOCAL_LABEL;
	position: 'coordonnees' | 'commune';
}

/** Placed local resources as GeoJSON (WGS84), for any map of the app. */
export function localResourcesGeoJSON(list: readonly LocalResource[]): FeatureCollection<Point, LocalFeatureProps> {
	return {
		type: 'FeatureCollection',
		features: list
			.filter((r) => r.lon !== null && r.lat !== null && r.position !== null)
			.map((r) => ({
				type: 'Feature',
				id: r.id,
				geometry: { type: 'Point', coordinates: [r.lon!, r.lat!] },
				properties: {
					id: r.id,
					name: r.name,
					kind: r.kind,
					kindLabel: r.kindText ?? LOCAL_KIND_LABELS_FR[r.kind],
					origin: 'local',
					label: LOCAL_LABEL,
					position: r.position!
				}
			}))
	};
}

export const LOCAL_TEMPLATE_FILE_NAME = 'modele-ressources-locales.csv';
export const LOCAL_TEMPLATE_HEADERS = ['nom', 'type', 'adresse', 'code_commune', 'latitude', 'longitude', 'telephone', 'courriel', 'site_web'];

/** The template: real commune codes, example names to replace; UTF-8 BOM, ';', CRLF. */
export function localTemplateCsv(): string {
	const rows = [
		LOCAL_TEMPLATE_HEADERS,
		['GEM — exemple à remplacer', 'GEM', '1 rue de l’Exemple', '69123', '', '', '04 00 00 00 00', 'contact@exemple.fr', 'https://exemple.fr'],
		['Maison des adolescents — exemple à remplacer', 'Maison des adolescents', '', '', '45,7578', '4,8320', '', '', ''],
		['CLSM — exemple à remplacer', 'CLSM', '', '69266', '', '', '', '', '']
	];
	const cell = (v: string) => (/[";\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
	return '\uFEFF' + rows.map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}
