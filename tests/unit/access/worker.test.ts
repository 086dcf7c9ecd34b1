import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_KM } from '../../../src/lib/geo/access/params';
import { handleMessage, type BeyondResponse, type NearestResponse } from '../../../src/lib/geo/access/worker';
import type { SfcaResult } from '../../../src/lib/geo/access/sfca';

const KM_PER_DEG = (EARTH_RADIUS_KM * Math.PI) / 180;

describe('worker protocol', () => {
	it("'nearest': km, minutes, site index; result buffers are transferable", () => {
		const { response, transfer } = handleMessage({
			type: 'nearest',
			id: 1,
			payload: {
				origins: { lon: Float64Array.from([2.35, -61.07, 9.2]), lat: Float64Array.from([48.86, 14.6, 42.5]), code: ['75056', '97209', '2B033'] },
				sites: {
					id: ['cmp-paris', 'cattp-paris', 'cmp-gp'],
					lon: Float64Array.from([2.35 + 5 / KM_PER_DEG / Math.cos((48.86 * Math.PI) / 180), 2.35, -61.53]),
					lat: Float64Array.from([48.86, 48.86, 16.24]),
					type: ['cmp', 'cattp', 'cmp'],
					dep: ['75', '75', '971']
				},
				type: 'cmp'
			}
		});
		expect(response.id).toBe(1);
		const r = (response as { result: NearestResponse }).result;
		expect([...r.site]).toEqual([0, -1, -1]);
		expect(r.km[0]).toBeCloseTo(5, 3);
		expect(r.minutes[0]).toBeCloseTo(11.5, 2); // 5 km × 1.3 = 6.5 road km
		expect(r.km[1]).toBe(Infinity);
		expect(r.minutes[1]).toBe(Infinity);
		expect(transfer).toHaveLength(3);
	});

	it("'sfca' with a preset", () => {
		const { response } = handleMessage({
			type: 'sfca',
			id: 'a',
			payload: {
				origins: { pop: Float64Array.from([100, 300]), lon: Float64Array.from([2, 2]), lat: Float64Array.from([46, 46.01]), group: ['metro', 'metro'] },
				sites: { supply: Float64Array.from([4]), lon: Float64Array.from([2]), lat: Float64Array.from([46]), group: ['metro'] },
				preset: 'apl2015like'
			}
		});
		const r = (response as { result: SfcaResult }).result;
		expect(r.ratio[0]).toBeCloseTo(4 / 400, 15); // both within 10 min → weight 1
		expect(r.access[0]).toBeCloseTo(0.01, 15);
		expect(r.access[1]).toBeCloseTo(0.01, 15);
	});

	it("'beyond' returns rows sorted by territory", () => {
		const { response } = handleMessage({
			type: 'beyond',
			id: 2,
			payload: { minutes: Float64Array.from([5, 50, 25]), population: Float64Array.from([1, 2, 3]), territories: ['B', 'A', 'B'] }
		});
		const r = (response as { result: BeyondResponse }).result;
		expect(r.thresholds).toEqual([10, 20, 30, 45]);
		expect(r.rows.map((x) => x.territory)).toEqual(['A', 'B']);
		expect(r.rows[1]!.popBeyond).toEqual([3, 3, 0, 0]);
	});

	it('errors are reported, not thrown', () => {
		const bad = handleMessage({ type: 'sfca', id: 3, payload: { preset: 'nope' } as never });
		expect(bad.response).toEqual({ id: 3, error: 'unknown 2SFCA preset: nope' });
		const unknown = handleMessage({ type: 'zzz', id: 4, payload: {} } as never);
		expect('error' in unknown.response).toBe(true);
	});
});
