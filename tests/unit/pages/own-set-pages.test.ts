/**
 * An imported indicator keyed by the sectors of one imported set, on the gap and comparison page
 * models: another level or another set is said in French (gap page notice, comparison cell note),
 * never shown as an empty map or a blank cell. Pure models, no data engine needed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownIndicators } from '../../../src/lib/own-indicators/active.svelte';
import type { OwnIndicator } from '../../../src/lib/own-indicators/model';
import { GapsModel, type GapsDeps } from '../../../src/lib/pages/gaps.svelte';
import { compareRows } from '../../../src/lib/pages/compare.svelte';
import type { ActiveSet } from '../../../src/lib/territories/active.svelte';

const NOW = '2026-12-02T00:00:00.000Z';
const ind: OwnIndicator = {
	id: 'own-setpages001', name: 'File active par secteur', unit: 'patients', source: 'Test', year: 2024, favourable: 'neutral', priority: 1,
	level: 'sector', setId: 'its-set', mode: 'value', base: null, scale: 1, additive: false, reference: null, fileName: 'fa.csv',
	rows: [{ code: '23G01', v: 100 }], createdAt: NOW, updatedAt: NOW
};
const set = (id: string, name: string) => ({ id, key: `${id}:G`, name, kind: 'sector', type: 'G', level: 'sector' }) as unknown as ActiveSet;
const SETS = [set('its-set', 'Secteurs de la Creuse'), set('other-set', 'Autres secteurs')];

describe('indicator keyed by one set’s sectors', () => {
	beforeAll(() => {
		ownIndicators.items = [ind];
	});
	afterAll(() => {
		ownIndicators.items = [];
	});

	it('the gap page says so at another level or on another set, not on its own set', () => {
		const deps: GapsDeps = { port: { query: async () => [] }, database: async () => ({}) as never, sets: () => SETS, setsLoaded: () => true, ensureRegistered: async () => {} };
		const dep = new GapsModel(deps, `?v=1&ind=${ind.id}&niveau=departements`);
		expect(dep.indicator.id).toBe(ind.id);
		expect(dep.ownNotice).toMatch(/valeurs pour les secteurs du jeu « Secteurs de la Creuse » seulement.*choisissez ce jeu/);
		const other = new GapsModel(deps, `?v=1&ind=${ind.id}&niveau=secteurs&jeu=other-set:G`);
		expect(other.ownNotice).toMatch(/« Secteurs de la Creuse » seulement/);
		const mine = new GapsModel(deps, `?v=1&ind=${ind.id}&niveau=secteurs&jeu=its-set:G`);
		expect(mine.ownNotice).toBeNull();
		const gone = new GapsModel({ ...deps, sets: () => [SETS[1]!] }, `?v=1&ind=${ind.id}&niveau=departements`);
		expect(gone.ownNotice).toMatch(/n’est plus dans ce navigateur/);
	});

	it('the comparison gives a reason in the cells of another set or level, and asks nothing of the engine for them', async () => {
		const asked: string[] = [];
		const def = ownIndicators.defs[0]!;
		const rows = await compareRows(
			{ port: { query: async (sql: string) => (asked.push(sql), []) }, database: async () => ({}) as never, ensureRegistered: async () => {} } as never,
			[def],
			[
				{ key: 'departement:23', level: 'departement', code: '23', name: 'Creuse' },
				{ key: 'sector:other-set:G:23G01', level: 'sector', code: '23G01', name: 'Creuse G', setId: 'other-set', kind: 'G' }
			] as never
		).catch((e: Error) => e);
		if (rows instanceof Error) throw rows;
		expect(rows[0]!.cells.map((c) => c.note)).toEqual(['valeurs importées pour les secteurs d’un seul jeu de secteurs (celui du fichier)', 'valeurs importées pour les secteurs d’un seul jeu de secteurs (celui du fichier)']);
		expect(asked.some((s) => s.includes('own_indicator_values'))).toBe(false);
	});
});
