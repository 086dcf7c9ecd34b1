/**
 * Source catalogue: every open dataset the pipeline reads, with its official publisher page,
 * the download URL of the exact file used, licence and vintage. The browser shows these
 * fields (via manifest.json) next to every figure.
 *
 * `files[].mirror` is the path inside the mirror folder (ATLAS_DATA_MIRROR, default ../shared/data/raw).
 * `files[].url` is fetched when the mirror lacks the file. A `.gz` mirror path is gunzipped on read;
 * the URL then serves the uncompressed file.
 */

import type { ManifestSource } from '../src/lib/db/types.ts';

export interface SourceFile {
	key: string;
	mirror: string;
	url: string;
	/** Files matched by a glob-like prefix in the mirror, e.g. the dated FINESS extract. */
	mirrorPattern?: RegExp;
	/** Read a `.gz` mirror file as is (archives the parser streams itself, e.g. `.tar.gz`). */
	keepCompressed?: boolean;
}

/** The manifest's description of a source, plus where to read it from. */
export interface Source extends Omit<ManifestSource, 'available' | 'origin' | 'files'> {
	files: SourceFile[];
	/** An optional source may be absent: the app then says so and falls back. */
	optional?: boolean;
}

const LO = 'Licence Ouverte / Etalab 2.0';
const FHIR_REPO = 'https://raw.githubusercontent.com/flrt/finess-fhir/5a88782323090270a1e4cffc990ee4f41e1beb84/out';

export const SOURCES: Source[] = [
	{
		id: 'cog',
		title: 'Code officiel géographique 2026 et populations légales (découpage administratif)',
		publisher: 'INSEE, mis en forme par Etalab (@etalab/decoupage-administratif 6.0.0)',
		page: 'https://www.insee.fr/fr/information/2560452',
		licence: LO,
		vintage: 'COG 2026, populations légales en vigueur au 1er janvier 2026',
		files: [
			{ key: 'communes', mirror: 'cog/communes.json.gz', url: 'https://unpkg.com/@etalab/decoupage-administratif@6.0.0/data/communes.json' },
			{ key: 'departements', mirror: 'cog/departements.json', url: 'https://unpkg.com/@etalab/decoupage-administratif@6.0.0/data/departements.json' },
			{ key: 'regions', mirror: 'cog/regions.json', url: 'https://unpkg.com/@etalab/decoupage-administratif@6.0.0/data/regions.json' },
			{ key: 'epci', mirror: 'cog/epci.json.gz', url: 'https://unpkg.com/@etalab/decoupage-administratif@6.0.0/data/epci.json' }
		]
	},
	{
		id: 'geo_communes_2018',
		title: 'Contours des communes (GEOFLA simplifié, france-geojson)',
		publisher: 'IGN / INSEE, mis en forme par Grégoire David (france-geojson)',
		page: 'https://github.com/gregoiredavid/france-geojson',
		licence: LO,
		vintage: 'Communes au 1er janvier 2018, rapprochées du COG 2026 par fusion des communes nouvelles',
		caveat: 'Contours 2018 simplifiés : les communes nouvelles créées depuis sont reconstituées par union de leurs anciennes communes.',
		files: [
			{
				key: 'communes',
				mirror: 'geo/francegeojson-2018-communes-avec-outre-mer.geojson.gz',
				url: 'https://raw.githubusercontent.com/gregoiredavid/france-geojson/5d34ee6d0140c29f785fdb047d9329f1aab58833/communes-avec-outre-mer.geojson'
			}
		]
	},
	{
		id: 'geo_departements',
		title: 'Contours administratifs des départements (1000 m)',
		publisher: 'Etalab, d’après IGN Admin Express',
		page: 'https://etalab-datasets.geo.data.gouv.fr/contours-administratifs/',
		licence: LO,
		vintage: '2025',
		files: [
			{
				key: 'departements',
				mirror: 'geo/departements-1000m.geojson',
				url: 'https://etalab-datasets.geo.data.gouv.fr/contours-administratifs/2025/geojson/departements-1000m.geojson'
			}
		]
	},
	{
		id: 'geo_plm',
		title: 'Contours des arrondissements municipaux de Paris, Lyon et Marseille',
		publisher: 'IGN / INSEE, jeu OpenDataSoft georef-france-commune-arrondissement-municipal (copie du dépôt dataesr/datasupr)',
		page: 'https://public.opendatasoft.com/explore/dataset/georef-france-commune-arrondissement-municipal/',
		licence: LO,
		vintage: 'Millésime 2023',
		caveat: 'Contours très simplifiés (Paris 2e : 8 sommets) : justes pour une carte, grossiers pour placer un point près d’une limite.',
		// Optional: without it the arrondissements stay known (codes, names, population, SAE ARMT) but are not drawn.
		optional: true,
		files: [
			{
				key: 'arrondissements',
				mirror: 'geo/plm/arrondissements_paris_lyon_marseille_ods_georef2023.json',
				url: 'https://raw.githubusercontent.com/dataesr/datasupr/3a5fea44/client/src/boards/atlas/charts/arrondissements-map/georef-france-commune-arrondissement-municipal@public.json'
			}
		]
	},
	{
		id: 'sae_psy',
		title: 'Statistique annuelle des établissements de santé (SAE), bordereaux PSY et table ID',
		publisher: 'DREES',
		page: 'https://data.drees.solidarites-sante.gouv.fr/explore/dataset/708_bases-statistiques-sae/information/',
		licence: LO,
		vintage: 'SAE 2023 et 2022 (bases statistiques « r »)',
		files: [
			{ key: 'psy2023', mirror: 'sae_psy/PSY_2023r.csv', url: 'https://raw.githubusercontent.com/Alexandre484/StatApp/c2545a4cb57582ad6ddeb08c3d2cfa0836d8818e/SAE/2023/PSY_2023r.csv' },
			{ key: 'psy2022', mirror: 'sae_psy/PSY_2022r.csv', url: 'https://raw.githubusercontent.com/Alexandre484/StatApp/c2545a4cb57582ad6ddeb08c3d2cfa0836d8818e/SAE/2022/PSY_2022r.csv' },
			{ key: 'id2023', mirror: 'sae_psy/ID_2023r.csv', url: 'https://raw.githubusercontent.com/Alexandre484/StatApp/c2545a4cb57582ad6ddeb08c3d2cfa0836d8818e/SAE/2023/ID_2023r.csv' }
		]
	},
	{
		id: 'gisco_hospitals',
		title: 'Établissements hospitaliers géolocalisés (extrait FINESS, GISCO healthcare services)',
		publisher: 'Eurostat GISCO, d’après FINESS (ministère de la Santé)',
		page: 'https://gisco-services.ec.europa.eu/pub/healthcare/',
		licence: 'Licence Ouverte 2.0 (FINESS) ; réutilisation Eurostat avec mention de la source',
		vintage: 'FINESS du 6 mars 2020',
		caveat: 'Sites hospitaliers uniquement : pas de CMP (156), CATTP (425) ni cliniques (161) enregistrés comme établissements propres.',
		files: [
			{
				key: 'sites',
				mirror: 'finess_hospitals_gisco/gisco_healthcare_FR_finess20200306.csv.gz',
				url: 'https://raw.githubusercontent.com/eurostat/basic-services/f200d0ce0af43a0353ea0f229e1e770a2be26f8d/data/healthcare/csv/FR.csv'
			}
		]
	},
	{
		id: 'insee_pop_age',
		title: 'Estimations de population par département, sexe et âge',
		publisher: 'INSEE',
		page: 'https://www.insee.fr/fr/statistiques/1893198',
		licence: LO,
		vintage: '1er janvier 2023 (grandes classes, provisoire) et 1er janvier 2022 (âge quinquennal, provisoire)',
		files: [
			{ key: 'broad2023', mirror: 'insee_pop_age/estim-pop-dep-2023.csv', url: 'https://raw.githubusercontent.com/DarilDivin/france-stat/40399f06a5d5f3c2ce4d26844ecad10b651ac9ba/public/data/estim-pop-dep-2023.csv' },
			{
				key: 'quinq',
				mirror: 'insee_pop_age/estim-pop-dep-sexe-aq-1975-2022.xlsx.gz',
				url: 'https://raw.githubusercontent.com/patrickaubert/asdep/0b5d08d4a8d1978f4fb6b2318263ec269cf30984/data-raw/estim-pop-dep-sexe-aq-1975-2022.xlsx'
			}
		]
	},
	{
		id: 'atlas_sante_mentale',
		title: 'Atlas de la santé mentale en France : mise à jour des indicateurs départementaux',
		publisher: 'IRDES / DREES (Coldefy, Gandré)',
		page: 'https://santementale.atlasante.fr/',
		licence: 'Réutilisation libre avec mention de la source (IRDES/DREES) ; licence non précisée dans le fichier',
		vintage: '2015, 2017, 2019',
		files: [
			{
				key: 'xlsx',
				mirror: 'atlas_sante_mentale/MAJ_IND_ATLAS.xlsx',
				url: 'https://raw.githubusercontent.com/naisatlan/Sante_mentale_et_grand_age/0d6dffda2c03267b7388b20cd825f316ebc71f1e/datasets/MAJ_IND_ATLAS.xlsx'
			}
		]
	},
	{
		id: 'sirene_gp',
		title: 'Établissements de médecine générale (NAF 86.21Z) par commune, base SIRENE',
		publisher: 'INSEE (SIRENE), agrégé par commune par le projet desert-medicaux-global',
		page: 'https://www.data.gouv.fr/fr/datasets/base-sirene-des-entreprises-et-de-leurs-etablissements-siren-siret/',
		licence: LO,
		vintage: 'Stock SIRENE de février 2019',
		caveat: 'Indicateur approché : compte des cabinets (établissements SIRENE), pas des médecins ni des ETP.',
		files: [
			{
				key: 'communes',
				mirror: 'gp_proxy/sirene2019_PS_communes.csv',
				url: 'https://raw.githubusercontent.com/virgilus/desert-medicaux-global/f51fbf437ef869d1cf1da5aa57491a08fc33ab69/notebooks/data_save/processed/PS_communes.csv'
			}
		]
	},
	{
		id: 'finess_et',
		title: 'FINESS : extraction des établissements géolocalisés (etalab-cs1100507)',
		publisher: 'Ministère de la Santé (DREES/DNUM), data.gouv.fr',
		page: 'https://www.data.gouv.fr/fr/datasets/finess-extraction-du-fichier-des-etablissements/',
		licence: LO,
		vintage: 'Date indiquée en première ligne du fichier',
		optional: true,
		files: [
			{
				key: 'stock',
				mirror: 'finess/etalab-cs1100507-stock.csv',
				mirrorPattern: /^etalab-cs1100507-stock.*\.csv(\.gz)?$/,
				url: 'https://static.data.gouv.fr/resources/finess-extraction-du-fichier-des-etablissements/etalab-cs1100507-stock-latest.csv'
			}
		]
	},
	{
		// The national FINESS file of 2021-01-08 as FHIR R4 NDJSON (flrt/finess-fhir): the FINESS layer when
		// no etalab CSV (finess_et) is available. build.ts reports the layer actually used under finess_et.
		id: 'finess_fhir_2021',
		title: 'FINESS : établissements géographiques nationaux (extraction etalab-cs1100507, format FHIR R4)',
		publisher: 'Ministère de la Santé (DREES/DNUM), data.gouv.fr ; conversion FHIR par le projet flrt/finess-fhir (code MIT)',
		page: 'https://www.data.gouv.fr/fr/datasets/finess-extraction-du-fichier-des-etablissements/',
		licence: LO,
		vintage: 'FINESS, extraction du 8 janvier 2021',
		caveat:
			'Fichier etalab-cs1100507-stock-20210108-0427.csv converti en FHIR : pas de code commune (retrouvé par les coordonnées ou l’adresse), positions outre-mer reprojetées, pas de capacités ; CMP, CATTP et hôpitaux de jour enregistrés sous la catégorie de leur hôpital reconnus par leur nom.',
		optional: true,
		files: [
			{ key: 'etab0-10000', mirror: 'finess_fhir_2021/etab0-10000.tar.gz', url: `${FHIR_REPO}/etab0-10000.tar.gz`, keepCompressed: true },
			{ key: 'etab10001-20000', mirror: 'finess_fhir_2021/etab10001-20000.tar.gz', url: `${FHIR_REPO}/etab10001-20000.tar.gz`, keepCompressed: true },
			{ key: 'etab20001-30000', mirror: 'finess_fhir_2021/etab20001-30000.tar.gz', url: `${FHIR_REPO}/etab20001-30000.tar.gz`, keepCompressed: true },
			{ key: 'etab30001-40000', mirror: 'finess_fhir_2021/etab30001-40000.tar.gz', url: `${FHIR_REPO}/etab30001-40000.tar.gz`, keepCompressed: true },
			{ key: 'etab40001-50000', mirror: 'finess_fhir_2021/etab40001-50000.tar.gz', url: `${FHIR_REPO}/etab40001-50000.tar.gz`, keepCompressed: true },
			{ key: 'etab50001-60000', mirror: 'finess_fhir_2021/etab50001-60000.tar.gz', url: `${FHIR_REPO}/etab50001-60000.tar.gz`, keepCompressed: true },
			{ key: 'etab60001-70000', mirror: 'finess_fhir_2021/etab60001-70000.tar.gz', url: `${FHIR_REPO}/etab60001-70000.tar.gz`, keepCompressed: true },
			{ key: 'etab70001-80000', mirror: 'finess_fhir_2021/etab70001-80000.tar.gz', url: `${FHIR_REPO}/etab70001-80000.tar.gz`, keepCompressed: true },
			{ key: 'etab80001-90000', mirror: 'finess_fhir_2021/etab80001-90000.tar.gz', url: `${FHIR_REPO}/etab80001-90000.tar.gz`, keepCompressed: true },
			{ key: 'etab90001-95541', mirror: 'finess_fhir_2021/etab90001-95541.tar.gz', url: `${FHIR_REPO}/etab90001-95541.tar.gz`, keepCompressed: true }
		]
	}
];

export function sourceById(id: string): Source {
	const s = SOURCES.find((x) => x.id === id);
	if (!s) throw new Error(`Unknown source id: ${id}`);
	return s;
}
