import { describe, expect, it } from 'vitest';
import { makeWeight, DREES_2012, EARTH_RADIUS_KM } from '../../../src/lib/geo/access/params';
import { twoStepFca, type SfcaInput } from '../../../src/lib/geo/access/sfca';

// Points on the equator at given km from lon 0; with minutesFrom = km, 1 km = 1 minute.
const KM_PER_DEG = (EARTH_RADIUS_KM * Math.PI) / 180;
const onLine = (km: number[]) => Float64Array.from(km, (k) => k / KM_PER_DEG);
const zeros = (n: number) => new Float64Array(n);

/**
 * O1 at 0 km, O2 at 8, O3 at 13; S1 at 2, S2 at 14.
 * Times (min):  S1   S2
 *          O1    2   14
 *          O2    6    6
 *          O3   11    1
 * P = 1000, 500, 2000; S = 3, 2.
 */
function example(overrides: Partial<SfcaInput> = {}): SfcaInput {
	return {
		origins: { pop: Float64Array.from([1000, 500, 2000]), lon: onLine([0, 8, 13]), lat: zeros(3), group: ['metro', 'metro', 'metro'] },
		sites: { supply: Float64Array.from([3, 2]), lon: onLine([2, 14]), lat: zeros(2), group: ['metro', 'metro'] },
		weight: makeWeight(DREES_2012.decay),
		maxMinutes: 15,
		minutesFrom: (km) => km,
		...overrides
	};
}

const conserved = (r: { access: Float64Array }, pop: Float64Array) => r.access.reduce((s, a, i) => s + a * pop[i]!, 0);

describe('twoStepFca', () => {
	it('DREES 2012 step weights, by hand', () => {
		// w:        S1   S2
		//     O1     1   0.1
		//     O2   0.3   0.3
		//     O3   0.1   1
		// D1 = 1000 + 150 + 200 = 1350 → R1 = 3/1350 = 1/450
		// D2 = 100 + 150 + 2000 = 2250 → R2 = 2/2250 = 1/1125
		// A1 = 1/450 + 0.1/1125 = 26/11250; A2 = 0.3/450 + 0.3/1125 = 7/7500; A3 = 0.1/450 + 1/1125 = 1/900
		const input = example();
		const r = twoStepFca(input);
		expect(r.demand[0]).toBeCloseTo(1350, 10);
		expect(r.demand[1]).toBeCloseTo(2250, 10);
		expect(r.ratio[0]).toBeCloseTo(1 / 450, 15);
		expect(r.ratio[1]).toBeCloseTo(1 / 1125, 15);
		expect(r.access[0]).toBeCloseTo(26 / 11250, 15);
		expect(r.access[1]).toBeCloseTo(7 / 7500, 15);
		expect(r.access[2]).toBeCloseTo(1 / 900, 15);
		expect(r.pairs).toBe(6);
		expect(conserved(r, input.origins.pop)).toBeCloseTo(5, 12); // Σ S_j = 3 + 2
	});

	it('binary 10-minute catchment, by hand', () => {
		// Reached: O1–S1, O2–S1, O2–S2, O3–S2. D1 = 1500, D2 = 2500; R1 = 1/500, R2 = 1/1250.
		const input = example({ weight: makeWeight({ kind: 'binary', catchmentMinutes: 10 }), maxMinutes: 10 });
		const r = twoStepFca(input);
		expect(r.ratio[0]).toBeCloseTo(1 / 500, 15);
		expect(r.ratio[1]).toBeCloseTo(1 / 1250, 15);
		expect(r.access[0]).toBeCloseTo(0.002, 15);
		expect(r.access[1]).toBeCloseTo(0.0028, 15);
		expect(r.access[2]).toBeCloseTo(0.0008, 15);
		expect(r.pairs).toBe(4);
		expect(conserved(r, input.origins.pop)).toBeCloseTo(5, 12);
	});

	it('weight 1 everywhere: every origin gets Σ S / Σ P, and Σ P·A = Σ S', () => {
		const input = example({ weight: () => 1, maxMinutes: 100 });
		const r = twoStepFca(input);
		expect(r.ratio[0]).toBeCloseTo(3 / 3500, 15);
		expect(r.ratio[1]).toBeCloseTo(2 / 3500, 15);
		for (const a of r.access) expect(a).toBeCloseTo(5 / 3500, 15);
		expect(conserved(r, input.origins.pop)).toBeCloseTo(5, 12);
	});

	it('maxMinutes cuts pairs even when the weight is not 0', () => {
		// Weight 1 but only pairs within 7 min: O1–S1 (2), O2–S1 (6), O2–S2 (6), O3–S2 (1).
		const r = twoStepFca(example({ weight: () => 1, maxMinutes: 7 }));
		expect(r.pairs).toBe(4);
		expect(r.ratio[0]).toBeCloseTo(3 / 1500, 15);
	});

	it('another land group never reaches nor loads a site; unknown locations give NaN', () => {
		const base = example();
		const input = example({
			origins: {
				pop: Float64Array.from([1000, 500, 2000, 99999, 7]),
				lon: Float64Array.from([...base.origins.lon, base.sites.lon[0]!, NaN]),
				lat: zeros(5),
				group: ['metro', 'metro', 'metro', '972', 'metro']
			},
			sites: {
				supply: Float64Array.from([3, 2, 10]),
				lon: Float64Array.from([...base.sites.lon, NaN]),
				lat: zeros(3),
				group: ['metro', 'metro', 'metro']
			}
		});
		const r = twoStepFca(input);
		expect(r.ratio[0]).toBeCloseTo(1 / 450, 15); // unchanged by the 972 origin on top of S1
		expect(r.access[3]).toBe(0);
		expect(r.access[4]).toBeNaN();
		expect(r.ratio[2]).toBeNaN();
	});

	it('a site nobody reaches has ratio 0', () => {
		const base = example();
		const r = twoStepFca(
			example({
				sites: { supply: Float64Array.from([3, 2, 4]), lon: Float64Array.from([...base.sites.lon, 1]), lat: zeros(3), group: ['metro', 'metro', 'metro'] }
			})
		);
		expect(r.ratio[2]).toBe(0);
		expect(r.demand[2]).toBe(0);
	});
});
