/**
 * French messages of the file-level failures every import shares (empty, too large, legacy .xls,
 * binary, unreadable or oversized workbook). `what` names what the file should hold, e.g.
 * « la table commune → secteur ».
 */
import { fmtInt, fmtMb } from './text';

export const FILE_MESSAGES = {
	empty: (label: string, what: string) => `Le fichier « ${label} » est vide. Choisissez un fichier CSV ou XLSX contenant ${what}.`,
	noData: (label: string, what: string) => `Le fichier « ${label} » ne contient aucune donnée. Choisissez un fichier CSV ou XLSX contenant ${what}.`,
	tooLarge: (label: string, bytes: number, limit: number) =>
		`Le fichier « ${label} » pèse ${fmtMb(bytes)} : la limite est de ${fmtMb(limit)}. Retirez les colonnes inutiles ou découpez le fichier par département.`,
	xlsLegacy: (label: string) =>
		`« ${label} » est un classeur Excel ancien format (.xls), non pris en charge. Dans votre tableur, enregistrez-le au format .xlsx ou CSV, puis importez-le à nouveau.`,
	binary: (label: string, controls: number) =>
		`« ${label} » n'est ni un fichier CSV (texte) ni un classeur XLSX lisible : il contient ${fmtInt(controls)} caractères de contrôle. Exportez la table depuis votre tableur au format CSV ou XLSX.`,
	xlsxUnreadable: (label: string) =>
		`Le classeur « ${label} » n'a pas pu être lu (fichier endommagé, protégé par mot de passe, ou archive qui n'est pas un .xlsx, par exemple un .ods). Enregistrez-le au format .xlsx ou CSV depuis votre tableur et réessayez.`,
	xlsxTooLarge: (label: string, size: string, limit: number, what: string) =>
		`Le classeur « ${label} » occupe ${size} une fois décompressé : la limite est de ${fmtMb(limit)}. Enregistrez ${what} seule, au format CSV.`,
	noSheet: (label: string) => `Le classeur « ${label} » ne contient aucune feuille.`,
	noSheetData: (label: string) => `Le classeur « ${label} » ne contient aucune donnée.`,
	tooManyRows: (label: string, limit: number, hint: string) => `Le fichier « ${label} » dépasse ${fmtInt(limit)} lignes de données. ${hint}`,
	cancelled: 'Import annulé : rien n’a été lu ni enregistré.',
	browserUnreadable: (label: string) =>
		`Le fichier « ${label} » n'a pas pu être lu par le navigateur. Vérifiez qu'il est encore présent sur le disque, puis réessayez.`,
	workerFailed: (label: string, why: string) => `L'import du fichier « ${label} » a échoué (${why}). Rechargez la page et réessayez.`,
	internal: (label: string, why: string) =>
		`Le fichier « ${label} » n'a pas pu être lu (erreur inattendue : ${why.slice(0, 200)}). Enregistrez-le à nouveau en CSV UTF-8 depuis votre tableur et réessayez.`
};

