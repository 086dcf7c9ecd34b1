/**
 * Page model of /diagnostic: the territory asked for (from the link), the document computed for
 * it, its map and its resources annex, each loaded once per choice with stale results dropped;
 * the address follows the view. Loaders are plain async methods, so Node tests run them on the
 * real artefacts; `connect()` wires them to the runes during component initialisation.
 */
import type { Feature, Geometry } from 'geojson';
import type { Topology } from 'topojson-specification';
import type { DatabaseLike } from '../db/query';
import type { DataStore } from '../db/store.svelte';
import { attentionPoints, buildDiagnostic, DIAGNOSTIC_INDICATORS, indicatorsFor, sourceIds, territoryName, type DiagnosticSection } from '../diagnostic/build';
import { featureById, unionOf, unitFeatures } from '../diagnostic/geometry';
import { diagnosticSearch, parseDiagnosticLink } from '../diagnostic/link';
import { defaultMapIndicator, mapEstimated, mapIndicators, mapUnitLevel, mapValues } from '../diagnostic/map';
import { loadResourcesAnnex, type ResourcesAnnex } from '../diagnostic/resources';
import { isApproximation, type DiagnosticTarget } from '../diagnostic/target';
import { finessSource, finessSourceLine } from '../facilities/vintage';
import { formatLongDate } from '../format/date';
import { APPROX_LABEL } from '../geo/territories';
import type { IndicatorDef, IndicatorValue } from '../indicators/types';
import { departements, regions, type Departement, type NamedTerritory } from '../queries/territories';
import { territories } from '../territories/active.svelte';
import { followUrl } from './follow-url.svelte';
import { ownIndicators, withOwnIndicators } from '../own-indicators/active.svelte';

/** The catalogue's diagnostic indicators and the imported ones (each under the priority the user chose). */
export const diagnosticDefs = () => withOwnIndicators(DIAGNOSTIC_INDICATORS);
import { latest } from './latest';

export interface DiagnosticDoc {
	target: DiagnosticTarget;
	name: string;
	sections: DiagnosticSection[];
}

export interface DiagnosticMapDoc {
	target: DiagnosticTarget;
	def: IndicatorDef;
	values: IndicatorValue[];
	units: Feature<Geometry>[];
	outline: Feature<Geometry> | null;
	unitName: string;
	estimated: boolean;
	geoSources: string[];
}

/** Geometry the map needs, loaded on first use (commune contours are large). */
export interface DiagnosticGeometry {
	admin(): Promise<Topology>;
	communes(): Promise<Topology>;
}

/** Most shortfalls listed in the summary. */
export const ATTENTION_MAX = 5;
/** The catalogue's SHORTFALL_ORDER, in words. */
export const SHORTFALL_LABELS = 'personnel médical et soignant, CMP, hôpital de jour, lits, accueil de crise, CATTP';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The document of a territory: its name and one section per PTSM priority. */
/** The indicators a document of `t` computes: the catalogue's and the imported ones it renders. */
export const diagnosticTotal = (t: DiagnosticTarget) => indicatorsFor(t, diagnosticDefs()).length;

/** `onProgress(done, total)`: total counts every row computed, imported indicators included. */
export async function loadDiagnosticDoc(db: DatabaseLike, t: DiagnosticTarget, onProgress?: (done: number, total: number) => void): Promise<DiagnosticDoc> {
	// The name and the imported indicators are read together (different stores).
	const [name] = await Promise.all([territoryName(db, t), ownIndicators.load()]);
	if (!name) throw new Error('ce territoire n’existe pas dans les données chargées (jeu de secteurs supprimé ou code inconnu). Choisissez-en un autre ci-dessus.');
	return { target: t, name, sections: await buildDiagnostic(db, t, diagnosticDefs(), onProgress) };
}

/** The map of a document: values of `def` over the territory's units, their shapes and outline. */
export async function loadDiagnosticMap(db: DatabaseLike, geo: DiagnosticGeometry, def: IndicatorDef, t: DiagnosticTarget): Promise<DiagnosticMapDoc> {
	const values = await mapValues(db, def, t);
	const codes = new Set(values.map((v) => v.code));
	const base = { target: t, def, values, estimated: mapEstimated(def, t) };
	if (mapUnitLevel(t) === 'departement') {
		const topo = await geo.admin();
		return { ...base, units: unitFeatures(topo, 'departements', codes), outline: featureById(topo, 'regions', t.code), unitName: 'département', geoSources: ['geo_departements', 'cog'] };
	}
	const topo = await geo.communes();
	// The outline is the union of the same communes: both lines come from one geometry.
	return { ...base, units: unitFeatures(topo, 'communes', codes), outline: unionOf(topo, 'communes', codes), unitName: 'commune', geoSources: ['geo_communes_2018', 'cog'] };
}

export class DiagnosticPage {
	#data: DataStore;
	#geo: DiagnosticGeometry;
	target = $state.raw<DiagnosticTarget>(null as unknown as DiagnosticTarget);
	/** French notices about parts of the link that could not be used. */
	notices = $state.raw<string[]>([]);
	departements = $state.raw<Departement[]>([]);
	regions = $state.raw<NamedTerritory[]>([]);

	doc = $state.raw<DiagnosticDoc | null>(null);
	/** Indicators computed so far for the document in progress, out of `total` (imported ones included). */
	done = $state(0);
	total = $state(0);
	busy = $state(false);
	error = $state<string | null>(null);
	/** « État des ressources »: FINESS sites of the document's territory. */
	annex = $state.raw<ResourcesAnnex | null>(null);

	/** The map indicator chosen by the user (null: the default colouring). */
	mapChoice = $state<string | null>(null);
	map = $state.raw<DiagnosticMapDoc | null>(null);
	mapError = $state<string | null>(null);

	readonly today = formatLongDate(new Date());

	title = $derived(this.doc ? `Diagnostic territorial partagé — ${this.doc.name}` : 'Diagnostic territorial partagé');
	/** The intermediate reference shown beside France: région for a département, département for a sector. */
	middle = $derived<'region' | 'departement' | null>(!this.doc ? null : this.doc.target.level === 'departement' ? 'region' : this.doc.target.level === 'region' ? null : 'departement');
	population = $derived(this.doc?.sections.flatMap((s) => s.rows).find((r) => r.def.id === 'population' && r.value !== null) ?? null);
	shortfalls = $derived(this.doc ? attentionPoints(this.doc.sections) : []);
	attention = $derived(this.shortfalls.slice(0, ATTENTION_MAX));
	approxNotes = $derived.by(() => {
		const d = this.doc;
		if (!d || !isApproximation(d.target)) return null;
		return territories.approx.find((a) => a.id === d.target.setId)?.notes ?? [APPROX_LABEL];
	});
	// The map follows the document shown, not a territory still being computed.
	mapTarget = $derived(this.doc?.target ?? this.target);
	mapChoices = $derived(mapIndicators(diagnosticDefs(), this.mapTarget));
	mapId = $derived(this.mapChoices.some((d) => d.id === this.mapChoice) ? this.mapChoice! : defaultMapIndicator(this.mapTarget));
	/** The view's address: the map indicator only when chosen and drawable for the territory asked for. */
	search = $derived(`?${diagnosticSearch(this.target, mapIndicators(diagnosticDefs(), this.target).some((d) => d.id === this.mapChoice) ? this.mapChoice : null)}`);
	sources = $derived(sourceIds(diagnosticDefs(), this.map?.geoSources ?? ['geo_communes_2018', 'geo_departements', 'cog']));
	get builtAt(): string | null {
		const m = this.#data.manifest;
		return m ? formatLongDate(new Date(m.built_at)) : null;
	}

	#docRun = latest();
	#mapRun = latest();
	#annexRun = latest();

	constructor(search: string, data: DataStore, geo: DiagnosticGeometry) {
		this.#data = data;
		this.#geo = geo;
		const link = parseDiagnosticLink(search, diagnosticDefs());
		this.target = link.target;
		this.notices = link.notices;
		this.mapChoice = link.mapIndicator;
	}

	choose(t: DiagnosticTarget): void {
		this.target = t;
		this.notices = [];
	}

	chooseMap(id: string): void {
		this.mapChoice = id;
		this.notices = [];
	}

	/** Wires loading to the state and the address to the view; call during component initialisation. */
	connect(): void {
		// While DuckDB starts, the map's geometry downloads: it is drawn as soon as the document is there.
		if (!this.#data.ready) void (mapUnitLevel(this.target) === 'commune' ? this.#geo.communes() : this.#geo.admin()).catch(() => {});
		$effect(() => {
			if (this.#data.ready) void this.#loadDoc(this.target);
		});
		$effect(() => {
			const d = this.doc;
			const def = diagnosticDefs().find((x) => x.id === this.mapId);
			if (d && def) void this.#loadMap(d, def);
		});
		$effect(() => {
			const d = this.doc;
			void this.#loadAnnex(d, this.#data.hasTable('finess_facilities'));
		});
		followUrl(() => this.search);
		void departements(this.#data).then((r) => (this.departements = r));
		void regions(this.#data).then((r) => (this.regions = r));
		territories.ensureRegistered().catch(() => {});
	}

	async #loadDoc(t: DiagnosticTarget): Promise<void> {
		const current = this.#docRun();
		this.busy = true;
		this.error = null;
		this.done = 0;
		this.total = diagnosticTotal(t);
		try {
			if (t.level === 'sector' || t.level === 'custom') await territories.ensureRegistered(t.setId);
			const doc = await loadDiagnosticDoc(await this.#data.database(), t, (n, total) => {
				if (!current()) return;
				this.done = n;
				this.total = total;
			});
			if (current()) this.doc = doc;
		} catch (e) {
			if (!current()) return;
			this.doc = null;
			this.error = `Diagnostic impossible : ${message(e)}`;
		} finally {
			if (current()) this.busy = false;
		}
	}

	async #loadMap(d: DiagnosticDoc, def: IndicatorDef): Promise<void> {
		const current = this.#mapRun();
		try {
			const m = await loadDiagnosticMap(await this.#data.database(), this.#geo, def, d.target);
			if (!current()) return;
			this.map = m;
			this.mapError = null;
		} catch (e) {
			if (current()) this.mapError = `Carte indisponible : ${message(e)}`;
		}
	}

	async #loadAnnex(d: DiagnosticDoc | null, hasFiness: boolean): Promise<void> {
		const current = this.#annexRun();
		this.annex = null;
		if (!d || !hasFiness) return;
		try {
			const a = await loadResourcesAnnex(await this.#data.database(), d.target, finessSourceLine(finessSource(this.#data.manifest)));
			if (current()) this.annex = a;
		} catch (e) {
			if (current()) this.error = `Annexe des ressources impossible : ${message(e)}`;
		}
	}
}
