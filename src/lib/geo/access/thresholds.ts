/**
 * Population beyond X minutes of the nearest site, by territory (indicator 10-style, and the
 * "share of population > X min from the nearest CMP" view).
 * "Beyond" is strict: t > threshold. Infinity (no site in the land group) is beyond every
 * threshold. NaN (unknown location) is counted apart in popUnknown and left out of pop.
 */
import { DEFAULT_THRESHOLDS } from './params';

export interface BeyondStats {
	/** Population with a known time (finite or Infinity). Denominator of shareBeyond. */
	pop: number;
	/** popBeyond[k]: population with t > thresholds[k]. */
	popBeyond: number[];
	/** popBeyond[k] / pop; NaN when pop is 0. */
	shareBeyond: number[];
	/** Population whose time is unknown (NaN), not in pop. */
	popUnknown: number;
}

export function populationBeyond(
	minutes: Float64Array,
	population: Float64Array,
	territoryOf: ((i: number) => string) | ArrayLike<string>,
	thresholds: readonly number[] = DEFAULT_THRESHOLDS
): Map<string, BeyondStats> {
	const terr = typeof territoryOf === 'function' ? territoryOf : (i: number) => territoryOf[i]!;
	const nT = thresholds.length;
	const out = new Map<string, BeyondStats>();
	for (let i = 0; i < minutes.length; i++) {
		const p = population[i]!;
		if (!(p > 0)) continue; // 0 or missing population weighs nothing
		const key = terr(i);
		let s = out.get(key);
		if (!s) {
			s = { pop: 0, popBeyond: new Array<number>(nT).fill(0), shareBeyond: [], popUnknown: 0 };
			out.set(key, s);
		}
		const t = minutes[i]!;
		if (Number.isNaN(t)) {
			s.popUnknown += p;
			continue;
		}
		s.pop += p;
		for (let k = 0; k < nT; k++) if (t > thresholds[k]!) s.popBeyond[k]! += p;
	}
	for (const s of out.values()) s.shareBeyond = s.popBeyond.map((b) => (s.pop > 0 ? b / s.pop : NaN));
	return out;
}
