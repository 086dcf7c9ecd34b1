/**
 * Communes as the main map needs them: their names (the TopoJSON carries codes only) and which
 * territory owns each commune on levels drawn as communes (EPCI, sectors, custom territories).
 */
import type { TerritoryKind } from '../geo/territories';
import type { QueryPort } from './port';

/** Commune code → name, every commune of the reference geography. */
export async function communeNames(port: QueryPort): Promise<Map<string, string>> {
	const rows = await port.query<{ code: string; name: string }>('SELECT code::VARCHAR AS code, name FROM communes');
	return new Map(rows.map((r) => [String(r.code), r.name]));
}

/** Whose communes: the EPCI, or the territories of a registered set (optionally of some kinds). */
export type OwnerScope = { level: 'epci' } | { level: 'set'; setId: string; kinds?: readonly TerritoryKind[] };

/**
 * Commune → territory. A commune listed in two territories of a set goes to the first in code
 * order (as on the Territoires map). Inside Paris, Lyon and Marseille the key is the member's
 * unit: an arrondissement code (75113) when the territory holds only part of the city, so a
 * sector of three arrondissements never owns the whole city (the city code is then unowned).
 */
export async function communeOwners(port: QueryPort, scope: OwnerScope): Promise<Map<string, string>> {
	let rows: { code: string; t: string }[];
	if (scope.level === 'epci') rows = await port.query('SELECT code::VARCHAR AS code, epci::VARCHAR AS t FROM communes WHERE epci IS NOT NULL');
	else {
		const params: unknown[] = [scope.setId];
		const kinds = scope.kinds ?? [];
		const inList = kinds.map((k) => (params.push(k), `$${params.length}`)).join(', ');
		rows = await port.query(
			`SELECT COALESCE(unit, commune)::VARCHAR AS code, territory::VARCHAR AS t FROM territory_members
			WHERE set_id = $1${kinds.length ? ` AND kind IN (${inList})` : ''} ORDER BY 2, 1`,
			params
		);
	}
	const m = new Map<string, string>();
	for (const r of rows) if (!m.has(r.code)) m.set(r.code, r.t);
	return m;
}
