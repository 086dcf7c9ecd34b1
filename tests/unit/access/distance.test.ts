import { describe, expect, it } from 'vitest';
import {
	haversineKm,
	haversineKmFrom,
	haversineKmPairs,
	invertMinutes,
	kmForMinutes,
	makeMinutesFrom,
	minutesFromKm,
	minutesFromKmArray,
	minutesFromRoadKm,
	roadKm
} from '../../../src/lib/geo/access/distance';
import {
	APL_2015_LIKE,
	DEFAULT_TRAVEL,
	DREES_2012,
	EARTH_RADIUS_KM,
	GAUSSIAN_20,
	catchmentOf,
	makeWeight
} from '../../../src/lib/geo/access/params';

const PARIS = [2.3522, 48.8566] as const; // Notre-Dame area
const LYON = [4.8357, 45.764] as const; // Bellecour area

describe('haversine', () => {
	it('Paris–Lyon ≈ 392 km great circle', () => {
		const d = haversineKm(PARIS[0], PARIS[1], LYON[0], LYON[1]);
		expect(Math.abs(d - 392)).toBeLessThan(1);
		expect(d).toBeCloseTo(391.4995, 3); // pinned (R = 6371.0088 km)
		expect(haversineKm(LYON[0], LYON[1], PARIS[0], PARIS[1])).toBe(d);
	});

	it('one degree of latitude is R·π/180; a point to itself is 0', () => {
		expect(haversineKm(3, 45, 3, 46)).toBeCloseTo((EARTH_RADIUS_KM * Math.PI) / 180, 9);
		expect(haversineKm(55.45, -20.9, 55.45, -20.9)).toBe(0);
		// Quarter of the equator.
		expect(haversineKm(0, 0, 90, 0)).toBeCloseTo((EARTH_RADIUS_KM * Math.PI) / 2, 9);
	});

	it('vectorised forms agree with the scalar one', () => {
		const lon = Float64Array.from([LYON[0], -61.07, 9.15, 2.3522]);
		const lat = Float64Array.from([LYON[1], 14.6, 42.15, 48.8566]);
		const from = haversineKmFrom(PARIS[0], PARIS[1], lon, lat);
		const pairs = haversineKmPairs(new Float64Array(4).fill(PARIS[0]), new Float64Array(4).fill(PARIS[1]), lon, lat);
		for (let i = 0; i < 4; i++) {
			const d = haversineKm(PARIS[0], PARIS[1], lon[i]!, lat[i]!);
			expect(from[i]).toBeCloseTo(d, 9);
			expect(pairs[i]).toBe(d);
		}
		expect(from[3]).toBe(0);
	});
});

describe('road-time proxy', () => {
	it('detour factor 1.3 and 30/60/80 km/h bands', () => {
		expect(roadKm(10)).toBeCloseTo(13, 12);
		expect(minutesFromRoadKm(0)).toBe(0);
		expect(minutesFromRoadKm(5)).toBeCloseTo(10, 12); // 5 km at 30 km/h
		expect(minutesFromRoadKm(20)).toBeCloseTo(25, 12); // + 15 km at 60
		expect(minutesFromRoadKm(50)).toBeCloseTo(47.5, 12); // + 30 km at 80
		expect(minutesFromKm(5)).toBeCloseTo(11.5, 12); // 6.5 road km
		expect(minutesFromKm(Infinity)).toBe(Infinity);
		expect(minutesFromKm(NaN)).toBeNaN();
	});

	it('closure, array form and inverse are consistent', () => {
		const f = makeMinutesFrom(DEFAULT_TRAVEL);
		const km = Float64Array.from([0, 0.5, 3.8, 3.85, 15.4, 15.5, 60, 200, Infinity]);
		const arr = minutesFromKmArray(km);
		for (let i = 0; i < km.length; i++) {
			expect(f(km[i]!)).toBeCloseTo(minutesFromKm(km[i]!), 10);
			expect(arr[i]).toBe(f(km[i]!));
		}
		for (const m of [1, 10, 15, 20, 25, 30, 45, 90]) {
			expect(minutesFromKm(kmForMinutes(m))).toBeCloseTo(m, 9);
			expect(invertMinutes(f, m)).toBeCloseTo(kmForMinutes(m), 6);
			expect(f(invertMinutes(f, m))).toBeGreaterThanOrEqual(m - 1e-9);
		}
		expect(kmForMinutes(5)).toBeCloseTo(2.5 / 1.3, 12);
	});
});

describe('decay weights', () => {
	it('DREES 2012 steps: 1 / 0.3 / 0.1 / 0 with half-open bands', () => {
		const w = makeWeight(DREES_2012.decay);
		expect([0, 4.999, 5, 9.999, 10, 14.999, 15, 30].map(w)).toEqual([1, 1, 0.3, 0.3, 0.1, 0.1, 0, 0]);
		expect(w(NaN)).toBe(0);
		expect(w(Infinity)).toBe(0);
		expect(catchmentOf(DREES_2012.decay)).toBe(15);
	});

	it('2015-like (project assumption): 1 / 0.66 / 0.33 / 0 over 20 min', () => {
		const w = makeWeight(APL_2015_LIKE.decay);
		expect([0, 9.9, 10, 14.9, 15, 19.9, 20].map(w)).toEqual([1, 1, 0.66, 0.66, 0.33, 0.33, 0]);
		expect(APL_2015_LIKE.maxMinutes).toBe(20);
	});

	it('gaussian: 1 at 0, 0 at and beyond the catchment, decreasing', () => {
		const w = makeWeight(GAUSSIAN_20.decay);
		expect(w(0)).toBe(1);
		expect(w(20)).toBeCloseTo(0, 15);
		expect(w(20.01)).toBe(0);
		let prev = 2;
		for (let t = 0; t <= 20; t += 0.5) {
			expect(w(t)).toBeLessThan(prev);
			prev = w(t);
		}
	});

	it('binary', () => {
		const w = makeWeight({ kind: 'binary', catchmentMinutes: 10 });
		expect([0, 10, 10.0001].map(w)).toEqual([1, 1, 0]);
	});
});
