/**
 * Page model of /ressources: reference geography and FINESS sites (one query each, once), the
 * planner's local resources, the search / kind / territory filters (from and to the link), the
 * in-memory index they filter, sorting and paging. The filter-to-table time is measured for the
 * bench (`directory:filter`).
 */
import { untrack } from 'svelte';
import type { DataStore } from '../db/store.svelte';
import { loadTerritoryRefs, setCommunes, setTerritories } from '../resources/queries';
import { buildIndex, countByKind, filterIndex, sortRows, type DirectoryKind, type DirectoryRow, type SortKey, type TerritoryMatch } from '../resources/directory';
import { directorySearch, formatTerritory, parseDirectoryLink, resolveTerritory, type TerritoryChoice } from '../resources/link';
import { FINESS_DIRECTORY_SQL, finessRow, localRow, type FinessDirectoryRecord } from '../resources/rows';
import type { LocalContext, LocalResource } from '../resources/local';
import { deleteLocalResource, listLocalResources, saveLocalResources } from '../resources/local-store';
import { pointsOf } from '../resources/map';
import { territories } from '../territories/active.svelte';
import { followUrl } from './follow-url.svelte';
import { latest } from './latest';
import { PLM_CITIES, partialCities } from '../geo/plm';
import type { TerritoryKind } from '../territories/level';

export const PAGE_SIZE = 50;
const FINESS_TABLE = 'finess_facilities';

export interface DirectoryGeo {
	communes: Map<string, { name: string; dep: string; reg: string; epci: string | null; lon: number | null; lat: number | null }>;
	aliases: Map<string, string>;
	regions: { code: string; name: string }[];
	departements: { code: string; name: string; reg: string }[];
	epcis: { code: string; name: string }[];
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const fmt = new Intl.NumberFormat('fr-FR');

export class DirectoryPage {
	q = $state('');
	kinds = $state.raw<DirectoryKind[]>([]);
	territory = $state.raw<TerritoryChoice>({ level: 'france', code: null } as TerritoryChoice);
	notices = $state.raw<string[]>([]);
	sort = $state<{ key: SortKey; order: 'asc' | 'desc' }>({ key: 'name', order: 'asc' });
	page = $state(0);

	geo = $state.raw<DirectoryGeo | null>(null);
	finess = $state.raw<DirectoryRow[]>([]);
	finessMissing = $state(false);
	loadError = $state<string | null>(null);

	local = $state.raw<LocalResource[]>([]);
	localErrors = $state.raw<{ id: string | null; message: string }[]>([]);
	storeError = $state<string | null>(null);

	match = $state.raw<TerritoryMatch | null>(null);
	resolving = $state(false);
	territoryError = $state<string | null>(null);
	/** Incremented once the rows of a filter change are in the DOM (the bench watches it). */
	tableRevision = $state(0);

	localContext = $derived<LocalContext | null>(this.geo ? { communes: this.geo.communes, aliases: this.geo.aliases } : null);
	index = $derived(buildIndex([...this.finess, ...(this.geo ? this.local.map((r) => localRow(r, this.geo!.communes)) : [])]));
	selected = $derived(filterIndex(this.index, { q: this.q, kinds: this.kinds, territory: this.match }));
	sorted = $derived(sortRows(this.index, this.selected, this.sort.key, this.sort.order));
	counts = $derived(countByKind(this.index, filterIndex(this.index, { q: this.q, kinds: [], territory: this.match })));
	/** Paris, Lyon or Marseille only partly in the territory: local resources placed in the whole city are left out (said on screen). */
	partialNote = $derived.by(() => {
		const m = this.match;
		const cities = m && 'communes' in m ? partialCities(m.communes) : [];
		if (!cities.length) return '';
		const names = cities.map((c) => PLM_CITIES[c]!.name).join(', ');
		const n = this.local.filter((r) => r.commune !== null && cities.includes(r.commune)).length;
		return `${names} : ce territoire ne comprend que certains arrondissements. Les structures FINESS y sont rattachées par arrondissement (code postal de l’adresse, sinon position) ; ${n === 0 ? 'les ressources ajoutées localement sans arrondissement n’y figureraient pas' : `${fmt.format(n)} ressource(s) ajoutée(s) localement, placée(s) dans la ville entière sans arrondissement, n’y figure(nt) pas`}.`;
	});
	pages = $derived(Math.max(1, Math.ceil(this.sorted.length / PAGE_SIZE)));
	pageRows = $derived(Array.from(this.sorted.subarray(this.page * PAGE_SIZE, (this.page + 1) * PAGE_SIZE), (i) => this.index.rows[i]!));
	points = $derived(pointsOf(this.index, this.selected));
	sets = $derived(territories.sets.filter((s) => s.kind !== 'approx'));
	communeNames = $derived(new Map(this.geo ? [...this.geo.communes].map(([c, v]) => [c, v.name]) : []));
	fileBase = $derived(`annuaire-ressources_${formatTerritory(this.territory).replace(/[^A-Za-z0-9_-]+/g, '-') || 'france'}`);
	territoryName = $derived.by(() => this.#nameOf(this.territory));
	caption = $derived(`Ressources — ${this.territoryName}${this.q.trim() ? `, recherche « ${this.q.trim()} »` : ''} : ${fmt.format(this.selected.length)} résultat(s)`);
	search = $derived.by(() => {
		const s = directorySearch({ q: this.q, kinds: this.kinds, territory: this.territory });
		return s ? `?${s}` : '';
	});

	#data: DataStore;
	#query = <T>(sql: string, params?: unknown[]) => this.#data.query<T>(sql, params ?? []);
	#changedAt: number | null = null;
	#resolveRun = latest();

	constructor(search: string, data: DataStore) {
		this.#data = data;
		const link = parseDirectoryLink(search);
		this.q = link.q;
		this.kinds = link.kinds;
		this.territory = link.territory;
		this.notices = link.notices;
	}

	get finessSourceId(): string | null {
		return this.#data.manifest?.artefacts.find((a) => a.name === FINESS_TABLE)?.sources[0] ?? null;
	}
	get finessSource() {
		return this.finessSourceId ? this.#data.source(this.finessSourceId) : undefined;
	}
	get finessCitation(): string {
		const s = this.finessSource;
		return s ? `${s.title} — ${s.publisher}, ${s.vintage} — ${s.licence}` : 'FINESS';
	}
	/** The sorted selection as rows, for the exports. */
	sortedRows(): DirectoryRow[] {
		return Array.from(this.sorted, (i) => this.index.rows[i]!);
	}

	/** A filter is about to change: back to the first page, link notices done with. */
	#changed(): void {
		this.#changedAt = performance.now();
		this.page = 0;
		this.notices = [];
	}
	setQuery(q: string): void {
		this.#changed();
		this.q = q;
	}
	setKinds(k: DirectoryKind[]): void {
		this.#changed();
		this.kinds = k;
	}
	setTerritory(t: TerritoryChoice): void {
		this.#changed();
		this.territory = t;
	}

	/** Communes of a set territory (or of the whole set), once the set is in DuckDB. */
	members = async (setId: string, kind: TerritoryKind, code: string | null) => {
		await territories.ensureRegistered(setId);
		return setCommunes(this.#query, setId, kind, code);
	};
	setMembers = async (setId: string, kind: TerritoryKind) => {
		await territories.ensureRegistered(setId);
		return setTerritories(this.#query, setId, kind);
	};

	async reloadLocal(): Promise<void> {
		try {
			const r = await listLocalResources();
			this.local = r.items;
			this.localErrors = r.errors;
			this.storeError = null;
		} catch (e) {
			this.storeError = message(e);
		}
	}
	/** Resolves once the geography an import needs (communes, former codes) is loaded. */
	waitContext = async (): Promise<LocalContext> => {
		while (!this.localContext) await new Promise((r) => setTimeout(r, 100));
		return this.localContext;
	};
	saveLocal = async (list: LocalResource[]) => {
		await saveLocalResources(list);
		await this.reloadLocal();
	};
	deleteLocal = async (id: string) => {
		await deleteLocalResource(id);
		await this.reloadLocal();
	};

	/** Wires loading, the territory filter, paging, the bench measure and the link; call during component initialisation. */
	connect(): void {
		territories.load();
		void this.reloadLocal();
		$effect(() => {
			if (this.#data.ready && !this.geo) void this.#loadGeo();
		});
		$effect(() => {
			const t = this.territory;
			const g = this.geo;
			if (g) void this.#resolve(t, g);
		});
		$effect(() => {
			if (this.page >= this.pages) this.page = 0;
		});
		$effect(() => {
			void this.pageRows;
			untrack(() => this.tableRevision++);
			const start = this.#changedAt;
			if (start === null) return;
			this.#changedAt = null;
			performance.measure('directory:filter', { start, detail: { rows: this.selected.length } });
		});
		followUrl(() => this.search);
	}

	async #loadGeo(): Promise<void> {
		try {
			// The sites' query is posted with the references (the worker runs them in order): one wait, not two.
			const start = performance.now();
			const sites = this.#data.hasTable(FINESS_TABLE) ? this.#data.query<FinessDirectoryRecord>(FINESS_DIRECTORY_SQL) : null;
			sites?.catch(() => {});
			const [com, al, reg, dep, epci] = await loadTerritoryRefs(this.#query);
			const communes: DirectoryGeo['communes'] = new Map(
				com.map((c) => [c.code, { name: c.name, dep: String(c.dep), reg: String(c.reg), epci: c.epci === null ? null : String(c.epci), lon: c.lon, lat: c.lat }])
			);
			if (sites) {
				const rows = await sites;
				this.finess = rows.map(finessRow).filter((r): r is DirectoryRow => r !== null);
				performance.measure('directory:load', { start, detail: { rows: this.finess.length } });
			} else this.finessMissing = true;
			this.geo = { communes, aliases: new Map(al.map((a) => [a.alias, a.code])), regions: reg, departements: dep.map((d) => ({ ...d, reg: String(d.reg) })), epcis: epci };
		} catch (e) {
			this.loadError = `Annuaire indisponible : ${message(e)}`;
		}
	}

	async #resolve(t: TerritoryChoice, g: DirectoryGeo): Promise<void> {
		const current = this.#resolveRun();
		this.resolving = true;
		this.territoryError = null;
		const communeEpci = new Map([...g.communes].map(([c, v]) => [c, v.epci]));
		const regionDeps = new Map<string, string[]>();
		for (const d of g.departements) regionDeps.set(d.reg, [...(regionDeps.get(d.reg) ?? []), d.code]);
		try {
			const m = await resolveTerritory(t, { communeEpci, regionDeps, members: this.members });
			if (!current()) return;
			this.match = m;
			if (m && 'communes' in m && m.communes.size === 0) this.territoryError = 'Ce territoire ne contient aucune commune connue (jeu de secteurs supprimé ou code inconnu) : choisissez-en un autre.';
		} catch (e) {
			if (current()) this.territoryError = `Territoire inutilisable : ${message(e)}`;
		} finally {
			if (current()) this.resolving = false;
		}
	}

	#nameOf(t: TerritoryChoice): string {
		const g = this.geo;
		if (t.level === 'france') return 'France entière';
		if (!g) return '';
		if (t.level === 'region') return g.regions.find((r) => r.code === t.code)?.name ?? t.code;
		if (t.level === 'departement') return `${g.departements.find((d) => d.code === t.code)?.name ?? t.code} (${t.code})`;
		if (t.level === 'epci') return g.epcis.find((e) => e.code === t.code)?.name ?? t.code;
		if (t.level === 'commune') return `${g.communes.get(t.code)?.name ?? t.code} (${t.code})`;
		if (t.level === 'custom') return t.code === null ? 'territoires personnalisés' : `territoire personnalisé ${territories.territories.find((x) => x.id === t.code)?.name ?? t.code}`;
		if (t.level !== 'sector') return '';
		const set = territories.sectorSets.find((s) => s.id === t.setId);
		return `${set?.name ?? t.setId}${t.code ? ` — secteur ${t.code}` : ` — tous les secteurs ${t.type}`}`;
	}
}
