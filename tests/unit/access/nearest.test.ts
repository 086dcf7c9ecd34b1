import { describe, expect, it } from 'vitest';
import { haversineKm } from '../../../src/lib/geo/access/distance';
import {
	buildSiteIndex,
	depOfCommune,
	landGroup,
	landGroupOfPoint,
	nearestSites,
	nearestSitesColumns,
	type SiteInput
} from '../../../src/lib/geo/access/nearest';

describe('land groups', () => {
	it('metropole, Corsica and each DROM apart', () => {
		expect(landGroup('75')).toBe('metro');
		expect(landGroup('06')).toBe('metro');
		expect(landGroup('2A')).toBe('corse');
		expect(landGroup('2B')).toBe('corse');
		for (const d of ['971', '972', '973', '974', '976']) expect(landGroup(d)).toBe(d);
		expect(depOfCommune('2A004')).toBe('2A');
		expect(depOfCommune('97209')).toBe('972');
		expect(depOfCommune('75101')).toBe('75');
	});

	it('from coordinates', () => {
		expect(landGroupOfPoint(2.35, 48.86)).toBe('metro'); // Paris
		expect(landGroupOfPoint(7.5, 43.77)).toBe('metro'); // Menton
		expect(landGroupOfPoint(8.74, 41.93)).toBe('corse'); // Ajaccio
		expect(landGroupOfPoint(9.45, 42.7)).toBe('corse'); // Bastia
		expect(landGroupOfPoint(-61.53, 16.24)).toBe('971');
		expect(landGroupOfPoint(-61.07, 14.6)).toBe('972');
		expect(landGroupOfPoint(-52.33, 4.94)).toBe('973');
		expect(landGroupOfPoint(55.45, -20.88)).toBe('974');
		expect(landGroupOfPoint(45.23, -12.78)).toBe('976');
		expect(landGroupOfPoint(NaN, 1)).toBe('other');
	});
});

const site = (id: string | number, lon: number, lat: number, type = 'cmp', extra: Partial<SiteInput> = {}): SiteInput => ({
	id,
	lon,
	lat,
	type,
	capacity: 1,
	...extra
});

describe('nearestSites', () => {
	it('finds the nearest site with its great-circle km', () => {
		const index = buildSiteIndex([site('lyon', 4.8357, 45.764), site('paris', 2.3522, 48.8566), site('lille', 3.0573, 50.6292)]);
		const r = nearestSites([{ code: '69123', lon: 4.85, lat: 45.75 }, { code: '78646', lon: 2.13, lat: 48.8 }], index, 'cmp');
		expect([...r.site]).toEqual([0, 1]);
		expect(r.km[1]).toBeCloseTo(haversineKm(2.13, 48.8, 2.3522, 48.8566), 12);
	});

	it('ties go to the lowest site id (strings and numbers)', () => {
		// Same coordinates: ids 'b' (index 0) and 'a' (index 1).
		let index = buildSiteIndex([site('b', 2, 46), site('a', 2, 46)]);
		expect(nearestSites([{ code: '03001', lon: 2.5, lat: 46 }], index, 'cmp').site[0]).toBe(1);
		// Symmetric about the origin along a meridian; numeric ids compare numerically (9 < 10).
		index = buildSiteIndex([site(10, 2, 46.1), site(9, 2, 45.9)]);
		expect(nearestSites([{ code: '03001', lon: 2, lat: 46 }], index, 'cmp').site[0]).toBe(1);
		index = buildSiteIndex([site(9, 2, 46.1), site(10, 2, 45.9)]);
		expect(nearestSites([{ code: '03001', lon: 2, lat: 46 }], index, 'cmp').site[0]).toBe(0);
		// Symmetric east/west at the same latitude.
		index = buildSiteIndex([site('z', 2.3, 46), site('y', 1.7, 46), site('x', 5, 46)]);
		expect(nearestSites([{ code: '03001', lon: 2, lat: 46 }], index, 'cmp').site[0]).toBe(1);
	});

	it('never crosses the sea: Martinique origin with only a Guadeloupe site → none', () => {
		const index = buildSiteIndex([site('gp', -61.53, 16.24, 'cmp', { dep: '971' }), site('paris', 2.35, 48.86)]);
		const r = nearestSites([{ code: '97209', lon: -61.07, lat: 14.6 }], index, 'cmp');
		expect(r.site[0]).toBe(-1);
		expect(r.km[0]).toBe(Infinity);
	});

	it('Corsica is its own group; a group is matched within itself', () => {
		const index = buildSiteIndex([
			site('nice', 7.26, 43.7), // the mainland site closest to Corsica
			site('bastia', 9.45, 42.7),
			site('fdf', -61.07, 14.61)
		]);
		const r = nearestSites(
			[
				{ code: '2B033', lon: 9.2, lat: 42.5 }, // Corte area → Bastia
				{ code: '2A004', lon: 8.74, lat: 41.93 }, // Ajaccio → Bastia, not Nice
				{ code: '06088', lon: 7.27, lat: 43.71 }, // Nice → Nice, not Bastia
				{ code: '97213', lon: -61.0, lat: 14.62 }, // Le Lamentin → Fort-de-France
				{ code: '97101', lon: -61.5, lat: 16.3 } // Guadeloupe: no site
			],
			index,
			'cmp'
		);
		expect([...r.site]).toEqual([1, 1, 0, 2, -1]);
		expect(r.km[4]).toBe(Infinity);
	});

	it('an empty type or an unknown origin location gives none', () => {
		const index = buildSiteIndex([site('a', 2, 46)]);
		const r = nearestSites([{ code: '75056', lon: 2.35, lat: 48.86 }], index, 'cattp');
		expect(r.site[0]).toBe(-1);
		expect(r.km[0]).toBe(Infinity);
		const u = nearestSites([{ code: '75056', lon: null, lat: null }], index, 'cmp');
		expect(u.site[0]).toBe(-1);
		expect(u.km[0]).toBeNaN();
		const e = nearestSites([{ code: '75056', lon: 2, lat: 46 }], buildSiteIndex([]), 'cmp');
		expect(e.site[0]).toBe(-1);
	});

	it('sites without coordinates are never matched; types are kept apart', () => {
		const index = buildSiteIndex([site('a', null as unknown as number, 46), site('b', 3, 47), site('c', 2, 46, 'cattp')]);
		const r = nearestSites([{ code: '03001', lon: 2, lat: 46 }], index, 'cmp');
		expect(r.site[0]).toBe(1);
	});

	it('matches brute force on random metropole + DROM points', () => {
		let seed = 7;
		const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
		const boxes: [string, number, number, number, number][] = [
			['metro', -4.5, 8, 42.5, 51],
			['974', 55.22, 55.83, -21.38, -20.87],
			['973', -54.5, -51.7, 2.2, 5.8]
		];
		const sites: SiteInput[] = [];
		for (let j = 0; j < 1500; j++) {
			const [g, x0, x1, y0, y1] = boxes[j % 10 === 0 ? 1 : j % 10 === 1 ? 2 : 0]!;
			sites.push(site(j, x0 + rand() * (x1 - x0), y0 + rand() * (y1 - y0), 'cmp', { group: g }));
		}
		const n = 3000;
		const lon = new Float64Array(n);
		const lat = new Float64Array(n);
		const groups: string[] = [];
		for (let i = 0; i < n; i++) {
			const [g, x0, x1, y0, y1] = boxes[i % 3]!;
			lon[i] = x0 + rand() * (x1 - x0);
			lat[i] = y0 + rand() * (y1 - y0);
			groups.push(g);
		}
		const index = buildSiteIndex(sites);
		const r = nearestSitesColumns(lon, lat, groups, index, 'cmp');
		for (let i = 0; i < n; i++) {
			let best = Infinity;
			let bestJ = -1;
			for (let j = 0; j < sites.length; j++) {
				if (sites[j]!.group !== groups[i]) continue;
				const d = haversineKm(lon[i]!, lat[i]!, sites[j]!.lon!, sites[j]!.lat!);
				if (d < best) {
					best = d;
					bestJ = j;
				}
			}
			expect(r.site[i]).toBe(bestJ);
			expect(r.km[i]).toBeCloseTo(best, 9);
		}
	});
});
