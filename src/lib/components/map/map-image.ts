/**
 * What the choropleth's legend lists and what its PNG export writes: class items (screen legend
 * and image share them), the place the map shows, and the image texts. Pure, no DOM.
 */
import type { ManifestSource } from '$lib/db/types';
import type { IndicatorDef } from '$lib/indicators/types';
import { sourceCitation, type ImageLegendItem, type MapImage } from '$lib/export/png';
import { CLASS_METHODS, type Classification } from '$lib/indicators/classify';
import { VIEWS, type Bounds } from '$lib/map/geometry';
import type { MapLevel } from '$lib/territories/level';
import { isComposite, LEVEL_BY, OUTSIDE_COLOR } from '$lib/map/levels';

/** One row of a colour key (Swatches.svelte, the PNG legend). */
export interface SwatchItem extends ImageLegendItem {
	/** label is a number range (tabular figures, kept on one line) */
	num?: boolean;
}

/** Classes with their value ranges and counts, then 'Non disponible' and, on composite levels, communes outside. */
export function choroplethItems(c: Classification, colors: string[], formatNumber: (v: number) => string, level: MapLevel): SwatchItem[] {
	if (!c.extents.length) return [];
	const items: SwatchItem[] = c.extents.map((r, i) => ({
		color: colors[i] ?? '#ffffff',
		label: r.lo === r.hi ? formatNumber(r.lo) : `de ${formatNumber(r.lo)} à ${formatNumber(r.hi)}`,
		count: c.counts[i] ?? 0,
		num: true
	}));
	items.push({ color: '', label: 'Non disponible', count: c.nulls, hatch: true });
	if (isComposite(level)) items.push({ color: OUTSIDE_COLOR, label: `Commune hors ${level === 'epci' ? 'EPCI' : 'de ces territoires'}` });
	return items;
}

const PLACE: Record<string, string> = { metropole: 'France métropolitaine' };

/** The part of France a map view shows, from its visible bounds: a whole quick view, or a detail of it. */
export function viewPlace(visible: Bounds): string {
	const [[w, s], [e, n]] = visible;
	const cx = (w + e) / 2;
	const cy = (s + n) / 2;
	const view = VIEWS.find(({ bounds: [[vw, vs], [ve, vn]] }) => cx >= vw && cx <= ve && cy >= vs && cy <= vn);
	if (!view) return 'vue partielle de la carte';
	const [[vw, vs], [ve, vn]] = view.bounds;
	// A little slack: fitting the view's bounds leaves them just inside the visible area.
	const sx = (ve - vw) * 0.05;
	const sy = (vn - vs) * 0.05;
	const whole = w <= vw + sx && e >= ve - sx && s <= vs + sy && n >= vn - sy;
	const label = PLACE[view.id] ?? view.label;
	return whole ? label : `${label}, vue partielle`;
}

/** What the choropleth legend shows (Legend.svelte's props), and its image starts from. */
export interface ChoroplethLegend {
	indicator: IndicatorDef;
	level: MapLevel;
	/** name of the sector set / custom territories */
	setLabel?: string;
	classification: Classification;
	/** one per class */
	colors: string[];
	/** number → fr-FR string in the indicator's precision */
	formatNumber: (v: number) => string;
	/** id → manifest source (usually `data.source`) */
	sourceOf: (id: string) => ManifestSource | undefined;
	/** the denominator is estimated at this level: shows `indicator.estimate` */
	estimated?: boolean;
}

/** 'par département', 'par secteur (Secteurs du Rhône)'. */
export const levelLabel = (level: MapLevel, setLabel?: string) => `${LEVEL_BY[level]}${setLabel ? ` (${setLabel})` : ''}`;

/** The rule of a classification method, in French. */
export const classRule = (c: Classification) => CLASS_METHODS.find((m) => m.id === c.method)?.rule ?? '';

/**
 * Title, legend, notes and sources of the main map's image. `view`: the place shown (viewPlace),
 * the points drawn over the map (said in a note: their key is not in the image), the French date.
 */
export function choroplethImage(x: ChoroplethLegend, view: { place: string; points: string | null; date: string }): MapImage {
	const rule = classRule(x.classification);
	const notes = [
		...(x.classification.extents.length ? [] : ['Aucune valeur disponible pour cet indicateur à cette échelle.']),
		...(rule ? [rule] : []),
		...(x.indicator.proxy ? [`Approximation : ${x.indicator.proxy}`] : []),
		...(x.estimated && x.indicator.estimate ? [`Estimation : ${x.indicator.estimate}`] : []),
		...(view.points ? [view.points] : [])
	];
	return {
		title: x.indicator.label,
		subtitle: `${x.indicator.unit}, ${levelLabel(x.level, x.setLabel)} — ${view.place}`,
		legendTitle: x.indicator.unit,
		legend: choroplethItems(x.classification, x.colors, x.formatNumber, x.level),
		notes,
		sources: [...(x.indicator.imported ? [x.indicator.imported] : []), ...x.indicator.sources.map((id) => sourceCitation(x.sourceOf(id), id))],
		date: view.date
	};
}
