/**
 * The indicator catalogue, as data. Reference values and their years come from
 * /work/shared/docs/domain.md §2 (source ids in brackets there). PTSM priorities follow the
 * décret 2017-1200 (CSP R.3224-5 to R.3224-10): 1 access to care, 2 pathways without breaks
 * and inclusion, 3 somatic care, 4 crisis, 5 rights, 6 determinants.
 */
import { ADMIN_LEVELS, type AdminLevel } from '../territories/level';
import type { AtlasMapping, IndicatorDef, IndicatorReference, PopulationBase, PtsmPriority, SaeMeasureColumn } from './types';
import { facilityIndicators } from './facility-catalogue';
import { AGE_ESTIMATE, popNote } from './population-note';

const ALL_LEVELS: AdminLevel[] = [...ADMIN_LEVELS];
const DEP_AND_ABOVE: AdminLevel[] = ['departement', 'region', 'france'];
const SAE_YEAR = 2023;
const SAE_PREVIOUS_YEAR = 2022;
/** Population year of the medico-social estimates: the closest to the Atlas year (2019) in population_dep. */
const MS_POP_YEAR = 2022;
const MS_ATLAS_YEAR = 2019;
const MS_ATLAS_UNIT = 'places pour 100 000 habitants de 20 ans et plus';

const AT_COMMUNE = 'Les capacités sont comptées dans la commune de l’établissement (FINESS géographique), pas dans celle des patients ni de l’unité de soins.';
const SAE_VINTAGE = 'SAE 2023 (bordereau PSY) ; INSEE, estimations de population au 1er janvier 2023 ; COG 2026';
const ATTRIBUTION_CAVEAT =
	'Offre rattachée au territoire de l’établissement : un territoire sans établissement a 0 même si sa population est suivie ailleurs.';

interface Group {
	dis: ('GEN' | 'INF')[];
	base: 'age_16_plus' | 'age_0_15';
	who: string;
	field: string;
	disCode: string;
}
const ADULT: Group = {
	dis: ['GEN'],
	base: 'age_16_plus',
	who: '16 ans et plus',
	field: 'psychiatrie générale',
	disCode: 'GEN'
};
const CHILD: Group = {
	dis: ['INF'],
	base: 'age_0_15',
	who: 'moins de 16 ans',
	field: 'psychiatrie infanto-juvénile',
	disCode: 'INF'
};

/**
 * What an SAE measure counts and how its rate reads, the same in both disciplines: the SAE
 * variable, the column of `sae_psy`, the unit, the scale, the PTSM priority, the favourable
 * direction and the caveats that come with the measure.
 */
interface SaeMeasure {
	what: string; // French noun phrase, e.g. 'Lits d’hospitalisation à temps plein'
	column: SaeMeasureColumn;
	saeVar: string; // SAE variable name, for the numerator text
	unitNoun: string; // 'lits', 'places', 'CMP', 'ETP', 'patients'
	scale: 100_000 | 1_000;
	priority: PtsmPriority;
	favourable: IndicatorDef['favourable'];
	caveats?: string[];
}

/** An SAE indicator per 100 000 (or 1 000) of the discipline's age group: the measure, then what is the indicator's own. */
function saeRate(g: Group, m: SaeMeasure, d: {
	id: string;
	label: string;
	why: string; // French: why this matters, appended to the definition
	caveats?: string[];
	atlas?: AtlasMapping;
	references?: IndicatorReference[];
}): IndicatorDef {
	const per = m.scale === 100_000 ? '100 000' : '1 000';
	WHO.set(d.id, g.who);
	return {
		id: d.id,
		label: d.label,
		definition: `${m.what} en ${g.field} (SAE ${SAE_YEAR}, discipline ${g.disCode}) pour ${per} habitants de ${g.who}. ${AT_COMMUNE} ${d.why}`,
		unit: `${m.unitNoun} pour ${per} habitants de ${g.who}`,
		scale: m.scale,
		numerator: `${m.what}, ${g.field} (SAE, ${m.saeVar})`,
		denominator: `Population de ${g.who}. ${popNote(g.who)}`,
		sources: ['sae_psy', 'insee_pop_age', 'cog'],
		priority: m.priority,
		favourable: m.favourable,
		levels: ALL_LEVELS,
		estimate: AGE_ESTIMATE,
		estimateLevels: ['commune', 'epci'],
		measure: { table: 'sae_psy', column: m.column, disciplines: g.dis, year: SAE_YEAR },
		base: g.base,
		vintage: SAE_VINTAGE,
		caveats: [ATTRIBUTION_CAVEAT, ...(m.caveats ?? []), ...(d.caveats ?? [])],
		...(d.atlas ? { atlas: d.atlas } : {
	}),
		...(d.references ? { references: d.references } : {})
	};
}

/**
 * The number of sites (CMP, CATTP) that the SAE declares, both disciplines together, counted in the
 * commune of the managing establishment; no direction is favourable.
 */
function saeSiteCount(m: SaeMeasure, d: { id: string; label: string; where?: string; references?: IndicatorReference[] }): IndicatorDef {
	const noun = m.unitNoun;
	return {
		id: d.id,
		label: d.label,
		definition: `Nombre de ${noun} déclarés dans la SAE ${SAE_YEAR} (psychiatrie générale et infanto-juvénile), comptés dans la commune de l’établissement gestionnaire${d.where ?? ''}.`,
		unit: noun,
		scale: 1,
		numerator: `${noun}, psychiatrie générale et infanto-juvénile (SAE, ${m.saeVar})`,
		denominator: null,
		sources: ['sae_psy', 'cog'],
		priority: m.priority,
		favourable: 'neutral',
		levels: ALL_LEVELS,
		proxy: `Les ${noun} sont rattachés à la commune de leur établissement gestionnaire, pas à leur adresse propre.`,
		measure: { table: 'sae_psy', column: m.column, disciplines: ['GEN', 'INF'], year: SAE_YEAR },
		base: null,
		count: { noun, base: 'total', scale: 100_000 },
		vintage: 'SAE 2023 (bordereau PSY) ; COG 2026',
		...(m.caveats ? { caveats: m.caveats } : {}),
		...(d.references ? { references: d.references } : {})
	};
}

/** Age group of each rate indicator, for its count twin's text. */
const WHO = new Map<string, string>();

const FILE_ACTIVE_CAVEAT =
	'La file active compte les patients vus par l’établissement, quel que soit leur lieu de résidence ; un patient suivi par deux établissements est compté deux fois. C’est une mesure d’activité, pas de besoin.';
const STAFF_CAVEAT = 'ETP salariés déclarés par l’établissement (SAE) : les libéraux ne sont pas comptés.';
const CMP_CAVEAT =
	'Nombre de CMP déclarés par l’établissement gestionnaire (SAE 2023 : NB_CMP_SEUL ; 2022 : NB_CMP_SEUL_PA + NB_CMP_SEUL_PL), rattachés à sa commune et non à l’adresse du CMP.';
const ATLAS_2019 = 'Atlas de la santé mentale, valeur 2019 (SAE 2019) : même définition, quatre ans plus tôt.';

/** The SAE measures behind the rates of both disciplines. */
const SAE = {
	// Fewer beds can mean more ambulatory care: no direction is favourable per se.
	beds: { what: 'Lits d’hospitalisation à temps plein', column: 'cap_htp', saeVar: 'CAP_HTP', unitNoun: 'lits', scale: 100_000, priority: 1, favourable: 'neutral' },
	dayHospital: { what: 'Places d’hospitalisation de jour', column: 'cap_hdj', saeVar: 'CAP_HDJ', unitNoun: 'places', scale: 100_000, priority: 1, favourable: 'higher' },
	nightHospital: { what: 'Places d’hospitalisation de nuit', column: 'cap_hdn', saeVar: 'CAP_HDN', unitNoun: 'places', scale: 100_000, priority: 2, favourable: 'higher' },
	cmp: { what: 'Centres médico-psychologiques (CMP)', column: 'nb_cmp', saeVar: 'NB_CMP', unitNoun: 'CMP', scale: 100_000, priority: 1, favourable: 'higher', caveats: [CMP_CAVEAT] },
	cattp: { what: 'Centres d’accueil thérapeutique à temps partiel (CATTP)', column: 'nb_cattp', saeVar: 'NB_CATTP', unitNoun: 'CATTP', scale: 100_000, priority: 2, favourable: 'higher' },
	therapeuticFlats: { what: 'Places en appartement thérapeutique', column: 'cap_aat', saeVar: 'CAP_AAT', unitNoun: 'places', scale: 100_000, priority: 2, favourable: 'higher' },
	fosterCare: { what: 'Places en accueil (placement) familial thérapeutique', column: 'cap_pft', saeVar: 'CAP_PFT', unitNoun: 'places', scale: 100_000, priority: 2, favourable: 'higher' },
	crisis: { what: 'Places en centre de crise et d’accueil permanent', column: 'cap_ccu', saeVar: 'CAP_CCU', unitNoun: 'places', scale: 100_000, priority: 4, favourable: 'higher' },
	postCure: { what: 'Places en centre de post-cure', column: 'cap_acp', saeVar: 'CAP_ACP', unitNoun: 'places', scale: 100_000, priority: 2, favourable: 'higher' },
	homeHospital: { what: 'Places d’hospitalisation à domicile (HAD) psychiatrique', column: 'cap_had', saeVar: 'CAP_HAD', unitNoun: 'places', scale: 100_000, priority: 2, favourable: 'higher' },
	psychiatrists: { what: 'Psychiatres salariés en équivalents temps plein', column: 'etp_psychiatrists', saeVar: 'ETPSAL_PKT', unitNoun: 'ETP', scale: 100_000, priority: 1, favourable: 'higher', caveats: [STAFF_CAVEAT] },
	nurses: { what: 'Infirmiers en équivalents temps plein', column: 'etp_nurses', saeVar: 'ETP_INF', unitNoun: 'ETP', scale: 100_000, priority: 1, favourable: 'higher', caveats: [STAFF_CAVEAT] },
	psychologists: { what: 'Psychologues en équivalents temps plein', column: 'etp_psychologists', saeVar: 'ETP_PSY', unitNoun: 'ETP', scale: 100_000, priority: 1, favourable: 'higher', caveats: [STAFF_CAVEAT] },
	fileActive: { what: 'Patients vus au moins une fois dans l’année (file active totale)', column: 'fil_tot', saeVar: 'FIL_TOT', unitNoun: 'patients', scale: 1_000, priority: 1, favourable: 'neutral', caveats: [FILE_ACTIVE_CAVEAT] },
} satisfies Record<string, SaeMeasure>;

const CORE: IndicatorDef[] = [
	{
		id: 'population',
		label: 'Population',
		definition: 'Population municipale totale (populations légales en vigueur au 1er janvier 2026, COG 2026).',
		unit: 'habitants',
		scale: 1,
		numerator: 'Population municipale',
		denominator: null,
		sources: ['cog'],
		// Context for every priority; filed under territorial determinants.
		priority: 6,
		favourable: 'neutral',
		levels: ALL_LEVELS,
		measure: { table: 'communes', column: 'population' },
		base: null,
		vintage: 'INSEE, populations légales en vigueur au 1er janvier 2026 ; COG 2026'
	},
	// --- adult general psychiatry (population ≥ 16) ------------------------------------------
	saeRate(ADULT, SAE.beds, {
		id: 'beds_adult_per100k',
		label: 'Lits de psychiatrie générale (temps plein)',
		why: 'Moins de lits peut traduire un virage ambulatoire : pas de sens favorable en soi.',
		atlas: { indicator: 'OFF01', year: 2019, note: ATLAS_2019 },
		references: [
			{
				label: 'France, tous âges : environ 100 à 105 lits pour 100 000 habitants de 16 ans et plus (calcul du guide, non officiel)',
				value: 102,
				year: '2018',
				source: 'DREES, Panorama des établissements de santé 2020'
			},
			{
				label: 'Maximum départemental observé',
				value: 233,
				year: '2011',
				source: 'IRDES, rapport 558 (2014)'
			},
			{
				label: 'France : lits d’hospitalisation à temps plein en psychiatrie, tous âges',
				value: 55_000,
				year: '2018',
				source: 'DREES, Panorama des établissements de santé 2020',
				unit: 'lits'
			}
		]
	}),
	saeRate(ADULT, SAE.dayHospital, {
		id: 'hdj_adult_per100k',
		label: 'Places d’hôpital de jour, psychiatrie générale',
		why: 'L’hôpital de jour permet des soins intensifs sans rupture avec le milieu de vie.',
		caveats: ['L’Atlas publie les places de jour et de nuit ensemble (OFF07) : pas de comparaison directe avec ces seules places de jour.'],
		references: [
			{
				label: 'France : places d’hospitalisation de jour et de nuit en psychiatrie, tous âges',
				value: 29_000,
				year: '2018',
				source: 'DREES, Panorama des établissements de santé 2020',
				unit: 'places'
			}
		]
	}),
	saeRate(ADULT, SAE.nightHospital, {
		id: 'hdn_adult_per100k',
		label: 'Places d’hôpital de nuit, psychiatrie générale',
		why: 'L’hôpital de nuit accompagne la reprise d’une vie sociale ou professionnelle.'
	}),
	saeRate(ADULT, SAE.cmp, {
		id: 'cmp_adult_per100k',
		label: 'CMP de psychiatrie générale',
		why: 'Le CMP est la porte d’entrée du secteur.',
		atlas: {
			indicator: 'OFF15A',
			year: 2019,
			note: 'Atlas de la santé mentale 2019 (OFF15A, CMP de psychiatrie générale, SAE 2019) ; la variable SAE du nombre de CMP a changé depuis, la comparaison est approchée.'
		},
		references: [
			{ label: 'France : nombre de CMP, tous âges', value: 3_100, year: '2018', source: 'DREES, Panorama des établissements de santé 2020', unit: 'CMP' }
		]
	}),
	saeRate(ADULT, SAE.cattp, {
		id: 'cattp_adult_per100k',
		label: 'CATTP de psychiatrie générale',
		why: 'Les ateliers thérapeutiques soutiennent le rétablissement et la continuité des soins.',
		caveats: ['Les CATTP sont rattachés à la commune de leur établissement gestionnaire, pas à leur adresse propre.'],
		atlas: { indicator: 'OFF16', year: 2019, note: ATLAS_2019 }
	}),
	saeRate(ADULT, SAE.therapeuticFlats, {
		id: 'aat_adult_per100k',
		label: 'Places en appartement thérapeutique',
		why: 'Une étape vers le logement autonome, pour des parcours sans rupture.'
	}),
	saeRate(ADULT, SAE.fosterCare, {
		id: 'pft_adult_per100k',
		label: 'Places en accueil familial thérapeutique, adultes',
		why: 'Une alternative à l’hospitalisation au long cours.'
	}),
	saeRate(ADULT, SAE.crisis, {
		id: 'crisis_adult_per100k',
		label: 'Places en centre de crise, adultes',
		why: 'La gestion des situations de crise est la 4e priorité des PTSM.'
	}),
	saeRate(ADULT, SAE.postCure, {
		id: 'postcure_adult_per100k',
		label: 'Places en centre de post-cure',
		why: 'La post-cure prépare la sortie et la réinsertion.'
	}),
	saeRate(ADULT, SAE.homeHospital, {
		id: 'had_adult_per100k',
		label: 'Places d’hospitalisation à domicile psychiatrique, adultes',
		why: 'Des soins dans le milieu de vie ordinaire (R.3224-1).'
	}),
	saeRate(ADULT, SAE.psychiatrists, {
		id: 'etp_psychiatrists_adult_per100k',
		label: 'Psychiatres salariés (ETP), psychiatrie générale',
		why: 'Le temps médical conditionne l’accès au diagnostic et aux soins.',
		atlas: {
			indicator: 'OFF20',
			year: 2019,
			note: 'Atlas de la santé mentale 2019 (OFF20, psychiatres en ETP exerçant en établissement, SAE 2019) ; l’Atlas peut inclure des ETP non salariés : comparaison approchée.'
		},
		references: [
			{
				label: 'France : psychiatres libéraux et salariés (autre mesure : personnes, pas ETP ; population totale)',
				value: 22,
				year: '2004',
				source: 'DREES, Études et résultats 443 (2005)',
				unit: 'psychiatres pour 100 000 habitants'
			}
		]
	}),
	saeRate(ADULT, SAE.nurses, {
		id: 'etp_nurses_adult_per100k',
		label: 'Infirmiers (ETP), psychiatrie générale',
		why: 'Les infirmiers portent l’essentiel du suivi ambulatoire en CMP.'
	}),
	saeRate(ADULT, SAE.psychologists, {
		id: 'etp_psychologists_adult_per100k',
		label: 'Psychologues (ETP), psychiatrie générale',
		why: 'Les psychologues assurent une part des consultations et des psychothérapies.'
	}),
	saeRate(ADULT, SAE.fileActive, {
		id: 'file_active_adult_per1000',
		label: 'File active, psychiatrie générale',
		why: 'Reflète à la fois le besoin et l’offre : pas de sens favorable.',
		references: [
			{
				label: 'France : patients suivis en ambulatoire en psychiatrie, tous âges',
				value: 2_000_000,
				year: '2015',
				source: 'Source secondaire (réseau Pro Santé, 2018)',
				unit: 'patients'
			}
		]
	}),
	// --- child and adolescent psychiatry (population < 16) -----------------------------------
	saeRate(CHILD, SAE.beds, {
		id: 'beds_child_per100k',
		label: 'Lits de psychiatrie infanto-juvénile (temps plein)',
		why: 'Pas de sens favorable en soi (virage ambulatoire).',
		caveats: ['L’Atlas rapporte ces lits aux 0–17 ans : pas de comparaison directe avec un dénominateur de moins de 16 ans.'],
		references: [
			{ label: 'France : lits de psychiatrie infanto-juvénile', value: 2_257, year: '2016–2017', source: 'DGOS, audition au Sénat (2017)', unit: 'lits' }
		]
	}),
	saeRate(CHILD, SAE.dayHospital, {
		id: 'hdj_child_per100k',
		label: 'Places d’hôpital de jour, psychiatrie infanto-juvénile',
		why: 'L’hôpital de jour est la principale modalité d’hospitalisation des enfants.'
	}),
	saeRate(CHILD, SAE.nightHospital, {
		id: 'hdn_child_per100k',
		label: 'Places d’hôpital de nuit, psychiatrie infanto-juvénile',
		why: 'Une modalité rare, surtout pour les adolescents.'
	}),
	saeRate(CHILD, SAE.cmp, {
		id: 'cmp_child_per100k',
		label: 'CMP de psychiatrie infanto-juvénile',
		why: 'Le CMP est la porte d’entrée du secteur infanto-juvénile.'
	}),
	saeRate(CHILD, SAE.cattp, {
		id: 'cattp_child_per100k',
		label: 'CATTP de psychiatrie infanto-juvénile',
		why: 'Des soins à temps partiel compatibles avec la scolarité.'
	}),
	saeRate(CHILD, SAE.fosterCare, {
		id: 'pft_child_per100k',
		label: 'Places en accueil familial thérapeutique, enfants',
		why: 'Une alternative à l’hospitalisation pour les enfants.'
	}),
	saeRate(CHILD, SAE.crisis, {
		id: 'crisis_child_per100k',
		label: 'Places en centre de crise, enfants et adolescents',
		why: 'La gestion des situations de crise est la 4e priorité des PTSM.'
	}),
	saeRate(CHILD, SAE.homeHospital, {
		id: 'had_child_per100k',
		label: 'Places d’hospitalisation à domicile psychiatrique, enfants',
		why: 'Des soins dans le milieu de vie ordinaire.'
	}),
	saeRate(CHILD, SAE.psychiatrists, {
		id: 'etp_psychiatrists_child_per100k',
		label: 'Pédopsychiatres salariés (ETP)',
		why: 'Le temps de pédopsychiatre conditionne l’accès au diagnostic.',
		caveats: ['L’Atlas (ADO13) rapporte ces ETP aux 0–17 ans : pas de comparaison directe.'],
		references: [
			{
				label: 'France : pédopsychiatres (personnes, tous modes d’exercice ; 52 % libéraux ou mixtes)',
				value: 2_475,
				year: '2015',
				source: 'DGOS, audition au Sénat (2017)',
				unit: 'pédopsychiatres'
			}
		]
	}),
	saeRate(CHILD, SAE.nurses, {
		id: 'etp_nurses_child_per100k',
		label: 'Infirmiers (ETP), psychiatrie infanto-juvénile',
		why: 'Les soignants portent le suivi en CMP et CATTP.'
	}),
	saeRate(CHILD, SAE.psychologists, {
		id: 'etp_psychologists_child_per100k',
		label: 'Psychologues (ETP), psychiatrie infanto-juvénile',
		why: 'Les psychologues assurent une part importante des prises en charge des enfants.'
	}),
	saeRate(CHILD, SAE.fileActive, {
		id: 'file_active_child_per1000',
		label: 'File active, psychiatrie infanto-juvénile',
		why: 'Reflète à la fois le besoin et l’offre : pas de sens favorable.'
	}),
	// --- counts, both disciplines --------------------------------------------------------------
	// The CMP is the entry door of the sector (domain.md, glossary).
	saeSiteCount(SAE.cmp, {
		id: 'cmp_count',
		label: 'Centres médico-psychologiques (CMP)',
		where: ', pas dans celle du CMP',
		references: [
			{ label: 'France : nombre de CMP', value: 3_100, year: '2018', source: 'DREES, Panorama des établissements de santé 2020' }
		]
	}),
	// Part-time therapeutic workshops support recovery and continuity of care.
	saeSiteCount(SAE.cattp, { id: 'cattp_count', label: 'Centres d’accueil thérapeutique à temps partiel (CATTP)' }),
	// --- primary care (proxy) --------------------------------------------------------------------
	{
		id: 'gp_practices_per10k',
		label: 'Cabinets de médecine générale',
		definition:
			'Établissements SIRENE de médecine générale (NAF 86.21Z, stock de février 2019) pour 10 000 habitants (population légale COG 2026).',
		unit: 'cabinets pour 10 000 habitants',
		scale: 10_000,
		numerator: 'Établissements SIRENE actifs, NAF 86.21Z (février 2019)',
		denominator: 'Population municipale (populations légales en vigueur au 1er janvier 2026)',
		sources: ['sirene_gp', 'cog'],
		// GPs are the first contact and the somatic follow-up of people with mental disorders.
		priority: 3,
		favourable: 'higher',
		levels: ALL_LEVELS,
		proxy: 'Indicateur approché : cabinets, pas médecins (ni ETP). Un cabinet de groupe compte pour un.',
		measure: { table: 'gp_practices', column: 'gp_practices' },
		base: 'total',
		vintage: 'SIRENE, février 2019 ; populations légales 2026',
		references: [
			{
				label: 'France : médecins généralistes en activité (autre mesure : médecins, pas cabinets)',
				value: 149,
				year: '2022',
				source: 'REPSS/PLFSS, indicateur 1.4',
				unit: 'médecins généralistes pour 100 000 habitants'
			}
		]
	},
	// --- medico-social places (estimated from the Atlas, département and above) -----------------
	...medicoSocial(),
	// --- FINESS sites by kind: counts and densities (facility-catalogue.ts) ---------------------
	...facilityIndicators()
];

/**
 * Medico-social places per 1 000 adults aged 20–59, the planning convention (domain guide, [S15]).
 * No open file gives places per establishment: the etalab FINESS extract (cs1100507) has no
 * capacity field (data/parsers/finess.ts, ET_FIELDS). So the places are implied by the Atlas
 * density: the Atlas prints "densité", age band "20 ans et plus", without the scale; its France
 * ESAT value (226 in 2019) × ≈ 52 million aged ≥ 20 gives ≈ 117 000 places, i.e. per 100 000, and
 * re-expressed per 1 000 aged 20–59 it lands on Handidonnées' 3.5 ‰. The published density stays
 * visible as each indicator's Atlas reference (another unit), not as a second indicator.
 */
/**
 * The count behind every SAE rate (lits, places, CMP, ETP…): a planner writes « la Creuse compte
 * 180 lits ». Same measure, no denominator in the value; the rate's population is declared so that a
 * gap is an expectation (reference rate × population), see gap.ts.
 */
function countOf(rate: IndicatorDef): IndicatorDef {
	const noun = rate.unit.slice(0, rate.unit.indexOf(' pour '));
	const who = WHO.get(rate.id) ?? '';
	return {
		...rate,
		id: rate.id.replace(/_per(100k|1000)$/, '_count'),
		label: `${rate.label} : nombre`,
		definition: `Nombre (${noun}) de l’indicateur « ${rate.label} », sans rapport à la population. Un écart compare ce nombre au nombre attendu : taux de la référence × population de ${who} du territoire.`,
		unit: noun,
		scale: 1,
		denominator: null,
		base: null,
		estimate: undefined,
		estimateLevels: undefined,
		atlas: undefined,
		references: undefined,
		count: { noun, base: rate.base as PopulationBase, scale: rate.scale, of: rate.id }
	};
}

function medicoSocial(): IndicatorDef[] {
	const rows: { code: string; id: string; label: string; what: string; refs: IndicatorReference[] }[] = [
		{
			code: 'OFF42',
			id: 'ms_fam_per1000_20_59',
			label: 'Places en foyer d’accueil médicalisé (FAM)',
			what: 'places installées en foyers d’accueil médicalisé (FAM, devenus EAM)',
			refs: [msRef('EAM et FAM (0,7 + 0,3 ‰ ; l’EAM a succédé au FAM en 2018)', 1.0)]
		},
		{
			code: 'OFF43',
			id: 'ms_mas_per1000_20_59',
			label: 'Places en maison d’accueil spécialisée (MAS)',
			what: 'places installées en maisons d’accueil spécialisées (MAS)',
			refs: [msRef('MAS', 1.0)]
		},
		{
			code: 'OFF44',
			id: 'ms_foyers_per1000_20_59',
			label: 'Places en foyer de vie et d’hébergement',
			what: 'places installées en foyers de vie et foyers d’hébergement',
			refs: [
				msRef('foyer de vie et foyer d’hébergement (0,9 + 0,6 ‰ ; hors EANM, qui leur succède depuis 2018)', 1.5)
			]
		},
		{
			code: 'OFF46',
			id: 'ms_esat_per1000_20_59',
			label: 'Places en ESAT',
			what: 'places installées en établissements et services d’aide par le travail (ESAT)',
			refs: [msRef('ESAT', 3.5)]
		},
		{
			code: 'OFF47',
			id: 'ms_savs_per1000_20_59',
			label: 'Places en SAVS',
			what: 'places installées en services d’accompagnement à la vie sociale (SAVS)',
			refs: [msRef('SAVS', 1.4)]
		},
		{
			code: 'OFF48',
			id: 'ms_samsah_per1000_20_59',
			label: 'Places en SAMSAH',
			what: 'places installées en services d’accompagnement médico-social pour adultes handicapés (SAMSAH)',
			refs: [msRef('SAMSAH', 0.4)]
		}
	];
	return rows.map((r) => ({
		id: r.id,
		label: r.label,
		definition: `Estimation des ${r.what} pour 1 000 adultes de 20 à 59 ans. Nombre de places implicite = densité publiée par l’Atlas de la santé mentale (indicateur ${r.code}, FINESS ${MS_ATLAS_YEAR}, ${MS_ATLAS_UNIT}) × population de 20 ans et plus / 100 000 ; rapporté à la population de 20 à 59 ans × 1 000 (INSEE, estimations au 1er janvier ${MS_POP_YEAR} pour les deux populations). Région et France : somme des places implicites des départements sur la somme de leurs 20–59 ans. Les capacités ne viennent pas de FINESS : l’extrait FINESS d’Etalab (cs1100507), même chargé, ne donne ni places ni lits.`,
		unit: 'places pour 1 000 adultes de 20 à 59 ans',
		scale: 1_000,
		numerator: `Places installées implicites (${r.code}, ${MS_ATLAS_YEAR}) = densité publiée × population de 20 ans et plus (${MS_POP_YEAR}) / 100 000`,
		denominator: `Population de 20 à 59 ans (INSEE, estimations au 1er janvier ${MS_POP_YEAR})`,
		sources: ['atlas_sante_mentale', 'insee_pop_age'],
		priority: 2 as const,
		favourable: 'higher' as const,
		levels: DEP_AND_ABOVE,
		proxy: `Estimation dérivée de la densité de l’Atlas (places ${MS_ATLAS_YEAR}, populations ${MS_POP_YEAR}), pas un décompte de places : la densité publiée reste affichée comme référence Atlas.`,
		measure: { table: 'atlas_values' as const, indicator: r.code, year: MS_ATLAS_YEAR, popYear: MS_POP_YEAR },
		base: 'age_20_59' as const,
		vintage: `Atlas de la santé mentale (IRDES/DREES), données FINESS ${MS_ATLAS_YEAR} ; INSEE, estimations au 1er janvier ${MS_POP_YEAR}`,
		atlas: {
			indicator: r.code,
			year: MS_ATLAS_YEAR,
			unit: MS_ATLAS_UNIT,
			note: 'Densité publiée dont l’estimation est tirée ; autre dénominateur (20 ans et plus, pour 100 000), donc pas de calcul d’écart avec elle.'
		},
		caveats: [
			'Disponible au département et au-dessus seulement.',
			'L’Atlas libelle ces densités « pour tous types de déficiences, déficiences intellectuelles et troubles du comportement » : pas seulement le handicap psychique.',
			'Unité de la densité déduite : l’Atlas indique « densité » et la tranche « 20 ans et plus » sans préciser l’échelle ; l’ordre de grandeur correspond à 100 000 habitants.',
			`La densité ${MS_ATLAS_YEAR} est appliquée à la population ${MS_POP_YEAR} (année disponible la plus proche) : le nombre de places implicite suppose une densité inchangée entre les deux dates.`,
			'Les références Handidonnées (2025) sont plus récentes de six ans ; leur dénominateur (20–59 ans) n’est pas imprimé sur les pages lues, il est supposé identique.'
		],
		references: r.refs
	}));
}

function msRef(what: string, perMille: number): IndicatorReference {
	return {
		label: `France : places en ${what} pour 1 000 adultes de 20 à 59 ans`,
		value: perMille,
		year: '2025',
		source: 'Handidonnées (CREAI), colonne nationale'
	};
}

/** Every indicator: the core catalogue, then the count of every SAE rate. */
export const INDICATORS: IndicatorDef[] = [
	...CORE,
	...CORE.filter((d) => d.measure?.table === 'sae_psy' && d.base && d.unit.includes(' pour ')).map(countOf)
];

/**
 * What a PTSM weighs first, for the diagnostic summary: staff, CMP, day hospital, beds, then the rest
 * (ids in order; an indicator not listed comes after, by its gap).
 */
export const SHORTFALL_ORDER: readonly string[] = [
	'etp_psychiatrists_adult_per100k',
	'etp_psychiatrists_child_per100k',
	'etp_nurses_adult_per100k',
	'etp_nurses_child_per100k',
	'etp_psychologists_adult_per100k',
	'etp_psychologists_child_per100k',
	'cmp_adult_per100k',
	'cmp_child_per100k',
	'hdj_adult_per100k',
	'hdj_child_per100k',
	'beds_adult_per100k',
	'beds_child_per100k',
	'crisis_adult_per100k',
	'crisis_child_per100k',
	'cattp_adult_per100k',
	'cattp_child_per100k'
];

// --- evolutions 2022 → 2023 of every SAE indicator --------------------------------------------

const EVOLUTION_CAVEAT =
	'Chaque année est rapportée à sa propre population (estimations INSEE 2022 et 2023). Six établissements présents en 2022 seulement, sans commune connue, ne sont pas placés : leurs capacités 2022 manquent.';

function evolutionOf(def: IndicatorDef): IndicatorDef {
	const rate = def.base !== null && def.base !== undefined;
	return {
		...def,
		id: `${def.id}_evol`,
		label: `Évolution ${SAE_PREVIOUS_YEAR} → ${SAE_YEAR} : ${def.label}`,
		definition: `Écart entre ${SAE_YEAR} et ${SAE_PREVIOUS_YEAR} de l’indicateur « ${def.label} » (valeur ${SAE_YEAR} − valeur ${SAE_PREVIOUS_YEAR}), avec sa variation en %. ${def.definition}`,
		unit: rate ? `écart en ${def.unit}` : `écart en nombre de ${def.unit}`,
		kind: 'evolution',
		evolution: { of: def.id, from: SAE_PREVIOUS_YEAR, to: SAE_YEAR },
		vintage: `SAE ${SAE_PREVIOUS_YEAR} et ${SAE_YEAR} (bordereau PSY) ; INSEE, estimations au 1er janvier ${SAE_PREVIOUS_YEAR} et ${SAE_YEAR} ; COG 2026`,
		caveats: [...(def.caveats ?? []), EVOLUTION_CAVEAT],
		// Published references and the Atlas describe levels, not changes.
		references: undefined,
		atlas: undefined
	};
}

/** One evolution indicator per SAE indicator (kind 'evolution', id `<id>_evol`). */
export const EVOLUTION_INDICATORS: IndicatorDef[] = INDICATORS.filter((d) => d.measure?.table === 'sae_psy' && !d.count?.of).map(evolutionOf);

/** Stock and evolution indicators. */
export const CATALOGUE: IndicatorDef[] = [...INDICATORS, ...EVOLUTION_INDICATORS];

export function indicatorById(id: string): IndicatorDef | undefined {
	return CATALOGUE.find((d) => d.id === id);
}
