/**
 * Imported indicators kept in IndexedDB (database 'atlas-ptsm-own-indicators', its own, through
 * the app's one storage module, as notes and local resources do). One record per indicator with
 * its rows; every record is checked on the way in and out (invalid stored ones are counted, not shown).
 */
import { checkAll, localDb, StorageError } from '../storage/local-db';
import { checkOwnIndicator, type OwnIndicator } from './model';
import { stored } from '../storage/changes';

export const OWN_DB_NAME = 'atlas-ptsm-own-indicators';
const STORE = 'indicators';

export class OwnStoreError extends StorageError {}

const local = localDb({ name: OWN_DB_NAME, version: 1, stores: [{ name: STORE, keyPath: 'id' }], what: 'les indicateurs importés' });

export async function listOwnIndicators(): Promise<{ items: OwnIndicator[]; invalid: number }> {
	const raw = await local.getAll(STORE, (e) => new OwnStoreError(local.message(e, 'La lecture des indicateurs importés')));
	const { items, errors } = checkAll(raw, checkOwnIndicator, 'indicateur illisible');
	items.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
	return { items, invalid: errors.length };
}

export async function saveOwnIndicators(list: readonly OwnIndicator[]): Promise<void> {
	const records = list.map((n) => {
		const c = checkOwnIndicator(n);
		if (!c.ok) throw new OwnStoreError(c.error);
		return c.value;
	});
	await local.write(STORE, (s) => records.map((r) => s.put(r)), (e) => new OwnStoreError(local.message(e, 'L’enregistrement de l’indicateur importé')));
	stored('own_indicators');
}

export async function deleteOwnIndicators(ids: readonly string[]): Promise<void> {
	await local.write(STORE, (s) => ids.map((id) => s.delete(id)), (e) => new OwnStoreError(local.message(e, 'La suppression de l’indicateur importé')));
	stored('own_indicators');
}
