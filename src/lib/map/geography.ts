/**
 * The pipeline's commune / département / région geometry for the app's maps, fetched and parsed
 * once per page load (départements apart from the large commune file, so they can be drawn first).
 */
import { neighbors } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { loadTopojson } from '../db/load';
import { geoLayer, toCollection, type GeoLayer } from './geometry';

/** Départements and régions: a small file, drawn first. */
export interface AdminGeography {
	departement: GeoLayer;
	region: GeoLayer | null;
}
/** Communes (the large file) and their topology, for outlines of territories made of communes. */
export interface CommuneGeography {
	communesTopo: Topology;
	commune: GeoLayer;
}
export type BaseGeography = AdminGeography & CommuneGeography;

const cache = new Map<string, Promise<unknown>>();
/** One fetch and parse per page load and key, retried after a failure. */
function once<T>(key: string, load: () => Promise<T>): Promise<T> {
	let p = cache.get(key) as Promise<T> | undefined;
	if (!p) {
		p = load();
		cache.set(key, p);
		p.catch(() => cache.delete(key));
	}
	return p;
}

export function loadAdminGeography(base = '/data'): Promise<AdminGeography> {
	return once(`${base}|admin`, async () => {
		const adminTopo = await loadTopojson<Topology>(base, 'admin.topojson');
		let region: GeoLayer | null = null;
		try {
			region = geoLayer(toCollection(adminTopo, 'regions'));
		} catch {
			region = null; // older artefacts had départements only
		}
		return { departement: geoLayer(toCollection(adminTopo, 'departements')), region };
	});
}

/** The commune TopoJSON alone (the diagnostic draws from it), shared with loadCommuneGeography: one fetch and parse. */
export function loadCommuneTopology(base = '/data'): Promise<Topology> {
	return once(`${base}|communes.topojson`, () => loadTopojson<Topology>(base, 'communes.topojson'));
}

export function loadCommuneGeography(base = '/data'): Promise<CommuneGeography> {
	return once(`${base}|communes`, async () => {
		const communesTopo = await loadCommuneTopology(base);
		return { communesTopo, commune: geoLayer(toCollection(communesTopo, 'communes')) };
	});
}

/** Both, for maps that need the communes from the start. */
export async function loadBaseGeography(base = '/data'): Promise<BaseGeography> {
	const [admin, communes] = await Promise.all([loadAdminGeography(base), loadCommuneGeography(base)]);
	return { ...admin, ...communes };
}

/** Arrondissements of Paris, Lyon and Marseille and their adjacency; null when the artefacts have none. */
export interface ArrondissementGeography {
	layer: GeoLayer;
	neighbours: Map<string, string[]>;
}

export function loadArrondissementGeography(base = '/data'): Promise<ArrondissementGeography | null> {
	return once(`${base}|arrondissements`, async () => {
		let topo: Topology;
		try {
			topo = await loadTopojson<Topology>(base, 'arrondissements.topojson');
		} catch {
			return null; // older artefacts, or the mirror had no geo/plm/: arrondissements are not drawn
		}
		const layer = geoLayer(toCollection(topo, 'arrondissements'));
		const geoms = (topo.objects.arrondissements as GeometryCollection).geometries;
		const adj = neighbors(geoms as never);
		const neighbours = new Map(geoms.map((g, i) => [String(g.id), (adj[i] ?? []).map((j) => String(geoms[j]?.id))]));
		return { layer, neighbours };
	});
}
