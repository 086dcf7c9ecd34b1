/**
 * The "no value" hatch of the maps: an RGBA tile of diagonal stripes for a MapLibre
 * `fill-pattern` (added with `map.addImage`). Pure: unit-tested in Node.
 */
export type RGB = readonly [number, number, number];

export interface HatchSpec {
	background: RGB;
	ink: RGB;
	/** tile side in pixels */
	size?: number;
	/** stripe width in pixels */
	width?: number;
	/** shifts the stripes along the diagonal (the maps' two patterns differ only by this) */
	phase?: number;
}

export function hatchImage({ background, ink, size = 8, width = 2, phase = 0 }: HatchSpec): { width: number; height: number; data: Uint8Array } {
	const data = new Uint8Array(size * size * 4);
	for (let y = 0; y < size; y++)
		for (let x = 0; x < size; x++) data.set([...((x + y + phase) % size < width ? ink : background), 255], (y * size + x) * 4);
	return { width: size, height: size, data };
}
