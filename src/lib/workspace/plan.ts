/**
 * Import plan: what a workspace file adds, what it would replace (same name or same key as a
 * record already in this browser), what is already identical. The user picks, per conflict,
 * 'replace' | 'both' (keep both: the imported one gets a suffix, or for notes the texts are
 * joined) | 'skip'. Pure: the current records are given, nothing is read or written here.
 */
import { COLLECTIONS, COLLECTION_LABELS, type CollectionId, type Workspace } from './schema';
import { NOTE_KINDS, type Note } from '../notes/notes';
import { PRIORITIES } from '../diagnostic/priorities';
import { newOwnId } from '../own-indicators/model';

export type Choice = 'replace' | 'both' | 'skip';
export type ItemStatus = 'add' | 'same' | 'conflict';

export interface PlanItem {
	collection: CollectionId;
	/** Position in the file's list. */
	index: number;
	name: string; // plain text, for the preview
	status: ItemStatus;
	/** Key of the existing record it conflicts with. */
	existingKey: string | null;
}

type Rec = Record<string, unknown>;
/** How each collection identifies and names its records. */
export interface CollectionRules {
	key(r: Rec): string;
	name(r: Rec): string;
	/** A copy kept beside an existing one: new name (and key when the key is the name). */
	copy(r: Rec, taken: (name: string) => boolean, newId: () => string): Rec;
}

function suffixed(name: string, taken: (n: string) => boolean, max: number): string {
	for (let i = 2; ; i++) {
		const tail = ` (importé${i > 2 ? ` ${i - 1}` : ''})`;
		const n = `${name.slice(0, max - tail.length)}${tail}`;
		if (!taken(n)) return n;
	}
}

const byId = (max: number): CollectionRules => ({
	key: (r) => r.id as string,
	name: (r) => r.name as string,
	copy: (r, taken, newId) => ({ ...r, id: newId(), name: suffixed(r.name as string, taken, max) })
});

export const RULES: Record<CollectionId, CollectionRules> = {
	sector_sets: byId(500),
	custom_territories: byId(500),
	local_resources: byId(200),
	scenarios: { key: (r) => r.name as string, name: (r) => r.name as string, copy: (r, taken) => ({ ...r, name: suffixed(r.name as string, taken, 120) }) },
	// The id names DuckDB rows and has its own shape: a copy gets a fresh one of that shape.
	own_indicators: { ...byId(120), copy: (r, taken) => ({ ...r, id: newOwnId(), name: suffixed(r.name as string, taken, 120) }) },
	notes: {
		key: (r) => r.id as string,
		name: (r) => `${r.territoryName as string} — priorité ${r.priority as number} (${PRIORITIES.find((p) => p.n === r.priority)?.title ?? ''})`,
		copy: (r) => r // joined with the existing note instead, see resolve()
	}
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export type Current = Record<CollectionId, readonly Rec[]>;

export function planImport(incoming: Workspace, current: Current): PlanItem[] {
	const out: PlanItem[] = [];
	for (const c of COLLECTIONS) {
		const rules = RULES[c];
		const byKey = new Map(current[c].map((r) => [rules.key(r), r]));
		const byName = new Map(current[c].map((r) => [rules.name(r), r]));
		(incoming[c] as unknown as Rec[]).forEach((r, index) => {
			const name = rules.name(r);
			const hit = byKey.get(rules.key(r)) ?? byName.get(name) ?? null;
			const status: ItemStatus = !hit ? 'add' : same(strip(hit), strip(r)) ? 'same' : 'conflict';
			out.push({ collection: c, index, name, status, existingKey: hit ? rules.key(hit) : null });
		});
	}
	return out;
}

// updatedAt alone does not make two records different.
const strip = (r: Rec) => {
	const { updatedAt: _u, ...rest } = r;
	return rest;
};

export interface Operation {
	collection: CollectionId;
	put: Rec[];
	/** Existing keys removed (a replaced record stored under another key). */
	remove: string[];
}

/** The writes an import makes, given a choice per conflict (by item position in the plan). */
export function resolve(incoming: Workspace, current: Current, plan: readonly PlanItem[], choices: ReadonlyMap<number, Choice>, newId: () => string): Operation[] {
	const ops: Operation[] = [];
	for (const c of COLLECTIONS) {
		const rules = RULES[c];
		const list = incoming[c] as unknown as Rec[];
		const existing = new Map(current[c].map((r) => [rules.key(r), r]));
		const names = new Set(current[c].map((r) => rules.name(r)));
		for (const r of list) names.add(rules.name(r));
		const op: Operation = { collection: c, put: [], remove: [] };
		plan.forEach((item, i) => {
			if (item.collection !== c || item.status === 'same') return;
			const r = list[item.index]!;
			if (item.status === 'add') return void op.put.push(r);
			const choice = choices.get(i) ?? 'skip';
			if (choice === 'skip') return;
			if (choice === 'replace') {
				if (item.existingKey !== rules.key(r)) op.remove.push(item.existingKey!);
				op.put.push(r);
				return;
			}
			if (c === 'notes') {
				const old = existing.get(item.existingKey!) as unknown as Note;
				const joined = { ...r } as Rec;
				for (const k of NOTE_KINDS) {
					const a = old[k].trim();
					const b = String(r[k] ?? '').trim();
					joined[k] = a && b && a !== b ? `${old[k]}\n\n${r[k]}` : a ? old[k] : r[k];
				}
				return void op.put.push(joined);
			}
			const copy = rules.copy(r, (n) => names.has(n), newId);
			names.add(rules.name(copy));
			op.put.push(copy);
		});
		if (op.put.length || op.remove.length) ops.push(op);
	}
	return ops;
}

export function summary(plan: readonly PlanItem[]): { collection: CollectionId; label: string; add: number; same: number; conflict: number }[] {
	return COLLECTIONS.map((c) => {
		const items = plan.filter((p) => p.collection === c);
		return {
			collection: c,
			label: COLLECTION_LABELS[c],
			add: items.filter((p) => p.status === 'add').length,
			same: items.filter((p) => p.status === 'same').length,
			conflict: items.filter((p) => p.status === 'conflict').length
		};
	});
}
