/**
 * CMP 2SFCA: SAE CMP counts placed at their establishment, adult vs child demand (16+ / 0–15
 * estimated from the département's age shares), computed through the page's runner with the
 * worker functions. Values worked out by hand below.
 */
import { describe, expect, it } from 'vitest';
import { agePopulations, buildBaseline, buildCommunes, type SaeRow } from '../../../src/lib/scenarios/baseline';
import { applyScenario } from '../../../src/lib/scenarios/model';
import { runAccess } from '../../../src/lib/scenarios/access/runner';
import { runNearest, runSfca } from '../../../src/lib/geo/access/worker';
import { DEFAULT_TRAVEL, DREES_2012, EARTH_RADIUS_KM } from '../../../src/lib/geo/access/params';
import type { AccessClient } from '../../../src/lib/geo/access/client';
import type { Communes } from '../../../src/lib/scenarios/compute';

const KM_PER_DEG = (EARTH_RADIUS_KM * Math.PI) / 180;
const lonAt = (km: number) => km / KM_PER_DEG;

// Site A at 0 km: 2 adult CMP; site B at 2 km: 1 adult and 1 child CMP; C declares none, D unknown.
const sae: SaeRow[] = [
	{ fi: 'A', name: 'CH A', dep: '01', lon: lonAt(0), lat: 0, dis: 'GEN', cap_htp: 50, cap_hdj: null, nb_cmp: 2 },
	{ fi: 'B', name: 'CH B', dep: '01', lon: lonAt(2), lat: 0, dis: 'GEN', cap_htp: null, cap_hdj: null, nb_cmp: 1 },
	{ fi: 'B', name: 'CH B', dep: '01', lon: lonAt(2), lat: 0, dis: 'INF', cap_htp: null, cap_hdj: null, nb_cmp: 1 },
	{ fi: 'C', name: 'CH C', dep: '01', lon: lonAt(1), lat: 0, dis: 'GEN', cap_htp: 10, cap_hdj: null, nb_cmp: 0 },
	{ fi: 'D', name: 'CH D', dep: '01', lon: lonAt(1), lat: 0, dis: 'INF', cap_htp: 10, cap_hdj: null, nb_cmp: null }
];

function communes(): Communes {
	const c = buildCommunes([
		{ code: '01001', name: 'Un', dep: '01', reg: '84', population: 1000, lon: lonAt(0), lat: 0 },
		{ code: '01002', name: 'Deux', dep: '01', reg: '84', population: 500, lon: lonAt(2), lat: 0 }
	]);
	// Ain: 80 % aged 16+, 20 % aged 0–15.
	const age = agePopulations(c, [{ dep: '01', pop_total: 1000, pop_16_plus: 800, pop_0_15: 200 }]);
	c.popAdult = age.adult;
	c.popChild = age.child;
	return c;
}

const client = { nearest: async (p: never) => runNearest(p), sfca: async (p: never) => runSfca(p) } as unknown as AccessClient;
const opts = (kind: 'cmp_adult' | 'cmp_child') => ({ kind, travel: DEFAULT_TRAVEL, decay: { decay: DREES_2012.decay, maxMinutes: 15 }, score: true, depOf: () => '01' });

describe('CMP sites from the SAE', () => {
	it('one site per establishment and discipline with CMP, capacity = number of CMP', () => {
		const sites = buildBaseline(sae, [], []).filter((s) => s.kind.startsWith('cmp'));
		expect(sites.map((s) => [s.id, s.capacity])).toEqual([
			['cmp_adult:sae:A', 2],
			['cmp_adult:sae:B', 1],
			['cmp_child:sae:B', 1]
		]);
	});

	it('age populations: département share, national share when the département has none', () => {
		const c = buildCommunes([
			{ code: '01001', name: 'Un', dep: '01', reg: '84', population: 1000, lon: 0, lat: 0 },
			{ code: '02001', name: 'Autre', dep: '02', reg: '32', population: 100, lon: 0, lat: 0 }
		]);
		const r = agePopulations(c, [
			{ dep: '01', pop_total: 1000, pop_16_plus: 800, pop_0_15: 200 },
			{ dep: '03', pop_total: 3000, pop_16_plus: 2600, pop_0_15: 400 }
		]);
		expect([...r.adult]).toEqual([800, 85]); // 02 gets (800 + 2600) / 4000
		expect([...r.child]).toEqual([200, 15]);
		expect(r.fallback).toBe(1);
	});
});

describe('CMP 2SFCA by hand (DREES 2012 weights)', () => {
	// Times: 2 km × 1.3 = 2.6 road km at 30 km/h = 5.2 min → weight 0.3; same place → weight 1.
	it('adults: demand = population aged 16+', async () => {
		// D_A = 800 + 0.3 × 400 = 920, R_A = 2/920; D_B = 0.3 × 800 + 400 = 640, R_B = 1/640
		// A_1 = 2/920 + 0.3/640; A_2 = 0.3 × 2/920 + 1/640 (× 100 000)
		const run = await runAccess(client, communes(), buildBaseline(sae, [], []), opts('cmp_adult'));
		expect(run.access![0]).toBeCloseTo((2 / 920 + 0.3 / 640) * 1e5, 9);
		expect(run.access![1]).toBeCloseTo(((0.3 * 2) / 920 + 1 / 640) * 1e5, 9);
		// Every CMP is accessible to someone: Σ P·A = 3 CMP.
		expect((800 * run.access![0]! + 400 * run.access![1]!) / 1e5).toBeCloseTo(3, 12);
	});

	it('children: demand = population aged 0–15, only site B', async () => {
		// D_B = 0.3 × 200 + 100 = 160 → A_1 = 0.3/160 = 187.5, A_2 = 1/160 = 625 per 100 000
		const run = await runAccess(client, communes(), buildBaseline(sae, [], []), opts('cmp_child'));
		expect(run.access![0]).toBeCloseTo(187.5, 9);
		expect(run.access![1]).toBeCloseTo(625, 9);
	});

	it('an added CMP counts for 1; adding then closing it gives back the baseline scores', async () => {
		const base = buildBaseline(sae, [], []);
		const add = { op: 'add' as const, id: 'add:cmp001', kind: 'cmp_child' as const, lon: lonAt(0), lat: 0, capacity: 1, label: 'Nouveau CMP' };
		const withAdded = await runAccess(client, communes(), applyScenario(base, { name: 's', edits: [add] }), opts('cmp_child'));
		// Site at 0 km: D = 200 + 0.3 × 100 = 230; B unchanged (R_B = 1/160).
		expect(withAdded.access![0]).toBeCloseTo((1 / 230 + 0.3 / 160) * 1e5, 9);
		const back = await runAccess(client, communes(), applyScenario(base, { name: 's', edits: [add, { op: 'close', id: add.id }] }), opts('cmp_child'));
		const baseline = await runAccess(client, communes(), base, opts('cmp_child'));
		expect([...back.access!]).toEqual([...baseline.access!]);
	});
});
