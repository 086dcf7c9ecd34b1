/**
 * The record helpers of storage/local-db.ts that the notes, imported indicators, local resources
 * and territory stores share: a batch write is one transaction (all or nothing), a failure comes
 * back as the store's own error, and stored records go through their checks without a crash.
 */
import { describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { checkAll, localDb, StorageError, type Checked } from '../../../src/lib/storage/local-db';

class TestError extends StorageError {}
const g = globalThis as { indexedDB?: IDBFactory };

describe('stored records', () => {
	it('a batch write that fails on one record keeps none of it, and the error is the store’s', async () => {
		g.indexedDB = new IDBFactory();
		const local = localDb({ name: 'records', version: 1, stores: [{ name: 'items', keyPath: 'id' }], what: 'les essais' });
		const fail = (e: unknown) => new TestError(local.message(e, 'L’enregistrement de l’essai'));
		await local.write('items', (s) => [s.put({ id: 'a', v: 1 })], fail);
		const err = await local.write('items', (s) => [s.put({ id: 'b', v: 1 }), s.add({ id: 'a', v: 2 })], fail).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(TestError);
		expect((err as Error).message).toMatch(/^L’enregistrement de l’essai dans le stockage local du navigateur a échoué : rien n’a été enregistré/);
		expect(await local.getAll('items', fail)).toEqual([{ id: 'a', v: 1 }]);
	});

	it('a read without IndexedDB is the store’s French error', async () => {
		const saved = g.indexedDB;
		delete g.indexedDB;
		try {
			const local = localDb({ name: 'gone', version: 1, stores: [{ name: 'items' }], what: 'les essais' });
			const err = await local.getAll('items', (e) => new TestError(local.message(e, 'La lecture'))).catch((e: unknown) => e);
			expect(err).toBeInstanceOf(TestError);
			expect((err as Error).message).toMatch(/n’est pas disponible.*impossible d’y conserver les essais/);
		} finally {
			if (saved) g.indexedDB = saved;
		}
	});

	it('checks every record: valid ones kept in order, invalid and unreadable ones reported with their id', () => {
		const check = (v: unknown): Checked<{ id: string }> => {
			const r = v as { id?: unknown; boom?: boolean } | null;
			if (r?.boom) throw new Error('boom');
			return typeof r?.id === 'string' && r.id.startsWith('ok') ? { ok: true, value: { id: r.id } } : { ok: false, error: 'invalide' };
		};
		const long = 'x'.repeat(300);
		const { items, errors } = checkAll([{ id: 'ok1' }, null, { id: long }, { id: 'k', boom: true }, { id: 'ok2' }], check, 'illisible', 100);
		expect(items.map((i) => i.id)).toEqual(['ok1', 'ok2']);
		expect(errors).toEqual([
			{ id: null, message: 'invalide' },
			{ id: 'x'.repeat(100), message: 'invalide' },
			{ id: 'k', message: 'illisible' }
		]);
	});
});
