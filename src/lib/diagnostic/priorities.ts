/**
 * The six PTSM priorities, in the order of the décret n° 2017-1200 du 27 juillet 2017
 * (CSP R.3224-5 to R.3224-10; domain guide §4), with the short French titles the diagnostic uses.
 */
import type { PtsmPriority } from '../indicators/types';

export interface PriorityInfo {
	n: PtsmPriority;
	article: string;
	title: string; // French short title
	scope: string; // French, one sentence: what the decree asks the diagnostic to look at
	/** French: what the open data cannot say about this priority, shown even when indicators exist. */
	limit?: string;
}

export const NO_INDICATOR = 'Aucun indicateur de la donnée ouverte ne couvre cette priorité ; à documenter localement.';

export const PRIORITIES: readonly PriorityInfo[] = [
	{
		n: 1,
		article: 'R.3224-5',
		title: 'Repérage précoce, diagnostic et accès aux soins et aux accompagnements',
		scope: 'Repérage précoce des troubles psychiques, élaboration d’un diagnostic, accès aux soins et aux accompagnements sociaux ou médico-sociaux, y compris pour les publics à risque spécifique.'
	},
	{
		n: 2,
		article: 'R.3224-6',
		title: 'Parcours de santé et de vie sans rupture, rétablissement et insertion sociale',
		scope: 'Parcours de qualité et sans rupture, notamment pour les personnes présentant des troubles graves et durables ou un handicap psychique, en vue de leur rétablissement et de leur insertion sociale.'
	},
	{
		n: 3,
		article: 'R.3224-7',
		title: 'Accès aux soins somatiques',
		scope: 'Accès des personnes présentant des troubles psychiques à des soins somatiques adaptés à leurs besoins.',
		limit: 'Seule une approximation de l’offre de médecine générale est disponible ; le suivi somatique effectif des personnes suivies en psychiatrie est à documenter localement.'
	},
	{
		n: 4,
		article: 'R.3224-8',
		title: 'Prévention et prise en charge des situations de crise et d’urgence',
		scope: 'Prévention et prise en charge des situations de crise et d’urgence.',
		limit: 'Les urgences psychiatriques, équipes mobiles et soins sans consentement ne figurent pas dans la donnée ouverte chargée : à documenter localement.'
	},
	{
		n: 5,
		article: 'R.3224-9',
		title: 'Respect et promotion des droits, pouvoir de décider et d’agir, lutte contre la stigmatisation',
		scope: 'Respect et promotion des droits des personnes, renforcement de leur pouvoir de décider et d’agir, lutte contre la stigmatisation des troubles psychiques.'
	},
	{
		n: 6,
		article: 'R.3224-10',
		title: 'Action sur les déterminants sociaux, environnementaux et territoriaux de la santé mentale',
		scope: 'Action sur les déterminants sociaux, environnementaux et territoriaux de la santé mentale.',
		limit: 'La population sert de contexte ; les déterminants eux-mêmes (précarité, logement, isolement, environnement) ne sont pas couverts par la donnée ouverte chargée : à documenter localement.'
	}
];
