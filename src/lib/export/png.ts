/**
 * One PNG image of a map with what makes it readable on its own: title, legend, sources and date.
 * Pure drawing on a 2D context given the texts and a painter for the map itself (MapLibre canvas
 * or SVG paths, see map-capture.ts); no DOM lookup, so the layout is unit-tested with a fake
 * context in Node.
 */
import { formatLongDate } from '../format/date';
import type { ManifestSource } from '$lib/db/types';

/** Fixed size (16:10, a slide), so that exports of different screens look alike. */
export const IMAGE_WIDTH = 1600;
export const IMAGE_HEIGHT = 1000;

export interface Rect {
	x: number;
	y: number;
	w: number;
	h: number;
}

/** Draws the map into `rect` (the composition has clipped to it and filled the map background). */
export type MapPainter = (ctx: CanvasRenderingContext2D, rect: Rect) => void;

export interface ImageLegendItem {
	color: string;
	label: string;
	count?: number;
	/** hatched, as the app draws missing values */
	hatch?: boolean;
}

export interface MapImage {
	/** indicator */
	title: string;
	/** unit, maille, territory */
	subtitle: string;
	legendTitle: string;
	legend: ImageLegendItem[];
	/** class rule, proxy / estimate caveats, map notes: below the legend */
	notes: string[];
	/** one citation per source (see sourceCitation) */
	sources: string[];
	/** French date of the export */
	date: string;
}

const FONT = "system-ui, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', Arial, sans-serif";
const BLUE = '#000091';
const TEXT = '#161616';
const MUTED = '#3a3a3a';
const MAP_BG = '#eef1f6';
const BORDER = '#dddddd';
const NA_STRIPE = '#8a8a8a';
const NA_BG = '#e0e0e0';

const MARGIN = 32;
const LEGEND_WIDTH = 400;
const GAP = 24;
const SWATCH = { w: 36, h: 22 };

type Measure = (text: string) => number;

/** Greedy word wrap; a word wider than the line stays whole on its own line. */
export function wrapText(text: string, maxWidth: number, measure: Measure): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		const next = line ? `${line} ${word}` : word;
		if (line && measure(next) > maxWidth) {
			lines.push(line);
			line = word;
		} else line = next;
	}
	if (line) lines.push(line);
	return lines;
}

/** At most `max` lines; the last one kept ends with '…' when text was cut. */
export function clampLines(lines: string[], max: number, maxWidth: number, measure: Measure): string[] {
	if (lines.length <= max) return lines;
	if (max <= 0) return [];
	const kept = lines.slice(0, max);
	let last = kept[max - 1]!;
	while (last && measure(`${last} …`) > maxWidth) last = last.slice(0, last.lastIndexOf(' ') > 0 ? last.lastIndexOf(' ') : last.length - 1);
	kept[max - 1] = `${last} …`;
	return kept;
}

/** The largest rectangle of aspect srcW:srcH centred in `box`. */
export function fitContain(srcW: number, srcH: number, box: Rect): Rect {
	if (!(srcW > 0 && srcH > 0)) return { ...box };
	const k = Math.min(box.w / srcW, box.h / srcH);
	const w = srcW * k;
	const h = srcH * k;
	return { x: box.x + (box.w - w) / 2, y: box.y + (box.h - h) / 2, w, h };
}

/** A source as the image cites it: the same facts as SourceNote (title, publisher, vintage, licence). */
export function sourceCitation(source: ManifestSource | undefined, id: string): string {
	if (!source) return `Source « ${id} » non décrite dans le manifeste.`;
	return `${source.title} — ${source.publisher}. Millésime : ${source.vintage}. Licence : ${source.licence}.`;
}

const two = (n: number) => String(n).padStart(2, '0');

/** Local calendar date: ISO for file names, French for the image. */
export function exportDate(d: Date): { iso: string; fr: string } {
	return { iso: `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`, fr: formatLongDate(d) };
}

/** atlas-ptsm_<part>_<part>_<date>.png, each part reduced to ASCII letters, digits, '-' and '_'. */
export function imageFileName(parts: string[], date: Date): string {
	const clean = (s: string) =>
		s
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/[^\w-]+/g, '-')
			.replace(/^-+|-+$/g, '');
	return ['atlas-ptsm', ...parts.map(clean).filter(Boolean), exportDate(date).iso].join('_') + '.png';
}

function font(ctx: CanvasRenderingContext2D, px: number, weight = 400): Measure {
	ctx.font = `${weight} ${px}px ${FONT}`;
	return (s) => ctx.measureText(s).width;
}

/** Writes wrapped lines from `y` (top); returns the y below them. */
function writeLines(ctx: CanvasRenderingContext2D, lines: string[], x: number, y: number, lineHeight: number): number {
	for (const l of lines) {
		ctx.fillText(l, x, y);
		y += lineHeight;
	}
	return y;
}

function swatch(ctx: CanvasRenderingContext2D, item: ImageLegendItem, x: number, y: number): void {
	const { w, h } = SWATCH;
	if (item.hatch) {
		ctx.fillStyle = NA_BG;
		ctx.fillRect(x, y, w, h);
		ctx.save();
		ctx.beginPath();
		ctx.rect(x, y, w, h);
		ctx.clip();
		ctx.strokeStyle = NA_STRIPE;
		ctx.lineWidth = 1.5;
		ctx.beginPath();
		for (let d = -h; d < w; d += 5.5) {
			ctx.moveTo(x + d, y + h);
			ctx.lineTo(x + d + h, y);
		}
		ctx.stroke();
		ctx.restore();
	} else {
		ctx.fillStyle = item.color;
		ctx.fillRect(x, y, w, h);
	}
	ctx.strokeStyle = 'rgba(0, 0, 0, 0.25)';
	ctx.lineWidth = 1;
	ctx.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1);
}

const count = new Intl.NumberFormat('fr-FR');

function drawLegend(ctx: CanvasRenderingContext2D, img: MapImage, box: Rect): void {
	const width = box.w;
	let y = box.y;
	ctx.fillStyle = TEXT;
	let m = font(ctx, 20, 700);
	y = writeLines(ctx, clampLines(wrapText(img.legendTitle, width, m), 3, width, m), box.x, y, 26) + 8;
	for (const it of img.legend) {
		if (y + SWATCH.h > box.y + box.h) break;
		swatch(ctx, it, box.x, y);
		ctx.fillStyle = TEXT;
		m = font(ctx, 18);
		const countText = it.count === undefined ? '' : `(${count.format(it.count)})`;
		const labelWidth = width - SWATCH.w - 12 - (countText ? m(countText) + 10 : 0);
		ctx.fillText(clampLines(wrapText(it.label, labelWidth, m), 1, labelWidth, m)[0] ?? '', box.x + SWATCH.w + 12, y + 1);
		if (countText) {
			ctx.fillStyle = MUTED;
			ctx.fillText(countText, box.x + width - m(countText), y + 1);
		}
		y += 32;
	}
	y += 8;
	ctx.fillStyle = MUTED;
	m = font(ctx, 15);
	for (const note of img.notes) {
		const room = Math.floor((box.y + box.h - y) / 20);
		if (room <= 0) break;
		y = writeLines(ctx, clampLines(wrapText(note, width, m), room, width, m), box.x, y, 20) + 6;
	}
}

/**
 * Draws the whole image on `ctx` (IMAGE_WIDTH × IMAGE_HEIGHT): title and subtitle on top, the map
 * on the left, the legend on the right, the sources and the date at the bottom.
 */
export function composeMapImage(ctx: CanvasRenderingContext2D, img: MapImage, paintMap: MapPainter): void {
	const W = IMAGE_WIDTH;
	const H = IMAGE_HEIGHT;
	const inner = W - 2 * MARGIN;
	ctx.textBaseline = 'top';
	ctx.fillStyle = '#ffffff';
	ctx.fillRect(0, 0, W, H);

	// Header.
	let y = MARGIN;
	ctx.fillStyle = BLUE;
	let m = font(ctx, 34, 700);
	y = writeLines(ctx, clampLines(wrapText(img.title, inner, m), 2, inner, m), MARGIN, y, 42);
	ctx.fillStyle = MUTED;
	m = font(ctx, 22);
	y = writeLines(ctx, clampLines(wrapText(img.subtitle, inner, m), 2, inner, m), MARGIN, y + 2, 30) + 14;

	// Footer, laid out first from the bottom so the map takes what is left.
	m = font(ctx, 15);
	const sourceLines = clampLines(
		img.sources.flatMap((s, i) => wrapText(i === 0 ? `Sources : ${s}` : s, inner, m)),
		6,
		inner,
		m
	);
	const dateLine = `${img.date} — Atlas PTSM, données ouvertes traitées dans le navigateur.`;
	const footerTop = H - MARGIN - (sourceLines.length + 1) * 21;
	ctx.fillStyle = MUTED;
	writeLines(ctx, [...sourceLines, dateLine], MARGIN, footerTop, 21);

	// Map and legend.
	const bodyH = footerTop - 16 - y;
	const mapRect: Rect = { x: MARGIN, y, w: inner - LEGEND_WIDTH - GAP, h: bodyH };
	ctx.fillStyle = MAP_BG;
	ctx.fillRect(mapRect.x, mapRect.y, mapRect.w, mapRect.h);
	ctx.save();
	ctx.beginPath();
	ctx.rect(mapRect.x, mapRect.y, mapRect.w, mapRect.h);
	ctx.clip();
	paintMap(ctx, mapRect);
	ctx.restore();
	ctx.strokeStyle = BORDER;
	ctx.lineWidth = 1;
	ctx.strokeRect(mapRect.x + 0.5, mapRect.y + 0.5, mapRect.w - 1, mapRect.h - 1);
	drawLegend(ctx, img, { x: mapRect.x + mapRect.w + GAP, y, w: LEGEND_WIDTH, h: bodyH });
}
