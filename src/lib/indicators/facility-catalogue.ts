/**
 * Indicators of the FINESS facility layer, as data: for each kind, the number of sites and their
 * density per population with the kind's denominator (KIND_POPULATION in facilities/kinds.ts).
 * Appended to the catalogue by catalogue.ts; computed by sql.ts (measure table 'finess_facilities').
 */
import { AGE_ESTIMATE, popNote } from './population-note';
import { ADMIN_LEVELS, type AdminLevel } from '../territories/level';
import { FACILITY_KINDS, KIND_FAMILY, KIND_LABELS_FR, KIND_POPULATION, KIND_SHORT_FR, type FacilityKind, type KindPopulation } from '../facilities/kinds';
import type { IndicatorDef, PopulationBase, PtsmPriority } from './types';

/** Manifest id of the FINESS source (its vintage is read from the manifest on screen). */
export const FINESS_SOURCE_ID = 'finess_et';

const ALL_LEVELS: AdminLevel[] = [...ADMIN_LEVELS];
const POP_YEAR = 2023;

/** The entry doors of ambulatory care, first in the catalogue. */
const ENTRY_KINDS: readonly FacilityKind[] = ['cmp', 'cattp', 'hdj', 'cmpp'];

/**
 * Kinds with indicators, in catalogue order: the entry doors, then every other kind in
 * FACILITY_KINDS order, but the hospital family (CHS and clinics are counted by the SAE indicators).
 */
export const FACILITY_INDICATOR_KINDS: readonly FacilityKind[] = [
	...ENTRY_KINDS,
	...FACILITY_KINDS.filter((k) => KIND_FAMILY[k] !== 'hospital' && !ENTRY_KINDS.includes(k))
];

/** Kinds found in part from the site's name (hospital sites named CMP, CATTP, hôpital de jour). */
const NAME_INFERRED: readonly FacilityKind[] = ['cmp', 'cattp', 'hdj'];

const PRIORITY: Record<FacilityKind, PtsmPriority> = {
	chs: 1,
	clinic: 1,
	cmp: 1,
	cattp: 1,
	hdj: 1,
	cmpp: 1,
	apt_ther: 2,
	crisis: 4,
	postcure: 2,
	csapa: 1,
	samsah: 2,
	savs: 2,
	esat: 2,
	mas: 2,
	eam: 2,
	eanm: 2,
	cds: 3,
	msp: 3
};

const BASE: Record<KindPopulation, PopulationBase> = {
	total: 'total',
	adult16: 'age_16_plus',
	child: 'age_0_15',
	adult20_59: 'age_20_59'
};
const WHO: Record<KindPopulation, string> = {
	total: 'habitants',
	adult16: 'habitants de 16 ans et plus',
	child: 'habitants de moins de 16 ans',
	adult20_59: 'adultes de 20 à 59 ans'
};
const DENOMINATOR: Record<KindPopulation, string> = {
	total: 'Population municipale (populations légales en vigueur au 1er janvier 2026)',
	adult16: `Population de 16 ans et plus (INSEE, estimations au 1er janvier ${POP_YEAR}). ${popNote('16 ans et plus')}`,
	child: `Population de moins de 16 ans (INSEE, estimations au 1er janvier ${POP_YEAR}). ${popNote('moins de 16 ans')}`,
	adult20_59: `Population de 20 à 59 ans (INSEE, estimations au 1er janvier ${POP_YEAR})`
};
const SITE_RULE =
	'Chaque établissement géographique FINESS compte pour un site, sans capacité (FINESS ne donne ni places ni lits) ; il est compté dans la commune où il se trouve.';
const NAME_CAVEAT =
	'Type déduit du nom pour une partie des sites : les CMP, CATTP et hôpitaux de jour enregistrés sous la catégorie de leur hôpital (CHS, CH…) sont repérés par leur nom ; un site mal nommé manque, un nom ambigu peut tromper.';
const VINTAGE_CAVEAT = 'Extraction FINESS datée (voir la source) : les ouvertures et fermetures plus récentes manquent.';

function sources(p: KindPopulation): string[] {
	return p === 'total' ? [FINESS_SOURCE_ID, 'cog'] : [FINESS_SOURCE_ID, 'insee_pop_age', 'cog'];
}

function vintage(p: KindPopulation): string {
	const pop = p === 'total' ? 'populations légales 2026' : `INSEE, estimations au 1er janvier ${POP_YEAR}`;
	return `FINESS (extraction nationale, date dans la source) ; ${pop} ; COG 2026`;
}

function caveats(kind: FacilityKind): string[] {
	return [SITE_RULE, ...(NAME_INFERRED.includes(kind) ? [NAME_CAVEAT] : []), VINTAGE_CAVEAT];
}

/** Count of sites of one kind (no denominator). */
function countDef(kind: FacilityKind): IndicatorDef {
	const short = KIND_SHORT_FR[kind];
	return {
		id: `finess_${kind}_sites`,
		label: `${short} : nombre de sites (FINESS)`,
		definition: `Nombre d’établissements ${KIND_LABELS_FR[kind]} recensés par FINESS dans le territoire. ${SITE_RULE}`,
		unit: 'sites',
		scale: 1,
		numerator: `Établissements géographiques FINESS de type ${KIND_LABELS_FR[kind]}`,
		denominator: null,
		sources: [FINESS_SOURCE_ID, 'cog'],
		priority: PRIORITY[kind],
		favourable: 'neutral',
		levels: ALL_LEVELS,
		measure: { table: 'finess_facilities', kinds: [kind] },
		base: null,
		// Gaps compare the count with the reference's density × the territory's population (gap.ts).
		count: { noun: 'sites', base: BASE[KIND_POPULATION[kind]], scale: 100_000, of: `finess_${kind}_per100k` },
		vintage: 'FINESS (extraction nationale, date dans la source) ; COG 2026',
		caveats: caveats(kind)
	};
}

/**
 * Sites per 100 000 of the kind's population. Adult medico-social kinds use the 20–59 planning
 * population of the domain guide, per 100 000 rather than per 1 000: sites are a hundred times
 * rarer than places, and « 0,05 site pour 1 000 » would not read.
 */
function densityDef(kind: FacilityKind): IndicatorDef {
	const pop = KIND_POPULATION[kind];
	const short = KIND_SHORT_FR[kind];
	return {
		id: `finess_${kind}_per100k`,
		label: `${short} : sites pour 100 000 ${WHO[pop]} (FINESS)`,
		definition: `Nombre d’établissements ${KIND_LABELS_FR[kind]} recensés par FINESS pour 100 000 ${WHO[pop]}. ${SITE_RULE}`,
		unit: `sites pour 100 000 ${WHO[pop]}`,
		scale: 100_000,
		numerator: `Établissements géographiques FINESS de type ${KIND_LABELS_FR[kind]}`,
		denominator: DENOMINATOR[pop],
		sources: sources(pop),
		priority: PRIORITY[kind],
		favourable: 'higher',
		levels: ALL_LEVELS,
		...(pop === 'total' ? {} : { estimate: AGE_ESTIMATE, estimateLevels: ['commune', 'epci'] as AdminLevel[] }),
		measure: { table: 'finess_facilities', kinds: [kind] },
		base: BASE[pop],
		vintage: vintage(pop),
		caveats: caveats(kind)
	};
}

/** Count then density for every kind of FACILITY_INDICATOR_KINDS. */
export function facilityIndicators(): IndicatorDef[] {
	return FACILITY_INDICATOR_KINDS.flatMap((k) => [countDef(k), densityDef(k)]);
}
