/**
 * The app's one storage module: without IndexedDB every store fails with the same kind of French
 * error (never a silent no-op); with it (fake-indexeddb), records round-trip; quota errors say
 * the storage is full, whichever store hit it.
 */
import { describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { isQuotaError, localDb, StorageError } from '../../../src/lib/storage/local-db';

const g = globalThis as { indexedDB?: IDBFactory };

describe('local storage', () => {
	it('unavailable storage is a French StorageError naming what cannot be kept', async () => {
		const saved = g.indexedDB;
		delete g.indexedDB;
		try {
			const local = localDb({ name: 'x', version: 1, stores: [{ name: 's' }], what: 'les notes' });
			const err = await local.db().catch((e: unknown) => e);
			expect(err).toBeInstanceOf(StorageError);
			expect((err as Error).message).toMatch(/IndexedDB\) n’est pas disponible.*impossible d’y conserver les notes/);
			expect(local.message(err, 'L’enregistrement')).toBe((err as Error).message);
		} finally {
			if (saved) g.indexedDB = saved;
		}
	});

	it('creates its stores on first open and keeps records; a second open reuses the database', async () => {
		g.indexedDB = new IDBFactory();
		const local = localDb({ name: 'atlas-test', version: 1, stores: [{ name: 'items', keyPath: 'id' }, { name: 'meta' }], what: 'les essais' });
		const db = await local.db();
		expect([...db.objectStoreNames].sort()).toEqual(['items', 'meta']);
		await db.put('items', { id: 'a', v: 1 });
		await db.put('meta', 'a', 'active');
		expect(await (await local.db()).get('items', 'a')).toEqual({ id: 'a', v: 1 });
		expect(await db.get('meta', 'active')).toBe('a');
		expect(await local.db()).toBe(db);
	});

	it('quota errors are recognised and worded once; other failures say what failed', () => {
		const local = localDb({ name: 'q', version: 1, stores: [], what: 'les essais' });
		const quota = new DOMException('full', 'QuotaExceededError');
		expect(isQuotaError(quota)).toBe(true);
		expect(local.message(quota, 'L’enregistrement')).toMatch(/L’espace de stockage du navigateur est plein : rien n’a été enregistré/);
		expect(local.message(new Error('boom'), 'La suppression')).toMatch(/^La suppression dans le stockage local du navigateur a échoué/);
		expect(isQuotaError(new Error('x'))).toBe(false);
	});
});
