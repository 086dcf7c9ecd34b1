/**
 * The directory's map data: filtered rows as GeoJSON points, one colour per family
 * (Okabe-Ito, colour-blind safe). Pure.
 */
import { FAMILY_STYLE } from '../facilities/style';
import type { Feature, FeatureCollection, Point } from 'geojson';
import { familyOf, kindShort, type DirectoryFamily, type DirectoryIndex, type DirectoryRow } from './directory';

/** The main map's family colours (facilities/style.ts), so both maps read alike; local resources: black ring on white. */
export const FAMILY_COLORS: Readonly<Record<DirectoryFamily, string>> = {
	hospital: FAMILY_STYLE.hospital.fill,
	ambulatory: FAMILY_STYLE.ambulatory.fill,
	medsoc: FAMILY_STYLE.medsoc.fill,
	primary: FAMILY_STYLE.primary.fill,
	local: '#000000'
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
