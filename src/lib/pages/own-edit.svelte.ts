/**
 * Editing an imported indicator on /espace: its description (name, unit, source, year,
 * favourable direction, PTSM priority, reference) with the import's checks in French
 * (own-indicators/describe.ts), saved in one write; the file's values, level and mode stay.
 */
import { ownIndicators } from '../own-indicators/active.svelte';
import { descriptionErrors, descriptionOf, editedIndicator } from '../own-indicators/describe';
import type { OwnIndicator } from '../own-indicators/model';
import { OwnDescriptionState } from './own-description.svelte';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class OwnEditModel extends OwnDescriptionState {
	/** The indicator being edited (null: no form open). */
	id = $state<string | null>(null);

	saving = $state(false);
	saveError = $state<string | null>(null);
	saved = $state<string | null>(null);
	/** Set once the user tried to save: errors are listed from then on. */
	tried = $state(false);

	readonly #save: (ind: OwnIndicator) => Promise<void>;
	readonly #find: (id: string) => OwnIndicator | undefined;

	constructor(deps: { save?: (ind: OwnIndicator) => Promise<void>; find?: (id: string) => OwnIndicator | undefined } = {}) {
		super();
		this.#save = deps.save ?? ((ind) => ownIndicators.update(ind));
		this.#find = deps.find ?? ((id) => ownIndicators.items.find((x) => x.id === id));
	}

	errors = $derived(descriptionErrors(this.description));

	open(ind: OwnIndicator): void {
		this.id = ind.id;
		this.fill(descriptionOf(ind));
		this.saveError = null;
		this.saved = null;
		this.tried = false;
	}

	close(): void {
		this.id = null;
		this.saveError = null;
		this.tried = false;
	}

	/** Checks, then writes; on any refusal nothing is stored and the form stays open. */
	async save(now = new Date()): Promise<boolean> {
		this.tried = true;
		this.saved = null;
		const ind = this.id ? this.#find(this.id) : undefined;
		if (!ind) {
			this.saveError = 'Rien n’a été modifié : cet indicateur n’est plus dans ce navigateur.';
			return false;
		}
		if (this.errors.length) return false;
		const c = editedIndicator(ind, this.description, now);
		if (!c.ok) {
			this.saveError = `Rien n’a été modifié : ${c.error}`;
			return false;
		}
		this.saving = true;
		this.saveError = null;
		try {
			await this.#save(c.value);
			this.saved = `Indicateur « ${c.value.name} » modifié : chaque page affiche désormais cette description.`;
			this.id = null;
			this.tried = false;
			return true;
		} catch (e) {
			this.saveError = `Rien n’a été modifié : ${message(e)}`;
			return false;
		} finally {
			this.saving = false;
		}
	}
}
