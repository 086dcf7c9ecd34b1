/**
 * The diagnostic's 2022 → 2023 column: the catalogue's evolution indicator of an SAE row, read
 * through its own SQL (indicatorSql, kind 'evolution'), so the change and its percentage are
 * DuckDB's, never recomputed here. Rows without a two-year series say why instead of 0.
 */
import type { DatabaseLike } from '../db/query';
import { EVOLUTION_INDICATORS } from '../indicators/catalogue';
import { formatNumber, formatValue } from '../indicators/format';
import type { EvolutionValue, IndicatorDef, IndicatorValue } from '../indicators/types';
import { indicatorRow } from '../queries/indicators';
import { portOf } from '../queries/port';
import { sqlOptions, type DiagnosticTarget } from './target';

export type RowEvolution =
	| {
			status: 'ok';
			/** The catalogue's evolution indicator (years, caveats). */
			def: IndicatorDef;
			from: number;
			to: number;
			change: number;
			/** null when the first year is 0 (no percentage of nothing). */
			changePct: number | null;
	  }
	| { status: 'none'; reason: string };

/** French reasons, also printed under the table so paper readers know what '—' means. */
export const NO_SERIES = 'Pas de série 2022 → 2023 : seule la SAE est chargée pour deux années (INSEE, SIRENE et Atlas : un millésime).';
export const NOT_COMPUTABLE = 'Pas d’évolution : indicateur non calculable pour ce territoire.';
export const FIRST_YEAR_MISSING = 'Pas d’évolution : la valeur 2022 manque (population ou établissement absent de la SAE 2022).';

/** The evolution indicator of a stock indicator, when the catalogue has one (SAE indicators). */
export function evolutionDefOf(def: IndicatorDef): IndicatorDef | null {
	return EVOLUTION_INDICATORS.find((e) => e.evolution?.of === def.id) ?? null;
}

/** The territory's row of a catalogue indicator (stock or evolution), or null when it has none. */
export function territoryValue<T extends IndicatorValue = IndicatorValue>(db: DatabaseLike, def: IndicatorDef, t: DiagnosticTarget): Promise<T | null> {
	return indicatorRow<T>(portOf(db), def, t.level, t.code, sqlOptions(t));
}

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** Turns the SQL row into the cell's content; `available` is false when the stock row is not computable. */
export function rowEvolution(ev: IndicatorDef | null, available: boolean, r: EvolutionValue | null): RowEvolution {
	if (!ev) return { status: 'none', reason: NO_SERIES };
	if (!available) return { status: 'none', reason: NOT_COMPUTABLE };
	if (!r || !finite(r.value_from) || !finite(r.value_to) || !finite(r.value)) return { status: 'none', reason: FIRST_YEAR_MISSING };
	return { status: 'ok', def: ev, from: r.value_from, to: r.value_to, change: r.value, changePct: finite(r.change_pct) ? r.change_pct : null };
}

export async function diagnosticEvolution(db: DatabaseLike, def: IndicatorDef, t: DiagnosticTarget, available: boolean): Promise<RowEvolution> {
	const ev = evolutionDefOf(def);
	return rowEvolution(ev, available, ev && available ? await territoryValue<EvolutionValue>(db, ev, t) : null);
}

/** Signs an unsigned figure: '+1,25' / '−3' (U+2212); no sign when it rounds to zero. */
export function signed(v: number, text: string): string {
	if (!/[1-9]/.test(text)) return text;
	return v < 0 ? `\u2212${text}` : `+${text}`;
}

export interface EvolutionText {
	/** '98,4 → 101,2' */
	span: string;
	/** Same, for screen readers: 'de 98,4 en 2022 à 101,2 en 2023' */
	spoken: string;
	/** '+2,8 (+2,8 %)' */
	change: string;
}

/** fr-FR texts of an evolution cell, with the stock indicator's precision. */
export function evolutionText(stock: IndicatorDef, e: Extract<RowEvolution, { status: 'ok' }>): EvolutionText {
	const [y0, y1] = [e.def.evolution?.from ?? 2022, e.def.evolution?.to ?? 2023];
	const from = formatValue(stock, e.from);
	const to = formatValue(stock, e.to);
	const change = signed(e.change, formatValue(stock, Math.abs(e.change)));
	const pct = e.changePct === null ? '' : ` (${signed(e.changePct, formatNumber(Math.abs(e.changePct), 1))}\u00a0%)`;
	return { span: `${from} \u2192 ${to}`, spoken: `de ${from} en ${y0} à ${to} en ${y1}`, change: `${change}${pct}` };
}

/** Caveats of the evolution beyond the stock indicator's own (the catalogue's two-year note). */
export function evolutionCaveats(stock: IndicatorDef, e: RowEvolution): string[] {
	return e.status === 'ok' ? (e.def.caveats ?? []).filter((c) => !(stock.caveats ?? []).includes(c)) : [];
}
