/**
 * The imported indicators of this browser, shared by every page: read from IndexedDB once,
 * registered in DuckDB once the data is ready, and offered as catalogue entries
 * (`withOwnIndicators(list)` appends them to the list a page reads). Every indicator frame of an
 * imported indicator waits for the registration (queries/indicators.ts hook), so no page reads
 * an empty table. Saving goes DuckDB first then IndexedDB, undone on failure (all or nothing).
 */
import { data } from '$lib/db/store.svelte';
import type { IndicatorDef } from '../indicators/types';
import { setOwnIndicatorsReady } from '../queries/indicators';
import { ownCodeContext } from '../queries/own-indicators';
import { setExtraViewDefs } from '../projection/defs';
import { setExtraViewKinds, type ViewKind } from '../projection/sequence';
import { ownIndicatorDef, ownViewKind, type OwnIndicator } from './model';
import type { OwnCodeContext } from './parse';
import { registerOwnIndicator, removeOwnIndicator } from './register';
import { deleteOwnIndicators, listOwnIndicators, saveOwnIndicators } from './store';

class ActiveOwnIndicators {
	#items = $state.raw<OwnIndicator[]>([]);
	defs = $derived<IndicatorDef[]>(this.#items.map(ownIndicatorDef));
	/** Projection views of those that can be drawn there. */
	viewKinds = $derived<ViewKind[]>(this.#items.map(ownViewKind).filter((k): k is ViewKind => !!k));

	get items(): OwnIndicator[] {
		return this.#items;
	}
	/** Replaced whole; projection's lookups follow (they are plain functions, not runes). */
	set items(list: OwnIndicator[]) {
		this.#items = list;
		const defs = list.map(ownIndicatorDef);
		setExtraViewDefs(defs);
		setExtraViewKinds(list.map(ownViewKind).filter((k): k is ViewKind => !!k));
	}
	loaded = $state(false);
	/** Storage unavailable or failed (French). */
	error = $state<string | null>(null);
	/** Stored records that could not be read back. */
	invalid = $state(0);

	#loading: Promise<void> | null = null;
	#registered = new Set<string>();
	#queue: Promise<void> = Promise.resolve();

	/** Reads IndexedDB once (idempotent; never throws, the error is kept). */
	load(): Promise<void> {
		if (!this.#loading) {
			this.#loading = (async () => {
				try {
					const r = await listOwnIndicators();
					this.items = r.items;
					this.invalid = r.invalid;
				} catch (e) {
					this.error = e instanceof Error ? e.message : String(e);
				}
				this.loaded = true;
			})();
		}
		return this.#loading;
	}

	/** Registers every stored indicator in DuckDB (once each); waits for the data. */
	ensureRegistered(): Promise<void> {
		const run = this.#queue.then(async () => {
			await this.load();
			if (this.items.every((i) => this.#registered.has(i.id))) return;
			const db = await data.database();
			for (const i of this.items) {
				if (this.#registered.has(i.id)) continue;
				await registerOwnIndicator(db, i);
				this.#registered.add(i.id);
			}
		});
		this.#queue = run.catch(() => {});
		return run;
	}

	/** Saves a checked indicator: DuckDB, then IndexedDB; if storing fails, DuckDB is undone. */
	async add(ind: OwnIndicator): Promise<void> {
		await this.load();
		const db = await data.database();
		await registerOwnIndicator(db, ind);
		try {
			await saveOwnIndicators([ind]);
		} catch (e) {
			await removeOwnIndicator(db, ind.id).catch(() => {});
			throw e;
		}
		this.#registered.add(ind.id);
		this.items = [...this.items.filter((x) => x.id !== ind.id), ind].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
	}

	/**
	 * Saves a new description of a stored indicator (one IndexedDB transaction); its rows are the
	 * same, so DuckDB is untouched. The list is replaced only once stored: every page's entries
	 * (catalogue, projection views) follow, or nothing changed.
	 */
	async update(ind: OwnIndicator): Promise<void> {
		await this.load();
		const prev = this.items.find((x) => x.id === ind.id);
		if (!prev) throw new Error('cet indicateur n’est plus dans ce navigateur (supprimé depuis un autre onglet ?).');
		if (prev.rows !== ind.rows && JSON.stringify(prev.rows) !== JSON.stringify(ind.rows)) throw new Error('les valeurs d’un indicateur ne se modifient pas : importez le fichier à nouveau.');
		await saveOwnIndicators([ind]);
		this.items = this.items.map((x) => (x.id === ind.id ? ind : x)).sort((a, b) => a.name.localeCompare(b.name, 'fr'));
	}

	async remove(id: string): Promise<void> {
		await deleteOwnIndicators([id]);
		this.items = this.items.filter((x) => x.id !== id);
		this.#registered.delete(id);
		if (data.ready) await removeOwnIndicator(await data.database(), id);
	}

	#ctx: Promise<OwnCodeContext> | null = null;
	/** Codes and former codes from the artefacts, for checking a file. */
	codeContext(): Promise<OwnCodeContext> {
		if (!this.#ctx) {
			this.#ctx = ownCodeContext(data);
			this.#ctx.catch(() => (this.#ctx = null));
		}
		return this.#ctx;
	}
}

export const ownIndicators = new ActiveOwnIndicators();
setOwnIndicatorsReady(() => ownIndicators.ensureRegistered());
// Read at once in the browser, so pages find the entries when they build their lists.
if (typeof window !== 'undefined') void ownIndicators.load();

/**
 * The catalogue list a page reads, with the imported indicators appended (reactive inside a
 * `$derived`); `keep` filters them like the page filters its own list.
 */
export function withOwnIndicators(list: readonly IndicatorDef[], keep: (d: IndicatorDef) => boolean = () => true): IndicatorDef[] {
	const own = ownIndicators.defs.filter(keep);
	return own.length ? [...list, ...own] : [...list];
}
