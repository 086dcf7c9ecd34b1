/**
 * Reference values for one territory and one indicator: France, its région and its département
 * computed from the same data with the same SQL; the Atlas value where the catalogue maps one
 * (comparable only when its unit is the indicator's); the published figures of the catalogue (domain guide).
 */
import { query, type DatabaseLike } from '../db/query';
import { isSetLevel, type TerritoryLevel } from '../territories/level';
import { levelsOf, type IndicatorSqlOptions } from '../indicators/sql';
import type { IndicatorDef } from '../indicators/types';
import { indicatorFigures } from './indicators';
import { portOf } from './port';

export type ReferenceKind = 'france' | 'region' | 'departement' | 'atlas' | 'published';

export interface Reference {
	kind: ReferenceKind;
	label: string; // French
	value: number | null;
	year: string;
	source: string; // French
	code?: string; // territory code for france/region/departement/atlas
	unit?: string; // only when it differs from the indicator's unit
	/** false when the unit or scope differs: show it, but never compute a gap against it. */
	comparable: boolean;
	note?: string;
	/** Computed references (france, region, departement): the row's numerator and population, so a count can be compared with the reference's rate × a population (gap.ts). */
	numerator?: number | null;
	denominator?: number | null;
}

export interface Place {
	dep: string | null;
	depName: string | null;
	reg: string | null;
	regName: string | null;
}

/** The département and région holding the territory (the most populated one when it straddles). */
export async function placeOf(db: DatabaseLike, level: TerritoryLevel, code: string, setId?: string): Promise<Place> {
	const none: Place = { dep: null, depName: null, reg: null, regName: null };
	let rows: { dep: string | null; reg: string | null }[] = [];
	if (level === 'commune') rows = await query(db, 'SELECT dep, reg FROM communes WHERE code = $1', [code]);
	else if (level === 'departement') rows = await query(db, 'SELECT code AS dep, reg FROM departements WHERE code = $1', [code]);
	else if (level === 'region') rows = [{ dep: null, reg: code }];
	else if (level === 'epci' || isSetLevel(level)) {
		const from = level === 'epci'
			? 'FROM communes c WHERE c.epci = $1'
			: 'FROM territory_members tm JOIN communes c ON c.code = tm.commune WHERE tm.set_id = $2 AND tm.territory = $1';
		const params = level === 'epci' ? [code] : [code, setId ?? null];
		const [[d], [r]] = await Promise.all([
			query<{ dep: string }>(db, `SELECT c.dep AS dep ${from} GROUP BY 1 ORDER BY SUM(c.population) DESC, 1 LIMIT 1`, params),
			query<{ reg: string }>(db, `SELECT c.reg AS reg ${from} GROUP BY 1 ORDER BY SUM(c.population) DESC, 1 LIMIT 1`, params)
		]);
		rows = [{ dep: d?.dep ?? null, reg: r?.reg ?? null }];
	}
	const p = rows[0];
	if (!p) return none;
	const [[dn], [rn]] = await Promise.all([
		p.dep ? query<{ name: string }>(db, 'SELECT name FROM departements WHERE code = $1', [p.dep]) : [],
		p.reg ? query<{ name: string }>(db, 'SELECT name FROM regions WHERE code = $1', [p.reg]) : []
	]);
	return { dep: p.dep, depName: dn?.name ?? null, reg: p.reg, regName: rn?.name ?? null };
}

type Computed = Pick<Reference, 'value' | 'numerator' | 'denominator'>;

function valueAt(db: DatabaseLike, def: IndicatorDef, level: 'france' | 'region' | 'departement', code: string, year?: number): Promise<Computed> {
	return indicatorFigures(portOf(db), def, level, code, { year });
}

/** The year a computed value stands for, as shown next to it ('2023', '2022 → 2023', '2019, population 2022'). */
export function referenceYear(def: IndicatorDef, year?: number): string {
	const m = def.measure;
	if (def.kind === 'evolution' && def.evolution) return `${def.evolution.from} → ${def.evolution.to}`;
	if (m?.table === 'sae_psy') return String(year ?? m.year);
	if (m?.table === 'atlas_values') return `${m.year}, population ${m.popYear}`;
	return def.vintage ?? '';
}

export async function referencesFor(
	db: DatabaseLike,
	def: IndicatorDef,
	level: TerritoryLevel,
	code: string,
	opts: Pick<IndicatorSqlOptions, 'year' | 'setId'> & { place?: Promise<Place> } = {}
): Promise<Reference[]> {
	const year = referenceYear(def, opts.year);
	const source = def.vintage ?? def.sources.join(', ');
	const levels = levelsOf(def);
	const straddle = level === 'epci' || isSetLevel(level) ? ' (le plus peuplé du territoire)' : '';
	// Every query is posted at once (the worker runs them in order): one wait on the page, not one per query.
	const france = level !== 'france' && levels.includes('france') ? valueAt(db, def, 'france', 'FR', opts.year) : null;
	france?.catch(() => {});
	const place = await (opts.place ?? placeOf(db, level, code, opts.setId));
	const region = level !== 'region' && level !== 'france' && place.reg && levels.includes('region') ? valueAt(db, def, 'region', place.reg, opts.year) : null;
	const dep =
		level !== 'departement' && level !== 'region' && level !== 'france' && place.dep && levels.includes('departement')
			? valueAt(db, def, 'departement', place.dep, opts.year)
			: null;
	const atlasDep = level === 'france' ? 'FR' : level === 'region' ? null : place.dep;
	const atlas =
		def.atlas && atlasDep
			? query<{ value: number | null }>(db, 'SELECT value FROM atlas_values WHERE dep = $1 AND indicator = $2 AND year = $3::INTEGER', [atlasDep, def.atlas.indicator, def.atlas.year])
			: null;
	for (const p of [region, dep, atlas]) p?.catch(() => {});

	const out: Reference[] = [];
	if (france) out.push({ kind: 'france', label: 'France', code: 'FR', ...(await france), year, source, comparable: true });
	if (region && place.reg) {
		out.push({ kind: 'region', label: `Région ${place.regName ?? place.reg}${straddle}`, code: place.reg, ...(await region), year, source, comparable: true });
	}
	if (dep && place.dep) {
		out.push({
			kind: 'departement',
			label: `Département ${place.depName ?? place.dep} (${place.dep})${straddle}`,
			code: place.dep,
			...(await dep),
			year,
			source,
			comparable: true
		});
	}
	if (atlas && def.atlas && atlasDep) {
		const [a] = await atlas;
		out.push({
			kind: 'atlas',
			label: `Atlas de la santé mentale, ${atlasDep === 'FR' ? 'France' : `département ${place.depName ?? atlasDep} (${atlasDep})`}`,
			code: atlasDep,
			value: a?.value ?? null,
			year: String(def.atlas.year),
			source: `Atlas de la santé mentale (IRDES/DREES), indicateur ${def.atlas.indicator}`,
			comparable: !def.atlas.unit,
			...(def.atlas.unit ? { unit: def.atlas.unit } : {}),
			note: def.atlas.note
		});
	}

	for (const r of def.references ?? []) {
		out.push({
			kind: 'published',
			label: r.label,
			value: r.value,
			year: r.year,
			source: r.source,
			comparable: r.unit === undefined,
			...(r.unit ? { unit: r.unit } : {})
		});
	}
	return out;
}
