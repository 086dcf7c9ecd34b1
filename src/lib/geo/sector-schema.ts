/**
 * One schema for a sector's code and name, used at import (preview) and when a set is saved or
 * read back from browser storage: a value the preview accepts is a value the store accepts, and
 * a refusal carries the same French wording at both steps.
 */
import { neutraliseText, UNSAFE_TEXT_CHARS } from '../import/text';

/** Longest sector code kept (codes are like 69G01; 40 leaves room for local schemes). */
export const MAX_SECTOR_CODE = 40;
/** Longest sector name kept. */
export const MAX_SECTOR_NAME = 200;

/** Letters, digits and a few separators; no spaces (normalised away), no markup, no controls. */
const CODE_CHARS = /^[\p{L}\p{N}._\-/]+$/u;

// Controls, bidi overrides and separators: one definition for every import (import/text.ts).
const UNSAFE_NAME_CHARS = UNSAFE_TEXT_CHARS;

/** Why a (normalised) sector code cannot be stored, in French; null when it can. */
export function sectorCodeProblem(code: unknown): string | null {
	if (typeof code !== 'string' || code.trim() === '') return 'code secteur absent';
	if (code.length > MAX_SECTOR_CODE) {
		return `code secteur trop long (${code.length.toLocaleString('fr-FR')} caractères, ${MAX_SECTOR_CODE} au plus)`;
	}
	if (!CODE_CHARS.test(code)) {
		return 'code secteur avec des caractères non admis (lettres, chiffres, « . », « - », « _ » et « / » seulement)';
	}
	return null;
}

/** Why a sector name cannot be stored, in French; null when it can (null/absent names are allowed). */
export function sectorNameProblem(name: unknown): string | null {
	if (name === null || name === undefined) return null;
	if (typeof name !== 'string') return 'nom de secteur invalide';
	if (name.length > MAX_SECTOR_NAME) {
		return `nom de secteur trop long (${name.length.toLocaleString('fr-FR')} caractères, ${MAX_SECTOR_NAME} au plus)`;
	}
	UNSAFE_NAME_CHARS.lastIndex = 0;
	if (UNSAFE_NAME_CHARS.test(name)) return 'nom de secteur avec des caractères de contrôle ou de direction du texte';
	return null;
}

/**
 * The name as it will be stored: unsafe characters removed (a control in the middle of a name
 * becomes a space), spaces collapsed. `changed` says whether anything was removed.
 */
export const neutraliseSectorName = neutraliseText;
