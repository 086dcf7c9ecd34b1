/**
 * Directory rows from the two origins: the FINESS table (one bound query, columns of
 * FinessFacilityRow) and the local resources. Pure.
 */
import type { FinessFacilityRow } from '../../../data/schema';
import { FACILITY_KINDS, type FacilityKind } from '../facilities/kinds';
import { FACILITY_COLUMNS } from '../facilities/sql';
import type { DirectoryRow } from './directory';
import type { LocalResource } from './local';

/** The directory's FINESS rows: a FacilityRecord's columns, and the arrondissement a site of Paris, Lyon or Marseille is linked to. */
export const FINESS_DIRECTORY_SQL = `SELECT ${FACILITY_COLUMNS}, ul.arm::VARCHAR AS unit
	FROM finess_facilities f LEFT JOIN communes c ON c.code = f.commune
	LEFT JOIN arrondissement_links ul ON ul.source = 'finess' AND ul.id = f.finess`;

/** A row of FINESS_DIRECTORY_SQL: the artefact's columns (FinessFacilityRow) as DuckDB returns them, loosely typed. */
export type FinessDirectoryRecord = Pick<FinessFacilityRow, 'finess' | 'finess_ej' | 'name' | 'address' | 'postal_code' | 'city' | 'phone' | 'updated' | 'commune' | 'lon' | 'lat'> & {
	category_label: string | null;
	kind: string;
	kind_basis: string | null;
	public: string | null;
	unit?: string | null;
	commune_name: string | null;
	dep: string | null;
};

const KINDS = new Set<string>(FACILITY_KINDS);
const str = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** null for a row whose kind is not in the contract (never expected; counted by the caller). */
export function finessRow(r: FinessDirectoryRecord): DirectoryRow | null {
	if (!KINDS.has(String(r.kind))) return null;
	return {
		id: String(r.finess),
		origin: 'finess',
		name: String(r.name ?? r.finess),
		kind: r.kind as FacilityKind,
		detail: str(r.category_label),
		public: r.public === 'adulte' || r.public === 'enfant' ? r.public : null,
		kindBasis: r.kind_basis === 'nom' ? 'nom' : 'categorie',
		address: str(r.address),
		postalCode: str(r.postal_code),
		city: str(r.city),
		commune: str(r.commune),
		unit: str(r.unit),
		communeName: str(r.commune_name),
		dep: str(r.dep),
		phone: str(r.phone),
		email: null,
		web: null,
		finess: String(r.finess),
		finessEj: str(r.finess_ej),
		updated: str(r.updated)?.slice(0, 10) ?? null,
		lon: num(r.lon),
		lat: num(r.lat)
	};
}

export function localRow(r: LocalResource, communes: ReadonlyMap<string, { name: string; dep: string }>): DirectoryRow {
	const c = r.commune ? communes.get(r.commune) : undefined;
	return {
		id: `local:${r.id}`,
		origin: 'local',
		name: r.name,
		kind: r.kind,
		detail: r.kindText,
		public: null,
		kindBasis: null,
		address: r.address,
		postalCode: null,
		city: null,
		commune: r.commune,
		communeName: c?.name ?? null,
		dep: c?.dep ?? null,
		phone: r.phone,
		email: r.email,
		web: r.web,
		finess: null,
		finessEj: null,
		updated: null,
		lon: r.lon,
		lat: r.lat
	};
}
