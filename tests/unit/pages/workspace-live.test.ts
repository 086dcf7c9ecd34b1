/**
 * /espace counts follow writes made on the same page: the browser's real stores (fake-indexeddb
 * stands in for IndexedDB) announce each successful write and the page model reads them again.
 * Before, the counts were read once at start and stayed stale until a reload.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OwnIndicator } from '../../../src/lib/own-indicators/model';
import type { WorkspaceDeps } from '../../../src/lib/pages/workspace.svelte';

const NOW = '2026-12-02T00:00:00.000Z';
const ind: OwnIndicator = {
	id: 'own-livecount01', name: 'Passages aux urgences (test)', unit: 'passages', source: 'Fichier de test', year: 2023,
	favourable: 'neutral', priority: 2, level: 'departement', setId: null, mode: 'value', base: null, scale: 1, additive: false,
	reference: null, fileName: 'test.csv', rows: [{ code: '23', v: 12 }], createdAt: NOW, updatedAt: NOW
};

describe('workspace counts after a write on the page', () => {
	beforeAll(() => {
		globalThis.indexedDB = new IDBFactory();
	});

	it('an imported indicator saved then deleted, a note saved: each count follows', async () => {
		const { browserStores, readCurrent } = await import('../../../src/lib/workspace/browser');
		const { WorkspacePage } = await import('../../../src/lib/pages/workspace.svelte');
		const { onStored } = await import('../../../src/lib/storage/changes');
		const own = await import('../../../src/lib/own-indicators/store');
		const notes = await import('../../../src/lib/notes/store');
		const { note } = await import('../workspace/fixtures');
		const deps: WorkspaceDeps = {
			stores: browserStores,
			readCurrent: () => readCurrent(),
			readViews: () => ({}),
			exportWorkspace: async () => {
				throw new Error('non utilisé');
			},
			download: () => {},
			importViews: () => 0,
			clearAll: async () => {},
			reload: () => {},
			session: undefined,
			newId: () => 'id-1',
			onStored
		};
		const m = new WorkspacePage(deps);
		await m.start();
		expect(m.count('own_indicators')).toBe(0);
		await own.saveOwnIndicators([ind]);
		await m.settled();
		expect(m.count('own_indicators')).toBe(1);
		await notes.saveNotes([note() as never]);
		await m.settled();
		expect(m.count('notes')).toBe(1);
		await own.deleteOwnIndicators([ind.id]);
		await m.settled();
		expect(m.count('own_indicators')).toBe(0);
		// Once the page is gone, it no longer reads.
		m.stop();
		await own.saveOwnIndicators([ind]);
		await m.settled();
		expect(m.count('own_indicators')).toBe(0);
	});
});
