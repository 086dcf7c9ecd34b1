/**
 * Pure SQL builder for catalogue indicators: one row per territory of a level,
 * `{code, name, value, numerator, denominator}` (evolutions add the two years' figures).
 * Identifiers come from fixed maps or the catalogue's whitelist; every value (years,
 * disciplines, scale, set ids) is a bound parameter.
 */
import { ident } from '../db/query';
import { isSetLevel, type AdminLevel, type TerritoryKind, type TerritoryLevel } from '../territories/level';
import { SAE_MEASURE_COLUMNS, type IndicatorDef, type IndicatorValue, type PopulationBase, type SaeMeasureColumn } from './types';

export const SAE_COLUMNS: readonly SaeMeasureColumn[] = SAE_MEASURE_COLUMNS;

/** Age-specific denominators: population_dep has 2022 and 2023. */
export const DEFAULT_POP_YEAR = 2023;

/** The Atlas medico-social densities are per 100 000 aged ≥ 20 (see catalogue.ts, medicoSocial). */
const ATLAS_DENSITY_SCALE = 100_000;

const AGE_COLUMN: Record<Exclude<PopulationBase, 'total'>, string> = {
	age_16_plus: 'pop_16_plus',
	age_0_15: 'pop_0_15',
	age_20_59: 'pop_20_59'
};
const AGE_COLUMNS = Object.values(AGE_COLUMN);

/** Territory code of a commune row `c` at each administrative level. */
const COMMUNE_KEY: Record<AdminLevel, string> = {
	commune: 'c.code',
	epci: 'c.epci',
	departement: 'c.dep',
	region: 'c.reg',
	france: "'FR'"
};

const TERRITORIES: Record<AdminLevel, string> = {
	commune: 'SELECT code, name FROM communes',
	epci: 'SELECT code, name FROM epci',
	departement: 'SELECT code, name FROM departements',
	region: 'SELECT code, name FROM regions',
	france: "SELECT 'FR' AS code, 'France' AS name"
};

export type Attribution = 'commune' | 'sector_finess';

export interface IndicatorSqlOptions {
	/** SAE year (default: the measure's) and population year (default 2023, or the SAE year). */
	year?: number;
	/** Territory set (territory_members.set_id): required for 'sector' and 'custom'. */
	setId?: string;
	/**
	 * 'commune' (default): capacity goes to the territory of the establishment's commune.
	 * 'sector_finess' (level 'sector' only): to the sectors naming the establishment's FINESS,
	 * split equally among its sectors of the matching type (GEN → G, INF → I).
	 */
	attribution?: Attribution;
	/** Sector types kept at level 'sector'; default: the indicator's disciplines (GEN → G, INF → I). */
	kinds?: TerritoryKind[];
	/** Rows kept: these codes, or the territories within a département or région (bound, never spliced). */
	filter?: TerritoryFilter;
}

/**
 * Which rows of a level a caller wants. `within` keeps the communes, EPCI (any of whose communes
 * lies inside) or départements of a département or région.
 */
export type TerritoryFilter =
	| { codes: readonly string[] }
	| { within: { level: 'departement' | 'region'; code: string } }
	/** Communes that are members of one territory of a set (level 'commune'). */
	| { membersOf: { setId: string; territory: string; kind: TerritoryKind } };

export interface IndicatorQuery {
	sql: string;
	params: unknown[];
	/** true when the denominator is estimated at this level (see def.estimate). */
	estimated: boolean;
}

class Binder {
	readonly params: unknown[] = [];
	private memo = new Map<unknown, string>();
	bind(v: unknown): string {
		this.params.push(v);
		return `$${this.params.length}`;
	}
	/** Same placeholder for the same value (DuckDB allows reusing $n). */
	once(v: unknown): string {
		let p = this.memo.get(v);
		if (!p) this.memo.set(v, (p = this.bind(v)));
		return p;
	}
}

const AGE_BASES: PopulationBase[] = ['age_16_plus', 'age_0_15', 'age_20_59'];

/** Every level an indicator can be computed at: sectors and custom territories wherever communes are. */
export function levelsOf(def: IndicatorDef): TerritoryLevel[] {
	const m = def.measure;
	if (m?.table === 'own_values' && m.source === 'sector') return ['sector'];
	return def.levels.includes('commune') ? [...def.levels, 'sector', 'custom'] : [...def.levels];
}

/** Age denominators below the département are the commune population × its département's age share. */
export function isEstimated(def: IndicatorDef, level: TerritoryLevel): boolean {
	return !!def.base && AGE_BASES.includes(def.base) && (level === 'commune' || level === 'epci' || isSetLevel(level));
}

/** Sector types matching the measure's disciplines: adult → G, child → I, both → both. */
export function defaultKinds(def: IndicatorDef, level: TerritoryLevel): TerritoryKind[] | null {
	if (level === 'custom') return ['custom'];
	if (level !== 'sector') return null;
	const m = def.measure;
	if (m?.table !== 'sae_psy') return null;
	const k: TerritoryKind[] = [];
	if (m.disciplines.includes('GEN')) k.push('G');
	if (m.disciplines.includes('INF')) k.push('I');
	return k.length ? k : null;
}

interface Ctx {
	def: IndicatorDef;
	level: TerritoryLevel;
	b: Binder;
	opts: IndicatorSqlOptions;
}

/** The set filter on `tm` (territory_members) for set levels. */
function setFilter(ctx: Ctx): string {
	const { b, opts } = ctx;
	const kinds = opts.kinds ?? defaultKinds(ctx.def, ctx.level);
	const kindSql = kinds ? ` AND tm.kind IN (${kinds.map((k) => b.once(k)).join(', ')})` : '';
	return `tm.set_id = ${b.once(opts.setId)}${kindSql}`;
}

/** A row of an indicator query as the app uses it: code as text, value as a number (DuckDB may return decimals or bigints). */
export function toIndicatorValue(r: IndicatorValue): IndicatorValue {
	return { ...r, code: String(r.code), value: r.value === null ? null : Number(r.value) };
}

/** Key of a commune `c` and the join that gives it (set levels go through territory_members). */
function communeKey(ctx: Ctx): { key: string; join: string } {
	if (isSetLevel(ctx.level)) return { key: 'tm.territory', join: `\n\t\tJOIN territory_members tm ON tm.commune = c.code AND ${setFilter(ctx)}` };
	return { key: COMMUNE_KEY[ctx.level as AdminLevel], join: '' };
}

/**
 * Key and joins for rows of a commune-keyed source that carry an arrondissement through
 * `arrondissement_links` (SAE establishments, FINESS sites). At set levels a member row with a
 * `unit` (part of Paris, Lyon or Marseille) takes only the rows of that arrondissement.
 */
function unitKey(ctx: Ctx, source: 'sae' | 'finess', idExpr: string): { key: string; join: string } {
	if (!isSetLevel(ctx.level)) return communeKey(ctx);
	const src = ctx.b.once(source);
	return {
		key: 'tm.territory',
		join: `\n\t\tLEFT JOIN arrondissement_links ul ON ul.source = ${src} AND ul.id = ${idExpr}
		JOIN territory_members tm ON tm.commune = c.code AND ${setFilter(ctx)} AND (tm.unit IS NULL OR tm.unit = ul.arm)`
	};
}

/**
 * A figure known per commune and, inside Paris, Lyon and Marseille, per arrondissement (population,
 * GP practices), summed over set territories: a whole-commune member takes the commune row, an
 * arrondissement member its arrondissement row, never a share of the city.
 */
function unitFigureSql(ctx: Ctx, communeRows: string, armColumn: 'population' | 'gp_practices'): string {
	const col = ident(armColumn, ['population', 'gp_practices']);
	return `SELECT tm.territory AS code, SUM(x.n)::DOUBLE AS n
		FROM (${communeRows}
			UNION ALL SELECT a.commune, a.code, a.${col}::DOUBLE FROM arrondissements a) x
		JOIN communes c ON c.code = x.commune
		JOIN territory_members tm ON tm.commune = c.code AND ${setFilter(ctx)} AND tm.unit IS NOT DISTINCT FROM x.unit
		GROUP BY 1`;
}

function territoriesSql(ctx: Ctx): string {
	if (isSetLevel(ctx.level)) {
		return `SELECT tm.territory AS code, any_value(tm.territory_name) AS name FROM territory_members tm WHERE ${setFilter(ctx)} GROUP BY 1`;
	}
	return TERRITORIES[ctx.level as AdminLevel];
}

export function indicatorSql(def: IndicatorDef, level: TerritoryLevel, opts: IndicatorSqlOptions = {}): IndicatorQuery {
	if (!levelsOf(def).includes(level)) throw new Error(`Indicateur « ${def.id} » non calculable au niveau ${level}.`);
	if (!def.measure) throw new Error(`Indicateur « ${def.id} » sans mesure définie.`);
	if (isSetLevel(level) && (typeof opts.setId !== 'string' || opts.setId.length === 0)) {
		throw new Error(`Niveau ${level} : choisissez d’abord un jeu de territoires (setId).`);
	}
	if (opts.attribution === 'sector_finess' && (level !== 'sector' || def.measure.table !== 'sae_psy')) {
		throw new Error('Rattachement par FINESS : réservé aux indicateurs SAE au niveau des secteurs.');
	}
	const ctx: Ctx = { def, level, b: new Binder(), opts };
	const body = def.kind === 'evolution' ? evolutionSql(ctx) : stockSql(ctx, opts.year);
	const where = opts.filter ? filterSql(ctx, opts.filter) : null;
	const sql = `SELECT * FROM (${body})${where ? ` WHERE ${where}` : ''} ORDER BY code`;
	return { sql, params: ctx.b.params, estimated: isEstimated(def, level) };
}

/** The outer WHERE of a filter on `code`; an empty code list keeps no row. */
function filterSql(ctx: Ctx, f: TerritoryFilter): string {
	const { b, level } = ctx;
	if ('codes' in f) return f.codes.length ? `code IN (${f.codes.map((c) => b.bind(String(c))).join(', ')})` : 'FALSE';
	if ('membersOf' in f) {
		if (level !== 'commune') throw new Error(`Filtre « membres d’un territoire » réservé au niveau commune (${level}).`);
		const m = f.membersOf;
		return `code IN (SELECT commune FROM territory_members WHERE set_id = ${b.bind(m.setId)} AND territory = ${b.bind(m.territory)} AND kind = ${b.bind(m.kind)})`;
	}
	const col = f.within.level === 'departement' ? 'dep' : 'reg';
	const v = b.bind(f.within.code);
	if (level === 'commune') return `code IN (SELECT code FROM communes WHERE ${col} = ${v})`;
	if (level === 'epci') return `code IN (SELECT epci FROM communes WHERE ${col} = ${v} AND epci IS NOT NULL)`;
	if (level === 'departement' && col === 'reg') return `code IN (SELECT code FROM departements WHERE reg = ${v})`;
	if (level === f.within.level) return `code = ${v}`;
	throw new Error(`Filtre « dans ${f.within.level} » non applicable au niveau ${level}.`);
}

/** value_to − value_from, same denominators as the stock indicator (each year's population). */
function evolutionSql(ctx: Ctx): string {
	const ev = ctx.def.evolution;
	if (!ev) throw new Error(`Indicateur « ${ctx.def.id} » : années d’évolution absentes.`);
	return `WITH a AS (${stockSql(ctx, ev.from)}),
	z AS (${stockSql(ctx, ev.to)})
SELECT z.code, z.name, z.value - a.value AS value, z.numerator - a.numerator AS numerator, z.denominator AS denominator,
	a.value AS value_from, z.value AS value_to, a.numerator AS numerator_from, z.numerator AS numerator_to,
	a.denominator AS denominator_from,
	CASE WHEN a.value <> 0 THEN (z.value - a.value) * 100.0 / a.value END AS change_pct
FROM z LEFT JOIN a ON a.code = z.code`;
}

/** One year's `SELECT code, name, value, numerator, denominator` (no ORDER BY). */
function stockSql(ctx: Ctx, yearOpt: number | undefined): string {
	const { def, b } = ctx;
	const m = def.measure!;
	if (m.table === 'atlas_values') return atlasSql(ctx);
	if (m.table === 'own_values') return ownSql(ctx);

	let num: string;
	let year = yearOpt ?? DEFAULT_POP_YEAR;
	if (m.table === 'sae_psy') {
		year = yearOpt ?? m.year;
		num = ctx.opts.attribution === 'sector_finess' ? saeBySectorFiness(ctx, year) : saeByCommune(ctx, year);
	} else if (m.table === 'finess_facilities') {
		const { key, join } = unitKey(ctx, 'finess', 'f.finess');
		const kinds = m.kinds.map((k) => b.once(k)).join(', ');
		num = `SELECT ${key} AS code, COUNT(*)::DOUBLE AS n
		FROM finess_facilities f JOIN communes c ON c.code = f.commune${join}
		WHERE CAST(f."group" AS VARCHAR) IN (${kinds})
		GROUP BY 1`;
	} else if (m.table === 'gp_practices') {
		const { key, join } = communeKey(ctx);
		num = isSetLevel(ctx.level)
			? unitFigureSql(ctx, 'SELECT g.commune, NULL::VARCHAR AS unit, g.gp_practices::DOUBLE AS n FROM gp_practices g', 'gp_practices')
			: `SELECT ${key} AS code, SUM(g.gp_practices)::DOUBLE AS n
		FROM gp_practices g JOIN communes c ON c.code = g.commune${join}
		GROUP BY 1`;
	} else {
		const { key, join } = communeKey(ctx);
		num = isSetLevel(ctx.level)
			? unitFigureSql(ctx, 'SELECT cc.code AS commune, NULL::VARCHAR AS unit, cc.population::DOUBLE AS n FROM communes cc', 'population')
			: `SELECT ${key} AS code, SUM(c.population)::DOUBLE AS n FROM communes c${join} GROUP BY 1`;
	}

	// A count's value has no denominator, but its row carries the declared population (gap.ts expectation).
	const denBase = def.base ?? def.count?.base ?? null;
	const den = denBase ? denominatorSql(ctx, denBase, year) : null;
	const scale = b.bind(def.scale);
	const value = den && def.base
		? `CASE WHEN den.d > 0 THEN COALESCE(num.n, 0) * ${scale}::DOUBLE / den.d END`
		: `COALESCE(num.n, 0) * ${scale}::DOUBLE`;

	return `WITH t AS (${territoriesSql(ctx)}),
	num AS (${num})${den ? `,\n\tden AS (${den})` : ''}
SELECT t.code::VARCHAR AS code, t.name::VARCHAR AS name, ${value} AS value,
	COALESCE(num.n, 0) AS numerator, ${den ? 'den.d' : 'NULL::DOUBLE'} AS denominator
FROM t
LEFT JOIN num ON num.code = t.code${den ? '\nLEFT JOIN den ON den.code = t.code' : ''}`;
}

function saeFilter(ctx: Ctx, year: number): string {
	const m = ctx.def.measure as Extract<IndicatorDef['measure'], { table: 'sae_psy' }>;
	const dis = m.disciplines.map((d) => ctx.b.once(d)).join(', ');
	return `s.year = ${ctx.b.bind(year)}::INTEGER AND s.dis IN (${dis})`;
}

function saeColumn(ctx: Ctx): string {
	const m = ctx.def.measure as Extract<IndicatorDef['measure'], { table: 'sae_psy' }>;
	return ident(m.column, SAE_COLUMNS);
}

/** Capacity goes to the establishment's commune; any_value guards against a duplicated fi. */
function saeByCommune(ctx: Ctx, year: number): string {
	const col = saeColumn(ctx);
	const { key, join } = unitKey(ctx, 'sae', 'e.fi');
	return `SELECT ${key} AS code, SUM(s.${col})::DOUBLE AS n
		FROM sae_psy s
		JOIN (SELECT fi, any_value(commune) AS commune FROM sae_establishments GROUP BY fi) e ON e.fi = s.fi
		JOIN communes c ON c.code = e.commune${join}
		WHERE ${saeFilter(ctx, year)}
		GROUP BY 1`;
}

/**
 * Capacity of an establishment goes to the sectors of the set that name its FINESS géographique
 * (else, when none does, its FINESS juridique), of the type matching the discipline, split
 * equally among them. Capacity of an establishment named by no sector is not attributed.
 */
function saeBySectorFiness(ctx: Ctx, year: number): string {
	return `WITH ${finessMatchCtes(ctx, year)}
		SELECT territory AS code, SUM(v / k)::DOUBLE AS n FROM (
			SELECT m.*, COUNT(*) OVER (PARTITION BY m.fi, m.dis) AS k FROM m
		) WHERE v IS NOT NULL GROUP BY 1`;
}

/**
 * CTEs `r` (the year's SAE rows: fi, dis, v, fi_ej, commune of the establishment) and `m` (each
 * row once per sector naming it), shared by the indicator and its accounting so both follow
 * the same rule.
 */
function finessMatchCtes(ctx: Ctx, year: number): string {
	const { b } = ctx;
	const col = saeColumn(ctx);
	const kindOf = `CASE r.dis WHEN ${b.once('GEN')} THEN ${b.once('G')} WHEN ${b.once('INF')} THEN ${b.once('I')} END`;
	const targets = `(SELECT DISTINCT tm.territory, tm.kind, tm.finess FROM territory_members tm WHERE ${setFilter(ctx)} AND tm.finess IS NOT NULL)`;
	return `r AS (SELECT s.fi, s.dis, s.${col}::DOUBLE AS v, e.fi_ej, e.commune, ul.arm AS unit
			FROM sae_psy s LEFT JOIN (SELECT fi, any_value(fi_ej) AS fi_ej, any_value(commune) AS commune FROM sae_establishments GROUP BY fi) e ON e.fi = s.fi
			LEFT JOIN arrondissement_links ul ON ul.source = ${b.once('sae')} AND ul.id = s.fi
			WHERE ${saeFilter(ctx, year)}),
		m AS (
			SELECT r.fi, r.dis, r.v, t.territory
			FROM r JOIN ${targets} t ON t.finess = r.fi AND t.kind = ${kindOf}
			UNION ALL
			SELECT r.fi, r.dis, r.v, t.territory
			FROM r JOIN ${targets} t ON t.finess = r.fi_ej AND t.kind = ${kindOf}
			WHERE NOT EXISTS (SELECT 1 FROM ${targets} t2 WHERE t2.finess = r.fi AND t2.kind = ${kindOf})
		)`;
}

/** What FINESS attribution does with the capacity around a sector set (one row, see attributionAccountSql). */
export interface AttributionAccount {
	/** Capacity attributed to the set's sectors (= sum of their numerators) and its establishments. */
	attributed: number;
	attributed_est: number;
	/** Part of it from establishments outside the set's communes. */
	outside: number;
	outside_est: number;
	/** Capacity of establishments inside the set's communes that no sector names: not counted. */
	left_out: number;
	left_out_est: number;
	/** Capacity of establishments inside the set's communes (what commune attribution counts once). */
	inside: number;
	inside_est: number;
}

/**
 * Accounting of FINESS attribution for one sector set: attributed − outside + left_out = inside.
 * Establishments are counted when their capacity is positive.
 */
export function attributionAccountSql(def: IndicatorDef, opts: Omit<IndicatorSqlOptions, 'attribution'> & { setId: string }): { sql: string; params: unknown[] } {
	if (def.measure?.table !== 'sae_psy' || def.kind === 'evolution') throw new Error('Rattachement par FINESS : réservé aux indicateurs SAE de niveau.');
	const ctx: Ctx = { def, level: 'sector', b: new Binder(), opts: { ...opts, attribution: 'sector_finess' } };
	const ctes = finessMatchCtes(ctx, opts.year ?? def.measure.year);
	const part = (name: string, cond: string) =>
		`COALESCE(SUM(v) FILTER (WHERE ${cond}), 0)::DOUBLE AS ${name}, COUNT(DISTINCT fi) FILTER (WHERE ${cond})::INTEGER AS ${name}_est`;
	const sql = `WITH ${ctes},
	x AS (
		SELECT r.fi, r.v,
			EXISTS (SELECT 1 FROM m WHERE m.fi = r.fi AND m.dis = r.dis) AS named,
			EXISTS (SELECT 1 FROM territory_members tm WHERE ${setFilter(ctx)} AND tm.commune = r.commune AND (tm.unit IS NULL OR tm.unit = r.unit)) AS inside
		FROM r WHERE r.v > 0
	)
SELECT ${part('attributed', 'named')},
	${part('outside', 'named AND NOT inside')},
	${part('left_out', 'inside AND NOT named')},
	${part('inside', 'inside')}
FROM x`;
	return { sql, params: ctx.b.params };
}

/**
 * `den(code, d)`: d is null when any part of the territory lacks a population figure, so a
 * partial sum never passes for a rate.
 */
function denominatorSql(ctx: Ctx, base: PopulationBase, year: number): string {
	const { b, level } = ctx;
	const set = isSetLevel(level);
	// A member that is an arrondissement of Paris, Lyon or Marseille counts its own population.
	const from = set
		? `territory_members tm LEFT JOIN communes c ON c.code = tm.commune LEFT JOIN arrondissements a ON a.code = tm.unit`
		: 'communes c';
	const pop = set ? '(CASE WHEN tm.unit IS NULL THEN c.population ELSE a.population END)' : 'c.population';
	const where = set ? ` WHERE ${setFilter(ctx)}` : '';
	const key = set ? 'tm.territory' : COMMUNE_KEY[level as AdminLevel];
	// One row per commune: its own figure, no aggregation (the same doubles as a one-row SUM).
	const perCommune = level === 'commune';
	if (perCommune && base === 'total') return 'SELECT c.code AS code, c.population::DOUBLE AS d FROM communes c';
	if (base === 'total') {
		return `SELECT ${key} AS code,
			CASE WHEN COUNT(*) = COUNT(${pop}) THEN SUM(${pop})::DOUBLE END AS d
		FROM ${from}${where} GROUP BY 1`;
	}
	const col = ident(AGE_COLUMN[base], AGE_COLUMNS);
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
	const d = perCommune
		? `(${pop} * sh.share)::DOUBLE AS d`
		: `CASE WHEN COUNT(*) = COUNT(${pop} * sh.share) THEN SUM(${pop} * sh.share)::DOUBLE END AS d`;
	return `SELECT ${key} AS code,
			${d}
		FROM ${from}
		LEFT JOIN (
			SELECT dep, pd.${col}::DOUBLE / NULLIF(pd.pop_total, 0) AS share
			FROM population_dep pd WHERE pd.year = ${y}::INTEGER
		) sh ON sh.dep = c.dep${where}${perCommune ? '' : '\n\t\tGROUP BY 1'}`;
}

/**
 * Atlas medico-social estimates: implied places per département = published density (per 100 000
 * aged ≥ 20) × pop_20_plus / 100 000, over pop_20_59 × scale. Région and France sum both; null if
 * any of their départements lacks a figure, so a partial sum never passes for a rate.
 */
function atlasSql(ctx: Ctx): string {
	const { b, level } = ctx;
	const m = ctx.def.measure as Extract<IndicatorDef['measure'], { table: 'atlas_values' }>;
	const scale = b.bind(ctx.def.scale);
	const rows = `SELECT d.code, d.reg, av.value * pd.pop_20_plus::DOUBLE / ${b.bind(ATLAS_DENSITY_SCALE)}::DOUBLE AS n, pd.pop_20_59::DOUBLE AS d
		FROM departements d
		LEFT JOIN atlas_values av ON av.dep = d.code AND av.indicator = ${b.bind(m.indicator)} AND av.year = ${b.bind(m.year)}::INTEGER
		LEFT JOIN population_dep pd ON pd.dep = d.code AND pd.year = ${b.bind(m.popYear)}::INTEGER`;
	const key = level === 'departement' ? 'x.code' : level === 'region' ? 'x.reg' : "'FR'";
	return `WITH t AS (${territoriesSql(ctx)}),
	agg AS (
		SELECT ${key} AS code,
			CASE WHEN COUNT(*) = COUNT(x.n) THEN SUM(x.n) END AS n,
			CASE WHEN COUNT(*) = COUNT(x.d) THEN SUM(x.d) END AS d
		FROM (${rows}) x GROUP BY 1
	)
SELECT t.code::VARCHAR AS code, t.name::VARCHAR AS name,
	CASE WHEN agg.d > 0 THEN agg.n * ${scale}::DOUBLE / agg.d END AS value, agg.n AS numerator, agg.d AS denominator
FROM t LEFT JOIN agg ON agg.code = t.code`;
}

/** Table of imported indicator rows (own-indicators/register.ts creates and fills it). */
export const OWN_VALUES_TABLE = 'own_indicator_values';

/**
 * Source territories of an imported indicator and the code each one goes to at the asked level:
 * `src(code, v, key)`, one row per source territory (v null when the file has no row for it).
 */
function ownSourceRows(ctx: Ctx, m: Extract<IndicatorDef['measure'], { table: 'own_values' }>): string {
	const { b, level } = ctx;
	const ind = b.once(m.indicator);
	const values = `(SELECT code, v FROM ${OWN_VALUES_TABLE} WHERE indicator = ${ind})`;
	if (m.source === 'commune') {
		const { key, join } = communeKey(ctx);
		// A member that is part of Paris, Lyon or Marseille has no value of its own (the file gives the
		// city's): null, so its territory's sum is null rather than the city's figure counted in it.
		const v = isSetLevel(level) ? 'CASE WHEN tm.unit IS NULL THEN o.v END' : 'o.v';
		return `SELECT c.code, ${v} AS v, ${key} AS key FROM communes c${join} LEFT JOIN ${values} o ON o.code = c.code`;
	}
	if (m.source === 'sector') {
		return `SELECT s.code, o.v, s.code AS key FROM (SELECT DISTINCT tm.territory AS code FROM territory_members tm WHERE ${setFilter(ctx)}) s LEFT JOIN ${values} o ON o.code = s.code`;
	}
	const from: Record<'epci' | 'departement' | 'region', string> = { epci: 'epci', departement: 'departements', region: 'regions' };
	const key = level === 'france' ? "'FR'" : level === 'region' && m.source === 'departement' ? 'x.reg' : 'x.code';
	return `SELECT x.code, o.v, ${key} AS key FROM ${from[m.source]} x LEFT JOIN ${values} o ON o.code = x.code`;
}

/**
 * An imported indicator: at its own level the file's values; above it (with `aggregate`) their sum,
 * null unless every source territory inside has a value, so a partial sum never passes for a
 * territory's figure; divided by the def's population base when it has one.
 */
function ownSql(ctx: Ctx): string {
	const { b, def, level } = ctx;
	const m = def.measure as Extract<IndicatorDef['measure'], { table: 'own_values' }>;
	// Sectors of another set may share codes with the file's: they get no value, never the file's.
	const otherSet = m.source === 'sector' && ctx.opts.setId !== m.setId;
	const base = def.base ?? def.count?.base ?? null;
	const den = base ? denominatorSql(ctx, base, m.popYear) : null;
	const value = def.base ? `CASE WHEN den.d > 0 THEN num.n * ${b.bind(def.scale)}::DOUBLE / den.d END` : 'num.n';
	return `WITH t AS (${territoriesSql(ctx)}),
	num AS (${otherSet ? 'SELECT NULL::VARCHAR AS code, NULL::DOUBLE AS n WHERE FALSE' : `SELECT key AS code, CASE WHEN COUNT(*) = COUNT(v) THEN SUM(v) END::DOUBLE AS n FROM (${ownSourceRows(ctx, m)}) GROUP BY 1`})${den ? `,\n\tden AS (${den})` : ''}
SELECT t.code::VARCHAR AS code, t.name::VARCHAR AS name, ${value} AS value,
	${m.aggregate ? 'num.n' : 'NULL::DOUBLE'} AS numerator, ${den ? 'den.d' : 'NULL::DOUBLE'} AS denominator
FROM t
LEFT JOIN num ON num.code = t.code${den ? '\nLEFT JOIN den ON den.code = t.code' : ''}`;
}
