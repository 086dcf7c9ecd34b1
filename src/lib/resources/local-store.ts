/**
 * Local resources kept in IndexedDB (database 'atlas-ptsm-resources', its own, so it never
 * clashes with the other stores), through `idb`. One error policy: every failure becomes a
 * LocalStoreError with a French message (full storage says what to do); a stored record that
 * fails checkLocalResource is reported and skipped, never shown nor allowed to crash the page.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { checkLocalResource, type LocalResource } from './local';

export const LOCAL_DB_NAME = 'atlas-ptsm-resources';
const STORE = 'resources';

export class LocalStoreError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'LocalStoreError';
	}
}

export interface LocalLoad {
	items: LocalResource[];
	errors: { id: string | null; message: string }[];
}

const UNAVAILABLE =
	'Le stockage local du navigateur (IndexedDB) n’est pas disponible (navigation privée ou stockage désactivé) : les ressources locales ne peuvent pas être conservées.';

export function storeMessage(e: unknown): string {
	const name = (e as { name?: string } | null)?.name;
	if (name === 'QuotaExceededError')
		return 'L’espace de stockage du navigateur est plein : rien n’a été enregistré. Supprimez des ressources locales ou d’anciens jeux de secteurs, ou libérez de l’espace dans les réglages du navigateur, puis réessayez.';
	if (e instanceof LocalStoreError) return e.message;
	return 'L’enregistrement dans le stockage local du navigateur a échoué : rien n’a été enregistré. Réessayez ; si le problème persiste, rechargez la page.';
}

let dbp: Promise<IDBPDatabase> | null = null;

function db(): Promise<IDBPDatabase> {
	if (!dbp) {
		dbp = open(globalThis.indexedDB);
		dbp.catch(() => (dbp = null));
	}
	return dbp;
}

async function open(factory: IDBFactory | undefined): Promise<IDBPDatabase> {
	if (!factory) throw new LocalStoreError(UNAVAILABLE);
	try {
		return await openDB(LOCAL_DB_NAME, 1, {
			upgrade(d) {
				if (!d.objectStoreNames.contains(STORE)) d.createObjectStore(STORE, { keyPath: 'id' });
			},
			blocked() {},
			terminated() {
				dbp = null;
			}
		});
	} catch {
		throw new LocalStoreError(UNAVAILABLE);
	}
}

/** Every stored resource that passes the checks; the others as French errors. */
export async function listLocalResources(): Promise<LocalLoad> {
	let raw: unknown[];
	try {
		raw = await (await db()).getAll(STORE);
	} catch (e) {
		throw new LocalStoreError(e instanceof LocalStoreError ? e.message : UNAVAILABLE);
	}
	const items: LocalResource[] = [];
	const errors: LocalLoad['errors'] = [];
	for (const r of raw) {
		let c: ReturnType<typeof checkLocalResource>;
		try {
			c = checkLocalResource(r);
		} catch {
			c = { ok: false, error: 'Une ressource locale enregistrée est illisible et n’est pas affichée. Supprimez-la.' };
		}
		if (c.ok) items.push(c.value);
		else {
			const id = typeof (r as { id?: unknown } | null)?.id === 'string' ? ((r as { id: string }).id.slice(0, 100) as string) : null;
			errors.push({ id, message: c.error });
		}
	}
	items.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
	return { items, errors };
}

/** Saves (creates or replaces) in one transaction: all or nothing. */
export async function saveLocalResources(list: readonly LocalResource[]): Promise<void> {
	const records = list.map((r) => {
		const c = checkLocalResource(r);
		if (!c.ok) throw new LocalStoreError(c.error.replace('enregistrée dans ce navigateur est illisible', 'n’a pas été enregistrée car elle est invalide'));
		return c.value;
	});
	try {
		const tx = (await db()).transaction(STORE, 'readwrite');
		await Promise.all([...records.map((r) => tx.store.put(r)), tx.done]);
	} catch (e) {
		throw new LocalStoreError(storeMessage(e));
	}
}

export async function deleteLocalResource(id: string): Promise<void> {
	if (typeof id !== 'string' || !id) throw new LocalStoreError('Identifiant manquant : rien n’a été supprimé.');
	try {
		const tx = (await db()).transaction(STORE, 'readwrite');
		await Promise.all([tx.store.delete(id), tx.done]);
	} catch (e) {
		throw new LocalStoreError(storeMessage(e).replace('L’enregistrement', 'La suppression').replace('rien n’a été enregistré', 'rien n’a été supprimé'));
	}
}
