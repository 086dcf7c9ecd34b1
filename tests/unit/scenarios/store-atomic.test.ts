/**
 * Scenario store (IndexedDB): one user action is one transaction over the scenarios and the
 * active name; a failed write (quota) leaves the previous state whole and is said in French.
 * fake-indexeddb (a complete IndexedDB in memory) stands in for the browser's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import 'fake-indexeddb/auto';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';

/** The next put of any store throws the browser's quota error, as a full disk does. */
let failNext: string | null = null;
const put = IDBObjectStore.prototype.put;
IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
	if (failNext) {
		const name = failNext;
		failNext = null;
		throw new DOMException('quota', name);
	}
	return put.apply(this, args);
};
let store: typeof import('../../../src/lib/scenarios/store');
let raw: IDBDatabase;

beforeAll(async () => {
	globalThis.indexedDB = new IDBFactory();
	store = await import('../../../src/lib/scenarios/store');
	await store.listScenarios();
	raw = await new Promise<IDBDatabase>((resolve, reject) => {
		const req = indexedDB.open(store.DB_NAME);
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
});
afterAll(() => {
	raw?.close();
	IDBObjectStore.prototype.put = put;
});

/** Writes records behind the store's back, as a hand-edited or older database would hold. */
function plant(records: { name: string; edits: unknown }[]): Promise<void> {
	return new Promise((resolve, reject) => {
		const tx = raw.transaction('scenarios', 'readwrite');
		for (const r of records) put.call(tx.objectStore('scenarios'), r);
		tx.oncomplete = () => resolve();
		tx.onerror = () => reject(tx.error);
	});
}

const sc = (name: string) => ({ name, edits: [] });

describe('scenario store: one transaction per action', () => {
	it('a rename deletes, puts and activates together', async () => {
		await store.commit({ put: [sc('Base'), sc('Autre')], active: 'Base' });
		await store.commit({ delete: ['Base'], put: [sc('Renommé')], active: 'Renommé' });
		expect((await store.listScenarios()).map((s) => s.name)).toEqual(['Autre', 'Renommé']);
		expect(await store.getActiveName()).toBe('Renommé');
	});

	it('a quota failure in the middle of a rename loses that action only, with a French message', async () => {
		failNext = 'QuotaExceededError';
		const err = await store.commit({ delete: ['Renommé'], put: [sc('Encore')], active: 'Encore' }).catch((e: unknown) => e);
		expect(store.storageMessage(err)).toMatch(/L'espace de stockage du navigateur est plein/);
		expect((await store.listScenarios()).map((s) => s.name)).toEqual(['Autre', 'Renommé']);
		expect(await store.getActiveName()).toBe('Renommé');
		expect(store.storageMessage(new Error('x'))).toMatch(/L'enregistrement local du scénario a échoué/);
	});

	it('a hostile stored record is skipped on read', async () => {
		await plant([{ name: '\u202E'.repeat(10), edits: 'pas une liste' }, { name: 'vide', edits: null }]);
		expect((await store.listScenarios()).map((s) => s.name)).toEqual(['Autre', 'Renommé']);
	});
});
