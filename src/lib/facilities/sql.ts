/**
 * Pure SQL builders over `finess_facilities` (one row per FINESS établissement géographique).
 * Every value is a bound parameter; `group` is quoted (reserved word).
 */
import type { TerritoryKind, TerritoryLevel } from '../territories/level';
import type { FinessFacilityRow } from '../../../data/schema';
import { FACILITY_KINDS, type FacilityKind, type FacilityPublic, type KindBasis } from './kinds';

/** A facility as the map, the lists and the diagnostic show it: columns of the artefact's row, its kind, its commune's name. */
export type FacilityRecord = Pick<
	FinessFacilityRow,
	'finess' | 'finess_ej' | 'name' | 'category' | 'category_label' | 'kind_basis' | 'public' | 'address' | 'postal_code' | 'city' | 'phone' | 'updated' | 'commune' | 'dep' | 'lon' | 'lat'
> & { kind: FacilityKind; commune_name: string | null };

/** The columns of a FacilityRecord, over `finess_facilities f` joined to `communes c`. */
export const FACILITY_COLUMNS = `f.finess::VARCHAR AS finess, f.finess_ej::VARCHAR AS finess_ej, f.name::VARCHAR AS name,
	CAST(f."group" AS VARCHAR) AS kind, CAST(f.category AS VARCHAR) AS category, CAST(f.category_label AS VARCHAR) AS category_label,
	CAST(f.kind_basis AS VARCHAR) AS kind_basis, CAST(f.public AS VARCHAR) AS public,
	f.address::VARCHAR AS address, f.postal_code::VARCHAR AS postal_code, f.city::VARCHAR AS city, f.phone::VARCHAR AS phone,
	f.updated::VARCHAR AS updated, f.commune::VARCHAR AS commune, c.name::VARCHAR AS commune_name, CAST(f.dep AS VARCHAR) AS dep,
	f.lon::DOUBLE AS lon, f.lat::DOUBLE AS lat`;

/** Every facility of the given kinds with a position (the map layer). */
export function facilityPointsSql(kinds: readonly FacilityKind[] = FACILITY_KINDS): { sql: string; params: unknown[] } {
	const inList = kinds.map((_, i) => `$${i + 1}`).join(', ');
	return {
		sql: `SELECT f.finess::VARCHAR AS finess, f.name::VARCHAR AS name, CAST(f."group" AS VARCHAR) AS kind,
			CAST(f.category_label AS VARCHAR) AS category_label, f.lon::DOUBLE AS lon, f.lat::DOUBLE AS lat
		FROM finess_facilities f
		WHERE f.lon IS NOT NULL AND f.lat IS NOT NULL AND CAST(f."group" AS VARCHAR) IN (${inList || 'NULL'})
		ORDER BY f.finess`,
		params: [...kinds]
	};
}

/** One facility by its FINESS ET. */
export function facilityByIdSql(finess: string): { sql: string; params: unknown[] } {
	return { sql: `SELECT ${FACILITY_COLUMNS} FROM finess_facilities f LEFT JOIN communes c ON c.code = f.commune WHERE f.finess = $1`, params: [finess] };
}

export interface TerritoryScope {
	level: TerritoryLevel;
	code: string;
	/** territory set of sector / custom levels */
	setId?: string;
	/** sector types kept at level 'sector' (default: all) */
	kinds?: TerritoryKind[];
}

/**
 * The facilities of the given kinds located in a territory (by their commune), sorted by kind
 * order, commune and name. A site is in a sector when its commune is a member of it.
 */
export function facilitiesInTerritorySql(scope: TerritoryScope, kinds: readonly FacilityKind[] = FACILITY_KINDS): { sql: string; params: unknown[] } {
	const params: unknown[] = [];
	const bind = (v: unknown) => (params.push(v), `$${params.length}`);
	const kindList = kinds.length ? kinds.map((k) => bind(k)).join(', ') : 'NULL';
	let where: string;
	switch (scope.level) {
		case 'france':
			where = 'TRUE';
			break;
		case 'commune':
			where = `f.commune = ${bind(scope.code)}`;
			break;
		case 'epci':
			where = `c.epci = ${bind(scope.code)}`;
			break;
		case 'departement':
			// The FINESS number's département keeps sites without a commune in their département.
			where = `COALESCE(c.dep, f.dep) = ${bind(scope.code)}`;
			break;
		case 'region':
			where = `c.reg = ${bind(scope.code)}`;
			break;
		case 'sector':
		case 'custom': {
			if (!scope.setId) throw new Error('Territoire de secteur sans jeu de territoires (setId).');
			const set = bind(scope.setId);
			const code = bind(scope.code);
			const tk = scope.kinds?.length ? ` AND tm.kind IN (${scope.kinds.map((k) => bind(k)).join(', ')})` : '';
			// A member that is an arrondissement of Paris, Lyon or Marseille keeps only the sites linked to it.
			where = `EXISTS (SELECT 1 FROM territory_members tm WHERE tm.set_id = ${set} AND tm.territory = ${code}${tk} AND tm.commune = f.commune
				AND (tm.unit IS NULL OR tm.unit = (SELECT ul.arm FROM arrondissement_links ul WHERE ul.source = 'finess' AND ul.id = f.finess)))`;
			break;
		}
	}
	const order = `CASE CAST(f."group" AS VARCHAR) ${FACILITY_KINDS.map((k, i) => `WHEN '${k}' THEN ${i}`).join(' ')} END`;
	return {
		sql: `SELECT ${FACILITY_COLUMNS}
		FROM finess_facilities f LEFT JOIN communes c ON c.code = f.commune
		WHERE CAST(f."group" AS VARCHAR) IN (${kindList}) AND ${where}
		ORDER BY ${order}, c.name NULLS LAST, f.name, f.finess`,
		params
	};
}

/** Rows as returned by DuckDB (numbers may come as other types), normalised. */
export function toFacilityRecord(r: Record<string, unknown>): FacilityRecord {
	const s = (v: unknown) => (v === null || v === undefined ? null : String(v));
	const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
	return {
		finess: String(r.finess),
		finess_ej: s(r.finess_ej),
		name: String(r.name ?? ''),
		kind: String(r.kind) as FacilityKind,
		category: String(r.category ?? ''),
		category_label: String(r.category_label ?? ''),
		kind_basis: (s(r.kind_basis) ?? 'categorie') as KindBasis,
		public: s(r.public) as FacilityPublic | null,
		address: s(r.address),
		postal_code: s(r.postal_code),
		city: s(r.city),
		phone: s(r.phone),
		updated: s(r.updated),
		commune: s(r.commune),
		commune_name: s(r.commune_name),
		dep: String(r.dep ?? ''),
		lon: n(r.lon),
		lat: n(r.lat)
	};
}
