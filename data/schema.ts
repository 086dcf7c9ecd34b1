/**
 * The contract between the data pipeline (data/) and the browser (src/lib/db).
 * Every artefact table written to static/data/<name>.arrow has one row type here.
 * Column names are snake_case; codes are strings (INSEE codes keep leading zeros, '2A', '2B').
 * Missing numeric values are null, never 0.
 */
import type { FacilityKind, FacilityPublic, KindBasis, Placement } from '../src/lib/facilities/kinds.ts';

/** COG 2026 current commune (commune-actuelle), metropole + DROM only (COM excluded). */
export interface CommuneRow {
	code: string; // COG 2026 INSEE code, e.g. '01001', '2A004', '97101'
	name: string;
	dep: string; // '01', '2A', '971'
	reg: string; // '84'
	epci: string | null; // SIREN of the EPCI, null when none (islands, Paris is in MGP)
	population: number; // population municipale (INSEE populations légales in force on 1 Jan 2026)
	lon: number | null; // interior point of the commune polygon (WGS84); null when no geometry
	lat: number | null;
	has_geom: boolean;
}

/** Any code that may appear in an older source → its COG 2026 commune. Includes identity rows. */
export interface CommuneAliasRow {
	alias: string; // code seen in a source (former code, commune déléguée/associée, arrondissement municipal)
	code: string; // COG 2026 commune-actuelle code
	kind: 'actuelle' | 'ancien' | 'deleguee' | 'associee' | 'arrondissement';
}

export interface DepartementRow {
	code: string;
	name: string;
	reg: string;
}

export interface RegionRow {
	code: string;
	name: string;
}

export interface EpciRow {
	code: string; // SIREN
	name: string;
	type: string | null; // CC, CA, CU, METRO, MET69…
}

/**
 * INSEE population estimates by département and age, one row per département and year.
 * 2023: broad bands (exact 0-19, 20-39, 40-59, 60-74, 75+); 2022: 5-year bands.
 * pop_0_15 and pop_16_plus are derived: 0-14 + 1/5 of 15-19 (2022 5-year bands);
 * for 2023 the 2022 share of 0-15 within 0-19 is applied to the 2023 0-19 band. Flagged by `age16_estimated`.
 */
export interface PopulationDepRow {
	dep: string;
	year: number; // 2022 or 2023
	pop_total: number;
	pop_0_15: number;
	pop_16_plus: number;
	pop_0_19: number;
	pop_20_59: number;
	pop_20_plus: number;
	pop_60_plus: number;
	age16_estimated: boolean;
}

/** SAE psychiatry (bordereau PSY), one row per year × establishment (FINESS géo) × discipline. TOT rows are excluded. */
export interface SaePsyRow {
	year: number; // 2022 | 2023 (AN)
	fi: string; // FINESS géographique, 9 chars
	dis: 'GEN' | 'INF' | 'PEN';
	nb_sect: number | null; // sectors run
	cap_htp: number | null; // full-time beds
	cap_hdj: number | null; // day-hospital places
	cap_hdn: number | null; // night-hospital places
	cap_pft: number | null; // therapeutic foster care (placement familial thérapeutique)
	cap_aat: number | null; // therapeutic apartments
	cap_acp: number | null; // post-cure
	cap_ccu: number | null; // crisis centre
	cap_had: number | null; // psychiatric HAD
	nb_cmp: number | null; // NB_CMP_SEUL (2023) or NB_CMP_SEUL_PA + NB_CMP_SEUL_PL (2022)
	nb_cattp: number | null;
	fil_tot: number | null; // file active, total
	fil_amb: number | null; // file active, exclusively ambulatory
	etp_psychiatrists: number | null; // ETPSAL_PKT
	etp_doctors: number | null; // ETPSAL_MED (other salaried doctors)
	etp_nurses: number | null; // ETP_INF
	etp_psychologists: number | null; // ETP_PSY
	etp_nonmedical: number | null; // ETPSAL_PNM
}

/** An SAE psychiatry establishment (present in PSY 2022 or 2023), placed on the map. */
export interface SaeEstablishmentRow {
	fi: string;
	fi_ej: string | null;
	name: string;
	cat: string | null; // FINESS category code from SAE ID (e.g. '292', '161')
	commune: string | null; // COG 2026 code (mapped from SAE COMINSEE through commune_aliases)
	dep: string | null;
	lon: number | null;
	lat: number | null;
	geo_source: 'site' | 'commune' | 'none'; // 'site' = GISCO/FINESS hospital-site coordinates
	in_2022: boolean;
	in_2023: boolean;
	arm?: string | null; // arrondissement municipal (SAE ID ARMT) in Paris, Lyon, Marseille; null elsewhere
}

/**
 * Arrondissement municipal of Paris, Lyon or Marseille (COG 2026 type arrondissement-municipal):
 * the finest unit of sector membership and aggregation inside those cities (data/plm.ts).
 * Their populations sum exactly to their city's row in `communes`.
 */
export interface ArrondissementRow {
	code: string; // '75101' … '75120', '69381' … '69389', '13201' … '13216'
	name: string;
	commune: string; // parent city: '75056', '69123', '13055'
	dep: string;
	reg: string;
	epci: string | null; // the city's EPCI
	population: number; // population municipale (COG 2026)
	gp_practices: number | null; // SIRENE 2019 NAF 86.21Z establishments with this arrondissement's code
	lon: number | null; // interior point of its polygon
	lat: number | null;
	has_geom: boolean;
}

/** Arrondissement of a commune-keyed source row inside Paris, Lyon or Marseille (data/plm.ts). */
export interface ArrondissementLinkRow {
	source: 'sae' | 'finess';
	id: string; // SAE fi or FINESS ET
	arm: string;
	basis: 'armt' | 'code_postal' | 'point'; // SAE ID ARMT, postal code of the address, point in polygon
}

/** GISCO healthcare extract of FINESS (2020-03-06): every hospital site with coordinates. */
export interface HospitalSiteRow {
	finess: string; // 9 chars, leading zero restored
	name: string; // hospital_name
	site_name: string | null;
	category_label: string; // facility_type (FINESS libcategetab)
	category: string | null; // FINESS code derived from the label, e.g. '292'
	psy_kind: 'hdj' | 'cmp' | 'cattp' | null; // from the site name only (a name match, not an official field)
	lon: number;
	lat: number;
	geo_qual: number | null;
	commune: string | null; // COG 2026 commune containing the point (point-in-polygon), null if none
	public_private: string | null;
}

/** SIRENE 2019 establishments with NAF 86.21Z per commune: a proxy for GP supply (practices, not doctors). */
export interface GpPracticeRow {
	commune: string; // COG 2026 code
	gp_practices: number;
}

/** Atlas de la santé mentale (IRDES/DREES) values per département, long format. */
export interface AtlasValueRow {
	dep: string; // 'FR' for France, DROM recoded 9A→971 …
	indicator: string; // e.g. 'OFF01'
	year: number; // 2015 | 2017 | 2019 …
	value: number | null;
}

export interface AtlasIndicatorRow {
	indicator: string;
	year: number;
	label: string;
	ages: string | null;
	source: string | null;
	sheet: string;
	comment: string | null;
}

/** FINESS etalab-cs1100507 establishments (optional source), one row per ET. */
/**
 * One FINESS établissement géographique of a kind the app shows (src/lib/facilities/kinds.ts).
 * Written by the FHIR parser (2021 national file) or the etalab CSV parser (a newer extract wins).
 */
export interface FinessFacilityRow {
	finess: string; // FINESS ET (9 characters)
	finess_ej: string | null; // FINESS EJ (managing legal entity)
	name: string; // raison sociale as FINESS writes it
	category: string; // catégorie d'établissement code, e.g. '156'
	category_label: string; // official TRE_R66 label
	group: FacilityKind; // the kind (cmp, cattp, hdj, chs, … see FACILITY_KINDS)
	kind_basis: KindBasis; // 'categorie' (from the category) or 'nom' (inferred from the name)
	public: FacilityPublic | null; // 'adulte' | 'enfant' inferred from the name; null = non précisé
	address: string | null; // street lines joined with ', '
	postal_code: string | null;
	city: string | null; // from the ligne d'acheminement
	phone: string | null;
	updated: string | null; // FINESS last update, ISO date
	commune: string | null; // COG 2026 code
	dep: string; // département ('01', '2A', '971'); from the FINESS number when no commune
	lon: number | null;
	lat: number | null;
	placement: Placement | null; // how the commune was found; null when unplaced
	sae_fi: string | null; // FI of the SAE establishment of the same EJ, when one
	siret: string | null;
	date_open: string | null; // ISO date
}

/** FINESS layer summary in quality.json (`finess`), written by data/finess-layer.ts, read by /sources. */
export interface CoverageRow {
	dep: string;
	finess_cmp: number;
	sae_cmp: number | null;
	ratio: number | null; // finess_cmp / sae_cmp; null without SAE count or when the FINESS file has no row for the département
	in_source: boolean; // false: no établissement of the FINESS file there (Mayotte in 2021), or a COM outside the atlas
}

export interface FinessSummary {
	source: string; // 'finess_fhir_2021' or 'finess_et'
	vintage: string;
	read: number;
	kept: number;
	by_category: { category: string; label: string; read: number; kept: number; kind: string | null }[];
	by_kind: Record<string, number>;
	by_kind_basis: Record<string, Record<string, number>>; // kind → basis → n
	by_public: Record<string, Record<string, number>>; // cmp/cattp/hdj → adulte/enfant/non_precise → n
	by_dep: Record<string, Record<string, number>>; // dep → kind → n
	placement: Record<string, number>; // point/point_proche/code_postal/code_commune/none → n
	unplaced: Record<string, number>; // reason → n
	unplaced_examples: Record<string, string[]>; // reason → up to 10 FINESS ET
	overseas_reprojected: number;
	sae_linked: number;
	psy_without_sae: number;
	psy_without_sae_ej: string[]; // FINESS EJ of those sites
	coverage: CoverageRow[];
}

/** What each parser returns alongside its rows, merged into quality.json. */
export interface QualityEntry {
	source: string; // source id from data/sources.ts
	file: string;
	rows_read: number;
	rows_kept: number;
	rows_rejected: number;
	rejections: Record<string, number>; // reason (English, short) → count
	examples?: Record<string, string[]>; // reason → up to 10 offending codes/lines
	notes?: string[];
}

export interface ParseResult<Row> {
	rows: Row[];
	quality: QualityEntry;
}
