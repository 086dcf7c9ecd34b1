/**
 * The main map's levels and "Maille" choices: Auto (département, communes when zoomed in), the
 * administrative levels, and each imported sector set (per type G / I) and the custom
 * territories. Each choice says why it is unavailable for an indicator instead of hiding it.
 */
import { defaultKinds, levelsOf } from '../indicators/sql';
import { classIndex, NA_COLOR } from '../indicators/classify';
import type { IndicatorDef } from '../indicators/types';
import type { MapLevel, SectorType, TerritoryKind } from '../territories/level';
import { ownSectorSet, ownSetReason } from '../indicators/own-scope';

// Levels the map can colour: MapLevel of territories/level.ts (re-exported for the map page).
export type { MapLevel };

/** Zoom from which Auto shows communes (and the commune geometry is drawn). */
export const COMMUNE_MINZOOM = 7;

/** A territory picked on a map or in a list. */
export interface MapTerritory {
	level: MapLevel;
	code: string;
	name: string;
	/** territory set of sector / custom levels */
	setId?: string;
	/** true when selected from a list: the map then fits the territory */
	fly?: boolean;
}

/** Geometry drawn for a level: its own polygons, or communes coloured by their territory. */
export type GeoSource = 'reg' | 'dep' | 'com';
export const GEOMETRY: Record<MapLevel, GeoSource> = {
	region: 'reg',
	departement: 'dep',
	epci: 'com',
	commune: 'com',
	sector: 'com',
	custom: 'com'
};
/** Fill of communes outside every territory of a composite level (no value expected there). */
export const OUTSIDE_COLOR = '#f7f8fa';

/**
 * What the map writes into one polygon's feature-state: its value (`v`, null when missing), whether
 * it lies outside every territory of a composite level (`out`), and its fill colour (`c`: the
 * class of classify.ts's `breaks`, NA_COLOR without a value, OUTSIDE_COLOR outside).
 */
export interface PolygonState {
	v: number | null;
	out: boolean;
	c: string;
}

export function polygonState(value: number | null | undefined, out: boolean, breaks: number[], colors: string[]): PolygonState {
	if (out) return { v: null, out, c: OUTSIDE_COLOR };
	const i = classIndex(value, breaks);
	if (i === null) return { v: null, out, c: NA_COLOR };
	return { v: value!, out, c: colors[i] ?? colors[colors.length - 1] ?? NA_COLOR };
}

/**
 * The polygons whose state differs from `applied` (what the map holds), which is updated: the
 * map is sent these only, since MapLibre re-uploads the paint data of every feature it is given.
 */
export function stateChanges(
	codes: readonly string[],
	stateOf: (code: string) => PolygonState,
	applied: Map<string, PolygonState>
): [string, PolygonState][] {
	const out: [string, PolygonState][] = [];
	for (const code of codes) {
		const next = stateOf(code);
		const prev = applied.get(code);
		if (prev && prev.v === next.v && prev.out === next.out && prev.c === next.c) continue;
		applied.set(code, next);
		out.push([code, next]);
	}
	return out;
}

/** Levels made of communes without their own polygons: coloured per commune, outlined by mesh. */
export const isComposite = (l: MapLevel) => l === 'epci' || l === 'sector' || l === 'custom';

export const LEVEL_NAME: Record<MapLevel, string> = {
	region: 'Région',
	departement: 'Département',
	epci: 'EPCI',
	commune: 'Commune',
	sector: 'Secteur',
	custom: 'Territoire personnalisé'
};
/** "par …" phrase for titles and the legend. */
export const LEVEL_BY: Record<MapLevel, string> = {
	region: 'par région',
	departement: 'par département',
	epci: 'par EPCI',
	commune: 'par commune',
	sector: 'par secteur',
	custom: 'par territoire personnalisé'
};

/** Structural subset of territories.sets (active.svelte.ts). */
export interface SetChoice {
	id: string;
	key: string;
	name: string;
	kind: 'sector' | 'custom' | 'approx';
	type: SectorType | null;
	level: 'sector' | 'custom';
	computed: boolean;
}

export interface MailleOption {
	/** URL value (?maille=) */
	key: string;
	label: string;
	/** null for Auto */
	level: MapLevel | null;
	setId?: string;
	kinds?: TerritoryKind[];
	/** French reason when the current indicator cannot be shown at this level */
	disabled: string | null;
}

export const AUTO = 'auto';
const ADMIN: MapLevel[] = ['region', 'departement', 'epci', 'commune'];
const TYPE_NAME: Record<TerritoryKind, string> = { G: 'psychiatrie générale', I: 'psychiatrie infanto-juvénile', custom: 'territoire' };

export function mailleOptions(def: IndicatorDef, sets: readonly SetChoice[]): MailleOption[] {
	const levels = levelsOf(def);
	const unavailable = (l: MapLevel) => (levels.includes(l) ? null : `indicateur non calculé ${LEVEL_BY[l]}`);
	const out: MailleOption[] = [{ key: AUTO, label: 'Auto (selon le zoom)', level: null, disabled: null }];
	for (const l of ADMIN) out.push({ key: l, label: LEVEL_NAME[l], level: l, disabled: unavailable(l) });
	for (const s of sets) {
		if (s.kind === 'approx' && !s.computed) continue; // computed on the Territoires page only
		if (s.level === 'custom') {
			out.push({ key: 'custom', label: s.name, level: 'custom', setId: s.id, kinds: ['custom'], disabled: unavailable('custom') });
			continue;
		}
		const type = s.type ?? 'G';
		const wanted = defaultKinds(def, 'sector');
		const label = `${s.kind === 'approx' ? '' : 'Secteurs '}${s.name} (${type})`;
		const own = ownSectorSet(def);
		const disabled =
			unavailable('sector') ??
			(own !== null && own !== s.id ? ownSetReason(sets.find((x) => x.id === own)?.name ?? null) : null) ??
			(wanted && !wanted.includes(type) ? `indicateur de ${TYPE_NAME[wanted[0] ?? 'G']}, secteurs ${type} non pertinents` : null);
		out.push({ key: `sector:${s.key}`, label, level: 'sector', setId: s.id, kinds: [type], disabled });
	}
	return out;
}

/** The option to show for a requested key: Auto when unknown or unavailable. */
export function resolveMaille(options: MailleOption[], key: string): MailleOption {
	const o = options.find((x) => x.key === key);
	return o && !o.disabled ? o : options[0]!;
}

/**
 * Hospital capacity (SAE measures) serves a population, not the commune it stands in: per commune,
 * 34 000 communes without a site read 0 and a few hospital towns read thousands. So Auto keeps
 * these indicators by département when zoomed in (the establishments stay drawn as points), and
 * says so; other indicators go down to communes.
 */
export const isCapacity = (def: IndicatorDef) => def.measure?.table === 'sae_psy';

export const CAPACITY_AUTO_NOTE =
	'Zoom communal : les capacités hospitalières restent affichées par département (par commune, une commune sans établissement aurait 0) ; les établissements sont les points. Maille « Commune » pour forcer la vue par commune.';

export function autoLevel(def: IndicatorDef, zoom: number, minZoom: number): { level: MapLevel; note: string | null } {
	if (zoom < minZoom || !def.levels.includes('commune')) return { level: 'departement', note: null };
	if (isCapacity(def)) return { level: 'departement', note: CAPACITY_AUTO_NOTE };
	return { level: 'commune', note: null };
}
