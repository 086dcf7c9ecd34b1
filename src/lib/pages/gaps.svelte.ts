/**
 * Page model of /ecarts: one indicator over a scope of territories against a reference. Holds the
 * choices (as a link, gaps-view.ts), loads values, references and the attribution account with a
 * stale-result guard, and derives gaps, filters and class counts. No DOM: the route wires it with
 * `$effect` (compute, map) and `followUrl(() => model.search)`; Node tests call the same methods.
 */
import type { Feature, Geometry } from 'geojson';
import type { DatabaseLike } from '../db/query';
import type { TerritoryLevel } from '../territories/level';
import { computeGaps, filterGaps, isCount, type GapClass, type GapRow } from '../indicators/gap';
import { INDICATORS } from '../indicators/catalogue';
import { formatValue } from '../indicators/format';
import { isEstimated, levelsOf, type AttributionAccount, type TerritoryFilter } from '../indicators/sql';
import type { IndicatorDef, IndicatorValue } from '../indicators/types';
import { attributionAccount } from '../queries/gaps';
import { indicatorFigures, indicatorFrame } from '../queries/indicators';
import type { QueryPort } from '../queries/port';
import { referenceYear, referencesFor, type Reference } from '../queries/references';
import { departements as listDepartements, regions as listRegions, type Departement, type NamedTerritory } from '../queries/territories';
import { TYPE_LABEL, type ActiveSet } from '../territories/active.svelte';
import { readView } from './view-link';
import { DEFAULT_GAPS_VIEW, GAP_CLASSES, GAP_LEVELS, gapsSearch, parseGapsView, type GapLevel, type GapsView } from './gaps-view';
import { gapFeatures, type Topologies } from './gap-features';
import { latest } from './latest';
import { ownIndicators, withOwnIndicators } from '../own-indicators/active.svelte';
import { outsideOwnSet, ownSectorSet, ownSetNotice } from '../indicators/own-scope';

// Gaps need a level, not a change: stock indicators only.
export const GAP_CHOICES = INDICATORS.filter((d) => d.kind !== 'evolution' && d.id !== 'population');

/** The scope as a territory of its own, for references. */
export interface GapScope {
	slug: string;
	label: string; // French, e.g. 'départements de la région Auvergne-Rhône-Alpes'
	level: TerritoryLevel;
	code: string;
	ownKind: Reference['kind'] | null;
	ownLabel: string;
}

export type GapReference = Reference & { key: string };

export interface GapResult {
	def: IndicatorDef;
	level: GapLevel;
	scope: GapScope;
	/** Set of the sector level (for the map's members), else null. */
	set: ActiveSet | null;
	values: IndicatorValue[];
	refs: GapReference[];
	estimated: boolean;
	/** FINESS attribution only: what was attributed, brought in, left out. */
	account: AttributionAccount | null;
}

export interface GapsDeps {
	port: QueryPort;
	database(): Promise<DatabaseLike>;
	/** Saved sets the page can use (computed, not approximations), and whether they are read. */
	sets(): ActiveSet[];
	setsLoaded(): boolean;
	ensureRegistered(id?: string): Promise<void>;
}

/** A reference a gap may be computed against; a count also needs the reference's population (gap.ts). */
export function usableReference(def: IndicatorDef, r: Reference): boolean {
	return r.comparable && r.value !== null && r.value > 0 && (!isCount(def) || (!!def.count && !!r.denominator && r.denominator > 0));
}

export function gapScope(v: Pick<GapsView, 'level' | 'regionScope' | 'depScope'>, set: ActiveSet | undefined, regName: (c: string) => string, depName: (c: string) => string): GapScope {
	const { level, regionScope, depScope } = v;
	if (level === 'departement' && regionScope !== 'all')
		return { slug: `departements_region-${regionScope}`, label: `départements de la région ${regName(regionScope)}`, level: 'region', code: regionScope, ownKind: 'region', ownLabel: `Région ${regName(regionScope)}` };
	if (level === 'departement' || level === 'region')
		return { slug: `${level}s_france`, label: level === 'region' ? 'régions de France' : 'départements de France', level: 'france', code: 'FR', ownKind: 'france', ownLabel: 'France' };
	if (level === 'commune' || level === 'epci')
		return {
			slug: `${level}s_dep-${depScope}`,
			label: `${level === 'commune' ? 'communes' : 'EPCI'} du département ${depName(depScope)} (${depScope})`,
			level: 'departement',
			code: depScope,
			ownKind: 'departement',
			ownLabel: `Département ${depName(depScope)} (${depScope})`
		};
	const type = set?.type ? ` (${TYPE_LABEL[set.type]})` : '';
	return {
		slug: `secteurs_${(set?.id ?? 'set').replace(/[^\w-]+/g, '-')}${set?.type ? `-${set.type}` : ''}`,
		label: set ? `territoires du jeu « ${set.name} »${type}` : 'secteurs',
		level: 'sector',
		code: '',
		ownKind: null,
		ownLabel: ''
	};
}

function scopeFilter(v: Pick<GapsView, 'level' | 'regionScope' | 'depScope'>): TerritoryFilter | undefined {
	if (v.level === 'departement' && v.regionScope !== 'all') return { within: { level: 'region', code: v.regionScope } };
	if (v.level === 'commune' || v.level === 'epci') return { within: { level: 'departement', code: v.depScope } };
	return undefined;
}

/** Values, references (the scope's own value first) and the attribution account of one view. */
export async function loadGaps(deps: GapsDeps, def: IndicatorDef, v: Pick<GapsView, 'level' | 'regionScope' | 'depScope' | 'attribution'>, scope: GapScope, set: ActiveSet | undefined): Promise<GapResult> {
	const l = v.level;
	const byFiness = v.attribution === 'sector_finess' && l === 'sector' && set?.kind === 'sector' && def.measure?.table === 'sae_psy';
	const kinds = set?.type ? [set.type] : (['custom'] as const).slice();
	const setOpts = l === 'sector' && set ? { setId: set.id, kinds, ...(byFiness ? { attribution: 'sector_finess' as const } : {}) } : {};
	const sqlLevel: TerritoryLevel = l === 'sector' && set ? set.level : l;
	if (l === 'sector' && set) await deps.ensureRegistered(set.id);
	const f = scopeFilter(v);
	const values = await indicatorFrame(deps.port, def, sqlLevel, { ...setOpts, ...(f ? { filter: f } : {}) });
	const account = byFiness && set ? await attributionAccount(deps.port, def, { setId: set.id, kinds }) : null;
	// References: the scope's own value first, then referencesFor on the scope (or on its first territory for sets).
	const refCode = scope.level === 'sector' ? (values[0]?.code ?? '') : scope.code;
	const raw = refCode
		? await referencesFor(await deps.database(), def, sqlLevel === 'custom' && scope.level === 'sector' ? 'custom' : scope.level, refCode, l === 'sector' && set ? { setId: set.id } : {})
		: [];
	const refs: GapReference[] = [];
	if (scope.ownKind && scope.ownKind !== 'atlas' && scope.ownKind !== 'published' && levelsOf(def).includes(scope.level)) {
		const own = await indicatorFigures(deps.port, def, scope.level, scope.code);
		refs.push({ kind: scope.ownKind, label: `${scope.ownLabel} (ensemble)`, ...own, year: referenceYear(def), source: def.vintage ?? def.sources.join(', '), code: scope.code, comparable: true, key: scope.ownKind });
	}
	for (const r of raw) {
		const key = r.kind === 'published' ? `published:${r.label}` : r.kind;
		if (!refs.some((x) => x.key === key)) refs.push({ ...r, key });
	}
	return { def, level: l, scope, set: set ?? null, values, refs, estimated: isEstimated(def, sqlLevel), account };
}

export class GapsModel {
	readonly #deps: GapsDeps;
	indicatorId = $state(DEFAULT_GAPS_VIEW.indicatorId);
	level = $state<GapLevel>(DEFAULT_GAPS_VIEW.level);
	regionScope = $state(DEFAULT_GAPS_VIEW.regionScope);
	depScope = $state(DEFAULT_GAPS_VIEW.depScope);
	setKey = $state('');
	// Sector files that name the FINESS of the establishment running each sector allow attributing its capacity to those sectors.
	attribution = $state<GapsView['attribution']>('commune');
	refKey = $state(DEFAULT_GAPS_VIEW.refKey);
	search = $state('');
	shownClasses = $state<GapClass[]>([...GAP_CLASSES]);
	/** French, one per part of the link that could not be used. */
	notices = $state<string[]>([]);

	regions = $state.raw<NamedTerritory[]>([]);
	departements = $state.raw<Departement[]>([]);
	result = $state.raw<GapResult | null>(null);
	busy = $state(false);
	error = $state<string | null>(null);

	features = $state.raw<Feature<Geometry>[]>([]);
	mapNote = $state('');
	mapLoading = $state(false);

	readonly #ticket = latest();
	readonly #mapTicket = latest();
	/** Link parts waiting for their list (régions, départements, sets, references) before being checked. */
	#pending = { region: '', dep: '', set: '', ref: '' };

	constructor(deps: GapsDeps, search = '') {
		this.#deps = deps;
		// An imported indicator of the link may not be read yet: accepted here, checked by `indicator`.
		const wanted = readView(search).params.get('ind');
		const own = wanted && /^own-[a-z0-9]+$/.test(wanted) && !ownIndicators.loaded ? [{ ...GAP_CHOICES[0]!, id: wanted }] : [];
		const { view, notices } = parseGapsView(search, [...this.choices, ...own]);
		this.indicatorId = view.indicatorId;
		this.level = view.level;
		this.regionScope = view.regionScope;
		this.depScope = view.depScope;
		this.setKey = view.setKey;
		this.attribution = view.attribution;
		this.refKey = view.refKey;
		this.shownClasses = view.classes;
		this.search = view.search;
		this.notices = notices;
		this.#pending = { region: view.regionScope === 'all' ? '' : view.regionScope, dep: view.depScope === DEFAULT_GAPS_VIEW.depScope ? '' : view.depScope, set: view.setKey, ref: view.refKey === 'france' ? '' : view.refKey };
	}

	/** The catalogue's gap indicators and the imported ones. */
	choices = $derived(withOwnIndicators(GAP_CHOICES));
	indicator = $derived(this.choices.find((d) => d.id === this.indicatorId) ?? GAP_CHOICES[0]!);
	sets = $derived.by(() => this.#deps.sets());
	activeSet = $derived<ActiveSet | undefined>(this.sets.find((s) => s.key === this.setKey));
	levels = $derived<GapLevel[]>(
		GAP_LEVELS.filter((l) => (l === 'sector' ? this.sets.length > 0 && levelsOf(this.indicator).includes('sector') : this.indicator.levels.includes(l)))
	);
	view = $derived<GapsView>({
		indicatorId: this.indicator.id,
		level: this.level,
		regionScope: this.regionScope,
		depScope: this.depScope,
		setKey: this.activeSet?.key ?? this.setKey,
		attribution: this.attribution,
		refKey: this.refKey,
		classes: this.shownClasses,
		search: this.search
	});
	/** The address of the view (`?v=1&…`). */
	link = $derived(gapsSearch(this.view));
	/** An indicator keyed by one set's sectors, shown at another level or set: said, not an empty map. */
	ownNotice = $derived.by<string | null>(() => {
		const own = ownSectorSet(this.indicator);
		if (own === null || !this.#deps.setsLoaded() || !outsideOwnSet(this.indicator, this.level, this.level === 'sector' ? this.activeSet?.id : null)) return null;
		return ownSetNotice(this.indicator, this.sets.find((s) => s.id === own)?.name ?? null);
	});
	scope = $derived(
		gapScope(this.view, this.activeSet, (c) => this.regions.find((r) => r.code === c)?.name ?? c, (c) => this.departements.find((d) => d.code === c)?.name ?? c)
	);

	usable = (r: Reference) => usableReference(this.indicator, r);
	/** A reference as the chooser and the sources list say it. */
	refText = (r: Reference) => {
		const def = this.result?.def ?? this.indicator;
		return `${r.label} : ${r.value === null ? 'n.d.' : formatValue(def, r.value)}${r.unit ? ` ${r.unit}` : ''} (${r.year})${this.usable(r) ? '' : ' — non comparable'}`;
	};
	reference = $derived.by<GapReference | null>(() => {
		const refs = this.result?.refs ?? [];
		return refs.find((r) => r.key === this.refKey && this.usable(r)) ?? refs.find((r) => r.kind === 'france' && this.usable(r)) ?? refs.find(this.usable) ?? null;
	});
	#gaps = $derived.by<{ rows: GapRow[]; error: string | null }>(() => {
		const res = this.result;
		const ref = this.reference;
		if (!res || !ref || ref.value === null) return { rows: [], error: null };
		try {
			return { rows: computeGaps(res.values, res.def, { value: ref.value, label: ref.label, numerator: ref.numerator, denominator: ref.denominator }), error: null };
		} catch (e) {
			return { rows: [], error: e instanceof Error ? e.message : String(e) };
		}
	});
	get gaps(): GapRow[] {
		return this.#gaps.rows;
	}
	get gapError(): string | null {
		return this.#gaps.error;
	}
	filtered = $derived(filterGaps(this.gaps, { classes: this.shownClasses, search: this.search }));
	classOptions = $derived.by(() => {
		const seen = new Map<GapClass, string>();
		for (const r of this.gaps) if (!seen.has(r.cls)) seen.set(r.cls, r.clsLabel);
		return GAP_CLASSES.filter((c) => seen.has(c)).map((c) => ({ cls: c, label: seen.get(c)!, n: this.gaps.filter((r) => r.cls === c).length }));
	});
	status = $derived(this.busy ? 'Calcul en cours…' : this.result ? `${this.filtered.length} territoires affichés sur ${this.gaps.length}.` : '');

	/** Région and département lists (for the choosers and the scope's names), then the link's codes are checked. */
	async loadLists(): Promise<void> {
		const [deps, regs] = await Promise.all([listDepartements(this.#deps.port), listRegions(this.#deps.port)]);
		this.departements = deps;
		this.regions = regs;
		const p = this.#pending;
		if (p.region && !regs.some((r) => r.code === p.region)) {
			this.#notice(`La région demandée dans le lien (« ${p.region} ») n’existe pas : tous les départements affichés.`);
			this.regionScope = 'all';
		}
		if (p.dep && !deps.some((d) => d.code === p.dep)) {
			this.#notice(`Le département demandé dans le lien (« ${p.dep} ») n’existe pas : département du Rhône affiché.`);
			this.depScope = DEFAULT_GAPS_VIEW.depScope;
		}
		p.region = p.dep = '';
	}

	/** Keeps the level and the set valid for the indicator and the saved sets (once they are read). */
	normalise(): void {
		if (!this.#deps.setsLoaded() && (this.level === 'sector' || this.#pending.set)) return;
		const sets = this.sets;
		if (this.#pending.set) {
			if (!sets.some((s) => s.key === this.#pending.set)) this.#notice(`Le jeu de territoires demandé dans le lien n’est pas enregistré dans ce navigateur : ${sets.length ? 'premier jeu affiché' : 'départements affichés'}.`);
			this.#pending.set = '';
		}
		if (!this.levels.includes(this.level)) this.level = this.levels[0] ?? 'departement';
		if (this.level === 'sector' && !this.activeSet && sets[0]) this.setKey = sets[0].key;
	}

	/** Loads the current view; a result is applied only if no newer view was asked meanwhile. */
	async compute(): Promise<void> {
		const def = this.indicator;
		// Only what the figures depend on: the reference, search and class filter do not reload.
		const v = { level: this.level, regionScope: this.regionScope, depScope: this.depScope, attribution: this.attribution };
		const scope = this.scope;
		const set = this.activeSet;
		if (v.level === 'sector' && !set) return;
		const fresh = this.#ticket();
		this.busy = true;
		try {
			const res = await loadGaps(this.#deps, def, v, scope, set);
			if (!fresh()) return;
			this.result = res;
			this.error = null;
			this.#checkRef(res);
		} catch (e) {
			if (fresh()) this.error = `Le calcul a échoué : ${e instanceof Error ? e.message : String(e)}`;
		} finally {
			if (fresh()) this.busy = false;
		}
	}

	/** Draws the gap map's territories for the current result (kept until the next one is ready). */
	async loadMap(topo: Topologies): Promise<void> {
		const res = this.result;
		if (!res) return;
		const fresh = this.#mapTicket();
		this.mapLoading = true;
		try {
			const { features, note } = await gapFeatures(this.#deps.port, topo, res);
			if (!fresh()) return;
			this.features = features;
			this.mapNote = note;
		} catch (e) {
			if (fresh()) this.mapNote = `Carte indisponible : ${e instanceof Error ? e.message : String(e)}`;
		} finally {
			if (fresh()) this.mapLoading = false;
		}
	}

	#checkRef(res: GapResult): void {
		const want = this.#pending.ref;
		if (!want) return;
		this.#pending.ref = '';
		const r = res.refs.find((x) => x.key === want);
		if (!r || !usableReference(res.def, r)) this.#notice(`La référence demandée dans le lien n’est pas disponible pour cette analyse : ${this.reference?.label ?? 'France'} utilisée.`);
	}

	#notice(s: string): void {
		this.notices = [...this.notices, s];
	}
}
