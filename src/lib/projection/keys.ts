/**
 * Keys of the projection stage. Presentation clickers send PageDown / PageUp (some send the
 * arrows or Space). Keys typed into a form field are left alone, and Space / Enter on a button
 * stay the button's own (no double step).
 */
export type KeyAction = 'next' | 'previous' | 'fullscreen' | 'escape';

export interface KeyInput {
	key: string;
	ctrlKey?: boolean;
	altKey?: boolean;
	metaKey?: boolean;
	/** tag name of the event target, upper case ('BUTTON', 'INPUT'…) */
	targetTag?: string;
}

const FIELDS = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

export function keyAction(e: KeyInput): KeyAction | null {
	if (e.ctrlKey || e.altKey || e.metaKey) return null;
	const tag = e.targetTag ?? '';
	if (FIELDS.has(tag) && e.key !== 'Escape') return null;
	switch (e.key) {
		case 'ArrowRight':
		case 'PageDown':
			return 'next';
		case ' ':
			return tag === 'BUTTON' ? null : 'next';
		case 'ArrowLeft':
		case 'PageUp':
			return 'previous';
		case 'f':
		case 'F':
			return 'fullscreen';
		case 'Escape':
			return 'escape';
		default:
			return null;
	}
}
