import { describe, expect, it } from 'vitest';
import type { IndicatorDef } from '../../../src/lib/indicators/types';
import { AUTO, mailleOptions, resolveMaille, type SetChoice } from '../../../src/lib/components/map/levels';

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
