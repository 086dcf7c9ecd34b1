/**
 * « État des ressources » annex of the diagnostic: the territory's FINESS sites grouped by kind
 * (family order of kinds.ts), each with name, commune, address and phone. Pure builder plus one
 * query helper; no DOM.
 */
import { query, type DatabaseLike } from '../db/query';
import { FACILITY_KINDS, FAMILY_LABELS_FR, KIND_FAMILY, KIND_LABELS_FR, type FacilityFamily, type FacilityKind } from '../facilities/kinds';
import { basisNote, frenchPhone } from '../facilities/describe';
import { facilitiesInTerritorySql, toFacilityRecord, type FacilityRecord } from '../facilities/sql';
import type { DiagnosticTarget } from './target';
import { sqlOptions } from './target';

export interface ResourceItem {
	finess: string;
	name: string;
	commune: string;
	address: string;
	phone: string;
	/** 'type déduit du nom' when the kind comes from the name, else null */
	note: string | null;
}

export interface ResourceGroup {
	kind: FacilityKind;
	family: FacilityFamily;
	familyLabel: string;
	label: string;
	items: ResourceItem[];
}

export interface ResourcesAnnex {
	total: number;
	groups: ResourceGroup[];
	/** kinds with no site in the territory (listed, so an absence reads as an absence) */
	absent: string[];
	source: string;
}

/** Groups rows by kind in FACILITY_KINDS order; rows keep their order (commune, name) inside a kind. */
export function buildResourcesAnnex(rows: readonly FacilityRecord[], source: string): ResourcesAnnex {
	const by = new Map<FacilityKind, ResourceItem[]>();
	for (const r of rows) {
		const list = by.get(r.kind) ?? [];
		list.push({
			finess: r.finess,
			name: r.name,
			commune: r.commune_name ?? r.city ?? '',
			address: [r.address, [r.postal_code, r.city].filter(Boolean).join(' ')].filter(Boolean).join(', '),
			phone: frenchPhone(r.phone) ?? '',
			note: basisNote(r)
		});
		by.set(r.kind, list);
	}
	const groups: ResourceGroup[] = [];
	const absent: string[] = [];
	for (const k of FACILITY_KINDS) {
		const items = by.get(k);
		if (!items?.length) {
			absent.push(KIND_LABELS_FR[k]);
			continue;
		}
		const family = KIND_FAMILY[k];
		groups.push({ kind: k, family, familyLabel: FAMILY_LABELS_FR[family], label: KIND_LABELS_FR[k], items });
	}
	return { total: rows.length, groups, absent, source };
}

/** The annex of a diagnostic target (sectors: the chosen sector type only). */
export async function loadResourcesAnnex(db: DatabaseLike, t: DiagnosticTarget, source: string): Promise<ResourcesAnnex> {
	const o = sqlOptions(t);
	const { sql, params } = facilitiesInTerritorySql({ level: t.level, code: t.code, setId: o.setId, kinds: o.kinds });
	const rows = await query<Record<string, unknown>>(db, sql, params);
	return buildResourcesAnnex(rows.map(toFacilityRecord), source);
}
