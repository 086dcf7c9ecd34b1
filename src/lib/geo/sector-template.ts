/**
 * Downloadable template for the commune → sector import. The example lines use real commune
 * codes (so the file validates as-is) but fictitious sector codes (xxG99/xxI99) and a name the
 * validator flags ('template-example'), so a forgotten example never passes silently.
 */
import { TEMPLATE_EXAMPLE_NAME } from './sector-import';

export interface SectorTemplateColumn {
	header: string; // as written in the template
	required: boolean;
	description: string; // French, for the UI
}

export const SECTOR_TEMPLATE_FILE_NAME = 'modele-secteurs-psychiatrie.csv';

export const SECTOR_TEMPLATE_COLUMNS: SectorTemplateColumn[] = [
	{
		header: 'code_commune',
		required: true,
		description:
			'Code INSEE de la commune (5 caractères : 01001, 2A004, 97101), pas le code postal. Les anciens codes de communes fusionnées et les arrondissements (Paris, Lyon, Marseille) sont rattachés automatiquement à la commune actuelle.'
	},
	{
		header: 'code_secteur',
		required: true,
		description: 'Code du secteur de psychiatrie, de préférence département + G/I + numéro (ex. 69G01, 75I03).'
	},
	{
		header: 'type_secteur',
		required: true,
		description:
			'G pour la psychiatrie générale (adultes de 16 ans et plus) ou I pour la psychiatrie infanto-juvénile (moins de 16 ans). Les secteurs pénitentiaires et intersectoriels ne sont pas importés. Peut être omis si le code secteur contient la lettre G ou I.'
	},
	{ header: 'nom_secteur', required: false, description: 'Nom du secteur (texte libre, facultatif).' },
	{
		header: 'finess',
		required: false,
		description: "Numéro FINESS (9 caractères) de l'établissement qui porte le secteur (facultatif)."
	}
];

/** Short French description of the expected file, for the import dialog. */
export const SECTOR_TEMPLATE_DESCRIPTION =
	"Une ligne par commune et par type de secteur : une commune a en général un secteur G (adultes) et un secteur I (enfants et adolescents), donc deux lignes. Fichier CSV (séparateur ; , ou tabulation, UTF-8 ou Latin-1) ou classeur XLSX (première feuille lisible), avec une ligne d'en-tête. Les noms de colonnes courants sont reconnus (« code INSEE », « codgeo », « secteur », « type », « libellé secteur »…). Rien n'est enregistré avant votre confirmation : un rapport liste d'abord les codes inconnus, doublons, conflits et communes sans secteur.";

const EXAMPLES: [string, string, string, string, string][] = [
	['69123', '69G99', 'G', TEMPLATE_EXAMPLE_NAME, ''], // Lyon
	['69266', '69G99', 'G', TEMPLATE_EXAMPLE_NAME, ''], // Villeurbanne
	['69123', '69I99', 'I', TEMPLATE_EXAMPLE_NAME, ''] // Lyon, child/adolescent sector
];

/** CSV text with a UTF-8 BOM (so Excel shows the accents), ';' separated, CRLF line ends. */
export function sectorTemplateCsv(): string {
	const lines = [SECTOR_TEMPLATE_COLUMNS.map((c) => c.header), ...EXAMPLES].map((cells) => cells.map(csvCell).join(';'));
	return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

function csvCell(v: string): string {
	return /[";\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
