import { describe, expect, it } from 'vitest';
import { COMPARE_GROUPS, OWN_GROUP_ID, withOwnGroups } from '../../../src/lib/compare/groups';
import { aggregationNote, checkOwnIndicator, newOwnId, ownIndicatorDef, ownLevels, ownViewKind, type OwnIndicator } from '../../../src/lib/own-indicators/model';
import { kindOf, setExtraViewKinds } from '../../../src/lib/projection/sequence';
import { setExtraViewDefs, viewDef } from '../../../src/lib/projection/defs';
import { levelsOf } from '../../../src/lib/indicators/sql';

const T = '2026-12-02T00:00:00.000Z';
const ind = (over: Partial<OwnIndicator> = {}): OwnIndicator => ({
	id: 'own-abcd1234',
	name: 'Passages aux urgences psychiatriques',
	unit: 'passages',
	source: 'ORS, tableau de bord',
	year: 2024,
	favourable: 'lower',
	priority: 4,
	level: 'commune',
	setId: null,
	mode: 'value',
	base: null,
	scale: 1,
	additive: true,
	reference: null,
	fileName: 'urgences.xlsx',
	rows: [{ code: '69123', v: 10 }],
	createdAt: T,
	updatedAt: T,
	...over
});

describe('own indicator records and catalogue entries', () => {
	it('levels: a sum goes up, a value stays at its level, EPCI only up to France, sectors only as sectors', () => {
		expect(ownLevels(ind())).toEqual(['commune', 'epci', 'departement', 'region', 'france']);
		expect(ownLevels(ind({ additive: false }))).toEqual(['commune']);
		expect(ownLevels(ind({ level: 'epci' }))).toEqual(['epci', 'france']);
		expect(levelsOf(ownIndicatorDef(ind({ level: 'sector', setId: 'set-1', additive: false })))).toEqual(['sector']);
		expect(aggregationNote(ind({ additive: false }))).toMatch(/n’existent qu’à ce niveau/);
	});
	it('the entry says « donnée importée », its source, and a sum is compared like a count', () => {
		const d = ownIndicatorDef(ind());
		expect(d.label).toBe('Passages aux urgences psychiatriques (donnée importée)');
		expect(d.imported).toBe('Donnée importée — ORS, tableau de bord, 2024 (fichier « urgences.xlsx »)');
		expect(d.vintage).toMatch(/^Donnée importée — ORS/);
		expect(d.count).toEqual({ noun: 'passages', base: 'total', scale: 100_000 });
		expect(d.priority).toBe(4);
		const r = ownIndicatorDef(ind({ mode: 'ratio', base: 'age_20_59', scale: 1000, year: 2021 }));
		expect(r.unit).toBe('passages pour 1 000 habitants de 20 à 59 ans');
		expect(r.measure).toMatchObject({ table: 'own_values', popYear: 2022 });
		expect(r.estimateLevels).toEqual(['commune', 'epci']);
		expect(r.count).toBeUndefined();
	});
	it('a user reference becomes a published, comparable reference', () => {
		expect(ownIndicatorDef(ind({ reference: { value: 3.5, label: 'Moyenne nationale' } })).references).toEqual([
			{ label: 'Moyenne nationale', value: 3.5, year: '2024', source: 'Saisie par l’utilisateur (donnée importée)' }
		]);
	});
	it('checks: ratios by sector refused, ids app-shaped, a fresh id passes', () => {
		expect(checkOwnIndicator(ind({ level: 'sector', setId: 's', mode: 'ratio', base: 'total', scale: 100 })).ok).toBe(false);
		expect(checkOwnIndicator(ind({ id: newOwnId() })).ok).toBe(true);
		expect(checkOwnIndicator(ind({ level: 'sector', setId: null })).ok).toBe(false);
	});
	it('compare groups: under its priority and in a group of its own', () => {
		const d = ownIndicatorDef(ind());
		const groups = withOwnGroups(COMPARE_GROUPS, [d]);
		expect(groups.find((g) => g.id === 'p4')!.items.at(-1)).toBe(d);
		expect(groups.at(-1)).toMatchObject({ id: OWN_GROUP_ID, items: [d] });
		expect(withOwnGroups(COMPARE_GROUPS, [])).toEqual(COMPARE_GROUPS);
	});
	it('projection: a view by EPCI (départements and sectors too); values not summed have none; a région file a région view; lookups see it', () => {
		expect(ownViewKind(ind())).toMatchObject({ id: 'own-abcd1234', maille: 'epci', mailles: ['departement', 'epci', 'sector'] });
		expect(ownViewKind(ind({ additive: false }))).toBeNull();
		expect(ownViewKind(ind({ level: 'region' }))).toMatchObject({ maille: 'region', mailles: ['region'] });
		expect(ownViewKind(ind({ level: 'region', additive: false }))).toMatchObject({ maille: 'region', mailles: ['region'] });
		const k = ownViewKind(ind())!;
		setExtraViewKinds([k]);
		setExtraViewDefs([ownIndicatorDef(ind())]);
		expect(kindOf('own-abcd1234')).toBe(k);
		expect(viewDef('own-abcd1234')?.label).toMatch(/donnée importée/);
		setExtraViewKinds([]);
		expect(kindOf('own-abcd1234')).toBeUndefined();
	});
});
