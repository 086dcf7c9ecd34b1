/**
 * The named scenarios of the page (rune state): list, active one, notices; kept in IndexedDB,
 * opened from a #s= link, exported and imported as JSON. Import is all or nothing.
 */
import { compactEdits, emptyScenario, type Edit, type Scenario } from './model';
import * as store from './store';
import { decodeScenario, scenarioFromHash } from './url';
import { ImportRun } from '../import/run.svelte';
import { readScenarioFileInWorker } from './import-client';
import { toFile } from './validate';

export function uniqueName(list: readonly Scenario[], wanted: string): string {
	let name = wanted.slice(0, 110);
	for (let k = 2; list.some((s) => s.name === name); k++) name = `${wanted.slice(0, 105)} (${k})`;
	return name;
}

const snapshot = (edits: readonly Edit[]): Edit[] => JSON.parse(JSON.stringify(edits)) as Edit[];

export class ScenarioBook {
	list = $state<Scenario[]>([]);
	activeName = $state('');
	ready = $state(false);
	notice = $state<string | null>(null);
	importErrors = $state<string[]>([]);
	/** The file import running in a worker: progress, cancel. */
	readonly importRun = new ImportRun();
	readonly active = $derived(this.list.find((s) => s.name === this.activeName) ?? null);

	/** Loads the saved scenarios and the one in the link (`hash`), if any. */
	async init(hash: string): Promise<void> {
		let list: Scenario[] = [];
		try {
			list = await store.listScenarios();
		} catch {
			this.notice = 'Les scénarios ne peuvent pas être enregistrés dans ce navigateur (stockage local indisponible).';
		}
		let active = (await store.getActiveName().catch(() => null)) ?? '';
		const code = scenarioFromHash(hash);
		if (code) {
			const r = decodeScenario(code);
			if (r.ok) {
				const same = list.find((s) => s.name === r.value.name);
				let s = r.value;
				if (same && JSON.stringify(same.edits) !== JSON.stringify(s.edits)) s = { ...s, name: uniqueName(list, `${s.name} (lien)`) };
				if (!same || s !== r.value) {
					list = [...list, s];
					await store.saveScenario(s).catch(() => {});
				}
				active = s.name;
				this.notice = `Scénario « ${s.name} » ouvert depuis le lien.`;
			} else this.importErrors = r.errors;
		}
		if (!list.length) {
			const s = emptyScenario();
			list = [s];
			await store.saveScenario(s).catch(() => {});
		}
		if (!list.some((s) => s.name === active)) active = list[0]!.name;
		this.list = list;
		this.activeName = active;
		this.ready = true;
	}

	/** One transaction per user action; a failure (quota…) is said in French. */
	#commit(change: store.StoreChange): Promise<boolean> {
		return store.commit(change).then(
			() => true,
			(e: unknown) => {
				this.notice = store.storageMessage(e);
				return false;
			}
		);
	}

	#persist(s: Scenario) {
		void this.#commit({ put: [s], active: s.name });
	}

	/** Replaces the active scenario's edits with `fn(edits)`, compacted, and saves it. */
	updateEdits(fn: (e: Edit[]) => Edit[]): void {
		const s = this.active;
		if (!s) return;
		const next: Scenario = { name: s.name, edits: compactEdits(fn(snapshot(s.edits))) };
		this.list = this.list.map((x) => (x.name === s.name ? next : x));
		this.#persist(next);
	}

	activate(name: string): void {
		this.activeName = name;
		store.setActiveName(name).catch(() => {});
	}

	create(): void {
		const s = emptyScenario(uniqueName(this.list, `Scénario ${this.list.length + 1}`));
		this.list = [...this.list, s];
		this.activeName = s.name;
		this.#persist(s);
	}

	async rename(to: string): Promise<boolean> {
		const s = this.active;
		const name = to.trim().slice(0, 120);
		if (!s || !name || name === s.name) return false;
		if (this.list.some((x) => x.name === name)) {
			this.notice = `Un scénario s’appelle déjà « ${name} ».`;
			return false;
		}
		const next = { name, edits: snapshot(s.edits) };
		this.list = this.list.map((x) => (x.name === s.name ? next : x));
		this.activeName = name;
		await this.#commit({ delete: [s.name], put: [next], active: name });
		return true;
	}

	async removeActive(): Promise<void> {
		const s = this.active;
		if (!s) return;
		let rest = this.list.filter((x) => x.name !== s.name);
		const fresh = rest.length ? [] : [emptyScenario()];
		rest = rest.length ? rest : fresh;
		this.list = rest;
		this.activeName = rest[0]!.name;
		await this.#commit({ delete: [s.name], put: fresh, active: rest[0]!.name });
	}

	exportFile(): void {
		const blob = new Blob([toFile(this.list.map((s) => ({ name: s.name, edits: snapshot(s.edits) })))], { type: 'application/json' });
		const a = document.createElement('a');
		a.href = URL.createObjectURL(blob);
		a.download = 'scenarios-atlas-ptsm.json';
		a.click();
		setTimeout(() => URL.revokeObjectURL(a.href), 1000);
	}

	async importFile(file: File): Promise<void> {
		this.importErrors = [];
		let r: Awaited<ReturnType<typeof readScenarioFileInWorker>> | null;
		try {
			r = await this.importRun.start((opts) => readScenarioFileInWorker(file, opts));
		} catch (e) {
			this.importErrors = [e instanceof Error ? e.message : String(e)];
			return;
		}
		if (!r) return; // cancelled: nothing read, nothing stored
		if (!r.ok) {
			this.importErrors = r.errors;
			return;
		}
		// Name clashes get a suffix; everything is saved in one transaction.
		const list = [...this.list];
		const added: Scenario[] = [];
		for (const s of r.value) {
			const named = { ...s, name: uniqueName(list, s.name) };
			list.push(named);
			added.push(named);
		}
		try {
			await store.commit({ put: added, active: added[0]!.name });
		} catch (e) {
			this.importErrors = [`${store.storageMessage(e)} Aucun scénario importé.`];
			return;
		}
		this.list = list;
		this.activeName = added[0]!.name;
		this.notice = `${added.length} scénario${added.length > 1 ? 's' : ''} importé${added.length > 1 ? 's' : ''}.`;
	}
}
