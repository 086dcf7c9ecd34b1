import { describe, expect, it } from 'vitest';
import { foldCandidates, levelLabel, rankTerritories, type TerritoryCandidate } from '../../../src/lib/geo/territory-search.ts';

// Real names: Vienne is a commune of the Isère (38544) and a département (86); the sector and
// custom territory are how a planner names them in an imported file.
const C: TerritoryCandidate[] = [
	{ key: 'commune:38544', level: 'commune', code: '38544', name: 'Vienne', detail: '38' },
	{ key: 'departement:86', level: 'departement', code: '86', name: 'Vienne', detail: '86' },
	{ key: 'departement:87', level: 'departement', code: '87', name: 'Haute-Vienne', detail: '87' },
	{ key: 'commune:38053', level: 'commune', code: '38053', name: 'Bourgoin-Jallieu', detail: '38' },
	{ key: 's1:G:38G10', level: 'sector', code: '38G10', name: 'Vienne', detail: 'jeu « Isère »', setId: 's1', kind: 'G' },
	{ key: 's1:I:38I03', level: 'sector', code: '38I03', name: 'Nord-Isère Vienne', detail: 'jeu « Isère »', setId: 's1', kind: 'I' },
	{ key: 'c1:custom:t1', level: 'custom', code: 't1', name: 'Vienne et Roussillon', detail: 'jeu « CLSM »', setId: 'c1', kind: 'custom' },
	{ key: 'region:84', level: 'region', code: '84', name: 'Auvergne-Rhône-Alpes', detail: '' },
	{ key: 'departement:69', level: 'departement', code: '69', name: 'Rhône', detail: '69' }
];
const F = foldCandidates(C);
const keys = (q: string, ex?: Set<string>) => rankTerritories(F, q, ex).map((c) => c.key);

describe('rankTerritories', () => {
	it('puts imported sectors and custom territories before homonymous communes and départements', () => {
		const r = keys('vienne');
		expect(r.slice(0, 3).sort()).toEqual(['c1:custom:t1', 's1:G:38G10', 's1:I:38I03'].sort());
		expect(r.indexOf('s1:G:38G10')).toBeLessThan(r.indexOf('commune:38544'));
		expect(r.indexOf('departement:86')).toBeLessThan(r.indexOf('commune:38544'));
		expect(r.indexOf('commune:38544')).toBeLessThan(r.indexOf('departement:87')); // exact name before a word match
	});
	it('keeps exact administrative names first when no own territory matches', () => {
		expect(keys('Rhône')[0]).toBe('departement:69');
		expect(keys('rhone')).toContain('region:84');
		expect(keys('69')[0]).toBe('departement:69');
	});
	it('ignores accents, case and hyphens, and leaves chosen territories out', () => {
		expect(keys('bourgoin jallieu')).toEqual(['commune:38053']);
		expect(keys('vienne', new Set(['s1:G:38G10']))).not.toContain('s1:G:38G10');
		expect(keys('  ')).toEqual([]);
	});
	it('labels each suggestion with its level', () => {
		expect(C.map(levelLabel)).toEqual([
			'Commune',
			'Département',
			'Département',
			'Commune',
			'Secteur adultes',
			'Secteur infanto-juvénile',
			'Territoire personnalisé',
			'Région',
			'Département'
		]);
	});
});
