/**
 * Data behind the diagnostic's territory chooser: the territories of the chosen set (latest
 * request wins) and the first territory when the kind changes, computing an approximation on
 * demand. The component renders; this runs the queries.
 */
import type { DiagnosticTarget } from '../diagnostic/target';
import type { QueryPort } from '../queries/port';
import { firstTerritory, setOptions, type SetOption } from '../queries/territory-sets';
import type { ActiveSet } from '../territories/active.svelte';
import { latest } from './latest';

export interface SetRegistry {
	ensureRegistered(id?: string): Promise<void>;
}

export class TerritoryChoice {
	members = $state.raw<SetOption[]>([]);
	computing = $state(false);
	computeError = $state<string | null>(null);
	#ticket = latest();

	constructor(
		private readonly port: QueryPort,
		private readonly registry: SetRegistry
	) {}

	/** Lists the territories of `set` (a set not computed yet keeps the last list). */
	async follow(set: ActiveSet | undefined): Promise<void> {
		const current = this.#ticket();
		if (!set?.computed) return;
		try {
			const r = await setOptions(this.port, set.id, set.type ?? 'custom', set.kind === 'approx');
			if (current()) this.members = r;
		} catch {
			if (current()) this.members = [];
		}
	}

	/**
	 * The territory to open when switching to `set` from `from`: the one holding the most
	 * populated commune of a département or région, else the first; null when it cannot be had.
	 */
	async firstOf(set: ActiveSet, from: DiagnosticTarget): Promise<string | null> {
		if (set.kind === 'approx' && !set.computed) {
			this.computing = true;
			this.computeError = null;
			try {
				await this.registry.ensureRegistered(set.id);
			} catch (e) {
				this.computeError = `Approximation impossible : ${e instanceof Error ? e.message : String(e)}`;
				return null;
			} finally {
				this.computing = false;
			}
		}
		const within = from.level === 'departement' || from.level === 'region' ? { level: from.level, code: from.code } : null;
		return firstTerritory(this.port, set.id, set.type ?? 'custom', within);
	}
}
