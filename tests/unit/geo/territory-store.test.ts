import { describe, expect, it } from 'vitest';
import { validateSectors, parseSectorFile, type CommuneInfo } from '../../../src/lib/geo/sector-import';
import {
	checkSectorSet,
	checkTerritory,
	createTerritoryStore,
	DB_NAME,
	deleteTerritory,
	listSectorSets,
	listTerritories,
	saveSectorSet,
	saveTerritory,
	sectorSetFromReport,
	STORE_SECTOR_SETS,
	TerritoryStoreError,
	type SectorSet,
	type Territory
} from '../../../src/lib/geo/territory-store';

// ---------------------------------------------------------------------------------------------
// A tiny in-memory IndexedDB: enough of the API used by territory-store, with transactional
// semantics (a transaction works on a copy, committed only when every request succeeded).

type Rec = Record<string, unknown>;
interface DbState {
	version: number;
	stores: Map<string, { keyPath: string; rows: Map<string, Rec> }>;
}

class FakeRequest<T = unknown> {
	result!: T;
	error: DOMException | null = null;
	onsuccess: (() => void) | null = null;
	onerror: (() => void) | null = null;
	onupgradeneeded: (() => void) | null = null;
	onblocked: (() => void) | null = null;
}

class FakeFactory {
	dbs = new Map<string, DbState>();
	failWrites: string | null = null; // DOMException name to raise on put
	open(name: string, version?: number) {
		const req = new FakeRequest<FakeDb>();
		setTimeout(() => {
			let state = this.dbs.get(name);
			const cur = state?.version ?? 0;
			const target = version ?? Math.max(cur, 1);
			if (target < cur) {
				req.error = new DOMException('lower version', 'VersionError');
				req.onerror?.();
				return;
			}
			if (!state) {
				state = { version: 0, stores: new Map() };
				this.dbs.set(name, state);
			}
			const db = new FakeDb(this, state);
			req.result = db;
			if (target > cur) {
				state.version = target;
				db.upgrading = true;
				req.onupgradeneeded?.();
				db.upgrading = false;
			}
			req.onsuccess?.();
		}, 0);
		return req;
	}
}

class FakeDb {
	upgrading = false;
	closed = false;
	onversionchange: (() => void) | null = null;
	constructor(
		readonly factory: FakeFactory,
		readonly state: DbState
	) {}
	get version() {
		return this.state.version;
	}
	get objectStoreNames() {
		return { contains: (n: string) => this.state.stores.has(n) };
	}
	createObjectStore(name: string, opts: { keyPath: string }) {
		if (!this.upgrading) throw new DOMException('not in upgrade', 'InvalidStateError');
		this.state.stores.set(name, { keyPath: opts.keyPath, rows: new Map() });
	}
	transaction(names: string | string[], mode: string) {
		if (this.closed) throw new DOMException('closed', 'InvalidStateError');
		for (const n of [names].flat()) if (!this.state.stores.has(n)) throw new DOMException(n, 'NotFoundError');
		return new FakeTx(this, mode);
	}
	close() {
		this.closed = true;
	}
}

class FakeTx {
	error: DOMException | null = null;
	oncomplete: (() => void) | null = null;
	onerror: (() => void) | null = null;
	onabort: (() => void) | null = null;
	private ops: (() => void)[] = [];
	private staged = new Map<string, Map<string, Rec>>();
	constructor(
		private db: FakeDb,
		private mode: string
	) {
		setTimeout(() => this.run(), 0);
	}
	private rows(name: string) {
		let m = this.staged.get(name);
		if (!m) {
			m = new Map(this.db.state.stores.get(name)!.rows);
			this.staged.set(name, m);
		}
		return m;
	}
	objectStore(name: string) {
		const keyPath = this.db.state.stores.get(name)!.keyPath;
		const op = <T>(fn: () => T) => {
			const req = new FakeRequest<T>();
			this.ops.push(() => {
				req.result = fn();
				req.onsuccess?.();
			});
			return req;
		};
		const writable = () => {
			if (this.mode !== 'readwrite') throw new DOMException('read only', 'ReadOnlyError');
		};
		return {
			put: (value: Rec) => {
				writable();
				const copy = structuredClone(value);
				return op(() => {
					if (this.db.factory.failWrites) throw new DOMException('fail', this.db.factory.failWrites);
					this.rows(name).set(String(copy[keyPath]), copy);
					return copy[keyPath];
				});
			},
			delete: (key: string) => {
				writable();
				return op(() => void this.rows(name).delete(key));
			},
			get: (key: string) => op(() => structuredClone(this.rows(name).get(key))),
			getAll: () => op(() => [...this.rows(name).values()].map((v) => structuredClone(v)))
		};
	}
	private run() {
		try {
			for (const o of this.ops) o();
		} catch (e) {
			this.error = e as DOMException;
			this.onerror?.();
			this.onabort?.();
			return;
		}
		for (const [name, rows] of this.staged) this.db.state.stores.get(name)!.rows = rows;
		this.oncomplete?.();
	}
}

const asFactory = (f: FakeFactory) => f as unknown as IDBFactory;

// ---------------------------------------------------------------------------------------------

const NOW = '2026-03-01T10:00:00.000Z';

function sampleSet(over: Partial<SectorSet> = {}): SectorSet {
	return {
		id: 'set-1',
		name: 'Secteurs Ain 2026',
		fileName: 'secteurs-ain.csv',
		createdAt: NOW,
		updatedAt: NOW,
		sectors: [
			{ code: '01G01', type: 'G', name: 'Dombes', finess: '010000001', communes: ['01001', '01005'], deps: ['01'], population: 2766 },
			{ code: '01I01', type: 'I', name: '<img src=x onerror=alert(1)>', finess: null, communes: ['01001'], deps: ['01'], population: 860 }
		],
		...over
	};
}

const territory = (over: Partial<Territory> = {}): Territory => ({
	id: 't-1',
	name: "CLSM d'Ambérieu",
	communes: ['01004', '01007'],
	createdAt: NOW,
	updatedAt: NOW,
	...over
});

describe('record validation (pure)', () => {
	it('accepts a valid set and returns a clean copy', () => {
		const input = { ...sampleSet(), extra: 'dropped', v: 1 };
		const c = checkSectorSet(input);
		expect(c.ok).toBe(true);
		if (!c.ok) return;
		expect(c.value).toEqual(sampleSet());
		expect(c.value.sectors[0]!.communes).not.toBe(input.sectors[0]!.communes);
	});

	it('turns corrupted records into French errors, never exceptions', () => {
		const bad: unknown[] = [
			null,
			'texte',
			42,
			[],
			{},
			{ ...sampleSet(), id: '' },
			{ ...sampleSet(), createdAt: 'hier' },
			{ ...sampleSet(), sectors: 'x' },
			{ ...sampleSet(), sectors: [] },
			{ ...sampleSet(), sectors: [null] },
			{ ...sampleSet(), sectors: [{ ...sampleSet().sectors[0], type: 'P' }] },
			{ ...sampleSet(), sectors: [{ ...sampleSet().sectors[0], communes: ['1001'] }] },
			{ ...sampleSet(), sectors: [{ ...sampleSet().sectors[0], communes: [] }] },
			{ ...sampleSet(), sectors: [{ ...sampleSet().sectors[0], population: Number.NaN }] },
			{ ...sampleSet(), sectors: [sampleSet().sectors[0], sampleSet().sectors[0]] },
			{ ...sampleSet(), sectors: [sampleSet().sectors[0], { ...sampleSet().sectors[0], code: '01G02', communes: ['01005'] }] }
		];
		for (const b of bad) {
			const c = checkSectorSet(b);
			expect(c.ok, JSON.stringify(b)?.slice(0, 80)).toBe(false);
			if (!c.ok) expect(c.error).toMatch(/^L'ensemble de secteurs.*illisible \(.+\)\. Supprimez-le/);
		}
		const twice = checkSectorSet(bad[bad.length - 1]);
		expect(!twice.ok && twice.error).toMatch(/commune 01005 dans deux secteurs G \(01G01 et 01G02\)/);
	});

	it('validates territories', () => {
		expect(checkTerritory(territory()).ok).toBe(true);
		for (const b of [null, { ...territory(), communes: ['75001x'] }, { ...territory(), communes: [] }, { ...territory(), name: '  ' }, { ...territory(), communes: ['01004', '01004'] }]) {
			const c = checkTerritory(b);
			expect(c.ok).toBe(false);
			if (!c.ok) expect(c.error).toMatch(/^Le territoire.*illisible/);
		}
	});
});

describe('IndexedDB store (in-memory fake)', () => {
	it('saves, lists (newest first) and deletes sector sets', async () => {
		const f = new FakeFactory();
		const store = createTerritoryStore(asFactory(f));
		await store.saveSectorSet(sampleSet());
		await store.saveSectorSet(sampleSet({ id: 'set-2', name: 'Version 2', updatedAt: '2026-04-01T00:00:00.000Z' }));
		const { items, errors } = await store.listSectorSets();
		expect(errors).toEqual([]);
		expect(items.map((s) => s.id)).toEqual(['set-2', 'set-1']);
		expect(items[1]).toEqual(sampleSet()); // hostile name intact
		expect(f.dbs.get(DB_NAME)!.stores.get(STORE_SECTOR_SETS)!.rows.get('set-1')!.v).toBe(1);
		await store.deleteSectorSet('set-2');
		expect((await store.listSectorSets()).items.map((s) => s.id)).toEqual(['set-1']);
		store.close();
	});

	it('refuses to save an invalid set, with a French message, and writes nothing', async () => {
		const f = new FakeFactory();
		const store = createTerritoryStore(asFactory(f));
		const bad = sampleSet({ sectors: [{ ...sampleSet().sectors[0]!, communes: ['abc'] }] });
		const err = await store.saveSectorSet(bad).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(TerritoryStoreError);
		expect((err as Error).message).toMatch(/n'a pas été enregistré car il est invalide/);
		expect((await store.listSectorSets()).items).toEqual([]);
	});

	it('reports a corrupted stored record without hiding the valid ones', async () => {
		const f = new FakeFactory();
		const store = createTerritoryStore(asFactory(f));
		await store.saveSectorSet(sampleSet());
		const rows = f.dbs.get(DB_NAME)!.stores.get(STORE_SECTOR_SETS)!.rows;
		rows.set('abime', { id: 'abime', name: 'Ancien import', sectors: [{ code: 1 }] });
		rows.set('?', { nothing: true } as Rec);
		const { items, errors } = await store.listSectorSets();
		expect(items.map((s) => s.id)).toEqual(['set-1']);
		expect(errors).toHaveLength(2);
		expect(errors[0]).toMatchObject({ id: 'abime' });
		expect(errors[0]!.message).toMatch(/« Ancien import ».*illisible.*Supprimez-le/);
		expect(errors[1]!.id).toBeNull();
		await store.deleteSectorSet('abime');
		expect((await store.listSectorSets()).errors).toHaveLength(1);
	});

	it('keeps writes atomic: a failed transaction leaves the previous version intact', async () => {
		const f = new FakeFactory();
		const store = createTerritoryStore(asFactory(f));
		await store.saveSectorSet(sampleSet());
		f.failWrites = 'QuotaExceededError';
		const err = await store.saveSectorSet(sampleSet({ name: 'Nouvelle version', updatedAt: '2026-05-01T00:00:00.000Z' })).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(TerritoryStoreError);
		expect((err as Error).message).toMatch(/espace de stockage du navigateur est plein : rien n'a été enregistré/);
		f.failWrites = null;
		const { items } = await store.listSectorSets();
		expect(items).toHaveLength(1);
		expect(items[0]!.name).toBe('Secteurs Ain 2026');
	});

	it('saves, lists and deletes territories', async () => {
		const f = new FakeFactory();
		const store = createTerritoryStore(asFactory(f));
		await store.saveTerritory(territory());
		await store.saveTerritory(territory({ id: 't-2', name: "'); DROP TABLE x;--", updatedAt: '2026-06-01T00:00:00.000Z' }));
		expect((await store.listTerritories()).items.map((t) => t.name)).toEqual(["'); DROP TABLE x;--", "CLSM d'Ambérieu"]);
		await expect(store.saveTerritory(territory({ communes: ['999'] }))).rejects.toThrow(/Le territoire « CLSM d'Ambérieu » n'a pas été enregistré/);
		await store.deleteTerritory('t-1');
		expect((await store.listTerritories()).items.map((t) => t.id)).toEqual(['t-2']);
	});

	it('adds its stores to a database created by another module, keeping the others', async () => {
		const f = new FakeFactory();
		f.dbs.set(DB_NAME, { version: 3, stores: new Map([['cache', { keyPath: 'id', rows: new Map([['x', { id: 'x' }]]) }]]) });
		const store = createTerritoryStore(asFactory(f));
		await store.saveTerritory(territory());
		const state = f.dbs.get(DB_NAME)!;
		expect(state.version).toBe(4);
		expect([...state.stores.keys()].sort()).toEqual(['cache', 'sectorSets', 'territories']);
		expect(state.stores.get('cache')!.rows.size).toBe(1);
	});

	it('gives a French error when IndexedDB is unavailable', async () => {
		const g = globalThis as { indexedDB?: unknown };
		const saved = g.indexedDB;
		delete g.indexedDB;
		try {
			await expect(createTerritoryStore().listSectorSets()).rejects.toThrow(/IndexedDB\) n'est pas disponible/);
		} finally {
			if (saved !== undefined) g.indexedDB = saved;
		}
	});

	it('exposes one-shot functions over an injected factory, fed by a validated import', async () => {
		const communes = new Map<string, CommuneInfo>([
			['01001', { dep: '01', name: "L'Abergement-Clémenciat", population: 860 }],
			['01002', { dep: '01', name: "L'Abergement-de-Varey", population: 270 }]
		]);
		const csv = 'code_commune;code_secteur;type_secteur;nom_secteur\n01001;01G01;G;<img src=x onerror=alert(1)>\n01002;01G01;G;\n';
		const raw = await parseSectorFile(new TextEncoder().encode(csv), 'ain.csv');
		const report = validateSectors(raw, { communes, aliases: new Map() });
		const set = sectorSetFromReport(report, { name: 'Ain', fileName: 'ain.csv', now: new Date(NOW) });
		expect(set.id).toMatch(/.{8,}/);
		const f = asFactory(new FakeFactory());
		await saveSectorSet(set, f);
		const { items } = await listSectorSets(f);
		expect(items).toEqual([set]);
		expect(items[0]!.sectors[0]!.name).toBe('<img src=x onerror=alert(1)>');
		await saveTerritory(territory(), f);
		await deleteTerritory('t-1', f);
		expect((await listTerritories(f)).items).toEqual([]);
	});
});
