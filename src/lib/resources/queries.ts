/**
 * The directory's reads from DuckDB: territory lists and memberships. SQL lives here, bound
 * parameters only; the page passes its query function.
 */
import type { TerritoryKind } from '../territories/level';
export type Query = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

export interface CommuneRef {
	code: string;
	name: string;
	dep: string;
	reg: string;
	epci: string | null;
	lon: number | null;
	lat: number | null;
}

/** Communes, former codes, régions, départements and EPCI, in one round of queries. */
export function loadTerritoryRefs(query: Query) {
	return Promise.all([
		query<CommuneRef>('SELECT code, name, dep, reg, epci, lon, lat FROM communes'),
		query<{ alias: string; code: string }>('SELECT alias, code FROM commune_aliases'),
		query<{ code: string; name: string }>('SELECT code, name FROM regions ORDER BY name'),
		query<{ code: string; name: string; reg: string }>('SELECT code, name, reg FROM departements ORDER BY code'),
		query<{ code: string; name: string }>('SELECT code, name FROM epci ORDER BY name')
	]);
}

/**
 * Communes of a registered set, of one kind, optionally of one territory of it; a member that is
 * part of Paris, Lyon or Marseille comes as its arrondissement code (the city is not listed).
 */
export async function setCommunes(query: Query, setId: string, kind: TerritoryKind, code: string | null): Promise<string[]> {
	const r = await query<{ commune: string }>(
		'SELECT DISTINCT COALESCE(unit, commune) AS commune FROM territory_members WHERE set_id = $1 AND kind = $2 AND ($3::VARCHAR IS NULL OR territory = $3::VARCHAR)',
		[setId, kind, code]
	);
	return r.map((x) => String(x.commune));
}

/** Territories (code, name) of a registered set, of one kind. */
export async function setTerritories(query: Query, setId: string, kind: TerritoryKind): Promise<{ code: string; name: string }[]> {
	const r = await query<{ code: string; name: string | null }>(
		'SELECT territory AS code, any_value(territory_name) AS name FROM territory_members WHERE set_id = $1 AND kind = $2 GROUP BY 1 ORDER BY 2, 1',
		[setId, kind]
	);
	return r.map((x) => ({ code: String(x.code), name: x.name ?? String(x.code) }));
}
