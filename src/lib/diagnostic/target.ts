/**
 * The territory a diagnostic is about, and its form in the link (`?territoire=`):
 * `departement:69`, `region:84`, `sector:<set id>:<G|I>:<code>`, `custom:<code>`. Segments are
 * URI-encoded so set ids and codes may hold any character.
 */
import type { IndicatorSqlOptions } from '../indicators/sql';

import type { DiagnosticLevel, TerritoryKind } from '../territories/level';

export interface DiagnosticTarget {
	level: DiagnosticLevel;
	code: string;
	/** territory_members.set_id: required for 'sector', 'custom' for custom territories. */
	setId?: string;
	/** Sector type; 'custom' for custom territories. */
	kind?: TerritoryKind;
}

export const DEFAULT_TARGET: DiagnosticTarget = { level: 'departement', code: '69' };
export const CUSTOM_SET = 'custom';

const enc = encodeURIComponent;
const CODE = /^[0-9AB]{2,3}$/; // département (2A, 971) and région codes

export function formatTarget(t: DiagnosticTarget): string {
	if (t.level === 'sector') return `sector:${enc(t.setId ?? '')}:${t.kind ?? 'G'}:${enc(t.code)}`;
	return `${t.level}:${enc(t.code)}`;
}

/** null when the value is not a well-formed territory (the page then says so and uses the default). */
export function parseTarget(value: string | null | undefined): DiagnosticTarget | null {
	if (!value || value.length > 400) return null;
	const parts = value.split(':');
	let dec: string[];
	try {
		dec = parts.map(decodeURIComponent);
	} catch {
		return null;
	}
	const [level, a, b, c] = dec;
	if ((level === 'departement' || level === 'region') && parts.length === 2 && CODE.test(a!)) return { level, code: a! };
	if (level === 'custom' && parts.length === 2 && a) return { level, code: a, setId: CUSTOM_SET, kind: 'custom' };
	if (level === 'sector' && parts.length === 4 && a && (b === 'G' || b === 'I') && c) return { level, code: c, setId: a, kind: b };
	return null;
}

/**
 * An approximate catchment (nearest establishment running sectors, geo/territories.ts
 * approximateCatchments, set id `approx-<G|I>-<year>`): never to be presented as a sector.
 */
export function isApproximation(t: DiagnosticTarget): boolean {
	return t.level === 'sector' && !!t.setId?.startsWith('approx-');
}

export function sameTarget(a: DiagnosticTarget, b: DiagnosticTarget): boolean {
	return formatTarget(a) === formatTarget(b);
}

/** indicatorSql / referencesFor options: sets keep only the chosen sector type. */
export function sqlOptions(t: DiagnosticTarget): Pick<IndicatorSqlOptions, 'setId' | 'kinds'> {
	if (t.level === 'sector') return { setId: t.setId, kinds: [t.kind === 'I' ? 'I' : 'G'] };
	if (t.level === 'custom') return { setId: t.setId ?? CUSTOM_SET, kinds: ['custom'] };
	return {};
}
