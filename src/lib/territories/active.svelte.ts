/**
 * Shared state of the user's territories: imported sector sets and custom territories (from
 * IndexedDB, via territory-store.ts) plus the session-only approximate catchments, and their
 * registration into DuckDB (`territory_members`) so every page can use the levels 'sector' and
 * 'custom' with a `setId`.
 *
 * Usage from a page: `data.start()` then `await territories.ensureRegistered()`; list the
 * choices from `territories.sets`; for an approximation call `ensureRegistered(id)` first
 * (it is computed on demand, a few seconds).
 */
import { data } from '$lib/db/store.svelte';
import type { DatabaseLike } from '$lib/db/query';
import {
	APPROX_LABEL,
	approximateCatchments,
	customTerritoriesToSet,
	registerTerritorySet,
	removeTerritorySet,
	sectorSetToTerritorySet,
	type TerritorySet
} from '$lib/geo/territories';
import {
	deleteSectorSet,
	deleteTerritory,
	listSectorSets,
	listTerritories,
	saveSectorSet,
	saveTerritory,
	type LoadError,
	type SectorSet,
	type Territory
} from '$lib/geo/territory-store';
import type { AliasInfo, CommuneInfo, SectorImportContext } from '$lib/geo/sector-import';
import type { SectorType } from './level';
import { withArrondissements } from '$lib/geo/sector-plm';
import { arrondissements } from '$lib/queries/territories';

/** Arrondissements of Paris, Lyon, Marseille when the artefacts have them (older builds do not). */
async function arrondissementRows() {
	await data.database(); // the table list is known once every table is in
	return data.hasTable('arrondissements') ? arrondissements(data) : [];
}

export type SetKind = 'sector' | 'custom' | 'approx';

export interface ActiveSet {
	/** territory_members.set_id */
	id: string;
	/** unique per entry: a sector set with G and I sectors gives two entries */
	key: string;
	name: string;
	kind: SetKind;
	/** sector type (filter territory_members.kind on it); null for custom territories */
	type: SectorType | null;
	/** level for the indicator SQL */
	level: 'sector' | 'custom';
	/** approximations only exist once computed (ensureRegistered(id)) */
	computed: boolean;
}

export const CUSTOM_SET_ID = 'custom';
export const CUSTOM_SET_NAME = 'Territoires personnalisés';
export const APPROX_YEAR = 2023;
export const approxId = (type: SectorType) => `approx-${type}-${APPROX_YEAR}`;
export const APPROX_SHORT = 'approximation, pas les secteurs officiels';

export const TYPE_LABEL: Record<SectorType, string> = {
	G: 'psychiatrie générale (adultes)',
	I: 'psychiatrie infanto-juvénile (enfants et adolescents)'
};

/** A territory as a select lists it. */
export interface TerritoryOption {
	code: string;
	name: string;
}

/** The départements as a select lists them: « 01 — Ain ». */
export const departementOptions = (deps: readonly TerritoryOption[]): TerritoryOption[] => deps.map((d) => ({ code: d.code, name: `${d.code} — ${d.name}` }));

/** A set in a territory-kind select: its name, and its sector type when it has one. */
export const setOptionLabel = (s: Pick<ActiveSet, 'name' | 'type'>): string => `${s.name}${s.type ? ` — ${TYPE_LABEL[s.type]}` : ''}`;

function message(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}

class ActiveTerritories {
	sectorSets = $state.raw<SectorSet[]>([]);
	territories = $state.raw<Territory[]>([]);
	/** Computed approximations (session only, not stored). */
	approx = $state.raw<TerritorySet[]>([]);
	loaded = $state(false);
	/** Records that could not be read back (French messages). */
	loadErrors = $state.raw<LoadError[]>([]);
	/** Storage unavailable or failed (French). */
	storageError = $state<string | null>(null);

	sets = $derived.by<ActiveSet[]>(() => {
		const out: ActiveSet[] = [];
		for (const s of this.sectorSets) {
			for (const type of ['G', 'I'] as const) {
				if (!s.sectors.some((x) => x.type === type)) continue;
				out.push({ id: s.id, key: `${s.id}:${type}`, name: s.name, kind: 'sector', type, level: 'sector', computed: true });
			}
		}
		if (this.territories.length)
			out.push({ id: CUSTOM_SET_ID, key: CUSTOM_SET_ID, name: CUSTOM_SET_NAME, kind: 'custom', type: null, level: 'custom', computed: true });
		for (const type of ['G', 'I'] as const) {
			const id = approxId(type);
			out.push({
				id,
				key: id,
				name: `${APPROX_LABEL} — ${type === 'G' ? 'adultes (G)' : 'enfants et adolescents (I)'}`,
				kind: 'approx',
				type,
				level: 'sector',
				computed: this.approx.some((a) => a.id === id)
			});
		}
		return out;
	});

	#loading: Promise<void> | null = null;
	#registered = new Set<string>();
	#approxRuns = new Map<string, Promise<TerritorySet>>();

	/** Reads IndexedDB once (idempotent). */
	load(): Promise<void> {
		if (!this.#loading) {
			this.#loading = (async () => {
				try {
					const [s, t] = await Promise.all([listSectorSets(), listTerritories()]);
					this.sectorSets = s.items;
					this.territories = t.items;
					this.loadErrors = [...s.errors, ...t.errors];
				} catch (e) {
					this.storageError = message(e);
				}
				this.loaded = true;
			})();
		}
		return this.#loading;
	}

	async #db(): Promise<DatabaseLike> {
		return data.database();
	}

	/**
	 * Registers the stored sets in DuckDB (once each); with `id`, only that set, computing an
	 * approximation if needed. Waits for the data (call `data.start()` first).
	 */
	async ensureRegistered(id?: string): Promise<void> {
		if (id && id.startsWith('approx-')) {
			await this.approximate(id === approxId('I') ? 'I' : 'G');
			return;
		}
		// Serialised: two pages' components asking at once must not register the same set twice.
		const run = this.#queue.then(() => this.#register(id));
		this.#queue = run.catch(() => {});
		return run;
	}

	#queue: Promise<void> = Promise.resolve();

	async #register(id?: string): Promise<void> {
		await this.load();
		const db = await this.#db();
		for (const s of this.sectorSets) {
			if (id && s.id !== id) continue;
			if (this.#registered.has(s.id)) continue;
			await registerTerritorySet(db, sectorSetToTerritorySet(s));
			this.#registered.add(s.id);
		}
		if ((!id || id === CUSTOM_SET_ID) && !this.#registered.has(CUSTOM_SET_ID) && this.territories.length) {
			await registerTerritorySet(db, customTerritoriesToSet(CUSTOM_SET_ID, CUSTOM_SET_NAME, this.territories));
			this.#registered.add(CUSTOM_SET_ID);
		}
	}

	/**
	 * Saves a validated sector set: DuckDB first (atomic), then IndexedDB; if storing fails the
	 * DuckDB rows are removed again, so nothing is half-saved.
	 */
	async addSectorSet(set: SectorSet): Promise<void> {
		await this.load();
		const db = await this.#db();
		await registerTerritorySet(db, sectorSetToTerritorySet(set));
		try {
			await saveSectorSet(set);
		} catch (e) {
			await removeTerritorySet(db, set.id).catch(() => {});
			throw e;
		}
		this.#registered.add(set.id);
		this.sectorSets = [set, ...this.sectorSets.filter((s) => s.id !== set.id)];
	}

	async removeSectorSet(id: string): Promise<void> {
		await deleteSectorSet(id);
		this.sectorSets = this.sectorSets.filter((s) => s.id !== id);
		this.#registered.delete(id);
		if (data.ready) await removeTerritorySet(await this.#db(), id);
	}

	async #registerCustom(list: Territory[]): Promise<void> {
		const db = await this.#db();
		if (list.length) await registerTerritorySet(db, customTerritoriesToSet(CUSTOM_SET_ID, CUSTOM_SET_NAME, list));
		else await removeTerritorySet(db, CUSTOM_SET_ID);
		this.#registered.add(CUSTOM_SET_ID);
	}

	/** Creates or replaces a custom territory (same all-or-nothing order as sector sets). */
	async putTerritory(t: Territory): Promise<void> {
		await this.load();
		const next = [t, ...this.territories.filter((x) => x.id !== t.id)];
		await this.#registerCustom(next);
		try {
			await saveTerritory(t);
		} catch (e) {
			await this.#registerCustom(this.territories).catch(() => {});
			throw e;
		}
		this.territories = next;
	}

	/** Deletes a custom territory: DuckDB, then IndexedDB, then the list (so no view shows a half-removed one). */
	async removeTerritory(id: string): Promise<void> {
		const next = this.territories.filter((x) => x.id !== id);
		if (data.ready) await this.#registerCustom(next);
		try {
			await deleteTerritory(id);
		} catch (e) {
			if (data.ready) await this.#registerCustom(this.territories).catch(() => {});
			throw e;
		}
		this.territories = next;
	}

	#ctx: Promise<SectorImportContext> | null = null;

	/** COG communes and code aliases from DuckDB, for validating imports and commune lists. */
	importContext(): Promise<SectorImportContext> {
		if (!this.#ctx) {
			this.#ctx = (async () => {
				const [com, al, arm] = await Promise.all([
					data.query<{ code: string; name: string; dep: string; population: number | null }>('SELECT code, name, dep, population FROM communes'),
					data.query<{ alias: string; code: string; kind: string }>('SELECT alias, code, kind FROM commune_aliases'),
					arrondissementRows()
				]);
				const info = (c: { name: string; dep: string; population: number | null }): CommuneInfo => ({ dep: String(c.dep), name: c.name, population: Number(c.population ?? 0) });
				// Arrondissements of Paris, Lyon, Marseille are units of their own (sector-plm.ts).
				const communes = withArrondissements(
					new Map<string, CommuneInfo>(com.map((c) => [c.code, info(c)])),
					arm.map((a) => ({ code: a.code, ...info(a) }))
				);
				const aliases = new Map<string, string>();
				const aliasDetails = new Map<string, AliasInfo>();
				for (const a of al) {
					aliases.set(a.alias, a.code);
					const kind = a.kind as AliasInfo['kind'];
					if (kind !== 'actuelle') aliasDetails.set(a.alias, { kind });
				}
				return { communes, aliases, aliasDetails };
			})();
			this.#ctx.catch(() => (this.#ctx = null));
		}
		return this.#ctx;
	}

	/** Computes (once per session) and registers the nearest-establishment approximation. */
	approximate(type: SectorType): Promise<TerritorySet> {
		const id = approxId(type);
		let p = this.#approxRuns.get(id);
		if (!p) {
			p = (async () => {
				const db = await this.#db();
				const set = await approximateCatchments(db, type, APPROX_YEAR);
				await registerTerritorySet(db, set);
				this.approx = [...this.approx.filter((a) => a.id !== set.id), set];
				return set;
			})();
			this.#approxRuns.set(id, p);
			p.catch(() => this.#approxRuns.delete(id));
		}
		return p;
	}
}

export const territories = new ActiveTerritories();
