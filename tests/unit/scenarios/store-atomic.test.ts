/**
 * Scenario store (IndexedDB): one user action is one transaction over the scenarios and the
 * active name; a failed write (quota) leaves the previous state whole and is said in French.
 * A minimal in-memory IndexedDB stands in for the browser's (committed on `complete` only).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Rec = Map<unknown, unknown>;
class FakeIdb {
	data = new Map<string, Rec>();
	failNext: string | null = null;
	open() {
		const req: Record<string, unknown> & { result?: unknown } = {};
		setTimeout(() => {
			const db = {
				objectStoreNames: { contains: (n: string) => this.data.has(n) },
				createObjectStore: (n: string) => this.data.set(n, new Map()),
				transaction: (names: string | string[]) => this.tx(Array.isArray(names) ? names : [names])
			};
			req.result = db;
			(req.onupgradeneeded as (() => void) | undefined)?.();
			(req.onsuccess as () => void)();
		});
		return req;
	}
	tx(names: string[]) {
		// Writes go to a copy, applied on complete: all or nothing.
		const draft = new Map([...this.data].map(([k, v]) => [k, new Map(v)]));
		const tx: Record<string, unknown> & { error?: unknown } = {};
		const fail = this.failNext;
		this.failNext = null;
		tx.objectStore = (n: string) => {
			if (!names.includes(n)) throw new Error('NotFoundError');
			const st = draft.get(n)!;
			const req = (result: unknown) => ({ result });
			return {
				put: (v: { name?: string }, key?: unknown) => (st.set(key ?? v.name, v), req(undefined)),
				delete: (k: unknown) => (st.delete(k), req(undefined)),
				get: (k: unknown) => req(st.get(k)),
				getAll: () => req([...st.values()])
			};
		};
		setTimeout(() => {
			if (fail) {
				tx.error = Object.assign(new Error(fail), { name: fail });
				(tx.onabort as () => void)();
			} else {
				this.data = draft;
				(tx.oncomplete as () => void)();
			}
		});
		return tx;
	}
}

const fake = new FakeIdb();
const g = globalThis as { indexedDB?: unknown };
let store: typeof import('../../../src/lib/scenarios/store');

beforeAll(async () => {
	g.indexedDB = fake;
	store = await import('../../../src/lib/scenarios/store');
});
afterAll(() => {
	delete g.indexedDB;
});

const sc = (name: string) => ({ name, edits: [] });

describe('scenario store: one transaction per action', () => {
	it('a rename deletes, puts and activates together', async () => {
		await store.commit({ put: [sc('Base'), sc('Autre')], active: 'Base' });
		await store.commit({ delete: ['Base'], put: [sc('Renommé')], active: 'Renommé' });
		expect((await store.listScenarios()).map((s) => s.name)).toEqual(['Autre', 'Renommé']);
		expect(await store.getActiveName()).toBe('Renommé');
	});

	it('a quota failure in the middle of a rename loses that action only, with a French message', async () => {
		fake.failNext = 'QuotaExceededError';
		const err = await store.commit({ delete: ['Renommé'], put: [sc('Encore')], active: 'Encore' }).catch((e: unknown) => e);
		expect(store.storageMessage(err)).toMatch(/L'espace de stockage du navigateur est plein/);
		expect((await store.listScenarios()).map((s) => s.name)).toEqual(['Autre', 'Renommé']);
		expect(await store.getActiveName()).toBe('Renommé');
		expect(store.storageMessage(new Error('x'))).toMatch(/L'enregistrement local du scénario a échoué/);
	});

	it('a hostile stored record is skipped on read', async () => {
		fake.data.get('scenarios')!.set('bad', { name: '\u202E'.repeat(10), edits: 'pas une liste' });
		fake.data.get('scenarios')!.set('worse', null);
		expect((await store.listScenarios()).map((s) => s.name)).toEqual(['Autre', 'Renommé']);
	});
});
