/** Reads what the accessibility page needs from DuckDB (communes, sites, names). */
import { agePopulations, buildBaseline, buildCommunes, FINESS_GROUPS, type CommuneRow, type DepAgeRow, type FinessRow, type GpRow, type HsRow, type SaeRow } from '../baseline';
import type { Communes } from '../compute';
import type { Site } from '../model';

type Query = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

export interface AccessData {
	communes: Communes;
	baseline: Site[];
	depNames: Map<string, string>;
	regNames: Map<string, string>;
	/** Communes whose age structure is the national one (département without age figures). */
	ageFallback: number;
	/** SAE establishments declaring CMP but without a position: left out of the map, stated. */
	cmpUnplaced: UnplacedCmp[];
	/** true when the FINESS extract is loaded (CMP and CATTP at their address, medico-social kinds). */
	finess: boolean;
}

export interface UnplacedCmp { dis: string; establishments: number; cmp: number }

export const CMP_UNPLACED_SQL = `SELECT CAST(p.dis AS VARCHAR) AS dis, COUNT(*)::INTEGER AS establishments, SUM(p.nb_cmp)::DOUBLE AS cmp
	FROM sae_establishments e JOIN sae_psy p ON p.fi = e.fi AND p.year = 2023
	WHERE e.in_2023 AND (e.lon IS NULL OR e.lat IS NULL) AND p.nb_cmp > 0 AND CAST(p.dis AS VARCHAR) IN ('GEN', 'INF')
	GROUP BY 1 ORDER BY 1`;

/** SAE establishments with psychiatry (general, child) in 2023 and a known position. */
export const SAE_SITES_SQL = `SELECT e.fi, e.name, CAST(e.dep AS VARCHAR) AS dep, e.lon, e.lat, CAST(p.dis AS VARCHAR) AS dis, p.cap_htp, p.cap_hdj, p.nb_cmp
	FROM sae_establishments e JOIN sae_psy p ON p.fi = e.fi AND p.year = 2023
	WHERE e.in_2023 AND e.lon IS NOT NULL AND e.lat IS NOT NULL AND CAST(p.dis AS VARCHAR) IN ('GEN', 'INF')`;

/** Geocoded FINESS establishments of the groups the page maps (`group` is a reserved word). */
export const FINESS_SITES_SQL = `SELECT finess, name, CAST("group" AS VARCHAR) AS grp, CAST(dep AS VARCHAR) AS dep, lon, lat
	FROM finess_facilities
	WHERE lon IS NOT NULL AND lat IS NOT NULL AND CAST("group" AS VARCHAR) IN (${FINESS_GROUPS.map(() => '?').join(', ')})
	ORDER BY finess`;

/** FINESS site rows, or null when the extract is not loaded (no query made). */
export async function loadFinessSites(query: Query, present: boolean): Promise<FinessRow[] | null> {
	return present ? query<FinessRow>(FINESS_SITES_SQL, [...FINESS_GROUPS]) : null;
}

/**
 * `hasFiness` is asked once the database is ready (after the first queries): whether the
 * optional FINESS extract was loaded.
 */
export async function loadAccessData(query: Query, hasFiness: () => boolean = () => false): Promise<AccessData> {
	const [cRows, sae, hs, gp, deps, regs, ages, unplaced] = await Promise.all([
		query<CommuneRow>(
			`SELECT code, name, CAST(dep AS VARCHAR) AS dep, CAST(reg AS VARCHAR) AS reg, population, lon, lat
			 FROM communes WHERE lon IS NOT NULL AND lat IS NOT NULL ORDER BY code`
		),
		query<SaeRow>(SAE_SITES_SQL),
		query<HsRow>(
			`SELECT finess, name, site_name, CAST(psy_kind AS VARCHAR) AS psy_kind, lon, lat, commune
			 FROM hospital_sites WHERE CAST(psy_kind AS VARCHAR) IN ('hdj', 'cmp', 'cattp') AND lon IS NOT NULL AND lat IS NOT NULL`
		),
		query<GpRow>(
			`SELECT g.commune, c.name, CAST(c.dep AS VARCHAR) AS dep, c.lon, c.lat, g.gp_practices AS gp
			 FROM gp_practices g JOIN communes c ON c.code = g.commune
			 WHERE g.gp_practices > 0 AND c.lon IS NOT NULL AND c.lat IS NOT NULL`
		),
		query<{ code: string; name: string }>(`SELECT code, name FROM departements`),
		query<{ code: string; name: string }>(`SELECT code, name FROM regions`),
		query<DepAgeRow>(`SELECT CAST(dep AS VARCHAR) AS dep, pop_total, pop_16_plus, pop_0_15 FROM population_dep WHERE year = 2023`),
		query<UnplacedCmp>(CMP_UNPLACED_SQL)
	]);
	const finess = await loadFinessSites(query, hasFiness());
	const communes = buildCommunes(cRows);
	const age = agePopulations(communes, ages);
	communes.popAdult = age.adult;
	communes.popChild = age.child;
	return {
		communes,
		baseline: buildBaseline(sae, hs, gp, finess),
		depNames: new Map(deps.map((d) => [String(d.code), String(d.name)])),
		regNames: new Map(regs.map((d) => [String(d.code), String(d.name)])),
		ageFallback: age.fallback,
		cmpUnplaced: unplaced.map((u) => ({ dis: String(u.dis), establishments: Number(u.establishments), cmp: Number(u.cmp) })),
		finess: finess !== null
	};
}
