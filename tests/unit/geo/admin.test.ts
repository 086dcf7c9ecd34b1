import { readFileSync } from 'node:fs';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { buildAdminTopology, isMetroOrDrom, withFranceOutline } from '../../../data/geo/admin.ts';

const fc = JSON.parse(readFileSync(new URL('../../fixtures/geo/departements-mini.geojson', import.meta.url), 'utf8')) as FeatureCollection;
// 971 deliberately left out of the map (→ noRegion); 974 is in the map but not in the file (→ missing).
const depToReg = new Map([
	['01', '84'],
	['69', '84'],
	['2A', '94'],
	['2B', '94'],
	['974', '04']
]);

const shoelace = (r: Position[]) => Math.abs(r.reduce((s, p, i) => s + (i ? (r[i - 1]![0]! - p[0]!) * (r[i - 1]![1]! + p[1]!) : 0), 0) / 2);
const area = (g: Polygon | MultiPolygon) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).reduce((s, poly) => s + shoelace(poly[0]!), 0);

describe('isMetroOrDrom', () => {
	it('accepts metropolitan and DROM codes only', () => {
		for (const c of ['01', '09', '19', '21', '2A', '2B', '95', '971', '974', '976']) expect(isMetroOrDrom(c)).toBe(true);
		for (const c of ['00', '20', '96', '975', '977', '984', '988', '989', '1', '']) expect(isMetroOrDrom(c)).toBe(false);
	});
});

describe('buildAdminTopology', () => {
	const { topology, report } = buildAdminTopology(fc, depToReg, { simplify: null });
	const feats = (name: 'departements' | 'regions' | 'france') =>
		(feature(topology, topology.objects[name] as GeometryCollection) as FeatureCollection<Polygon | MultiPolygon>).features;

	it('keeps metropole + DROM départements, sorted, with id = code, and reports the COM it dropped', () => {
		expect(feats('departements').map((f) => f.id)).toEqual(['01', '2A', '2B', '69', '971']);
		expect(report.dropped).toEqual([
			{ code: '975', name: 'Saint-Pierre-et-Miquelon' },
			{ code: '988', name: 'Nouvelle-Calédonie' }
		]);
		expect(report.features).toBe(7);
		expect(report.departements).toBe(5);
	});

	it('merges départements into régions along their shared borders', () => {
		const regions = feats('regions');
		expect(regions.map((f) => f.id)).toEqual(['84', '94']);
		const ara = regions[0]!.geometry;
		expect(ara.type).toBe('Polygon'); // 01 and 69 touch: one piece, no border left
		expect(area(ara)).toBeCloseTo(2, 9);
		expect((ara as Polygon).coordinates[0]!.some(([x, y]) => x === 5 && y! > 45.5 && y! < 46.5)).toBe(false);
		const corse = regions[1]!.geometry;
		expect(corse.type).toBe('MultiPolygon'); // mainland block + the small island of 2A
		expect((corse as MultiPolygon).coordinates).toHaveLength(2);
		expect(area(corse)).toBeCloseTo(0.5 + 1 + 0.01, 9);
	});

	it('reports départements without région, région mismatches and expected départements that are absent', () => {
		expect(report.noRegion).toEqual(['971']);
		expect(report.regionMismatch).toEqual([{ dep: '2B', file: '11', map: '94' }]);
		expect(report.missing).toEqual(['974']);
		expect(report.regions).toBe(2);
	});

	it('adds a France outline covering every kept département', () => {
		const [fr] = feats('france');
		expect(fr!.id).toBe('FR');
		// 01+69 block, 2A+2B block, the 2A islet, Guadeloupe.
		expect((fr!.geometry as MultiPolygon).coordinates).toHaveLength(4);
		const depArea = feats('departements').reduce((s, f) => s + area(f.geometry), 0);
		expect(area(fr!.geometry)).toBeCloseTo(depArea, 9);
		expect(buildAdminTopology(fc, depToReg, { outline: false, simplify: null }).topology.objects.france).toBeUndefined();
	});

	it('withFranceOutline builds the same outline from any tiling object', () => {
		const noOutline = buildAdminTopology(fc, depToReg, { outline: false, simplify: null }).topology;
		const t = withFranceOutline(noOutline);
		const fr = (feature(t, t.objects.france as GeometryCollection) as FeatureCollection<MultiPolygon>).features[0]!;
		expect(fr.geometry.coordinates).toHaveLength(4);
		expect(() => withFranceOutline(noOutline, 'nope')).toThrow(/nope/);
	});

	it('simplifies and quantizes by default', () => {
		const s = buildAdminTopology(fc, depToReg).topology;
		expect(s.transform).toBeDefined();
		expect((s.objects.departements as GeometryCollection).geometries).toHaveLength(5);
	});
});
