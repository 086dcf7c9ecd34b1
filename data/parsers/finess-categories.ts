/**
 * FINESS establishment categories (nomenclature TRE_R66 « catégorie d'établissement », ANS NOS):
 * code ↔ official label for the codes this project uses, and the grouping of those codes into the
 * dashboard's facility groups. Labels are verbatim TRE_R66 labels (checked against the ANS FHIR
 * CodeSystem, version 2026-05-05, as quoted in docs/domain.md §3); the hospital labels are also exactly
 * those of the GISCO extract. Codes whose verbatim label was not available (182 SESSAD, 379, 461) are left out.
 */
import { CATEGORY_KIND, PSY_HOSPITAL_KIND } from '../../src/lib/facilities/kind-rules.ts';
import type { FacilityKind } from '../../src/lib/facilities/kinds.ts';

/** Code → official label. Not the whole nomenclature (322 codes): the psychiatric, medico-social,
 * primary-care and hospital categories the app reads or may meet in SAE/GISCO/FINESS. */
export const FINESS_CATEGORY_LABELS: Readonly<Record<string, string>> = {
	// Hospitals (GISCO extract, SAE `cat`)
	'101': 'Centre Hospitalier Régional (C.H.R.)',
	'106': 'Centre hospitalier, ex Hôpital local',
	'109': 'Etablissement de santé privé autorisé en SSR',
	'122': 'Etablissement Soins Obstétriques Chirurgico-Gynécologiques',
	'128': 'Etablissement de Soins Chirurgicaux',
	'129': 'Etablissement de Soins Médicaux',
	'131': 'Centre de Lutte Contre Cancer',
	'355': 'Centre Hospitalier (C.H.)',
	'362': 'Etablissement de Soins Longue Durée',
	'365': 'Etablissement de Soins Pluridisciplinaire',
	// Psychiatry
	'156': 'Centre Médico-Psychologique (C.M.P.)',
	'161': 'Maison de Santé pour Maladies Mentales',
	'292': 'Centre Hospitalier Spécialisé lutte Maladies Mentales',
	'366': 'Atelier Thérapeutique',
	'412': 'Appartement Thérapeutique',
	'415': 'Service Médico-Psychologique Régional (S.M.P.R.)',
	'425': "Centre d'Accueil Thérapeutique à temps partiel (C.A.T.T.P.)",
	'430': 'Centre Postcure Malades Mentaux',
	'433': 'Etablissement Sanitaire des Prisons',
	'444': 'Centre Crise Accueil Permanent',
	// Children
	'183': 'Institut Médico-Educatif (I.M.E.)',
	'186': 'Institut Thérapeutique Éducatif et Pédagogique (I.T.E.P.)',
	'189': 'Centre Médico-Psycho-Pédagogique (C.M.P.P.)',
	'190': 'Centre Action Médico-Sociale Précoce (C.A.M.S.P.)',
	'221': "Bureau d'Aide Psychologique Universitaire (B.A.P.U.)",
	// Addictology and precarity
	'165': 'Appartement de Coordination Thérapeutique (A.C.T.)',
	'178': 'Ctre.Accueil- Accomp.Réduc.Risq.Usag. Drogues (C.A.A.R.U.D.)',
	'180': 'Lits Halte Soins Santé (L.H.S.S.)',
	'197': 'Centre soins accompagnement prévention addictologie (CSAPA)',
	// Adults with disabilities
	'246': "Etablissement et Service d'Aide par le Travail (E.S.A.T.)",
	'252': 'Foyer Hébergement Adultes Handicapés',
	'253': "Foyer d'Accueil Polyvalent pour Adultes Handicapés",
	'255': "Maison d'Accueil Spécialisée (M.A.S.)",
	'370': 'Etablissement Expérimental pour personnes handicapées',
	'382': 'Foyer de Vie pour Adultes Handicapés',
	'395': "Etablissement d'Accueil Temporaire pour Adultes Handicapés",
	'437': "Foyer d'Accueil Médicalisé pour Adultes Handicapés (F.A.M.)",
	'445': "Service d'accompagnement médico-social adultes handicapés (SAMSAH)",
	'446': "Service d'Accompagnement à la Vie Sociale (S.A.V.S.)",
	'448': 'Etab.Acc.Médicalisé en tout ou partie personnes handicapées',
	'449': 'Etab.Accueil Non Médicalisé pour personnes handicapées',
	// Primary care
	'124': 'Centre de Santé',
	'603': 'Maison de santé (L.6223-3)',
	'604': 'Communautés professionnelles territoriales de santé (CPTS)'
};

/** The kind of a category code, by the one rule of src/lib/facilities/kind-rules.ts (292 → chs, 161 → clinic,
 * deprecated 437 → eam, 382/252 → eanm); null for categories the app does not show by category alone. */
export function groupOfCategory(code: string | null | undefined): FacilityKind | null {
	if (!code) return null;
	const c = code.trim();
	return CATEGORY_KIND[c] ?? PSY_HOSPITAL_KIND[c] ?? null;
}

/** Case-, accent-, punctuation- and space-insensitive key, so 'Centre Hospitalier (C.H.)' and
 * 'CENTRE HOSPITALIER (CH)' match: label spellings drift between FINESS exports. */
export function labelKey(label: string): string {
	return label
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '');
}

const CODE_BY_LABEL: ReadonlyMap<string, string> = new Map(Object.entries(FINESS_CATEGORY_LABELS).map(([code, label]) => [labelKey(label), code]));

/** FINESS category code for an official label (libcategetab), or null when the label is unknown. */
export function categoryCodeFromLabel(label: string | null | undefined): string | null {
	if (!label) return null;
	return CODE_BY_LABEL.get(labelKey(label)) ?? null;
}
