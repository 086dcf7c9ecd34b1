/**
 * Pure SQL builder for catalogue indicators: one row per territory of a level,
 * `{code, name, value, numerator, denominator}`. Identifiers come from fixed maps or the
 * catalogue's whitelist; every value (years, disciplines, scale) is a bound parameter.
 */
import { ident } from '../db/query';
import type { Level } from '../db/types';
import type { IndicatorDef, PopulationBase, SaeMeasureColumn } from './types';

export const SAE_COLUMNS: readonly SaeMeasureColumn[] = [
	'cap_htp',
	'cap_hdj',
	'cap_hdn',
	'cap_pft',
	'cap_aat',
	'cap_acp',
	'cap_ccu',
	'cap_had',
	'nb_cmp',
	'nb_cattp',
	'nb_sect'
];

/** Age-specific denominators: population_dep has 2022 and 2023. */
export const DEFAULT_POP_YEAR = 2023;

const AGE_COLUMN: Record<Exclude<PopulationBase, 'total'>, string> = {
	age_16_plus: 'pop_16_plus',
	age_0_15: 'pop_0_15'
};

/** Territory code of a commune row `c` at each level. */
const COMMUNE_KEY: Record<Level, string> = {
	commune: 'c.code',
	epci: 'c.epci',
	departement: 'c.dep',
	region: 'c.reg',
	france: "'FR'"
};

const TERRITORIES: Record<Level, string> = {
	commune: 'SELECT code, name FROM communes',
	epci: 'SELECT code, name FROM epci',
	departement: 'SELECT code, name FROM departements',
	region: 'SELECT code, name FROM regions',
	france: "SELECT 'FR' AS code, 'France' AS name"
};

export interface IndicatorQuery {
	sql: string;
	params: unknown[];
	/** true when the denominator is estimated at this level (see def.estimate). */
	estimated: boolean;
}

class Binder {
	readonly params: unknown[] = [];
	bind(v: unknown): string {
		this.params.push(v);
		return `$${this.params.length}`;
	}
}

/** Age denominators below the département are the commune population × its département's age share. */
export function isEstimated(def: IndicatorDef, level: Level): boolean {
	return (def.base === 'age_16_plus' || def.base === 'age_0_15') && (level === 'commune' || level === 'epci');
}

export function indicatorSql(def: IndicatorDef, level: Level, opts: { year?: number } = {}): IndicatorQuery {
	if (!def.levels.includes(level)) throw new Error(`Indicateur « ${def.id} » non calculable au niveau ${level}.`);
	const m = def.measure;
	if (!m) throw new Error(`Indicateur « ${def.id} » sans mesure définie.`);
	const b = new Binder();
	const key = COMMUNE_KEY[level];

	let num: string;
	let year = opts.year ?? DEFAULT_POP_YEAR;
	if (m.table === 'sae_psy') {
		year = opts.year ?? m.year;
		const col = ident(m.column, SAE_COLUMNS);
		const y = b.bind(year);
		const dis = m.disciplines.map((d) => b.bind(d)).join(', ');
		// Capacity goes to the establishment's commune; any_value guards against a duplicated fi.
		num = `SELECT ${key} AS code, SUM(s.${col})::DOUBLE AS n
		FROM sae_psy s
		JOIN (SELECT fi, any_value(commune) AS commune FROM sae_establishments GROUP BY fi) e ON e.fi = s.fi
		JOIN communes c ON c.code = e.commune
		WHERE s.year = ${y}::INTEGER AND s.dis IN (${dis})
		GROUP BY 1`;
	} else if (m.table === 'gp_practices') {
		num = `SELECT ${key} AS code, SUM(g.gp_practices)::DOUBLE AS n
		FROM gp_practices g JOIN communes c ON c.code = g.commune
		GROUP BY 1`;
	} else {
		num = `SELECT ${key} AS code, SUM(c.population)::DOUBLE AS n FROM communes c GROUP BY 1`;
	}

	const den = def.base ? denominatorSql(def.base, level, b, year) : null;
	const scale = b.bind(def.scale);
	const value = den
		? `CASE WHEN den.d > 0 THEN COALESCE(num.n, 0) * ${scale}::DOUBLE / den.d END`
		: `COALESCE(num.n, 0) * ${scale}::DOUBLE`;

	const sql = `WITH t AS (${TERRITORIES[level]}),
	num AS (${num})${den ? `,\n\tden AS (${den})` : ''}
SELECT t.code::VARCHAR AS code, t.name::VARCHAR AS name, ${value} AS value,
	COALESCE(num.n, 0) AS numerator, ${den ? 'den.d' : 'NULL::DOUBLE'} AS denominator
FROM t
LEFT JOIN num ON num.code = t.code${den ? '\nLEFT JOIN den ON den.code = t.code' : ''}
ORDER BY t.code`;
	return { sql, params: b.params, estimated: isEstimated(def, level) };
}

/**
 * `den(code, d)`: d is null when any part of the territory lacks a population figure, so a
 * partial sum never passes for a rate.
 */
function denominatorSql(base: PopulationBase, level: Level, b: Binder, year: number): string {
	const key = COMMUNE_KEY[level];
	if (base === 'total') {
		return `SELECT ${key} AS code,
			CASE WHEN COUNT(*) = COUNT(c.population) THEN SUM(c.population)::DOUBLE END AS d
		FROM communes c GROUP BY 1`;
	}
	const col = AGE_COLUMN[base];
	const y = b.bind(year);
	if (level === 'departement') {
		return `SELECT pd.dep AS code, pd.${col}::DOUBLE AS d FROM population_dep pd WHERE pd.year = ${y}::INTEGER`;
	}
	if (level === 'region' || level === 'france') {
		const dkey = level === 'region' ? 'd.reg' : "'FR'";
		return `SELECT ${dkey} AS code,
			CASE WHEN COUNT(*) = COUNT(pd.${col}) THEN SUM(pd.${col})::DOUBLE END AS d
		FROM departements d LEFT JOIN population_dep pd ON pd.dep = d.code AND pd.year = ${y}::INTEGER
		GROUP BY 1`;
	}
	return `SELECT ${key} AS code,
			CASE WHEN COUNT(*) = COUNT(sh.share) THEN SUM(c.population * sh.share)::DOUBLE END AS d
		FROM communes c
		LEFT JOIN (
			SELECT dep, pd.${col}::DOUBLE / NULLIF(pd.pop_total, 0) AS share
			FROM population_dep pd WHERE pd.year = ${y}::INTEGER
		) sh ON sh.dep = c.dep
		GROUP BY 1`;
}
