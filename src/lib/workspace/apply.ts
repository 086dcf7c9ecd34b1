/**
 * Applies an import all or nothing. The stores are separate IndexedDB databases, so there is
 * no single transaction across them: each collection is written in turn and journaled (what
 * it overwrote or removed, what it added); if any write fails, the journal is undone in
 * reverse order. IO is injected (tests use a failing fake).
 */
import type { CollectionId } from './schema';
import { RULES, type Operation } from './plan';

type Rec = Record<string, unknown>;

export interface StoreIO {
	list(): Promise<Rec[]>;
	put(records: Rec[]): Promise<void>;
	remove(keys: string[]): Promise<void>;
}
export type Stores = Record<CollectionId, StoreIO>;

export type ApplyResult =
	| { ok: true; written: { collection: CollectionId; put: number; removed: number }[] }
	| { ok: false; error: string; rolledBack: boolean; rollbackError?: string };

const msg = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function applyImport(ops: readonly Operation[], stores: Stores): Promise<ApplyResult> {
	const journal: { collection: CollectionId; restore: Rec[]; added: string[] }[] = [];
	try {
		for (const op of ops) {
			const io = stores[op.collection];
			const key = RULES[op.collection].key;
			const before = new Map((await io.list()).map((r) => [key(r), r]));
			const putKeys = op.put.map(key);
			const entry = {
				collection: op.collection,
				// Snapshot first: a write that fails half-way is undone too.
				restore: [...op.remove, ...putKeys].map((k) => before.get(k)).filter((r): r is Rec => !!r),
				added: putKeys.filter((k) => !before.has(k))
			};
			journal.push(entry);
			if (op.remove.length) await io.remove(op.remove);
			if (op.put.length) await io.put(op.put);
		}
		return { ok: true, written: ops.map((o) => ({ collection: o.collection, put: o.put.length, removed: o.remove.length })) };
	} catch (e) {
		const error = msg(e);
		try {
			for (const j of journal.reverse()) {
				const io = stores[j.collection];
				if (j.added.length) await io.remove(j.added);
				if (j.restore.length) await io.put(j.restore);
			}
			return { ok: false, error, rolledBack: true };
		} catch (e2) {
			return { ok: false, error, rolledBack: false, rollbackError: msg(e2) };
		}
	}
}
