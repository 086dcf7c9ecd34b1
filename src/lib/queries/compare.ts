/** Territories the comparer offers: every administrative one, and the territories of a saved set. */
import type { TerritoryKind } from '../territories/level';
import type { QueryPort } from './port';

export interface AdminCandidate {
	level: 'region' | 'departement' | 'epci' | 'commune';
	code: string;
	name: string;
	/** Département of a commune (its own code for a département), else null. */
	dep: string | null;
}

/** Régions, départements, EPCI and communes (in that order), codes as text. */
export async function adminCandidates(port: QueryPort): Promise<AdminCandidate[]> {
	const rows = await port.query<AdminCandidate>(
		`SELECT 'region' AS level, code, name, NULL AS dep FROM regions
		 UNION ALL SELECT 'departement', code, name, code FROM departements
		 UNION ALL SELECT 'epci', code, name, NULL FROM epci
		 UNION ALL SELECT 'commune', code, name, dep FROM communes`
	);
	return rows.map((r) => ({ level: r.level, code: String(r.code), name: r.name, dep: r.dep === null ? null : String(r.dep) }));
}

/** The territories of one kind in a registered set, by code. */
export async function setTerritories(port: QueryPort, setId: string, kind: TerritoryKind): Promise<{ code: string; name: string }[]> {
	const rows = await port.query<{ code: string; name: string }>(
		'SELECT territory AS code, any_value(territory_name) AS name FROM territory_members WHERE set_id = $1 AND kind = $2 GROUP BY 1 ORDER BY 1',
		[setId, kind]
	);
	return rows.map((r) => ({ code: String(r.code), name: r.name }));
}
