/**
 * The one way the app keeps things in the browser: IndexedDB through `idb`, one database per
 * kind of record (so a failure or a schema change in one never touches another), one error
 * policy. Every failure is a StorageError carrying a French message that says what was lost
 * and what to do; full storage (quota) says so. Unavailable storage (private mode, disabled)
 * is an error too, never a silent no-op: the page shows it.
 */
import { openDB, type IDBPDatabase, type IDBPObjectStore } from 'idb';

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
	/** Every record of a store, as stored (unchecked); a failure is thrown as `fail(e)`. */
	getAll(store: string, fail: (e: unknown) => Error): Promise<unknown[]>;
	/** One readwrite transaction over a store, resolved when it commits: all or nothing; a failure is thrown as `fail(e)`. */
	write(store: string, body: (s: IDBPObjectStore<unknown, [string], string, 'readwrite'>) => Promise<unknown>[], fail: (e: unknown) => Error): Promise<void>;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** A stored record that failed its checks: its id when it has one, and why (French). */
export interface RecordError {
	id: string | null;
	message: string;
}

/**
 * Stored records through their checks: the valid ones, and one error per invalid one (a check that
 * throws reads as `unreadable`), never a crash. `idLength` caps the id kept from a bad record.
 */
export function checkAll<T>(raw: readonly unknown[], check: (v: unknown) => Checked<T>, unreadable: string, idLength = Infinity): { items: T[]; errors: RecordError[] } {
	const items: T[] = [];
	const errors: RecordError[] = [];
	for (const r of raw) {
		let c: Checked<T>;
		try {
			c = check(r);
		} catch {
			c = { ok: false, error: unreadable };
		}
		if (c.ok) items.push(c.value);
		else {
			const id = (r as { id?: unknown } | null)?.id;
			errors.push({ id: typeof id === 'string' ? id.slice(0, idLength) : null, message: c.error });
		}
	}
	return { items, errors };
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
		},
		async getAll(store, fail) {
			try {
				return await (await db()).getAll(store);
			} catch (e) {
				throw fail(e);
			}
		},
		async write(store, body, fail) {
			try {
				const tx = (await db()).transaction(store, 'readwrite');
				await Promise.all([...body(tx.store), tx.done]);
			} catch (e) {
				throw fail(e);
			}
		}
	};
}

/** What a failure was, for the one error policy: full storage, a database from a newer version, or anything else. */
export type FailureKind = 'quota' | 'version' | 'other';

export function failureKind(e: unknown): FailureKind {
	if (isQuotaError(e)) return 'quota';
	return (e as { name?: string } | null)?.name === 'VersionError' ? 'version' : 'other';
}

/**
 * A database that several modules of the app may share (the historical 'atlas-ptsm'): opened at
 * its current version, and stores missing from it added by bumping the version by one, so a store
 * never deletes another's. Written on the plain request API rather than `idb`, so that it runs on
 * any injected IDBFactory (Node tests pass an in-memory one).
 */
export interface SharedDbSpec {
	name: string;
	stores: { name: string; keyPath: string }[];
	/** French messages, each saying what was lost and what to do. */
	messages: { unavailable: string; blocked: string } & Record<FailureKind, string>;
	/** The error callers catch (a StorageError of their module). */
	error: new (message: string) => StorageError;
}

export interface SharedDb {
	/** One transaction per call, resolved on `complete`: a failed write leaves nothing behind. */
	run<T>(store: string, mode: IDBTransactionMode, body: (os: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined>;
	close(): void;
}

export function sharedLocalDb(spec: SharedDbSpec, factory?: IDBFactory): SharedDb {
	const fail = (e: unknown) => new spec.error(spec.messages[failureKind(e)]);
	const open = (f: IDBFactory, version?: number): Promise<IDBDatabase> =>
		new Promise((resolve, reject) => {
			let settled = false;
			let req: IDBOpenDBRequest;
			try {
				req = version === undefined ? f.open(spec.name) : f.open(spec.name, version);
			} catch {
				reject(new spec.error(spec.messages.unavailable));
				return;
			}
			req.onupgradeneeded = () => {
				for (const s of spec.stores) if (!req.result.objectStoreNames.contains(s.name)) req.result.createObjectStore(s.name, { keyPath: s.keyPath });
			};
			req.onsuccess = () => {
				if (settled) {
					req.result.close(); // blocked then unblocked after we gave up
					return;
				}
				settled = true;
				resolve(req.result);
			};
			req.onerror = () => {
				settled = true;
				reject(failureKind(req.error) === 'version' ? fail(req.error) : new spec.error(spec.messages.unavailable));
			};
			req.onblocked = () => {
				settled = true;
				reject(new spec.error(spec.messages.blocked));
			};
		});
	const openWithStores = (f: IDBFactory): Promise<IDBDatabase> =>
		open(f).then((d) => {
			if (spec.stores.every((s) => d.objectStoreNames.contains(s.name))) return d;
			const next = d.version + 1;
			d.close();
			return open(f, next);
		});

	let dbp: Promise<IDBDatabase> | null = null;
	const db = (): Promise<IDBDatabase> => {
		const f = factory ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
		if (!f) return Promise.reject(new spec.error(spec.messages.unavailable));
		if (!dbp) {
			dbp = openWithStores(f).then((d) => {
				// Let another module upgrade the shared database: close and reopen on next use.
				d.onversionchange = () => {
					d.close();
					dbp = null;
				};
				return d;
			});
			dbp.catch(() => (dbp = null));
		}
		return dbp;
	};

	return {
		async run<T>(store: string, mode: IDBTransactionMode, body: (os: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
			const d = await db();
			return new Promise<T | undefined>((resolve, reject) => {
				let tx: IDBTransaction;
				let result: T | undefined;
				try {
					tx = d.transaction(store, mode);
					const req = body(tx.objectStore(store));
					if (req) req.onsuccess = () => (result = req.result);
				} catch (e) {
					reject(fail(e));
					return;
				}
				tx.oncomplete = () => resolve(result);
				tx.onerror = () => reject(fail(tx.error));
				tx.onabort = () => reject(fail(tx.error));
			});
		},
		close() {
			const p = dbp;
			dbp = null;
			p?.then((d) => d.close()).catch(() => {});
		}
	};
}
