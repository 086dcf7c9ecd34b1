/**
 * Geometry of the gap map for one result: départements or régions from the admin topology
 * (overseas ones drawn in insets by the map layout when the scope is national), communes
 * from the commune topology, EPCI and set territories as the union of their communes.
 */
import type { Feature, Geometry } from 'geojson';
import { feature, merge } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { cityOfArrondissement } from '../geo/plm';
import { communesByTerritory } from '../queries/gaps';
import type { QueryPort } from '../queries/port';
import type { GapResult } from './gaps.svelte';

export interface Topologies {
	admin(): Promise<Topology>;
	communes(): Promise<Topology>;
	/** Arrondissements of Paris, Lyon and Marseille (null when the artefacts have none). */
	arrondissements?(): Promise<Topology | null>;
}

const featuresOf = (t: Topology, obj: GeometryCollection) => (feature(t, obj) as unknown as { features: Feature<Geometry>[] }).features;

export async function gapFeatures(port: QueryPort, topo: Topologies, res: Pick<GapResult, 'level' | 'scope' | 'values' | 'set'>): Promise<{ features: Feature<Geometry>[]; note: string }> {
	const codes = new Set(res.values.map((v) => v.code));
	if (res.level === 'departement' || res.level === 'region') {
		const t = await topo.admin();
		const all = featuresOf(t, t.objects[res.level === 'region' ? 'regions' : 'departements'] as GeometryCollection);
		const wide = res.scope.level === 'france';
		return {
			features: all.filter((f) => codes.has(String(f.id))),
			note: wide ? 'Carte : départements et régions d’outre-mer en encadrés, chacun à sa propre échelle.' : ''
		};
	}
	const note = 'Contours communaux IGN 2018 rapportés aux communes du COG 2026.';
	const t = await topo.communes();
	const obj = t.objects.communes as GeometryCollection;
	if (res.level === 'commune') return { features: featuresOf(t, { ...obj, geometries: obj.geometries.filter((g) => codes.has(String(g.id))) }), note };
	// EPCI and sectors: union of their communes' polygons.
	const members = await communesByTerritory(port, res.level === 'epci' ? { epciOf: res.scope.code } : { setId: res.set?.id ?? '', kind: res.set?.type ?? null });
	const index = new Map(obj.geometries.map((g) => [String(g.id), g]));
	// Members that are part of Paris, Lyon or Marseille are arrondissements: merged from their own topology.
	const anyArm = [...members.values()].some((cs) => cs.some((c) => cityOfArrondissement(c)));
	const at = anyArm && topo.arrondissements ? await topo.arrondissements() : null;
	const armObj = at?.objects.arrondissements as GeometryCollection | undefined;
	const armIndex = new Map((armObj?.geometries ?? []).map((g) => [String(g.id), g]));
	const out: Feature<Geometry>[] = [];
	for (const [code, cs] of members) {
		if (!codes.has(code)) continue;
		const uniq = [...new Set(cs)];
		const parts = uniq.map((c) => index.get(c)).filter((g) => g !== undefined);
		const arms = uniq.map((c) => armIndex.get(c)).filter((g) => g !== undefined);
		const polys = [parts.length ? merge(t, parts as never) : null, arms.length && at ? merge(at, arms as never) : null].flatMap((g) => (g ? g.coordinates : []));
		if (polys.length) out.push({ type: 'Feature', id: code, properties: {}, geometry: { type: 'MultiPolygon', coordinates: polys } });
	}
	const plm = anyArm
		? ' Paris, Lyon, Marseille : secteurs par arrondissement municipal, dessinés par leurs arrondissements ; leurs chiffres sont ceux des arrondissements (population, médecins, établissements SAE, sites FINESS) ; un indicateur importé par commune, connu pour la ville entière seulement, n’y a pas de valeur.'
		: '';
	return { features: out, note: note + plm };
}
