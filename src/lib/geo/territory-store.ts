/**
 * Local persistence (IndexedDB) of imported sector sets and custom territories.
 *
 * Database 'atlas-ptsm', object stores 'sectorSets' and 'territories' (keyPath 'id').
 * - Every record is validated when saved AND when loaded: browser storage can hold records
 *   from an older app version or edited by hand; a bad record is reported in French and
 *   skipped, never a crash.
 * - Storage goes through storage/local-db.ts (`sharedLocalDb`): each write is one readwrite
 *   transaction, resolved on `complete`, so nothing is half-saved; the database is opened without
 *   a version and stores missing from it are added by bumping the version by one; the IDBFactory
 *   is injectable so the module runs in Node tests (no DOM otherwise).
 */
import type { Sector, SectorImportReport, SectorType } from './sector-import';
import { sectorCodeProblem, sectorNameProblem } from './sector-schema';
import { stored, type StoredKind } from '../storage/changes';
import { checkAll, sharedLocalDb, StorageError, type Checked, type RecordError, type SharedDbSpec } from '../storage/local-db';

export const DB_NAME = 'atlas-ptsm';
export const STORE_SECTOR_SETS = 'sectorSets';
export const STORE_TERRITORIES = 'territories';
const STORES = [STORE_SECTOR_SETS, STORE_TERRITORIES] as const;

export const RECORD_VERSION = 1;

export interface SectorSet {
	id: string;
	name: string;
	fileName: string | null; // file it was imported from
	createdAt: string; // ISO 8601
	updatedAt: string;
	sectors: Sector[];
}

export interface Territory {
	id: string;
	name: string;
	communes: string[]; // COG current commune codes
	createdAt: string;
	updatedAt: string;
}

type Purpose = 'load' | 'save';

export type { Checked };

/** A stored record that failed its checks (French message). */
export type LoadError = RecordError;

export interface LoadResult<T> {
	items: T[];
	errors: LoadError[];
}

export class TerritoryStoreError extends StorageError {
	constructor(message: string) {
		super(message);
		this.name = 'TerritoryStoreError';
	}
}

// ---------------------------------------------------------------------------------------------
// Validation / serialisation (pure)

const COMMUNE_RE = /^(\d{5}|2[AB]\d{3})$/;
const MAX_ID = 200;
const MAX_NAME = 500;
const MAX_SECTORS = 20_000;
const MAX_COMMUNES = 40_000;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIsoDate = (v: unknown): v is string => typeof v === 'string' && v.length <= 40 && !Number.isNaN(Date.parse(v));
const isNonEmpty = (v: unknown, max: number): v is string => typeof v === 'string' && v.trim() !== '' && v.length <= max;

function checkHeader(v: Obj, what: string): string | null {
	if (!isNonEmpty(v.id, MAX_ID)) return `identifiant absent ou invalide`;
	if (!isNonEmpty(v.name, MAX_NAME)) return `nom ${what} absent ou trop long (${MAX_NAME} caractères au plus)`;
	if (!isIsoDate(v.createdAt)) return 'date de création invalide';
	if (!isIsoDate(v.updatedAt)) return 'date de mise à jour invalide';
	return null;
}

function checkCommunes(list: unknown, where: string): string | null {
	if (!Array.isArray(list)) return `${where} : liste de communes absente`;
	if (list.length > MAX_COMMUNES) return `${where} : trop de communes (${list.length})`;
	const seen = new Set<string>();
	for (const c of list) {
		if (typeof c !== 'string' || !COMMUNE_RE.test(c)) return `${where} : code commune invalide ${JSON.stringify(c)?.slice(0, 40) ?? String(c)}`;
		if (seen.has(c)) return `${where} : commune ${c} présente deux fois`;
		seen.add(c);
	}
	return null;
}

/** Checks an unknown value (a stored record or a set about to be saved); returns a clean copy. */
export function checkSectorSet(value: unknown, purpose: Purpose = 'load'): Checked<SectorSet> {
	const fail = (why: string): Checked<SectorSet> => {
		const v = isObj(value) ? value : {};
		const label = typeof v.name === 'string' && v.name.trim() ? ` « ${v.name.slice(0, 80)} »` : typeof v.id === 'string' ? ` (identifiant ${v.id.slice(0, 40)})` : '';
		return {
			ok: false,
			error:
				purpose === 'load'
					? `L'ensemble de secteurs${label} enregistré dans ce navigateur est illisible (${why}). Supprimez-le puis importez à nouveau le fichier de secteurs.`
					: `L'ensemble de secteurs${label} n'a pas été enregistré car il est invalide (${why}). Relancez l'import du fichier.`
		};
	};
	if (!isObj(value)) return fail("l'enregistrement n'est pas un objet");
	const h = checkHeader(value, "de l'ensemble");
	if (h) return fail(h);
	if (value.fileName !== null && value.fileName !== undefined && typeof value.fileName !== 'string') return fail('nom de fichier invalide');
	if (!Array.isArray(value.sectors)) return fail('liste des secteurs absente');
	if (value.sectors.length === 0) return fail('aucun secteur');
	if (value.sectors.length > MAX_SECTORS) return fail(`trop de secteurs (${value.sectors.length})`);
	const sectors: Sector[] = [];
	const keys = new Set<string>();
	const owner: Record<SectorType, Map<string, string>> = { G: new Map(), I: new Map() };
	for (let i = 0; i < value.sectors.length; i++) {
		const s: unknown = value.sectors[i];
		const where = `secteur n° ${i + 1}`;
		if (!isObj(s)) return fail(`${where} illisible`);
		// Same schema as the import preview (sector-schema.ts), same wording.
		const codeProblem = sectorCodeProblem(s.code);
		if (codeProblem) return fail(`${where} : ${codeProblem}`);
		if (s.type !== 'G' && s.type !== 'I') return fail(`${where} (${s.code}) : type ${JSON.stringify(s.type)?.slice(0, 20)} au lieu de G ou I`);
		const nameProblem = sectorNameProblem(s.name);
		if (nameProblem) return fail(`${where} (${s.code}) : ${nameProblem}`);
		if (s.finess !== null && s.finess !== undefined && typeof s.finess !== 'string') return fail(`${where} (${s.code}) : FINESS invalide`);
		const cc = checkCommunes(s.communes, `${where} (${s.code})`);
		if (cc) return fail(cc);
		const communes = s.communes as string[];
		if (!communes.length) return fail(`${where} (${s.code}) : aucune commune`);
		if (!Array.isArray(s.deps) || !s.deps.every((d) => typeof d === 'string' && /^(\d{2,3}|2[AB])$/.test(d))) return fail(`${where} (${s.code}) : départements invalides`);
		if (typeof s.population !== 'number' || !Number.isFinite(s.population) || s.population < 0) return fail(`${where} (${s.code}) : population invalide`);
		const key = `${s.type}|${s.code}`;
		if (keys.has(key)) return fail(`secteur ${s.code} (${s.type}) présent deux fois`);
		keys.add(key);
		for (const c of communes) {
			const prev = owner[s.type].get(c);
			if (prev) return fail(`commune ${c} dans deux secteurs ${s.type} (${prev} et ${s.code})`);
			owner[s.type].set(c, s.code as string);
		}
		sectors.push({
			code: s.code as string,
			type: s.type,
			name: typeof s.name === 'string' ? s.name : null,
			finess: typeof s.finess === 'string' ? s.finess : null,
			communes: [...communes],
			deps: [...(s.deps as string[])],
			population: s.population
		});
	}
	return {
		ok: true,
		value: {
			id: value.id as string,
			name: value.name as string,
			fileName: typeof value.fileName === 'string' ? value.fileName : null,
			createdAt: value.createdAt as string,
			updatedAt: value.updatedAt as string,
			sectors
		}
	};
}

export function checkTerritory(value: unknown, purpose: Purpose = 'load'): Checked<Territory> {
	const fail = (why: string): Checked<Territory> => {
		const v = isObj(value) ? value : {};
		const label = typeof v.name === 'string' && v.name.trim() ? ` « ${v.name.slice(0, 80)} »` : '';
		return {
			ok: false,
			error:
				purpose === 'load'
					? `Le territoire${label} enregistré dans ce navigateur est illisible (${why}). Supprimez-le puis recréez-le.`
					: `Le territoire${label} n'a pas été enregistré car il est invalide (${why}). Vérifiez son nom et ses communes.`
		};
	};
	if (!isObj(value)) return fail("l'enregistrement n'est pas un objet");
	const h = checkHeader(value, 'du territoire');
	if (h) return fail(h);
	const cc = checkCommunes(value.communes, 'communes');
	if (cc) return fail(cc);
	if (!(value.communes as string[]).length) return fail('aucune commune');
	return {
		ok: true,
		value: {
			id: value.id as string,
			name: value.name as string,
			communes: [...(value.communes as string[])],
			createdAt: value.createdAt as string,
			updatedAt: value.updatedAt as string
		}
	};
}

/** Stored form: the clean copy plus a record version, for future migrations. */
export function serialiseSectorSet(set: SectorSet): SectorSet & { v: number } {
	const c = checkSectorSet(set, 'save');
	if (!c.ok) throw new TerritoryStoreError(c.error);
	return { ...c.value, v: RECORD_VERSION };
}

export function serialiseTerritory(t: Territory): Territory & { v: number } {
	const c = checkTerritory(t, 'save');
	if (!c.ok) throw new TerritoryStoreError(c.error);
	return { ...c.value, v: RECORD_VERSION };
}

function newId(): string {
	const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
	return c?.randomUUID ? c.randomUUID() : `id-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** Builds the set to save from a validation report (after the user confirmed). */
export function sectorSetFromReport(
	report: SectorImportReport,
	opts: { name: string; fileName?: string | null; id?: string; now?: Date }
): SectorSet {
	const now = (opts.now ?? new Date()).toISOString();
	return {
		id: opts.id ?? newId(),
		name: opts.name,
		fileName: opts.fileName ?? null,
		createdAt: now,
		updatedAt: now,
		sectors: report.sectors.map((s) => ({ ...s, communes: [...s.communes], deps: [...s.deps] }))
	};
}

// ---------------------------------------------------------------------------------------------
// IndexedDB access

export interface TerritoryStore {
	saveSectorSet(set: SectorSet): Promise<void>;
	listSectorSets(): Promise<LoadResult<SectorSet>>;
	deleteSectorSet(id: string): Promise<void>;
	saveTerritory(territory: Territory): Promise<void>;
	listTerritories(): Promise<LoadResult<Territory>>;
	deleteTerritory(id: string): Promise<void>;
	close(): void;
}

/** The database and its French messages (unchanged since the module opened IndexedDB by hand). */
const DB: SharedDbSpec = {
	name: DB_NAME,
	stores: STORES.map((name) => ({ name, keyPath: 'id' })),
	messages: {
		unavailable:
			"Le stockage local du navigateur (IndexedDB) n'est pas disponible : navigation privée, ou stockage des sites désactivé. Les secteurs et territoires ne pourront pas être conservés d'une session à l'autre.",
		blocked:
			"La base locale de l'atlas est verrouillée par un autre onglet ouvert sur une ancienne version. Fermez les autres onglets de l'atlas puis réessayez.",
		quota:
			"L'espace de stockage du navigateur est plein : rien n'a été enregistré. Supprimez d'anciens ensembles de secteurs ou territoires, ou libérez de l'espace dans les réglages du navigateur.",
		version:
			"La base locale de l'atlas a été créée par une version plus récente de l'application. Rechargez la page (Ctrl+F5) ; rien n'a été enregistré.",
		other:
			"L'enregistrement dans le stockage local du navigateur a échoué : rien n'a été enregistré. Réessayez ; si le problème persiste, rechargez la page."
	},
	error: TerritoryStoreError
};

export function createTerritoryStore(factory?: IDBFactory): TerritoryStore {
	const { run, close } = sharedLocalDb(DB, factory);

	async function list<T>(store: string, check: (v: unknown) => Checked<T>): Promise<LoadResult<T>> {
		const raw = ((await run<unknown[]>(store, 'readonly', (os) => os.getAll())) ?? []) as unknown[];
		const { items, errors } = checkAll(raw, check, 'Un enregistrement local est illisible et a été ignoré. Supprimez-le.');
		items.sort((a, b) => {
			const ua = (a as { updatedAt: string }).updatedAt;
			const ub = (b as { updatedAt: string }).updatedAt;
			return ua < ub ? 1 : ua > ub ? -1 : 0;
		});
		return { items, errors };
	}

	const idOf = (id: string) => {
		if (typeof id !== 'string' || !id) throw new TerritoryStoreError('Identifiant manquant : rien n’a été supprimé.');
		return id;
	};

	return {
		async saveSectorSet(set) {
			const record = serialiseSectorSet(set);
			await run(STORE_SECTOR_SETS, 'readwrite', (os) => os.put(record));
		},
		listSectorSets: () => list(STORE_SECTOR_SETS, (v) => checkSectorSet(v)),
		async deleteSectorSet(id) {
			const key = idOf(id);
			await run(STORE_SECTOR_SETS, 'readwrite', (os) => os.delete(key));
		},
		async saveTerritory(t) {
			const record = serialiseTerritory(t);
			await run(STORE_TERRITORIES, 'readwrite', (os) => os.put(record));
		},
		listTerritories: () => list(STORE_TERRITORIES, (v) => checkTerritory(v)),
		async deleteTerritory(id) {
			const key = idOf(id);
			await run(STORE_TERRITORIES, 'readwrite', (os) => os.delete(key));
		},
		close
	};
}

// Convenience functions on the browser's IndexedDB (or an injected factory).
let defaultStore: TerritoryStore | null = null;
const storeFor = (idb?: IDBFactory) => (idb ? createTerritoryStore(idb) : (defaultStore ??= createTerritoryStore()));
const once = async <T>(idb: IDBFactory | undefined, fn: (s: TerritoryStore) => Promise<T>): Promise<T> => {
	const s = storeFor(idb);
	try {
		return await fn(s);
	} finally {
		if (idb) s.close(); // a throwaway store per injected factory
	}
};

/** A write, then the app is told (storage/changes.ts). */
const written = async <T>(kind: StoredKind, p: Promise<T>): Promise<T> => {
	const r = await p;
	stored(kind);
	return r;
};

export const saveSectorSet = (set: SectorSet, idb?: IDBFactory) => written('sector_sets', once(idb, (s) => s.saveSectorSet(set)));
export const listSectorSets = (idb?: IDBFactory) => once(idb, (s) => s.listSectorSets());
export const deleteSectorSet = (id: string, idb?: IDBFactory) => written('sector_sets', once(idb, (s) => s.deleteSectorSet(id)));
export const saveTerritory = (t: Territory, idb?: IDBFactory) => written('custom_territories', once(idb, (s) => s.saveTerritory(t)));
export const listTerritories = (idb?: IDBFactory) => once(idb, (s) => s.listTerritories());
export const deleteTerritory = (id: string, idb?: IDBFactory) => written('custom_territories', once(idb, (s) => s.deleteTerritory(id)));
