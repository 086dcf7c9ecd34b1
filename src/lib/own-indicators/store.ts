/**
 * Imported indicators kept in IndexedDB (database 'atlas-ptsm-own-indicators', its own, through
 * the app's one storage module, as notes and local resources do). One record per indicator with
 * its rows; every record is checked on the way in and out (invalid stored ones are counted, not shown).
 */
import { localDb, StorageError } from '../storage/local-db';
import { checkOwnIndicator, type OwnIndicator } from './model';
import { stored } from '../storage/changes';

export const OWN_DB_NAME = 'atlas-ptsm-own-indicators';
const STORE = 'indicators';

export class OwnStoreError extends StorageError {}

const local = localDb({ name: OWN_DB_NAME, version: 1, stores: [{ name: STORE, keyPath: 'id' }], what: 'les indicateurs importés' });

export async function listOwnIndicators(): Promise<{ items: OwnIndicator[]; invalid: number }> {
	let raw: unknown[];
	try {
		raw = await (await local.db()).getAll(STORE);
	} catch (e) {
		throw new OwnStoreError(local.message(e, 'La lecture des indicateurs importés'));
	}
	const items: OwnIndicator[] = [];
	let invalid = 0;
	for (const r of raw) {
		const c = checkOwnIndicator(r);
		if (c.ok) items.push(c.value);
		else invalid++;
	}
	items.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
	return { items, invalid };
}

export async function saveOwnIndicators(list: readonly OwnIndicator[]): Promise<void> {
	const records = list.map((n) => {
		const c = checkOwnIndicator(n);
		if (!c.ok) throw new OwnStoreError(c.error);
		return c.value;
	});
	try {
		const tx = (await local.db()).transaction(STORE, 'readwrite');
		await Promise.all([...records.map((r) => tx.store.put(r)), tx.done]);
	} catch (e) {
		throw new OwnStoreError(local.message(e, 'L’enregistrement de l’indicateur importé'));
	}
	stored('own_indicators');
}

export async function deleteOwnIndicators(ids: readonly string[]): Promise<void> {
	try {
		const tx = (await local.db()).transaction(STORE, 'readwrite');
		await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
	} catch (e) {
		throw new OwnStoreError(local.message(e, 'La suppression de l’indicateur importé'));
	}
	stored('own_indicators');
}
