import { describe, expect, it } from 'vitest';
import { parseWorkspace, type CollectionId } from '../../../src/lib/workspace/schema';
import { planImport, resolve, type Choice, type Current } from '../../../src/lib/workspace/plan';
import { applyImport, type StoreIO, type Stores } from '../../../src/lib/workspace/apply';
import { clearAll } from '../../../src/lib/workspace/browser';
import { RULES } from '../../../src/lib/workspace/plan';
import { note, scenario, territory, workspace } from './fixtures';

type Rec = Record<string, unknown>;

/** In-memory store; `failOn` makes put() throw after writing part of the batch. */
function fakeStore(collection: CollectionId, initial: Rec[] = [], failOn?: (r: Rec) => boolean): StoreIO & { data: Map<string, Rec> } {
	const key = RULES[collection].key;
	const data = new Map(initial.map((r) => [key(r), structuredClone(r)]));
	return {
		data,
		list: async () => [...data.values()].map((r) => structuredClone(r)),
		put: async (l) => {
			for (const r of l) {
				if (failOn?.(r)) throw new Error('L’espace de stockage du navigateur est plein.');
				data.set(key(r), structuredClone(r));
			}
		},
		remove: async (keys) => {
			for (const k of keys) data.delete(k);
		}
	};
}

function setup(initial: Partial<Record<CollectionId, Rec[]>> = {}, fail: Partial<Record<CollectionId, (r: Rec) => boolean>> = {}) {
	const ids: CollectionId[] = ['sector_sets', 'custom_territories', 'scenarios', 'local_resources', 'notes', 'own_indicators'];
	const stores = Object.fromEntries(ids.map((c) => [c, fakeStore(c, initial[c] ?? [], fail[c])])) as Record<CollectionId, ReturnType<typeof fakeStore>>;
	return stores;
}
async function current(stores: Stores): Promise<Current> {
	const out = {} as Record<CollectionId, Rec[]>;
	for (const c of Object.keys(stores) as CollectionId[]) out[c] = await stores[c].list();
	return out;
}
const parsed = (v: unknown) => {
	const r = parseWorkspace(JSON.stringify(v));
	if (!r.ok) throw new Error(r.errors.join(' '));
	return r.value;
};
let n = 0;
const newId = () => `new-${++n}`;

describe('import plan', () => {
	it('adds into an empty browser, and the same file again is « déjà identique »', async () => {
		const s = setup();
		const w = parsed(workspace());
		const plan = planImport(w, await current(s));
		expect(plan.every((p) => p.status === 'add')).toBe(true);
		const r = await applyImport(resolve(w, await current(s), plan, new Map(), newId), s);
		expect(r.ok).toBe(true);
		expect(s.custom_territories.data.get('terr-1')!.name).toBe('Est lyonnais');
		const again = planImport(w, await current(s));
		expect(again.every((p) => p.status === 'same')).toBe(true);
		expect(resolve(w, await current(s), again, new Map(), newId)).toEqual([]);
	});

	it('same name: replace, keep both (suffix, new id), skip; notes joined', async () => {
		const s = setup({
			custom_territories: [territory({ id: 'local-7', communes: ['69123'] })],
			scenarios: [scenario({ edits: [] })],
			notes: [note({ constats: 'Constat local', pistes: '' })]
		});
		const w = parsed(workspace({ sector_sets: [], local_resources: [] }));
		const cur = await current(s);
		const plan = planImport(w, cur);
		const idx = (c: CollectionId) => plan.findIndex((p) => p.collection === c);
		expect(plan.filter((p) => p.status === 'conflict').map((p) => p.collection)).toEqual(['custom_territories', 'scenarios', 'notes']);
		const choices = new Map<number, Choice>([
			[idx('custom_territories'), 'both'],
			[idx('scenarios'), 'replace'],
			[idx('notes'), 'both']
		]);
		expect((await applyImport(resolve(w, cur, plan, choices, newId), s)).ok).toBe(true);
		const names = [...s.custom_territories.data.values()].map((t) => t.name).sort();
		expect(names).toEqual(['Est lyonnais', 'Est lyonnais (importé)']);
		expect(s.custom_territories.data.get('local-7')!.communes).toEqual(['69123']);
		expect(s.scenarios.data.get('Nouveau CMP Vaulx')!.edits).toHaveLength(1);
		const joined = s.notes.data.get('departement:69|1')!;
		expect(joined.constats).toBe('Constat local\n\nDélais CMP longs.\nDeux CMP sans psychiatre.');
		expect(joined.pistes).toBe('Équipe mobile');

		// Replace a same-name record held under another id: the old key goes.
		const s2 = setup({ custom_territories: [territory({ id: 'local-7', communes: ['69123'] })] });
		const cur2 = await current(s2);
		const plan2 = planImport(w, cur2);
		const i2 = plan2.findIndex((p) => p.collection === 'custom_territories');
		await applyImport(resolve(w, cur2, plan2, new Map([[i2, 'replace' as Choice]]), newId), s2);
		expect([...s2.custom_territories.data.keys()]).toEqual(['terr-1']);

		// Skip is the default: nothing changes.
		const s3 = setup({ scenarios: [scenario({ edits: [] })] });
		const cur3 = await current(s3);
		await applyImport(resolve(w, cur3, planImport(w, cur3), new Map(), newId), s3);
		expect(s3.scenarios.data.get('Nouveau CMP Vaulx')!.edits).toEqual([]);
	});
});

describe('all or nothing', () => {
	it('a failing store rolls back every write already made, replaced records included', async () => {
		const before = {
			custom_territories: [territory({ id: 'local-7', name: 'Est lyonnais', communes: ['69123'] })],
			scenarios: [scenario({ edits: [] })]
		};
		// Notes are written last; the store fails on the second note, after the first was written.
		const s = setup(before, { notes: (r) => r.priority === 2 });
		const snapshot = JSON.stringify(await current(s));
		const w = parsed(workspace({ notes: [note(), note({ id: 'x', priority: 2 })] }));
		const cur = await current(s);
		const plan = planImport(w, cur);
		const choices = new Map(plan.map((p, i) => [i, 'replace' as Choice]).filter(([i]) => plan[i as number]!.status === 'conflict') as [number, Choice][]);
		const r = await applyImport(resolve(w, cur, plan, choices, newId), s);
		expect(r).toMatchObject({ ok: false, rolledBack: true, error: 'L’espace de stockage du navigateur est plein.' });
		expect(JSON.stringify(await current(s))).toBe(snapshot);
	});

	it('says so when the rollback fails too', async () => {
		const s = setup({}, { notes: () => true });
		const io = s.sector_sets;
		const remove = io.remove;
		io.remove = async () => {
			throw new Error('base verrouillée');
		};
		const w = parsed(workspace());
		const cur = await current(s);
		const r = await applyImport(resolve(w, cur, planImport(w, cur), new Map(), newId), s);
		expect(r).toMatchObject({ ok: false, rolledBack: false, rollbackError: 'base verrouillée' });
		io.remove = remove;
	});

	it('clearAll empties every store', async () => {
		const s = setup({ custom_territories: [territory()], notes: [note()], scenarios: [scenario()] });
		await clearAll(s);
		const c = await current(s);
		expect(Object.values(c).every((l) => l.length === 0)).toBe(true);
	});
});
