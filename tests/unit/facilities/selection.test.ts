import { describe, expect, it } from 'vitest';
import { DEFAULT_KINDS, parseKinds, parseLocal, serializeSelection } from '../../../src/lib/facilities/selection';

describe('facility selection in the link, with the local resources', () => {
	it('shows local resources by default, and only when named once the parameter is written', () => {
		expect(parseLocal(null)).toBe(true);
		expect(parseLocal('ambulatory')).toBe(false);
		expect(parseLocal('cmp,local')).toBe(true);
		expect(parseLocal('aucun')).toBe(false);
		// The token is not a FINESS kind.
		expect([...parseKinds('local')]).toEqual([]);
		expect([...parseKinds('cmp,local')]).toEqual(['cmp']);
	});

	it('writes the parameter only when something differs from the default, and reads it back', () => {
		const def = new Set(DEFAULT_KINDS);
		expect(serializeSelection(def, true)).toBeNull();
		expect(serializeSelection(def, false)).toBe('ambulatory');
		expect(serializeSelection(new Set(), true)).toBe('local');
		expect(serializeSelection(new Set(), false)).toBe('aucun');
		expect(serializeSelection(new Set(['cmp', 'esat']), true)).toBe('cmp,esat,local');
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
