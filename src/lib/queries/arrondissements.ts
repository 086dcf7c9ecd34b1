/**
 * Indicator values per arrondissement municipal of Paris, Lyon and Marseille, for the main map's
 * commune level. They come from the set-level SQL (indicators/sql.ts), which takes for an
 * arrondissement member only its own population, GP count, SAE establishments (ID table ARMT)
 * and FINESS sites (arrondissement_links): the 45 arrondissements are registered once as a
 * hidden set of one-arrondissement territories. Only measures with that detail are computed;
 * any other indicator keeps the city's value (said by the caller), never a share of it.
 */
import type { DatabaseLike } from '../db/query';
import { ensureTerritoryTable, registerTerritorySet } from '../geo/territories';
import { levelsOf } from '../indicators/sql';
import type { IndicatorDef, IndicatorValue } from '../indicators/types';
import { indicatorFrame } from './indicators';
import type { QueryPort } from './port';

/** Set id of the hidden set (never listed: every chooser lists sets of the user's store). */
export const ARRONDISSEMENT_SET_ID = 'atlas:arrondissements';

/** Measures whose numerator and denominator exist per arrondissement (population, GP, SAE, FINESS). */
const UNIT_TABLES = new Set(['communes', 'gp_practices', 'sae_psy', 'finess_facilities']);

/** Whether an indicator can be computed per arrondissement without sharing out a city figure. */
export function perArrondissement(def: IndicatorDef): boolean {
	const t = def.measure?.table;
	return !!t && UNIT_TABLES.has(t) && levelsOf(def).includes('custom');
}

const registered = new WeakMap<DatabaseLike, Promise<number>>();

/** Registers the 45 arrondissements as the hidden set (once per database). Returns their number. */
export function ensureArrondissementSet(db: DatabaseLike, port: QueryPort): Promise<number> {
	let p = registered.get(db);
	if (!p) {
		p = (async () => {
			await ensureTerritoryTable(db);
			const rows = await port.query<{ code: string; name: string }>('SELECT code::VARCHAR AS code, name::VARCHAR AS name FROM arrondissements ORDER BY code');
			if (!rows.length) return 0;
			return registerTerritorySet(db, {
				id: ARRONDISSEMENT_SET_ID,
				label: 'Arrondissements municipaux',
				level: 'custom',
				territories: rows.map((r) => ({ code: r.code, name: r.name, kind: 'custom' as const, communes: [r.code], finess: null }))
			});
		})();
		registered.set(db, p);
		p.catch(() => registered.delete(db));
	}
	return p;
}

/** Arrondissement code → its value (empty when the indicator has no arrondissement detail). */
export async function arrondissementValues(db: DatabaseLike, port: QueryPort, def: IndicatorDef): Promise<Map<string, IndicatorValue>> {
	if (!perArrondissement(def)) return new Map();
	if (!(await ensureArrondissementSet(db, port))) return new Map();
	const rows = await indicatorFrame(port, def, 'custom', { setId: ARRONDISSEMENT_SET_ID, kinds: ['custom'] });
	return new Map(rows.map((r) => [r.code, r]));
}
