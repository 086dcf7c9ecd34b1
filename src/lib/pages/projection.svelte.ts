/**
 * Page model of /projection: the sequence of views (from the link), setup or show mode, the
 * current view and its slide (built once per view, the next one prepared in advance), and the
 * notices for parts of the link this browser cannot honour. DOM-free: full screen, focus and
 * the map's framing stay in the route.
 */
import type { DataStore } from '../db/store.svelte';
import { AccessClient } from '../geo/access/client';
import { createSlides, slideKey, type Slide } from '../projection/slides';
import { formatSequence, kindOf, NOTES_VIEW, parseSequence, step, type ProjectionView, type Sequence } from '../projection/sequence';
import type { ProjectionMaille } from '../territories/level';
import { listNotes } from '../notes/store';
import { NOTE_KINDS, type Note } from '../notes/notes';
import { departements, type Departement } from '../queries/territories';
import { territories } from '../territories/active.svelte';
import { latest } from './latest';
import { loadCommuneGeography } from '../map/geography';
import { ownIndicators } from '../own-indicators/active.svelte';

/** How each maille's classes are drawn, said under the legend. */
export const LEVEL_SCOPE: Record<ProjectionMaille, string> = {
	region: 'Classes : quantiles des régions de France.',
	departement: 'Classes : quantiles des départements de France.',
	epci: 'Classes : quantiles des EPCI du département.',
	sector: 'Classes : quantiles des secteurs du département.',
	commune: 'Classes : quantiles des communes du département.'
};

export const viewTitle = (v: ProjectionView | null) => (v ? (kindOf(v.kind)?.title ?? v.kind) : '');

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class ProjectionPage {
	sequence = $state<Sequence>({ dep: null, sectors: null, views: [] });
	notices = $state<string[]>([]);
	mode = $state<'setup' | 'show'>('setup');
	index = $state(0);
	departements = $state.raw<Departement[]>([]);
	error = $state<string | null>(null);
	shown = $state.raw<Slide | null>(null);
	/** The closing view's notes: the département's, by PTSM priority (key: département code). */
	notes = $state.raw<{ dep: string; items: Note[] } | null>(null);
	notesError = $state<string | null>(null);

	place = $derived(this.departements.find((d) => d.code === this.sequence.dep) ?? null);
	sectorSets = $derived(territories.sets.filter((s) => s.kind === 'sector'));
	/** The link's sector set, once this browser's sets are read; null when absent here. */
	sectors = $derived.by(() => {
		const s = this.sequence.sectors;
		if (!s || !territories.loaded) return null;
		return this.sectorSets.some((x) => x.id === s.setId && x.type === s.type) ? s : null;
	});
	view = $derived(this.sequence.views[Math.min(this.index, this.sequence.views.length - 1)] ?? null);
	currentKey = $derived(this.view && this.place ? slideKey(this.view, this.place.code, this.sectors) : null);
	/** The slide of the current view, once built (null while it is computed). */
	current = $derived(this.shown?.key === this.currentKey ? this.shown : null);
	title = $derived(viewTitle(this.view));
	isNotesView = $derived(this.view?.kind === NOTES_VIEW);
	/** The notes of the current département, once read (null while reading or on another view). */
	currentNotes = $derived(this.isNotesView && this.notes && this.notes.dep === this.place?.code ? this.notes.items : null);
	/** The sentence under the map (or under the notes). */
	takeaway = $derived.by(() => {
		if (!this.isNotesView) return this.current?.takeaway ?? null;
		if (this.notesError) return null;
		const n = this.currentNotes;
		if (!n) return null;
		return n.length
			? `${this.place?.name ?? ''} : ${n.length} priorité${n.length > 1 ? 's' : ''} du PTSM documentée${n.length > 1 ? 's' : ''} par les acteurs du territoire.`
			: `${this.place?.name ?? ''} : aucun constat partagé noté pour l’instant ; ils s’écrivent sous chaque priorité du diagnostic.`;
	});
	announce = $derived(
		this.mode === 'show' && this.view ? `Vue ${this.index + 1} sur ${this.sequence.views.length} : ${this.title}.${this.takeaway ? ` ${this.takeaway}` : ''}` : ''
	);
	/** The address of the sequence, as `start()` writes it. */
	search = $derived(`?${formatSequence(this.sequence)}`);

	#data: DataStore;
	#access: AccessClient | null = null;
	#slideRun = latest();
	readonly slideFor: ReturnType<typeof createSlides>;

	readonly #search: string;

	constructor(search: string, data: DataStore) {
		this.#data = data;
		this.#search = search;
		const params = new URLSearchParams(search);
		const parsed = parseSequence(params);
		this.sequence = { dep: parsed.dep, sectors: parsed.sectors, views: parsed.views };
		this.notices = parsed.notices;
		this.mode = parsed.dep && !params.has('preparer') ? 'show' : 'setup';
		// The accessibility worker is created on the first access view only.
		this.slideFor = createSlides({
			database: () => data.database(),
			query: (sql, p) => data.query(sql, p ?? []),
			ensureRegistered: (id) => territories.ensureRegistered(id),
			nearest: (p) => (this.#access ??= new AccessClient()).nearest(p)
		});
	}

	go(delta: number): void {
		this.index = step(this.index, delta, this.sequence.views.length);
	}

	/** Enters the show at the first view. */
	show(): void {
		this.index = 0;
		this.notices = [];
		this.mode = 'show';
	}

	/** Wires loading and the link's checks; call during component initialisation. */
	connect(): void {
		territories.load();
		// Views of imported indicators are known once they are read from this browser: the link is read again then.
		if (!ownIndicators.loaded && /(^|,)own-/.test(new URLSearchParams(this.#search).get('vues') ?? '')) {
			void ownIndicators.load().then(() => {
				const p = parseSequence(new URLSearchParams(this.#search));
				this.sequence = { ...this.sequence, views: p.views };
				this.notices = p.notices;
			});
		}
		departements(this.#data)
			.then((r) => (this.departements = r))
			.catch((e: unknown) => (this.error = `Liste des départements indisponible : ${message(e)}`));
		// A dep or a sector set named by the link but absent from the data / this browser.
		$effect(() => {
			if (this.departements.length && this.sequence.dep && !this.place) {
				this.notices = [...this.notices, `Département « ${this.sequence.dep} » absent des données : choisissez-le ci-dessous.`];
				this.sequence = { ...this.sequence, dep: null };
				this.mode = 'setup';
			}
		});
		$effect(() => {
			const s = this.sequence.sectors;
			if (s && territories.loaded && !this.sectors) {
				this.notices = [
					...this.notices,
					'Le jeu de secteurs du lien n’est pas enregistré dans ce navigateur (les secteurs restent sur le poste qui les a importés) : vues par EPCI.'
				];
				this.sequence = { ...this.sequence, sectors: null, views: this.sequence.views.map((v) => (v.maille === 'sector' ? { ...v, maille: 'epci' } : v)) };
			}
		});
		$effect(() => {
			if (this.mode !== 'show' || !this.#data.ready || !this.place || !this.view) return;
			if (this.view.kind === NOTES_VIEW) {
				void this.#loadNotes(this.place.code);
				return;
			}
			if (this.sequence.sectors && !territories.loaded) return;
			void this.#loadSlide(this.view, this.place, this.sequence.views[this.index + 1]);
		});
	}

	async #loadSlide(v: ProjectionView, dep: Departement, next: ProjectionView | undefined): Promise<void> {
		const current = this.#slideRun();
		const sectors = this.sectors;
		try {
			const s = await this.slideFor(v, dep, sectors);
			if (!current()) return;
			this.shown = s;
			this.error = null;
			// Prepare the next view while this one is discussed: its data, and the commune shapes a
			// view drawn on communes (EPCI, sectors, communes) loads once its tiles are drawn.
			if (next && next.kind !== NOTES_VIEW) this.slideFor(next, dep, sectors).catch(() => {});
			if (this.sequence.views.some((x) => x.maille !== 'departement' && x.maille !== 'region' && x.kind !== NOTES_VIEW)) void loadCommuneGeography().catch(() => {});
		} catch (e) {
			if (current()) this.error = `Vue impossible à calculer : ${message(e)}`;
		}
	}

	async #loadNotes(dep: string): Promise<void> {
		try {
			const { items } = await listNotes();
			const target = `departement:${dep}`;
			this.notes = { dep, items: items.filter((n) => n.target === target && NOTE_KINDS.some((k) => n[k].trim())).sort((a, b) => a.priority - b.priority) };
			this.notesError = null;
		} catch (e) {
			this.notesError = `Constats illisibles : ${message(e)}`;
		}
	}

	dispose(): void {
		this.#access?.terminate();
	}
}
