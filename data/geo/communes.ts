/**
 * Commune geometry for COG 2026, rebuilt from the 2018 commune map (france-geojson, GEOFLA).
 * Every 2018 polygon is mapped through the COG alias map (old / delegated / associated codes →
 * current code); the polygons of one current commune are merged on the shared topology, so the
 * borders between merged communes vanish and the borders with neighbours stay shared arcs.
 */
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { mergeArcs } from 'topojson-client';
import { topology as buildTopology } from 'topojson-server';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import { simplifyTopology, topologyStats, serializeTopology, type SimplifyOptions, type TopologyStats } from './topology.ts';

/** Département of a commune code: 3 characters overseas ('971'…'976', '975'…), else 2 ('01', '2A'). */
export function depOfCode(code: string): string {
	return code.startsWith('97') || code.startsWith('98') ? code.slice(0, 3) : code.slice(0, 2);
}

export interface CurrentCommune {
	code: string;
	dep?: string; // defaults to depOfCode(code)
}

export interface CommuneGeometryProps {
	d?: string; // département, only with `withDep`
}

export type CommunesTopology = Topology<{ communes: GeometryCollection<CommuneGeometryProps> }>;

export interface ReconcileReport {
	features2018: number;
	current: number; // 2026 communes asked for
	withGeometry: number;
	/** 2026 communes made of 2+ 2018 polygons (communes nouvelles since 2018). */
	merged: number;
	/** 2026 communes with no 2018 polygon. */
	missing: { code: string; hint: string }[];
	/** 2018 codes absent from the alias map. */
	unmapped2018: { code: string; name: string }[];
	/** 2018 codes whose alias target is not a requested 2026 commune (e.g. a COM, or a bad alias). */
	targetNotCurrent: { code: string; name: string; target: string }[];
	/** 2018 communes now inside a commune of another département. */
	crossDepartement: { code: string; name: string; dep2018: string; target: string; dep2026: string }[];
	/** 2018 features with no polygonal geometry, or a duplicate code. */
	invalid2018: { code: string; reason: string }[];
	/** Merged communes whose 2018 parts do not form one connected piece (borders not shared exactly, or real exclaves). */
	disjointMerges: { code: string; parts: number; pieces: number }[];
}

export interface ReconcileOptions {
	/** Add {d: dep} to each geometry (a few hundred KB more; the dep is also the code prefix). */
	withDep?: boolean;
}

export interface ReconcileResult {
	/** Unquantized, unsimplified topology with one object `communes` (geometry id = COG 2026 code). */
	topology: CommunesTopology;
	report: ReconcileReport;
}

function isPolygonal(g: Geometry | null | undefined): g is Polygon | MultiPolygon {
	return !!g && (g.type === 'Polygon' || g.type === 'MultiPolygon');
}

/**
 * Builds the COG 2026 commune topology from the 2018 polygons.
 * @param fc2018 features with properties {code, nom}
 * @param aliases any code → COG 2026 code (identity rows included)
 * @param current the 2026 communes that should get a geometry (metropole + DROM)
 */
export function reconcileCommunes(
	fc2018: FeatureCollection,
	aliases: Map<string, string>,
	current: CurrentCommune[],
	opts: ReconcileOptions = {}
): ReconcileResult {
	const depOf = new Map<string, string>();
	for (const c of current) depOf.set(c.code, c.dep ?? depOfCode(c.code));

	const report: ReconcileReport = {
		features2018: fc2018.features.length,
		current: current.length,
		withGeometry: 0,
		merged: 0,
		missing: [],
		unmapped2018: [],
		targetNotCurrent: [],
		crossDepartement: [],
		invalid2018: [],
		disjointMerges: []
	};

	// Keep only polygonal features with a unique code; topology() keeps feature order, so index i
	// of the object below is features[i].
	const seen = new Set<string>();
	const features: Feature<Polygon | MultiPolygon>[] = [];
	for (const f of fc2018.features) {
		const code = String(f.properties?.code ?? '');
		if (!code) report.invalid2018.push({ code, reason: 'no code' });
		else if (!isPolygonal(f.geometry)) report.invalid2018.push({ code, reason: `geometry ${f.geometry?.type ?? 'null'}` });
		else if (seen.has(code)) report.invalid2018.push({ code, reason: 'duplicate code' });
		else {
			seen.add(code);
			// Strip properties: topology() would copy them into every geometry object.
			features.push({ type: 'Feature', properties: null, geometry: f.geometry });
		}
	}
	const names = new Map<string, string>();
	for (const f of fc2018.features) names.set(String(f.properties?.code ?? ''), String(f.properties?.nom ?? ''));
	const codes2018 = [...seen];

	// No pre-quantization: the source has 6 decimals and shared borders are exactly equal
	// inside a département, so exact matching is what we want; quantization happens at the end.
	const source = buildTopology({ c: { type: 'FeatureCollection', features } as FeatureCollection }) as Topology<{
		c: GeometryCollection;
	}>;
	const parts = source.objects.c.geometries;

	// Group 2018 geometries by their 2026 commune.
	const groups = new Map<string, GeometryObject[]>();
	codes2018.forEach((code, i) => {
		const target = aliases.get(code);
		const name = names.get(code) ?? '';
		if (!target) {
			report.unmapped2018.push({ code, name });
			return;
		}
		const dep2026 = depOf.get(target);
		if (dep2026 == null) {
			report.targetNotCurrent.push({ code, name, target });
			return;
		}
		const dep2018 = depOfCode(code);
		if (dep2018 !== dep2026) report.crossDepartement.push({ code, name, dep2018, target, dep2026 });
		const list = groups.get(target);
		if (list) list.push(parts[i]!);
		else groups.set(target, [parts[i]!]);
	});

	const geometries: GeometryObject<CommuneGeometryProps>[] = [];
	for (const c of current) {
		const group = groups.get(c.code);
		if (!group) {
			report.missing.push({ code: c.code, hint: missingHint(c.code, aliases, seen) });
			continue;
		}
		let geom: GeometryObject<CommuneGeometryProps>;
		if (group.length === 1) {
			const g = group[0]!;
			geom = g.type === 'MultiPolygon' ? { type: 'MultiPolygon', arcs: g.arcs } : { type: 'Polygon', arcs: (g as { arcs: number[][] }).arcs };
		} else {
			report.merged++;
			const m = mergeArcs(source, group as never);
			const inputPolys = group.reduce((n, g) => n + (g.type === 'MultiPolygon' ? g.arcs.length : 1), 0);
			// More output pieces than the largest input part had means some parts do not touch by a shared arc.
			const maxPieces = Math.max(...group.map((g) => (g.type === 'MultiPolygon' ? g.arcs.length : 1)));
			if (m.arcs.length > maxPieces) report.disjointMerges.push({ code: c.code, parts: inputPolys, pieces: m.arcs.length });
			geom = m.arcs.length === 1 ? { type: 'Polygon', arcs: m.arcs[0]! } : { type: 'MultiPolygon', arcs: m.arcs };
		}
		geom.id = c.code;
		if (opts.withDep) geom.properties = { d: depOf.get(c.code)! };
		geometries.push(geom);
	}
	report.withGeometry = geometries.length;

	const topology: CommunesTopology = {
		type: 'Topology',
		bbox: source.bbox,
		arcs: source.arcs,
		objects: { communes: { type: 'GeometryCollection', geometries } }
	};
	return { topology, report };
}

function missingHint(code: string, aliases: Map<string, string>, in2018: Set<string>): string {
	const others = [...aliases].filter(([a, t]) => t === code && a !== code).map(([a]) => a);
	const direct = aliases.get(code);
	if (in2018.has(code) && direct && direct !== code) return `code in the 2018 map but aliased to ${direct}`;
	if (in2018.has(code)) return 'code in the 2018 map but not mapped to itself';
	if (!others.length) return 'not in the 2018 map and no former code (created or restored after 2018, or a COM)';
	return `not in the 2018 map; its former codes ${others.join(', ')} are not there either`;
}

/** Default simplification of the commune layer, tuned on the real data (see simplifyCommunes). */
export const COMMUNES_SIMPLIFY: SimplifyOptions = { minAreaKm2: 0.01, minPolygonKm2: 0.01, quantization: 1e5 };

export interface SimplifiedCommunes {
	topology: CommunesTopology;
	json: string;
	stats: TopologyStats;
	options: SimplifyOptions;
	ms: number;
}

/**
 * Simplifies the commune topology. With `maxGzipBytes`, tries the given option first, then
 * coarser thresholds (×2 each step, at most 6 steps) until the gzipped JSON fits.
 */
export function simplifyCommunes(
	topology: CommunesTopology,
	options: SimplifyOptions = COMMUNES_SIMPLIFY,
	maxGzipBytes?: number
): SimplifiedCommunes {
	const t0 = performance.now();
	let opts = options;
	for (let step = 0; ; step++) {
		const simplified = simplifyTopology(topology, opts);
		const json = serializeTopology(simplified);
		const stats = topologyStats(json);
		if (maxGzipBytes == null || stats.gzipBytes <= maxGzipBytes || step >= 6) {
			return { topology: simplified, json, stats, options: opts, ms: performance.now() - t0 };
		}
		opts = { ...opts, minAreaKm2: opts.minAreaKm2 * 2 };
	}
}
