/**
 * Local resources kept in IndexedDB (database 'atlas-ptsm-resources', its own, so it never
 * clashes with the other stores), through the app's one storage module. One error policy: every failure becomes a
 * LocalStoreError with a French message (full storage says what to do); a stored record that
 * fails checkLocalResource is reported and skipped, never shown nor allowed to crash the page.
 */
import { checkAll, localDb, StorageError, type RecordError } from '../storage/local-db';
import { checkLocalResource, type LocalResource } from './local';
import { stored } from '../storage/changes';

export const LOCAL_DB_NAME = 'atlas-ptsm-resources';
const STORE = 'resources';

export class LocalStoreError extends StorageError {}

export interface LocalLoad {
	items: LocalResource[];
	errors: RecordError[];
}

const local = localDb({ name: LOCAL_DB_NAME, version: 1, stores: [{ name: STORE, keyPath: 'id' }], what: 'les ressources locales' });

export function storeMessage(e: unknown): string {
	return local.message(e, 'L’enregistrement');
}

/** Every stored resource that passes the checks; the others as French errors. */
export async function listLocalResources(): Promise<LocalLoad> {
	const raw = await local.getAll(STORE, (e) => new LocalStoreError(local.message(e, 'La lecture des ressources locales')));
	const { items, errors } = checkAll(raw, checkLocalResource, 'Une ressource locale enregistrée est illisible et n’est pas affichée. Supprimez-la.', 100);
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
	await local.write(STORE, (s) => records.map((r) => s.put(r)), (e) => new LocalStoreError(storeMessage(e)));
	stored('local_resources');
}

export async function deleteLocalResource(id: string): Promise<void> {
	if (typeof id !== 'string' || !id) throw new LocalStoreError('Identifiant manquant : rien n’a été supprimé.');
	await local.write(
		STORE,
		(s) => [s.delete(id)],
		(e) => new LocalStoreError(storeMessage(e).replace('L’enregistrement', 'La suppression').replace('rien n’a été enregistré', 'rien n’a été supprimé'))
	);
	stored('local_resources');
}
