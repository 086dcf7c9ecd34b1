/**
 * Territory sets registered in DuckDB (`territory_members`: sector sets, custom territories,
 * approximations): one row per territory with its communes, population and départements, and
 * the lists the choosers need. Every value is bound.
 */
import type { QueryPort } from './port';

/** Which territories of a set: a kind (G, I, custom) and optionally one territory. */
export interface SetScope {
	setId: string;
	kind: string;
	territory?: string | null;
}

export interface SetTerritoryRow {
	code: string;
	name: string;
	kind: string;
	communes: number;
	population: number | null;
	deps: string;
}

export interface SetTerritory extends SetTerritoryRow {
	/** COG codes of its communes, in code order. */
	members: string[];
}

const SCOPE = 'tm.set_id = $1 AND tm.kind = $2 AND ($3::VARCHAR IS NULL OR tm.territory = $3::VARCHAR)';
const scopeParams = (s: SetScope) => [s.setId, s.kind, s.territory ?? null];

/** The territories of a set scope, in code order, with their member communes. */
export async function setTerritories(port: QueryPort, scope: SetScope): Promise<SetTerritory[]> {
	const params = scopeParams(scope);
	const [agg, members] = await Promise.all([
		port.query<SetTerritoryRow>(
			`SELECT tm.territory AS code, any_value(tm.territory_name) AS name, any_value(tm.kind) AS kind,
				count(*)::INTEGER AS communes, sum(CASE WHEN tm.unit IS NULL THEN c.population ELSE a.population END)::DOUBLE AS population,
				coalesce(string_agg(DISTINCT CAST(c.dep AS VARCHAR), ', ' ORDER BY CAST(c.dep AS VARCHAR)), '') AS deps
			FROM territory_members tm LEFT JOIN communes c ON c.code = tm.commune LEFT JOIN arrondissements a ON a.code = tm.unit
			WHERE ${SCOPE} GROUP BY tm.territory ORDER BY tm.territory`,
			params
		),
		// Members as units: an arrondissement code when the territory holds part of Paris, Lyon or Marseille.
		port.query<{ territory: string; commune: string }>(
			`SELECT tm.territory, COALESCE(tm.unit, tm.commune) AS commune FROM territory_members tm WHERE ${SCOPE} ORDER BY 1, 2`,
			params
		)
	]);
	const by = new Map<string, string[]>();
	for (const m of members) {
		let l = by.get(m.territory);
		if (!l) by.set(m.territory, (l = []));
		l.push(m.commune);
	}
	return agg.map((r) => ({ ...r, members: by.get(r.code) ?? [] }));
}

export interface CommunePoint {
	code: string;
	lon: number;
	lat: number;
}

/** Commune reference points (for the lasso and clicks). */
export function communePoints(port: QueryPort): Promise<CommunePoint[]> {
	return port.query<CommunePoint>('SELECT code, lon, lat FROM communes WHERE lon IS NOT NULL AND lat IS NOT NULL');
}

export interface SetOption {
	code: string;
	name: string;
}

/**
 * The territories of a set as chooser options. An approximate zone is named after its
 * establishment (code = FINESS): prefixed by the département and ordered by it, to help find it.
 */
export async function setOptions(port: QueryPort, setId: string, kind: string, approx: boolean): Promise<SetOption[]> {
	const rows = await port.query<SetOption & { dep: string | null }>(
		`SELECT tm.territory AS code, any_value(tm.territory_name) AS name, any_value(e.dep) AS dep
		FROM territory_members tm LEFT JOIN sae_establishments e ON e.fi = tm.territory
		WHERE tm.set_id = $1 AND tm.kind = $2 GROUP BY 1 ORDER BY ${approx ? '3, 2, 1' : '2, 1'}`,
		[setId, kind]
	);
	return rows.map((x) => {
		const name = x.name ?? String(x.code);
		return { code: String(x.code), name: approx && x.dep ? `${x.dep} — ${name}` : name };
	});
}

/**
 * The set's territory holding the most populated commune of a département or région (the zone
 * around Lyon from the Rhône); without one, or when none lies there, the first code.
 */
export async function firstTerritory(port: QueryPort, setId: string, kind: string, within: { level: 'departement' | 'region'; code: string } | null): Promise<string | null> {
	const inside = within ? (within.level === 'departement' ? 'c.dep = $3' : 'c.reg = $3') : null;
	const [r] = await port.query<{ code: string }>(
		`SELECT tm.territory AS code FROM territory_members tm LEFT JOIN communes c ON c.code = tm.commune
		WHERE tm.set_id = $1 AND tm.kind = $2
		ORDER BY ${inside ? `CASE WHEN ${inside} THEN c.population END DESC NULLS LAST, ` : ''}tm.territory LIMIT 1`,
		within ? [setId, kind, within.code] : [setId, kind]
	);
	return r?.code ? String(r.code) : null;
}
