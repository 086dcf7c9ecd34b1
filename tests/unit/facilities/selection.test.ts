import { describe, expect, it } from 'vitest';
import { DEFAULT_KINDS, parseKinds, parseLocal, serializeSelection } from '../../../src/lib/facilities/selection';

describe('facility selection in the link, with the local resources', () => {
	it('shows local resources unless the link says sans-local (links written before them keep showing them)', () => {
		expect(parseLocal(null)).toBe(true);
		expect(parseLocal('ambulatory')).toBe(true);
		expect(parseLocal('medsoc')).toBe(true);
		expect(parseLocal('cmp,sans-local')).toBe(false);
		expect(parseLocal('aucun')).toBe(true);
		// The token is not a FINESS kind.
		expect([...parseKinds('aucun,sans-local')]).toEqual([]);
		expect([...parseKinds('cmp,sans-local')]).toEqual(['cmp']);
	});

	it('writes the parameter only when something differs from the default, and reads it back', () => {
		const def = new Set(DEFAULT_KINDS);
		expect(serializeSelection(def, true)).toBeNull();
		expect(serializeSelection(def, false)).toBe('ambulatory,sans-local');
		expect(serializeSelection(new Set(), true)).toBe('aucun');
		expect(serializeSelection(new Set(), false)).toBe('aucun,sans-local');
		expect(serializeSelection(new Set(['cmp', 'esat']), true)).toBe('cmp,esat');
		for (const [kinds, local] of [
			[def, false],
			[new Set<never>(), true],
			[new Set(['cmp', 'esat'] as const), true],
			[new Set(['cmp'] as const), false]
		] as const) {
			const p = serializeSelection(kinds, local);
			expect(parseLocal(p)).toBe(local);
			expect(parseKinds(p)).toEqual(kinds);
		}
	});
});
