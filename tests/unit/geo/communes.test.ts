import { readFileSync } from 'node:fs';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { feature, neighbors } from 'topojson-client';
import type { GeometryCollection } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { depOfCode, reconcileCommunes, simplifyCommunes } from '../../../data/geo/communes.ts';

const fc2018 = JSON.parse(
	readFileSync(new URL('../../fixtures/geo/communes-2018-mini.geojson', import.meta.url), 'utf8')
) as FeatureCollection;

// 2018 grid (1° squares):   A 01001 | B 01002 | C 02001        G 01005 (apart)
//                           D 01003 | E 01004 | F 02002
const aliases = new Map<string, string>([
	['01001', '01001'],
	['01002', '01001'], // B merged into A (same département)
	['01003', '01003'],
	['01004', '02005'], // E merged with F into a new commune of département 02
	['02002', '02005'],
	['01005', '98799'], // a target that is not a requested 2026 commune
	['01777', '01888'] // former code of 01888, absent from the 2018 map
	// 02001 (C): no alias at all
]);
const current = [{ code: '01001' }, { code: '01003' }, { code: '02005' }, { code: '01999' }, { code: '01888', dep: '01' }];

const shoelace = (r: Position[]) => Math.abs(r.reduce((s, p, i) => s + (i ? (r[i - 1]![0]! - p[0]!) * (r[i - 1]![1]! + p[1]!) : 0), 0) / 2);
const area = (g: Polygon | MultiPolygon) =>
	(g.type === 'Polygon' ? [g.coordinates] : g.coordinates).reduce((s, poly) => s + shoelace(poly[0]!) - poly.slice(1).reduce((h, r) => h + shoelace(r), 0), 0);

describe('depOfCode', () => {
	it('uses 3 characters overseas and 2 elsewhere', () => {
		expect(depOfCode('01001')).toBe('01');
		expect(depOfCode('2A004')).toBe('2A');
		expect(depOfCode('97411')).toBe('974');
		expect(depOfCode('97501')).toBe('975');
	});
});

describe('reconcileCommunes on a hand-made grid', () => {
	const { topology, report } = reconcileCommunes(fc2018, aliases, current);
	const communes = topology.objects.communes;
	const features = (feature(topology, communes) as FeatureCollection<Polygon | MultiPolygon>).features;
	const geom = (code: string) => features.find((f) => f.id === code)!.geometry;

	it('gives one geometry per requested commune that has 2018 polygons, with the 2026 code as id and no properties', () => {
		expect(communes.geometries.map((g) => g.id)).toEqual(['01001', '01003', '02005']);
		expect(communes.geometries.every((g) => g.properties === undefined)).toBe(true);
		expect(report.withGeometry).toBe(3);
		expect(report.current).toBe(5);
		expect(report.merged).toBe(2);
	});

	it('dissolves the border between merged 2018 communes', () => {
		const g = geom('01001');
		expect(g.type).toBe('Polygon');
		expect(area(g)).toBeCloseTo(2, 9); // A + B
		const ringPts = (g as Polygon).coordinates[0]!;
		// No vertex may sit on the old A|B border strictly inside the new commune.
		expect(ringPts.some(([x, y]) => x === 1 && y! > 46 && y! < 47)).toBe(false);
		expect(ringPts.length).toBeGreaterThanOrEqual(5);
		expect(area(geom('02005'))).toBeCloseTo(2, 9); // E + F
		expect(area(geom('01003'))).toBeCloseTo(1, 9);
	});

	it('keeps borders with neighbours as shared arcs', () => {
		const ids = communes.geometries.map((g) => g.id);
		const nb = neighbors(communes.geometries as never).map((list) => list.map((i) => ids[i]).sort());
		expect(nb[0]).toEqual(['01003', '02005']); // 01001 touches D below and E (now 02005) below-right
		expect(nb[1]).toEqual(['01001', '02005']);
		expect(nb[2]).toEqual(['01001', '01003']);
	});

	it('reports missing communes, unmapped codes, foreign targets, cross-département merges and bad features', () => {
		expect(report.missing.map((m) => m.code)).toEqual(['01999', '01888']);
		expect(report.missing[0]!.hint).toMatch(/no former code/);
		expect(report.missing[1]!.hint).toMatch(/01777/);
		expect(report.unmapped2018).toEqual([{ code: '02001', name: 'C' }]);
		expect(report.targetNotCurrent).toEqual([{ code: '01005', name: 'G', target: '98799' }]);
		expect(report.crossDepartement).toEqual([{ code: '01004', name: 'E', dep2018: '01', target: '02005', dep2026: '02' }]);
		expect(report.invalid2018).toEqual([
			{ code: '01006', reason: 'geometry Point' },
			{ code: '01003', reason: 'duplicate code' }
		]);
		expect(report.features2018).toBe(9);
	});

	it('adds {d: dep} only when asked', () => {
		const withDep = reconcileCommunes(fc2018, aliases, current, { withDep: true }).topology.objects.communes;
		expect(withDep.geometries.map((g) => g.properties)).toEqual([{ d: '01' }, { d: '01' }, { d: '02' }]);
	});

	it('simplifies into a quantized topology that still has every commune', () => {
		const s = simplifyCommunes(topology);
		expect(s.topology.transform).toBeDefined();
		expect((s.topology.objects.communes as GeometryCollection).geometries.map((g) => g.id)).toEqual(['01001', '01003', '02005']);
		expect(JSON.parse(s.json)).toEqual(JSON.parse(JSON.stringify(s.topology)));
		expect(s.stats.bytes).toBe(Buffer.byteLength(s.json));
		expect(s.ms).toBeGreaterThanOrEqual(0);
		// Unused arcs (the dissolved A|B border, C, G) are pruned.
		const used = new Set<number>();
		const walk = (a: unknown): void => (Array.isArray(a) ? a.forEach(walk) : void used.add((a as number) < 0 ? ~(a as number) : (a as number)));
		for (const g of s.topology.objects.communes.geometries) walk((g as { arcs: unknown }).arcs);
		expect(used.size).toBe(s.topology.arcs.length);
	});
});
