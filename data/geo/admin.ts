/**
 * Département and région boundaries (Etalab contours administratifs, 1000 m) as one topology:
 * objects `departements` (id = code), `regions` (id = région code, merged from its départements so
 * the two layers share their borders exactly) and, optionally, `france` (the outline).
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { mergeArcs } from 'topojson-client';
import { topology as buildTopology } from 'topojson-server';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import { simplifyTopology, type SimplifyOptions } from './topology.ts';

/** Collectivités d'outre-mer present in the Etalab file but outside the app's scope (metropole + DROM). */
export const COM_DEPARTEMENTS = ['975', '977', '978', '984', '986', '987', '988', '989'] as const;

/** Metropole (01–95 with 2A/2B, no 20) and the five DROM. */
export function isMetroOrDrom(code: string): boolean {
	return /^(0[1-9]|1[0-9]|2[AB1-9]|[3-8][0-9]|9[0-5])$/.test(code) || /^97[1-46]$/.test(code);
}

export type AdminTopology = Topology<{
	departements: GeometryCollection;
	regions: GeometryCollection;
	france?: GeometryCollection;
}>;

export interface AdminReport {
	features: number;
	departements: number;
	regions: number;
	/** Features outside metropole + DROM (the COM), dropped. */
	dropped: { code: string; name: string }[];
	/** Kept départements with no région in the map (left out of `regions`). */
	noRegion: string[];
	/** Départements whose file property `region` differs from the map (the map wins). */
	regionMismatch: { dep: string; file: string; map: string }[];
	/** Expected départements (map keys, metropole + DROM) missing from the file. */
	missing: string[];
}

export interface AdminOptions {
	/** Add the `france` outline object (one MultiPolygon, id 'FR'). Default true. */
	outline?: boolean;
	/** Simplification; null keeps the unsimplified, unquantized topology. */
	simplify?: SimplifyOptions | null;
}

/** Light simplification: the source is already generalised to 1000 m. */
export const ADMIN_SIMPLIFY: SimplifyOptions = { minAreaKm2: 0.05, minPolygonKm2: 0.5, quantization: 1e5 };

/**
 * @param fc départements GeoJSON with properties {code, nom, region?}
 * @param depToReg département code → région code (from COG departements.json)
 */
export function buildAdminTopology(
	fc: FeatureCollection,
	depToReg: Map<string, string>,
	opts: AdminOptions = {}
): { topology: AdminTopology; report: AdminReport } {
	const report: AdminReport = {
		features: fc.features.length,
		departements: 0,
		regions: 0,
		dropped: [],
		noRegion: [],
		regionMismatch: [],
		missing: []
	};
	const kept: { code: string; feature: Feature }[] = [];
	for (const f of fc.features) {
		const code = String(f.properties?.code ?? '');
		const g = f.geometry;
		if (!isMetroOrDrom(code) || !g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
			report.dropped.push({ code, name: String(f.properties?.nom ?? '') });
			continue;
		}
		const fileReg = f.properties?.region;
		const mapReg = depToReg.get(code);
		if (fileReg != null && mapReg != null && String(fileReg) !== mapReg) report.regionMismatch.push({ dep: code, file: String(fileReg), map: mapReg });
		kept.push({ code, feature: { type: 'Feature', properties: null, geometry: g as Polygon | MultiPolygon } });
	}
	kept.sort((a, b) => a.code.localeCompare(b.code));
	const present = new Set(kept.map((k) => k.code));
	report.missing = [...depToReg.keys()].filter((d) => isMetroOrDrom(d) && !present.has(d)).sort();

	const source = buildTopology({ d: { type: 'FeatureCollection', features: kept.map((k) => k.feature) } as FeatureCollection }) as Topology<{
		d: GeometryCollection;
	}>;
	const deps = source.objects.d.geometries.map((g, i) => ({ ...g, id: kept[i]!.code }) as GeometryObject);

	const byReg = new Map<string, GeometryObject[]>();
	for (const g of deps) {
		const reg = depToReg.get(String(g.id));
		if (reg == null) {
			report.noRegion.push(String(g.id));
			continue;
		}
		const list = byReg.get(reg);
		if (list) list.push(g);
		else byReg.set(reg, [g]);
	}
	const regions = [...byReg.keys()].sort().map((reg) => ({ ...toPolygonObject(mergeArcs(source, byReg.get(reg)! as never)), id: reg }));

	const objects: AdminTopology['objects'] = {
		departements: { type: 'GeometryCollection', geometries: deps },
		regions: { type: 'GeometryCollection', geometries: regions }
	};
	if (opts.outline !== false) {
		objects.france = { type: 'GeometryCollection', geometries: [{ ...mergeArcs(source, deps as never), id: 'FR' }] };
	}
	report.departements = deps.length;
	report.regions = regions.length;

	let topology: AdminTopology = { type: 'Topology', bbox: source.bbox, arcs: source.arcs, objects };
	const simplify = opts.simplify === undefined ? ADMIN_SIMPLIFY : opts.simplify;
	if (simplify) topology = simplifyTopology(topology, simplify);
	return { topology, report };
}

/** A merged MultiPolygon with a single piece becomes a Polygon (shorter JSON). */
function toPolygonObject(m: { type: 'MultiPolygon'; arcs: number[][][] }): GeometryObject {
	return m.arcs.length === 1 ? { type: 'Polygon', arcs: m.arcs[0]! } : m;
}

/**
 * France outline (metropole + DROM) as one MultiPolygon object added to any topology whose
 * object `objectName` tiles the territory (départements, régions or communes). Cheap: arcs are shared.
 */
export function withFranceOutline<T extends Topology>(topology: T, objectName = 'departements'): T {
	const obj = topology.objects[objectName];
	if (!obj || obj.type !== 'GeometryCollection') throw new Error(`topology has no collection "${objectName}"`);
	const outline = { ...mergeArcs(topology, obj.geometries as never), id: 'FR' };
	return { ...topology, objects: { ...topology.objects, france: { type: 'GeometryCollection', geometries: [outline] } } };
}
