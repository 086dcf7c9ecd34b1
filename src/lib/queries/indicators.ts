/**
 * Indicator frames: the catalogue builder's rows for a level, filtered by the builder itself
 * (codes or "within a département/région"), never by placeholders counted by the caller.
 */
import { indicatorSql, toIndicatorValue, type IndicatorSqlOptions } from '../indicators/sql';
import type { IndicatorDef, IndicatorValue } from '../indicators/types';
import type { TerritoryLevel } from '../territories/level';
import type { QueryPort } from './port';

/**
 * Imported indicators read rows the browser registers in DuckDB after the data is ready
 * (own-indicators/active.svelte.ts sets this): every frame of one waits for them first.
 */
let ownReady: () => Promise<void> = async () => {};
export function setOwnIndicatorsReady(wait: () => Promise<void>): void {
	ownReady = wait;
}

/** Every row of `def` at `level` (ordered by code), codes as text and values as numbers. */
export async function indicatorFrame<T extends IndicatorValue = IndicatorValue>(
	port: QueryPort,
	def: IndicatorDef,
	level: TerritoryLevel,
	opts: IndicatorSqlOptions = {}
): Promise<T[]> {
	const q = indicatorSql(def, level, opts);
	if (def.measure?.table === 'own_values') await ownReady();
	return (await port.query<T>(q.sql, q.params)).map((r) => toIndicatorValue(r) as T);
}

/** The row of one territory, or null when the level has no such code. */
export async function indicatorRow<T extends IndicatorValue = IndicatorValue>(
	port: QueryPort,
	def: IndicatorDef,
	level: TerritoryLevel,
	code: string,
	opts: IndicatorSqlOptions = {}
): Promise<T | null> {
	const [r] = await indicatorFrame<T>(port, def, level, { ...opts, filter: { codes: [code] } });
	return r ?? null;
}

/** Value, numerator and denominator of one territory (nulls when absent), as references show them. */
export async function indicatorFigures(
	port: QueryPort,
	def: IndicatorDef,
	level: TerritoryLevel,
	code: string,
	opts: IndicatorSqlOptions = {}
): Promise<{ value: number | null; numerator: number | null; denominator: number | null }> {
	const r = await indicatorRow(port, def, level, code, opts);
	const n = (x: unknown) => (x === null || x === undefined ? null : Number(x));
	return { value: n(r?.value), numerator: n(r?.numerator), denominator: n(r?.denominator) };
}
