/**
 * Facility kinds of the FINESS layer: the contract shared by the pipeline (which assigns a kind to
 * every FINESS établissement it keeps) and the app (map layers, indicators, access, directory).
 * Pure data and pure functions, no DOM, no DuckDB.
 */

/** Every kind the app shows. The `group` column of `finess_facilities` holds one of these. */
export const FACILITY_KINDS = [
	'chs',
	'clinic',
	'cmp',
	'cattp',
	'hdj',
	'apt_ther',
	'crisis',
	'postcure',
	'cmpp',
	'csapa',
	'samsah',
	'savs',
	'esat',
	'mas',
	'eam',
	'eanm',
	'cds',
	'msp'
] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

/** The four families of the map legend, each toggleable. */
export const FACILITY_FAMILIES = ['hospital', 'ambulatory', 'medsoc', 'primary'] as const;
export type FacilityFamily = (typeof FACILITY_FAMILIES)[number];

export const FAMILY_LABELS_FR: Readonly<Record<FacilityFamily, string>> = {
	hospital: 'Hospitalisation psychiatrique',
	ambulatory: 'Psychiatrie ambulatoire et alternatives',
	medsoc: 'Médico-social et addictologie',
	primary: 'Soins de premier recours'
};

export const KIND_FAMILY: Readonly<Record<FacilityKind, FacilityFamily>> = {
	chs: 'hospital',
	clinic: 'hospital',
	cmp: 'ambulatory',
	cattp: 'ambulatory',
	hdj: 'ambulatory',
	apt_ther: 'ambulatory',
	crisis: 'ambulatory',
	postcure: 'ambulatory',
	cmpp: 'ambulatory',
	csapa: 'medsoc',
	samsah: 'medsoc',
	savs: 'medsoc',
	esat: 'medsoc',
	mas: 'medsoc',
	eam: 'medsoc',
	eanm: 'medsoc',
	cds: 'primary',
	msp: 'primary'
};

/** French display names (user-facing). */
export const KIND_LABELS_FR: Readonly<Record<FacilityKind, string>> = {
	chs: 'Centre hospitalier spécialisé en psychiatrie (CHS)',
	clinic: 'Clinique psychiatrique privée',
	cmp: 'Centre médico-psychologique (CMP)',
	cattp: 'Centre d’accueil thérapeutique à temps partiel (CATTP)',
	hdj: 'Hôpital de jour de psychiatrie',
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

/** Short names for legends and table cells. */
export const KIND_SHORT_FR: Readonly<Record<FacilityKind, string>> = {
	chs: 'CHS',
	clinic: 'Clinique psy.',
	cmp: 'CMP',
	cattp: 'CATTP',
	hdj: 'Hôpital de jour',
	apt_ther: 'Appart. thérapeutique',
	crisis: 'Centre de crise',
	postcure: 'Postcure',
	cmpp: 'CMPP',
	csapa: 'CSAPA',
	samsah: 'SAMSAH',
	savs: 'SAVS',
	esat: 'ESAT',
	mas: 'MAS',
	eam: 'EAM / FAM',
	eanm: 'EANM / foyers',
	cds: 'Centre de santé',
	msp: 'MSP'
};

/** Population a kind serves, hence the denominator of its density (docs/domain.md §2). */
export type KindPopulation = 'total' | 'adult16' | 'child' | 'adult20_59';
export const KIND_POPULATION: Readonly<Record<FacilityKind, KindPopulation>> = {
	chs: 'adult16',
	clinic: 'adult16',
	cmp: 'total', // adult and child CMP share one count; the split by public is a name inference
	cattp: 'total',
	hdj: 'total',
	apt_ther: 'adult16',
	crisis: 'adult16',
	postcure: 'adult16',
	cmpp: 'child',
	csapa: 'total',
	samsah: 'adult20_59',
	savs: 'adult20_59',
	esat: 'adult20_59',
	mas: 'adult20_59',
	eam: 'adult20_59',
	eanm: 'adult20_59',
	cds: 'total',
	msp: 'total'
};

/** Public served, when FINESS lets us say (CMP, CATTP and day hospitals: inferred from the name). */
export type FacilityPublic = 'adulte' | 'enfant';
export const PUBLIC_LABELS_FR = { adulte: 'adultes', enfant: 'enfants et adolescents', null: 'non précisé' } as const;

/** How the kind was decided: from the FINESS category, or inferred from the name. */
export type KindBasis = 'categorie' | 'nom';

/** How the commune of a site was found ('code_commune': given by an etalab CSV extract; labels in kind-rules.ts). */
export type Placement = 'point' | 'point_proche' | 'code_postal' | 'code_commune';
