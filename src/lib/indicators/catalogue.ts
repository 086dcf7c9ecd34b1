/**
 * The indicator catalogue, as data. Reference values and their years come from
 * /work/shared/docs/domain.md §2 (source ids in brackets there).
 */
import type { Level } from '../db/types';
import type { IndicatorDef } from './types';

const ALL_LEVELS: Level[] = ['commune', 'epci', 'departement', 'region', 'france'];
const SAE_YEAR = 2023;

const AGE_ESTIMATE =
	'Aux niveaux commune et EPCI, la population par âge est estimée : population légale de la commune × part de la tranche d’âge dans son département (estimations INSEE au 1er janvier).';
const POP16_NOTE =
	'Estimations INSEE au 1er janvier ; les 16 ans et plus sont dérivés des grandes classes d’âge (part des 0–15 ans dans les 0–19 ans reprise de l’âge quinquennal 2022).';

export const INDICATORS: IndicatorDef[] = [
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
		base: null
	},
	{
		id: 'beds_adult_per100k',
		label: 'Lits de psychiatrie générale (temps plein)',
		definition:
			'Lits d’hospitalisation à temps plein en psychiatrie générale (SAE 2023, discipline GEN) pour 100 000 habitants de 16 ans et plus. Les lits sont comptés dans la commune de l’établissement.',
		unit: 'lits pour 100 000 habitants de 16 ans et plus',
		scale: 100_000,
		numerator: 'Lits d’hospitalisation à temps plein, psychiatrie générale (SAE, CAP_HTP)',
		denominator: `Population de 16 ans et plus. ${POP16_NOTE}`,
		sources: ['sae_psy', 'insee_pop_age', 'cog'],
		priority: 1,
		// Fewer beds can mean more ambulatory care: no direction is favourable per se.
		favourable: 'neutral',
		levels: ALL_LEVELS,
		estimate: AGE_ESTIMATE,
		estimateLevels: ['commune', 'epci'],
		measure: { table: 'sae_psy', column: 'cap_htp', disciplines: ['GEN'], year: SAE_YEAR },
		base: 'age_16_plus',
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
	},
	{
		id: 'hdj_adult_per100k',
		label: 'Places d’hôpital de jour, psychiatrie générale',
		definition:
			'Places d’hospitalisation de jour en psychiatrie générale (SAE 2023, discipline GEN) pour 100 000 habitants de 16 ans et plus.',
		unit: 'places pour 100 000 habitants de 16 ans et plus',
		scale: 100_000,
		numerator: 'Places d’hôpital de jour, psychiatrie générale (SAE, CAP_HDJ)',
		denominator: `Population de 16 ans et plus. ${POP16_NOTE}`,
		sources: ['sae_psy', 'insee_pop_age', 'cog'],
		priority: 1,
		favourable: 'higher',
		levels: ALL_LEVELS,
		estimate: AGE_ESTIMATE,
		estimateLevels: ['commune', 'epci'],
		measure: { table: 'sae_psy', column: 'cap_hdj', disciplines: ['GEN'], year: SAE_YEAR },
		base: 'age_16_plus',
		references: [
			{
				label: 'France : places d’hospitalisation de jour et de nuit en psychiatrie, tous âges',
				value: 29_000,
				year: '2018',
				source: 'DREES, Panorama des établissements de santé 2020',
				unit: 'places'
			}
		]
	},
	{
		id: 'beds_child_per100k',
		label: 'Lits de psychiatrie infanto-juvénile (temps plein)',
		definition:
			'Lits d’hospitalisation à temps plein en psychiatrie infanto-juvénile (SAE 2023, discipline INF) pour 100 000 habitants de moins de 16 ans.',
		unit: 'lits pour 100 000 habitants de moins de 16 ans',
		scale: 100_000,
		numerator: 'Lits d’hospitalisation à temps plein, psychiatrie infanto-juvénile (SAE, CAP_HTP)',
		denominator: `Population de moins de 16 ans. ${POP16_NOTE}`,
		sources: ['sae_psy', 'insee_pop_age', 'cog'],
		priority: 1,
		favourable: 'neutral',
		levels: ALL_LEVELS,
		estimate: AGE_ESTIMATE,
		estimateLevels: ['commune', 'epci'],
		measure: { table: 'sae_psy', column: 'cap_htp', disciplines: ['INF'], year: SAE_YEAR },
		base: 'age_0_15',
		references: [
			{
				label: 'France : lits de psychiatrie infanto-juvénile',
				value: 2_257,
				year: '2016–2017',
				source: 'DGOS, audition au Sénat (2017)',
				unit: 'lits'
			}
		]
	},
	{
		id: 'hdj_child_per100k',
		label: 'Places d’hôpital de jour, psychiatrie infanto-juvénile',
		definition:
			'Places d’hospitalisation de jour en psychiatrie infanto-juvénile (SAE 2023, discipline INF) pour 100 000 habitants de moins de 16 ans.',
		unit: 'places pour 100 000 habitants de moins de 16 ans',
		scale: 100_000,
		numerator: 'Places d’hôpital de jour, psychiatrie infanto-juvénile (SAE, CAP_HDJ)',
		denominator: `Population de moins de 16 ans. ${POP16_NOTE}`,
		sources: ['sae_psy', 'insee_pop_age', 'cog'],
		priority: 1,
		favourable: 'higher',
		levels: ALL_LEVELS,
		estimate: AGE_ESTIMATE,
		estimateLevels: ['commune', 'epci'],
		measure: { table: 'sae_psy', column: 'cap_hdj', disciplines: ['INF'], year: SAE_YEAR },
		base: 'age_0_15'
	},
	{
		id: 'cmp_count',
		label: 'Centres médico-psychologiques (CMP)',
		definition:
			'Nombre de CMP déclarés dans la SAE 2023 (psychiatrie générale et infanto-juvénile), comptés dans la commune de l’établissement gestionnaire, pas dans celle du CMP.',
		unit: 'CMP',
		scale: 1,
		numerator: 'CMP, psychiatrie générale et infanto-juvénile (SAE, NB_CMP)',
		denominator: null,
		sources: ['sae_psy', 'cog'],
		// The CMP is the entry door of the sector (domain.md, glossary).
		priority: 1,
		favourable: 'neutral',
		levels: ALL_LEVELS,
		proxy: 'Les CMP sont rattachés à la commune de leur établissement gestionnaire, pas à leur adresse propre.',
		measure: { table: 'sae_psy', column: 'nb_cmp', disciplines: ['GEN', 'INF'], year: SAE_YEAR },
		base: null,
		references: [
			{ label: 'France : nombre de CMP', value: 3_100, year: '2018', source: 'DREES, Panorama des établissements de santé 2020' }
		]
	},
	{
		id: 'cattp_count',
		label: 'Centres d’accueil thérapeutique à temps partiel (CATTP)',
		definition:
			'Nombre de CATTP déclarés dans la SAE 2023 (psychiatrie générale et infanto-juvénile), comptés dans la commune de l’établissement gestionnaire.',
		unit: 'CATTP',
		scale: 1,
		numerator: 'CATTP, psychiatrie générale et infanto-juvénile (SAE, NB_CATTP)',
		denominator: null,
		sources: ['sae_psy', 'cog'],
		// Part-time therapeutic workshops support recovery and continuity of care.
		priority: 2,
		favourable: 'neutral',
		levels: ALL_LEVELS,
		proxy: 'Les CATTP sont rattachés à la commune de leur établissement gestionnaire, pas à leur adresse propre.',
		measure: { table: 'sae_psy', column: 'nb_cattp', disciplines: ['GEN', 'INF'], year: SAE_YEAR },
		base: null
	},
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
		references: [
			{
				label: 'France : médecins généralistes en activité (autre mesure : médecins, pas cabinets)',
				value: 149,
				year: '2022',
				source: 'REPSS/PLFSS, indicateur 1.4',
				unit: 'médecins généralistes pour 100 000 habitants'
			}
		]
	}
];

export function indicatorById(id: string): IndicatorDef | undefined {
	return INDICATORS.find((d) => d.id === id);
}
