/**
 * GeoJSON export of a territory set: each territory is the union of its member communes, merged
 * on the commune topology's shared arcs (topojson-client `merge`: inner boundaries disappear,
 * no polygon clipping). Pure: unit-tested in Node.
 */
import { merge } from 'topojson-client';
import type { Manifest } from '../db/types';
import { normaliseHeader } from '../geo/sector-import';
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import type { GeometryCollection, MultiPolygon as TopoMultiPolygon, Polygon as TopoPolygon, Topology } from 'topojson-specification';

export interface ExportedTerritory {
	code: string;
	name: string;
	/** 'G' | 'I' (psychiatric sector) or 'custom' */
	type: string;
	communes: readonly string[];
	/** sum of the members' legal populations (communes table), null when unknown */
	population: number | null;
}

export interface TerritoryProperties {
	code: string;
	name: string;
	type: string;
	n_communes: number;
	population: number | null;
	/** sources, vintages and licences of the geometry and the populations */
	source: string;
}

export const GEOJSON_MIME = 'application/geo+json';

/**
 * One MultiPolygon feature per territory. Members absent from the topology (a code the contours
 * do not know) add no geometry but still count in `n_communes`: the figure describes the territory.
 */
export function territoriesGeoJson(
	topo: Topology,
	territories: readonly ExportedTerritory[],
	source: string,
	object = 'communes'
): FeatureCollection<MultiPolygon, TerritoryProperties> {
	const obj = topo.objects[object] as GeometryCollection | undefined;
	if (!obj) throw new Error(`Objet « ${object} » absent du fichier TopoJSON`);
	const byCode = new Map<string, TopoPolygon | TopoMultiPolygon>();
	for (const g of obj.geometries)
		if (g.type === 'Polygon' || g.type === 'MultiPolygon') byCode.set(String(g.id), g);
	const features = territories.map((t): Feature<MultiPolygon, TerritoryProperties> => {
		const parts = [...new Set(t.communes)].flatMap((c) => byCode.get(c) ?? []);
		return {
			type: 'Feature',
			id: t.code,
			geometry: merge(topo, parts),
			properties: {
				code: t.code,
				name: t.name,
				type: t.type,
				n_communes: t.communes.length,
				population: t.population,
				source
			}
		};
	});
	return { type: 'FeatureCollection', features };
}

/**
 * The `source` property: the sources of the commune contours artefact (contours + COG, which also
 * gives the populations), with vintage and licence, as the manifest records them.
 */
export function geojsonSourceNote(manifest: Manifest, file = 'communes.topojson'): string {
	const ids = manifest.artefacts.find((a) => a.file === file)?.sources ?? [];
	const notes = ids.flatMap((id) => manifest.sources.filter((x) => x.id === id && x.available));
	if (!notes.length) throw new Error(`Sources de ${file} absentes du manifeste : reconstruisez les données (npm run data).`);
	return notes.map((x) => `${x.title} — ${x.publisher} — ${x.vintage} — ${x.licence}`).join(' ; ');
}

/** File name from a set or territory name: ASCII letters, digits and dashes only. */
export function geojsonFileName(name: string): string {
	const slug = normaliseHeader(name).replace(/ /g, '-').slice(0, 60);
	return `territoires-${slug || 'export'}.geojson`;
}
