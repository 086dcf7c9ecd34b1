/**
 * French wording of every validation rule of the sector import, in one place. Each function
 * takes what the rule found (values, lines) and returns the sentence the report shows.
 */
import { fmtInt, fmtLines, listSample, plural, quote } from '../../import/text';
import type { AliasInfo, SectorType } from './types';

export const TYPE_LABEL: Record<SectorType, string> = {
	G: 'psychiatrie générale (G, adultes ≥ 16 ans)',
	I: 'psychiatrie infanto-juvénile (I, moins de 16 ans)'
};

export const ALIAS_KIND_LABEL: Record<AliasInfo['kind'], string> = {
	actuelle: 'commune actuelle',
	ancien: 'ancienne commune fusionnée',
	deleguee: 'commune déléguée',
	associee: 'commune associée',
	arrondissement: 'arrondissement municipal'
};

/** "Ces lignes sont rejetées" / "Cette ligne est rejetée". */
const rejected = (n: number) => (n > 1 ? 'Ces lignes sont rejetées' : 'Cette ligne est rejetée');

export const MSG = {
	communeMissing: (lines: number[]) =>
		`${plural(lines.length, 'ligne sans code commune, rejetée', 'lignes sans code commune, rejetées')}. ${fmtLines(lines)}.`,
	communeFormat: (values: string[], lines: number[]) =>
		`${plural(lines.length, 'ligne')} avec un code commune mal formé (attendu : 5 caractères, ex. 01001, 2A004) : ${listSample(values.map(quote))}. ${fmtLines(lines)}. ${rejected(lines.length)}.`,
	communeUnknown: (codes: string[], lines: number[]) =>
		`${plural(codes.length, 'code commune inconnu', 'codes commune inconnus')} du Code officiel géographique (ni commune actuelle, ni ancienne commune connue) : ${listSample(codes)}. ${fmtLines(lines)}. ${rejected(lines.length)} : corrigez les codes (code INSEE, pas le code postal).`,
	sectorMissing: (lines: number[]) =>
		`${plural(lines.length, 'ligne')} sans code secteur, rejetée${lines.length > 1 ? 's' : ''}. ${fmtLines(lines)}.`,
	sectorCodeInvalid: (problem: string, codes: string[], lines: number[]) =>
		`${plural(lines.length, 'ligne')} avec un ${problem} : ${listSample(codes.map(quote), 5)}. ${fmtLines(lines)}. ${rejected(lines.length)}.`,
	sectorNameInvalid: (problem: string, names: string[], lines: number[]) =>
		`${plural(lines.length, 'ligne')} avec un ${problem} : ${listSample(names.map(quote), 3)}. ${fmtLines(lines)}. ${rejected(lines.length)} : raccourcissez le nom.`,
	sectorNameNeutralised: (lines: number[]) =>
		`${plural(lines.length, 'nom de secteur contenait', 'noms de secteur contenaient')} des caractères invisibles (caractères de contrôle, ou de changement de direction du texte qui peuvent faire afficher un nom à l'envers) : ils ont été retirés. ${fmtLines(lines)}.`,
	typeNotTerritorial: (values: string[], lines: number[]) =>
		`${plural(lines.length, 'ligne')} de type ${listSample(values.map(quote))} : les secteurs de psychiatrie pénitentiaire (P) et les dispositifs intersectoriels (Z) ne couvrent pas un territoire de communes. ${lines.length > 1 ? 'Ces lignes sont ignorées' : 'Cette ligne est ignorée'} ; seuls les types G (psychiatrie générale) et I (infanto-juvénile) sont importés. ${fmtLines(lines)}.`,
	typeInvalid: (values: string[], lines: number[]) =>
		`${plural(lines.length, 'ligne')} avec un type de secteur non reconnu : ${listSample(values.map(quote))}. Utilisez G (psychiatrie générale, adultes) ou I (infanto-juvénile). ${fmtLines(lines)}. ${rejected(lines.length)}.`,
	typeMissing: (lines: number[]) =>
		`${plural(lines.length, 'ligne')} sans type de secteur, et un code secteur qui ne permet pas de le déduire (format attendu : département + G/I + numéro, ex. 69G01). ${fmtLines(lines)}. ${rejected(lines.length)} : renseignez G ou I.`,
	typeInferred: (lines: number[]) => `${plural(lines.length, 'ligne')} sans type : type déduit du code secteur (ex. 69G01 → G). ${fmtLines(lines)}.`,
	typeCodeMismatch: (values: string[], lines: number[]) =>
		`Le type indiqué contredit la lettre du code secteur pour ${listSample(values)}. Le type de la colonne « type » a été retenu ; vérifiez ces lignes. ${fmtLines(lines)}.`,
	communePadded: (lines: number[]) =>
		`${plural(lines.length, 'code commune', 'codes commune')} à 4 chiffres complété${lines.length > 1 ? 's' : ''} par un zéro initial (ex. 1001 → 01001) : le tableur a probablement lu la colonne comme un nombre. ${fmtLines(lines)}.`,
	finessFormat: (values: string[], lines: number[]) =>
		`${plural(lines.length, 'numéro FINESS mal formé', 'numéros FINESS mal formés')} (attendu : 9 caractères, ex. 690000000) : ${listSample(values.map(quote))}. Ces FINESS sont ignorés, les affectations sont conservées. ${fmtLines(lines)}.`,
	templateExample: (example: string, lines: number[]) =>
		`${plural(lines.length, 'ligne porte', 'lignes portent')} encore le nom « ${example} » du modèle : supprimez les lignes d'exemple ou remplacez-les par vos secteurs. ${fmtLines(lines)}.`,
	outOfScope: (deps: string[], lines: number[]) =>
		`${plural(lines.length, 'ligne concerne', 'lignes concernent')} des communes hors du périmètre choisi (département${deps.length > 1 ? 's' : ''} ${[...deps].sort().join(', ')}). Elles sont importées ; vérifiez qu'il ne s'agit pas d'une erreur de fichier. ${fmtLines(lines)}.`,
	communeMapped: (input: string, oldName: string | undefined, target: string, kind: AliasInfo['kind'], lines: number[]) =>
		`${input}${oldName ? ` (${oldName})` : ''} → ${target} (${ALIAS_KIND_LABEL[kind]}). ${fmtLines(lines)}.`,
	conflict: (commune: string, type: SectorType, kept: string, others: string[], otherLines: number[]) =>
		`La commune ${commune} est affectée à deux secteurs ${type} différents : ${kept} et ${others.join(', ')}. La première affectation est conservée, ${otherLines.length > 1 ? 'les lignes suivantes sont rejetées' : 'la ligne ' + (otherLines[0] ?? '') + ' est rejetée'}. Corrigez le fichier si ce n'est pas le bon secteur.`,
	mergedConflict: (commune: string, type: SectorType, what: string, parts: string[], why: string) =>
		`La commune ${commune} est répartie entre plusieurs secteurs ${type} via ${what} (${parts.join(' ; ')}). L'atlas travaille à l'échelle de la commune actuelle, qui ne peut appartenir qu'à un seul secteur ${type} : ${why}. Les lignes des autres secteurs ne sont pas appliquées à cette commune.`,
	mergedWhyPopulation: (sector: string, unit: string, population: number) =>
		`le secteur ${sector}, qui couvre la plus grande population de ${unit} (${fmtInt(population)} hab.), est retenu`,
	mergedWhyFirst: (sector: string, unit: string) => `faute de population connue pour ${unit}, le premier secteur du fichier (${sector}) est retenu`,
	duplicate: (lines: number[]) =>
		`${plural(lines.length, 'ligne en double ignorée', 'lignes en double ignorées')} (même commune, même secteur qu'une ligne précédente). ${fmtLines(lines)}.`,
	nameInconsistent: (items: string[]) =>
		`${plural(items.length, 'secteur porte', 'secteurs portent')} plusieurs noms selon les lignes : le premier nom est retenu. ${listSample(items, 5)}.`,
	finessInconsistent: (items: string[]) =>
		`${plural(items.length, 'secteur a', 'secteurs ont')} plusieurs FINESS selon les lignes : le premier est retenu. ${listSample(items, 5)}.`,
	sectorEmpty: (codes: string[]) =>
		`${plural(codes.length, 'secteur ne garde', 'secteurs ne gardent')} aucune commune après résolution des conflits : ${listSample(codes)}. ${codes.length > 1 ? 'Ils ne sont pas importés' : "Il n'est pas importé"}.`,
	multiDep: (items: string[]) =>
		`${plural(items.length, 'secteur couvre', 'secteurs couvrent')} plusieurs départements : ${listSample(items, 10)}. C'est possible, mais vérifiez qu'il ne s'agit pas d'une erreur de code commune.`,
	codeFormat: (codes: string[]) =>
		`${plural(codes.length, 'code secteur ne suit', 'codes secteur ne suivent')} pas la forme habituelle département + G/I + numéro (ex. 69G01, 75I03) : ${listSample(codes.map(quote))}. ${codes.length > 1 ? 'Ils sont importés tels quels' : 'Il est importé tel quel'}.`,
	codeDepMismatch: (items: string[]) =>
		`${plural(items.length, 'code secteur commence', 'codes secteur commencent')} par un département où le secteur n'a aucune commune : ${listSample(items, 10)}. Vérifiez les codes commune de ces secteurs.`,
	unassigned: (type: SectorType, count: number, scopeDeps: string[], population: number, sample: string[]) =>
		`${plural(count, 'commune', 'communes')} du périmètre (département${scopeDeps.length > 1 ? 's' : ''} ${scopeDeps.join(', ')}) ${count > 1 ? "n'ont" : "n'a"} aucun secteur de ${TYPE_LABEL[type]}, soit ${fmtInt(population)} habitants. Les plus peuplées : ${listSample(sample, 5)}. Elles resteront « hors secteur » dans l'atlas.`,
	typeAbsent: (type: SectorType) => `Le fichier ne contient aucun secteur de ${TYPE_LABEL[type]} : la couverture de ce type n'est pas vérifiée.`,
	empty: 'Le fichier ne contient aucune ligne de données sous l’en-tête : rien à importer.',
	noValidRow: 'Aucune ligne valide : rien ne peut être importé. Corrigez les erreurs ci-dessus puis importez à nouveau le fichier.'
};
