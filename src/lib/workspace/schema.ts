/**
 * The workspace file: everything the user made in this browser, as one versioned JSON document.
 *   { format: 'atlas-ptsm-workspace', version: 1, exported_at, app_version, sector_sets,
 *     custom_territories, scenarios, local_resources, notes, views }
 *   (+ own_indicators since version 2)
 * Parsing never trusts the file: size and array lengths are bounded before anything is read,
 * every record goes through its own store's check (which returns a clean copy with known
 * fields only, so `__proto__` and other extra keys are dropped), and one bad record refuses
 * the whole file (nothing is half-imported). Texts stay texts: nothing here is ever HTML.
 * Version 0 = a scenarios export of /accessibilite (or a bare scenario): migrated. Version 1 (no
 * imported indicators): migrated by adding an empty `own_indicators` list.
 */
import { checkSectorSet, checkTerritory, type SectorSet, type Territory } from '../geo/territory-store';
import { checkScenario, FILE_FORMAT as SCENARIO_FORMAT } from '../scenarios/validate';
import type { Scenario } from '../scenarios/model';
import { checkLocalResource, type LocalResource } from '../resources/local';
import { checkNote, type Note } from '../notes/notes';
import { checkOwnIndicator, type OwnIndicator } from '../own-indicators/model';
import { checkViews, type Views } from './views';

export const WORKSPACE_FORMAT = 'atlas-ptsm-workspace';
export const WORKSPACE_VERSION = 2;
export const MAX_WORKSPACE_BYTES = 20_000_000;
export const LIMITS = {
	sector_sets: 200,
	custom_territories: 2_000,
	scenarios: 100,
	local_resources: 20_000,
	notes: 10_000,
	own_indicators: 200
} as const;
export type CollectionId = keyof typeof LIMITS;
export const COLLECTIONS = Object.keys(LIMITS) as CollectionId[];
export const COLLECTION_LABELS: Record<CollectionId, string> = {
	sector_sets: 'Ensembles de secteurs',
	custom_territories: 'Territoires personnalisés',
	scenarios: 'Scénarios d’accessibilité',
	local_resources: 'Ressources locales',
	notes: 'Notes du diagnostic',
	own_indicators: 'Indicateurs importés'
};

export interface Workspace {
	format: typeof WORKSPACE_FORMAT;
	version: typeof WORKSPACE_VERSION;
	exported_at: string;
	app_version: string;
	sector_sets: SectorSet[];
	custom_territories: Territory[];
	scenarios: Scenario[];
	local_resources: LocalResource[];
	notes: Note[];
	own_indicators: OwnIndicator[];
	views: Views;
}

export type Parsed = { ok: true; value: Workspace; migratedFrom: number | null } | { ok: false; errors: string[] };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const MAX_ERRORS = 20;

export function buildWorkspace(parts: Omit<Workspace, 'format' | 'version' | 'exported_at' | 'app_version'>, appVersion: string, now = new Date()): Workspace {
	return { format: WORKSPACE_FORMAT, version: WORKSPACE_VERSION, exported_at: now.toISOString(), app_version: appVersion, ...parts };
}

export const workspaceFileName = (now = new Date()) => {
	const p = (n: number) => String(n).padStart(2, '0');
	return `atlas-ptsm-espace-${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}.json`;
};

export const toJson = (w: Workspace) => JSON.stringify(w, null, 1);

/** Version 1 → 2: the same collections, no imported indicators yet. Still unchecked. */
export function migrateV1(raw: Obj): Obj {
	return { ...raw, version: 2, own_indicators: [] };
}

/** Version 0 (scenarios export or one scenario) → the version 1 shape, still unchecked. */
export function migrateV0(raw: Obj): Obj {
	const scenarios = raw.format === SCENARIO_FORMAT ? raw.scenarios : [raw];
	return {
		format: WORKSPACE_FORMAT,
		version: 1,
		exported_at: null,
		app_version: null,
		sector_sets: [],
		custom_territories: [],
		scenarios,
		local_resources: [],
		notes: [],
		views: {}
	};
}

const isV0 = (raw: Obj) => (raw.format === SCENARIO_FORMAT && raw.version === 1) || (raw.format === undefined && 'edits' in raw && 'name' in raw);

/** Reads a workspace file's text. Never throws. */
export function parseWorkspace(text: unknown, maxBytes = MAX_WORKSPACE_BYTES): Parsed {
	if (typeof text !== 'string' || !text.trim()) return { ok: false, errors: ['Le fichier est vide.'] };
	// UTF-16 length ≤ UTF-8 bytes ≤ 3 × length: a cheap bound before any parsing.
	if (text.length > maxBytes) return { ok: false, errors: [`Le fichier est trop volumineux (${Math.round(maxBytes / 1e6)} Mo au plus).`] };
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		return { ok: false, errors: ['Le fichier n’est pas un JSON valide (fichier tronqué ou modifié ?).'] };
	}
	if (!isObj(raw)) return { ok: false, errors: ['Ce fichier n’est pas un espace de travail Atlas PTSM (objet JSON attendu).'] };
	let migratedFrom: number | null = null;
	if (isV0(raw)) {
		raw = migrateV1(migrateV0(raw));
		migratedFrom = 0;
	} else if (raw.format === WORKSPACE_FORMAT && raw.version === 1) {
		if ('own_indicators' in raw) return { ok: false, errors: ['Fichier incohérent : un espace de travail au format 1 ne contient pas d’indicateurs importés.'] };
		raw = migrateV1(raw);
		migratedFrom = 1;
	} else if (raw.format === SCENARIO_FORMAT) {
		return { ok: false, errors: ['Version de fichier de scénarios non prise en charge (attendue : 1).'] };
	} else if (raw.format !== WORKSPACE_FORMAT) {
		return { ok: false, errors: ['Ce fichier n’est pas un espace de travail Atlas PTSM (champ « format » absent ou différent).'] };
	} else if (raw.version !== WORKSPACE_VERSION) {
		const v = raw.version;
		return {
			ok: false,
			errors: [
				typeof v === 'number' && Number.isInteger(v) && v > WORKSPACE_VERSION
					? `Ce fichier a été créé par une version plus récente de l’application (format ${v}, celle-ci lit le format ${WORKSPACE_VERSION}) : mettez l’atlas à jour (rechargez la page) puis réessayez.`
					: `Version du fichier inconnue (${JSON.stringify(v)?.slice(0, 20) ?? 'absente'}) : seul le format ${WORKSPACE_VERSION} est lu.`
			]
		};
	}
	return checkV2(raw as Obj, migratedFrom);
}

function checkV2(raw: Obj, migratedFrom: number | null): Parsed {
	const errors: string[] = [];
	const str = (v: unknown, max: number) => (typeof v === 'string' && v.length <= max ? v : null);
	const lists = {} as Record<CollectionId, unknown[]>;
	for (const id of COLLECTIONS) {
		const v = raw[id] ?? [];
		if (!Array.isArray(v)) errors.push(`« ${id} » doit être une liste.`);
		else if (v.length > LIMITS[id]) errors.push(`« ${id} » : trop d’éléments (${v.length.toLocaleString('fr-FR')}, ${LIMITS[id].toLocaleString('fr-FR')} au plus).`);
		else lists[id] = v;
	}
	const views = checkViews(raw.views ?? {});
	if (!views.ok) errors.push(`« views » : ${views.error}.`);
	if (errors.length || !views.ok) return { ok: false, errors };

	const sector_sets = each(lists.sector_sets, 'Ensemble de secteurs', (v) => one(checkSectorSet(v, 'save')), errors);
	const custom_territories = each(lists.custom_territories, 'Territoire', (v) => one(checkTerritory(v, 'save')), errors);
	const scenarios = each(lists.scenarios, 'Scénario', (v, where) => {
		const c = checkScenario(v, where);
		return c.ok ? c : { ok: false as const, error: c.errors.slice(0, 3).join(' ') };
	}, errors);
	const local_resources = each(lists.local_resources, 'Ressource locale', (v) => {
		const c = checkLocalResource(v);
		return c.ok ? c : { ok: false as const, error: c.error.replace('enregistrée dans ce navigateur est illisible', 'est invalide').replace(/ : elle n’est pas affichée.*$/, '.') };
	}, errors);
	const notes = each(lists.notes, 'Note', (v) => one(checkNote(v)), errors);
	const own_indicators = each(lists.own_indicators, 'Indicateur importé', (v) => one(checkOwnIndicator(v)), errors);
	unique(sector_sets, (s) => s.id, 'Ensemble de secteurs : identifiant', errors);
	unique(custom_territories, (s) => s.id, 'Territoire : identifiant', errors);
	unique(scenarios, (s) => s.name, 'Scénario : nom', errors);
	unique(local_resources, (s) => s.id, 'Ressource locale : identifiant', errors);
	unique(notes, (s) => s.id, 'Note : territoire et priorité', errors);
	unique(own_indicators, (s) => s.id, 'Indicateur importé : identifiant', errors);
	if (errors.length) return { ok: false, errors: errors.slice(0, MAX_ERRORS) };
	return {
		ok: true,
		migratedFrom,
		value: {
			format: WORKSPACE_FORMAT,
			version: WORKSPACE_VERSION,
			exported_at: str(raw.exported_at, 40) ?? '',
			app_version: str(raw.app_version, 40) ?? '',
			sector_sets,
			custom_territories,
			scenarios,
			local_resources,
			notes,
			own_indicators,
			views: views.value
		}
	};
}

type One<T> = { ok: true; value: T } | { ok: false; error: string };
const one = <T>(c: One<T>) => c;

function each<T>(list: unknown[], what: string, check: (v: unknown, where: string) => One<T>, errors: string[]): T[] {
	const out: T[] = [];
	for (let i = 0; i < list.length; i++) {
		if (errors.length >= MAX_ERRORS) break;
		let c: One<T>;
		try {
			c = check(list[i], `${what} n° ${i + 1}`);
		} catch {
			c = { ok: false, error: 'illisible' };
		}
		if (c.ok) out.push(c.value);
		else errors.push(`${what} n° ${i + 1} : ${c.error}`);
	}
	return out;
}

function unique<T>(list: T[], key: (t: T) => string, what: string, errors: string[]) {
	const seen = new Set<string>();
	for (const t of list) {
		const k = key(t);
		if (seen.has(k)) errors.push(`${what} « ${k.slice(0, 80)} » présent deux fois.`);
		seen.add(k);
	}
}
