/**
 * What-if scenarios on care sites: a named list of edits applied to the baseline sites.
 * Pure: `applyScenario` never mutates its inputs, so the baseline can be shared by every scenario
 * and recomputed results compare baseline and scenario on the same footing.
 */

/** Medico-social site types: only in FINESS, which gives no capacity (each site counts as one). */
export const MEDSOC_KINDS = ['samsah', 'savs', 'esat', 'mas', 'eam', 'eanm'] as const;
/** Site types of the accessibility page (the medico-social ones only when the FINESS table is loaded). */
export const SITE_KINDS = ['hdj', 'beds_adult', 'beds_child', 'cmp_adult', 'cmp_child', 'cmp', 'cattp', 'gp', ...MEDSOC_KINDS] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

export interface Site {
	/** Unique across kinds, e.g. 'hdj:sae:750000000' or 'add:k3j9' for added sites. */
	id: string;
	kind: SiteKind;
	lon: number;
	lat: number;
	/** Places, beds, CMP or practices; 0 when unknown (counted for distance, not for 2SFCA). */
	capacity: number;
	label: string;
	/** Département code when known (baseline sites); added sites get it from the page. */
	dep?: string;
	/** true for sites created by a scenario. */
	added?: boolean;
}

export type Edit =
	| { op: 'add'; id: string; kind: SiteKind; lon: number; lat: number; capacity: number; label: string }
	| { op: 'move'; id: string; lon: number; lat: number }
	| { op: 'close'; id: string }
	| { op: 'capacity'; id: string; capacity: number };

export interface Scenario {
	name: string;
	edits: Edit[];
}

export const emptyScenario = (name = 'Scénario 1'): Scenario => ({ name, edits: [] });

/**
 * Sites after the scenario's edits, in order. Edits on unknown ids are ignored (a saved scenario
 * may outlive a data refresh). Unchanged sites keep their object identity; changed ones are copies.
 */
export function applyScenario(baseline: readonly Site[], scenario: Scenario): Site[] {
	let sites = baseline.slice();
	for (const e of scenario.edits) {
		switch (e.op) {
			case 'add':
				if (sites.some((s) => s.id === e.id)) break;
				sites.push({ id: e.id, kind: e.kind, lon: e.lon, lat: e.lat, capacity: e.capacity, label: e.label, added: true });
				break;
			case 'close':
				sites = sites.filter((s) => s.id !== e.id);
				break;
			case 'move':
				// A moved site may change département: its `dep` is dropped and found again from its position.
				sites = sites.map((s) => (s.id === e.id ? { id: s.id, kind: s.kind, lon: e.lon, lat: e.lat, capacity: s.capacity, label: s.label, ...(s.added ? { added: true } : {}) } : s));
				break;
			case 'capacity':
				sites = sites.map((s) => (s.id === e.id ? { ...s, capacity: e.capacity } : s));
				break;
		}
	}
	return sites;
}

/** Short random id for an added site, unique within `taken`. */
export function newSiteId(taken: (id: string) => boolean, random: () => number = Math.random): string {
	for (;;) {
		const id = 'add:' + Math.floor(random() * 36 ** 6).toString(36).padStart(6, '0');
		if (!taken(id)) return id;
	}
}

/** Appends a move, or updates the last edit when it already moves the same site (keyboard nudges). */
export function withMove(edits: readonly Edit[], id: string, lon: number, lat: number): Edit[] {
	const last = edits.at(-1);
	const move: Edit = { op: 'move', id, lon, lat };
	return last?.op === 'move' && last.id === id ? [...edits.slice(0, -1), move] : [...edits, move];
}

/** Point `km` east (dx) and north (dy) of (lon, lat), on a local flat approximation. */
export function offsetKm(lon: number, lat: number, dxKm: number, dyKm: number): [number, number] {
	const kmPerDeg = 111.195; // great circle, mean Earth radius
	const nlat = Math.max(-85, Math.min(85, lat + dyKm / kmPerDeg));
	return [lon + dxKm / (kmPerDeg * Math.cos((lat * Math.PI) / 180)), nlat];
}

/** Removes edits made pointless by a later one (edits on a site added then closed). */
export function compactEdits(edits: readonly Edit[]): Edit[] {
	const closedAdded = new Set<string>();
	const added = new Set(edits.filter((e) => e.op === 'add').map((e) => e.id));
	for (const e of edits) if (e.op === 'close' && added.has(e.id)) closedAdded.add(e.id);
	return edits.filter((e) => !closedAdded.has(e.id));
}

export const KIND_LABELS: Record<SiteKind, string> = {
	hdj: 'Hôpital de jour (psychiatrie générale)',
	beds_adult: 'Lits d’hospitalisation complète adultes',
	beds_child: 'Lits d’hospitalisation complète enfants',
	cmp_adult: 'CMP adultes (SAE, au lieu de l’établissement)',
	cmp_child: 'CMP enfants et adolescents (SAE, au lieu de l’établissement)',
	cmp: 'CMP (sites repérés par leur nom, partiel)',
	cattp: 'CATTP (sites repérés par leur nom, partiel)',
	gp: 'Médecins généralistes (cabinets, approximation)',
	samsah: 'SAMSAH (FINESS, position exacte)',
	savs: 'SAVS (FINESS, position exacte)',
	esat: 'ESAT (FINESS, position exacte)',
	mas: 'MAS, maisons d’accueil spécialisées (FINESS, position exacte)',
	eam: 'EAM, ex-FAM (FINESS, position exacte)',
	eanm: 'EANM, ex-foyers de vie et d’hébergement (FINESS, position exacte)'
};

/** Labels when the FINESS table is loaded: CMP and CATTP then come from it. */
export function kindLabels(finess: boolean): Record<SiteKind, string> {
	return finess ? { ...KIND_LABELS, cmp: 'CMP (FINESS, adresse exacte)', cattp: 'CATTP (FINESS, adresse exacte)' } : KIND_LABELS;
}

/** Unit of a site's capacity, singular/plural. */
export const CAPACITY_UNIT: Record<SiteKind, [string, string]> = {
	hdj: ['place', 'places'],
	beds_adult: ['lit', 'lits'],
	beds_child: ['lit', 'lits'],
	cmp_adult: ['CMP', 'CMP'],
	cmp_child: ['CMP', 'CMP'],
	cmp: ['site', 'sites'],
	cattp: ['site', 'sites'],
	gp: ['cabinet', 'cabinets'],
	...(Object.fromEntries(MEDSOC_KINDS.map((k) => [k, ['site', 'sites']])) as Record<(typeof MEDSOC_KINDS)[number], [string, string]>)
};
