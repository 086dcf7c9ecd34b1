/**
 * The « Indicateurs importés » section of /espace as a model: a file read into a table (one call,
 * own-indicators/parse.ts readOwnTable), the columns and level the user picks, the report of its
 * rows (kept, rejected with line and reason, unknown codes, former codes mapped, duplicates that
 * refuse the file), the description the user gives, and the save (all or nothing). No DOM.
 */
import { data } from '../db/store.svelte';
import { PRIORITIES } from '../diagnostic/priorities';
import type { OwnSourceLevel, PopulationBase } from '../indicators/types';
import { ownIndicators } from '../own-indicators/active.svelte';
import { aggregationNote, checkOwnIndicator, newOwnId, ownLevels, type OwnIndicator, type OwnMode } from '../own-indicators/model';
import { OwnImportError, readOwnTable, validateOwnTable, type OwnCodeContext, type OwnImportReport, type OwnTable } from '../own-indicators/parse';
import { territories } from '../territories/active.svelte';
import { descriptionErrors, describedFields } from '../own-indicators/describe';
import { OwnDescriptionState } from './own-description.svelte';
import { latest } from './latest';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const YEAR_NOW = new Date().getFullYear();

export class OwnImportModel extends OwnDescriptionState {
	fileName = $state<string | null>(null);
	table = $state.raw<OwnTable | null>(null);
	readError = $state<string | null>(null);
	reading = $state(false);
	ctx = $state.raw<OwnCodeContext | null>(null);
	ctxError = $state<string | null>(null);

	level = $state<OwnSourceLevel>('departement');
	setId = $state('');
	codeColumn = $state(0);
	valueColumn = $state(1);
	mode = $state<OwnMode>('value');
	base = $state<PopulationBase>('total');
	scale = $state(100_000);
	additive = $state(false);

	saving = $state(false);
	saveError = $state<string | null>(null);
	saved = $state<string | null>(null);
	removeError = $state<string | null>(null);

	readonly #read = latest();

	constructor() {
		super();
		this.year = String(YEAR_NOW - 1);
	}

	sectorSets = $derived(territories.sectorSets);
	list = $derived(ownIndicators.items);
	storageError = $derived(ownIndicators.error);

	report = $derived.by<OwnImportReport | null>(() => {
		const t = this.table;
		const c = this.ctx;
		if (!t || !c) return null;
		const set = this.sectorSets.find((s) => s.id === this.setId);
		const ctx = this.level === 'sector' ? { ...c, sectors: new Set(set?.sectors.map((s) => s.code) ?? []) } : c;
		return validateOwnTable(t, { level: this.level, codeColumn: this.codeColumn, valueColumn: this.valueColumn }, ctx);
	});

	/** What the levels above the file's hold, said before saving. */
	levelsNote = $derived(aggregationNote({ level: this.level, additive: this.mode === 'ratio' || this.additive, mode: this.mode }));
	shownLevels = $derived(ownLevels({ level: this.level, additive: this.mode === 'ratio' || this.additive }));

	/** French, one per field that stops the save (the description's checks are the edit form's). */
	formErrors = $derived.by<string[]>(() => {
		const e = descriptionErrors(this.description);
		if (this.level === 'sector' && !this.setId) e.push('Choisissez le jeu de secteurs auquel les codes appartiennent.');
		if (this.level === 'sector' && this.mode === 'ratio') e.push('Un numérateur par secteur ne peut pas être rapporté à une population : choisissez « une valeur par territoire ».');
		return e;
	});

	canSave = $derived(!!this.report && this.report.blocking.length === 0 && this.formErrors.length === 0 && !this.saving);

	/** Reads the artefacts' codes once (waits for the data). */
	async loadContext(): Promise<void> {
		try {
			await data.start();
			await territories.load();
			this.ctx = await ownIndicators.codeContext();
		} catch (e) {
			this.ctxError = `Les codes de référence n’ont pas pu être lus : ${message(e)}`;
		}
	}

	async readFile(file: Blob & { name: string }): Promise<void> {
		const fresh = this.#read();
		this.reading = true;
		this.readError = null;
		this.saved = null;
		this.saveError = null;
		this.fileName = file.name;
		this.table = null;
		try {
			const t = await readOwnTable(new Uint8Array(await file.arrayBuffer()), file.name);
			if (!fresh()) return;
			this.table = t;
			this.codeColumn = t.guess.code;
			this.valueColumn = t.guess.value;
			if (!this.name.trim()) this.name = file.name.replace(/\.(csv|xlsx|txt)$/i, '').slice(0, 120);
		} catch (e) {
			if (fresh()) this.readError = e instanceof OwnImportError ? e.message : `Lecture du fichier impossible : ${message(e)}`;
		} finally {
			if (fresh()) this.reading = false;
		}
	}

	cancel(): void {
		this.#read();
		this.table = null;
		this.fileName = null;
		this.readError = null;
		this.reading = false;
	}

	/** The record the form describes, checked like a stored one. */
	record(now = new Date()): OwnIndicator | string {
		const r = this.report;
		if (!r) return 'Aucun fichier lu.';
		const ratio = this.mode === 'ratio';
		const c = checkOwnIndicator({
			id: newOwnId(),
			...describedFields(this.description),
			level: this.level,
			setId: this.level === 'sector' ? this.setId : null,
			mode: this.mode,
			base: ratio ? this.base : null,
			scale: ratio ? this.scale : 1,
			additive: ratio || this.additive,
			fileName: this.fileName ?? '',
			rows: r.rows,
			createdAt: now.toISOString(),
			updatedAt: now.toISOString()
		});
		return c.ok ? c.value : c.error;
	}

	async save(): Promise<void> {
		if (!this.canSave) return;
		const rec = this.record();
		if (typeof rec === 'string') {
			this.saveError = rec;
			return;
		}
		this.saving = true;
		this.saveError = null;
		try {
			await ownIndicators.add(rec);
			this.saved = `Indicateur « ${rec.name} » enregistré : ${rec.rows.length.toLocaleString('fr-FR')} valeurs. Il est proposé sur la carte, les pages Écarts et Comparer, le diagnostic (priorité ${rec.priority} : ${PRIORITIES.find((p) => p.n === rec.priority)?.title ?? ''}) et la projection.`;
			this.table = null;
			this.fileName = null;
		} catch (e) {
			this.saveError = `Rien n’a été enregistré : ${message(e)}`;
		} finally {
			this.saving = false;
		}
	}

	async remove(id: string): Promise<void> {
		this.removeError = null;
		try {
			await ownIndicators.remove(id);
		} catch (e) {
			this.removeError = message(e);
		}
	}
}
