/**
 * Page model of /territoires: which set is shown (a saved sector set, the custom territories,
 * an approximation), its rows and communes from DuckDB (latest request wins), the preview of a
 * file not saved yet, the custom-territory draft fed by map clicks and the lasso, and the
 * GeoJSON export. Only the approximations go in the link: sets and custom territories live in
 * this browser, a link could not carry them elsewhere.
 */
import type { Topology } from 'topojson-specification';
import type { Manifest } from '../db/types';
import { downloadBlob } from '../export/download';
import { GEOJSON_MIME, geojsonFileName, geojsonSourceNote, territoriesGeoJson } from '../export/geojson';
import { combineSelection } from '../geo/lasso';
import { unassignedCommunes, type SectorImportContext, type SectorImportReport } from '../geo/sector-import';
import { APPROX_LABEL } from '../geo/territories';
import type { SectorSet, Territory } from '../geo/territory-store';
import { formatInteger } from '../indicators/format';
import type { QueryPort } from '../queries/port';
import { communePoints, setTerritories, type CommunePoint, type SetTerritoryRow } from '../queries/territory-sets';
import { APPROX_SHORT, CUSTOM_SET_ID, TYPE_LABEL } from '../territories/active.svelte';
import type { SectorType } from '../territories/level';
import { latest } from './latest';
import { readView, viewSearch } from './view-link';

export type TerritoriesView =
	| { kind: 'sector'; id: string; type: SectorType }
	| { kind: 'custom'; territory: string | null }
	| { kind: 'approx'; type: SectorType };

/** What the page needs from the user's sets (the app's `territories` store). */
export interface TerritorySource {
	readonly sectorSets: readonly SectorSet[];
	readonly territories: readonly Territory[];
	readonly loaded: boolean;
	readonly storageError: string | null;
	readonly loadErrors: readonly { message: string }[];
	approximate(type: SectorType): Promise<{ id: string; notes?: string[] }>;
	ensureRegistered(id?: string): Promise<void>;
	importContext(): Promise<SectorImportContext>;
	removeSectorSet(id: string): Promise<void>;
}

export interface TerritoriesDeps {
	port: QueryPort;
	sets: TerritorySource;
	manifest?: () => Manifest | null;
	communesTopo?: () => Promise<Topology>;
}

export const viewKey = (v: TerritoriesView) => (v.kind === 'sector' ? `sector:${v.id}:${v.type}` : v.kind === 'approx' ? `approx:${v.type}` : `custom:${v.territory ?? '*'}`);
const mainType = (s: SectorSet): SectorType => (s.sectors.some((x) => x.type === 'G') ? 'G' : 'I');
const COMMUNE = /^(\d{5}|2[AB]\d{3})$/;
const NONE: string[] = [];

/** The view a link asks for: `vue=approx-G` or `approx-I` (null otherwise). */
export function linkedView(search: string): TerritoriesView | null {
	const m = /^approx-([GI])$/.exec(readView(search).params.get('vue') ?? '');
	return m ? { kind: 'approx', type: m[1] as SectorType } : null;
}

export class TerritoriesPage {
	view = $state<TerritoriesView | null>(null);
	rows = $state.raw<SetTerritoryRow[]>([]);
	shown = $state.raw<{ code: string; name: string; communes: string[] }[]>([]);
	ctx = $state.raw<SectorImportContext | null>(null);
	names = $state.raw(new Map<string, string>());
	points = $state.raw<CommunePoint[]>([]);
	colors = $state.raw(new Map<string, string>());
	viewError = $state<string | null>(null);
	viewBusy = $state<string | null>(null);
	approxNotes = $state.raw<string[]>([]);
	/** Key of the view whose rows are displayed (`data-shown`, so tests wait on what is on screen). */
	loadedKey = $state('');
	/** A validated file not saved yet, previewed on the map and in the table. */
	preview = $state.raw<SectorImportReport | null>(null);
	draftCodes = $state('');
	customOpen = $state(false);
	exportBusy = $state(false);
	exportStatus = $state('');
	exportError = $state<string | null>(null);

	readonly #deps: TerritoriesDeps;
	readonly #ticket = latest();

	constructor(deps: TerritoriesDeps) {
		this.#deps = deps;
	}

	get sets(): TerritorySource {
		return this.#deps.sets;
	}

	readonly previewType = $derived<SectorType>(this.preview?.sectors.some((x) => x.type === 'G') ? 'G' : 'I');
	readonly previewSectors = $derived(this.preview ? this.preview.sectors.filter((x) => x.type === this.previewType) : []);
	readonly tableRows = $derived<SetTerritoryRow[]>(
		this.preview
			? this.previewSectors.map((x) => ({ code: x.code, name: x.name ?? x.code, kind: x.type, communes: x.communes.length, population: x.population, deps: x.deps.join(', ') }))
			: this.rows
	);
	/** Communes of the scope (départements the file covers) left without a sector of the shown type. */
	readonly unassigned = $derived.by<string[]>(() => {
		if (this.preview) return this.preview.unassigned.filter((u) => u.type === this.previewType).map((u) => u.commune);
		const v = this.view;
		// The same empty list each time: a new [] would repaint the map for nothing (on every view change).
		if (v?.kind !== 'sector' || !this.ctx) return NONE;
		const set = this.sets.sectorSets.find((s) => s.id === v.id);
		return set ? unassignedCommunes(set.sectors, v.type, this.ctx.communes).map((u) => u.commune) : NONE;
	});
	readonly mapTerritories = $derived(this.preview ? this.previewSectors.map((x) => ({ code: x.code, name: x.name ?? x.code, communes: x.communes })) : this.shown);

	readonly title = $derived.by(() => {
		if (this.preview) return `Aperçu du fichier, non enregistré — secteurs de ${TYPE_LABEL[this.previewType]}`;
		const v = this.view;
		if (!v) return 'Aucun découpage sélectionné';
		if (v.kind === 'sector') return `${this.sets.sectorSets.find((s) => s.id === v.id)?.name ?? 'Découpage'} — secteurs de ${TYPE_LABEL[v.type]}`;
		if (v.kind === 'approx') return `${APPROX_LABEL} — ${TYPE_LABEL[v.type]}`;
		const t = this.sets.territories.find((x) => x.id === v.territory);
		return t ? `Territoire personnalisé « ${t.name} »` : 'Territoires personnalisés';
	});
	readonly caption = $derived(this.preview ? this.title : this.view?.kind === 'approx' ? `Zones approchées (${APPROX_SHORT}) : ${TYPE_LABEL[this.view.type]}` : this.title);
	/** Saved sector sets and custom territories only: a preview is not saved, an approximation is no set of ours. */
	readonly exportable = $derived(!this.preview && this.view !== null && this.view.kind !== 'approx' && this.loadedKey === viewKey(this.view) && this.rows.length > 0);
	/** Communes of the draft, outlined on the map while the form is open. */
	readonly picked = $derived(this.customOpen ? this.draftCodes.split(/[\s,;]+/).filter((c) => COMMUNE.test(c)) : []);
	readonly search = $derived(viewSearch({ vue: this.view?.kind === 'approx' ? `approx-${this.view.type}` : null }));

	/** Reads the sets, the import context and the commune points; opens the linked view or the first set. */
	start(search = ''): void {
		const linked = linkedView(search);
		if (linked) this.view = linked;
		void this.sets.ensureRegistered().then(() => {
			if (!this.view) this.view = this.firstView();
		});
		void this.sets.importContext().then((c) => {
			this.ctx = c;
			this.names = new Map([...c.communes].map(([k, v]) => [k, v.name]));
		});
		void communePoints(this.#deps.port).then((p) => (this.points = p));
	}

	firstView(): TerritoriesView | null {
		const s = this.sets.sectorSets[0];
		if (s) return { kind: 'sector', id: s.id, type: mainType(s) };
		if (this.sets.territories.length) return { kind: 'custom', territory: null };
		return null;
	}

	showSet(set: SectorSet): void {
		this.view = { kind: 'sector', id: set.id, type: mainType(set) };
	}

	/** Loads the rows and communes of `v` (call from an effect on `view`); a newer call wins. */
	async load(v: TerritoriesView | null): Promise<void> {
		const current = this.#ticket();
		this.viewError = null;
		this.exportError = null;
		if (!v) {
			this.rows = [];
			this.shown = [];
			this.loadedKey = '';
			return;
		}
		try {
			let setId: string;
			let kind: string = v.kind === 'custom' ? 'custom' : v.type;
			if (v.kind === 'approx') {
				this.viewBusy = 'Calcul de l’approximation (établissement le plus proche)…';
				const set = await this.sets.approximate(v.type);
				if (current()) this.approxNotes = set.notes ?? [];
				setId = set.id;
			} else if (v.kind === 'sector') {
				this.viewBusy = 'Chargement des secteurs…';
				await this.sets.ensureRegistered(v.id);
				setId = v.id;
			} else {
				this.viewBusy = 'Chargement des territoires…';
				await this.sets.ensureRegistered(CUSTOM_SET_ID);
				setId = CUSTOM_SET_ID;
				kind = 'custom';
			}
			const t0 = performance.now();
			const list = await setTerritories(this.#deps.port, { setId, kind, territory: v.kind === 'custom' ? v.territory : null });
			performance.measure('territories:rows', { start: t0 }); // read by the benchmark
			if (!current()) return;
			this.rows = list.map(({ members: _, ...r }) => r);
			this.loadedKey = viewKey(v);
			this.shown = list.map((r) => ({ code: r.code, name: r.name, communes: r.members }));
		} catch (e) {
			if (current()) this.viewError = e instanceof Error ? e.message : String(e);
		} finally {
			if (current()) this.viewBusy = null;
		}
	}

	/** Deletes a saved set (the caller asks for confirmation); its view falls back to the first set. */
	async removeSet(id: string): Promise<void> {
		try {
			await this.sets.removeSectorSet(id);
			const v = this.view;
			if (v?.kind === 'sector' && v.id === id) this.view = this.firstView();
		} catch (e) {
			this.viewError = e instanceof Error ? e.message : String(e);
		}
	}

	#draft = () => this.draftCodes.split(/[\s,;]+/).filter(Boolean);

	/** Click: this commune only; shift-click: add it, or remove it when already in the list. */
	pick(code: string, add: boolean): void {
		if (!this.customOpen) return;
		const list = this.#draft();
		if (!add) this.draftCodes = code;
		else this.draftCodes = (list.includes(code) ? list.filter((c) => c !== code) : [...list, code]).join('\n');
	}

	/** The lasso's communes go to the territory form (added to the draft or replacing it). */
	lasso(codes: string[], add: boolean): void {
		this.customOpen = true;
		this.draftCodes = combineSelection(add ? this.#draft() : [], codes, add).join('\n');
	}

	async exportGeoJson(): Promise<void> {
		const v = this.view;
		const manifest = this.#deps.manifest?.();
		if (!v || !manifest || !this.#deps.communesTopo) return;
		this.exportBusy = true;
		this.exportStatus = '';
		this.exportError = null;
		try {
			const topo = await this.#deps.communesTopo();
			const members = new Map(this.shown.map((t) => [t.code, t.communes]));
			const fc = territoriesGeoJson(
				topo,
				this.rows.map((r) => ({ code: r.code, name: r.name, type: r.kind, communes: members.get(r.code) ?? [], population: r.population })),
				geojsonSourceNote(manifest)
			);
			const file = v.kind === 'sector' ? `${this.sets.sectorSets.find((x) => x.id === v.id)?.name ?? ''} ${v.type}` : this.title;
			downloadBlob(new Blob([JSON.stringify(fc)], { type: GEOJSON_MIME }), geojsonFileName(file));
			this.exportStatus = `${formatInteger(fc.features.length)} territoire(s) exporté(s) en GeoJSON.`;
		} catch (e) {
			this.exportError = `Export GeoJSON impossible : ${e instanceof Error ? e.message : String(e)}`;
		} finally {
			this.exportBusy = false;
		}
	}
}
