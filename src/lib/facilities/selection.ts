/**
 * Which facility kinds the map shows, and its encoding in the address (`?etab=cmp,cattp`).
 * Default: ambulatory psychiatry only, so the national map stays readable.
 */
import { FACILITY_FAMILIES, FACILITY_KINDS, KIND_FAMILY, type FacilityFamily, type FacilityKind } from './kinds';

export const ETAB_PARAM = 'etab';
/** Written when no kind is shown (an empty parameter would read as "default"). */
export const NONE = 'aucun';

export const DEFAULT_KINDS: readonly FacilityKind[] = FACILITY_KINDS.filter((k) => KIND_FAMILY[k] === 'ambulatory');

export const kindsOfFamily = (f: FacilityFamily): FacilityKind[] => FACILITY_KINDS.filter((k) => KIND_FAMILY[k] === f);

const isKind = (s: string): s is FacilityKind => (FACILITY_KINDS as readonly string[]).includes(s);

/** Kinds from the parameter (unknown names ignored); a family name stands for its kinds. */
export function parseKinds(param: string | null): Set<FacilityKind> {
	if (param === null) return new Set(DEFAULT_KINDS);
	const out = new Set<FacilityKind>();
	for (const raw of param.split(',')) {
		const s = raw.trim().toLowerCase();
		if (isKind(s)) out.add(s);
		else if ((FACILITY_FAMILIES as readonly string[]).includes(s)) for (const k of kindsOfFamily(s as FacilityFamily)) out.add(k);
	}
	return out;
}

/** Parameter value, or null when the selection is the default (parameter removed). */
export function serializeKinds(kinds: ReadonlySet<FacilityKind>): string | null {
	const list = FACILITY_KINDS.filter((k) => kinds.has(k));
	if (list.length === DEFAULT_KINDS.length && DEFAULT_KINDS.every((k) => kinds.has(k))) return null;
	if (!list.length) return NONE;
	// Whole families are written by their name: shorter links.
	const parts: string[] = [];
	for (const f of FACILITY_FAMILIES) {
		const ks = kindsOfFamily(f);
		if (ks.every((k) => kinds.has(k))) parts.push(f);
		else parts.push(...ks.filter((k) => kinds.has(k)));
	}
	return parts.join(',');
}

export type FamilyState = 'all' | 'some' | 'none';

/** How many of a group's kinds are ticked: all, some (a mixed checkbox) or none. Any kind type (the directory's too). */
export function groupState<K>(kinds: ReadonlySet<K>, group: readonly K[]): FamilyState {
	const n = group.filter((k) => kinds.has(k)).length;
	return n === 0 ? 'none' : n === group.length ? 'all' : 'some';
}

/** The selection with every kind of `group` ticked (`on`) or unticked. */
export function withKinds<K>(kinds: ReadonlySet<K>, group: readonly K[], on: boolean): Set<K> {
	const next = new Set(kinds);
	for (const k of group) (on ? next.add(k) : next.delete(k));
	return next;
}

export const familyState = (kinds: ReadonlySet<FacilityKind>, f: FacilityFamily): FamilyState => groupState(kinds, kindsOfFamily(f));

/** Family checkbox: on when all its kinds are shown turns it off, otherwise on. */
export const toggleFamily = (kinds: ReadonlySet<FacilityKind>, f: FacilityFamily): Set<FacilityKind> => withKinds(kinds, kindsOfFamily(f), familyState(kinds, f) !== 'all');

export const toggleKind = (kinds: ReadonlySet<FacilityKind>, k: FacilityKind, on: boolean): Set<FacilityKind> => withKinds(kinds, [k], on);

/** Token written when the local resources (« ressources ajoutées localement ») are hidden. */
export const LOCAL_OFF = 'sans-local';

/** Local resources shown? Yes unless the link says `sans-local`: they are the planner's own. */
export function parseLocal(param: string | null): boolean {
	if (param === null) return true;
	return !param.split(',').some((s) => s.trim().toLowerCase() === LOCAL_OFF);
}

/** The `etab` value for FINESS kinds plus the local-resources switch (null: all default). */
export function serializeSelection(kinds: ReadonlySet<FacilityKind>, local: boolean): string | null {
	const base = serializeKinds(kinds);
	if (local) return base;
	// Hidden local resources need the kinds written too, even the default ones.
	return `${base ?? 'ambulatory'},${LOCAL_OFF}`;
}
