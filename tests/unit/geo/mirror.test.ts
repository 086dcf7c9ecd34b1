/**
 * The geometry pipeline on the real mirror: 2018 communes → COG 2026, simplification budget,
 * interior points, point-in-commune for GISCO hospital sites, départements and régions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import { beforeAll, expect, it } from 'vitest';
import { buildAdminTopology } from '../../../data/geo/admin.ts';
import { reconcileCommunes, simplifyCommunes, type ReconcileResult, type SimplifiedCommunes } from '../../../data/geo/communes.ts';
import { buildCommuneIndex, communePoints, locatePoint, pointInCommune, type CommuneIndex, type LonLat } from '../../../data/geo/points.ts';
import { describeMirror, MIRROR } from '../../helpers/mirror.ts';

interface CogCommune {
	code: string;
	type: string;
	zone: string;
	departement: string;
	anciensCodes?: string[];
	commune?: string;
	chefLieu?: string;
}

const readGz = (rel: string) => gunzipSync(readFileSync(join(MIRROR!, rel))).toString('utf8');

/** Alias map built independently of data/parsers/cog.ts. Parents of délégué/associé entries are in `chefLieu`. */
function aliasMap(cog: CogCommune[]): Map<string, string> {
	const m = new Map<string, string>();
	for (const r of cog) if (r.type === 'commune-actuelle') m.set(r.code, r.code);
	for (const r of cog) if (r.type === 'commune-actuelle') for (const a of r.anciensCodes ?? []) if (!m.has(a)) m.set(a, r.code);
	for (const r of cog) if (r.type !== 'commune-actuelle' && !m.has(r.code)) m.set(r.code, (r.commune ?? r.chefLieu)!);
	return m;
}

const shoelace = (r: Position[]) => Math.abs(r.reduce((s, p, i) => s + (i ? (r[i - 1]![0]! - p[0]!) * (r[i - 1]![1]! + p[1]!) : 0), 0) / 2);
const area = (g: Polygon | MultiPolygon) =>
	(g.type === 'Polygon' ? [g.coordinates] : g.coordinates).reduce((s, poly) => s + shoelace(poly[0]!) - poly.slice(1).reduce((h, r) => h + shoelace(r), 0), 0);

function parseCsvLine(line: string): string[] {
	const out: string[] = [];
	let cur = '';
	let quoted = false;
	for (let i = 0; i < line.length; i++) {
		const ch = line[i]!;
		if (quoted) {
			if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
			else if (ch === '"') quoted = false;
			else cur += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') out.push(cur), (cur = '');
		else cur += ch;
	}
	out.push(cur);
	return out;
}

describeMirror('geometry on the real mirror', () => {
	let fc2018: FeatureCollection;
	let cog: CogCommune[];
	let aliases: Map<string, string>;
	let current: { code: string; dep: string }[];
	let result: ReconcileResult;
	let reconcileMs: number;
	let simplified: SimplifiedCommunes;
	let points: Map<string, LonLat>;
	let index: CommuneIndex;

	beforeAll(() => {
		fc2018 = JSON.parse(readGz('geo/francegeojson-2018-communes-avec-outre-mer.geojson.gz')) as FeatureCollection;
		cog = JSON.parse(readGz('cog/communes.json.gz')) as CogCommune[];
		aliases = aliasMap(cog);
		current = cog.filter((r) => r.type === 'commune-actuelle' && r.zone !== 'com').map((r) => ({ code: r.code, dep: r.departement }));
		const t0 = performance.now();
		result = reconcileCommunes(fc2018, aliases, current);
		reconcileMs = performance.now() - t0;
		simplified = simplifyCommunes(result.topology);
		points = communePoints(result.topology);
		index = buildCommuneIndex(result.topology);
	}, 120_000);

	it('gives geometry to every 2026 commune reachable from a 2018 code, and to almost all of them', () => {
		const { report } = result;
		const expected = new Set<string>();
		for (const f of fc2018.features) {
			const t = aliases.get(String(f.properties!.code));
			if (t) expected.add(t);
		}
		const withGeom = new Set(current.filter((c) => expected.has(c.code)).map((c) => c.code));
		expect(report.withGeometry).toBe(withGeom.size);
		expect(result.topology.objects.communes.geometries.map((g) => String(g.id)).sort()).toEqual([...withGeom].sort());
		expect(report.features2018).toBe(35357);
		expect(report.unmapped2018).toEqual([]);
		expect(report.invalid2018).toEqual([]);
		// The few missing ones were restored after 2018 (their land is still in the 2018 parent polygon).
		expect(report.missing.length).toBeLessThan(20);
		for (const m of report.missing) expect(withGeom.has(m.code)).toBe(false);
		expect(report.withGeometry + report.missing.length).toBe(current.length);
		// Communes nouvelles since 2018: hundreds of merges.
		expect(report.merged).toBeGreaterThan(200);
		expect(reconcileMs).toBeLessThan(30_000);
	});

	it('dissolves merged communes without losing or adding area', () => {
		// The 2026 commune made of the most 2018 polygons.
		const parts = new Map<string, Feature[]>();
		for (const f of fc2018.features) {
			const t = aliases.get(String(f.properties!.code))!;
			parts.set(t, [...(parts.get(t) ?? []), f]);
		}
		const [code, group] = [...parts].sort((a, b) => b[1].length - a[1].length)[0]!;
		expect(group.length).toBeGreaterThan(5);
		const merged = result.topology.objects.communes.geometries.find((g) => g.id === code);
		expect(merged).toBeDefined();
		const g = feature(result.topology, merged as never) as unknown as Feature<Polygon | MultiPolygon>;
		const sum = group.reduce((s, f) => s + area(f.geometry as Polygon | MultiPolygon), 0);
		expect(area(g.geometry) / sum).toBeCloseTo(1, 9);
	});

	it('fits the simplified commune topology in the size budget', () => {
		expect(simplified.stats.gzipBytes).toBeLessThan(4_000_000);
		expect(simplified.stats.objects).toEqual([{ name: 'communes', geometries: result.report.withGeometry }]);
		expect(simplified.ms).toBeLessThan(60_000);
		console.info(
			`[geo] communes: ${result.report.withGeometry} geometries, ${(simplified.stats.bytes / 1e6).toFixed(2)} MB raw, ` +
				`${(simplified.stats.gzipBytes / 1e6).toFixed(2)} MB gz; reconcile ${Math.round(reconcileMs)} ms, simplify ${Math.round(simplified.ms)} ms`
		);
	});

	it('places well-known points in the right commune', () => {
		expect(pointInCommune(index, 2.3499, 48.853)).toBe('75056'); // Notre-Dame de Paris
		expect(pointInCommune(index, 4.8357, 45.764)).toBe('69123'); // Lyon
		expect(pointInCommune(index, 8.7369, 41.9192)).toBe('2A004'); // Ajaccio
		expect(pointInCommune(index, 55.4504, -20.8823)).toBe('97411'); // Saint-Denis (La Réunion)
		expect(pointInCommune(index, -3, 46.5)).toBeNull(); // Atlantic
	});

	it('puts every interior point inside its own commune', () => {
		expect(points.size).toBe(result.report.withGeometry);
		let own = 0;
		for (const [code, [lon, lat]] of points) if (pointInCommune(index, lon, lat) === code) own++;
		expect(own).toBe(points.size);
	});

	it('locates almost every GISCO hospital site in a commune', () => {
		const lines = readGz('finess_hospitals_gisco/gisco_healthcare_FR_finess20200306.csv.gz').split('\n').filter(Boolean);
		const head = parseCsvLine(lines[0]!);
		const iLon = head.indexOf('lon');
		const iLat = head.indexOf('lat');
		const rows = lines.slice(1).map(parseCsvLine);
		let inside = 0;
		const outside: string[] = [];
		for (const r of rows) {
			const lon = Number(r[iLon]);
			const lat = Number(r[iLat]);
			if (pointInCommune(index, lon, lat)) inside++;
			else if (!locatePoint(index, lon, lat, 2)) outside.push(r[0]!);
		}
		expect(rows.length).toBe(5368);
		expect(inside / rows.length).toBeGreaterThan(0.999);
		// Only sites outside metropole + DROM (Saint-Pierre-et-Miquelon, a COM) stay unplaced with a 2 km tolerance.
		for (const id of outside) expect(id.startsWith('9705')).toBe(true);
	});

	it('builds départements and régions within budget', () => {
		const deps = JSON.parse(readFileSync(join(MIRROR!, 'cog/departements.json'), 'utf8')) as { code: string; region: string }[];
		const depToReg = new Map(deps.map((d) => [d.code, d.region] as [string, string]));
		const fc = JSON.parse(readFileSync(join(MIRROR!, 'geo/departements-1000m.geojson'), 'utf8')) as FeatureCollection;
		const { topology, report } = buildAdminTopology(fc, depToReg);
		expect(report.departements).toBe(101);
		expect(report.regions).toBe(18);
		expect(report.dropped.map((d) => d.code).sort()).toEqual(['975', '977', '978', '984', '986', '987', '988', '989']);
		expect(report.missing).toEqual([]);
		expect(report.noRegion).toEqual([]);
		const regs = new Set(deps.filter((d) => !['975', '977', '978', '984', '986', '987', '988', '989'].includes(d.code)).map((d) => d.region));
		expect((topology.objects.regions.geometries.map((g) => String(g.id)) as string[]).sort()).toEqual([...regs].sort());
		expect(gzipSync(JSON.stringify(topology)).length).toBeLessThan(300_000);
	});
});
