/**
 * How a FINESS établissement gets its kind (src/lib/facilities/kinds.ts): the rule as code and as
 * French text for /sources. Shared by the pipeline's two FINESS readers (FHIR 2021, etalab CSV).
 * Pure functions, no DOM.
 *
 * Why names: many CMP, CATTP and day hospitals are not registered under their own category (156,
 * 425) but as établissements of the hospital that runs them (292 CHS, 355 CH, 101 CHR…): in 14
 * départements there is no catégorie 156 at all. Their name is the only signal.
 */
import type { FacilityKind, FacilityPublic, KindBasis } from './kinds.ts';

/** Category code → kind, when the category alone decides (legacy codes map to their successor). */
export const CATEGORY_KIND: Readonly<Record<string, FacilityKind>> = {
	'156': 'cmp',
	'425': 'cattp',
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
	'437': 'eam', // FAM, legacy of EAM
	'449': 'eanm',
	'382': 'eanm', // foyer de vie, legacy of EANM
	'252': 'eanm', // foyer d'hébergement, legacy of EANM
	'124': 'cds',
	'603': 'msp'
};

/** Psychiatric hospital categories: a site not named CMP/CATTP/HDJ keeps the category's kind. */
export const PSY_HOSPITAL_KIND: Readonly<Record<string, FacilityKind>> = { '292': 'chs', '161': 'clinic' };

/** General hospital categories whose sites are kept only when the name says CMP, CATTP or HDJ. */
export const GENERAL_HOSPITAL_CATEGORIES: readonly string[] = ['101', '106', '355', '365'];

/** Upper case, no accents, no dots ('C.M.P.' → 'CMP'), every other non-alphanumeric a space. */
export function normaliseName(name: string): string {
	return ` ${name
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toUpperCase()
		.replace(/\./g, '')
		.replace(/[^A-Z0-9]+/g, ' ')
		.trim()} `;
}

// Patterns run on normaliseName output (single spaces, padded with one space on each side).
// CMP: the acronym and its child/adult variants (CMPEA, CMPI, CMPA…), never CMPP (centre médico-psycho-pédagogique).
const CMP_RE = / (CMP|CMPA|CMPE|CMPEA|CMPI|CMPIJ|CMPJ|C M P) | MEDICO ?PSYCHOLOGIQUES? /;
const CATTP_RE = / (CATTP|CATT|C A T T P) | ACCUEIL THERAPEUTIQUE /;
const HDJ_RE = / (HDJ|HJ|H D J) | HOP(ITAL)? (DE )?(JOUR|JR) | HOSP(ITALISATION)? (DE )?JOUR /;
/** Day hospitals of general hospitals that are not psychiatric (rehabilitation, sensory, cancer…). */
const HDJ_NON_PSY_RE = / (SSR|READAPTATION|REEDUCATION|BASSE VISION|AUDITION|ONCOLOGIE|CANCEROLOGIE|DIALYSE|HEMATOLOGIE|CHIRURGIE|CHIRURGICAL|PEDIATRIE|PEDIATRIQUE|GERIATRIE|GERIATRIQUE|MEDECINE|ADDICTOLOGIE|ALCOOLOGIE|DOULEUR|DIABETE|NUTRITION) /;
const PSY_HINT_RE = / (PSY|PSYCH\w*|PEDOPSY\w*) /;

// Public served. Child: infanto-juvénile and its abbreviations, enfants, ados, pédopsychiatrie, 'I' sector codes (13I11).
const CHILD_RE =
	/ (INFANTO|INFANTILE|INFANTJUV|INF JUV|INFJUV|IJ|PIJ|UPIJ|JUV|JUVENILE|ENFANTS?|ENF|ENFANCE|ADOS?|ADOLESCENTS?|ADOLESCENCE|UPADO|PEDOPSY\w*|PEDO|CMPEA|CMPE|CMPI|CMPIJ|CMPJ|BEBES?|PERINAT\w*|\d{2}[AB]? ?I ?\d{2}|\d{2}I\d{2}|I\d{2}) /;
// Adult: adultes, psychiatrie générale, 'G' sector codes (59G08, G07).
const ADULT_RE = / (ADULTES?|ADULT|ADUL|CMPA|PSY GEN|PSY GENERALE|PSYCHIATRIE GENERALE|GENERALE|\d{2}[AB]? ?G ?\d{2}|\d{2}G\d{2}|G\d{2}) /;

export interface KindDecision {
	kind: FacilityKind;
	basis: KindBasis;
	public: FacilityPublic | null;
}

/** Public served, from the name: 'enfant', 'adulte', or null when the name says neither or both. */
export function publicFromName(name: string): FacilityPublic | null {
	const n = normaliseName(name);
	const child = CHILD_RE.test(n);
	const adult = ADULT_RE.test(n);
	if (child === adult) return null;
	return child ? 'enfant' : 'adulte';
}

const NAMED_KINDS: ReadonlySet<FacilityKind> = new Set(['cmp', 'cattp', 'hdj']);

/**
 * The kind of a FINESS établissement, or null when out of scope.
 * 1. Categories of CATEGORY_KIND decide (a 156 named « CMP-CATTP » stays a CMP, a 425 stays a CATTP).
 * 2. Hospital categories (292, 161 and the general ones): the name decides CMP, then CATTP, then day
 *    hospital — a site named both CMP and CATTP (or CMP and HDJ) is a CMP, as the CMP is the sector's pivot.
 *    A general-hospital day hospital needs a name that is not obviously somatic (HDJ_NON_PSY_RE) unless
 *    it also says psy.
 * 3. Other 292 sites are CHS, other 161 sites psychiatric clinics; other general-hospital sites are out.
 * Public (adult / child) is inferred from the name for CMP, CATTP and day hospitals only.
 */
export function classifyFacility(category: string | null | undefined, name: string): KindDecision | null {
	const cat = (category ?? '').trim();
	const byCat = CATEGORY_KIND[cat];
	if (byCat) return { kind: byCat, basis: 'categorie', public: NAMED_KINDS.has(byCat) ? publicFromName(name) : null };
	const psyHospital = PSY_HOSPITAL_KIND[cat];
	const general = GENERAL_HOSPITAL_CATEGORIES.includes(cat);
	if (!psyHospital && !general) return null;
	const n = normaliseName(name);
	let named: FacilityKind | null = null;
	if (CMP_RE.test(n)) named = 'cmp';
	else if (CATTP_RE.test(n)) named = 'cattp';
	else if (HDJ_RE.test(n) && (psyHospital || !HDJ_NON_PSY_RE.test(n) || PSY_HINT_RE.test(n))) named = 'hdj';
	if (named) return { kind: named, basis: 'nom', public: publicFromName(name) };
	if (psyHospital) return { kind: psyHospital, basis: 'categorie', public: null };
	return null;
}

/** The rules above in French, for /sources (one line per kind family of rules). */
export const KIND_RULES_FR: readonly { kinds: string; rule: string }[] = [
	{
		kinds: 'CMP',
		rule: 'Catégorie FINESS 156, plus les établissements des catégories hospitalières (292 CHS, 161 clinique psychiatrique, 355 CH, 101 CHR, 106 ex-hôpital local, 365 établissement pluridisciplinaire) dont le nom indique un CMP (« CMP », « C.M.P. », « CMPEA », « centre médico-psychologique ») ; « CMPP » (centre médico-psycho-pédagogique, catégorie 189) n’est pas un CMP.'
	},
	{
		kinds: 'CATTP',
		rule: 'Catégorie 425, plus les établissements des mêmes catégories hospitalières dont le nom indique un CATTP (« CATTP », « accueil thérapeutique à temps partiel ») sans indiquer de CMP : un site nommé à la fois CMP et CATTP compte comme CMP.'
	},
	{
		kinds: 'Hôpital de jour',
		rule: 'Établissements des mêmes catégories hospitalières dont le nom indique un hôpital de jour (« HDJ », « HJ », « hôpital de jour ») sans indiquer de CMP ni de CATTP ; dans un CH, CHR ou établissement pluridisciplinaire, les noms manifestement somatiques (SSR, gériatrie, pédiatrie, oncologie, addictologie…) sont exclus sauf mention « psy ».'
	},
	{
		kinds: 'Public (adultes / enfants)',
		rule: 'Déduit du nom pour les CMP, CATTP et hôpitaux de jour : enfants et adolescents si le nom dit infanto-juvénile, enfants, ados, pédopsychiatrie ou porte un code de secteur « I » ; adultes s’il dit adultes, psychiatrie générale ou porte un code de secteur « G » ; sinon (ou les deux) « non précisé ». Une déduction du nom, pas une donnée officielle.'
	},
	{ kinds: 'CHS, clinique psychiatrique', rule: 'Autres établissements des catégories 292 (CHS) et 161 (maison de santé pour maladies mentales).' },
	{
		kinds: 'Médico-social, addictologie, premier recours',
		rule: 'Par catégorie : SAMSAH 445, SAVS 446, ESAT 246, MAS 255, EAM 448 et FAM 437, EANM 449 avec foyers de vie 382 et foyers d’hébergement 252, appartements thérapeutiques 412, centres de crise 444, postcures 430, CMPP 189, CSAPA 197, centres de santé 124, maisons de santé 603.'
	},
	{ kinds: 'Hors champ', rule: 'Toutes les autres catégories, et les sites des CH, CHR, ex-hôpitaux locaux et établissements pluridisciplinaires que leur nom ne désigne pas comme CMP, CATTP ou hôpital de jour.' }
];

/** How a site's commune was found, in French. */
export const PLACEMENT_LABELS_FR = {
	point: 'coordonnées dans la commune',
	point_proche: 'coordonnées à moins de 2 km de la commune (littoral)',
	code_postal: 'code postal et nom de la commune',
	code_commune: 'code commune de l’extraction FINESS',
	null: 'commune non trouvée'
} as const;
