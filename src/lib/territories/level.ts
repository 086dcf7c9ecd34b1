/**
 * The one vocabulary of territory levels (issue 11). Every other name is a subset of
 * `TerritoryLevel`, named for what it restricts:
 * - `AdminLevel`: the levels the artefacts hold (commune → France), `Level` of the contract;
 * - `SetLevel`: territories the planner brings (imported sectors, custom territories), which
 *   need a set id;
 * - `MapLevel`: what a map can colour (every level but France);
 * - `DiagnosticLevel`, `MapUnitLevel`, `ProjectionMaille`: what the diagnostic, its map and the
 *   projection views work on.
 * `SectorType` is the psychiatric sector's type (G adults, I children), `TerritoryKind` a set
 * territory's kind. Pure types and constants that import nothing: a contract module, since the
 * contract (db/types.ts re-exports `AdminLevel` as `Level`, indicators/types.ts) and the app both
 * speak it.
 */

export type AdminLevel = 'commune' | 'epci' | 'departement' | 'region' | 'france';
export type SetLevel = 'sector' | 'custom';
export type TerritoryLevel = AdminLevel | SetLevel;

/** The levels the artefacts hold, from the finest to France. */
export const ADMIN_LEVELS: readonly AdminLevel[] = ['commune', 'epci', 'departement', 'region', 'france'];
export const TERRITORY_LEVELS: readonly TerritoryLevel[] = [...ADMIN_LEVELS, 'sector', 'custom'];

export function isSetLevel(level: TerritoryLevel): level is SetLevel {
	return level === 'sector' || level === 'custom';
}

/** Levels a map can colour. */
export type MapLevel = Exclude<TerritoryLevel, 'france'>;
/** Territories a diagnostic can be written for. */
export type DiagnosticLevel = Extract<TerritoryLevel, 'departement' | 'region' | 'sector' | 'custom'>;
/** Units the diagnostic's map is drawn with. */
export type MapUnitLevel = Extract<TerritoryLevel, 'commune' | 'departement'>;
/** How a projection view colours the map: régions (an indicator known by région), départements, or units inside the département. */
export type ProjectionMaille = Extract<TerritoryLevel, 'region' | 'departement' | 'epci' | 'sector' | 'commune'>;

/** Psychiatric sector type: G (psychiatrie générale, adults ≥ 16), I (infanto-juvénile). */
export type SectorType = 'G' | 'I';
/** Kind of a set territory: a sector of type G / I, or a custom territory. */
export type TerritoryKind = SectorType | 'custom';
