/**
 * Named scenarios kept in IndexedDB (database 'atlas-ptsm-scenarios', its own, so it never
 * clashes with another module's 'atlas-ptsm'). Keyed by name; 'meta' remembers the active one.
 * Without IndexedDB (private mode, tests) every call resolves to an empty/no-op result.
 */
import type { Scenario } from './model';
import { checkScenario } from './validate';

export const DB_NAME = 'atlas-ptsm-scenarios';
const STORE = 'scenarios';
const META = 'meta';

let opening: Promise<IDBDatabase | null> | null = null;

function open(): Promise<IDBDatabase | null> {
	if (typeof indexedDB === 'undefined') return Promise.resolve(null);
	opening ??= new Promise((resolve) => {
		const req = indexedDB.open(DB_NAME, 1);
		req.onupgradeneeded = () => {
			const db = req.result;
			if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: 'name' });
			if (!db.objectStoreNames.contains(META)) db.createObjectStore(META);
		};
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => resolve(null);
		req.onblocked = () => resolve(null);
	});
	return opening;
}

function run<T>(store: string, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
	return open().then(
		(db) =>
			new Promise<T | undefined>((resolve, reject) => {
				if (!db) return resolve(undefined);
				const tx = db.transaction(store, mode);
				const req = fn(tx.objectStore(store));
				tx.oncomplete = () => resolve(req ? req.result : undefined);
				tx.onerror = () => reject(tx.error ?? new Error('IndexedDB'));
				tx.onabort = () => reject(tx.error ?? new Error('IndexedDB'));
			})
	);
}

/** Every saved scenario (invalid records, if any, are skipped), sorted by name. */
export async function listScenarios(): Promise<Scenario[]> {
	const all = ((await run<unknown[]>(STORE, 'readonly', (s) => s.getAll())) ?? []) as unknown[];
	const out: Scenario[] = [];
	for (const r of all) {
		const c = checkScenario(r);
		if (c.ok) out.push(c.value);
	}
	return out.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

export async function saveScenario(s: Scenario): Promise<void> {
	await run(STORE, 'readwrite', (st) => st.put(plain(s)));
}

export interface StoreChange {
	put?: Scenario[];
	delete?: string[];
	active?: string;
}

/**
 * One user action = one transaction over both stores (a rename deletes the old name, puts the new
 * one and makes it active): a reload or a failure in the middle loses that action only.
 */
export function commit(change: StoreChange): Promise<void> {
	return open().then(
		(db) =>
			new Promise<void>((resolve, reject) => {
				if (!db) return resolve();
				const tx = db.transaction([STORE, META], 'readwrite');
				const st = tx.objectStore(STORE);
				for (const name of change.delete ?? []) st.delete(name);
				for (const sc of change.put ?? []) st.put(plain(sc));
				if (change.active !== undefined) tx.objectStore(META).put(change.active, 'active');
				tx.oncomplete = () => resolve();
				tx.onerror = () => reject(tx.error ?? new Error('IndexedDB'));
				tx.onabort = () => reject(tx.error ?? new Error('IndexedDB'));
			})
	);
}

/** French message for a failed write: the quota case says so. */
export function storageMessage(err: unknown): string {
	const name = (err as { name?: string } | null)?.name;
	if (name === 'QuotaExceededError') {
		return "L'espace de stockage du navigateur est plein : la dernière modification du scénario n'a pas été enregistrée. Exportez vos scénarios en JSON, puis libérez de l'espace (réglages du navigateur) ou supprimez d'anciens scénarios.";
	}
	return "L'enregistrement local du scénario a échoué : la dernière modification n'a pas été enregistrée. Utilisez l'export JSON pour la conserver.";
}

export async function deleteScenario(name: string): Promise<void> {
	await run(STORE, 'readwrite', (st) => st.delete(name));
}

export async function getActiveName(): Promise<string | null> {
	const v = await run<unknown>(META, 'readonly', (s) => s.get('active'));
	return typeof v === 'string' ? v : null;
}

export async function setActiveName(name: string): Promise<void> {
	await run(META, 'readwrite', (s) => s.put(name, 'active'));
}

// Plain structured-cloneable copy (Svelte state proxies cannot be stored).
function plain(s: Scenario): Scenario {
	return JSON.parse(JSON.stringify(s)) as Scenario;
}
