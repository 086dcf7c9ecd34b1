/**
 * Page model of the main map (/): the indicator, the « Maille » (Auto: département, then communes
 * when zoomed in; région, EPCI, commune, imported sectors, custom territories), the class method,
 * the points shown (SAE establishments, FINESS kinds, local resources) and the selected territory.
 * Loads the values (one query per indicator, level and set, cached), the commune → territory
 * ownership of levels drawn as communes, the selected territory's figures and structures, with a
 * latest() guard against stale answers; the view is in the link (`?v=1&ind=…&maille=…&etab=…`,
 * older links without `v` read the same). No DOM: the route calls `connect()` during its
 * initialisation; Node tests call the load methods on the real artefacts.
 */
import type { FeatureCollection, Point } from 'geojson';
import type { FirstPaintArtefact } from '../db/types';
import { FACILITY_KINDS, type FacilityKind } from '../facilities/kinds';
import { ETAB_PARAM, parseKinds, parseLocal, serializeSelection } from '../facilities/selection';
import type { FacilityRecord } from '../facilities/sql';
import type { TerritoryKind } from '../geo/territories';
import { INDICATORS } from '../indicators/catalogue';
import { ownIndicators } from '../own-indicators/active.svelte';
import { classColors, classify, type ClassMethod, type Classification } from '../indicators/classify';
import { formatValue as fmtValue } from '../indicators/format';
import { defaultKinds, isEstimated, levelsOf, type IndicatorSqlOptions } from '../indicators/sql';
import type { IndicatorDef, IndicatorValue } from '../indicators/types';
import { AUTO, autoLevel, COMMUNE_MINZOOM, isComposite, LEVEL_BY, mailleOptions, resolveMaille, type MapLevel, type MapTerritory, type SetChoice } from '../map/levels';
import { arrondissementValues, perArrondissement } from '../queries/arrondissements';
import { communeNames, communeOwners } from '../queries/communes';
import type { DatabaseLike } from '../db/query';
import { establishmentPoints, facilitiesInTerritory, facilityById, facilityPoints } from '../queries/facilities';
import { indicatorFrame, indicatorRow } from '../queries/indicators';
import { precomputedFrame } from '../queries/first-paint';
import type { QueryPort } from '../queries/port';
import type { LocalResource } from '../resources/local';
import type { LocalOnMap } from '../resources/on-map.svelte';
import { followUrl } from './follow-url.svelte';
import { latest } from './latest';
import { readView, viewSearch } from './view-link';
import { outsideOwnSet, ownSectorSet, ownSetNotice } from '../indicators/own-scope';

export const DEFAULT_INDICATOR = 'beds_adult_per100k';

/** One indicator of the selected territory, as the territory panel lists them. */
export interface MapFigure {
	def: IndicatorDef;
	value: IndicatorValue | null;
	/** 'self': computed for the territory; 'departement': the commune's département value; 'none': not computed at this level */
	scope: 'self' | 'departement' | 'none';
	depCode?: string;
	/** the denominator is estimated at the figure's level (def.estimate applies) */
	estimated?: boolean;
}

/** What the map shows: values and classes of one indicator at one level. */
export interface MapShown {
	def: IndicatorDef;
	level: MapLevel;
	setLabel?: string;
	values: Map<string, IndicatorValue>;
	owner: Map<string, string> | null;
	classification: Classification;
	colors: string[];
	/** Coloured from the build's precomputed frames while the engine starts (same numbers). */
	provisional?: boolean;
}

/** The set of sector and custom levels (and its territory kinds). */
export interface MapScope {
	setId?: string;
	kinds?: TerritoryKind[];
}

export interface MapDeps {
	port: QueryPort;
	/** The indicators offered (the catalogue by default; one list, so imported indicators can join it). */
	indicators?: () => IndicatorDef[];
	/** The user's territory sets (sector sets, custom territories, computed approximations). */
	sets: () => readonly SetChoice[];
	setsLoaded: () => boolean;
	/** Sector and custom sets live in IndexedDB: registered in DuckDB before any query on them. */
	ensureRegistered: (id: string) => Promise<void>;
	/** The data engine is ready (queries can run). */
	ready: () => boolean;
	/** The build's precomputed first frames, until the engine is ready (data.firstPaint). */
	firstPaint?: () => FirstPaintArtefact | null;
	/** The FINESS table is loaded and usable. */
	finessAvailable: () => boolean;
	/** This browser's local resources. */
	local: LocalOnMap;
	/** Runs background work once the page is idle (default: requestIdleCallback, else a timeout). */
	idle?: (f: () => void) => void;
	/** The database handle, to register the arrondissements for per-arrondissement values (none: cities drawn with their value). */
	database?: () => Promise<DatabaseLike>;
}

/** A value in French, « non disponible » when missing. */
export function formatMapValue(def: IndicatorDef, v: number | null): string {
	return v === null || !Number.isFinite(v) ? 'non disponible' : fmtValue(def, v);
}

const levelPhrase = (s: MapShown) => `${LEVEL_BY[s.level]}${s.setLabel ? ` (${s.setLabel})` : ''}`;
const depOf = (commune: string) => (commune.startsWith('97') ? commune.slice(0, 3) : commune.slice(0, 2));
const cacheKey = (id: string, level: MapLevel, scope: MapScope) => `${id}|${level}|${scope.setId ?? ''}|${scope.kinds?.join(',') ?? ''}`;
const optsOf = (scope: MapScope): IndicatorSqlOptions => (scope.setId ? { setId: scope.setId, kinds: scope.kinds } : {});
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
// Safari has no requestIdleCallback.
const whenIdle = (f: () => void) => {
	if (typeof requestIdleCallback === 'function') requestIdleCallback(f, { timeout: 3000 });
	else setTimeout(f, 300);
};

export class MapPage {
	indicatorId = $state('');
	maille = $state(AUTO);
	method = $state<ClassMethod>('quantile');
	zoom = $state(5);
	showPoints = $state(true);
	facilityKinds = $state.raw<Set<FacilityKind>>(new Set());
	showLocal = $state(true);
	selected = $state.raw<MapTerritory | null>(null);
	/** French, when the link was made by another version of the app. */
	notice = $state<string | null>(null);
	queryError = $state<string | null>(null);

	shown = $state.raw<MapShown | null>(null);
	tableRows = $state.raw<IndicatorValue[]>([]);
	figures = $state.raw<MapFigure[] | null>(null);
	communeNames = $state.raw<Map<string, string>>(new Map());
	/** Values per arrondissement of Paris, Lyon and Marseille at commune level (empty: the city's value is shown on each). */
	unitValues = $state.raw<Map<string, IndicatorValue>>(new Map());
	/** What the arrondissements show at commune level, for the legend (French); '' elsewhere. */
	readonly unitNote = $derived.by(() => {
		const s = this.shown;
		if (!s || s.level !== 'commune') return '';
		return perArrondissement(s.def) && this.unitValues.size
			? 'Paris, Lyon, Marseille : une valeur par arrondissement municipal (sa population INSEE, ses sites FINESS et établissements SAE).'
			: 'Paris, Lyon, Marseille : indicateur connu pour la commune entière seulement ; chaque arrondissement porte la valeur de la ville.';
	});
	establishments = $state.raw<FeatureCollection<Point> | null>(null);
	facilities = $state.raw<FeatureCollection<Point> | null>(null);
	facilityCounts = $state.raw<Map<FacilityKind, number> | null>(null);
	facility = $state.raw<FacilityRecord | null>(null);
	localCard = $state.raw<LocalResource | null>(null);
	localRows = $state.raw<LocalResource[] | null>(null);
	listRows = $state.raw<FacilityRecord[] | null>(null);

	readonly #deps: MapDeps;
	readonly #values = new Map<string, Promise<Map<string, IndicatorValue>>>();
	readonly #owners = new Map<string, Promise<Map<string, string>>>();
	readonly #shownRun = latest();
	readonly #tableRun = latest();
	readonly #figuresRun = latest();
	readonly #localRun = latest();
	readonly #listRun = latest();
	#namesAsked = false;
	#afterFirstMap = $state(false);
	#pendingOwn = $state<string | null>(null);

	constructor(deps: MapDeps, search = '') {
		this.#deps = deps;
		const { params, notice } = readView(search);
		const list = deps.indicators?.() ?? INDICATORS;
		const known = (id: string | null) => list.find((d) => d.id === id)?.id;
		this.indicatorId = known(params.get('ind')) ?? known(DEFAULT_INDICATOR) ?? list[0]?.id ?? '';
		// An imported indicator named by the link: its definition arrives from IndexedDB after start.
		const asked = params.get('ind');
		if (asked && /^own-[a-z0-9]+$/.test(asked) && !known(asked)) this.#pendingOwn = asked;
		this.maille = params.get('maille') ?? AUTO;
		this.facilityKinds = parseKinds(params.get(ETAB_PARAM));
		this.showLocal = parseLocal(params.get(ETAB_PARAM));
		this.notice = notice;
	}

	get local(): LocalOnMap {
		return this.#deps.local;
	}

	readonly indicators = $derived.by(() => this.#deps.indicators?.() ?? INDICATORS);
	readonly indicator = $derived(this.indicators.find((d) => d.id === this.indicatorId) ?? this.indicators[0]!);
	readonly options = $derived.by(() => mailleOptions(this.indicator, this.#deps.sets()));
	readonly active = $derived.by(() => {
		// Auto, for an indicator keyed by one set's sectors: that set (it has no other level).
		const own = ownSectorSet(this.indicator);
		const asked = resolveMaille(this.options, this.maille);
		const mine = asked.key === AUTO && own ? this.options.find((x) => x.setId === own && !x.disabled) : undefined;
		return mine ?? asked;
	});
	readonly mailleNotice = $derived.by(() => {
		const own = ownSectorSet(this.indicator);
		if (own !== null && this.#deps.setsLoaded() && outsideOwnSet(this.indicator, this.active.level ?? this.auto.level, this.active.setId))
			return ownSetNotice(this.indicator, this.#deps.sets().find((s) => s.id === own)?.name ?? null);
		if (this.maille === AUTO) return null;
		const o = this.options.find((x) => x.key === this.maille);
		if (o?.disabled) return `${o.label} : ${o.disabled}. Carte affichée en mode automatique.`;
		if (!o && this.#deps.setsLoaded()) return 'Ce jeu de territoires n’existe plus dans ce navigateur : carte affichée en mode automatique.';
		return null;
	});
	// Primitives, so that a refreshed options list does not re-run the queries.
	readonly setId = $derived(this.active.setId);
	readonly #kindsKey = $derived(this.active.kinds?.join(',') ?? '');
	// Auto: capacity measures stay by département at commune zoom (map/levels.ts autoLevel), said under the legend.
	readonly auto = $derived(autoLevel(this.indicator, this.zoom, COMMUNE_MINZOOM));
	readonly wantLevel = $derived<MapLevel>(this.active.level ?? this.auto.level);
	/** The side table lists the shown level, départements instead of 35 000 communes. */
	readonly tableLevel = $derived<MapLevel>(this.wantLevel === 'commune' ? 'departement' : this.wantLevel);
	readonly facilityKindList = $derived(FACILITY_KINDS.filter((k) => this.facilityKinds.has(k)));
	readonly mapLabel = $derived(`Carte : ${this.indicator.label}, ${this.shown ? levelPhrase(this.shown) : LEVEL_BY[this.wantLevel]}`);
	readonly status = $derived.by(() => (!this.#deps.ready() ? '' : this.shown ? `Carte affichée : ${this.shown.def.label}, ${levelPhrase(this.shown)}.` : 'Calcul de l’indicateur…'));
	/** The address of the view (`?v=1&…`): indicator, level, points shown. */
	readonly search = $derived(
		viewSearch([
			['ind', this.indicatorId],
			['maille', this.maille === AUTO ? null : this.maille],
			[ETAB_PARAM, serializeSelection(this.facilityKinds, this.showLocal)]
		])
	);

	/** The value as the map's tooltip says it (with the unit). */
	tooltipValue = (v: number | null): string => {
		const s = this.shown;
		return s ? `${formatMapValue(s.def, v)}${v === null ? '' : ' ' + s.def.unit}` : '';
	};

	scopeOf(level: MapLevel): MapScope {
		if (level !== 'sector' && level !== 'custom') return {};
		return { setId: this.setId, kinds: this.#kindsKey ? (this.#kindsKey.split(',') as TerritoryKind[]) : undefined };
	}

	async #ready(scope: MapScope): Promise<void> {
		if (scope.setId) await this.#deps.ensureRegistered(scope.setId);
	}

	/** Every value of an indicator at a level (and set), one query each, kept for the page's life. */
	valuesFor(def: IndicatorDef, level: MapLevel, scope: MapScope): Promise<Map<string, IndicatorValue>> {
		const key = cacheKey(def.id, level, scope);
		const hit = this.#values.get(key);
		if (hit) return hit;
		const p = this.#ready(scope).then(async () => {
			const t0 = performance.now();
			const rows = await indicatorFrame(this.#deps.port, def, level, optsOf(scope));
			performance.measure(`indicator:${def.id}:${level}`, { start: t0 });
			return new Map(rows.map((r) => [r.code, r]));
		});
		p.catch(() => this.#values.delete(key));
		this.#values.set(key, p);
		return p;
	}

	/** One territory's value: from the level's cache when there, else a query filtered on its code. */
	async valueOf(def: IndicatorDef, level: MapLevel, scope: MapScope, code: string): Promise<IndicatorValue | null> {
		const hit = this.#values.get(cacheKey(def.id, level, scope));
		if (hit || level !== 'commune') return (await (hit ?? this.valuesFor(def, level, scope))).get(code) ?? null;
		return indicatorRow(this.#deps.port, def, level, code, optsOf(scope));
	}

	/** Commune → territory for levels drawn as communes (cached per level and set). */
	ownerFor(level: MapLevel, scope: MapScope): Promise<Map<string, string>> {
		const key = cacheKey('', level, scope);
		let p = this.#owners.get(key);
		if (!p) {
			p = this.#ready(scope).then(() =>
				communeOwners(this.#deps.port, level === 'epci' ? { level: 'epci' } : { level: 'set', setId: scope.setId ?? '', kinds: scope.kinds })
			);
			p.catch(() => this.#owners.delete(key));
			this.#owners.set(key, p);
		}
		return p;
	}

	#fail = (err: unknown) => {
		this.queryError = `Le calcul de l’indicateur a échoué : ${message(err)}`;
	};

	/** Commune names for the tooltip of levels drawn on communes (the TopoJSON carries codes only). */
	async loadNames(): Promise<void> {
		if (!this.#deps.ready() || !isComposite(this.wantLevel) || this.#namesAsked) return;
		this.#namesAsked = true;
		try {
			this.communeNames = await communeNames(this.#deps.port);
		} catch (e) {
			this.#namesAsked = false;
			this.#fail(e);
		}
	}

	/** The map's values and classes for the current indicator, level and method. */
	async loadShown(): Promise<void> {
		const fresh = this.#shownRun();
		const def = this.indicator;
		const level = this.wantLevel;
		const scope = this.scopeOf(level);
		const setLabel = scope.setId ? this.active.label : undefined;
		const method = this.method;
		if (!this.#deps.ready()) {
			// Before the engine: the build's precomputed frame of this view, if it has one.
			const pre = scope.setId ? null : precomputedFrame(this.#deps.firstPaint?.() ?? null, def.id, level);
			if (pre) {
				const classification = classify(Array.from(pre.values(), (r) => r.value), method, 5);
				this.shown = { def, level, values: pre, owner: null, classification, colors: classColors(classification.counts.length), provisional: true };
			}
			return;
		}
		try {
			const [values, owner] = await Promise.all([this.valuesFor(def, level, scope), isComposite(level) ? this.ownerFor(level, scope) : null]);
			if (!fresh()) return;
			const classification = classify(Array.from(values.values(), (r) => r.value), method, 5);
			this.shown = { def, level, setLabel, values, owner, classification, colors: classColors(classification.counts.length) };
			this.queryError = null;
			void this.#loadUnits(def, level, fresh);
			// Warm the commune level in the background so zooming in does not wait for it
			// (once the page is idle: reading 35 000 rows must not delay the first paint).
			if (this.maille === AUTO && level === 'departement' && autoLevel(def, COMMUNE_MINZOOM, COMMUNE_MINZOOM).level === 'commune')
				(this.#deps.idle ?? whenIdle)(() => void (fresh() && this.valuesFor(def, 'commune', {}).catch(() => {})));
		} catch (e) {
			if (fresh()) this.#fail(e);
		}
	}

	/** Per-arrondissement values at commune level, after the commune colours (never shared out from the city). */
	async #loadUnits(def: IndicatorDef, level: MapLevel, fresh: () => boolean): Promise<void> {
		const db = this.#deps.database;
		if (level !== 'commune' || !db || !perArrondissement(def)) {
			if (this.unitValues.size) this.unitValues = new Map();
			return;
		}
		try {
			const v = await arrondissementValues(await db(), this.#deps.port, def);
			if (fresh()) this.unitValues = v;
		} catch (e) {
			if (fresh()) this.#fail(e);
		}
	}

	/** The side table's rows (the shown level, départements at commune level). */
	async loadTable(): Promise<void> {
		const fresh = this.#tableRun();
		const def = this.indicator;
		const level = this.tableLevel;
		if (!this.#deps.ready()) {
			const pre = this.scopeOf(level).setId ? null : precomputedFrame(this.#deps.firstPaint?.() ?? null, def.id, level);
			if (pre) this.tableRows = [...pre.values()];
			return;
		}
		if (!levelsOf(def).includes(level)) {
			this.tableRows = [];
			return;
		}
		try {
			const v = await this.valuesFor(def, level, this.scopeOf(level));
			if (fresh()) this.tableRows = [...v.values()];
		} catch (e) {
			if (fresh()) this.#fail(e);
		}
	}

	/** Every indicator of the selected territory (a commune falls back on its département's value). */
	async loadFigures(): Promise<void> {
		const fresh = this.#figuresRun();
		const sel = this.selected;
		this.figures = null;
		if (!sel || !this.#deps.ready()) return;
		const scope = this.scopeOf(sel.level);
		const type = sel.level === 'sector' ? scope.kinds?.[0] : undefined;
		const list = this.indicators;
		try {
			const figures = await Promise.all(
				// A rate's count is shown beside it (TerritoryPanel), not as a second entry.
				list
					.filter((d) => !d.count?.of)
					.map(async (def): Promise<MapFigure> => {
						// A child-psychiatry measure is not computed on adult sectors (and conversely).
						const relevant = !type || (defaultKinds(def, 'sector')?.includes(type) ?? true);
						if (levelsOf(def).includes(sel.level) && relevant) {
							const value = await this.valueOf(def, sel.level, scope, sel.code);
							return { def, value, scope: 'self', estimated: isEstimated(def, sel.level) };
						}
						if (sel.level === 'commune' && def.levels.includes('departement')) {
							const dep = depOf(sel.code);
							const v = await this.valuesFor(def, 'departement', {});
							return { def, value: v.get(dep) ?? null, scope: 'departement', depCode: dep };
						}
						return { def, value: null, scope: 'none' };
					})
			);
			if (fresh()) this.figures = figures;
		} catch (e) {
			if (fresh()) this.#fail(e);
		}
	}

	/** SAE establishments (once the engine is ready). */
	async loadEstablishments(): Promise<void> {
		if (!this.#deps.ready() || this.establishments) return;
		try {
			this.establishments = await establishmentPoints(this.#deps.port);
		} catch (e) {
			this.#fail(e);
		}
	}

	/** Every FINESS site once; the legend's toggles only change the layer's filter. */
	async loadFacilities(): Promise<void> {
		if (!this.#deps.finessAvailable() || this.facilities) return;
		try {
			const { points, counts } = await facilityPoints(this.#deps.port);
			this.facilityCounts = counts;
			this.facilities = points;
		} catch (e) {
			this.#fail(e);
		}
	}

	/** The local resources placed in the selected territory. */
	async loadLocalRows(): Promise<void> {
		const fresh = this.#localRun();
		const sel = this.selected;
		this.localRows = null;
		if (!sel || !this.showLocal || !this.#deps.ready() || !this.local.items.length) return;
		const scope = this.scopeOf(sel.level);
		try {
			await this.#ready(scope);
			const rows = await this.local.inTerritory(this.#deps.port, { level: sel.level, code: sel.code, setId: scope.setId, kinds: scope.kinds });
			if (fresh()) this.localRows = rows;
		} catch (e) {
			if (fresh()) this.#fail(e);
		}
	}

	/** « Liste des structures affichées » of the selected territory (the kinds shown on the map). */
	async loadList(): Promise<void> {
		const fresh = this.#listRun();
		const sel = this.selected;
		const kinds = this.facilityKindList;
		this.listRows = null;
		if (!sel || !this.#deps.finessAvailable()) return;
		const scope = this.scopeOf(sel.level);
		try {
			await this.#ready(scope);
			const rows = await facilitiesInTerritory(this.#deps.port, { level: sel.level, code: sel.code, setId: scope.setId, kinds: scope.kinds }, kinds);
			if (fresh()) this.listRows = rows;
		} catch (e) {
			if (fresh()) this.#fail(e);
		}
	}

	/** Opens a FINESS site's card (and closes a local resource's). */
	async openFacility(finess: string): Promise<void> {
		try {
			this.facility = await facilityById(this.#deps.port, finess);
			this.localCard = null;
		} catch (e) {
			this.#fail(e);
		}
	}

	openLocal(r: LocalResource | null): void {
		this.localCard = r;
		this.facility = null;
	}

	select = (t: MapTerritory): void => {
		this.selected = { ...t, setId: t.level === 'sector' || t.level === 'custom' ? this.setId : undefined };
	};

	/**
	 * Effects that load what the view needs, and the link that follows it. Call during the
	 * route's initialisation (each method reads its inputs before its first await, so the
	 * effect re-runs when they change).
	 */
	connect(): void {
		$effect(() => {
			const want = this.#pendingOwn;
			if (!want) return;
			if (this.indicators.some((d) => d.id === want)) {
				this.indicatorId = want;
				this.#pendingOwn = null;
			} else if (ownIndicators.loaded) {
				this.#pendingOwn = null;
				this.notice = 'L’indicateur importé que nomme ce lien n’est pas dans ce navigateur (importez l’espace de travail qui le contient) : carte affichée avec l’indicateur par défaut.';
			}
		});
		$effect(() => void this.loadNames());
		$effect(() => void this.loadShown());
		$effect(() => void this.loadTable());
		$effect(() => void this.loadFigures());
		$effect(() => void this.loadEstablishments());
		// The ~17 600 FINESS sites are read and clustered once the engine's first colours are in
		// (not the precomputed ones), at idle: at start-up they competed with the first map for the
		// engine and MapLibre's worker.
		$effect(() => {
			if (this.shown && !this.shown.provisional && !this.#afterFirstMap) (this.#deps.idle ?? whenIdle)(() => (this.#afterFirstMap = true));
		});
		$effect(() => {
			if (this.#afterFirstMap) void this.loadFacilities();
		});
		$effect(() => void this.loadLocalRows());
		$effect(() => void this.loadList());
		followUrl(() => this.search);
	}
}

