/**
 * The /espace page model on in-memory stores with records in the real formats: a file is
 * refused with French reasons, previewed with conflicts skipped by default, applied with a report
 * that survives the reload; a failing write is undone and said; the clear reports too.
 */
import { describe, expect, it } from 'vitest';
import type { StoreIO, Stores } from '../../../src/lib/workspace/apply';
import { readCurrent } from '../../../src/lib/workspace/browser';
import { RULES } from '../../../src/lib/workspace/plan';
import { COLLECTIONS, type CollectionId } from '../../../src/lib/workspace/schema';
import type { Views } from '../../../src/lib/workspace/views';
import { REPORT_KEY, WorkspacePage, type WorkspaceDeps } from '../../../src/lib/pages/workspace.svelte';
import { note, territory, workspace } from '../workspace/fixtures';

type Rec = Record<string, unknown>;
const IDS: readonly CollectionId[] = COLLECTIONS;

function store(c: CollectionId, initial: Rec[] = [], fail = false): StoreIO & { data: Map<string, Rec> } {
	const key = RULES[c].key;
	const data = new Map(initial.map((r) => [key(r), structuredClone(r)]));
	return {
		data,
		list: async () => [...data.values()].map((r) => structuredClone(r)),
		put: async (l) => {
			if (fail) throw new Error('L’espace de stockage du navigateur est plein.');
			for (const r of l) data.set(key(r), structuredClone(r));
		},
		remove: async (keys) => keys.forEach((k) => data.delete(k))
	};
}

function setup(initial: Partial<Record<CollectionId, Rec[]>> = {}, failing?: CollectionId) {
	const stores = Object.fromEntries(IDS.map((c) => [c, store(c, initial[c] ?? [], c === failing)])) as unknown as Stores & Record<CollectionId, ReturnType<typeof store>>;
	const session = new Map<string, string>();
	let views: Views = { '/ecarts': '?v=1&ind=cmp_count', '/inconnue': '?x=1' };
	const events: string[] = [];
	let n = 0;
	const deps: WorkspaceDeps = {
		stores,
		readCurrent: () => readCurrent(stores),
		readViews: () => views,
		exportWorkspace: async () => {
			throw new Error('non utilisé');
		},
		download: () => events.push('download'),
		importViews: (v, replace) => {
			const before = Object.keys(views).length;
			views = replace ? { ...v } : { ...v, ...views };
			return replace ? Object.keys(v).length : Object.keys(views).length - before;
		},
		clearAll: async () => {
			for (const c of IDS) stores[c].data.clear();
		},
		reload: () => events.push('reload'),
		session: { getItem: (k) => session.get(k) ?? null, setItem: (k, v) => void session.set(k, v), removeItem: (k) => void session.delete(k) },
		newId: () => `id-${++n}`
	};
	return { stores, session, events, deps, views: () => views };
}

const file = (v: unknown, name = 'atlas-ptsm-espace-2026-11-30.json') => new File([typeof v === 'string' ? v : JSON.stringify(v)], name, { type: 'application/json' });

describe('workspace page model', () => {
	it('counts what the browser holds and lists the views of known pages only', async () => {
		const { deps } = setup({ custom_territories: [territory()], notes: [note()] });
		const m = new WorkspacePage(deps);
		await m.start();
		expect(m.count('custom_territories')).toBe(1);
		expect(m.count('notes')).toBe(1);
		expect(m.count('scenarios')).toBe(0);
		expect(m.viewList).toEqual([['/ecarts', '?v=1&ind=cmp_count']]);
		expect(m.report).toBeNull();
	});

	it('refuses a file with French reasons and imports nothing', async () => {
		const { deps, stores } = setup();
		const m = new WorkspacePage(deps);
		await m.start();
		await m.pick(file('{"format":"autre"'));
		expect(m.incoming).toBeNull();
		expect(m.importErrors.length).toBeGreaterThan(0);
		expect(m.importErrors.join(' ')).toMatch(/JSON|fichier/i);
		await m.pick(file({ ...workspace(), version: 9 }));
		expect(m.importErrors.join(' ')).toMatch(/plus récente/);
		expect([...stores.custom_territories.data.values()]).toEqual([]);
	});

	it('previews conflicts (skipped by default), applies, and leaves the report for after the reload', async () => {
		const mine = territory({ name: 'Est lyonnais', communes: ['69123'] });
		const { deps, stores, session, events, views } = setup({ custom_territories: [mine] });
		const m = new WorkspacePage(deps);
		await m.start();
		await m.pick(file(workspace()));
		expect(m.importErrors).toEqual([]);
		const conflicts = m.plan.map((p, i) => [p, i] as const).filter(([p]) => p.status === 'conflict');
		expect(conflicts).toHaveLength(1);
		expect(m.choices).toEqual(new Map([[conflicts[0]![1], 'skip']]));
		expect(m.incomingViews).toBe(2);
		await m.apply();
		expect(events).toEqual(['reload']);
		// The browser's territory is kept; the others are written.
		expect(stores.custom_territories.data.get('terr-1')).toEqual(mine);
		expect(stores.sector_sets.data.size).toBe(1);
		expect(stores.notes.data.size).toBe(1);
		expect(views()['/diagnostic']).toBe('?territoire=departement%3A69');
		const report = JSON.parse(session.get(REPORT_KEY)!) as string[];
		expect(report[0]).toBe('Import de « atlas-ptsm-espace-2026-11-30.json » terminé.');
		expect(report).toContain('1 élément(s) en conflit ignorés (ceux du navigateur sont gardés).');
		expect(report).toContain('Vues des pages : 2 reprise(s) du fichier sur 2.');
		// After the reload: the report is shown once.
		const again = new WorkspacePage(deps);
		await again.start();
		expect(again.report).toEqual(report);
		expect(session.has(REPORT_KEY)).toBe(false);
		expect(again.count('sector_sets')).toBe(1);
	});

	it('a failing write undoes the import and says so; nothing reloads', async () => {
		const { deps, stores, events } = setup({}, 'notes');
		const m = new WorkspacePage(deps);
		await m.start();
		await m.pick(file(workspace()));
		await m.apply();
		expect(m.applyError).toMatch(/^L’import a échoué et a été entièrement annulé \(rien n’a changé\) : .*plein/);
		expect(m.busy).toBe(false);
		expect(events).toEqual([]);
		for (const c of IDS) expect(stores[c].data.size).toBe(0);
	});

	it('clears everything and reports it after the reload', async () => {
		const { deps, stores, session, events } = setup({ custom_territories: [territory()] });
		const m = new WorkspacePage(deps);
		await m.start();
		await m.clear();
		expect(stores.custom_territories.data.size).toBe(0);
		expect(events).toEqual(['reload']);
		expect(JSON.parse(session.get(REPORT_KEY)!)).toEqual(['Tout a été effacé de ce navigateur (les données ouvertes restent en cache).']);
	});
});
