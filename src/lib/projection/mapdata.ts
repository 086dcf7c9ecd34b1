/**
 * What the projection map shows for a view: the indicator's values at the view's maille, and for
 * units drawn on communes (EPCI, sectors) which unit each commune of the département belongs to,
 * so that only the département is coloured and the rest stays pale. No DOM.
 */
import { query, type DatabaseLike } from '../db/query';
import { defaultKinds } from '../indicators/sql';
import { indicatorFrame } from '../queries/indicators';
import { portOf } from '../queries/port';
import type { IndicatorDef, IndicatorValue } from '../indicators/types';
import type { ProjectionMaille, SectorType } from '../territories/level';
import type { SectorChoice } from './sequence';

/** A sector set fits an indicator when its type is one the measure's disciplines use (G adults, I children). */
export function sectorFits(def: IndicatorDef, type: SectorType): boolean {
	return defaultKinds(def, 'sector')?.includes(type) ?? true;
}

export async function levelValues(db: DatabaseLike, def: IndicatorDef, maille: ProjectionMaille, sectors: SectorChoice | null): Promise<Map<string, IndicatorValue>> {
	const opts = maille === 'sector' && sectors ? { setId: sectors.setId, kinds: [sectors.type] } : {};
	const rows = await indicatorFrame(portOf(db), def, maille, opts);
	return new Map(rows.map((r) => [r.code, r]));
}

/** Commune → EPCI or sector, for the communes of département `dep` only (an arrondissement code for a member that is part of Paris, Lyon or Marseille). */
export async function communeOwners(db: DatabaseLike, dep: string, maille: 'epci' | 'sector', sectors: SectorChoice | null): Promise<Map<string, string>> {
	const rows =
		maille === 'epci'
			? await query<{ c: string; t: string }>(db, 'SELECT code AS c, epci AS t FROM communes WHERE dep = $1 AND epci IS NOT NULL', [dep])
			: await query<{ c: string; t: string }>(
					db,
					`SELECT COALESCE(tm.unit, tm.commune) AS c, tm.territory AS t FROM territory_members tm JOIN communes c ON c.code = tm.commune
					 WHERE c.dep = $1 AND tm.set_id = $2 AND tm.kind = $3 ORDER BY 2, 1`,
					[dep, sectors?.setId ?? null, sectors?.type ?? null]
				);
	const owner = new Map<string, string>();
	// A commune listed in two sectors goes to the first, as on the other maps.
	for (const r of rows) if (!owner.has(String(r.c))) owner.set(String(r.c), String(r.t));
	return owner;
}
