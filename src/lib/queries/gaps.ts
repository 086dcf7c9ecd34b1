/**
 * Queries of the gap analysis beyond indicator frames: the FINESS attribution account of a
 * sector set, and which communes make each EPCI or set territory (to draw them on the gap map).
 */
import { attributionAccountSql, type AttributionAccount } from '../indicators/sql';
import type { TerritoryKind } from '../territories/level';
import type { IndicatorDef } from '../indicators/types';
import type { QueryPort } from './port';

/** What FINESS attribution moved for one set (attributed, from outside, left out), or null. */
export async function attributionAccount(port: QueryPort, def: IndicatorDef, opts: { setId: string; kinds: TerritoryKind[] }): Promise<AttributionAccount | null> {
	const a = attributionAccountSql(def, opts);
	return (await port.query<AttributionAccount>(a.sql, a.params))[0] ?? null;
}

export type MemberScope = { epciOf: string } | { setId: string; kind: TerritoryKind | null };

/**
 * Territory code → its communes: the EPCI with a commune in a département, or a set's territories
 * (of one kind), whose members inside Paris, Lyon and Marseille are arrondissement codes when the
 * territory holds only part of the city.
 */
export async function communesByTerritory(port: QueryPort, scope: MemberScope): Promise<Map<string, string[]>> {
	const rows =
		'epciOf' in scope
			? await port.query<{ c: string; t: string }>('SELECT code AS c, epci AS t FROM communes WHERE epci IN (SELECT epci FROM communes WHERE dep = $1)', [scope.epciOf])
			: await port.query<{ c: string; t: string }>(
					`SELECT COALESCE(unit, commune) AS c, territory AS t FROM territory_members WHERE set_id = $1${scope.kind ? ' AND kind = $2' : ''}`,
					scope.kind ? [scope.setId, scope.kind] : [scope.setId]
				);
	const out = new Map<string, string[]>();
	for (const r of rows) {
		const t = String(r.t);
		const list = out.get(t);
		if (list) list.push(String(r.c));
		else out.set(t, [String(r.c)]);
	}
	return out;
}
