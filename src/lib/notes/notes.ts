/**
 * Shared findings of a diagnostic: per territory (formatted as in the diagnostic link,
 * diagnostic/target.ts) and per PTSM priority, three plain texts. Pure, no DOM; every text is
 * rendered as text (never HTML).
 */
import { formatTarget, parseTarget, type DiagnosticTarget } from '../diagnostic/target';

export const NOTE_KINDS = ['constats', 'ressources', 'pistes'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];
export const NOTE_KIND_LABELS: Record<NoteKind, string> = {
	constats: 'Constats',
	ressources: 'Ressources à mobiliser',
	pistes: 'Pistes d’action'
};
export const MAX_NOTE_TEXT = 20_000;
const MAX_NAME = 300;

export interface Note {
	/** `<target>|<priority>`: one note per territory and priority. */
	id: string;
	target: string; // formatTarget()
	priority: number; // 1–6
	territoryName: string; // as shown when written, for the workspace preview
	constats: string;
	ressources: string;
	pistes: string;
	updatedAt: string; // ISO 8601
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

export const noteId = (target: DiagnosticTarget | string, priority: number) => `${typeof target === 'string' ? target : formatTarget(target)}|${priority}`;

// Controls other than tab and line breaks, and bidi overrides, which can disguise a text.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Line breaks normalised to \n. */
export const normaliseText = (s: string) => s.replace(/\r\n?/g, '\n');

export const isEmptyNote = (n: Pick<Note, NoteKind>) => NOTE_KINDS.every((k) => !n[k].trim());

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A stored or imported note → a clean copy, or a French reason. */
export function checkNote(v: unknown): Checked<Note> {
	const label = isObj(v) && typeof v.territoryName === 'string' ? ` (${v.territoryName.slice(0, 80)})` : '';
	const fail = (why: string): Checked<Note> => ({ ok: false, error: `Note${label} invalide : ${why}.` });
	if (!isObj(v)) return fail('ce n’est pas un objet');
	if (typeof v.target !== 'string' || !parseTarget(v.target)) return fail('territoire illisible');
	const t = parseTarget(v.target)!;
	if (typeof v.priority !== 'number' || !Number.isInteger(v.priority) || v.priority < 1 || v.priority > 6) return fail('priorité PTSM hors de 1 à 6');
	if (typeof v.territoryName !== 'string' || v.territoryName.length > MAX_NAME || CONTROL.test(v.territoryName)) return fail('nom du territoire invalide');
	const texts = {} as Record<NoteKind, string>;
	for (const k of NOTE_KINDS) {
		const s = v[k] ?? '';
		if (typeof s !== 'string') return fail(`« ${NOTE_KIND_LABELS[k]} » n’est pas un texte`);
		if (s.length > MAX_NOTE_TEXT) return fail(`« ${NOTE_KIND_LABELS[k]} » trop long (${MAX_NOTE_TEXT} caractères au plus)`);
		if (CONTROL.test(s)) return fail(`« ${NOTE_KIND_LABELS[k]} » contient un caractère de contrôle`);
		texts[k] = normaliseText(s);
	}
	if (typeof v.updatedAt !== 'string' || v.updatedAt.length > 40 || Number.isNaN(Date.parse(v.updatedAt))) return fail('date invalide');
	const target = formatTarget(t);
	return { ok: true, value: { id: noteId(target, v.priority), target, priority: v.priority, territoryName: v.territoryName, ...texts, updatedAt: v.updatedAt } };
}
