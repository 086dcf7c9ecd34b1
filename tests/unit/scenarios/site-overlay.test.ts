import { describe, expect, it } from 'vitest';
import { siteFeatures } from '../../../src/lib/scenarios/access/overlay';
import type { Site } from '../../../src/lib/scenarios/model';

const site = (id: string, kind: Site['kind'], capacity = 1): Site => ({ id, kind, lon: 2, lat: 46, capacity, label: id });

describe('scenario site points', () => {
	const baseline = [site('a', 'gp'), site('b', 'gp'), site('c', 'gp', 2)];
	const shown = [site('a', 'gp'), { ...site('c', 'gp', 5) }, { ...site('n', 'gp'), added: true }];
	const fc = siteFeatures({ shown, baseline, kind: 'gp', selectedId: 'c', scenario: true });
	const byId = new Map(fc.features.map((f) => [f.properties!.id, f.properties!]));
	it('marks added, changed, unchanged and closed sites', () => {
		expect(Object.fromEntries([...byId].map(([id, p]) => [id, p.state]))).toEqual({ a: 'base', c: 'changed', n: 'added', b: 'closed' });
		expect(byId.get('c')!.sel).toBe(true);
	});
	it('gives every point the boolean properties its paint expressions read (no null in a case)', () => {
		for (const p of byId.values()) {
			expect(typeof p.small, p.id).toBe('boolean');
			expect(typeof p.sel, p.id).toBe('boolean');
		}
		expect(byId.get('a')!.small).toBe(true); // an unchanged GP practice is drawn small
		expect(byId.get('b')!.small).toBe(false);
	});
});
