import { describe, expect, it } from 'vitest';
import type { IndicatorDef } from '../../../src/lib/indicators/types';
import { NA_COLOR } from '../../../src/lib/indicators/classify';
import { indicatorById } from '../../../src/lib/indicators/catalogue';
import {
	AUTO,
	autoLevel,
	CAPACITY_AUTO_NOTE,
	mailleOptions,
	OUTSIDE_COLOR,
	polygonState,
	resolveMaille,
	stateChanges,
	type PolygonState,
	type SetChoice
} from '../../../src/lib/map/levels';

const base = {
	label: 'Test',
	definition: '',
	unit: 'pour 100 000',
	scale: 100000,
	numerator: '',
	denominator: null,
	sources: [],
	priority: 1,
	favourable: 'higher'
} as const;
const adultBeds = {
	...base,
	id: 'adult',
	levels: ['commune', 'epci', 'departement', 'region', 'france'],
	measure: { table: 'sae_psy', column: 'cap_htp', disciplines: ['GEN'], year: 2023 }
} as unknown as IndicatorDef;
const depOnly = { ...adultBeds, id: 'dep', levels: ['departement', 'region', 'france'] } as unknown as IndicatorDef;
const gp = { ...base, id: 'gp', levels: ['commune', 'epci', 'departement', 'region', 'france'], measure: { table: 'gp_practices' } } as unknown as IndicatorDef;

const SETS: SetChoice[] = [
	{ id: 's1', key: 's1:G', name: 'Rhône', kind: 'sector', type: 'G', level: 'sector', computed: true },
	{ id: 's1', key: 's1:I', name: 'Rhône', kind: 'sector', type: 'I', level: 'sector', computed: true },
	{ id: 'custom', key: 'custom', name: 'Territoires personnalisés', kind: 'custom', type: null, level: 'custom', computed: true },
	{ id: 'approx-G-2023', key: 'approx-G-2023', name: 'Approximation', kind: 'approx', type: 'G', level: 'sector', computed: false }
];

describe('mailleOptions', () => {
	it('lists auto, the administrative levels, each sector type and the custom territories', () => {
		const o = mailleOptions(adultBeds, SETS);
		expect(o.map((x) => x.key)).toEqual(['auto', 'region', 'departement', 'epci', 'commune', 'sector:s1:G', 'sector:s1:I', 'custom']);
		const g = o.find((x) => x.key === 'sector:s1:G')!;
		expect(g).toMatchObject({ level: 'sector', setId: 's1', kinds: ['G'], disabled: null });
		expect(o.find((x) => x.key === 'custom')).toMatchObject({ level: 'custom', setId: 'custom', kinds: ['custom'], disabled: null });
	});

	it('disables child sectors for an adult measure, with the reason', () => {
		const i = mailleOptions(adultBeds, SETS).find((x) => x.key === 'sector:s1:I')!;
		expect(i.disabled).toMatch(/psychiatrie générale/);
	});

	it('keeps both sector types for a measure without discipline', () => {
		const o = mailleOptions(gp, SETS);
		expect(o.filter((x) => x.level === 'sector').every((x) => x.disabled === null)).toBe(true);
	});

	it('disables the levels an indicator is not computed at, sectors and custom included', () => {
		const o = mailleOptions(depOnly, SETS);
		const disabled = o.filter((x) => x.disabled).map((x) => x.key);
		expect(disabled).toEqual(['epci', 'commune', 'sector:s1:G', 'sector:s1:I', 'custom']);
		expect(o.find((x) => x.key === 'epci')!.disabled).toMatch(/par EPCI/);
	});

	it('lists an approximation only once computed', () => {
		const computed = SETS.map((s) => (s.kind === 'approx' ? { ...s, computed: true } : s));
		expect(mailleOptions(adultBeds, computed).some((x) => x.setId === 'approx-G-2023')).toBe(true);
	});
});

describe('resolveMaille', () => {
	const o = mailleOptions(depOnly, SETS);
	it('falls back to auto for an unknown or unavailable key', () => {
		expect(resolveMaille(o, 'sector:gone:G').key).toBe(AUTO);
		expect(resolveMaille(o, 'epci').key).toBe(AUTO);
	});
	it('keeps an available key', () => {
		expect(resolveMaille(o, 'region').level).toBe('region');
	});
});

describe('polygon states (feature-state written by the map)', () => {
	const breaks = [10, 20];
	const colors = ['#a', '#b', '#c'];

	it('colours a value by its class, as a step over the breaks (class i from breaks[i-1] on)', () => {
		expect(polygonState(9.99, false, breaks, colors)).toEqual({ v: 9.99, out: false, c: '#a' });
		expect(polygonState(10, false, breaks, colors).c).toBe('#b');
		expect(polygonState(19.5, false, breaks, colors).c).toBe('#b');
		expect(polygonState(20, false, breaks, colors).c).toBe('#c');
		expect(polygonState(1e9, false, breaks, colors).c).toBe('#c');
		// One class, no break: every value takes it.
		expect(polygonState(3, false, [], ['#only']).c).toBe('#only');
	});

	it('marks missing values and communes outside every territory', () => {
		expect(polygonState(null, false, breaks, colors)).toEqual({ v: null, out: false, c: NA_COLOR });
		expect(polygonState(undefined, false, breaks, colors).c).toBe(NA_COLOR);
		expect(polygonState(Number.NaN, false, breaks, colors)).toEqual({ v: null, out: false, c: NA_COLOR });
		expect(polygonState(null, true, breaks, colors)).toEqual({ v: null, out: true, c: OUTSIDE_COLOR });
		// No classes yet (before the first values): no colour of a class.
		expect(polygonState(5, false, [], []).c).toBe(NA_COLOR);
	});

	it('sends only the polygons whose state changed, and a revert restores the first states', () => {
		const codes = ['a', 'b', 'c', 'd'];
		const applied = new Map<string, PolygonState>();
		const run = (vals: Record<string, number | null>, br = breaks) =>
			stateChanges(codes, (code) => polygonState(vals[code], code === 'd', br, colors), applied);
		const first = { a: 5, b: 15, c: null, d: 30 };
		expect(run(first).map(([c]) => c)).toEqual(['a', 'b', 'c', 'd']);
		const snapshot = new Map(applied);
		expect(run(first)).toEqual([]);
		// One value changes class, another changes within its class: both are sent (v differs).
		expect(run({ ...first, a: 25, b: 16 })).toEqual([
			['a', { v: 25, out: false, c: '#c' }],
			['b', { v: 16, out: false, c: '#b' }]
		]);
		expect(run(first).map(([c]) => c)).toEqual(['a', 'b']);
		expect(applied).toEqual(snapshot);
		// New classes: only polygons whose colour changes.
		expect(run(first, [1, 20])).toEqual([['a', { v: 5, out: false, c: '#b' }]]);
	});
});

describe('autoLevel', () => {
	it('keeps hospital capacity by département at commune zoom, and says so; other indicators go down to communes', () => {
		for (const id of ['beds_adult_per100k', 'hdj_child_per100k', 'cmp_count', 'etp_psychiatrists_adult_count']) {
			const def = indicatorById(id)!;
			expect(autoLevel(def, 5, 7), id).toEqual({ level: 'departement', note: null });
			expect(autoLevel(def, 8, 7), id).toEqual({ level: 'departement', note: CAPACITY_AUTO_NOTE });
		}
		expect(CAPACITY_AUTO_NOTE).toMatch(/par département/);
		expect(autoLevel(indicatorById('population')!, 8, 7)).toEqual({ level: 'commune', note: null });
		expect(autoLevel(indicatorById('gp_practices_per10k')!, 8, 7)).toEqual({ level: 'commune', note: null });
		// Not computed per commune: département, nothing to say.
		expect(autoLevel(indicatorById('ms_esat_per1000_20_59')!, 8, 7)).toEqual({ level: 'departement', note: null });
	});
});
