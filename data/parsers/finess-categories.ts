/**
 * FINESS establishment categories (nomenclature TRE_R66 « catégorie d'établissement », ANS NOS):
 * code ↔ official label for the codes this project uses, and the grouping of those codes into the
 * dashboard's facility groups. Labels are verbatim TRE_R66 labels (checked against the ANS FHIR
 * CodeSystem, version 2026-05-05, as quoted in docs/domain.md §3); the hospital labels are also exactly
 * those of the GISCO extract. Codes whose verbatim label was not available (182 SESSAD, 379, 461) are left out.
 */

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

export type FinessGroup =
	| 'cmp'
	| 'cattp'
	| 'chs'
	| 'clinic'
	| 'apt_ther'
	| 'crisis'
	| 'postcure'
	| 'cmpp'
	| 'csapa'
	| 'samsah'
	| 'savs'
	| 'esat'
	| 'mas'
	| 'eam'
	| 'eanm'
	| 'cds'
	| 'msp';

/** Category code → dashboard group. Deprecated codes still present in FINESS map to their successor
 * (437 FAM → EAM 448; 382 foyer de vie and 252 foyer d'hébergement → EANM 449). */
export const CATEGORY_GROUP: Readonly<Record<string, FinessGroup>> = {
	'156': 'cmp',
	'425': 'cattp',
	'292': 'chs',
	'161': 'clinic',
	'412': 'apt_ther',
	'444': 'crisis',
	'430': 'postcure',
	'189': 'cmpp',
	'197': 'csapa',
	'445': 'samsah',
	'446': 'savs',
	'246': 'esat',
	'255': 'mas',
	'448': 'eam',
	'437': 'eam',
	'449': 'eanm',
	'382': 'eanm',
	'252': 'eanm',
	'124': 'cds',
	'603': 'msp'
};

/** French display names of the groups (user-facing). */
export const GROUP_LABELS_FR: Readonly<Record<FinessGroup, string>> = {
	cmp: 'Centre médico-psychologique (CMP)',
	cattp: 'Centre d’accueil thérapeutique à temps partiel (CATTP)',
	chs: 'Centre hospitalier spécialisé en psychiatrie (CHS)',
	clinic: 'Clinique psychiatrique privée',
	apt_ther: 'Appartement thérapeutique',
	crisis: 'Centre de crise et d’accueil permanent',
	postcure: 'Centre de postcure psychiatrique',
	cmpp: 'Centre médico-psycho-pédagogique (CMPP)',
	csapa: 'Centre de soins en addictologie (CSAPA)',
	samsah: 'SAMSAH',
	savs: 'SAVS',
	esat: 'ESAT',
	mas: 'Maison d’accueil spécialisée (MAS)',
	eam: 'Établissement d’accueil médicalisé (EAM, ex-FAM)',
	eanm: 'Établissement d’accueil non médicalisé (EANM, ex-foyers)',
	cds: 'Centre de santé',
	msp: 'Maison de santé pluriprofessionnelle (MSP)'
};

export function groupOfCategory(code: string | null | undefined): FinessGroup | null {
	if (!code) return null;
	return CATEGORY_GROUP[code.trim()] ?? null;
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
