/** French wording of one facility's fields (shared by the map card, the lists and the diagnostic). */
import { KIND_LABELS_FR, KIND_SHORT_FR, PUBLIC_LABELS_FR } from './kinds';
import type { FacilityRecord } from './sql';

const dateFmt = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** '2020-02-04' → '4 février 2020'; null or unreadable → null. */
export function frenchDate(iso: string | null): string | null {
	if (!iso) return null;
	const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
	return Number.isNaN(d.getTime()) ? null : dateFmt.format(d);
}

/** '0474454647' → '04 74 45 46 47' (ten French digits), otherwise unchanged. */
export function frenchPhone(p: string | null): string | null {
	if (!p) return null;
	const digits = p.replace(/\D/g, '');
	return digits.length === 10 ? digits.replace(/(\d{2})(?=\d)/g, '$1 ') : p;
}

export const kindLabel = (f: Pick<FacilityRecord, 'kind'>) => KIND_LABELS_FR[f.kind] ?? f.kind;
export const kindShort = (f: Pick<FacilityRecord, 'kind'>) => KIND_SHORT_FR[f.kind] ?? f.kind;

/** Public served: 'adultes', 'enfants et adolescents' or 'non précisé'. */
export const publicLabel = (f: Pick<FacilityRecord, 'public'>) => (f.public ? PUBLIC_LABELS_FR[f.public] : PUBLIC_LABELS_FR.null);

/** Note on how the kind was decided, or null when FINESS's category says it. */
export const basisNote = (f: Pick<FacilityRecord, 'kind_basis'>) => (f.kind_basis === 'nom' ? 'type déduit du nom' : null);

/** One-line address: street, postal code and city. */
export function fullAddress(f: Pick<FacilityRecord, 'address' | 'postal_code' | 'city'>): string | null {
	const place = [f.postal_code, f.city].filter(Boolean).join(' ');
	const s = [f.address, place].filter(Boolean).join(', ');
	return s || null;
}
