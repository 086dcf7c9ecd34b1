/**
 * French wording of the pipeline's quality report. The parsers record rejection reasons and
 * notes in English (stable keys, asserted by their tests); every reader-facing rendering — the
 * /sources page and quality.txt — goes through this module, so the report reads in French with
 * fr-FR numbers. A note without a rule keeps its text, with its English-grouped numbers
 * ("68,350,798") rewritten in fr-FR.
 */
const int = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const dec = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** "68,350,798" (en-US grouping) or "5219.9" → fr-FR. */
export function frNumber(en: string): string {
	const v = Number(en.replace(/,/g, ''));
	return Number.isFinite(v) ? (Number.isInteger(v) ? int : dec).format(v) : en;
}

/** Rewrites every en-US grouped number ("1,234" or "1,234,567") of a text in fr-FR. */
export function frNumbers(text: string): string {
	return text.replace(/\b\d{1,3}(?:,\d{3})+(?![\d,])/g, frNumber);
}

export const REASONS_FR: Record<string, string> = {
	// FINESS FHIR reader (data/parsers/finess-fhir.ts): written in French already
	'numéro FINESS ET absent ou invalide': 'numéro FINESS ET absent ou invalide',
	'ligne JSON illisible': 'ligne JSON illisible',
	'établissement en double': 'établissement en double',
	'ressource FHIR inattendue': 'ressource FHIR inattendue',
	'Location sans Organization': 'position (Location) sans établissement (Organization)',
	// SAE
	'TOT row (establishment total, excluded)': 'ligne TOT (total de l’établissement, exclue pour ne pas compter deux fois)',
	'malformed FI': 'numéro FI mal formé',
	'malformed fi': 'numéro FI mal formé',
	'survey year differs from the expected year': 'année d’enquête différente de l’année attendue',
	'unknown DIS': 'discipline (DIS) inconnue',
	'duplicate FI × DIS': 'doublon FI × discipline',
	'duplicate fi': 'doublon de numéro FI',
	// COG
	'COM (hors champ)': 'collectivité d’outre-mer (COM), hors champ',
	'malformed code': 'code mal formé',
	'duplicate code': 'code en double',
	'missing population': 'population manquante',
	'missing département or région': 'département ou région manquant',
	'malformed alias code': 'ancien code mal formé',
	'duplicate of an existing alias (same commune)': 'ancien code déjà connu (même commune)',
	'alias is a current code (kept as itself)': 'ancien code qui est aussi un code actuel (gardé comme tel)',
	'alias points to two communes (first kept)': 'ancien code renvoyant à deux communes (la première gardée)',
	'target is not a current commune': 'commune cible absente du COG en vigueur',
	// INSEE population
	'summary row (France, DOM)': 'ligne de total (France, DOM)',
	'not a département code (note or unknown)': 'pas un code de département (note ou code inconnu)',
	'duplicate département': 'département en double',
	'missing or malformed number': 'nombre manquant ou mal formé',
	'age bands do not add up to the total': 'tranches d’âge dont la somme diffère du total',
	'no 2022 age structure for the 0-15 split': 'pas de structure par âge 2022 pour estimer les 0-15 ans',
	// GISCO
	'malformed FINESS id': 'numéro FINESS mal formé',
	'duplicate FINESS id': 'numéro FINESS en double',
	'COM out of scope (postcode)': 'collectivité d’outre-mer (COM) hors champ (code postal)',
	'missing or invalid coordinates': 'coordonnées manquantes ou invalides',
	'coordinates outside France (metropole + DROM)': 'coordonnées hors de France (métropole et DROM)',
	// Atlas
	'column name without a year': 'nom de colonne sans année',
	'unknown département': 'département inconnu',
	'malformed number': 'nombre mal formé',
	'duplicate value (same département, indicator, year)': 'valeur en double (même département, indicateur et année)',
	// SIRENE
	'missing or malformed GP count': 'nombre de cabinets manquant ou mal formé',
	'malformed commune code': 'code commune mal formé',
	'unknown commune code (not in COG 2026 aliases)': 'code commune inconnu (absent des codes COG 2026 et de leurs anciens codes)',
	// common CSV reader
	'wrong field count': 'nombre de champs incorrect',
	// FINESS extract
	'malformed structureet line (wrong field count)': 'ligne structureet mal formée (nombre de champs incorrect)',
	'bad FINESS number': 'numéro FINESS invalide',
	'duplicate ET': 'établissement (ET) en double',
	'malformed geolocalisation line (wrong field count)': 'ligne geolocalisation mal formée (nombre de champs incorrect)',
	'geolocalisation: bad FINESS number': 'géolocalisation : numéro FINESS invalide',
	'geolocalisation: duplicate': 'géolocalisation en double',
	'unknown line type': 'type de ligne inconnu',
	'category out of scope': 'catégorie hors champ',
	'COM out of scope': 'collectivité d’outre-mer (COM) hors champ',
	'geolocalisation: missing or invalid coordinates': 'géolocalisation : coordonnées manquantes ou invalides',
	'geolocalisation: coordinates outside France': 'géolocalisation : coordonnées hors de France',
	'geolocalisation: coordinates outside the département’s territory': 'géolocalisation : coordonnées hors du territoire du département',
	'geolocalisation of an ET not kept': 'géolocalisation d’un établissement non retenu',
	'geolocalisation without structureet line': 'géolocalisation sans ligne structureet'
};

export function frenchReason(reason: string): string {
	return REASONS_FR[reason] ?? reason;
}

type Rule = [RegExp, (...m: string[]) => string];
const n = frNumber;

/** Ordered rules, one per note template of the parsers (data/parsers/*.ts, data/build.ts). */
const NOTE_RULES: Rule[] = [
	// cog.ts
	[/^Population municipale: ([\d,]+) in metropole \+ DROM \+ Saint-Barthélemy and Saint-Martin \(([\d,]+) over every commune-actuelle including the COM\)\.$/,
		(a, b) => `Population municipale : ${n(a)} en métropole, DROM, Saint-Barthélemy et Saint-Martin (${n(b)} pour l’ensemble des communes actuelles, COM comprises).`],
	[/^(.*): COM attached to Guadeloupe \(971, région 01\) for planning, as in the SAE\.$/,
		(a) => `${a} : collectivités d’outre-mer rattachées à la Guadeloupe (971, région 01) pour la planification, comme dans la SAE.`],
	[/^Saint-Barthélemy and Saint-Martin added to Guadeloupe's age estimates \(legal population 2026 with the 971 age structure\): (.*) per year\.$/,
		(a) => `Saint-Barthélemy et Saint-Martin ajoutés aux estimations par âge de la Guadeloupe (population légale 2026, structure par âge de la 971) : ${frNumbers(a)} par an.`],
	[/^(\d+) establishments whose SAE commune has no COG 2026 commune in scope \(metropole \+ DROM \+ Saint-Barthélemy and Saint-Martin; other COM excluded\): commune null \((.*)\)\.$/,
		(a, b) => `${n(a)} établissements dont la commune SAE n’est pas une commune COG 2026 du champ (métropole, DROM, Saint-Barthélemy et Saint-Martin ; autres COM exclues) : commune vide (${b}).`],
	[/^Population municipale: ([\d,]+) in metropole \+ DROM \(([\d,]+) over every commune-actuelle including the COM\)\.$/,
		(a, b) => `Population municipale : ${n(a)} en métropole et DROM (${n(b)} pour l’ensemble des communes actuelles, COM comprises).`],
	[/^([\d,]+) other entries \(communes déléguées\/associées, arrondissements municipaux\) feed the alias table only\.$/,
		(a) => `${n(a)} autres entrées (communes déléguées ou associées, arrondissements municipaux) servent seulement à la table des anciens codes.`],
	[/^([\d,]+) communes belong to no EPCI\.$/, (a) => `${n(a)} communes n’appartiennent à aucun EPCI.`],
	[/^([\d,]+) communes listed in two EPCI: the first one was kept\.$/, (a) => `${n(a)} communes figurent dans deux EPCI : le premier est gardé.`],
	// insee-pop.ts
	[/^(\d{4}): (\d+) départements, total ([\d,]+) vs national row ([\d,]+) \(equal\)\.$/,
		(y, d, s, t) => `${y} : ${d} départements, total ${n(s)}, égal à la ligne nationale (${n(t)}).`],
	[/^(\d{4}): (\d+) départements, total ([\d,]+) vs national row ([\d,]+) \(gap (-?[\d,]+)\)\.$/,
		(y, d, s, t, g) => `${y} : ${d} départements, total ${n(s)} contre ${n(t)} pour la ligne nationale (écart ${n(g)}).`],
	[/^(\d{4}): (\d+) départements, total ([\d,]+) \(no national row found to check against\)\.$/,
		(y, d, s) => `${y} : ${d} départements, total ${n(s)} (pas de ligne nationale pour vérifier).`],
	[/^pop_0_15 is estimated: 0-14 \+ 1\/5 of 15-19 \(2022\); 2023 applies the 2022 share of 0-15 within 0-19 of the same département\.$/,
		() => 'Les 0-15 ans sont estimés : 0-14 ans + 1/5 des 15-19 ans (2022) ; en 2023, la part des 0-15 ans parmi les 0-19 ans de 2022 est appliquée, département par département.'],
	// sae.ts
	[/^No NB_CMP_SEUL column \(nor NB_CMP_SEUL_PA\/PL\): nb_cmp is null\.$/, () => 'Pas de colonne NB_CMP_SEUL (ni NB_CMP_SEUL_PA/PL) : nombre de CMP non renseigné.'],
	[/^Columns absent from this year's file \(values null\): (.*)\.$/, (a) => `Colonnes absentes du fichier de cette année (valeurs non renseignées) : ${a}.`],
	[/^(\d+) FI had lost their leading zero \(8 digits\): restored to 9 characters \((.*)\)\.$/,
		(a, b) => `${n(a)} numéros FI avaient perdu leur zéro initial (8 chiffres) : rétablis sur 9 caractères (${b}).`],
	[/^(\d+) non-numeric cells set to null, e\.g\. (.*)\.$/, (a, b) => `${n(a)} cellules non numériques laissées vides, par exemple ${b}.`],
	[/^nb_cmp = NB_CMP_SEUL_PA \+ NB_CMP_SEUL_PL \(null only when both are empty\)\.$/,
		() => 'Nombre de CMP = NB_CMP_SEUL_PA + NB_CMP_SEUL_PL (non renseigné seulement si les deux sont vides).'],
	[/^(\d+) fi had lost their leading zero: restored\.$/, (a) => `${n(a)} numéros FI avaient perdu leur zéro initial : rétablis.`],
	[/^(\d+) rows with an unreadable COMINSEE \(commune null\)\.$/, (a) => `${n(a)} lignes avec un code commune (COMINSEE) illisible : commune non renseignée.`],
	[/^(\d+) establishments \(PSY 2022 only\) absent from ID_2023: commune unknown, not placed \((.*)\)\.$/,
		(a, b) => `${n(a)} établissements (présents dans PSY 2022 seulement) absents d’ID 2023 : commune inconnue, non placés (${b}).`],
	[/^(\d+) establishments whose SAE commune has no COG 2026 commune in scope \(metropole \+ DROM; COM such as Saint-Martin excluded\): commune null \((.*)\)\.$/,
		(a, b) => `${n(a)} établissement(s) dont la commune SAE n’a pas de commune COG 2026 dans le champ (métropole et DROM ; les COM comme Saint-Martin sont exclues) : commune non renseignée (${b}).`],
	// gisco.ts
	[/^(\d+) ids had lost their leading zero: padded to 9 characters\.$/, (a) => `${n(a)} numéros avaient perdu leur zéro initial : complétés sur 9 caractères.`],
	[/^Category labels with no FINESS code \(category null\): (.*)\.$/, (a) => `Libellés de catégorie sans code FINESS (catégorie non renseignée) : ${a}.`],
	[/^psy_kind from site names \(categories 292\/355\/101\): (.*)\.$/,
		(a) => `Type de site psychiatrique déduit du nom du site (catégories 292, 355 et 101) : ${a}.`],
	// place-establishments.ts
	[/^Placement: (\d+) from the FINESS extract( \(absent\))?, (\d+) from GISCO hospital sites \(geo_source 'site': (\d+)\), (\d+) at their commune's interior point \('commune'\), (\d+) not placed \('none'\)(?:: (.*))?\.$/,
		(f, absent, g, _s, c, none, list) =>
			`Placement : ${n(f)} par l’extraction FINESS${absent ? ' (absente)' : ''}, ${n(g)} par les sites hospitaliers GISCO, ${n(c)} au point intérieur de leur commune, ${n(none)} non placé(s)${list ? ` : ${list}` : ''}.`],
	// finess.ts
	[/^Extract n° (.*) of (.*)\.$/, (a, b) => `Extraction n° ${a} du ${b}.`],
	[/^(\d+) structureet and (\d+) geolocalisation lines; a kept ET absorbs its geolocalisation line \(rows_read counts both, rows_kept counts ET\)\.$/,
		(a, b) => `${n(a)} lignes structureet et ${n(b)} lignes geolocalisation ; un établissement gardé absorbe sa ligne de géolocalisation (les lignes lues comptent les deux, les lignes gardées les établissements).`],
	[/^Kept per group: (.*)\.$/, (a) => `Établissements gardés par groupe : ${a}.`],
	[/^(\d+) kept ET without usable coordinates \(lon\/lat null\)\.$/, (a) => `${n(a)} établissements gardés sans coordonnées utilisables.`],
	[/^(\d+) kept FINESS numbers fail the Luhn check digit \(kept as given\)\.$/, (a) => `${n(a)} numéros FINESS gardés ont une clé de Luhn fausse (gardés tels quels).`],
	[/^(\d+) geolocalisations name an unknown EPSG code: projection chosen by département\.$/, (a) => `${n(a)} géolocalisations citent un code EPSG inconnu : projection choisie selon le département.`],
	[/^(\d+) kept ET with no commune( in the COG 2026)? \(commune null\)\.$/, (a, cog) => `${n(a)} établissements gardés sans commune${cog ? ' du COG 2026' : ''}.`],
	[/^(\d+) geolocalisation lines refer to no ET of the file\.$/, (a) => `${n(a)} lignes de géolocalisation ne renvoient à aucun établissement du fichier.`],
	// atlas.ts
	[/^Sheet "(.*)" skipped: no DEP header\.$/, (a) => `Feuille « ${a} » ignorée : pas d’en-tête DEP.`],
	[/^Headers with a trailing label, read as <code>_<year>: (.*)\.$/, (a) => `En-têtes suivis d’un libellé, lus comme <code>_<année> : ${a}.`],
	[/^Indicators absent from LABEL \(label = code\): (.*)\.$/, (a) => `Indicateurs absents de la feuille LABEL (libellé = code) : ${a}.`],
	[/^Columns whose year is outside the LABEL ANNEE range: (.*)\.$/, (a) => `Colonnes dont l’année sort de la plage ANNEE de LABEL : ${a}.`],
	[/^LABEL entries with no data column: (.*)\.$/, (a) => `Entrées de LABEL sans colonne de données : ${a}.`],
	[/^(\d+) missing values \('NA'\) kept as null\.$/, (a) => `${n(a)} valeurs manquantes (« NA ») gardées comme non renseignées.`],
	// sirene-gp.ts
	[/^GP practices: ([\d,]+) read = ([\d,]+) mapped to COG 2026 \+ ([\d,]+) in rejected rows\.$/,
		(a, b, c) => `Cabinets de médecine générale : ${n(a)} lus = ${n(b)} rattachés au COG 2026 + ${n(c)} dans des lignes rejetées.`],
	[/^([\d,]+) communes with no GP practice \(rows with 0, not rejected, no output row\)\.$/,
		(a) => `${n(a)} communes sans cabinet de médecine générale (lignes à 0, non rejetées, sans ligne en sortie).`],
	[/^([\d,]+) rows remapped from a COG 2019 code; ([\d,]+) output communes gather several source rows; ([\d,]+) output communes\.$/,
		(a, b, c) => `${n(a)} lignes recodées depuis un code COG 2019 ; ${n(b)} communes en sortie regroupent plusieurs lignes source ; ${n(c)} communes en sortie.`],
	// build.ts (already French): the numbers only
	[/^(\d+) sites placés dans (.*)$/, (a, b) => `${n(a)} sites placés dans ${b}`]
];

export function frenchNote(note: string): string {
	for (const [re, fr] of NOTE_RULES) {
		const m = re.exec(note);
		if (m) return fr(...m.slice(1).map((s) => s ?? ''));
	}
	return frNumbers(note);
}

/** Plain-French names of the SAE disciplines and measures (report totals). */
export const DISCIPLINES_FR: Record<string, string> = {
	GEN: 'Psychiatrie générale (adultes)',
	INF: 'Psychiatrie infanto-juvénile',
	PEN: 'Psychiatrie en milieu pénitentiaire'
};

export const MEASURES_FR: Record<string, string> = {
	cap_htp: 'Lits d’hospitalisation à temps plein',
	cap_hdj: 'Places d’hôpital de jour',
	cap_hdn: 'Places d’hôpital de nuit',
	cap_pft: 'Places en accueil familial thérapeutique',
	cap_aat: 'Places en appartement thérapeutique',
	cap_acp: 'Places en centre de post-cure',
	cap_ccu: 'Places en centre de crise',
	cap_had: 'Places d’hospitalisation à domicile psychiatrique',
	nb_cmp: 'CMP',
	nb_cattp: 'CATTP',
	nb_sect: 'Secteurs',
	fil_tot: 'File active totale',
	fil_amb: 'File active ambulatoire',
	etp_psychiatrists: 'Psychiatres (ETP)',
	etp_nurses: 'Infirmiers (ETP)',
	etp_psychologists: 'Psychologues (ETP)'
};
