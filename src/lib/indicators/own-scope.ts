/**
 * Where an imported indicator keyed by the sectors of one imported set has values: that set only
 * (its codes mean nothing in another set, and no other level is computed from them). Pages use
 * these to say so — a notice, a disabled choice, a reason — instead of drawing an empty map.
 */
import type { TerritoryLevel } from '../territories/level';
import type { IndicatorDef } from './types';

/** The sector set whose codes `def` is keyed by; null when it is not keyed by sectors. */
export function ownSectorSet(def: Pick<IndicatorDef, 'measure'>): string | null {
	const m = def.measure;
	return m?.table === 'own_values' && m.source === 'sector' ? (m.setId ?? null) : null;
}

/** True when `def` is keyed by one set's sectors and (level, set) is not that set. */
export function outsideOwnSet(def: Pick<IndicatorDef, 'measure'>, level: TerritoryLevel, setId: string | null | undefined): boolean {
	const s = ownSectorSet(def);
	return s !== null && (level !== 'sector' || setId !== s);
}

/** Short reason (after « : »), for a disabled choice or a cell. */
export function ownSetReason(setName: string | null): string {
	return setName ? `valeurs importées pour les secteurs du jeu « ${setName} » seulement` : 'valeurs importées pour les secteurs d’un jeu qui n’est plus dans ce navigateur';
}

/** The sentence a page shows when another level or set is chosen (`setName` undefined: not known there). */
export function ownSetNotice(def: Pick<IndicatorDef, 'label'>, setName: string | null | undefined): string {
	if (setName === undefined)
		return `« ${def.label} » a des valeurs pour les secteurs d’un seul jeu de secteurs (celui des codes du fichier importé) : choisissez ce jeu de secteurs pour les voir. Aucune valeur n’est calculée pour un autre niveau ni un autre jeu.`;
	return setName
		? `« ${def.label} » a des valeurs pour les secteurs du jeu « ${setName} » seulement (codes du fichier importé) : choisissez ce jeu de secteurs pour les voir. Aucune valeur n’est calculée pour un autre niveau ni un autre jeu.`
		: `« ${def.label} » a des valeurs pour les secteurs d’un jeu de secteurs qui n’est plus dans ce navigateur : importez à nouveau ce jeu (ou l’espace de travail qui le contient) pour les voir.`;
}
