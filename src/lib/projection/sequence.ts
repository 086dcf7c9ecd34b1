/**
 * A projection sequence (CLSM meeting): a département, an optional sector set and an ordered
 * list of views, each an indicator on a maille. It lives in the link
 * (`/projection?dep=23&vues=territoire,lits-adultes.dep&secteurs=<set id>:G`) so a presenter can
 * prepare it beforehand and open it offline. Pure: no DOM, unit-tested in Node.
 */

import { INDICATORS } from '../indicators/catalogue';
import { defaultKinds } from '../indicators/sql';

import type { ProjectionMaille, SectorType } from '../territories/level';

export interface ViewKind {
	/** URL id, e.g. 'lits-adultes' */
	id: string;
	/** catalogue indicator id (or the access view's, projection/defs.ts) */
	indicator: string;
	/** short French title, read from the back of the room */
	title: string;
	maille: ProjectionMaille;
	/** mailles the view can be shown at (default: départements, EPCI, sectors) */
	mailles?: readonly ProjectionMaille[];
}

export const VIEW_KINDS: readonly ViewKind[] = [
	{ id: 'territoire', indicator: 'population', title: 'Le territoire', maille: 'epci' },
	{ id: 'lits-adultes', indicator: 'beds_adult_per100k', title: 'Lits d’hospitalisation, adultes', maille: 'departement' },
	{ id: 'hdj-adultes', indicator: 'hdj_adult_per100k', title: 'Hôpital de jour, adultes', maille: 'departement' },
	{ id: 'lits-enfants', indicator: 'beds_child_per100k', title: 'Lits d’hospitalisation, enfants', maille: 'departement' },
	{ id: 'hdj-enfants', indicator: 'hdj_child_per100k', title: 'Hôpital de jour, enfants', maille: 'departement' },
	{ id: 'cmp-adultes', indicator: 'cmp_adult_per100k', title: 'CMP, adultes', maille: 'departement' },
	{ id: 'cmp-enfants', indicator: 'cmp_child_per100k', title: 'CMP, enfants', maille: 'departement' },
	{ id: 'acces-hdj', indicator: 'access_hdj_minutes', title: 'Accès à l’hôpital de jour, adultes', maille: 'commune', mailles: ['commune'] },
	{ id: 'medecins', indicator: 'gp_practices_per10k', title: 'Médecine générale (indicateur approché)', maille: 'epci' },
	// FINESS sites (each site counts as one; no capacity)
	{ id: 'cmp-sites', indicator: 'finess_cmp_per100k', title: 'Sites de CMP (FINESS)', maille: 'epci' },
	{ id: 'cattp-sites', indicator: 'finess_cattp_per100k', title: 'Sites de CATTP (FINESS)', maille: 'epci' },
	{ id: 'samsah-sites', indicator: 'finess_samsah_per100k', title: 'SAMSAH (FINESS)', maille: 'departement' },
	{ id: 'savs-sites', indicator: 'finess_savs_per100k', title: 'SAVS (FINESS)', maille: 'departement' },
	{ id: 'esat-sites', indicator: 'finess_esat_per100k', title: 'ESAT (FINESS)', maille: 'departement' },
	// Closing view: the département's shared findings written on /diagnostic (no map, no indicator)
	{ id: 'constats', indicator: '', title: 'Constats partagés', maille: 'departement', mailles: ['departement'] }
];

/** The closing view of the shared findings (notes of the diagnostic), shown instead of a map. */
export const NOTES_VIEW = 'constats';

export const DEFAULT_KINDS = ['territoire', 'lits-adultes', 'lits-enfants', 'hdj-enfants', 'cmp-adultes', 'acces-hdj', 'medecins'] as const;

export interface ProjectionView {
	kind: string;
	maille: ProjectionMaille;
}

export interface SectorChoice {
	setId: string;
	type: SectorType;
}

export interface Sequence {
	dep: string | null;
	sectors: SectorChoice | null;
	views: ProjectionView[];
}

export interface ParsedSequence extends Sequence {
	/** French notices about the parts of the link that were not understood. */
	notices: string[];
}

export const MAX_VIEWS = 20;
const MAILLE_CODE: Record<ProjectionMaille, string> = { region: 'reg', departement: 'dep', epci: 'epci', sector: 'sect', commune: 'com' };
const UNIT_MAILLES: readonly ProjectionMaille[] = ['departement', 'epci', 'sector'];
const CODE_MAILLE = new Map(Object.entries(MAILLE_CODE).map(([m, c]) => [c, m as ProjectionMaille]));
// Metropolitan (01–95, 2A and 2B instead of 20) and DROM (971–976) département codes.
const DEP_CODE = /^(0[1-9]|1\d|2[1-9]|[3-8]\d|9[0-5]|2A|2B|97[1-6])$/;

/** Views of the imported indicators (own-indicators/active.svelte.ts keeps them current). */
let extraKinds: readonly ViewKind[] = [];
export function setExtraViewKinds(kinds: readonly ViewKind[]): void {
	extraKinds = kinds;
}
export const kindOf = (id: string): ViewKind | undefined => VIEW_KINDS.find((k) => k.id === id) ?? extraKinds.find((k) => k.id === id);
export const maillesOf = (k: ViewKind): readonly ProjectionMaille[] => k.mailles ?? UNIT_MAILLES;

/**
 * The map is fitted on the région for département views (neighbours for comparison), on
 * metropolitan France for région views (the régions side by side), else on the département.
 */
export const focusOf = (v: ProjectionView): 'france' | 'region' | 'departement' => (v.maille === 'region' ? 'france' : v.maille === 'departement' ? 'region' : 'departement');

/**
 * Whether a view can be shown on the chosen sectors: the view allows sectors and its indicator
 * is not for the other public (an adult measure on child sectors, or the reverse).
 */
export function sectorsFit(kind: ViewKind, sectors: SectorChoice): boolean {
	if (!maillesOf(kind).includes('sector')) return false;
	const def = INDICATORS.find((d) => d.id === kind.indicator);
	const kinds = def ? defaultKinds(def, 'sector') : null;
	return kinds === null || kinds.includes(sectors.type);
}

/** A view's maille when a sector set is chosen: every view whose data fit the sectors is shown on them. */
export function defaultView(kind: ViewKind, sectors: SectorChoice | null): ProjectionView {
	return { kind: kind.id, maille: sectors && sectorsFit(kind, sectors) ? 'sector' : kind.maille };
}

export function defaultViews(sectors: SectorChoice | null = null): ProjectionView[] {
	return DEFAULT_KINDS.map((id) => defaultView(kindOf(id)!, sectors));
}

export const isDepCode = (s: string) => DEP_CODE.test(s);

/** Shown in notices: a bounded, single-line excerpt of what the link held (rendered as text, never HTML). */
const excerpt = (s: string) => {
	const one = s.replace(/\s+/g, ' ');
	return one.length > 40 ? `${one.slice(0, 40)}…` : one;
};

function parseSectors(raw: string | null, notices: string[]): SectorChoice | null {
	if (raw === null || raw === '') return null;
	const i = raw.lastIndexOf(':');
	const setId = i > 0 ? raw.slice(0, i) : '';
	const type = raw.slice(i + 1);
	if (setId && setId.length <= 200 && (type === 'G' || type === 'I')) return { setId, type };
	notices.push(`Jeu de secteurs « ${excerpt(raw)} » illisible : les vues sont affichées par EPCI.`);
	return null;
}

function parseViews(raw: string | null, sectors: SectorChoice | null, notices: string[]): ProjectionView[] {
	if (raw === null || raw.trim() === '') return defaultViews(sectors);
	const views: ProjectionView[] = [];
	const unknown: string[] = [];
	const parts = raw.split(',').map((p) => p.trim()).filter(Boolean);
	for (const part of parts) {
		const [id = '', code, ...rest] = part.split('.');
		const kind = kindOf(id);
		if (!kind || rest.length) {
			unknown.push(part);
			continue;
		}
		let maille = code === undefined ? defaultView(kind, sectors).maille : CODE_MAILLE.get(code);
		if (!maille || !maillesOf(kind).includes(maille)) {
			unknown.push(part);
			continue;
		}
		if (maille === 'sector' && !sectors) {
			notices.push(`Vue « ${kind.title} » par secteur sans jeu de secteurs dans le lien : affichée par EPCI.`);
			maille = 'epci';
		}
		if (views.some((v) => v.kind === kind.id && v.maille === maille)) continue;
		views.push({ kind: kind.id, maille });
	}
	if (unknown.length) {
		const list = unknown.slice(0, 3).map((u) => `« ${excerpt(u)} »`).join(', ');
		notices.push(`Vue${unknown.length > 1 ? 's' : ''} non reconnue${unknown.length > 1 ? 's' : ''} dans le lien, ignorée${unknown.length > 1 ? 's' : ''} : ${list}${unknown.length > 3 ? '…' : ''}.`);
	}
	if (views.length > MAX_VIEWS) {
		notices.push(`Le lien contient ${views.length} vues : seules les ${MAX_VIEWS} premières sont gardées.`);
		views.length = MAX_VIEWS;
	}
	if (!views.length) {
		notices.push('Aucune vue utilisable dans le lien : séquence par défaut.');
		return defaultViews(sectors);
	}
	return views;
}

/** Reads `?dep=&vues=&secteurs=`; never throws: what cannot be read is replaced and explained. */
export function parseSequence(params: URLSearchParams): ParsedSequence {
	const notices: string[] = [];
	const rawDep = params.get('dep');
	let dep: string | null = null;
	if (rawDep !== null && rawDep !== '') {
		const d = rawDep.trim().toUpperCase();
		if (isDepCode(d)) dep = d;
		else notices.push(`Département « ${excerpt(rawDep)} » non reconnu : choisissez-le ci-dessous.`);
	}
	const sectors = parseSectors(params.get('secteurs'), notices);
	const views = parseViews(params.get('vues'), sectors, notices);
	return { dep, sectors, views, notices };
}

/** The link's query string (without '?'); the default maille of a view is left implicit. */
export function formatSequence(s: Sequence): string {
	const q = new URLSearchParams();
	if (s.dep) q.set('dep', s.dep);
	if (s.sectors) q.set('secteurs', `${s.sectors.setId}:${s.sectors.type}`);
	const vues = s.views.map((v) => {
		const kind = kindOf(v.kind);
		return kind && defaultView(kind, s.sectors).maille === v.maille ? v.kind : `${v.kind}.${MAILLE_CODE[v.maille]}`;
	});
	q.set('vues', vues.join(','));
	return q.toString();
}

/** Moves view `i` by `delta` places (a no-op at the ends). */
export function moveView(views: readonly ProjectionView[], i: number, delta: -1 | 1): ProjectionView[] {
	const j = i + delta;
	if (i < 0 || i >= views.length || j < 0 || j >= views.length) return [...views];
	const out = [...views];
	[out[i], out[j]] = [out[j]!, out[i]!];
	return out;
}

/** Index after a step, clamped to the sequence. */
export const step = (index: number, delta: number, length: number) => Math.max(0, Math.min(length - 1, index + delta));
