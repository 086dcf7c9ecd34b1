import type { Level } from '../db/types';

export type PtsmPriority = 1 | 2 | 3 | 4 | 5 | 6;

/** An indicator as data: what it measures, how, against what, and where its figures come from. */
export interface IndicatorDef {
	id: string; // e.g. 'beds_adult_per100k'
	label: string; // French, short
	definition: string; // French, one or two sentences
	unit: string; // French unit label, e.g. 'lits pour 100 000 habitants de 16 ans et plus'
	scale: number; // multiplier of numerator/denominator (100000, 10000, 1000, or 1 for counts)
	numerator: string; // French description of the numerator
	denominator: string | null; // French description, null for counts
	sources: string[]; // manifest source ids
	priority: PtsmPriority;
	favourable: 'higher' | 'lower' | 'neutral';
	levels: Level[]; // levels at which it can be computed
	proxy?: string; // French caveat when it is a proxy
	estimate?: string; // French caveat when the denominator is estimated at that level
}

/** One territory's value for an indicator. */
export interface IndicatorValue {
	code: string;
	name: string;
	value: number | null;
	numerator: number | null;
	denominator: number | null;
}
