/**
 * Gap analysis against a reference value (pure). For each territory: ratio to the reference,
 * the quantity of the numerator's unit to add or remove to reach it, a rank and a class whose
 * rule is stated in French next to the table.
 *
 * A count (no denominator in its value) is never compared with the reference's count: its
 * expectation is the reference's rate (numerator / declared population, def.count) × the
 * territory's population of the same kind; without both, no gap at all.
 *
 * Sign convention, the same on every screen and export: gap = value − reference, in units; + means
 * above the reference (to remove to reach it), − below (to add). See GAP_SIGN_NOTE.
 */
import { formatNumber } from './format';
import type { IndicatorDef, IndicatorValue } from './types';

export type GapClass = 'marked' | 'unfavourable' | 'close' | 'favourable' | 'neutral' | 'na';

export interface GapThresholds {
	marked: number; // 0.7
	low: number; // 0.9
	high: number; // 1.1
	markedHigh: number; // 1.3, for 'lower is better' indicators
}

export const DEFAULT_THRESHOLDS: GapThresholds = { marked: 0.7, low: 0.9, high: 1.1, markedHigh: 1.3 };

/** The sign convention in French, stated once where gaps are shown (table, legend, CSV, diagnostic). */
export const GAP_SIGN_NOTE = 'Écart = valeur du territoire − référence, en unités : « − » = en dessous de la référence (à ajouter pour l’atteindre), « + » = au-dessus.';

/** A reference as gap analysis uses it; a count's expectation needs the reference's numerator and population. */
export interface GapReference {
	value: number;
	label: string;
	numerator?: number | null;
	denominator?: number | null;
}

export interface GapRow {
	code: string;
	name: string;
	value: number | null;
	reference: number;
	referenceLabel: string;
	ratio: number | null; // value / reference
	numerator: number | null;
	denominator: number | null;
	/** numerator − reference × denominator / scale, rounded; negative = below the reference. */
	gap: number | null;
	/** Counts: the expected count (reference rate × the territory's population); null otherwise. */
	expected: number | null;
	gapLabel: string; // '−14 places', '+3,5 ETP', 'n.d.'
	/** 1 = furthest on the unfavourable side; ties share a rank; null without a ratio. */
	rank: number | null;
	cls: GapClass;
	clsLabel: string; // French
}

export interface GapOptions {
	thresholds?: GapThresholds;
	digits?: number; // decimals of the gap (default: 1 for ETP, else 0)
	unitNoun?: string; // default: the unit before ' pour ' ('places', 'lits', 'ETP')
}

const pct = (x: number) => `${Math.round(x * 100)} %`;

/** The colour rule, in French, for the legend. */
export function gapRule(def: IndicatorDef, t: GapThresholds = DEFAULT_THRESHOLDS): string {
	if (def.favourable === 'higher') {
		return `< ${pct(t.marked)} de la référence : déficit marqué ; ${pct(t.marked)}–${pct(t.low)} : déficit ; ${pct(t.low)}–${pct(t.high)} : proche ; > ${pct(t.high)} : au-dessus.`;
	}
	if (def.favourable === 'lower') {
		return `> ${pct(t.markedHigh)} de la référence : excès marqué ; ${pct(t.high)}–${pct(t.markedHigh)} : excès ; ${pct(t.low)}–${pct(t.high)} : proche ; < ${pct(t.low)} : en dessous (favorable).`;
	}
	return 'Indicateur sans sens favorable : aucun jugement, seul le rapport à la référence est donné. Rang : du rapport le plus bas au plus haut.';
}

const LABELS: Record<IndicatorDef['favourable'], Partial<Record<GapClass, string>>> = {
	higher: { marked: 'déficit marqué', unfavourable: 'déficit', close: 'proche', favourable: 'au-dessus' },
	lower: { marked: 'excès marqué', unfavourable: 'excès', close: 'proche', favourable: 'en dessous (favorable)' },
	neutral: { neutral: 'sans jugement' }
};

export function classify(ratio: number | null, favourable: IndicatorDef['favourable'], t: GapThresholds = DEFAULT_THRESHOLDS): GapClass {
	if (ratio === null || !Number.isFinite(ratio)) return 'na';
	if (favourable === 'neutral') return 'neutral';
	if (favourable === 'higher') {
		if (ratio < t.marked) return 'marked';
		if (ratio < t.low) return 'unfavourable';
		return ratio <= t.high ? 'close' : 'favourable';
	}
	if (ratio > t.markedHigh) return 'marked';
	if (ratio > t.high) return 'unfavourable';
	return ratio >= t.low ? 'close' : 'favourable';
}

/** Decimals of a quantity in the numerator's unit: ETP to one decimal, counts whole. */
export const nounDigits = (noun: string) => (noun.startsWith('ETP') ? 1 : 0);

export function unitNoun(def: IndicatorDef): string {
	const i = def.unit.indexOf(' pour ');
	return i > 0 ? def.unit.slice(0, i) : def.unit;
}

/** French number agreement: singular below 2 ('1,5 place', '0 lit'); acronyms (CMP, ETP) never change. */
function agree(noun: string, n: number): string {
	if (Math.abs(n) >= 2) return noun;
	return noun
		.split(' ')
		.map((w) => (w.length > 3 && w !== w.toUpperCase() && w.endsWith('s') ? w.slice(0, -1) : w))
		.join(' ');
}

/** '−14 places' (U+2212 minus), '+3,5 ETP', '−1 lit', '0 place'. */
export function formatGap(gap: number | null, noun: string, digits = 0): string {
	if (gap === null || !Number.isFinite(gap)) return 'n.d.';
	const sign = gap < 0 ? '\u2212' : gap > 0 ? '+' : '';
	return `${sign}${formatNumber(Math.abs(gap), digits)}\u00a0${agree(noun, gap)}`;
}

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** true when the indicator's value is a count (no population in the value). */
export const isCount = (def: IndicatorDef) => def.denominator === null || def.base === null || def.base === undefined;

/**
 * Expected count of a territory: reference rate (numerator / population of def.count.base) × the
 * territory's population of that base. null when the indicator declares no population, or a figure misses.
 */
export function expectedCount(def: IndicatorDef, ref: GapReference, territoryPopulation: number | null | undefined): number | null {
	if (!def.count || !finite(ref.numerator) || !finite(ref.denominator) || ref.denominator <= 0) return null;
	if (!finite(territoryPopulation) || territoryPopulation <= 0) return null;
	return (ref.numerator / ref.denominator) * territoryPopulation;
}

/** How a count is compared, in French (null when it cannot be). */
export function countRule(def: IndicatorDef, ref: Pick<GapReference, 'numerator' | 'denominator'>): string | null {
	if (!def.count || !finite(ref.numerator) || !finite(ref.denominator) || ref.denominator <= 0) return null;
	const rate = (ref.numerator / ref.denominator) * def.count.scale;
	const per = formatNumber(def.count.scale, 0);
	const pop = POP_NAMES[def.count.base];
	return `Nombre comparé au nombre attendu : taux de la référence (${formatNumber(rate, 2)} ${def.count.noun} pour ${per} ${pop}) × population du territoire (${pop}).`;
}

const POP_NAMES: Record<NonNullable<IndicatorDef['count']>['base'], string> = {
	total: 'habitants',
	age_16_plus: 'habitants de 16 ans et plus',
	age_0_15: 'habitants de moins de 16 ans',
	age_20_59: 'adultes de 20 à 59 ans'
};

export function computeGaps(values: IndicatorValue[], def: IndicatorDef, ref: GapReference, opts: GapOptions = {}): GapRow[] {
	if (def.kind === 'evolution') throw new Error('Pas d’écart à une référence pour une évolution : choisissez l’indicateur de niveau.');
	if (!finite(ref.value) || ref.value <= 0) throw new Error('Référence absente ou nulle : écart non calculable.');
	const t = opts.thresholds ?? DEFAULT_THRESHOLDS;
	const noun = opts.unitNoun ?? unitNoun(def);
	const digits = opts.digits ?? nounDigits(noun);
	const k = 10 ** digits;
	const rows: GapRow[] = values.map((v) => {
		let ratio: number | null = null;
		let gap: number | null = null;
		let expected: number | null = null;
		if (isCount(def)) {
			// Never against the reference's count: against its rate × this territory's population, or not at all.
			expected = expectedCount(def, ref, v.denominator);
			if (expected !== null && finite(v.numerator)) {
				gap = v.numerator - expected;
				ratio = expected > 0 ? v.numerator / expected : null;
			}
		} else {
			ratio = finite(v.value) ? v.value / ref.value : null;
			if (finite(v.numerator) && finite(v.denominator) && v.denominator > 0) gap = v.numerator - (ref.value * v.denominator) / def.scale;
		}
		if (gap !== null) gap = Math.round(gap * k) / k || 0; // no '-0'
		const cls = classify(ratio, def.favourable, t);
		return {
			code: v.code,
			name: v.name,
			value: finite(v.value) ? v.value : null,
			reference: ref.value,
			referenceLabel: ref.label,
			ratio,
			numerator: v.numerator,
			denominator: v.denominator,
			gap,
			expected: expected === null ? null : Math.round(expected * k) / k,
			gapLabel: formatGap(gap, noun, digits),
			rank: null,
			cls,
			clsLabel: cls === 'na' ? (isCount(def) && expected === null ? 'non comparable (nombre sans population de référence)' : 'non disponible') : (LABELS[def.favourable][cls] ?? '')
		};
	});
	// Most short first: lowest ratio, or highest when lower is better.
	const dir = def.favourable === 'lower' ? -1 : 1;
	const ranked = rows.filter((r) => r.ratio !== null).sort((a, b) => dir * (a.ratio! - b.ratio!));
	ranked.forEach((r, i) => {
		const prev = ranked[i - 1];
		r.rank = prev && Math.abs(prev.ratio! - r.ratio!) <= 1e-12 * Math.max(1, Math.abs(r.ratio!)) ? prev.rank : i + 1;
	});
	return rows;
}

export type GapSortKey = 'rank' | 'ratio' | 'gap' | 'value' | 'name' | 'code';

export interface GapFilter {
	classes?: GapClass[];
	/** Keep territories missing at least this much (gap ≤ −minShortfall). */
	minShortfall?: number;
	/** Case- and accent-insensitive match on name or code. */
	search?: string;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export function filterGaps(rows: readonly GapRow[], f: GapFilter): GapRow[] {
	const q = f.search ? fold(f.search.trim()) : '';
	return rows.filter(
		(r) =>
			(!f.classes || f.classes.includes(r.cls)) &&
			(f.minShortfall === undefined || (r.gap !== null && r.gap <= -f.minShortfall)) &&
			(!q || fold(r.name).includes(q) || r.code.toLowerCase().includes(q))
	);
}
