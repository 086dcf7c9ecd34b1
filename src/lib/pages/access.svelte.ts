/**
 * Page model of /accessibilite: the view (site kind, time or 2SFCA score, one map / swipe / side
 * by side, situation, table level, département of the deltas, travel and 2SFCA assumptions) kept
 * in the link as `?v=1&…`; the active scenario stays in `#s=` (old links keep working); the
 * access data, the scenario edits, the runs (base runs cached by parameters, a newer request
 * wins) and every figure derived from them. The route wires it to the maps.
 */
import { tick, untrack } from 'svelte';
import type { AccessClient } from '../geo/access/client';
import { NO_SITE, scoreMap, timeMap } from '../scenarios/access/mapclasses';
import { siteFeatures } from '../scenarios/access/overlay';
import { clampTravel, DEFAULT_THRESHOLDS, DEFAULT_TRAVEL, scaledDecay, SFCA_PRESETS, type DecaySpec, type TravelParams } from '../geo/access/params';
import { runAccess, SessionRuns } from '../scenarios/access/runner';
import { mapsSettled } from '../geo/access/settle';
import type { UnplacedCmp } from '../scenarios/access/load';
import { formatInteger, formatNumber } from '../indicators/format';
import { accessData } from '../queries/access';
import type { QueryPort } from '../queries/port';
import { ScenarioBook } from '../scenarios/book.svelte';
import { nearestCommune, summarise, type AccessRun, type Communes } from '../scenarios/compute';
import { assumptionsText, hasScore, offeredKinds, SCORE_UNIT } from '../scenarios/kinds';
import { applyScenario, kindLabels, newSiteId, offsetKm, withMove, CAPACITY_UNIT, SITE_KINDS, type Edit, type Site, type SiteKind } from '../scenarios/model';
import { beyondByTerritory, deltaRows } from '../scenarios/territory';
import { encodeScenario } from '../scenarios/url';
import { latest } from './latest';
import { readView, viewSearch } from './view-link';

export const THRESHOLDS = DEFAULT_THRESHOLDS;
export type Situation = 'scenario' | 'baseline';
export type CompareMode = 'one' | 'swipe' | 'side';
type Maps = Parameters<typeof mapsSettled>[0];

export interface AccessView {
	kind: SiteKind;
	show: 'time' | 'score';
	compare: CompareMode;
	situation: Situation;
	level: 'dep' | 'reg';
	focusDep: string | null;
	detour: number;
	speeds: number[];
	presetId: string;
	catchment: number;
}

const DEFAULT_PRESET = 'drees2012';
export const DEFAULT_VIEW: AccessView = {
	kind: 'hdj',
	show: 'time',
	compare: 'one',
	situation: 'scenario',
	level: 'dep',
	focusDep: null,
	detour: DEFAULT_TRAVEL.detourFactor,
	speeds: DEFAULT_TRAVEL.speedBands.map((b) => b.kmh),
	presetId: DEFAULT_PRESET,
	catchment: SFCA_PRESETS[DEFAULT_PRESET]!.maxMinutes
};
const COMPARE: Record<CompareMode, string> = { one: 'une', swipe: 'rideau', side: 'cote' };
const DEP = /^(\d{2,3}|2[AB])$/;
const num = (s: string | null, lo: number, hi: number): number | null => {
	const n = s === null || s === '' ? NaN : Number(s);
	return Number.isFinite(n) && n >= lo && n <= hi ? n : null;
};

/** The view a link asks for; unknown or out-of-range parameters keep their default. */
export function readAccessView(search: string): AccessView {
	const p = readView(search).params;
	const v = { ...DEFAULT_VIEW, speeds: [...DEFAULT_VIEW.speeds] };
	const kind = p.get('type');
	if (kind && (SITE_KINDS as readonly string[]).includes(kind)) v.kind = kind as SiteKind;
	if (p.get('indicateur') === 'score') v.show = 'score';
	const compare = (Object.keys(COMPARE) as CompareMode[]).find((k) => COMPARE[k] === p.get('carte'));
	if (compare) v.compare = compare;
	if (p.get('situation') === 'actuelle') v.situation = 'baseline';
	if (p.get('niveau') === 'reg') v.level = 'reg';
	const dep = p.get('dep');
	if (dep && DEP.test(dep)) v.focusDep = dep;
	v.detour = num(p.get('detour'), 1, 3) ?? v.detour;
	const speeds = (p.get('vitesses') ?? '').split(',').map((s) => num(s, 5, 130));
	if (speeds.length === v.speeds.length && speeds.every((s) => s !== null)) v.speeds = speeds as number[];
	const preset = p.get('methode');
	if (preset && SFCA_PRESETS[preset]) v.presetId = preset;
	v.catchment = num(p.get('rayon'), 5, 90) ?? SFCA_PRESETS[v.presetId]!.maxMinutes;
	return v;
}

/** `?v=1&…` with only what differs from the default view (short links). */
export function accessSearch(v: AccessView): string {
	const d = DEFAULT_VIEW;
	const speeds = v.speeds.join(',');
	return viewSearch([
		['type', v.kind === d.kind ? null : v.kind],
		['indicateur', v.show === 'score' ? 'score' : null],
		['carte', v.compare === 'one' ? null : COMPARE[v.compare]],
		['situation', v.situation === 'baseline' ? 'actuelle' : null],
		['niveau', v.level === 'reg' ? 'reg' : null],
		['dep', v.focusDep],
		['detour', v.detour === d.detour ? null : v.detour],
		['vitesses', speeds === d.speeds.join(',') ? null : speeds],
		['methode', v.presetId === d.presetId ? null : v.presetId],
		['rayon', v.catchment === SFCA_PRESETS[v.presetId]?.maxMinutes ? null : v.catchment]
	]);
}

export interface AccessDeps {
	port: QueryPort;
	/** With 'origins' and 'scenario', edits are recomputed incrementally in worker sessions. */
	client: Pick<AccessClient, 'nearest' | 'sfca'> & Partial<Pick<AccessClient, 'origins' | 'scenario'>>;
	/** true when the FINESS extract is loaded and usable. */
	hasFiness?: () => boolean;
	book?: ScenarioBook;
}

export class AccessPage {
	// View (in the link).
	kind = $state<SiteKind>('hdj');
	show = $state<'time' | 'score'>('time');
	compare = $state<CompareMode>('one');
	situation = $state<Situation>('scenario');
	level = $state<'dep' | 'reg'>('dep');
	focusDep = $state<string | null>(null);
	detour = $state(DEFAULT_TRAVEL.detourFactor);
	speeds = $state(DEFAULT_TRAVEL.speedBands.map((b) => b.kmh));
	presetId = $state(DEFAULT_PRESET);
	catchment = $state(SFCA_PRESETS[DEFAULT_PRESET]!.maxMinutes);
	// Data.
	communes = $state.raw<Communes | null>(null);
	baseline = $state.raw<Site[]>([]);
	depNames = $state.raw(new Map<string, string>());
	regNames = $state.raw(new Map<string, string>());
	unplaced = $state.raw<UnplacedCmp[]>([]);
	/** FINESS extract loaded: CMP / CATTP at their address and medico-social kinds. */
	finess = $state(false);
	error = $state<string | null>(null);
	// Editing.
	placing = $state(false);
	moving = $state(false);
	addCapacity = $state(10);
	addLabel = $state('');
	selectedId = $state<string | null>(null);
	status = $state('');
	/** Called after a site moved (the route keeps it in view). */
	onmoved: ((lon: number, lat: number) => void) | null = null;
	// Runs.
	baseRun = $state.raw<AccessRun | null>(null);
	scenRun = $state.raw<AccessRun | null>(null);
	computing = $state(false);
	/** Last compute request (written only by `compute`). */
	requested = $state(0);
	/** Benchmark hook: bumped once every figure on screen reflects the latest change. */
	settledRevision = $state(0);
	/** Settles when the latest requested run has been applied (or failed): for tests. */
	computed: Promise<void> = Promise.resolve();

	readonly book: ScenarioBook;
	readonly #deps: AccessDeps;
	readonly #run = latest();
	readonly #settle = latest();
	readonly #baseCache = new Map<string, Promise<AccessRun>>();
	readonly #addedDep = new Map<string, string>();
	readonly #sessions: SessionRuns | null;
	#lastRequestAt = -Infinity;

	constructor(deps: AccessDeps, search = '') {
		this.#deps = deps;
		this.book = deps.book ?? new ScenarioBook();
		const cl = deps.client;
		this.#sessions = cl.origins && cl.scenario ? new SessionRuns({ origins: cl.origins.bind(cl), scenario: cl.scenario.bind(cl) }) : null;
		Object.assign(this, readAccessView(search));
	}

	readonly labels = $derived(kindLabels(this.finess));
	readonly kinds = $derived(offeredKinds(this.baseline, this.finess));
	readonly scenario = $derived.by(() => this.book.active);
	readonly view = $derived<AccessView>({
		kind: this.kind,
		show: this.show,
		compare: this.compare,
		situation: this.situation,
		level: this.level,
		focusDep: this.focusDep,
		detour: this.detour,
		speeds: [...this.speeds],
		presetId: this.presetId,
		catchment: this.catchment
	});
	readonly search = $derived(accessSearch(this.view));
	/** The active scenario's link code (`#s=`), once the scenarios are read. */
	readonly hash = $derived.by(() => (this.book.ready && this.scenario ? encodeScenario($state.snapshot(this.scenario)) : null));

	/** Reads the access data and the scenarios (saved, and the one in `hash`). */
	async load(hash: string): Promise<void> {
		this.book.init(hash).catch(() => (this.book.ready = true));
		try {
			const d = await accessData(this.#deps.port, this.#deps.hasFiness);
			this.depNames = d.depNames;
			this.regNames = d.regNames;
			this.communes = d.communes;
			this.baseline = d.baseline;
			this.unplaced = d.cmpUnplaced;
			this.finess = d.finess;
			// A linked kind this build does not offer (no FINESS table) falls back to the default.
			if (!this.kinds.offered.includes(this.kind)) this.kind = DEFAULT_VIEW.kind;
		} catch (e) {
			this.error = `Chargement impossible : ${e instanceof Error ? e.message : String(e)}`;
		}
	}

	// --- scenario edits ------------------------------------------------------------------------
	readonly scenarioSites = $derived(this.scenario ? applyScenario(this.baseline, $state.snapshot(this.scenario)) : this.baseline);
	readonly siteById = $derived(new Map(this.scenarioSites.map((s) => [s.id, s])));
	/** The sites and kind of the figures shown (set when a run ends, even in error). */
	#ranWith = $state.raw<{ sites: Site[]; kind: SiteKind } | null>(null);
	/**
	 * The figures do not describe the current sites yet (a run is due or under way). Derived, not
	 * set by the run: a map effect that reads it in the edit's own update already sees it true,
	 * and keeps its points until the colours come (one frame instead of two).
	 */
	readonly sitesPending = $derived(this.#ranWith?.sites !== this.scenarioSites || this.#ranWith?.kind !== this.kind);
	readonly baseById = $derived(new Map(this.baseline.map((s) => [s.id, s])));
	readonly selectedSite = $derived(this.selectedId ? (this.siteById.get(this.selectedId) ?? null) : null);
	readonly selectedWhere = $derived.by(() => (this.selectedSite ? this.communeText(this.communeAt(this.selectedSite.lon, this.selectedSite.lat)) : ''));

	updateEdits(fn: (e: Edit[]) => Edit[]): void {
		this.book.updateEdits(fn);
		this.situation = 'scenario';
	}

	/** Département of a site; an added site gets its nearest commune's (cached). */
	depOfSite = (s: Site): string | undefined => {
		if (s.dep) return s.dep;
		const key = `${s.id}|${s.lon}|${s.lat}`;
		let d = this.#addedDep.get(key);
		const c = this.communes;
		if (!d && c) {
			const i = nearestCommune(c, s.lon, s.lat);
			d = i >= 0 ? c.dep[i] : undefined;
			if (d) this.#addedDep.set(key, d);
		}
		return d;
	};
	communeAt = (lon: number, lat: number): number => (this.communes ? nearestCommune(this.communes, lon, lat) : -1);
	communeText = (i: number): string => (i >= 0 && this.communes ? `${this.communes.name[i]} (${this.communes.dep[i]})` : 'position inconnue');

	addSiteAt(lon: number, lat: number, where: string): void {
		const cap = Math.max(0, Math.min(100_000, Number(this.addCapacity) || 0));
		const id = newSiteId((x) => this.siteById.has(x) || this.baseById.has(x));
		const label = this.addLabel.trim() || `Nouveau site (${where})`;
		const kind = this.kind;
		this.updateEdits((e) => [...e, { op: 'add', id, kind, lon, lat, capacity: cap, label: label.slice(0, 120) }]);
		this.selectedId = id;
		const i = this.communeAt(lon, lat);
		this.focusDep = (i >= 0 ? this.communes!.dep[i] : undefined) ?? this.focusDep;
		this.status = `Site ajouté : ${label}. Résultats recalculés.`;
	}

	addAtCommune(i: number): void {
		const c = this.communes;
		if (c) this.addSiteAt(c.lon[i]!, c.lat[i]!, c.name[i]!);
	}

	/** A new kind: nothing selected; counted kinds (CMP, FINESS sites) add one unit, places and beds 10. */
	kindChanged(): void {
		this.selectedId = null;
		this.addCapacity = ['CMP', 'sites'].includes(CAPACITY_UNIT[this.kind][1]) ? 1 : 10;
	}

	/** Moves the selected site (keyboard, commune or click); announces the commune it is now in. */
	moveSelected(lon: number, lat: number): void {
		const s = this.selectedSite;
		if (!s) return;
		this.updateEdits((ed) => withMove(ed, s.id, lon, lat));
		const i = this.communeAt(lon, lat);
		if (i >= 0) this.focusDep = this.communes!.dep[i]!;
		this.status = `Site déplacé : ${s.label}, maintenant à ${this.communeText(i)}.`;
		this.onmoved?.(lon, lat);
	}
	nudgeSelected(east: number, north: number): void {
		const s = this.selectedSite;
		if (s) this.moveSelected(...offsetKm(s.lon, s.lat, east, north));
	}
	moveToCommune(i: number): void {
		const c = this.communes;
		if (c) this.moveSelected(c.lon[i]!, c.lat[i]!);
	}

	closeSelected(): void {
		const s = this.selectedSite;
		if (!s) return;
		this.updateEdits((e) => [...e, { op: 'close', id: s.id }]);
		this.focusDep = this.depOfSite(s) ?? this.focusDep;
		this.status = `Site fermé dans le scénario : ${s.label}.`;
		this.selectedId = null;
	}

	setCapacity(cap: number): void {
		const s = this.selectedSite;
		if (!s) return;
		this.updateEdits((ed) => [...ed, { op: 'capacity', id: s.id, capacity: cap }]);
		this.focusDep = this.depOfSite(s) ?? this.focusDep;
		this.status = `Capacité modifiée : ${s.label}, ${formatInteger(cap)}.`;
	}

	removeEdit(i: number): void {
		this.updateEdits((e) => e.filter((_, k) => k !== i));
	}

	selectSite(id: string): void {
		this.selectedId = id;
		const s = this.siteById.get(id);
		if (s) this.focusDep = this.depOfSite(s) ?? this.focusDep;
	}

	/** A map click: places or moves a site when asked to, else selects the site hit (if any). */
	clickAt(lon: number, lat: number, hitId: string | null): 'placed' | 'moved' | 'selected' | null {
		if (this.placing) {
			const i = this.communeAt(lon, lat);
			this.addSiteAt(lon, lat, i >= 0 ? this.communes!.name[i]! : 'point choisi');
			this.placing = false;
			return 'placed';
		}
		if (this.moving && this.selectedSite) {
			this.moveSelected(lon, lat);
			this.moving = false;
			return 'moved';
		}
		if (hitId) this.selectSite(hitId);
		return hitId ? 'selected' : null;
	}

	editText = (e: Edit): string => {
		const s = this.siteById.get(e.id) ?? this.baseById.get(e.id);
		const name = e.op === 'add' ? e.label : (s?.label ?? e.id);
		switch (e.op) {
			case 'add':
				return `Ajout : ${name} — ${this.labels[e.kind].split(' (')[0]}, ${formatInteger(e.capacity)} ${CAPACITY_UNIT[e.kind][e.capacity > 1 ? 1 : 0]}`;
			case 'close':
				return `Fermeture : ${name}`;
			case 'move':
				return `Déplacement : ${name}`;
			case 'capacity':
				return `Capacité : ${name} → ${formatInteger(e.capacity)}`;
		}
	};

	// --- computation -------------------------------------------------------------------------
	readonly travel = $derived<TravelParams>(clampTravel(this.detour, this.speeds));
	readonly preset = $derived(SFCA_PRESETS[this.presetId] ?? SFCA_PRESETS[DEFAULT_PRESET]!);
	readonly decay = $derived(scaledDecay(this.preset, this.catchment));

	/**
	 * Runs the baseline and the scenario for the current kind and parameters (call from an
	 * effect: it tracks what it reads; returns the cleanup). A single change runs at once; a
	 * burst (typing a parameter) is debounced so the worker does not queue one full run per
	 * keystroke; scenario edits are incremental in the worker and are not.
	 */
	compute(): (() => void) | undefined {
		const c = this.communes;
		if (!c || !this.book.ready) return;
		const k = this.kind;
		const tr = $state.snapshot(this.travel) as TravelParams;
		const dc = $state.snapshot(this.decay) as { decay: DecaySpec; maxMinutes: number };
		const sites = this.scenarioSites;
		const base = this.baseline;
		const edits = this.scenario?.edits ?? [];
		const key = JSON.stringify([k, tr, dc]);
		const current = this.#run();
		this.requested = untrack(() => this.requested) + 1;
		const opts = { kind: k, travel: tr, decay: dc, score: hasScore(k, this.finess), depOf: this.depOfSite };
		this.computing = true;
		const t = performance.now();
		// An edit with the baseline at hand is an incremental run (a few ms): never held back.
		const delay = t - this.#lastRequestAt > 250 || (this.#sessions && this.#baseCache.has(key)) ? 0 : 120;
		this.#lastRequestAt = t;
		const client = this.#deps.client;
		const sessions = this.#sessions;
		let done!: () => void;
		this.computed = new Promise<void>((r) => (done = r));
		const start = () => {
			const t0 = performance.now();
			let bp = this.#baseCache.get(key);
			if (!bp) {
				bp = sessions ? sessions.run(c, base, opts, `${key}|base`) : runAccess(client, c, base, opts);
				this.#baseCache.set(key, bp);
				bp.catch(() => this.#baseCache.delete(key));
			}
			const touches = edits.some((e) => (e.op === 'add' ? e.kind === k : (this.siteById.get(e.id) ?? this.baseById.get(e.id))?.kind === k));
			const sp = !touches ? bp : sessions ? sessions.run(c, sites, opts, `${key}|scenario`, `${key}|base`) : runAccess(client, c, sites, opts);
			Promise.all([bp, sp])
				.then(([b, s]) => {
					if (!current()) return;
					performance.measure(`access:run:${k}`, { start: t0 });
					this.baseRun = b;
					this.scenRun = s;
					this.#ranWith = { sites, kind: k };
					this.computing = false;
					this.error = null;
				})
				.catch((e: unknown) => {
					if (!current()) return;
					this.computing = false;
					this.#ranWith = { sites, kind: k };
					this.error = `Le calcul d’accessibilité a échoué : ${e instanceof Error ? e.message : String(e)}`;
				})
				.finally(done);
		};
		// At once when not held back: a timer would wait behind the map's frames and the effects of the edit.
		let timer: ReturnType<typeof setTimeout> | undefined;
		if (delay) timer = setTimeout(start, delay);
		else untrack(start);
		return () => {
			clearTimeout(timer);
			done();
		};
	}

	readonly shownRun = $derived(this.situation === 'baseline' ? this.baseRun : this.scenRun);
	readonly effectiveShow = $derived(hasScore(this.kind, this.finess) ? this.show : 'time');

	mapStateOf(run: AccessRun | null) {
		const c = this.communes;
		if (!c || !run) return null;
		if (this.effectiveShow === 'time' || !run.access) return timeMap(c, run, `time:${this.kind}`);
		return scoreMap(c, run.access, this.baseRun?.access ?? run.access, `score:${this.kind}`);
	}
	readonly mapState = $derived(this.mapStateOf(this.shownRun));
	readonly scenMapState = $derived(this.compare === 'one' ? null : this.mapStateOf(this.scenRun));
	readonly baseMapState = $derived(this.compare === 'one' ? null : this.mapStateOf(this.baseRun));

	mapLabel(sit: Situation): string {
		return `Carte : ${this.effectiveShow === 'time' ? 'temps estimé jusqu’au site le plus proche' : 'score 2SFCA'}, ${this.labels[this.kind]}, ${sit === 'scenario' ? 'scénario' : 'situation actuelle'}`;
	}
	legendOf(sit: Situation) {
		return {
			title: this.effectiveShow === 'time' ? 'Temps estimé jusqu’au site le plus proche' : 'Score 2SFCA (estimation)',
			subtitle: `${this.labels[this.kind]}${this.effectiveShow === 'score' ? ` — ${SCORE_UNIT[this.kind]}` : ''}, par commune`,
			situation: sit === 'scenario' ? `Scénario : ${this.scenario?.name ?? ''}` : 'Situation actuelle'
		};
	}
	formatValue = (v: number | null): string => {
		if (v === null) return 'position inconnue';
		if (this.effectiveShow === 'time') return v >= NO_SITE ? 'aucun site sur le même territoire terrestre' : `≈ ${formatNumber(v, 0)} min (estimation)`;
		return `${formatNumber(v, 1)} ${SCORE_UNIT[this.kind]} (estimation)`;
	};

	// --- tables ------------------------------------------------------------------------------
	readonly territoryRows = $derived.by(() => {
		const c = this.communes;
		if (!c || !this.shownRun) return [];
		const dep = this.level === 'dep';
		return beyondByTerritory(c, this.shownRun, dep ? c.dep : c.reg, dep ? this.depNames : this.regNames, THRESHOLDS);
	});
	readonly tableCaption = $derived(
		`${this.labels[this.kind]} — part et nombre d’habitants à plus de 10, 20, 30 et 45 min (estimation, ${this.situation === 'scenario' ? `scénario « ${this.scenario?.name ?? ''} »` : 'situation actuelle'})`
	);

	/** Département of the deltas: the last edit's, else the one picked in the table / select. */
	readonly lastEditDep = $derived.by(() => {
		const e = this.scenario?.edits.at(-1);
		if (!e) return null;
		const s = this.siteById.get(e.id) ?? this.baseById.get(e.id);
		return s ? (this.depOfSite(s) ?? null) : null;
	});
	readonly deltaDep = $derived(this.focusDep ?? this.lastEditDep ?? '01');
	readonly deltas = $derived.by(() => {
		const c = this.communes;
		if (!c || !this.baseRun || !this.scenRun) return null;
		const d = this.deltaDep;
		const inT = (i: number) => c.dep[i] === d;
		const siteIn = (s: Site) => this.depOfSite(s) === d;
		const b = summarise(c, this.baseRun, THRESHOLDS, inT, siteIn);
		const s = summarise(c, this.scenRun, THRESHOLDS, inT, siteIn);
		return { rows: deltaRows(b, s, THRESHOLDS, CAPACITY_UNIT[this.kind][1], hasScore(this.kind, this.finess)), pop: b.pop };
	});
	readonly deltaCaption = $derived(this.deltas ? `${this.depNames.get(this.deltaDep) ?? this.deltaDep} (${formatInteger(this.deltas.pop)} hab.) — ${this.labels[this.kind]}, estimation` : '');

	// --- map overlay ---------------------------------------------------------------------------
	sitesOf(sit: Situation) {
		return siteFeatures({ shown: sit === 'scenario' ? this.scenarioSites : this.baseline, baseline: this.baseline, kind: this.kind, selectedId: this.selectedId, scenario: sit === 'scenario' });
	}
	readonly shownSites = $derived(this.sitesOf(this.situation));
	readonly scenSites = $derived(this.compare === 'one' ? this.shownSites : this.sitesOf('scenario'));
	readonly baseSites = $derived(this.compare === 'one' ? this.shownSites : this.sitesOf('baseline'));

	/** Sites of the kind in the deltas' département, for keyboard selection. */
	readonly depSites = $derived(this.scenarioSites.filter((s) => s.kind === this.kind && this.depOfSite(s) === this.deltaDep).sort((a, b) => a.label.localeCompare(b.label, 'fr')));
	readonly cmpUnplaced = $derived.by(() => {
		const u = this.unplaced.find((x) => x.dis === (this.kind === 'cmp_adult' ? 'GEN' : 'INF'));
		if (!u) return '';
		const n = u.establishments;
		return `${formatInteger(n)} établissement${n > 1 ? 's' : ''} sans position connue (${formatInteger(u.cmp)} CMP) ${n > 1 ? 'ne sont' : 'n’est'} pas sur la carte ni dans le score.`;
	});
	readonly assumptions = $derived(assumptionsText(this.kind, this.travel, this.preset, this.decay.maxMinutes, this.finess));

	/**
	 * Benchmark hook (call from an effect with the maps on screen): bumps `settledRevision` once
	 * every figure (tables, map colours, site points, MapLibre idle) reflects the latest change.
	 */
	settle(maps: Maps): void {
		const t = performance.now();
		void [this.requested, this.mapState, this.scenMapState, this.baseMapState, this.shownSites, this.scenSites, this.baseSites, this.deltas, this.territoryRows, this.compare];
		performance.measure('access:figures', { start: t });
		if (this.computing || !this.baseRun || !this.scenRun || maps.length < (this.compare === 'one' ? 1 : 2)) return;
		const current = this.#settle();
		const t0 = performance.now();
		void tick()
			.then(() => mapsSettled(maps, () => !current()))
			.then((ok) => {
				if (!ok || !current()) return;
				performance.measure('access:maps-settled', { start: t0 });
				this.settledRevision = untrack(() => this.settledRevision) + 1;
			});
	}
}
