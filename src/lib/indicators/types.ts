import type { AdminLevel } from '../territories/level';

export type PtsmPriority = 1 | 2 | 3 | 4 | 5 | 6;

/** SAE psychiatry columns that can be summed into a numerator (the pipeline's quality report totals them too). */
export const SAE_MEASURE_COLUMNS = [
	'cap_htp',
	'cap_hdj',
	'cap_hdn',
	'cap_pft',
	'cap_aat',
	'cap_acp',
	'cap_ccu',
	'cap_had',
	'nb_cmp',
	'nb_cattp',
	'nb_sect',
	'fil_tot',
	'fil_amb',
	'etp_psychiatrists',
	'etp_nurses',
	'etp_psychologists'
] as const;
export type SaeMeasureColumn = (typeof SAE_MEASURE_COLUMNS)[number];

/** What the numerator sums, and where (read by indicators/sql.ts). */
export type IndicatorMeasure =
	| { table: 'communes'; column: 'population' }
	| { table: 'gp_practices'; column: 'gp_practices' }
	| { table: 'sae_psy'; column: SaeMeasureColumn; disciplines: ('GEN' | 'INF' | 'PEN')[]; year: number }
	/**
	 * A published Atlas density per 100 000 aged ≥ 20 per département, turned into implied places
	 * (density × pop_20_plus / 100 000) and expressed per `scale` of pop_20_59, both populations of
	 * `popYear` (population_dep). Région and France: sum of implied places over sum of pop_20_59.
	 */
	| { table: 'atlas_values'; indicator: string; year: number; popYear: number }
	/** Number of FINESS sites of these kinds (finess_facilities."group"), in the territory of their commune. */
	| { table: 'finess_facilities'; kinds: string[] }
	/**
	 * An indicator the user imported (own-indicators/): rows of own_indicator_values for `indicator`,
	 * keyed at level `source` (a sector of set `setId` when 'sector'). With `aggregate`, higher levels
	 * sum the rows (null unless every part of the territory has one); the def's `base` divides the
	 * sum by a population of `popYear`. Without it the value exists at its own level only.
	 */
	| { table: 'own_values'; indicator: string; source: OwnSourceLevel; setId: string | null; aggregate: boolean; popYear: number };

/** Levels an imported table can be keyed by. */
export type OwnSourceLevel = 'commune' | 'epci' | 'departement' | 'region' | 'sector';

/** Population denominator: COG total, or INSEE age estimates (population_dep). */
export type PopulationBase = 'total' | 'age_16_plus' | 'age_0_15' | 'age_20_59';

/** A published reference figure, shown with its year next to the computed value. */
export interface IndicatorReference {
	label: string; // French
	value: number;
	year: string; // '2018', '2016–2017'
	source: string; // French citation
	unit?: string; // when it differs from the indicator's unit (e.g. a national count)
}

/** An Atlas de la santé mentale indicator that measures the same thing (see references.ts). */
export interface AtlasMapping {
	indicator: string; // e.g. 'OFF01'
	year: number; // e.g. 2019
	note: string; // French: what differs (vintage, scope), shown next to the value
	/** Set when the Atlas figure has another unit: shown with it, never used for a gap. */
	unit?: string;
}

/** What an indicator's value is: a stock for one year, or a change between two years. */
export type IndicatorKind = 'stock' | 'evolution';

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
	levels: AdminLevel[]; // levels at which it can be computed
	proxy?: string; // French caveat when it is a proxy
	estimate?: string; // French caveat when the denominator is estimated at that level
	estimateLevels?: AdminLevel[]; // levels where `estimate` applies
	measure?: IndicatorMeasure; // required by indicatorSql
	base?: PopulationBase | null; // denominator population; null for counts
	references?: IndicatorReference[];
	/** Default 'stock'. */
	kind?: IndicatorKind;
	/** Source vintages in French, e.g. 'SAE 2023 ; INSEE, estimations au 1er janvier 2023'. */
	vintage?: string;
	/** For kind 'evolution': the stock indicator compared and the two years. */
	evolution?: { of: string; from: number; to: number };
	/** Atlas indicator measuring the same thing, when one exists. */
	atlas?: AtlasMapping;
	/** French caveats beyond proxy/estimate (attribution, comparability). */
	caveats?: string[];
	/**
	 * A count (no denominator in its value) declares what it counts and the population a rate-based
	 * expectation uses: gaps compare it with reference rate × that population (gap.ts), never with a
	 * national count. `of`: the rate indicator whose numerator it is, when there is one.
	 */
	count?: IndicatorCount;
	/** An imported indicator: its French citation (« donnée importée », source, year, file), shown beside the manifest sources. */
	imported?: string;
}

export interface IndicatorCount {
	noun: string; // French plural, e.g. 'lits', 'ETP', 'CMP'
	base: PopulationBase;
	scale: number; // the reference rate is shown per `scale` of `base`
	of?: string;
}

/** One territory's value for an indicator. */
export interface IndicatorValue {
	code: string;
	name: string;
	value: number | null;
	numerator: number | null;
	denominator: number | null;
}

/**
 * A row of an 'evolution' indicator: `value` = value_to − value_from (for counts, the count
 * difference), `numerator` = numerator_to − numerator_from, `denominator` = denominator_to.
 */
export interface EvolutionValue extends IndicatorValue {
	value_from: number | null;
	value_to: number | null;
	numerator_from: number | null;
	numerator_to: number | null;
	denominator_from: number | null;
	change_pct: number | null; // (value_to − value_from) / value_from × 100; null when value_from is 0 or null
}
