/**
 * ownerMesh restricted to a set's members (`members`): the same boundary lines as the mesh over
 * the whole commune topology, on the real communes.topojson (a custom territory of the Creuse,
 * runs of 25 communes over a whole département, one commune added).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { MultiLineString } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { ownerMesh } from '../../../src/lib/map/geometry';
import { DATA_DIR, describeArtefacts } from '../../helpers/artefacts';

/** Every segment of the lines, direction-free, as sorted keys: two meshes with the same lines compare equal. */
function segments(m: MultiLineString | null): string[] {
	const out: string[] = [];
	for (const line of m?.coordinates ?? [])
		for (let i = 1; i < line.length; i++) {
			const a = line[i - 1]!.join(',');
			const b = line[i]!.join(',');
			out.push(a < b ? `${a}|${b}` : `${b}|${a}`);
		}
	return out.sort();
}

describeArtefacts('ownerMesh over the members only (real communes)', () => {
	let topo: Topology;
	let codes: string[];
	beforeAll(() => {
		topo = JSON.parse(readFileSync(join(DATA_DIR, 'communes.topojson'), 'utf8')) as Topology;
		codes = (topo.objects.communes as GeometryCollection).geometries.map((g) => String(g.id));
	});

	it('draws the same lines for a custom territory of 31 communes as the mesh of the whole topology', () => {
		const members = codes.filter((c) => c.startsWith('23')).slice(0, 31);
		const owner = new Map(members.map((c) => [c, 'T']));
		const full = ownerMesh(topo, (c) => owner.get(c));
		const restricted = ownerMesh(topo, (c) => owner.get(c), 'communes', owner.keys());
		expect(segments(full).length).toBeGreaterThan(31);
		expect(segments(restricted)).toEqual(segments(full));
	});

	it('draws the same lines for several territories over a département, with members listed more than once and unknown codes', () => {
		const dep = codes.filter((c) => c.startsWith('19'));
		const owner = new Map(dep.map((c, i) => [c, `S${Math.floor(i / 25)}`]));
		const full = ownerMesh(topo, (c) => owner.get(c));
		const restricted = ownerMesh(topo, (c) => owner.get(c), 'communes', [...dep, ...dep.slice(0, 10), '99999']);
		expect(new Set(owner.values()).size).toBeGreaterThan(3);
		expect(segments(restricted)).toEqual(segments(full));
	});

	it('changes with the members: one commune more moves the outline', () => {
		const members = codes.filter((c) => c.startsWith('23')).slice(0, 31);
		const before = segments(ownerMesh(topo, (c) => (members.includes(c) ? 'T' : undefined), 'communes', members));
		const more = [...members, codes.filter((c) => c.startsWith('23'))[31]!];
		const after = segments(ownerMesh(topo, (c) => (more.includes(c) ? 'T' : undefined), 'communes', more));
		expect(after).not.toEqual(before);
	});
});
