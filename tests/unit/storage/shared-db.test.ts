/**
 * The shared database of storage/local-db.ts (territory-store's 'atlas-ptsm'), on fake-indexeddb:
 * stores are added beside another module's without touching it, a failed transaction leaves
 * nothing, and a tab holding an old connection is explained in French, not a hang.
 */
import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { sharedLocalDb, StorageError, type SharedDbSpec } from '../../../src/lib/storage/local-db';

class TestStoreError extends StorageError {}

const spec = (name: string): SharedDbSpec => ({
	name,
	stores: [{ name: 'items', keyPath: 'id' }],
	messages: { unavailable: 'indisponible', blocked: 'verrouillée par un autre onglet', quota: 'plein', version: 'plus récente', other: 'échec' },
	error: TestStoreError
});

function openRaw(f: IDBFactory, name: string, version: number, upgrade: (db: IDBDatabase) => void): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const req = f.open(name, version);
		req.onupgradeneeded = () => upgrade(req.result);
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

describe('shared local database', () => {
	it('adds its store beside another module’s, whose records stay', async () => {
		const f = new IDBFactory();
		const other = await openRaw(f, 'shared', 2, (db) => db.createObjectStore('cache', { keyPath: 'id' }).put({ id: 'x' }));
		other.close();
		const local = sharedLocalDb(spec('shared'), f);
		await local.run('items', 'readwrite', (os) => os.put({ id: 'a', v: 1 }));
		expect(await local.run('items', 'readonly', (os) => os.get('a'))).toEqual({ id: 'a', v: 1 });
		local.close();
		const db = await openRaw(f, 'shared', 3, () => {});
		expect([...db.objectStoreNames].sort()).toEqual(['cache', 'items']);
		expect(db.version).toBe(3);
		db.close();
	});

	it('a failed transaction rejects with the module’s error and writes nothing', async () => {
		const f = new IDBFactory();
		const local = sharedLocalDb(spec('atomic'), f);
		await local.run('items', 'readwrite', (os) => os.put({ id: 'a', v: 1 }));
		const err = await local
			.run('items', 'readwrite', (os) => {
				os.put({ id: 'a', v: 2 });
				os.add({ id: 'a', v: 3 }); // ConstraintError: the whole transaction aborts
			})
			.catch((e: unknown) => e);
		expect(err).toBeInstanceOf(TestStoreError);
		expect((err as Error).message).toBe('échec');
		expect(await local.run('items', 'readonly', (os) => os.get('a'))).toEqual({ id: 'a', v: 1 });
		local.close();
	});

	it('an old connection that will not close blocks the upgrade: the French message says so', async () => {
		const f = new IDBFactory();
		const stale = await openRaw(f, 'blocked', 1, (db) => db.createObjectStore('cache'));
		stale.onversionchange = () => {}; // an old tab that does not let go
		const err = await sharedLocalDb(spec('blocked'), f)
			.run('items', 'readonly', (os) => os.getAll())
			.catch((e: unknown) => e);
		expect(err).toBeInstanceOf(TestStoreError);
		expect((err as Error).message).toBe('verrouillée par un autre onglet');
		stale.close();
	});
});
