/** Arrow column types of every artefact table (column order = order in the browser). */
import type {
	ArrondissementLinkRow,
	ArrondissementRow,
	AtlasIndicatorRow,
	AtlasValueRow,
	CommuneAliasRow,
	CommuneRow,
	DepartementRow,
	EpciRow,
	FinessFacilityRow,
	GpPracticeRow,
	HospitalSiteRow,
	PopulationDepRow,
	RegionRow,
	SaeEstablishmentRow,
	SaePsyRow
} from './schema.ts';
import type { TableSpec } from './write.ts';

export const communes: TableSpec<CommuneRow> = {
	code: 'string',
	name: 'string',
	dep: 'dict',
	reg: 'dict',
	epci: 'dict',
	population: 'int',
	lon: 'float',
	lat: 'float',
	has_geom: 'bool'
};

export const communeAliases: TableSpec<CommuneAliasRow> = { alias: 'string', code: 'string', kind: 'dict' };
export const departements: TableSpec<DepartementRow> = { code: 'string', name: 'string', reg: 'dict' };
export const regions: TableSpec<RegionRow> = { code: 'string', name: 'string' };
export const epci: TableSpec<EpciRow> = { code: 'string', name: 'string', type: 'dict' };

export const populationDep: TableSpec<PopulationDepRow> = {
	dep: 'dict',
	year: 'int',
	pop_total: 'int',
	pop_0_15: 'int',
	pop_16_plus: 'int',
	pop_0_19: 'int',
	pop_20_59: 'int',
	pop_20_plus: 'int',
	pop_60_plus: 'int',
	age16_estimated: 'bool'
};

export const saePsy: TableSpec<SaePsyRow> = {
	year: 'int',
	fi: 'string',
	dis: 'dict',
	nb_sect: 'float',
	cap_htp: 'float',
	cap_hdj: 'float',
	cap_hdn: 'float',
	cap_pft: 'float',
	cap_aat: 'float',
	cap_acp: 'float',
	cap_ccu: 'float',
	cap_had: 'float',
	nb_cmp: 'float',
	nb_cattp: 'float',
	fil_tot: 'float',
	fil_amb: 'float',
	etp_psychiatrists: 'float',
	etp_doctors: 'float',
	etp_nurses: 'float',
	etp_psychologists: 'float',
	etp_nonmedical: 'float'
};

export const saeEstablishments: TableSpec<SaeEstablishmentRow> = {
	fi: 'string',
	fi_ej: 'string',
	name: 'string',
	cat: 'dict',
	commune: 'string',
	dep: 'dict',
	lon: 'float',
	lat: 'float',
	geo_source: 'dict',
	in_2022: 'bool',
	in_2023: 'bool',
	arm: 'string'
};

export const arrondissements: TableSpec<ArrondissementRow> = {
	code: 'string',
	name: 'string',
	commune: 'dict',
	dep: 'dict',
	reg: 'dict',
	epci: 'dict',
	population: 'int',
	gp_practices: 'float',
	lon: 'float',
	lat: 'float',
	has_geom: 'bool'
};

export const arrondissementLinks: TableSpec<ArrondissementLinkRow> = { source: 'dict', id: 'string', arm: 'dict', basis: 'dict' };

export const hospitalSites: TableSpec<HospitalSiteRow> = {
	finess: 'string',
	name: 'string',
	site_name: 'string',
	category_label: 'dict',
	category: 'dict',
	psy_kind: 'dict',
	lon: 'float',
	lat: 'float',
	geo_qual: 'int',
	commune: 'string',
	public_private: 'dict'
};

export const gpPractices: TableSpec<GpPracticeRow> = { commune: 'string', gp_practices: 'float' };

export const atlasValues: TableSpec<AtlasValueRow> = { dep: 'dict', indicator: 'dict', year: 'int', value: 'float' };

export const atlasIndicators: TableSpec<AtlasIndicatorRow> = {
	indicator: 'string',
	year: 'int',
	label: 'string',
	ages: 'dict',
	source: 'dict',
	sheet: 'dict',
	comment: 'string'
};

export const finessFacilities: TableSpec<FinessFacilityRow> = {
	finess: 'string',
	finess_ej: 'string',
	name: 'string',
	category: 'dict',
	category_label: 'dict',
	group: 'dict',
	kind_basis: 'dict',
	public: 'dict',
	address: 'string',
	postal_code: 'string',
	city: 'string',
	phone: 'string',
	updated: 'string',
	commune: 'string',
	dep: 'dict',
	lon: 'float',
	lat: 'float',
	placement: 'dict',
	sae_fi: 'string',
	siret: 'string',
	date_open: 'string'
};
