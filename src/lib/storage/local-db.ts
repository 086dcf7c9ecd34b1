/**
 * The one way the app keeps things in the browser: IndexedDB through `idb`, one database per
 * kind of record (so a failure or a schema change in one never touches another), one error
 * policy. Every failure is a StorageError carrying a French message that says what was lost
 * and what to do; full storage (quota) says so. Unavailable storage (private mode, disabled)
 * is an error too, never a silent no-op: the page shows it.
 */
import { openDB, type IDBPDatabase } from 'idb';

export class StorageError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'StorageError';
	}
}

export interface LocalDbSpec {
	name: string;
	version: number;
	/** Object stores, created on first open; `keyPath` absent = out-of-line keys. */
	stores: { name: string; keyPath?: string }[];
	/** What the user keeps there, for messages: « les notes », « les scénarios »… */
	what: string;
}

export interface LocalDb {
	db(): Promise<IDBPDatabase>;
	/** French message of a failure while `doing` (« L’enregistrement de la note »). */
	message(e: unknown, doing: string): string;
}

const QUOTA =
	'L’espace de stockage du navigateur est plein : rien n’a été enregistré. Exportez l’espace de travail (page Espace), supprimez d’anciens jeux de secteurs, scénarios, notes ou ressources, ou libérez de l’espace dans les réglages du navigateur, puis réessayez.';

export function isQuotaError(e: unknown): boolean {
	const name = (e as { name?: string } | null)?.name;
	return name === 'QuotaExceededError' || (e as { inner?: { name?: string } } | null)?.inner?.name === 'QuotaExceededError';
}

export function localDb(spec: LocalDbSpec): LocalDb {
	const unavailable = `Le stockage local du navigateur (IndexedDB) n’est pas disponible (navigation privée ou stockage désactivé)  : impossible d’y conserver ${spec.what} sur ce poste. Exportez l’espace de travail pour les garder.`;
	let dbp: Promise<IDBPDatabase> | null = null;
	const db = (): Promise<IDBPDatabase> => {
		if (!dbp) {
			const factory = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
			dbp = factory
				? openDB(spec.name, spec.version, {
						upgrade(d) {
							for (const s of spec.stores) if (!d.objectStoreNames.contains(s.name)) d.createObjectStore(s.name, s.keyPath ? { keyPath: s.keyPath } : undefined);
						},
						terminated() {
							dbp = null;
						}
					}).catch(() => {
						throw new StorageError(unavailable);
					})
				: Promise.reject(new StorageError(unavailable));
			dbp.catch(() => (dbp = null));
		}
		return dbp;
	};
	return {
		db,
		message(e, doing) {
			if (isQuotaError(e)) return QUOTA;
			if (e instanceof StorageError) return e.message;
			return `${doing} dans le stockage local du navigateur a échoué : rien n’a été enregistré. Réessayez ; si le problème persiste, rechargez la page.`;
		}
	};
}
