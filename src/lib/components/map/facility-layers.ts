/**
 * The FINESS facility layer and the local resources on a MapLibre map.
 *
 * One clustered GeoJSON source per family (hospital, ambulatory, medico-social, primary care), so
 * ~17 600 sites stay readable at national zoom and are exact from CLUSTER_MAX_ZOOM + 1. A family
 * shown is filled at once; the hidden ones are filled one by one when the browser is idle after the
 * map has drawn (filling all four at start-up put ~17 600 points through the clustering worker while
 * the first map was being drawn). Once filled, toggling a whole family only flips its layers'
 * visibility: no filter rebuild over the tiles. Toggling a single kind re-sets that family's source
 * only. Cluster marks are images drawn on demand (count in French format: the app serves no
 * glyphs). Local resources: their own unclustered source, a black diamond ringed with white
 * (a shape no FINESS family uses, so it never depends on colour).
 */
import type { GeoJSONSource, Map as MlMap, MapGeoJSONFeature } from 'maplibre-gl';
import type { Feature, FeatureCollection, Point } from 'geojson';
import { FACILITY_FAMILIES, KIND_FAMILY, type FacilityFamily, type FacilityKind } from '$lib/facilities/kinds';
import { FAMILY_STYLE, facilityPaint } from '$lib/facilities/style';
import { diamondImage } from '$lib/map/diamond';

export const CLUSTER_MAX_ZOOM = 9;
const CLUSTER_RADIUS = 42;
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

export const familySource = (f: FacilityFamily) => `finess-${f}`;
export const pointLayer = (f: FacilityFamily) => `finess-${f}-points`;
export const clusterLayer = (f: FacilityFamily) => `finess-${f}-clusters`;
export const LOCAL_SOURCE = 'local-resources';
export const LOCAL_LAYER = 'local-points';
const LOCAL_ICON = 'local-diamond';
const CLUSTER_IMAGE = 'fcluster:';
/**
 * When several families are shown, their discs at one place would stack: each family's disc moves
 * to its own corner (CSS px), so every count stays readable. One family alone stays centred.
 */
const CLUSTER_OFFSET: Readonly<Record<FacilityFamily, [number, number]>> = {
	hospital: [-11, -11],
	ambulatory: [11, -11],
	medsoc: [-11, 11],
	primary: [11, 11]
};

export const FACILITY_POINT_LAYERS: readonly string[] = FACILITY_FAMILIES.map(pointLayer);
export const FACILITY_CLUSTER_LAYERS: readonly string[] = FACILITY_FAMILIES.map(clusterLayer);
/** Every layer of this module, top first in hit order. */
export const FACILITY_LAYERS: readonly string[] = [LOCAL_LAYER, ...FACILITY_CLUSTER_LAYERS, ...FACILITY_POINT_LAYERS];

export const familyOfLayer = (id: string): FacilityFamily | null => FACILITY_FAMILIES.find((f) => id === pointLayer(f) || id === clusterLayer(f)) ?? null;
export const isClusterLayer = (id: string) => FACILITY_CLUSTER_LAYERS.includes(id);

const nf = new Intl.NumberFormat('fr-FR');

/** Radius (CSS px) of a cluster mark: grows with the count's order of magnitude. */
export function clusterRadius(n: number): number {
	return n < 10 ? 9 : n < 100 ? 11 : n < 1000 ? 14 : 17;
}

function clusterImage(family: FacilityFamily, n: number) {
	const ratio = 2;
	const r = clusterRadius(n);
	const size = Math.ceil((r + 2) * 2 * ratio);
	const canvas = document.createElement('canvas');
	canvas.width = canvas.height = size;
	const ctx = canvas.getContext('2d')!;
	const st = FAMILY_STYLE[family];
	const c = size / 2;
	ctx.scale(ratio, ratio);
	const cc = c / ratio;
	// Outer dark line, then the family's ring colour, then the fill: readable on every class colour.
	ctx.beginPath();
	ctx.arc(cc, cc, r + 1, 0, Math.PI * 2);
	ctx.fillStyle = '#161616';
	ctx.fill();
	ctx.beginPath();
	ctx.arc(cc, cc, r, 0, Math.PI * 2);
	ctx.fillStyle = st.stroke;
	ctx.fill();
	ctx.beginPath();
	ctx.arc(cc, cc, r - 1.6, 0, Math.PI * 2);
	ctx.fillStyle = st.fill;
	ctx.fill();
	// Black text on vermillion, orange and pink; white on blue (contrast ≥ 4.5).
	ctx.fillStyle = family === 'primary' ? '#ffffff' : '#000000';
	ctx.font = `700 ${n >= 1000 ? 9.5 : 10.5}px system-ui, sans-serif`;
	ctx.textAlign = 'center';
	ctx.textBaseline = 'middle';
	ctx.fillText(nf.format(n), cc, cc + 0.5);
	return { image: ctx.getImageData(0, 0, size, size), ratio };
}

export interface FacilityLayers {
	/** Every FINESS point (each with `kind` and `family`), set once. */
	setData(fc: FeatureCollection<Point> | null): void;
	/** Kinds shown (null: all). */
	showKinds(kinds: readonly string[] | null): void;
	setLocal(fc: FeatureCollection<Point> | null): void;
	showLocal(on: boolean): void;
	/** All points on or off (the page's "points" switch). */
	setVisible(on: boolean): void;
	/** A click on a cluster zooms to where it splits. */
	expandCluster(hit: MapGeoJSONFeature): void;
}

export function createFacilityLayers(m: MlMap): FacilityLayers {
	// MapLibre v6: images made on demand go through the resolver (awaited before a tile is laid out).
	m.setMissingStyleImageResolver((id) => {
		if (!id.startsWith(CLUSTER_IMAGE) || m.hasImage(id)) return;
		const [family, n] = id.slice(CLUSTER_IMAGE.length).split(':') as [FacilityFamily, string];
		if (!FAMILY_STYLE[family]) return;
		const { image, ratio } = clusterImage(family, Number(n));
		m.addImage(id, image, { pixelRatio: ratio });
	});
	const d = diamondImage();
	m.addImage(LOCAL_ICON, d, { pixelRatio: d.pixelRatio });

	for (const f of FACILITY_FAMILIES)
		m.addSource(familySource(f), { type: 'geojson', data: EMPTY, cluster: true, clusterRadius: CLUSTER_RADIUS, clusterMaxZoom: CLUSTER_MAX_ZOOM, maxzoom: 12 });
	m.addSource(LOCAL_SOURCE, { type: 'geojson', data: EMPTY });
	const hidden = { visibility: 'none' as const };
	for (const f of FACILITY_FAMILIES)
		m.addLayer({ id: pointLayer(f), type: 'circle', source: familySource(f), filter: ['!', ['has', 'point_count']], layout: hidden, paint: facilityPaint() as never });
	for (const f of FACILITY_FAMILIES)
		m.addLayer({
			id: clusterLayer(f),
			type: 'symbol',
			source: familySource(f),
			filter: ['has', 'point_count'],
			layout: {
				...hidden,
				'icon-image': ['concat', CLUSTER_IMAGE, f, ':', ['to-string', ['get', 'point_count']]],
				'icon-allow-overlap': true,
				'icon-ignore-placement': true
			}
		});
	m.addLayer({
		id: LOCAL_LAYER,
		type: 'symbol',
		source: LOCAL_SOURCE,
		layout: { ...hidden, 'icon-image': LOCAL_ICON, 'icon-allow-overlap': true, 'icon-ignore-placement': true }
	});

	const byFamily = new Map<FacilityFamily, Feature<Point>[]>();
	/** Kinds each family's source holds now ('' before data). */
	const held = new Map<FacilityFamily, string>();
	let kinds: readonly string[] | null = null;
	let visible = true;
	let local = true;

	const familyKinds = (f: FacilityFamily) => (Object.keys(KIND_FAMILY) as FacilityKind[]).filter((k) => KIND_FAMILY[k] === f);
	const wanted = (f: FacilityFamily) => {
		const all = familyKinds(f);
		return kinds ? all.filter((k) => kinds!.includes(k)) : all;
	};
	/** Fill a family's source with the kinds it should hold, if it holds others. */
	function fill(f: FacilityFamily) {
		const feats = byFamily.get(f);
		if (!feats) return;
		const all = familyKinds(f);
		const want = wanted(f);
		// A family with nothing shown gets all its kinds, hidden: turning it on is a visibility flip.
		const hold = want.length ? want : all;
		const key = hold.join(',');
		if (held.get(f) === key) return;
		const set = new Set<string>(hold);
		const data = hold.length === all.length ? feats : feats.filter((x) => set.has(String(x.properties?.kind)));
		(m.getSource(familySource(f)) as GeoJSONSource).setData({ type: 'FeatureCollection', features: data });
		held.set(f, key);
	}
	/** Hidden families, filled at idle so that a later toggle is a visibility flip. */
	const pending = new Set<FacilityFamily>();
	let idleTask: number | null = null;
	const onIdle = (cb: () => void) =>
		typeof requestIdleCallback === 'function' ? requestIdleCallback(cb, { timeout: 4000 }) : window.setTimeout(cb, 200);
	function fillLater() {
		if (idleTask !== null || !pending.size) return;
		idleTask = onIdle(() => {
			idleTask = null;
			// Wait until the map has drawn what is on screen, then one family per idle slot.
			try {
				if (m.loaded() && m.areTilesLoaded()) {
					const f = pending.values().next().value as FacilityFamily;
					pending.delete(f);
					fill(f);
				}
			} catch {
				pending.clear(); // the map was removed meanwhile
				return;
			}
			fillLater();
		});
	}
	const offsetKey = new Map<FacilityFamily, string>();
	function apply() {
		const several = visible && FACILITY_FAMILIES.filter((f) => wanted(f).length > 0).length > 1;
		for (const f of FACILITY_FAMILIES) {
			const shown = visible && wanted(f).length > 0;
			const offset: [number, number] = several ? CLUSTER_OFFSET[f] : [0, 0];
			if (offsetKey.get(f) !== String(offset)) {
				m.setLayoutProperty(clusterLayer(f), 'icon-offset', offset);
				offsetKey.set(f, String(offset));
			}
			if (shown) {
				pending.delete(f);
				fill(f);
			} else if (byFamily.has(f)) pending.add(f);
			const vis = shown ? 'visible' : 'none';
			for (const id of [pointLayer(f), clusterLayer(f)]) if (m.getLayoutProperty(id, 'visibility') !== vis) m.setLayoutProperty(id, 'visibility', vis);
		}
		const lv = visible && local ? 'visible' : 'none';
		if (m.getLayoutProperty(LOCAL_LAYER, 'visibility') !== lv) m.setLayoutProperty(LOCAL_LAYER, 'visibility', lv);
		fillLater();
	}

	return {
		setData(fc) {
			byFamily.clear();
			held.clear();
			pending.clear();
			for (const feat of fc?.features ?? []) {
				const f = KIND_FAMILY[feat.properties?.kind as FacilityKind];
				if (!f) continue;
				let list = byFamily.get(f);
				if (!list) byFamily.set(f, (list = []));
				list.push(feat);
			}
			if (!fc) for (const f of FACILITY_FAMILIES) (m.getSource(familySource(f)) as GeoJSONSource).setData(EMPTY);
			apply();
		},
		showKinds(k) {
			kinds = k;
			apply();
		},
		setLocal(fc) {
			(m.getSource(LOCAL_SOURCE) as GeoJSONSource).setData(fc ?? EMPTY);
		},
		showLocal(on) {
			local = on;
			apply();
		},
		setVisible(on) {
			visible = on;
			apply();
		},
		expandCluster(hit) {
			const f = familyOfLayer(hit.layer.id);
			const id = hit.properties?.cluster_id;
			if (!f || typeof id !== 'number' || hit.geometry.type !== 'Point') return;
			const center = hit.geometry.coordinates as [number, number];
			(m.getSource(familySource(f)) as GeoJSONSource)
				.getClusterExpansionZoom(id)
				.then((zoom) => m.easeTo({ center, zoom: Math.min(zoom, CLUSTER_MAX_ZOOM + 1), duration: 500 }))
				.catch(() => m.easeTo({ center, zoom: m.getZoom() + 2, duration: 500 }));
		}
	};
}

/** Sites under a rendered feature: a cluster's count, or 1. */
export const featureCount = (f: { properties: Record<string, unknown> | null }) => Number(f.properties?.point_count ?? 1);
