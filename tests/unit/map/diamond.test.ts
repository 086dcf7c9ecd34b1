import { describe, expect, it } from 'vitest';
import { diamondImage } from '../../../src/lib/map/diamond';

const px = (img: ReturnType<typeof diamondImage>, x: number, y: number) => [...img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4)];

describe('the local-resource diamond', () => {
	const img = diamondImage(9, 2);
	it('is a square image at the pixel ratio, the diamond and its ring inside', () => {
		expect(img.width).toBe(44);
		expect(img.height).toBe(44);
		expect(img.pixelRatio).toBe(2);
		expect(img.data.length).toBe(44 * 44 * 4);
	});
	it('has a white centre, a black band, a white ring and a transparent outside', () => {
		// centre at (22, 22) device px; along the horizontal axis, CSS distance = |x - 22| / 2
		expect(px(img, 22, 22)).toEqual([255, 255, 255, 255]); // d = 0.25: white centre (≤ 5)
		expect(px(img, 22 + 14, 22)).toEqual([0, 0, 0, 255]); // d ≈ 7.25: black band (5 < d ≤ 9)
		expect(px(img, 22 + 19, 22)).toEqual([255, 255, 255, 255]); // d ≈ 9.75: white ring (9 < d ≤ 10.5)
		expect(px(img, 0, 0)[3]).toBe(0); // a corner: outside the diamond
		expect(px(img, 43, 22)[3]).toBe(0); // d ≈ 10.75 > 10.5
	});
	it('is symmetric (a diamond, not a tilted shape) and anti-aliased on its edge', () => {
		for (const [x, y] of [[30, 22], [22, 30], [27, 27], [40, 22]] as [number, number][])
			expect(px(img, x, y)).toEqual(px(img, 43 - x, 43 - y));
		const alphas = new Set<number>();
		for (let i = 3; i < img.data.length; i += 4) alphas.add(img.data[i]!);
		expect([...alphas].some((a) => a > 0 && a < 255)).toBe(true);
	});
});
