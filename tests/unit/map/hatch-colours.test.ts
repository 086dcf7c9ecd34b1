import { describe, expect, it } from 'vitest';
import { hatchImage } from '../../../src/lib/map/hatch';
import { colourTerritories } from '../../../src/lib/map/territory-colours';

const ink = [1, 2, 3] as const;
const bg = [200, 200, 200] as const;
const px = (img: { width: number; data: Uint8Array }, x: number, y: number) => [...img.data.slice((y * img.width + x) * 4, (y * img.width + x) * 4 + 4)];

describe('hatchImage', () => {
	it('draws opaque 2-pixel diagonal stripes, shifted by the phase', () => {
		const a = hatchImage({ background: bg, ink });
		expect(a.width).toBe(8);
		expect(a.data.length).toBe(8 * 8 * 4);
		expect(px(a, 0, 0)).toEqual([...ink, 255]);
		expect(px(a, 1, 0)).toEqual([...ink, 255]);
		expect(px(a, 2, 0)).toEqual([...bg, 255]);
		expect(px(a, 7, 0)).toEqual([...bg, 255]);
		// phase 1: the stripe covers x + y ≡ 7 and 0 (mod 8), the main map's pattern
		const b = hatchImage({ background: bg, ink, phase: 1 });
		expect(px(b, 7, 0)).toEqual([...ink, 255]);
		expect(px(b, 0, 0)).toEqual([...ink, 255]);
		expect(px(b, 1, 0)).toEqual([...bg, 255]);
		let inked = 0;
		for (let i = 0; i < 64; i++) if (b.data[i * 4] === ink[0]) inked++;
		expect(inked).toBe(16);
	});
});

describe('colourTerritories', () => {
	// A row of communes a-b-c-d-e; territories T1 = {a, b}, T2 = {c}, T3 = {d, e}.
	const chain = ['a', 'b', 'c', 'd', 'e'];
	const neighbours = (c: string) => {
		const i = chain.indexOf(c);
		return [chain[i - 1], chain[i + 1]].filter((x): x is string => !!x);
	};
	const list = [
		{ code: 'T1', communes: ['a', 'b'] },
		{ code: 'T2', communes: ['c'] },
		{ code: 'T3', communes: ['d', 'e'] }
	];
	const owner = new Map(list.flatMap((t) => t.communes.map((c) => [c, t.code] as const)));

	it('gives neighbours different colours and reuses colours between territories that do not touch', () => {
		const idx = colourTerritories(list, owner, neighbours, 7);
		expect(idx.get('T2')).toBe(0); // most neighbours: coloured first
		expect(idx.get('T1')).not.toBe(idx.get('T2'));
		expect(idx.get('T3')).not.toBe(idx.get('T2'));
		expect(idx.get('T1')).toBe(idx.get('T3'));
	});

	it('does not depend on the order of the list', () => {
		expect([...colourTerritories([...list].reverse(), owner, neighbours, 7)].sort()).toEqual([...colourTerritories(list, owner, neighbours, 7)].sort());
	});

	it('wraps around when the palette is too small', () => {
		// Four mutually adjacent territories, a palette of three.
		const all = ['w', 'x', 'y', 'z'];
		const l = all.map((c) => ({ code: c.toUpperCase(), communes: [c] }));
		const o = new Map(all.map((c) => [c, c.toUpperCase()]));
		const idx = colourTerritories(l, o, (c) => all.filter((n) => n !== c), 3);
		expect([...idx.values()].sort()).toEqual([0, 0, 1, 2]);
	});
});
