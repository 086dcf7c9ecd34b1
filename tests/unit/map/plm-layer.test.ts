/**
 * What an arrondissement of Paris, Lyon or Marseille shows on the main map (plm-layer.ts): its own
 * value when there is one, else its city's, said in the tooltip; at composite levels the
 * territory owning it, or its city's owner; and the commune labels with the cities replaced by
 * their arrondissements.
 */
import { describe, expect, it } from 'vitest';
import { plmState, plmTooltip, plmValue, shortArrondissementName, withArrondissementLabels } from '../../../src/lib/components/map/plm-layer';
import type { LabelSource } from '../../../src/lib/components/map/labels';
import type { IndicatorValue } from '../../../src/lib/indicators/types';
import type { GeoLayer } from '../../../src/lib/map/geometry';

const v = (code: string, value: number | null, name = code): IndicatorValue => ({ code, name, value, numerator: null, denominator: null }) as IndicatorValue;
const fmt = (x: number | null) => (x === null ? 'non disponible' : String(x));
const values = new Map([['75056', v('75056', 10, 'Paris')], ['S1', v('S1', 3, 'Sud')], ['S2', v('S2', 7, 'Lyon')]]);

describe('plm layer', () => {
	it('commune level: its own value, else the city value, said so', () => {
		const units = new Map([['75113', v('75113', 4)]]);
		const p = { composite: false, values, unitValues: units, owner: null };
		expect(plmValue('75113', p)).toMatchObject({ territory: '75113', own: true, value: { value: 4 } });
		expect(plmValue('75114', p)).toMatchObject({ territory: '75056', own: false, value: { value: 10 } });
		const layer = { names: new Map([['75114', 'Paris 14e Arrondissement']]) } as unknown as GeoLayer;
		const t = plmTooltip('75114', layer, p, fmt);
		expect(t.title).toBe('Paris 14e Arrondissement (75114)');
		expect(t.lines).toEqual(['10', 'Valeur de la commune entière (Paris) : non disponible par arrondissement']);
		expect(plmTooltip('75113', layer, p, fmt).lines[1]).toBe('Valeur de l’arrondissement');
	});

	it('composite levels: the arrondissement owner, the city owner, or outside', () => {
		const owner = new Map([['75113', 'S1'], ['69123', 'S2']]);
		const p = { composite: true, values, unitValues: new Map(), owner, breaks: [5], colors: ['#aaa', '#bbb'], visible: true };
		expect(plmValue('75113', p)).toMatchObject({ territory: 'S1', own: true });
		expect(plmValue('69381', p)).toMatchObject({ territory: 'S2', own: false });
		expect(plmState('75114', p)).toMatchObject({ out: true, v: null });
		expect(plmState('75113', p)).toMatchObject({ out: false, v: 3, c: '#aaa' });
		expect(plmState('69385', p)).toMatchObject({ out: false, v: 7, c: '#bbb' });
		expect(plmTooltip('75114', null, p, fmt).lines).toEqual(['Hors des territoires de cette maille']);
		// The same title as a commune polygon of the level: « EPCI Métropole de Lyon (…) ».
		expect(plmTooltip('69381', null, p, fmt, 'Secteur').title).toBe('Secteur Lyon (S2)');
	});

	it('labels: the cities give way to their arrondissements', () => {
		const src: LabelSource = { codes: ['75056', '92012'], name: (c) => `n${c}`, bbox: () => [0, 0, 1, 1], point: () => [0.5, 0.5] };
		const units = { codes: ['75101', '75102'] } as unknown as GeoLayer;
		const unitSrc: LabelSource = { codes: units.codes, name: (c) => `a${c}`, bbox: () => [2, 2, 3, 3], point: () => [2.5, 2.5] };
		const out = withArrondissementLabels(src, units, unitSrc);
		expect(out.codes).toEqual(['92012', '75101', '75102']);
		expect(out.name('75101')).toBe('a75101');
		expect(out.point('75102')).toEqual([2.5, 2.5]);
		expect(out.name('92012')).toBe('n92012');
		expect(withArrondissementLabels(src, null, null)).toBe(src);
		expect(shortArrondissementName('Paris 1er Arrondissement')).toBe('Paris 1er');
		expect(shortArrondissementName('Marseille 13e Arrondissement')).toBe('Marseille 13e');
	});
});
