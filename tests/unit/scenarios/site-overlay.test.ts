import { describe, expect, it } from 'vitest';
import { shapeKey, siteFeatures, splitSites } from '../../../src/lib/scenarios/access/overlay';
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
	it('splits the points into an unchanging shape and feature-states: a close or a capacity edit keeps the shape', () => {
		const key = (f: typeof fc) => shapeKey(splitSites(f).shape);
		const again = siteFeatures({ shown: shown.map((s) => ({ ...s })), baseline: baseline.map((s) => ({ ...s })), kind: 'gp', selectedId: 'c', scenario: true });
		expect(key(again)).toBe(key(fc));
		const { shape, states } = splitSites(fc);
		expect(Object.keys(shape.features[0]!.properties!).sort()).toEqual(['gp', 'id', 'name']);
		expect(Object.fromEntries(states)).toEqual({ a: { state: 'base', sel: false }, c: { state: 'changed', sel: true }, n: { state: 'added', sel: false }, b: { state: 'closed', sel: false } });
		const selected = siteFeatures({ shown, baseline, kind: 'gp', selectedId: 'a', scenario: true });
		const capacity = siteFeatures({ shown: [site('a', 'gp'), site('c', 'gp', 6), { ...site('n', 'gp'), added: true }], baseline, kind: 'gp', selectedId: 'c', scenario: true });
		const closed = siteFeatures({ shown: shown.filter((s) => s.id !== 'a'), baseline, kind: 'gp', selectedId: 'c', scenario: true });
		for (const f of [selected, capacity, closed]) expect(key(f)).toBe(key(fc));
		expect(splitSites(closed).states.get('a')).toEqual({ state: 'closed', sel: false });
		expect(splitSites(selected).states.get('a')!.sel).toBe(true);
		// A new or moved site changes the shape (its point must be drawn).
		const moved = siteFeatures({ shown: [site('a', 'gp'), site('c', 'gp', 5), { ...site('n', 'gp'), lon: 3, added: true }], baseline, kind: 'gp', selectedId: 'c', scenario: true });
		const added = siteFeatures({ shown: [...shown, { ...site('m', 'gp'), added: true }], baseline, kind: 'gp', selectedId: 'c', scenario: true });
		expect(key(moved)).not.toBe(key(fc));
		expect(key(added)).not.toBe(key(fc));
	});
});
