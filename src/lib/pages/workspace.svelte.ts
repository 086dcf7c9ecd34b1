/**
 * Page model of /espace: what this browser holds, the export as one JSON file, the import of such
 * a file (checked, previewed with a choice per conflict, applied all or nothing, French report),
 * and « Tout effacer ». After an import or a clear the page reloads, so every page reads the stores
 * afresh; the report survives the reload in session storage. A write made on the page itself (an
 * imported indicator saved or deleted…) is announced by the stores (`onStored`): the counts are
 * read again from them, the one source of truth. Browser IO is injected (the route
 * passes workspace/browser.ts), so Node tests run it on in-memory stores.
 */
import { applyImport, type Stores } from '../workspace/apply';
import { planImport, resolve, type Choice, type Current, type PlanItem } from '../workspace/plan';
import { COLLECTION_LABELS, MAX_WORKSPACE_BYTES, parseWorkspace, toJson, workspaceFileName, type CollectionId, type Workspace } from '../workspace/schema';
import { workspaceTooLarge } from '../workspace/import-client';
import type { Views } from '../workspace/views';
import { ImportRun } from '../import/run.svelte';
import type { WorkerImportOptions } from '../import/client';

type Parsed = ReturnType<typeof parseWorkspace>;

export const REPORT_KEY = 'atlas-ptsm-espace-rapport';
export const PAGE_NAMES: Record<string, string> = {
	'/': 'Carte',
	'/territoires': 'Territoires',
	'/ecarts': 'Écarts',
	'/comparer': 'Comparer',
	'/accessibilite': 'Accès et scénarios',
	'/diagnostic': 'Diagnostic',
	'/ressources': 'Ressources',
	'/projection': 'Projection',
	'/sources': 'Sources'
};

export interface WorkspaceDeps {
	stores: Stores;
	readCurrent(): Promise<Current>;
	readViews(): Views;
	exportWorkspace(): Promise<Workspace>;
	download(blob: Blob, fileName: string): void;
	/** Writes the file's page views (all, or only for pages without one); returns how many were taken. */
	importViews(views: Views, replace: boolean): number;
	clearAll(): Promise<void>;
	reload(): void;
	session: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined;
	newId(): string;
	/** Subscribes to the stores' "written" signal (storage/changes.ts); returns the unsubscribe. */
	onStored?(fn: () => void): () => void;
	/** Reads and checks a file (the browser: in a worker, with progress and cancel); default: in this thread. */
	readWorkspace?(file: File, opts: WorkerImportOptions): Promise<Parsed>;
}

async function readHere(file: File): Promise<Parsed> {
	if (file.size > MAX_WORKSPACE_BYTES) return { ok: false, errors: [workspaceTooLarge(file.size)] };
	return parseWorkspace(await file.text());
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class WorkspacePage {
	current = $state.raw<Current | null>(null);
	views = $state.raw<Views>({});
	loadError = $state<string | null>(null);
	report = $state.raw<string[] | null>(null);
	busy = $state(false);

	fileName = $state<string | null>(null);
	incoming = $state.raw<Workspace | null>(null);
	migrated = $state<number | null>(null);
	importErrors = $state.raw<string[]>([]);
	plan = $state.raw<PlanItem[]>([]);
	choices = $state.raw(new Map<number, Choice>());
	replaceViews = $state(false);
	applyError = $state<string | null>(null);
	confirmClear = $state(false);
	/** The file being read: progress and cancel. */
	readonly run = new ImportRun();

	readonly #deps: WorkspaceDeps;

	constructor(deps: WorkspaceDeps) {
		this.#deps = deps;
	}

	/** Saved page views of known pages, as [path, search]. */
	readonly viewList = $derived(Object.entries(this.views).filter(([k]) => k in PAGE_NAMES));
	readonly incomingViews = $derived(this.incoming ? Object.keys(this.incoming.views).length : 0);

	count(c: CollectionId): number {
		return this.current?.[c].length ?? 0;
	}

	/** The report left by the import or clear before the reload, then the stores' contents. */
	async start(): Promise<void> {
		this.#unsubscribe ??= this.#deps.onStored?.(() => void this.#refreshSoon()) ?? null;
		const saved = this.#deps.session?.getItem(REPORT_KEY);
		if (saved) {
			this.#deps.session?.removeItem(REPORT_KEY);
			try {
				const r: unknown = JSON.parse(saved);
				if (Array.isArray(r)) this.report = r.filter((x): x is string => typeof x === 'string').slice(0, 40);
			} catch {
				/* a damaged report is dropped */
			}
		}
		await this.refresh();
	}

	#unsubscribe: (() => void) | null = null;
	#refreshing: Promise<void> | null = null;
	#again = false;

	/** Stops following the stores (the route calls it when the page goes). */
	stop(): void {
		this.#unsubscribe?.();
		this.#unsubscribe = null;
	}

	/** One read at a time; writes during a read ask for one more. Not while an import is written (it reloads). */
	#refreshSoon(): Promise<void> {
		if (this.busy) return Promise.resolve();
		if (this.#refreshing) {
			this.#again = true;
			return this.#refreshing;
		}
		this.#refreshing = (async () => {
			do {
				this.#again = false;
				await this.refresh();
			} while (this.#again);
			this.#refreshing = null;
		})();
		return this.#refreshing;
	}

	/** Settles once the reads asked for by writes so far are done (tests). */
	settled(): Promise<void> {
		return this.#refreshing ?? Promise.resolve();
	}

	async refresh(): Promise<void> {
		try {
			this.current = await this.#deps.readCurrent();
			this.views = this.#deps.readViews();
			this.loadError = null;
		} catch (e) {
			this.loadError = message(e);
		}
	}

	async exportFile(): Promise<void> {
		this.busy = true;
		try {
			const w = await this.#deps.exportWorkspace();
			this.#deps.download(new Blob([toJson(w)], { type: 'application/json' }), workspaceFileName());
		} catch (e) {
			this.loadError = `Export impossible : ${message(e)}`;
		} finally {
			this.busy = false;
		}
	}

	/** Reads a picked file: refused with French reasons, or previewed against what the browser holds. */
	async pick(f: File | null | undefined): Promise<void> {
		this.incoming = null;
		this.plan = [];
		this.importErrors = [];
		this.applyError = null;
		this.report = null;
		if (!f) return;
		this.fileName = f.name;
		const read = this.#deps.readWorkspace ?? readHere;
		let p: Parsed | null;
		try {
			p = await this.run.start((opts) => read(f, opts));
		} catch (e) {
			this.importErrors = [message(e)];
			return;
		}
		if (!p) return;
		if (!p.ok) {
			this.importErrors = p.errors;
			return;
		}
		await this.refresh();
		if (!this.current) return;
		const plan = planImport(p.value, this.current);
		this.incoming = p.value;
		this.migrated = p.migratedFrom;
		this.plan = plan;
		this.choices = new Map(plan.flatMap((x, i): [number, Choice][] => (x.status === 'conflict' ? [[i, 'skip']] : [])));
	}

	cancel(): void {
		this.incoming = null;
		this.plan = [];
	}

	/** Writes the import all or nothing; on success the report is kept and the page reloads. */
	async apply(): Promise<void> {
		const incoming = this.incoming;
		const current = this.current;
		if (!incoming || !current) return;
		this.busy = true;
		this.applyError = null;
		const ops = resolve(incoming, current, this.plan, this.choices, this.#deps.newId);
		const r = await applyImport(ops, this.#deps.stores);
		if (!r.ok) {
			this.busy = false;
			this.applyError = r.rolledBack
				? `L’import a échoué et a été entièrement annulé (rien n’a changé) : ${r.error}`
				: `L’import a échoué : ${r.error} L’annulation a aussi échoué (${r.rollbackError}) : vérifiez le contenu ci-dessous, puis réimportez le fichier ou votre dernier export.`;
			return;
		}
		const lines = [`Import de « ${this.fileName} » terminé${this.migrated === 0 ? ' (fichier de scénarios, ancien format, converti)' : ''}.`];
		for (const w of r.written) lines.push(`${COLLECTION_LABELS[w.collection]} : ${w.put} enregistré(s)${w.removed ? `, ${w.removed} remplacé(s) sous un autre identifiant` : ''}.`);
		const same = this.plan.filter((p) => p.status === 'same').length;
		const skipped = this.plan.filter((p, i) => p.status === 'conflict' && (this.choices.get(i) ?? 'skip') === 'skip').length;
		if (same) lines.push(`${same} élément(s) déjà identiques dans ce navigateur : inchangés.`);
		if (skipped) lines.push(`${skipped} élément(s) en conflit ignorés (ceux du navigateur sont gardés).`);
		const nv = Object.keys(incoming.views).length;
		if (nv) {
			try {
				const n = this.#deps.importViews(incoming.views, this.replaceViews);
				lines.push(`Vues des pages : ${n} reprise(s) du fichier sur ${nv}.`);
			} catch {
				lines.push('Vues des pages : non reprises (stockage du navigateur plein).');
			}
		}
		if (!r.written.length && !nv) lines.push('Rien à enregistrer.');
		this.#deps.session?.setItem(REPORT_KEY, JSON.stringify(lines));
		this.#deps.reload();
	}

	async clear(): Promise<void> {
		this.busy = true;
		try {
			await this.#deps.clearAll();
			this.#deps.session?.setItem(REPORT_KEY, JSON.stringify(['Tout a été effacé de ce navigateur (les données ouvertes restent en cache).']));
			this.#deps.reload();
		} catch (e) {
			this.busy = false;
			this.confirmClear = false;
			this.loadError = `Effacement incomplet : ${message(e)} Réessayez.`;
		}
	}
}
