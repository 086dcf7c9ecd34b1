/**
 * The SVG map layout on the real geometry artefacts (admin.topojson, communes.topojson): France by
 * département or région puts metropolitan France in the main frame, filling it, and each overseas
 * département in its own inset, inside its box, with no box overlapping another; a single territory
 * gets one frame; Saint-Martin and Saint-Barthélemy (communes of Guadeloupe here) get an inset of
 * their own; a union spanning metropolitan and overseas parts stays one path drawn in both frames.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Feature } from 'geojson';
import type { Topology } from 'topojson-specification';
import { featureById, unionOf, unitFeatures } from '../../../src/lib/diagnostic/geometry';
import { gapFeatures } from '../../../src/lib/pages/gap-features';
import type { GapResult } from '../../../src/lib/pages/gaps.svelte';
import type { QueryPort } from '../../../src/lib/queries/port';
import { insetSentence, splitByZone, svgLayout, zoneAt, type Frame, type SvgLayout } from '../../../src/lib/map/svg-projection';
import { DATA_DIR, describeArtefacts } from '../../helpers/artefacts';

type Box = { x0: number; y0: number; x1: number; y1: number };

/** Extent of an SVG path written by d3 (M/L/Z with x,y pairs). */
function extent(d: string): Box {
	const n = (d.match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g) ?? []).map(Number);
	expect(n.length).toBeGreaterThan(2);
	const b = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
	for (let i = 0; i + 1 < n.length; i += 2) {
		b.x0 = Math.min(b.x0, n[i]!);
		b.x1 = Math.max(b.x1, n[i]!);
		b.y0 = Math.min(b.y0, n[i + 1]!);
		b.y1 = Math.max(b.y1, n[i + 1]!);
	}
	return b;
}
const boxOf = (f: Frame): Box => ({ x0: f.x, y0: f.y, x1: f.x + f.w, y1: f.y + f.h });
const inside = (a: Box, b: Box, tol = 0.51) => a.x0 >= b.x0 - tol && a.y0 >= b.y0 - tol && a.x1 <= b.x1 + tol && a.y1 <= b.y1 + tol;
const overlap = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
const union = (bs: Box[]): Box => ({ x0: Math.min(...bs.map((b) => b.x0)), y0: Math.min(...bs.map((b) => b.y0)), x1: Math.max(...bs.map((b) => b.x1)), y1: Math.max(...bs.map((b) => b.y1)) });
const frameOf = (l: SvgLayout, zone: string) => l.frames.find((f) => f.zone === zone)!;

const DROM: Record<string, string> = { '971': 'guadeloupe', '972': 'martinique', '973': 'guyane', '974': 'reunion', '976': 'mayotte' };

describeArtefacts('SVG map layout with overseas insets', () => {
	let admin: Topology;
	let communes: Topology;
	let deps: Feature[];
	beforeAll(() => {
		admin = JSON.parse(readFileSync(join(DATA_DIR, 'admin.topojson'), 'utf8')) as Topology;
		communes = JSON.parse(readFileSync(join(DATA_DIR, 'communes.topojson'), 'utf8')) as Topology;
		const all = (admin.objects.departements as { geometries: { id: string }[] }).geometries.map((g) => String(g.id));
		deps = unitFeatures(admin, 'departements', new Set(all));
	});

	it('France by département: metropolitan France fills the main frame, each DROM lies inside its own inset', () => {
		expect(deps).toHaveLength(101);
		const l = svgLayout(deps, { width: 520, height: 440 });
		expect(l.frames.map((f) => f.zone)).toEqual(['metropole', 'guadeloupe', 'martinique', 'guyane', 'reunion', 'mayotte']);
		expect(l.frames[0]!.inset).toBe(false);
		const main = boxOf(l.frames[0]!);
		const metro = deps.filter((f) => !String(f.id).startsWith('97'));
		const ext = union(metro.map((f) => extent(l.path(f))));
		expect(inside(ext, main)).toBe(true);
		// Fitted: one side touches the frame, and the drawing covers most of it.
		const fw = (ext.x1 - ext.x0) / l.frames[0]!.w;
		const fh = (ext.y1 - ext.y0) / l.frames[0]!.h;
		expect(Math.max(fw, fh)).toBeGreaterThan(0.98);
		expect(fw * fh).toBeGreaterThan(0.75);
		expect(l.frames[0]!.w * l.frames[0]!.h).toBeGreaterThan(0.6 * 520 * 440);
		for (const [code, zone] of Object.entries(DROM)) {
			const f = deps.find((d) => d.id === code)!;
			const frame = frameOf(l, zone);
			expect(frame.inset).toBe(true);
			const e = extent(l.path(f));
			expect(inside(e, boxOf(frame)), `${code} inside its inset`).toBe(true);
			// Each DROM is fitted to its box, not a dot in it.
			expect(Math.max((e.x1 - e.x0) / frame.w, (e.y1 - e.y0) / frame.h)).toBeGreaterThan(0.85);
			expect(frame.kmPerUnit).toBeGreaterThan(0);
		}
		// No two frames overlap (labels sit above each inset, outside its box), all inside the drawing.
		for (const [i, a] of l.frames.entries()) {
			expect(inside(boxOf(a), { x0: 0, y0: 0, x1: 520, y1: 440 }, 0)).toBe(true);
			expect(a.labelY).toBeLessThan(a.inset ? a.y : Infinity);
			for (const b of l.frames.slice(i + 1)) expect(overlap(boxOf(a), boxOf(b)), `${a.zone} / ${b.zone}`).toBe(false);
		}
		expect(insetSentence(l)).toBe('En encadrés, chacun à sa propre échelle : Guadeloupe, Martinique, Guyane, La Réunion, Mayotte.');
	});

	it('the gap map of France by département draws all 101, the overseas ones in insets (said in its note)', async () => {
		const res = { level: 'departement', scope: { level: 'france' }, values: deps.map((f) => ({ code: String(f.id) })), set: undefined } as unknown as GapResult;
		const noSql = {} as QueryPort; // départements come from the admin topology alone
		const { features, note } = await gapFeatures(noSql, { admin: async () => admin, communes: async () => communes }, res);
		expect(features.map((f) => String(f.id)).sort()).toEqual(deps.map((f) => String(f.id)).sort());
		expect(note).toBe('Carte : départements et régions d’outre-mer en encadrés, chacun à sa propre échelle.');
		expect(svgLayout(features, { width: 520, height: 440 }).frames.filter((f) => f.inset)).toHaveLength(5);
	});

	it('France by région: the five overseas régions in insets, the thirteen others in the main frame', () => {
		const all = (admin.objects.regions as { geometries: { id: string }[] }).geometries.map((g) => String(g.id));
		const regs = unitFeatures(admin, 'regions', new Set(all));
		const l = svgLayout(regs, { width: 520, height: 440 });
		expect(l.frames).toHaveLength(6);
		const main = boxOf(l.frames[0]!);
		for (const r of regs) {
			const e = extent(l.path(r));
			const z = ['01', '02', '03', '04', '06'].includes(String(r.id)) ? l.frames.find((f) => f.inset && inside(e, boxOf(f))) : inside(e, main);
			expect(z, `région ${r.id}`).toBeTruthy();
		}
	});

	it('one DROM, or one metropolitan territory, gets one frame over the whole drawing', () => {
		for (const code of ['973', '974', '976', '2A', '38']) {
			const f = deps.find((d) => d.id === code)!;
			const l = svgLayout([f], { width: 640, height: 520, pad: 12, reserveBottom: 30 });
			expect(l.frames.map((x) => x.inset)).toEqual([false]);
			expect(l.frames[0]!.zone).toBe(DROM[code] ?? 'metropole');
			expect(l.frames[0]).toMatchObject({ x: 12, y: 12, w: 616, h: 466 });
			expect(insetSentence(l)).toBe('');
			const e = extent(l.path(f));
			expect(inside(e, boxOf(l.frames[0]!))).toBe(true);
			expect(Math.max((e.x1 - e.x0) / 616, (e.y1 - e.y0) / 466)).toBeGreaterThan(0.98);
		}
		// The communes of Martinique: one frame too.
		const mq = unitFeatures(communes, 'communes', new Set(codesOf(communes, (c) => c.startsWith('972'))));
		expect(mq.length).toBeGreaterThan(30);
		expect(svgLayout(mq, { width: 640, height: 520 }).frames).toHaveLength(1);
	});

	it('communes of Guadeloupe: Saint-Martin and Saint-Barthélemy in an inset of their own, Guadeloupe in the main frame', () => {
		const codes = codesOf(communes, (c) => c.startsWith('971') || c === '97701' || c === '97801');
		const gp = unitFeatures(communes, 'communes', new Set(codes));
		const l = svgLayout(gp, { width: 640, height: 520, reserveBottom: 30 });
		expect(l.frames.map((f) => [f.zone, f.inset])).toEqual([
			['guadeloupe', false],
			['iles-du-nord', true]
		]);
		const inset = boxOf(l.frames[1]!);
		for (const c of ['97701', '97801']) expect(inside(extent(l.path(gp.find((f) => f.id === c)!)), inset), c).toBe(true);
		const main = boxOf(l.frames[0]!);
		const rest = union(gp.filter((f) => String(f.id).startsWith('971')).map((f) => extent(l.path(f))));
		expect(inside(rest, main)).toBe(true);
		expect(overlap(main, inset)).toBe(false);
		// The outline (union of the same communes) is split the same way.
		const outline = unionOf(communes, 'communes', new Set(codes))!;
		expect([...splitByZone(outline.geometry).keys()].sort()).toEqual(['guadeloupe', 'iles-du-nord']);
	});

	it('a union spanning the Ain and La Réunion is one path with a part in each frame', () => {
		const ain = featureById(admin, 'departements', '01')!;
		const reu = featureById(admin, 'departements', '974')!;
		const both: Feature = { type: 'Feature', id: 'x', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [...polys(ain), ...polys(reu)] } };
		const l = svgLayout([both], { width: 520, height: 440 });
		expect(l.frames.map((f) => f.zone)).toEqual(['metropole', 'reunion']);
		const d = l.path(both);
		const parts = d.split('M').filter(Boolean).map((p) => extent(`M${p}`));
		expect(parts.some((p) => inside(p, boxOf(l.frames[0]!)))).toBe(true);
		expect(parts.some((p) => inside(p, boxOf(l.frames[1]!)))).toBe(true);
	});

	it('sorts points into zones by where they lie', () => {
		expect(zoneAt([2.35, 48.85])).toBe('metropole');
		expect(zoneAt([9.15, 41.9])).toBe('metropole'); // Corse-du-Sud
		expect(zoneAt([-63.05, 18.07])).toBe('iles-du-nord');
		expect(zoneAt([-61.55, 16.25])).toBe('guadeloupe');
		expect(zoneAt([45.15, -12.8])).toBe('mayotte');
		expect(zoneAt([55.5, -21.1])).toBe('reunion');
		expect(zoneAt([-53, 4])).toBe('guyane');
		expect(zoneAt([-61, 14.6])).toBe('martinique');
	});
});

function codesOf(t: Topology, keep: (code: string) => boolean): string[] {
	return (t.objects.communes as { geometries: { id: string }[] }).geometries.map((g) => String(g.id)).filter(keep);
}
function polys(f: Feature) {
	const g = f.geometry;
	return g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
}
