/** Keys of the projection stage: what presentation clickers send, and keys left to form fields and buttons. */
import { describe, expect, it } from 'vitest';
import { keyAction } from '../../../src/lib/projection/keys';

describe('projection keys', () => {
	it('steps with the arrows, PageDown / PageUp and Space', () => {
		expect(keyAction({ key: 'PageDown' })).toBe('next');
		expect(keyAction({ key: 'ArrowRight', targetTag: 'BODY' })).toBe('next');
		expect(keyAction({ key: ' ', targetTag: 'H1' })).toBe('next');
		expect(keyAction({ key: 'PageUp' })).toBe('previous');
		expect(keyAction({ key: 'ArrowLeft' })).toBe('previous');
	});

	it('F for full screen, Escape to leave', () => {
		expect(keyAction({ key: 'f' })).toBe('fullscreen');
		expect(keyAction({ key: 'F' })).toBe('fullscreen');
		expect(keyAction({ key: 'Escape', targetTag: 'SELECT' })).toBe('escape');
	});

	it('leaves Space on a button to the button, typing to fields, and shortcuts with modifiers alone', () => {
		expect(keyAction({ key: ' ', targetTag: 'BUTTON' })).toBeNull();
		expect(keyAction({ key: 'ArrowRight', targetTag: 'BUTTON' })).toBe('next');
		expect(keyAction({ key: 'f', targetTag: 'INPUT' })).toBeNull();
		expect(keyAction({ key: 'ArrowLeft', targetTag: 'SELECT' })).toBeNull();
		expect(keyAction({ key: 'f', ctrlKey: true })).toBeNull();
		expect(keyAction({ key: 'ArrowRight', altKey: true })).toBeNull();
		expect(keyAction({ key: 'a' })).toBeNull();
	});
});
