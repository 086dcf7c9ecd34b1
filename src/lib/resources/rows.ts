/**
 * Directory rows from the two origins: the FINESS table (one bound query, columns of
 * FinessFacilityRow) and the local resources. Pure.
 */
import { FACILITY_KINDS, type FacilityKind } from '../facilities/kinds';
import type { DirectoryRow } from './directory';
import type { LocalResource } from './local';

/** The columns the directory reads from finess_facilities (DuckDB returns them as is). */
export const FINESS_DIRECTORY_SQL = `SELECT f.finess, f.finess_ej, f.name, f.category_label, f."group" AS kind, f.kind_basis, f.public,
	f.address, f.postal_code, f.city, f.phone, CAST(f.updated AS VARCHAR) AS updated, f.commune, ul.arm AS unit, c.name AS commune_name, f.dep, f.lon, f.lat
	FROM finess_facilities f LEFT JOIN communes c ON c.code = f.commune
	LEFT JOIN arrondissement_links ul ON ul.source = 'finess' AND ul.id = f.finess`;

export interface FinessDirectoryRecord {
	finess: string;
	finess_ej: string | null;
	name: string;
	category_label: string | null;
	kind: string;
	kind_basis: string | null;
	public: string | null;
	address: string | null;
	postal_code: string | null;
	city: string | null;
	phone: string | null;
	updated: string | null;
	commune: string | null;
	unit?: string | null;
	commune_name: string | null;
	dep: string | null;
	lon: number | null;
	lat: number | null;
}

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
