/** What the page says about each site kind: score unit, source, and the assumptions list. */
import { formatInteger, formatNumber } from '../indicators/format';
import type { SfcaPreset, TravelParams } from '../geo/access/params';
import type { Communes } from './compute';
import { MEDSOC_KINDS, SITE_KINDS, type Site, type SiteKind } from './model';

type MedsocKind = (typeof MEDSOC_KINDS)[number];
const forMedsoc = <T>(v: T) => Object.fromEntries(MEDSOC_KINDS.map((k) => [k, v])) as Record<MedsocKind, T>;

/** Kinds with a known capacity, hence a 2SFCA score. */
export const SFCA_KINDS: readonly SiteKind[] = ['hdj', 'beds_adult', 'beds_child', 'cmp_adult', 'cmp_child', 'gp'];
/**
 * Kinds whose sites come from FINESS, which has no capacity: with the FINESS table, their 2SFCA
 * counts each site as one unit (said on screen). Without it, CMP / CATTP are a partial name-based list: no score.
 */
export const UNIT_KINDS: readonly SiteKind[] = ['cmp', 'cattp', ...MEDSOC_KINDS];
export const isUnitScore = (k: SiteKind, finess: boolean) => finess && UNIT_KINDS.includes(k);
export const hasScore = (k: SiteKind, finess = false) => SFCA_KINDS.includes(k) || isUnitScore(k, finess);

/** Population a kind serves, as in the catalogue's densities (general psychiatry 16+, child 0–15). */
export const POPULATION: Record<SiteKind, 'adult' | 'child' | 'total'> = {
	hdj: 'adult',
	beds_adult: 'adult',
	beds_child: 'child',
	cmp_adult: 'adult',
	cmp_child: 'child',
	cmp: 'total',
	cattp: 'total',
	gp: 'total',
	...forMedsoc('adult' as const)
};
const POPULATION_TEXT = { adult: 'habitants de 16 ans et plus', child: 'habitants de 0 à 15 ans', total: 'habitants' };

/** Per-commune population used as demand in the 2SFCA of `kind` (age estimate when available). */
export function demandOf(c: Communes, kind: SiteKind): Float64Array {
	const g = POPULATION[kind];
	return (g === 'adult' ? c.popAdult : g === 'child' ? c.popChild : undefined) ?? c.pop;
}

/** The approximation stated wherever SAE CMP counts are used. */
export const CMP_PLACE_CAVEAT = 'les CMP sont comptés au lieu de l’établissement qui les gère, pas à leur adresse (déclaration SAE)';

export const SCORE_UNIT: Record<SiteKind, string> = {
	hdj: 'places accessibles pour 100 000 habitants de 16 ans et plus',
	beds_adult: 'lits accessibles pour 100 000 habitants de 16 ans et plus',
	beds_child: 'lits accessibles pour 100 000 habitants de 0 à 15 ans',
	cmp_adult: 'CMP accessibles pour 100 000 habitants de 16 ans et plus',
	cmp_child: 'CMP accessibles pour 100 000 habitants de 0 à 15 ans',
	cmp: 'sites de CMP accessibles pour 100 000 habitants (chaque site FINESS = 1)',
	cattp: 'sites de CATTP accessibles pour 100 000 habitants (chaque site FINESS = 1)',
	gp: 'cabinets accessibles pour 100 000 habitants',
	...forMedsoc('sites accessibles pour 100 000 habitants de 16 ans et plus (chaque site FINESS = 1)')
};

const FINESS_SOURCE =
	'FINESS, fichier national des établissements (extraction datée, voir Sources), position géographique de chaque établissement ; FINESS ne donne pas de capacité : chaque site compte pour une unité';

export const KIND_SOURCE: Record<SiteKind, string> = {
	hdj: 'SAE 2023 (établissements avec places d’hôpital de jour en psychiatrie générale) et sites hospitaliers GISCO/FINESS 2020 dont le nom évoque un hôpital de jour (repérage par le nom, capacité inconnue : comptés pour la distance, pas pour le score 2SFCA)',
	beds_adult: 'SAE 2023, établissements avec des lits d’hospitalisation complète en psychiatrie générale',
	beds_child: 'SAE 2023, établissements avec des lits d’hospitalisation complète en psychiatrie infanto-juvénile',
	cmp_adult: `SAE 2023, nombre de CMP de psychiatrie générale par établissement (NB_CMP_SEUL) ; approximation : ${CMP_PLACE_CAVEAT}`,
	cmp_child: `SAE 2023, nombre de CMP de psychiatrie infanto-juvénile par établissement (NB_CMP_SEUL) ; approximation : ${CMP_PLACE_CAVEAT}`,
	cmp: 'sites hospitaliers GISCO/FINESS 2020 dont le nom évoque un CMP : repérage par le nom, liste partielle (table FINESS non chargée)',
	cattp: 'sites hospitaliers GISCO/FINESS 2020 dont le nom évoque un CATTP : repérage par le nom, liste très partielle (table FINESS non chargée)',
	gp: 'SIRENE 2019, cabinets de médecine générale (NAF 86.21Z) placés au point central de leur commune : approximation, des cabinets et non des médecins',
	...forMedsoc(FINESS_SOURCE)
};

/** Source of a kind's sites; CMP and CATTP come from FINESS when the table is loaded (a part of them found by name). */
export function kindSource(kind: SiteKind, finess: boolean): string {
	return finess && (kind === 'cmp' || kind === 'cattp')
		? `${FINESS_SOURCE} ; catégorie ${kind === 'cmp' ? '156' : '425'} et sites hospitaliers dont le nom dit ${kind === 'cmp' ? 'CMP' : 'CATTP'} (type déduit du nom)`
		: KIND_SOURCE[kind];
}

/** Lower-cased short kind name for headings ("hôpital de jour", "CMP"). */
export function shortKind(label: string): string {
	const l = label.split(' (')[0]!;
	return /^[A-Z]{2,}/.test(l) ? l : l.toLowerCase();
}

/** Kinds that exist only when the FINESS extract is loaded. */
export const FINESS_ONLY_KINDS: readonly SiteKind[] = MEDSOC_KINDS;

const NO_SCORE_REASON = 'Pas de score 2SFCA pour ces sites repérés par leur nom : leur capacité n’est pas connue et la liste est partielle (le score CMP utilise les CMP adultes ou enfants de la SAE).';

/** What the score of a FINESS kind counts. */
export const UNIT_SCORE_NOTE =
	'FINESS ne donne ni places ni lits : dans ce score 2SFCA, chaque site compte pour une unité, quelle que soit sa taille (un site de 10 places pèse autant qu’un site de 100).';

export function assumptionsText(kind: SiteKind, travel: TravelParams, preset: SfcaPreset, catchment: number, finess = false): string[] {
	return [
		`Temps de trajet estimé : distance à vol d’oiseau × ${formatNumber(travel.detourFactor, 2)} (détour), puis ${formatInteger(travel.speedBands[0]!.kmh)} km/h sur les 5 premiers km, ${formatInteger(travel.speedBands[1]!.kmh)} km/h jusqu’à 20 km, ${formatInteger(travel.speedBands[2]!.kmh)} km/h au-delà. Pas de réseau routier : ce ne sont pas les temps DREES/INSEE (Metric-OSRM).`,
		'Chaque commune est représentée par un point intérieur ; toute sa population est placée en ce point.',
		'La Corse et chaque département d’outre-mer ne sont jamais reliés à un site situé de l’autre côté de la mer.',
		`Sites : ${kindSource(kind, finess)}.`,
		hasScore(kind, finess)
			? `Score 2SFCA (accessibilité potentielle localisée) : ${preset.label}, zone de ${formatInteger(catchment)} min ; demande = ${POPULATION_TEXT[POPULATION[kind]]}${POPULATION[kind] === 'total' ? '' : ' (population de la commune × part de cette tranche d’âge dans son département, estimations INSEE 2023)'}, sans pondération par la consommation de soins (différent de l’APL officielle).${isUnitScore(kind, finess) ? ` ${UNIT_SCORE_NOTE}` : ''}`
			: NO_SCORE_REASON,
		'Capacité rattachée au point de l’établissement ; les places et lits SAE d’un établissement multi-sites sont tous placés au même point.'
	];
}

/**
 * Kinds the page offers and the FINESS-only kinds it cannot (listed in a notice). With the
 * extract, a medico-social kind is offered when the extract has at least one site of it.
 */
export function offeredKinds(sites: readonly Site[], finess: boolean): { offered: SiteKind[]; missing: SiteKind[] } {
	const present = new Set(sites.map((s) => s.kind));
	const offered = SITE_KINDS.filter((k) => !FINESS_ONLY_KINDS.includes(k) || (finess && present.has(k)));
	return { offered, missing: finess ? [] : [...FINESS_ONLY_KINDS] };
}
