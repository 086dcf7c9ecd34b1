/**
 * The local-resource mark of the maps: a black diamond ringed with white, with a white centre
 * (a shape no FINESS family uses), as RGBA pixels for `map.addImage`. Computed, not drawn on a
 * canvas: a page's first 2D canvas costs 60–200 ms of start-up (measured in headless Chromium),
 * and this image is made while the first map is set up. Pure: unit-tested in Node.
 */
export interface DiamondImage {
	width: number;
	height: number;
	data: Uint8Array;
	pixelRatio: number;
}

const SUB = 4; // samples per pixel side, for smooth edges

/**
 * `half`: half-diagonal of the black diamond in CSS px; the white ring extends 1.5 px beyond it,
 * the white centre has a half-diagonal of `half - 4`.
 */
export function diamondImage(half = 9, ratio = 2): DiamondImage {
	const size = (half + 2) * 2 * ratio;
	const c = half + 2; // centre, CSS px
	const data = new Uint8Array(size * size * 4);
	for (let py = 0; py < size; py++)
		for (let px = 0; px < size; px++) {
			let covered = 0;
			let white = 0;
			for (let sy = 0; sy < SUB; sy++)
				for (let sx = 0; sx < SUB; sx++) {
					const x = (px + (sx + 0.5) / SUB) / ratio;
					const y = (py + (sy + 0.5) / SUB) / ratio;
					const d = Math.abs(x - c) + Math.abs(y - c);
					if (d > half + 1.5) continue;
					covered++;
					if (d > half || d <= half - 4) white++;
				}
			if (!covered) continue;
			const i = (py * size + px) * 4;
			const grey = Math.round((255 * white) / covered);
			data[i] = data[i + 1] = data[i + 2] = grey;
			data[i + 3] = Math.round((255 * covered) / (SUB * SUB));
		}
	return { width: size, height: size, data, pixelRatio: ratio };
}
