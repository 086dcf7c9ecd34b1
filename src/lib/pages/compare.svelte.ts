/**
 * Page model of /comparer: 2–6 territories side by side on a group of indicators, with a
 * benchmark column and the 2022 → 2023 change. Holds the choices as a link
 * (`?v=1&t=<key>&t=<key>…&groupe=…&ref=…`), loads the candidates and the rows with a
 * stale-result guard. The route wires `compute` in an `$effect` and `followUrl(() => model.link)`.
 */
import { COMPARE_GROUPS, OWN_GROUP_ID, withOwnGroups, type CompareRow } from '../compare/groups';
import { ownIndicators } from '../own-indicators/active.svelte';
import type { DatabaseLike } from '../db/query';
import { benchmarkOf, type BenchKind } from '../export/compare';
import type { TerritoryCandidate as Candidate } from '../geo/territory-search';
import type { TerritoryKind, TerritoryLevel } from '../territories/level';
import { EVOLUTION_INDICATORS } from '../indicators/catalogue';
import { isEstimated, levelsOf } from '../indicators/sql';
import type { EvolutionValue, IndicatorDef, IndicatorValue } from '../indicators/types';
import { adminCandidates, setTerritories } from '../queries/compare';
import { indicatorFrame } from '../queries/indicators';
import type { QueryPort } from '../queries/port';
import { placeOf, referencesFor, type Place, type Reference } from '../queries/references';
import type { ActiveSet } from '../territories/active.svelte';
import { latest } from './latest';
import { readView, viewSearch } from './view-link';
import { outsideOwnSet } from '../indicators/own-scope';

const OWN_SET_NOTE = 'valeurs importées pour les secteurs d’un seul jeu de secteurs (celui du fichier)';

export const MAX_TERRITORIES = 6;
const BENCH_KINDS: readonly BenchKind[] = ['france', 'region', 'departement'];
const LEVEL_LABEL: Record<string, string> = { region: 'Région', departement: 'Département', epci: 'EPCI', commune: 'Commune' };

export type CompareResultRow = CompareRow & { refs: Reference[] };
export interface CompareResult {
	rows: CompareResultRow[];
	terr: Candidate[];
}

export interface CompareDeps {
	port: QueryPort;
	database(): Promise<DatabaseLike>;
	/** Saved sets (computed, not approximations), once registered in DuckDB. */
	sets(): Promise<ActiveSet[]>;
	ensureRegistered(): Promise<void>;
}

export interface CompareView {
	keys: string[];
	groupId: string;
	benchKind: BenchKind;
}

const quote = (s: string) => `« ${s.length > 60 ? `${s.slice(0, 60)}…` : s} »`;

export function parseCompareView(search: string | URLSearchParams): { view: CompareView; notices: string[] } {
	const { params: q, notice } = readView(search);
	const notices = notice ? [notice] : [];
	const keys = [...new Set(q.getAll('t').filter(Boolean).map((k) => k.slice(0, 200)))];
	if (keys.length > MAX_TERRITORIES) notices.push(`Le lien demande ${keys.length} territoires : les ${MAX_TERRITORIES} premiers sont comparés.`);
	const view: CompareView = { keys: keys.slice(0, MAX_TERRITORIES), groupId: COMPARE_GROUPS[0]!.id, benchKind: 'france' };
	const g = q.get('groupe');
	if (g !== null) {
		// The imported indicators' group exists once they are read.
		if (COMPARE_GROUPS.some((x) => x.id === g) || g === OWN_GROUP_ID) view.groupId = g;
		else notices.push(`Le groupe d’indicateurs demandé dans le lien (${quote(g)}) n’existe pas : sélection essentielle affichée.`);
	}
	const ref = q.get('ref');
	if (ref !== null) {
		if ((BENCH_KINDS as readonly string[]).includes(ref)) view.benchKind = ref as BenchKind;
		else notices.push(`La colonne de référence demandée dans le lien (${quote(ref)}) n’est pas reconnue : France utilisée.`);
	}
	return { view, notices };
}

export function compareSearch(v: CompareView): string {
	return viewSearch([...v.keys.map((k): [string, string] => ['t', k]), ['groupe', v.groupId], ['ref', v.benchKind === 'france' ? null : v.benchKind]]);
}

/** Every choosable territory: administrative ones, then those of the saved sets (a missing store only leaves the former). */
export async function compareCandidates(deps: CompareDeps): Promise<Candidate[]> {
	const list: Candidate[] = (await adminCandidates(deps.port)).map((r) => ({
		key: `${r.level}:${r.code}`,
		level: r.level,
		code: r.code,
		name: r.name,
		detail: r.level === 'commune' ? `(${r.dep})` : r.level === 'departement' ? `(${r.code})` : ''
	}));
	try {
		for (const s of await deps.sets()) {
			const kind: TerritoryKind = s.type ?? 'custom';
			for (const t of await setTerritories(deps.port, s.id, kind))
				list.push({ key: `${s.key}:${t.code}`, level: s.level, code: t.code, name: t.name, detail: `jeu « ${s.name} »`, setId: s.id, kind });
		}
	} catch {
		/* no saved sets: administrative territories only */
	}
	return list;
}

const optsOf = (c: Candidate): { setId?: string; kinds?: TerritoryKind[] } => (c.setId ? { setId: c.setId, kinds: c.kind ? [c.kind] : undefined } : {});

/** One query per (indicator, level, set) for all the chosen territories of that level. */
async function valuesFor<T extends IndicatorValue>(port: QueryPort, def: IndicatorDef, terr: Candidate[]): Promise<Map<string, T>> {
	const out = new Map<string, T>();
	const groups = new Map<string, Candidate[]>();
	for (const t of terr) {
		const k = `${t.level}|${t.setId ?? ''}|${t.kind ?? ''}`;
		groups.set(k, [...(groups.get(k) ?? []), t]);
	}
	for (const list of groups.values()) {
		const t0 = list[0]!;
		if (!levelsOf(def).includes(t0.level) || outsideOwnSet(def, t0.level, t0.setId)) continue;
		const rows = await indicatorFrame<T>(port, def, t0.level, { ...optsOf(t0), filter: { codes: list.map((t) => t.code) } });
		for (const r of rows) {
			const t = list.find((x) => x.code === String(r.code));
			if (t) out.set(t.key, r);
		}
	}
	return out;
}

/** The rows of a comparison: values, 2022 → 2023 change, and references of the first territory. */
export async function compareRows(deps: CompareDeps, defs: IndicatorDef[], terr: Candidate[]): Promise<CompareResultRow[]> {
	if (terr.some((t) => t.setId)) await deps.ensureRegistered();
	const db = await deps.database();
	const first = terr[0]!;
	// The first territory's département and région: asked once for every row.
	const place = placeOf(db, first.level, first.code, first.setId ?? undefined);
	place.catch(() => {});
	// Every row's statements posted at once, rows kept in catalogue order: the worker runs them one
	// after another anyway, and a row awaited after another costs the page a round trip each.
	return Promise.all(defs.map((def) => compareRow(deps, db, def, terr, place)));
}

async function compareRow(deps: CompareDeps, db: DatabaseLike, def: IndicatorDef, terr: Candidate[], place: Promise<Place>): Promise<CompareResultRow> {
	const first = terr[0]!;
	const ev = EVOLUTION_INDICATORS.find((e) => e.id === `${def.id}_evol`);
	const [vals, evs, refs] = await Promise.all([
		valuesFor<IndicatorValue>(deps.port, def, terr),
		ev ? valuesFor<EvolutionValue>(deps.port, ev, terr) : Promise.resolve(new Map<string, EvolutionValue>()),
		levelsOf(def).includes(first.level)
			? referencesFor(db, def, first.level, first.code, first.setId ? { setId: first.setId, place } : { place })
			: referencesFor(db, def, 'france', 'FR')
	]);
	// A région or département is its own benchmark when chosen first.
	const self = first.level === 'region' || first.level === 'departement' ? (vals.get(first.key)?.value ?? null) : null;
	const allRefs: Reference[] = [...refs];
	if (self !== null) allRefs.push({ kind: first.level as 'region' | 'departement', label: `${LEVEL_LABEL[first.level]} ${first.name}`, value: self, year: '', source: '', comparable: true, code: first.code });
	return {
		def,
		refs: allRefs,
		bench: null,
		cells: terr.map((t) => {
			// Keyed by one set's sectors: no value for another set or level (not a blank cell).
			if (outsideOwnSet(def, t.level as TerritoryLevel, t.setId)) return { value: null, note: OWN_SET_NOTE };
			if (!levelsOf(def).includes(t.level as TerritoryLevel)) return { value: null, note: 'non calculable à ce niveau (donnée départementale)' };
			const v = vals.get(t.key);
			const e = evs.get(t.key);
			return {
				value: v?.value ?? null,
				estimated: isEstimated(def, t.level),
				...(e ? { from: e.value_from, change: e.value, changePct: e.change_pct } : {})
			};
		})
	};
}

export class CompareModel {
	candidates = $state.raw<Candidate[]>([]);
	selected = $state<Candidate[]>([]);
	groupId = $state(COMPARE_GROUPS[0]!.id);
	benchKind = $state<BenchKind>('france');
	/** French, one per part of the link that could not be used. */
	notices = $state<string[]>([]);
	result = $state.raw<CompareResult | null>(null);
	busy = $state(false);
	error = $state<string | null>(null);

	readonly #deps: CompareDeps;
	readonly #ticket = latest();
	/** Territory keys of the link, waiting for the candidates. */
	#pendingKeys: string[] = [];

	constructor(deps: CompareDeps, search = '') {
		this.#deps = deps;
		const { view, notices } = parseCompareView(search);
		this.#pendingKeys = view.keys;
		this.groupId = view.groupId;
		this.benchKind = view.benchKind;
		this.notices = notices;
	}

	/** The catalogue's groups with the imported indicators. */
	groups = $derived(withOwnGroups(COMPARE_GROUPS, ownIndicators.defs));
	group = $derived(this.groups.find((g) => g.id === this.groupId) ?? COMPARE_GROUPS[0]!);
	/** The address of the view; the link's territories stay in it until the candidates are read. */
	link = $derived(compareSearch({ keys: this.candidates.length ? this.selected.map((t) => t.key) : this.#pendingKeys, groupId: this.group.id, benchKind: this.benchKind }));

	benchOptions = $derived.by(() => {
		const refs = this.result?.rows.flatMap((r) => r.refs) ?? [];
		return BENCH_KINDS.map((k) => ({ kind: k, label: refs.find((r) => r.kind === k)?.label.replace(/ \(le plus peuplé du territoire\)/, '') })).filter(
			(o): o is { kind: BenchKind; label: string } => !!o.label
		);
	});
	benchLabel = $derived(this.benchOptions.find((o) => o.kind === this.benchKind)?.label ?? 'France');
	rows = $derived<CompareResultRow[]>((this.result?.rows ?? []).map((r) => ({ ...r, bench: benchmarkOf(r.refs, this.benchKind)?.value ?? null })));
	shownTerr = $derived((this.result?.terr ?? []).map((t) => ({ key: t.key, name: t.name, code: t.code })));
	anyEstimated = $derived(this.rows.some((r) => r.cells.some((c) => c.estimated)));
	sources = $derived([...new Set(this.group.items.flatMap((d) => d.sources))]);
	status = $derived(this.busy ? 'Calcul en cours…' : this.result ? `Comparaison de ${this.result.terr.length} territoires sur ${this.rows.length} indicateurs.` : '');

	/** Reads the candidates, then selects the link's territories (unknown ones are said). */
	async loadCandidates(): Promise<void> {
		const list = await compareCandidates(this.#deps);
		const byKey = new Map(list.map((c) => [c.key, c]));
		const keys = this.#pendingKeys;
		this.#pendingKeys = [];
		const found = keys.map((k) => byKey.get(k)).filter((c): c is Candidate => !!c);
		const missing = keys.filter((k) => !byKey.has(k));
		if (missing.length)
			this.notices = [...this.notices, `${missing.length > 1 ? 'Des territoires demandés' : 'Un territoire demandé'} dans le lien (${missing.map(quote).join(', ')}) ${missing.length > 1 ? 'ne sont pas connus' : 'n’est pas connu'} dans ce navigateur : ${found.length ? 'les autres sont comparés' : 'choisissez les territoires'}.`];
		if (found.length && !this.selected.length) this.selected = found;
		this.candidates = list;
	}

	/** Keeps the benchmark to one the rows have (France otherwise). */
	normalise(): void {
		if (this.benchOptions.length && !this.benchOptions.some((o) => o.kind === this.benchKind)) this.benchKind = 'france';
	}

	async compute(): Promise<void> {
		const terr = [...this.selected];
		const defs = this.group.items;
		const fresh = this.#ticket();
		if (terr.length < 1) {
			this.result = null;
			this.busy = false;
			return;
		}
		this.busy = true;
		try {
			const rows = await compareRows(this.#deps, defs, terr);
			if (!fresh()) return;
			this.result = { rows, terr };
			this.error = null;
		} catch (e) {
			if (fresh()) this.error = `Le calcul a échoué : ${e instanceof Error ? e.message : String(e)}`;
		} finally {
			if (fresh()) this.busy = false;
		}
	}
}
