/**
 * Frames from the precomputed first-paint artefact (scripts/first-paint.ts ran the same
 * `indicatorFrame` at build time): what the map colours with before DuckDB is up.
 */
import type { FirstPaintArtefact } from '../db/types';
import type { IndicatorValue } from '../indicators/types';

/** The precomputed values of indicator `id` at `level`, keyed by code, or null when not precomputed. */
export function precomputedFrame(fp: FirstPaintArtefact | null, id: string, level: string): Map<string, IndicatorValue> | null {
	const at = fp?.levels[level];
	const rows = at?.frames[id];
	if (!at || !Array.isArray(rows)) return null;
	const out = new Map<string, IndicatorValue>();
	for (const r of rows) {
		if (!Array.isArray(r) || typeof r[0] !== 'string') return null; // malformed: let the engine answer
		const [code, value, numerator, denominator] = r;
		out.set(code, { code, name: at.names[code] ?? code, value, numerator, denominator });
	}
	return out;
}
