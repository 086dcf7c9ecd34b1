import { describe, expect, it } from 'vitest';
import type { Feature } from 'geojson';
import { featurePath, fitCamera, previewPaths, projector } from '../../../src/lib/map/preview';

// A plain linear "camera": 10 px per degree, y downwards.
const project = (lng: number, lat: number): [number, number] => [lng * 10, -lat * 10 + 100];
const square = (x: number, y: number, s: number) => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];

describe('first-map preview paths', () => {
	it('projects each ring with the given camera, closes it, keeps holes', () => {
		const d = featurePath({ type: 'Polygon', coordinates: [square(1, 1, 4), square(2, 2, 1)] }, project, 200, 200);
		expect(d).toBe('M10 90L50 90L50 50L10 50L10 90ZM20 80L30 80L30 70L20 70L20 80Z');
	});
	it('leaves out the parts of a feature outside the view, and a feature wholly outside', () => {
		const multi = { type: 'MultiPolygon' as const, coordinates: [[square(1, 1, 4)], [square(-60, 1, 4)]] };
		expect(featurePath(multi, project, 200, 200)).toBe('M10 90L50 90L50 50L10 50L10 90Z');
		expect(featurePath({ type: 'Polygon', coordinates: [square(-60, 1, 4)] }, project, 200, 200)).toBeNull();
	});
	it('drops repeated sub-pixel points and degenerate rings', () => {
		const ring = [[1, 1], [1.001, 1.001], [5, 1], [5, 5], [1, 1]];
		expect(featurePath({ type: 'Polygon', coordinates: [ring] }, project, 200, 200)).toBe('M10 90L50 90L50 50L10 90Z');
		expect(featurePath({ type: 'Polygon', coordinates: [[[1, 1], [1.001, 1], [1, 1]]] }, project, 200, 200)).toBeNull();
	});
	it('gives one path per territory in view, filled with its class colour', () => {
		const features: Feature[] = [
			{ type: 'Feature', properties: { code: '23' }, geometry: { type: 'Polygon', coordinates: [square(1, 1, 4)] } },
			{ type: 'Feature', properties: { code: '971' }, geometry: { type: 'Polygon', coordinates: [square(-60, 1, 4)] } },
			{ type: 'Feature', properties: { code: '87' }, geometry: { type: 'Polygon', coordinates: [square(6, 1, 4)] } }
		];
		const paths = previewPaths(features, project, (c) => (c === '23' ? '#ff0000' : '#00ff00'), 200, 200);
		expect(paths.map((p) => [p.code, p.fill])).toEqual([['23', '#ff0000'], ['87', '#00ff00']]);
	});
});

describe('the start camera', () => {
	const bounds: [[number, number], [number, number]] = [[-5.2, 41.3], [9.6, 51.15]];
	const pad = { top: 54, bottom: 13, left: 300, right: 54 };
	it('puts the bounds inside the padded box, touching it on the limiting axis', () => {
		const cam = fitCamera(bounds, pad, 1280, 720);
		const p = projector(cam, 1280, 720);
		const [x0, y0] = p(-5.2, 51.15);
		const [x1, y1] = p(9.6, 41.3);
		expect(x0).toBeGreaterThanOrEqual(pad.left - 1e-6);
		expect(x1).toBeLessThanOrEqual(1280 - pad.right + 1e-6);
		expect(y0).toBeCloseTo(pad.top, 6); // France is taller than wide at this box: height limits
		expect(y1).toBeCloseTo(720 - pad.bottom, 6);
		expect((x0 + x1) / 2).toBeCloseTo(pad.left + (1280 - pad.left - pad.right) / 2, 6);
	});
	it('projects the centre to the middle of the box, and keeps the zoom under maxZoom', () => {
		const cam = fitCamera(bounds, pad, 1920, 1080);
		expect(projector(cam, 1920, 1080)(cam.center[0], cam.center[1])).toEqual([960, 540]);
		expect(fitCamera([[2.3, 48.85], [2.31, 48.86]], pad, 1920, 1080, 11).zoom).toBe(11);
	});
});
