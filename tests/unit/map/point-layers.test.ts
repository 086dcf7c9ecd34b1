import { describe, expect, it } from 'vitest';
import { PICK_ORDER, POINT_LAYERS, pointTooltip } from '../../../src/lib/components/map/point-layers';
import { clusterLayer, LOCAL_LAYER, pointLayer } from '../../../src/lib/components/map/facility-layers';
import { FAMILY_LABELS_FR } from '../../../src/lib/facilities/kinds';

describe('main map point tooltips', () => {
	it('says how an SAE establishment is placed', () => {
		expect(pointTooltip('sae-site', { name: 'CH Le Vinatier', fi: '690780036' })).toEqual({
			title: 'CH Le Vinatier',
			lines: ['Position : site hospitalier (exacte)', 'FINESS 690780036']
		});
		expect(pointTooltip('sae-commune', {}).lines[0]).toBe('Position approchée : centre de la commune');
		expect(pointTooltip('sae-commune', {}).title).toBe('Établissement');
	});

	it('counts a cluster in French format and names its family', () => {
		const t = pointTooltip(clusterLayer('medsoc'), { point_count: 1234 });
		expect(t.title).toBe('1\u202f234 structures proches');
		expect(t.lines).toEqual([FAMILY_LABELS_FR.medsoc, 'Cliquer pour zoomer']);
		expect(t.lines).toHaveLength(2);
	});

	it('gives a FINESS site its kind, category and number, and a local resource its label', () => {
		const f = pointTooltip(pointLayer('ambulatory'), { name: 'CMP adultes', kind: 'cmp', category_label: 'Centre Médico-Psychologique', finess: '690000001' });
		expect(f.title).toBe('CMP adultes');
		expect(f.lines.slice(1)).toEqual(['Catégorie FINESS : Centre Médico-Psychologique', 'Cliquer pour la fiche', 'FINESS 690000001']);
		expect(f.lines[0]).not.toBe('cmp'); // the short French label, not the code
		expect(pointTooltip(LOCAL_LAYER, { name: 'GEM', kindLabel: 'GEM' }).lines).toEqual(['GEM — ressource ajoutée localement', 'Cliquer pour la fiche']);
	});

	it('picks FINESS marks before the SAE ones they cover', () => {
		expect(new Set(PICK_ORDER)).toEqual(new Set(POINT_LAYERS));
		expect(PICK_ORDER.indexOf(LOCAL_LAYER)).toBe(0);
		expect(PICK_ORDER.indexOf('sae-site')).toBeGreaterThan(PICK_ORDER.indexOf(pointLayer('ambulatory')));
	});
});
