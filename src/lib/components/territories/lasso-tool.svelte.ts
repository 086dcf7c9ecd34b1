/**
 * The territory map's lasso: a freehand polygon drawn with the pointer (in screen pixels, smooth
 * at any zoom) selects the communes whose representative point is inside (tested in lon/lat,
 * geo/lasso.ts). While it is on, dragging draws instead of panning; Escape cancels a stroke,
 * then turns the lasso off. `status` is the French text of a polite live region.
 * Browser only (maplibre map, pointer events).
 */
import type { GeoJSONSource, Map as MlMap } from 'maplibre-gl';
import { extendPath, isLassoClosable, pointsInLasso, type CommunePoint, type XY } from '$lib/geo/lasso';
import { formatInteger } from '$lib/indicators/format';

const SOURCE = 'lasso';
const COLOR = '#000091';

export class LassoTool {
	on = $state(false);
	status = $state('');
	#path: XY[] | null = null;
	#add = false;

	constructor(
		private readonly opts: {
			map: () => MlMap | undefined;
			points: () => readonly CommunePoint[];
			onlasso: () => ((codes: string[], add: boolean) => void) | undefined;
			/** a stroke begins (e.g. hide the tooltip) */
			onstart?: () => void;
		}
	) {}

	/** Adds the lasso's source and layers (on top of what is drawn so far) and its pointer listeners. */
	attach(m: MlMap): void {
		m.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
		m.addLayer({ id: 'lasso-fill', type: 'fill', source: SOURCE, paint: { 'fill-color': COLOR, 'fill-opacity': 0.12 } });
		m.addLayer({ id: 'lasso-line', type: 'line', source: SOURCE, layout: { 'line-join': 'round' }, paint: { 'line-color': COLOR, 'line-width': 2, 'line-dasharray': [2, 1] } });
		const canvas = m.getCanvasContainer();
		canvas.addEventListener('pointerdown', this.#down);
		canvas.addEventListener('pointermove', this.#move);
		canvas.addEventListener('pointerup', this.#up);
		canvas.addEventListener('pointercancel', this.#up);
	}

	set(on: boolean): void {
		this.on = on;
		this.#path = null;
		this.#draw(null);
		const m = this.opts.map();
		if (!m) return;
		if (on) m.dragPan.disable();
		else m.dragPan.enable();
		m.getCanvas().style.cursor = on ? 'crosshair' : '';
		this.status = on ? 'Lasso activé.' : 'Lasso désactivé.';
	}

	onkey = (e: KeyboardEvent): void => {
		if (e.key !== 'Escape' || !this.on) return;
		if (this.#path) this.#cancel();
		else this.set(false);
	};

	#xy(e: PointerEvent): XY {
		const r = this.opts.map()!.getCanvas().getBoundingClientRect();
		return [e.clientX - r.left, e.clientY - r.top];
	}

	#draw(path: XY[] | null): void {
		const m = this.opts.map();
		const src = m?.getSource(SOURCE) as GeoJSONSource | undefined;
		if (!m || !src) return;
		if (!path || path.length < 2) return void src.setData({ type: 'FeatureCollection', features: [] });
		const ring = path.map((p) => m.unproject(p).toArray());
		src.setData({
			type: 'FeatureCollection',
			features: [
				{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]!]] } },
				{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: ring } }
			]
		});
	}

	#down = (e: PointerEvent): void => {
		if (!this.on || !this.opts.map() || e.button !== 0) return;
		e.preventDefault();
		(e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
		this.#path = [this.#xy(e)];
		this.#add = e.shiftKey;
		this.opts.onstart?.();
	};

	#move = (e: PointerEvent): void => {
		const path = this.#path;
		if (!path) return;
		// Chromium delivers one pointermove per frame: the coalesced ones keep a fast stroke's corners.
		const all = e.getCoalescedEvents?.() ?? [];
		for (const ev of all.length ? all : [e]) extendPath(path, this.#xy(ev));
		this.#draw(path);
	};

	#up = (e: PointerEvent): void => {
		const path = this.#path;
		const m = this.opts.map();
		if (!path || !m) return;
		if (e.type === 'pointercancel') return this.#cancel();
		extendPath(path, this.#xy(e));
		this.#path = null;
		this.#draw(null);
		if (!isLassoClosable(path)) return;
		const ring = path.map((p) => m.unproject(p).toArray() as XY);
		const codes = pointsInLasso(this.opts.points(), ring);
		const add = this.#add || e.shiftKey;
		this.opts.onlasso()?.(codes, add);
		this.status = `Lasso : ${formatInteger(codes.length)} commune(s) ${add ? 'ajoutée(s) à la sélection' : 'sélectionnée(s)'}.`;
	};

	#cancel(): void {
		this.#path = null;
		this.#draw(null);
		this.status = 'Tracé annulé.';
	}
}
