import { describe, expect, it } from 'vitest';
import { applyScenario, compactEdits, newSiteId, type Scenario, type Site } from '../../../src/lib/scenarios/model';
import { decodeScenario, encodeScenario, scenarioFromHash } from '../../../src/lib/scenarios/url';
import { parseScenarioFile, toFile, MAX_EDITS } from '../../../src/lib/scenarios/validate';

const baseline: Site[] = [
	{ id: 'hdj:sae:1', kind: 'hdj', lon: 2.35, lat: 48.85, capacity: 20, label: 'A', dep: '75' },
	{ id: 'hdj:sae:2', kind: 'hdj', lon: 4.83, lat: 45.76, capacity: 15, label: 'B', dep: '69' },
	{ id: 'gp:01001', kind: 'gp', lon: 5.1, lat: 46.1, capacity: 3, label: 'C', dep: '01' }
];
const frozen = structuredClone(baseline);

describe('applyScenario', () => {
	it('add then close the same site gives back exactly the baseline', () => {
		const s: Scenario = {
			name: 'x',
			edits: [
				{ op: 'add', id: 'add:aaaaaa', kind: 'hdj', lon: 3, lat: 47, capacity: 10, label: 'Nouveau' },
				{ op: 'close', id: 'add:aaaaaa' }
			]
		};
		expect(applyScenario(baseline, s)).toStrictEqual(baseline);
		expect(baseline).toStrictEqual(frozen);
	});
	it('empty scenario is the baseline (a copy)', () => {
		const out = applyScenario(baseline, { name: 'x', edits: [] });
		expect(out).toStrictEqual(baseline);
		expect(out).not.toBe(baseline);
	});
	it('adds a site', () => {
		const out = applyScenario(baseline, { name: 'x', edits: [{ op: 'add', id: 'add:b', kind: 'cmp', lon: 1, lat: 2, capacity: 1, label: 'L' }] });
		expect(out).toHaveLength(4);
		expect(out[3]).toStrictEqual({ id: 'add:b', kind: 'cmp', lon: 1, lat: 2, capacity: 1, label: 'L', added: true });
	});
	it('closes, moves and resizes without touching the baseline', () => {
		const out = applyScenario(baseline, {
			name: 'x',
			edits: [
				{ op: 'close', id: 'hdj:sae:1' },
				{ op: 'move', id: 'hdj:sae:2', lon: 5, lat: 45 },
				{ op: 'capacity', id: 'gp:01001', capacity: 7 }
			]
		});
		expect(out.map((s) => s.id)).toEqual(['hdj:sae:2', 'gp:01001']);
		expect(out[0]).toMatchObject({ lon: 5, lat: 45, capacity: 15 });
		expect(out[1]!.capacity).toBe(7);
		expect(baseline).toStrictEqual(frozen);
	});
	it('ignores edits on unknown ids and duplicate adds', () => {
		const out = applyScenario(baseline, {
			name: 'x',
			edits: [
				{ op: 'close', id: 'nope' },
				{ op: 'capacity', id: 'nope', capacity: 3 },
				{ op: 'add', id: 'hdj:sae:1', kind: 'hdj', lon: 0, lat: 0, capacity: 1, label: 'dup' }
			]
		});
		expect(out).toStrictEqual(baseline);
	});
	it('edits apply in order (capacity on an added site)', () => {
		const out = applyScenario(baseline, {
			name: 'x',
			edits: [
				{ op: 'add', id: 'add:c', kind: 'hdj', lon: 1, lat: 2, capacity: 1, label: 'L' },
				{ op: 'capacity', id: 'add:c', capacity: 30 }
			]
		});
		expect(out[3]!.capacity).toBe(30);
	});
	it('compactEdits drops added-then-closed sites', () => {
		const e = compactEdits([
			{ op: 'add', id: 'add:d', kind: 'hdj', lon: 1, lat: 2, capacity: 1, label: 'L' },
			{ op: 'capacity', id: 'add:d', capacity: 4 },
			{ op: 'close', id: 'add:d' },
			{ op: 'close', id: 'hdj:sae:1' }
		]);
		expect(e).toEqual([{ op: 'close', id: 'hdj:sae:1' }]);
	});
	it('newSiteId avoids taken ids', () => {
		let k = 0;
		const rnd = () => [0, 0, 0.5][k++ % 3]!;
		const id = newSiteId((x) => x === 'add:000000', rnd);
		expect(id).not.toBe('add:000000');
		expect(id).toMatch(/^add:[0-9a-z]{6}$/);
	});
});

const sample: Scenario = {
	name: 'Nouveau CMP à Guéret — été',
	edits: [
		{ op: 'add', id: 'add:x1', kind: 'hdj', lon: 1.87123, lat: 46.17123, capacity: 12, label: 'HDJ « test » & <b>' },
		{ op: 'move', id: 'hdj:sae:2', lon: 4.8, lat: 45.7 },
		{ op: 'close', id: 'hdj:sae:1' },
		{ op: 'capacity', id: 'gp:01001', capacity: 0 }
	]
};

describe('URL encoding', () => {
	it('round-trips (accents, quotes, all edit kinds)', () => {
		const code = encodeScenario(sample);
		expect(code).toMatch(/^[A-Za-z0-9_-]+$/);
		const r = decodeScenario(code);
		expect(r).toEqual({ ok: true, value: sample });
		expect(scenarioFromHash(`#x=1&s=${code}`)).toBe(code);
		expect(scenarioFromHash('#foo')).toBeNull();
	});
	it('rejects garbage without throwing', () => {
		for (const bad of ['', '!!!', 'e30', encodeScenario({ name: '', edits: [] }), 'a'.repeat(300_000), '____'])
			expect(decodeScenario(bad).ok).toBe(false);
		const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
		expect(decodeScenario(b64({ v: 1, n: 'x', e: [['a', 'id', 'hdj', 999, 0, 1, 'l']] })).ok).toBe(false);
		expect(decodeScenario(b64({ v: 1, n: 'x', e: [['z']] })).ok).toBe(false);
		expect(decodeScenario(b64({ v: 2, n: 'x', e: [] })).ok).toBe(false);
	});
});

describe('JSON import validation', () => {
	it('accepts its own export', () => {
		expect(parseScenarioFile(toFile([sample]))).toEqual({ ok: true, value: [sample] });
	});
	it('accepts a bare scenario', () => {
		expect(parseScenarioFile(JSON.stringify(sample))).toEqual({ ok: true, value: [sample] });
	});
	it.each([
		['', 'vide'],
		['{not json', 'JSON'],
		['null', 'export'],
		['[1,2]', 'export'],
		['"x"', 'export'],
		[JSON.stringify({ format: 'atlas-ptsm-scenarios', version: 9, scenarios: [] }), 'Version'],
		[JSON.stringify({ format: 'atlas-ptsm-scenarios', version: 1, scenarios: {} }), 'liste'],
		[JSON.stringify({ format: 'atlas-ptsm-scenarios', version: 1, scenarios: [] }), 'aucun'],
		[JSON.stringify({ name: 'x', edits: [{ op: 'add', id: 'a', kind: 'spaceship', lon: 1, lat: 1, capacity: 1, label: '' }] }), 'type de site'],
		[JSON.stringify({ name: 'x', edits: [{ op: 'add', id: 'a', kind: 'hdj', lon: 'x', lat: 1, capacity: 1, label: '' }] }), 'coordonnées'],
		[JSON.stringify({ name: 'x', edits: [{ op: 'capacity', id: 'a', capacity: -3 }] }), 'capacité'],
		[JSON.stringify({ name: 'x', edits: [{ op: 'capacity', id: 'a', capacity: 1e308 * 10 }] }), 'capacité'],
		[JSON.stringify({ name: 'x', edits: [{ op: 'rm -rf', id: 'a' }] }), 'inconnu'],
		[JSON.stringify({ name: 'x', edits: [{ op: 'close' }] }), 'identifiant'],
		[JSON.stringify({ name: 'x'.repeat(500), edits: [] }), 'nom'],
		[JSON.stringify({ name: 'x', edits: new Array(MAX_EDITS + 1).fill({ op: 'close', id: 'a' }) }), 'trop'],
		['x'.repeat(2_000_001), 'volumineux']
	])('rejects %#: %s…', (text, msg) => {
		const r = parseScenarioFile(text);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors.join(' ')).toContain(msg);
	});
	it('is all or nothing (one bad scenario among good ones imports none)', () => {
		const file = JSON.stringify({ format: 'atlas-ptsm-scenarios', version: 1, scenarios: [sample, { name: 'bad', edits: [{ op: 'close' }] }] });
		const r = parseScenarioFile(file);
		expect(r.ok).toBe(false);
	});
	it('rejects duplicate names', () => {
		const r = parseScenarioFile(toFile([sample, sample]));
		expect(r.ok).toBe(false);
	});
	it('drops unknown fields and is not fooled by __proto__', () => {
		const text = `{"name":"p","__proto__":{"polluted":1},"edits":[{"op":"close","id":"a","extra":"<script>","__proto__":{"x":1}}]}`;
		const r = parseScenarioFile(text);
		expect(r).toEqual({ ok: true, value: [{ name: 'p', edits: [{ op: 'close', id: 'a' }] }] });
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});
});

describe('summarise (deltas of one territory)', async () => {
	const { summarise, nearestCommune, fold } = await import('../../../src/lib/scenarios/compute');
	const c = {
		code: ['23001', '23002', '87001'],
		name: ['A', 'B', 'C'],
		dep: ['23', '23', '87'],
		reg: ['75', '75', '75'],
		pop: Float64Array.from([1000, 3000, 5000]),
		lon: Float64Array.from([2, 2.1, 1.2]),
		lat: Float64Array.from([46, 46.1, 45.8])
	};
	it('counts population beyond thresholds, capacity per 100 000 and weighted means', () => {
		const run = {
			sites: [{ id: 's', kind: 'hdj' as const, lon: 2, lat: 46, capacity: 8, label: 's', dep: '23' }],
			minutes: Float64Array.from([5, Infinity, 12]),
			access: Float64Array.from([10, 0, 3])
		};
		const s = summarise(c, run, [10, 20, 30, 45], (i) => c.dep[i] === '23', (x) => x.dep === '23');
		expect(s.pop).toBe(4000);
		expect(s.beyond).toEqual([3000, 3000, 3000, 3000]);
		expect(s.meanMinutes).toBe(5);
		expect(s.sites).toBe(1);
		expect(s.capacityPer100k).toBe(200);
		expect(s.meanAccess).toBeCloseTo((1000 * 10) / 4000);
	});
	it('finds the nearest commune and folds names', () => {
		expect(nearestCommune(c, 1.21, 45.79)).toBe(2);
		expect(fold('Saint-Étienne  ')).toBe('saint etienne');
	});
});

describe('keyboard moves', () => {
	it('withMove replaces a trailing move of the same site, appends otherwise', async () => {
		const { withMove } = await import('../../../src/lib/scenarios/model');
		const one = withMove([], 'hdj:sae:1', 2.4, 48.9);
		expect(one).toEqual([{ op: 'move', id: 'hdj:sae:1', lon: 2.4, lat: 48.9 }]);
		const two = withMove(one, 'hdj:sae:1', 2.5, 48.9);
		expect(two).toEqual([{ op: 'move', id: 'hdj:sae:1', lon: 2.5, lat: 48.9 }]);
		const other = withMove(two, 'hdj:sae:2', 4.9, 45.7);
		expect(other).toHaveLength(2);
		const afterClose = withMove([{ op: 'close', id: 'x' }, ...two], 'hdj:sae:1', 2.6, 48.9);
		expect(afterClose.map((e) => e.op)).toEqual(['close', 'move']);
	});
	it('offsetKm: 10 km north is 10/111.195 degree; 1 km east at 60° N is twice a degree share at the equator', async () => {
		const { offsetKm } = await import('../../../src/lib/scenarios/model');
		const [lon0, lat1] = offsetKm(2, 46, 0, 10);
		expect(lon0).toBe(2);
		expect(lat1 - 46).toBeCloseTo(10 / 111.195, 12);
		const [e60] = offsetKm(0, 60, 1, 0);
		const [e0] = offsetKm(0, 0, 1, 0);
		expect(e60 / e0).toBeCloseTo(2, 9);
	});
	it('a moved baseline site loses its département (recomputed from the new position)', () => {
		const out = applyScenario(baseline, { name: 'x', edits: [{ op: 'move', id: 'hdj:sae:1', lon: 4.8, lat: 45.7 }] });
		expect(out[0]).toStrictEqual({ id: 'hdj:sae:1', kind: 'hdj', lon: 4.8, lat: 45.7, capacity: 20, label: 'A' });
	});
});
