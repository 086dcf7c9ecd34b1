/** Map geometry from the built TopoJSON artefacts: units by code, outlines, unknown codes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { geoArea } from 'd3';
import type { Topology } from 'topojson-specification';
import { featureById, unionOf, unitFeatures } from '../../../src/lib/diagnostic/geometry';
import { DATA_DIR, describeArtefacts } from '../../helpers/artefacts';

describeArtefacts('diagnostic map geometry', () => {
	let communes: Topology;
	let admin: Topology;
	beforeAll(() => {
		communes = JSON.parse(readFileSync(join(DATA_DIR, 'communes.topojson'), 'utf8')) as Topology;
		admin = JSON.parse(readFileSync(join(DATA_DIR, 'admin.topojson'), 'utf8')) as Topology;
	});

	it('returns exactly the requested units, with string ids', () => {
		const codes = new Set(['69123', '69266', '2A004', '00000']);
		const f = unitFeatures(communes, 'communes', codes);
		expect(f.map((x) => x.id).sort()).toEqual(['2A004', '69123', '69266']);
		expect(f.every((x) => x.geometry.type === 'Polygon' || x.geometry.type === 'MultiPolygon')).toBe(true);
	});

	it('dissolves a territory into one outline whose area is the sum of its communes', () => {
		const codes = new Set(['69123', '69266', '69029']);
		const parts = unitFeatures(communes, 'communes', codes);
		const union = unionOf(communes, 'communes', codes)!;
		const sum = parts.reduce((s, f) => s + geoArea(f), 0);
		expect(geoArea(union)).toBeCloseTo(sum, 9);
		expect(unionOf(communes, 'communes', new Set(['00000']))).toBeNull();
	});

	it('finds a région by code and nothing for an unknown one', () => {
		expect(featureById(admin, 'regions', '84')?.id).toBe('84');
		expect(featureById(admin, 'regions', '99')).toBeNull();
		expect(() => unitFeatures(admin, 'cantons', new Set(['1']))).toThrow(/couche « cantons » absente/);
	});
});
