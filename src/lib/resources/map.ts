/**
 * The directory's map data: filtered rows as GeoJSON points, one colour per family
 * (Okabe-Ito, colour-blind safe). Pure.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import { familyOf, kindShort, type DirectoryFamily, type DirectoryIndex, type DirectoryRow } from './directory';

export const FAMILY_COLORS: Readonly<Record<DirectoryFamily, string>> = {
	hospital: '#D55E00', // vermilion
	ambulatory: '#0072B2', // blue
	medsoc: '#009E73', // bluish green
	primary: '#CC79A7', // reddish purple
	local: '#000000' // local resources: black ring on white
};

export interface PointProps {
	id: string;
	name: string;
	kindLabel: string;
	family: DirectoryFamily;
	origin: DirectoryRow['origin'];
}

const cache = new WeakMap<DirectoryIndex, (Feature<Point, PointProps> | null)[]>();

/** The selection's points; features are built once per index and reused at every keystroke. */
export function pointsOf(index: DirectoryIndex, selected: Uint32Array): FeatureCollection<Point, PointProps> {
	let all = cache.get(index);
	if (!all) {
		all = index.rows.map((r) =>
			r.lon === null || r.lat === null
				? null
				: {
						type: 'Feature',
						geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
						properties: {
							id: r.id,
							name: r.name,
							kindLabel: r.origin === 'local' ? `${kindShort(r.kind)} — ressource ajoutée localement` : kindShort(r.kind),
							family: familyOf(r.kind),
							origin: r.origin
						}
					}
		);
		cache.set(index, all);
	}
	const features: Feature<Point, PointProps>[] = [];
	for (const i of selected) {
		const f = all[i];
		if (f) features.push(f);
	}
	return { type: 'FeatureCollection', features };
}
