/**
 * Editing an imported indicator after import: the import's checks in French, one write in the
 * browser's store (fake-indexeddb stands in for IndexedDB), the shared list and its catalogue
 * entry replaced (so every page's entries follow), the rows, level and creation date kept, and the
 * workspace file carrying the new description. A failed write changes nothing.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { descriptionErrors, descriptionOf, editedIndicator, refNumber } from '../../../src/lib/own-indicators/describe';
import type { OwnIndicator } from '../../../src/lib/own-indicators/model';

const NOW = '2026-12-02T00:00:00.000Z';
const ind: OwnIndicator = {
	id: 'own-editme00001', name: 'Passages aux urgences', unit: 'passages', source: 'ORS, tableau de bord', year: 2023,
	favourable: 'neutral', priority: 2, level: 'departement', setId: null, mode: 'value', base: null, scale: 1, additive: true,
	reference: { value: 12.5, label: 'moyenne publiée' }, fileName: 'urgences.csv', rows: [{ code: '23', v: 12 }, { code: '87', v: 40 }], createdAt: NOW, updatedAt: NOW
};

describe('description checks (shared with the import)', () => {
	it('French reasons, one per field; the stored description round-trips through the form', () => {
		const d = descriptionOf(ind);
		expect(d.refValue).toBe('12,5');
		expect(descriptionErrors(d)).toEqual([]);
		expect(descriptionErrors({ ...d, name: ' ', unit: '', source: '', year: '1800', refValue: 'douze' })).toEqual([
			'Donnez un nom à l’indicateur.',
			'Indiquez son unité.',
			'Indiquez sa source (producteur, fichier, date).',
			'Année : un nombre entier entre 1900 et 2100.',
			'Valeur de référence : écrivez un nombre (par exemple 12,5).'
		]);
		expect(refNumber('1 234,5')).toBe(1234.5);
		expect(refNumber('-3.25')).toBe(-3.25);
	});

	it('the edited record keeps the rows, level, mode and creation date, and is checked like a stored one', () => {
		const c = editedIndicator(ind, { ...descriptionOf(ind), name: '  Passages (ORS) ', year: '2024', refValue: '', priority: 5 }, new Date('2026-12-03T00:00:00Z'));
		expect(c.ok).toBe(true);
		if (!c.ok) return;
		expect(c.value).toMatchObject({ name: 'Passages (ORS)', year: 2024, priority: 5, reference: null, level: 'departement', additive: true, createdAt: NOW, updatedAt: '2026-12-03T00:00:00.000Z' });
		expect(c.value.rows).toEqual(ind.rows);
		const bad = editedIndicator(ind, { ...descriptionOf(ind), name: 'x\u202e' });
		expect(bad.ok).toBe(false);
	});
});

describe('edit saved in the browser', () => {
	beforeAll(() => {
		globalThis.indexedDB = new IDBFactory();
	});

	it('stored, listed, offered with the new label and priority, exported; refused edits change nothing', async () => {
		const store = await import('../../../src/lib/own-indicators/store');
		const { ownIndicators } = await import('../../../src/lib/own-indicators/active.svelte');
		const { OwnEditModel } = await import('../../../src/lib/pages/own-edit.svelte');
		const { readCurrent } = await import('../../../src/lib/workspace/browser');
		await store.saveOwnIndicators([ind]);
		await ownIndicators.load();
		expect(ownIndicators.items.map((x) => x.id)).toEqual([ind.id]);

		const m = new OwnEditModel();
		m.open(ownIndicators.items[0]!);
		m.name = '';
		m.year = '20x4';
		expect(await m.save()).toBe(false);
		expect(m.errors).toContain('Donnez un nom à l’indicateur.');
		expect(m.errors).toContain('Année : un nombre entier entre 1900 et 2100.');
		expect((await store.listOwnIndicators()).items[0]!.name).toBe('Passages aux urgences');

		m.name = 'Passages aux urgences (ORS)';
		m.year = '2024';
		m.unit = 'passages pour 1 000 habitants';
		m.favourable = 'lower';
		m.priority = 5;
		m.refValue = '30,5';
		m.refLabel = 'moyenne régionale publiée';
		expect(await m.save()).toBe(true);
		expect(m.id).toBeNull();
		expect(m.saved).toMatch(/modifié/);

		const stored = (await store.listOwnIndicators()).items[0]!;
		expect(stored).toMatchObject({ name: 'Passages aux urgences (ORS)', year: 2024, favourable: 'lower', priority: 5, reference: { value: 30.5, label: 'moyenne régionale publiée' }, createdAt: NOW });
		expect(stored.rows).toEqual(ind.rows);
		expect(stored.updatedAt).not.toBe(NOW);
		const def = ownIndicators.defs.find((d) => d.id === ind.id)!;
		expect(def.label).toBe('Passages aux urgences (ORS) (donnée importée)');
		expect(def.priority).toBe(5);
		expect(def.favourable).toBe('lower');
		expect(def.vintage).toContain('2024');
		expect(def.references?.[0]).toMatchObject({ value: 30.5, label: 'moyenne régionale publiée' });
		const current = await readCurrent();
		expect((current.own_indicators[0] as unknown as OwnIndicator).name).toBe('Passages aux urgences (ORS)');

		// A failing write: the shared list keeps the stored description.
		const failing = new OwnEditModel({ save: async () => { throw new Error('L’espace de stockage du navigateur est plein.'); } });
		failing.open(ownIndicators.items[0]!);
		failing.name = 'Autre nom';
		expect(await failing.save()).toBe(false);
		expect(failing.saveError).toBe('Rien n’a été modifié : L’espace de stockage du navigateur est plein.');
		expect(failing.id).toBe(ind.id);
		expect(ownIndicators.items[0]!.name).toBe('Passages aux urgences (ORS)');
	});
});
