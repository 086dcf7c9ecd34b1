/**
 * Territories beyond the administrative levels: psychiatric sectors (imported sets, type G or I)
 * and custom territories (lists of communes), stored in DuckDB as `territory_members` so the
 * indicator SQL can join them. Every value is bound; a set is replaced in one transaction on a
 * dedicated connection, so a failed import never leaves half a set behind.
 */
import { Column, batchType, columnFromValues, dictionary, dictionaryContext, int32, tableFromColumns, tableToIPC, utf8 } from '@uwdata/flechette';
import type { DatabaseLike } from '../db/query';
import { query, replaceRows } from '../db/query';
import type { SectorType, TerritoryKind } from '../territories/level';
import { buildSiteIndex, nearestSites } from './access/nearest';
import { memberUnits } from './plm';

// The level vocabulary lives in territories/level.ts; re-exported for older importers (the map page).
export { isSetLevel, TERRITORY_LEVELS, type TerritoryKind, type TerritoryLevel } from '../territories/level';

export interface TerritoryDef {
	code: string; // sector code ('69G01') or user id
	name: string;
	kind: TerritoryKind;
	communes: string[]; // COG current codes; arrondissement codes (75101…) inside Paris, Lyon, Marseille
	finess: string | null; // FINESS of the establishment running the sector
}

export interface TerritorySet {
	id: string;
	label: string; // French, shown with every figure computed on the set
	level: 'sector' | 'custom';
	territories: TerritoryDef[];
	notes?: string[]; // French
}

export const TERRITORY_TABLE = 'territory_members';

const CREATE_SQL = `CREATE TABLE IF NOT EXISTS territory_members (
	set_id VARCHAR NOT NULL, territory VARCHAR NOT NULL, territory_name VARCHAR,
	kind VARCHAR NOT NULL, commune VARCHAR NOT NULL, finess VARCHAR, unit VARCHAR
)`;

// Empty stand-ins when the artefacts lack the arrondissement tables (older builds, test fixtures):
// the set-level SQL joins them (tm.unit). The artefact loader drops and recreates them when present.
const PLM_SQL = [
	`CREATE TABLE IF NOT EXISTS arrondissements (code VARCHAR, name VARCHAR, commune VARCHAR, dep VARCHAR, reg VARCHAR, epci VARCHAR,
		population INTEGER, gp_practices DOUBLE, lon DOUBLE, lat DOUBLE, has_geom BOOLEAN)`,
	'CREATE TABLE IF NOT EXISTS arrondissement_links (source VARCHAR, id VARCHAR, arm VARCHAR, basis VARCHAR)'
];

const created = new WeakMap<DatabaseLike, Promise<void>>();

/** Creates territory_members once per database. */
export function ensureTerritoryTable(db: DatabaseLike): Promise<void> {
	let p = created.get(db);
	if (!p) {
		p = (async () => {
			await query(db, CREATE_SQL);
			for (const sql of PLM_SQL) await query(db, sql);
		})();
		created.set(db, p);
		p.catch(() => created.delete(db));
	}
	return p;
}

const MAX_TEXT = 200;

/** Member rows as columns, in territory_members order (Arrow-ready). */
export interface MemberColumns {
	set_id: string[];
	territory: string[];
	territory_name: string[];
	kind: string[];
	commune: string[];
	finess: (string | null)[];
	/** Arrondissement municipal when the territory holds only part of Paris, Lyon or Marseille; null = the whole commune. */
	unit: (string | null)[];
}

function text(v: unknown, what: string, max = MAX_TEXT): string {
	if (typeof v !== 'string' || v.length === 0 || v.length > max) throw new Error(`Territoire invalide : ${what} manquant ou trop long.`);
	return v;
}

/** Validated, de-duplicated member rows (one per territory × commune, or × arrondissement inside Paris, Lyon, Marseille). */
export function memberColumns(set: TerritorySet): MemberColumns {
	const id = text(set.id, 'identifiant du jeu');
	if (set.level !== 'sector' && set.level !== 'custom') throw new Error('Territoire invalide : niveau inconnu.');
	const out: MemberColumns = { set_id: [], territory: [], territory_name: [], kind: [], commune: [], finess: [], unit: [] };
	const seenBy = new Map<string, Set<string>>(); // territory code → its communes so far
	for (const t of set.territories) {
		const code = text(t.code, 'code du territoire');
		const name = typeof t.name === 'string' && t.name.length > 0 ? t.name.slice(0, MAX_TEXT) : code;
		if (t.kind !== 'G' && t.kind !== 'I' && t.kind !== 'custom') throw new Error(`Territoire « ${code} » : type inconnu.`);
		if (set.level === 'sector' && t.kind === 'custom') throw new Error(`Secteur « ${code} » : type G ou I attendu.`);
		const finess = typeof t.finess === 'string' && /^[0-9AB]{9}$/.test(t.finess) ? t.finess : null;
		let seen = seenBy.get(code);
		if (!seen) seenBy.set(code, (seen = new Set()));
		for (const c of t.communes) text(c, 'code commune', 5);
		for (const [commune, unit] of memberUnits(t.communes)) {
			const key = unit ?? commune;
			if (seen.has(key)) continue;
			seen.add(key);
			out.set_id.push(id);
			out.territory.push(code);
			out.territory_name.push(name);
			out.kind.push(t.kind);
			out.commune.push(commune);
			out.finess.push(finess);
			out.unit.push(unit);
		}
	}
	return out;
}


/**
 * A utf8 column encoded in one pass: flechette encodes strings one by one, the slow part for
 * 35 000 commune codes. Offsets count characters, so only ASCII values take this path.
 */
function utf8Column(values: string[]): Column<string> {
	const bytes = new TextEncoder().encode(values.join(''));
	const offsets = new Int32Array(values.length + 1);
	let chars = 0;
	for (let i = 0; i < values.length; i++) offsets[i + 1] = chars += values[i]!.length;
	if (chars !== bytes.length) return columnFromValues(values, utf8());
	const type = utf8();
	const Batch = batchType(type);
	return new Column([new Batch({ length: values.length, nullCount: 0, type, offsets, values: bytes, validity: new Uint8Array(0) })]);
}

/** Repetitive columns as dictionaries (one per table, shared ids), communes as plain utf8. */
function membersTable(cols: MemberColumns) {
	const dicts = dictionaryContext();
	const dict = (v: (string | null)[]) => columnFromValues(v, dictionary(utf8(), int32()), {}, dicts);
	return tableFromColumns({
		set_id: dict(cols.set_id),
		territory: dict(cols.territory),
		territory_name: dict(cols.territory_name),
		kind: dict(cols.kind),
		commune: utf8Column(cols.commune),
		finess: dict(cols.finess),
		unit: dict(cols.unit)
	});
}

/**
 * Inserts or replaces every row of `set.id`, atomically. Returns the number of member rows.
 * Rows travel as one Arrow IPC buffer appended inside the transaction: a national set takes tens
 * of milliseconds, where batched INSERTs with bound values took over a second.
 */
export async function registerTerritorySet(db: DatabaseLike, set: TerritorySet): Promise<number> {
	const start = performance.now();
	const cols = memberColumns(set);
	const n = cols.commune.length;
	const bytes = n ? tableToIPC(membersTable(cols), { format: 'stream' }) : null;
	await ensureTerritoryTable(db);
	await replaceRows(db, TERRITORY_TABLE, 'set_id', set.id, bytes);
	performance.measure(`territories:register:${set.id}`, { start, detail: { rows: n } }); // read by the benchmark
	return n;
}

export async function removeTerritorySet(db: DatabaseLike, setId: string): Promise<void> {
	await ensureTerritoryTable(db);
	await query(db, 'DELETE FROM territory_members WHERE set_id = $1', [setId]);
}

// ---------------------------------------------------------------------------------------------
// Adapters from the stored records (territory-store.ts) — structural, to keep imports one-way.

export function sectorSetToTerritorySet(s: {
	id: string;
	name: string;
	sectors: { code: string; type: SectorType; name: string | null; finess: string | null; communes: string[] }[];
}): TerritorySet {
	return {
		id: s.id,
		label: s.name,
		level: 'sector',
		territories: s.sectors.map((x) => ({ code: x.code, name: x.name ?? x.code, kind: x.type, communes: x.communes, finess: x.finess }))
	};
}

export function customTerritoriesToSet(id: string, label: string, territories: { id: string; name: string; communes: string[] }[]): TerritorySet {
	return {
		id,
		label,
		level: 'custom',
		territories: territories.map((t) => ({ code: t.id, name: t.name, kind: 'custom', communes: t.communes, finess: null }))
	};
}

// ---------------------------------------------------------------------------------------------
// Approximate catchments

export const APPROX_LABEL = 'Approximation (établissement le plus proche), pas les secteurs officiels';

const DISCIPLINE = { G: 'GEN', I: 'INF' } as const;

interface SiteRow {
	fi: string;
	name: string;
	dep: string | null;
	lon: number | null;
	lat: number | null;
}
interface CommunePoint {
	code: string;
	lon: number | null;
	lat: number | null;
}

/**
 * Each commune goes to the nearest establishment (great circle, same land group) that runs
 * sectors of the discipline in the SAE (`nb_sect > 0`, latest year), from the commune's
 * interior point. One territory per establishment, whatever the number of sectors it runs.
 */
export async function approximateCatchments(db: DatabaseLike, type: SectorType, year = 2023): Promise<TerritorySet> {
	const sites = await query<SiteRow>(
		db,
		`SELECT e.fi, any_value(e.name) AS name, any_value(e.dep) AS dep, any_value(e.lon) AS lon, any_value(e.lat) AS lat
		FROM sae_establishments e JOIN sae_psy s ON s.fi = e.fi
		WHERE s.year = $1::INTEGER AND s.dis = $2 AND s.nb_sect > 0
		GROUP BY e.fi ORDER BY e.fi`,
		[year, DISCIPLINE[type]]
	);
	const communes = await query<CommunePoint>(db, 'SELECT code, lon, lat FROM communes ORDER BY code');
	const index = buildSiteIndex(sites.map((s) => ({ id: s.fi, lon: s.lon, lat: s.lat, dep: s.dep, type: 'psy' })));
	const { site } = nearestSites(communes, index, 'psy');
	const byFi = new Map<number, string[]>();
	const unassigned: string[] = [];
	communes.forEach((c, i) => {
		const s = site[i]!;
		if (s < 0) unassigned.push(c.code);
		else {
			let l = byFi.get(s);
			if (!l) byFi.set(s, (l = []));
			l.push(c.code);
		}
	});
	const unplaced = sites.filter((s) => s.lon === null || s.lat === null).map((s) => s.fi);
	const notes = [
		`${APPROX_LABEL}. Chaque commune est rattachée à l’établissement le plus proche (distance à vol d’oiseau depuis le point intérieur de la commune) parmi ceux qui déclarent des secteurs ${type === 'G' ? 'de psychiatrie générale' : 'de psychiatrie infanto-juvénile'} dans la SAE ${year}.`
	];
	if (unassigned.length) notes.push(`${unassigned.length} commune(s) sans coordonnées ou sans établissement dans le même territoire terrestre : non rattachées.`);
	const orphans = sites.length - unplaced.length - byFi.size;
	if (orphans > 0)
		notes.push(
			`${orphans} établissement(s) plus proche(s) d’aucune commune (souvent un autre établissement au même endroit) : sans zone, leurs capacités ne sont pas rattachées en mode « par FINESS ».`
		);
	if (unplaced.length) notes.push(`${unplaced.length} établissement(s) sans coordonnées, ignoré(s) : ${unplaced.join(', ')}.`);
	return {
		id: `approx-${type}-${year}`,
		label: `${APPROX_LABEL} (${type === 'G' ? 'adultes' : 'enfants et adolescents'})`,
		level: 'sector',
		territories: [...byFi].map(([s, list]) => ({
			code: sites[s]!.fi,
			name: sites[s]!.name,
			kind: type,
			communes: list,
			finess: sites[s]!.fi
		})),
		notes
	};
}
