/**
 * PNG composition of a map (src/lib/export/png.ts) on a recording 2D context: where the map, the
 * title, the legend, the sources and the date land, that no text leaves the image, that long
 * texts are wrapped and cut with '…'; and the small text helpers and the file name.
 */
import { describe, expect, it } from 'vitest';
import {
	clampLines,
	composeMapImage,
	exportDate,
	fitContain,
	IMAGE_HEIGHT,
	IMAGE_WIDTH,
	imageFileName,
	sourceCitation,
	wrapText,
	type MapImage,
	type Rect
} from '../../../src/lib/export/png';

/** Text width of the fake context: half the font size per character. */
const sizeOf = (font: string) => Number(/(\d+)px/.exec(font)?.[1] ?? 10);

interface Text {
	text: string;
	x: number;
	y: number;
	font: string;
	fill: string;
	width: number;
}

/** Records what is drawn; only the members composeMapImage uses. */
function recorder() {
	const texts: Text[] = [];
	const rects: (Rect & { fill: string })[] = [];
	const clips: Rect[] = [];
	let pending: Rect | null = null;
	const ctx = {
		font: '',
		fillStyle: '',
		strokeStyle: '',
		lineWidth: 1,
		textBaseline: '',
		measureText(t: string) {
			return { width: t.length * sizeOf(this.font) * 0.5 };
		},
		fillText(text: string, x: number, y: number) {
			texts.push({ text, x, y, font: this.font, fill: this.fillStyle, width: this.measureText(text).width });
		},
		fillRect(x: number, y: number, w: number, h: number) {
			rects.push({ x, y, w, h, fill: this.fillStyle });
		},
		strokeRect() {},
		save() {},
		restore() {},
		beginPath() {},
		rect(x: number, y: number, w: number, h: number) {
			pending = { x, y, w, h };
		},
		clip() {
			if (pending) clips.push(pending);
		},
		moveTo() {},
		lineTo() {},
		stroke() {}
	};
	return { ctx: ctx as unknown as CanvasRenderingContext2D, texts, rects, clips };
}

const image = (over: Partial<MapImage> = {}): MapImage => ({
	title: 'Lits d’hospitalisation complète en psychiatrie générale',
	subtitle: 'lits pour 100 000 habitants de 16 ans et plus, par département — France métropolitaine',
	legendTitle: 'lits pour 100 000 habitants de 16 ans et plus',
	legend: [
		{ color: '#ffffcc', label: 'de 12,5 à 40,1', count: 20 },
		{ color: '#41b6c4', label: 'de 40,2 à 80', count: 1234 },
		{ color: '', label: 'Non disponible', count: 3, hatch: true }
	],
	notes: ['Quantiles : chaque classe regroupe à peu près le même nombre de territoires.'],
	sources: ['Statistique annuelle des établissements de santé (SAE) — DREES. Millésime : SAE 2023. Licence : Licence Ouverte / Etalab 2.0.'],
	date: '23 novembre 2026',
	...over
});

describe('composeMapImage', () => {
	it('lays out title, map, legend, sources and date inside the image', () => {
		const { ctx, texts, rects } = recorder();
		let mapRect: Rect | null = null;
		composeMapImage(ctx, image(), (_c, r) => (mapRect = r));
		expect(rects[0]).toEqual({ x: 0, y: 0, w: IMAGE_WIDTH, h: IMAGE_HEIGHT, fill: '#ffffff' });
		const r = mapRect as unknown as Rect;
		expect(r).not.toBeNull();

		const title = texts.find((t) => t.text.startsWith('Lits d’hospitalisation'))!;
		expect(title.font).toMatch(/700 34px/);
		expect(title.y).toBeLessThan(r.y);
		const date = texts.find((t) => t.text.startsWith('23 novembre 2026'))!;
		const source = texts.find((t) => t.text.startsWith('Sources : Statistique annuelle'))!;
		expect(source.y).toBeGreaterThan(r.y + r.h);
		expect(date.y).toBeGreaterThan(source.y);
		expect(date.y).toBeLessThan(IMAGE_HEIGHT);
		// The map takes most of the image; the legend sits on its right.
		expect(r.w * r.h).toBeGreaterThan(0.4 * IMAGE_WIDTH * IMAGE_HEIGHT);
		for (const label of ['de 12,5 à 40,1', 'Non disponible']) {
			const t = texts.find((x) => x.text === label)!;
			expect(t.x).toBeGreaterThan(r.x + r.w);
		}
		// French counts beside each class.
		expect(texts.map((t) => t.text)).toEqual(expect.arrayContaining(['(20)', '(1\u202f234)', '(3)']));
		// Swatches in the class colours, right of the map.
		const swatch = rects.find((x) => x.fill === '#41b6c4')!;
		expect(swatch.x).toBeGreaterThan(r.x + r.w);
		for (const t of texts) {
			expect(t.x).toBeGreaterThanOrEqual(0);
			expect(t.x + t.width).toBeLessThanOrEqual(IMAGE_WIDTH);
		}
	});

	it('clips the map painter to its area and paints the map background first', () => {
		const { ctx, rects, clips } = recorder();
		let mapRect: Rect | null = null;
		composeMapImage(ctx, image(), (_c, r) => (mapRect = r));
		expect(clips[0]).toEqual(mapRect);
		expect(rects.find((x) => x.fill === '#eef1f6')).toMatchObject(mapRect!);
	});

	it('wraps and cuts long texts without leaving the image or the legend column', () => {
		const { ctx, texts } = recorder();
		const long = (w: string, n: number) => Array.from({ length: n }, () => w).join(' ');
		let mapRect: Rect | null = null;
		composeMapImage(
			ctx,
			image({
				title: long('psychiatrie', 80),
				legend: Array.from({ length: 60 }, (_, i) => ({ color: '#000000', label: `classe ${i} ${long('très', 30)}`, count: i })),
				notes: [long('remarque', 200)],
				sources: [long('source', 300), long('autre', 300)]
			}),
			(_c, r) => (mapRect = r)
		);
		const r = mapRect as unknown as Rect;
		const titleLines = texts.filter((t) => t.font.includes('34px'));
		expect(titleLines).toHaveLength(2);
		expect(titleLines[1]!.text.endsWith('…')).toBe(true);
		for (const t of texts) expect(t.x + t.width).toBeLessThanOrEqual(IMAGE_WIDTH - 32 + 1e-9);
		// Legend rows and notes stop at the bottom of the map area.
		for (const t of texts.filter((x) => x.x > r.x + r.w)) expect(t.y).toBeLessThan(r.y + r.h);
		// At most six source lines, the last one cut.
		const sourceLines = texts.filter((t) => t.y > r.y + r.h && !t.text.startsWith('23 novembre'));
		expect(sourceLines).toHaveLength(6);
		expect(sourceLines[5]!.text.endsWith('…')).toBe(true);
		expect(r.h).toBeGreaterThan(IMAGE_HEIGHT / 2);
	});
});

describe('text helpers', () => {
	const measure = (s: string) => s.length;

	it('wraps on spaces and keeps a too long word whole', () => {
		expect(wrapText('un deux trois quatre', 9, measure)).toEqual(['un deux', 'trois', 'quatre']);
		expect(wrapText('anticonstitutionnellement court', 10, measure)).toEqual(['anticonstitutionnellement', 'court']);
		expect(wrapText('  ', 10, measure)).toEqual([]);
	});

	it('cuts to a number of lines with an ellipsis that fits', () => {
		expect(clampLines(['a b', 'c d'], 2, 10, measure)).toEqual(['a b', 'c d']);
		const cut = clampLines(['abcdefgh ijk', 'lmn'], 1, 10, measure);
		expect(cut).toEqual(['abcdefgh …']);
		expect(clampLines(['a', 'b'], 0, 10, measure)).toEqual([]);
	});

	it('fits a picture in a box keeping its aspect, centred', () => {
		expect(fitContain(200, 100, { x: 10, y: 20, w: 100, h: 100 })).toEqual({ x: 10, y: 45, w: 100, h: 50 });
		expect(fitContain(100, 200, { x: 0, y: 0, w: 100, h: 100 })).toEqual({ x: 25, y: 0, w: 50, h: 100 });
		expect(fitContain(0, 0, { x: 1, y: 2, w: 3, h: 4 })).toEqual({ x: 1, y: 2, w: 3, h: 4 });
	});
});

describe('file name, date and citation', () => {
	it('names the file atlas-ptsm_<indicator>_<maille>_<date>.png with safe characters', () => {
		const d = new Date(2026, 0, 5, 23, 30);
		expect(imageFileName(['beds_adult_per100k', 'departement'], d)).toBe('atlas-ptsm_beds_adult_per100k_departement_2026-01-05.png');
		expect(imageFileName(['gp', 'écarts / région 84 « Est »'], d)).toBe('atlas-ptsm_gp_ecarts-region-84-Est_2026-01-05.png');
	});

	it('dates in local time, in French', () => {
		const d = new Date(2026, 10, 23, 0, 5);
		expect(exportDate(d)).toEqual({ iso: '2026-11-23', fr: '23 novembre 2026' });
		expect(exportDate(new Date(2026, 11, 1)).fr).toBe('1er décembre 2026');
	});

	it('cites title, publisher, vintage and licence, or says the source is unknown', () => {
		const s = { id: 'x', title: 'T', publisher: 'P', page: '', licence: 'L', vintage: 'V', available: true };
		expect(sourceCitation(s, 'x')).toBe('T — P. Millésime : V. Licence : L.');
		expect(sourceCitation(undefined, 'zz')).toMatch(/« zz » non décrite/);
	});
});
