/**
 * Data behind the diagnostic's printable map (pure, no DOM): which units subdivide the
 * territory (communes of a département or of a sector, départements of a région), an
 * indicator's values over them, and a scale bar of round length.
 */
import type { DatabaseLike } from '../db/query';
import { isEstimated, type TerritoryFilter } from '../indicators/sql';
import type { IndicatorDef, IndicatorValue } from '../indicators/types';
import { indicatorFrame } from '../queries/indicators';
import { portOf } from '../queries/port';
import { sqlOptions, type DiagnosticTarget } from './target';

import type { MapUnitLevel } from '../territories/level';

export function mapUnitLevel(t: DiagnosticTarget): MapUnitLevel {
	return t.level === 'region' ? 'departement' : 'commune';
}

/** Indicators that can colour the map of this territory (stock indicators computable per unit). */
export function mapIndicators(defs: readonly IndicatorDef[], t: DiagnosticTarget): IndicatorDef[] {
	const unit = mapUnitLevel(t);
	return defs.filter((d) => d.kind !== 'evolution' && d.levels.includes(unit));
}

/** Default colouring: GP-practice proxy per commune (beds sit in a few communes), adult beds per département. */
export function defaultMapIndicator(t: DiagnosticTarget): string {
	return mapUnitLevel(t) === 'departement' ? 'beds_adult_per100k' : 'gp_practices_per10k';
}

/** Values of `def` for the units of the territory, ordered by code. */
export function mapValues(db: DatabaseLike, def: IndicatorDef, t: DiagnosticTarget): Promise<IndicatorValue[]> {
	let filter: TerritoryFilter;
	if (t.level === 'region' || t.level === 'departement') filter = { within: { level: t.level, code: t.code } };
	else {
		const o = sqlOptions(t);
		filter = { membersOf: { setId: o.setId!, territory: t.code, kind: o.kinds![0]! } };
	}
	return indicatorFrame(portOf(db), def, mapUnitLevel(t), { filter });
}

/** true when the map's values rest on estimated denominators (age bands below the département). */
export function mapEstimated(def: IndicatorDef, t: DiagnosticTarget): boolean {
	return isEstimated(def, mapUnitLevel(t));
}

export interface ScaleBar {
	km: number;
	px: number;
	label: string;
}

/** The longest round length (1, 2 or 5 × 10ⁿ km) whose bar fits in `maxPx`. */
export function scaleBar(kmPerPx: number, maxPx: number): ScaleBar | null {
	if (!(kmPerPx > 0) || !Number.isFinite(kmPerPx) || !(maxPx > 0)) return null;
	const maxKm = kmPerPx * maxPx;
	const pow = 10 ** Math.floor(Math.log10(maxKm));
	const km = [5, 2, 1].map((m) => m * pow).find((k) => k <= maxKm)!;
	const label = `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 3 }).format(km)}\u00a0km`;
	return { km, px: km / kmPerPx, label };
}

/** Ground kilometres per pixel of a projection: one definition, in the SVG map layout. */
export { kmPerPixel } from '../map/svg-projection';
