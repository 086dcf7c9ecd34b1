/** Pure helpers behind the accessibility page: territory tables, commune lookup, map classes. */
import { describe, expect, it } from 'vitest';
import { buildCommunes } from '../../../src/lib/scenarios/baseline';
import { beyondByTerritory } from '../../../src/lib/scenarios/territory';
import { matchCommunes, resolveCommune } from '../../../src/lib/scenarios/communes';
import { NO_SITE, timeMap } from '../../../src/lib/scenarios/access/mapclasses';

const c = buildCommunes([
	{ code: '23079', name: 'Felletin', dep: '23', reg: '75', population: 1700, lon: 2.17, lat: 45.88 },
	{ code: '23008', name: 'Aubusson', dep: '23', reg: '75', population: 3300, lon: 2.17, lat: 45.95 },
	{ code: '87085', name: 'Limoges', dep: '87', reg: '75', population: 130000, lon: 1.25, lat: 45.83 },
	{ code: '87001', name: 'Aixe-sur-Vienne', dep: '87', reg: '75', population: 0, lon: 1.13, lat: 45.8 },
	{ code: '97101', name: 'Les Abymes', dep: '971', reg: '01', population: 50000, lon: -61.5, lat: 16.27 }
]);
// minutes: Felletin 35, Aubusson 12, Limoges 5, Aixe (no inhabitant) 50, Abymes: no site in its land group
const run = { sites: [], minutes: Float64Array.from([35, 12, 5, 50, Infinity]), access: null };

describe('beyondByTerritory', () => {
	it('sums population strictly beyond each threshold; "no site" is beyond every one', () => {
		const rows = beyondByTerritory(c, run, c.dep, new Map([['23', 'Creuse']]), [10, 20, 30, 45]);
		expect(rows).toEqual([
			{ code: '23', name: 'Creuse', pop: 5000, beyond: [5000, 1700, 1700, 0], none: 0 },
			{ code: '87', name: '87', pop: 130000, beyond: [0, 0, 0, 0], none: 0 },
			{ code: '971', name: '971', pop: 50000, beyond: [50000, 50000, 50000, 50000], none: 50000 }
		]);
	});
	it('a commune without a position (NaN) is left out', () => {
		const r = { ...run, minutes: Float64Array.from([NaN, 12, 5, 50, Infinity]) };
		expect(beyondByTerritory(c, r, c.dep, new Map(), [30])[0]).toEqual({ code: '23', name: '23', pop: 3300, beyond: [0], none: 0 });
	});
});

describe('commune lookup', () => {
	it('by name prefix (accents and case ignored), most populous first', () => {
		expect(matchCommunes(c, 'au').map((i) => c.name[i])).toEqual(['Aubusson']);
		expect(matchCommunes(c, 'a').length).toBe(0); // at least two characters
		expect(matchCommunes(c, 'AIXE SUR').map((i) => c.code[i])).toEqual(['87001']);
	});
	it('resolves a datalist option, a code, an exact name; refuses an unknown name', () => {
		expect(resolveCommune(c, 'Felletin (23079)')).toBe(0);
		expect(resolveCommune(c, '87085')).toBe(2);
		expect(resolveCommune(c, 'limoges')).toBe(2);
		expect(resolveCommune(c, 'Guéret')).toBeUndefined();
	});
});

describe('timeMap', () => {
	it('bands with counts; no site is its own class', () => {
		const m = timeMap(c, run, 'time:hdj');
		expect(m.values.get('97101')!.value).toBe(NO_SITE);
		expect(m.items.map((i) => i.count)).toEqual([1, 1, 0, 1, 1, 1]);
		expect(m.colors.length).toBe(m.breaks.length + 1);
	});
});
