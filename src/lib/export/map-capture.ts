/**
 * Browser side of the PNG export: a picture of the map as drawn on screen, and the final PNG blob.
 * MapLibre clears its WebGL drawing buffer after each frame (preserveDrawingBuffer stays off: it
 * costs every frame), so the canvas is copied inside the 'render' event of a frame we request.
 */
import type { Map as MlMap } from 'maplibre-gl';
import { NA_COLOR, NA_HATCH } from '../indicators/classify';
import { composeMapImage, fitContain, IMAGE_HEIGHT, IMAGE_WIDTH, type MapImage, type MapPainter } from './png';

/** Copies the next frame of a MapLibre map; the painter draws it fitted in the image's map area. */
export function captureMapLibre(map: MlMap, timeoutMs = 10_000): Promise<MapPainter> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			map.off('render', copy);
			reject(new Error('la carte ne s’est pas redessinée'));
		}, timeoutMs);
		function copy() {
			clearTimeout(timer);
			const src = map.getCanvas();
			const snapshot = document.createElement('canvas');
			snapshot.width = src.width;
			snapshot.height = src.height;
			snapshot.getContext('2d')!.drawImage(src, 0, 0);
			resolve((ctx, rect) => {
				const r = fitContain(snapshot.width, snapshot.height, rect);
				ctx.drawImage(snapshot, r.x, r.y, r.w, r.h);
			});
		}
		map.once('render', copy);
		map.triggerRepaint();
	});
}

/** A 45° hatch like the SVG maps' "no value" pattern (NA_COLOR ground, NA_HATCH lines). */
function hatch(ctx: CanvasRenderingContext2D): CanvasPattern | string {
	const tile = document.createElement('canvas');
	tile.width = tile.height = 6;
	const t = tile.getContext('2d');
	if (!t) return NA_COLOR;
	t.fillStyle = NA_COLOR;
	t.fillRect(0, 0, 6, 6);
	t.strokeStyle = NA_HATCH;
	t.lineWidth = 1.5;
	t.beginPath();
	t.moveTo(0, 6);
	t.lineTo(6, 0);
	t.stroke();
	return ctx.createPattern(tile, 'repeat') ?? NA_COLOR;
}

/**
 * Redraws an SVG map made of filled paths (the gap map) with its viewBox fitted in the image:
 * the paths (a pattern fill is the "no value" hatch), the inset frames and their names.
 */
export function svgPathsPainter(svg: SVGSVGElement): MapPainter {
	const vb = svg.viewBox.baseVal;
	const paths = Array.from(svg.querySelectorAll('path'), (p) => ({
		d: p.getAttribute('d') ?? '',
		fill: p.getAttribute('fill') ?? '#e0e0e0',
		opacity: Number(getComputedStyle(p).fillOpacity) || 1,
		stroke: getComputedStyle(p).stroke || '#4a4a4a'
	}));
	const frames = Array.from(svg.querySelectorAll('rect.frame'), (r) => ['x', 'y', 'width', 'height'].map((k) => Number(r.getAttribute(k)) || 0));
	// Each label's lines: tspans with their x, the text's y, and dy relative to the previous line.
	const labels = Array.from(svg.querySelectorAll('text.frame-label')).flatMap((t) => {
		let y = Number(t.getAttribute('y')) || 0;
		return Array.from(t.querySelectorAll('tspan'), (s) => {
			y += Number(s.getAttribute('dy')) || 0;
			return { x: Number(s.getAttribute('x')) || 0, y, text: s.textContent ?? '' };
		});
	});
	return (ctx, rect) => {
		const r = fitContain(vb.width, vb.height, rect);
		const k = r.w / vb.width;
		ctx.save();
		ctx.translate(r.x - vb.x * k, r.y - vb.y * k);
		ctx.scale(k, k);
		ctx.lineWidth = 0.75 / k;
		ctx.lineJoin = 'round';
		const na = hatch(ctx);
		for (const p of paths) {
			const shape = new Path2D(p.d);
			ctx.globalAlpha = p.opacity;
			ctx.fillStyle = p.fill.startsWith('url(') ? na : p.fill;
			ctx.fill(shape);
			ctx.globalAlpha = 1;
			ctx.strokeStyle = p.stroke;
			ctx.stroke(shape);
		}
		ctx.strokeStyle = '#6a6a6a';
		for (const [x, y, w, h] of frames) ctx.strokeRect(x!, y!, w!, h!);
		ctx.fillStyle = '#1e1e1e';
		ctx.font = '10px sans-serif';
		for (const l of labels) ctx.fillText(l.text, l.x, l.y);
		ctx.restore();
	};
}

/** The composed image as a PNG blob. */
export function mapImagePng(img: MapImage, paintMap: MapPainter): Promise<Blob> {
	const canvas = document.createElement('canvas');
	canvas.width = IMAGE_WIDTH;
	canvas.height = IMAGE_HEIGHT;
	composeMapImage(canvas.getContext('2d')!, img, paintMap);
	return new Promise((resolve, reject) =>
		canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('le navigateur n’a pas produit l’image'))), 'image/png')
	);
}
