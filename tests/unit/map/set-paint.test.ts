import { describe, expect, it } from 'vitest';
import { colourChanges, sameEntries, setPaint } from '../../../src/lib/map/territory-colours';

// A row of communes a-b-c-d-e-f.
const chain = ['a', 'b', 'c', 'd', 'e', 'f'];
const neighbours = (c: string) => {
	const i = chain.indexOf(c);
	return [chain[i - 1], chain[i + 1]].filter((x): x is string => !!x);
};
const PALETTE = ['red', 'blue', 'green'];

describe('setPaint', () => {
	it('owns each commune by the first territory listing it and colours neighbours apart', () => {
		const list = [
			{ code: 'T1', communes: ['a', 'b'] },
			{ code: 'T2', communes: ['b', 'c'] },
			{ code: 'T3', communes: ['d'] }
		];
		const p = setPaint(list, neighbours, PALETTE);
		expect([...p.owner].map(([c, t]) => [c, t.code])).toEqual([
			['a', 'T1'],
			['b', 'T1'],
			['c', 'T2'],
			['d', 'T3']
		]);
		expect(p.territoryColour.get('T1')).not.toBe(p.territoryColour.get('T2'));
		expect(p.territoryColour.get('T2')).not.toBe(p.territoryColour.get('T3'));
		for (const [c, t] of p.owner) expect(p.colourOf.get(c)).toBe(p.territoryColour.get(t.code));
		expect(p.colourOf.has('e')).toBe(false);
	});
});

describe('colourChanges', () => {
	it('lists the communes whose colour changed, those added, and those no longer drawn (null)', () => {
		const prev = new Map([
			['a', 'red'],
			['b', 'red'],
			['c', 'blue']
		]);
		const next = new Map([
			['a', 'red'],
			['b', 'green'],
			['d', 'blue']
		]);
		expect(colourChanges(prev, next)).toEqual([
			['b', 'green'],
			['d', 'blue'],
			['c', null]
		]);
	});

	it('sends one commune when a custom territory gains one and keeps its colour', () => {
		const before = setPaint([{ code: 'T', communes: ['a', 'b'] }], neighbours, PALETTE);
		const after = setPaint([{ code: 'T', communes: ['a', 'b', 'c'] }], neighbours, PALETTE);
		expect(colourChanges(before.colourOf, after.colourOf)).toEqual([['c', after.territoryColour.get('T')]]);
		expect(colourChanges(after.colourOf, after.colourOf)).toEqual([]);
	});
});

describe('sameEntries', () => {
	it('compares keys and values, optionally through a key of the value', () => {
		expect(sameEntries(new Map([['a', 1]]), new Map([['a', 1]]))).toBe(true);
		expect(sameEntries(new Map([['a', 1]]), new Map([['a', 2]]))).toBe(false);
		expect(sameEntries(new Map([['a', 1]]), new Map([['b', 1]]))).toBe(false);
		expect(sameEntries(new Map([['a', 1]]), new Map([['a', 1], ['b', 1]]))).toBe(false);
		const t = (code: string) => ({ code });
		expect(sameEntries(new Map([['a', t('X')]]), new Map([['a', t('X')]]), (v) => v.code)).toBe(true);
		expect(sameEntries(new Map([['a', t('X')]]), new Map([['a', t('Y')]]), (v) => v.code)).toBe(false);
	});
});
