/**
 * The precomputed first map (scripts/first-paint.ts → static/data/first-paint.json): every frame
 * equals what the engine computes on this build's tables, the map model colours from it before
 * the engine is ready (and the engine's answer then has the same values and classes), and a file
 * from another build, malformed or unreachable is not used.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_PAINT_FILE, loadFirstPaint, prefetchFirstPaint } from '../../src/lib/db/load';
import type { FirstPaintArtefact, Manifest } from '../../src/lib/db/types';
import { indicatorById } from '../../src/lib/indicators/catalogue';
import { MapPage, type MapDeps } from '../../src/lib/pages/map.svelte';
import { precomputedFrame } from '../../src/lib/queries/first-paint';
import { indicatorFrame } from '../../src/lib/queries/indicators';
import { portOf, type QueryPort } from '../../src/lib/queries/port';
import { LocalOnMap } from '../../src/lib/resources/on-map.svelte';
import { firstPaintIndicators, FIRST_PAINT_FILE as WRITTEN, FIRST_PAINT_LEVELS } from '../../scripts/first-paint';
import { DATA_DIR, describeArtefacts, loadAllArtefacts, readManifest } from '../helpers/artefacts';
import type { NodeDuckDB } from '../helpers/duckdb-node';

const served = (body: unknown, status = 200) => async () => new Response(JSON.stringify(body), { status });
const MANIFEST = { built_at: '2026-01-01T00:00:00.000Z', app_version: 't', sources: [], artefacts: [], first_paint: { file: 'first-paint.json', bytes: 1, sha256: 'x', indicators: 1, levels: ['departement'] } } satisfies Manifest;
const FP: FirstPaintArtefact = { built_from: MANIFEST.built_at, levels: { departement: { names: { '23': 'Creuse' }, frames: { beds_adult_per100k: [['23', 150.5, 170, 112958]] } } } };

describe('first-paint artefact reading', () => {
	it('reads this build’s frames; ignores another build’s, a malformed file, an error or no entry', async () => {
		expect(await loadFirstPaint(MANIFEST, served(FP))).toEqual(FP);
		expect(await loadFirstPaint(MANIFEST, served({ ...FP, built_from: '2025-01-01T00:00:00.000Z' }))).toBeNull();
		expect(await loadFirstPaint(MANIFEST, served({ built_from: MANIFEST.built_at }))).toBeNull();
		expect(await loadFirstPaint(MANIFEST, served(FP, 404))).toBeNull();
		expect(await loadFirstPaint(MANIFEST, async () => Promise.reject(new Error('réseau')))).toBeNull();
		expect(await loadFirstPaint({ ...MANIFEST, first_paint: undefined }, served(FP))).toBeNull();
		expect(await loadFirstPaint({ ...MANIFEST, first_paint: { ...MANIFEST.first_paint, file: '../x.json' } }, served(FP))).toBeNull();
	});
	it('uses the early request when the manifest names its file, fetches the named one otherwise', async () => {
		expect(FIRST_PAINT_FILE).toBe(WRITTEN);
		const asked: string[] = [];
		const fetchFn = async (href: string) => {
			asked.push(href);
			return new Response(JSON.stringify(href.endsWith('/other.json') ? { ...FP, levels: {} } : FP));
		};
		const early = prefetchFirstPaint(fetchFn, '/data');
		expect(asked).toEqual(['/data/first-paint.json']);
		expect(await loadFirstPaint(MANIFEST, fetchFn, '/data', early)).toEqual(FP);
		expect(asked).toHaveLength(1);
		expect(await loadFirstPaint({ ...MANIFEST, first_paint: { ...MANIFEST.first_paint, file: 'other.json' } }, fetchFn, '/data', early)).toEqual({ ...FP, levels: {} });
		expect(asked).toEqual(['/data/first-paint.json', '/data/other.json']);
		// An early request that failed is never an error: no frames.
		const failed = prefetchFirstPaint(async () => Promise.reject(new Error('réseau')));
		expect(await loadFirstPaint(MANIFEST, served(FP), '/data', failed)).toBeNull();
	});
	it('turns a frame into the engine’s row shape; unknown or malformed frames give null', () => {
		expect([...precomputedFrame(FP, 'beds_adult_per100k', 'departement')!.values()]).toEqual([
			{ code: '23', name: 'Creuse', value: 150.5, numerator: 170, denominator: 112958 }
		]);
		expect(precomputedFrame(FP, 'gp_practices_per10k', 'departement')).toBeNull();
		expect(precomputedFrame(FP, 'beds_adult_per100k', 'region')).toBeNull();
		expect(precomputedFrame(null, 'beds_adult_per100k', 'departement')).toBeNull();
		const bad = { ...FP, levels: { departement: { names: {}, frames: { beds_adult_per100k: [[23, 1, 1, 1]] } } } } as unknown as FirstPaintArtefact;
		expect(precomputedFrame(bad, 'beds_adult_per100k', 'departement')).toBeNull();
	});
});

describeArtefacts('first-paint artefact of this build', () => {
	let duck: NodeDuckDB;
	let port: QueryPort;
	let manifest: Manifest;
	let fp: FirstPaintArtefact;
	beforeAll(async () => {
		duck = await loadAllArtefacts();
		port = portOf(duck.db);
		manifest = readManifest();
		fp = JSON.parse(readFileSync(join(DATA_DIR, manifest.first_paint!.file), 'utf8')) as FirstPaintArtefact;
	});
	afterAll(() => duck?.close());

	it('is listed in the manifest, from this build', () => {
		expect(manifest.first_paint?.levels).toEqual([...FIRST_PAINT_LEVELS]);
		expect(fp.built_from).toBe(manifest.built_at);
		expect(manifest.first_paint!.indicators).toBeGreaterThanOrEqual(150);
	});

	it('holds, for every precomputed indicator and level, exactly the engine’s frame', async () => {
		let compared = 0;
		for (const level of FIRST_PAINT_LEVELS) {
			for (const def of firstPaintIndicators(level)) {
				const pre = precomputedFrame(fp, def.id, level);
				if (!pre) continue;
				expect([...pre.values()], `${def.id} ${level}`).toEqual(await indicatorFrame(port, def, level));
				compared++;
			}
		}
		expect(compared).toBe(manifest.first_paint!.indicators);
	}, 120_000);

	it('colours the map before the engine is ready, then the engine shows the same values and classes', async () => {
		let ready = false;
		const deps: MapDeps = {
			port,
			sets: () => [],
			setsLoaded: () => true,
			ensureRegistered: async () => {},
			ready: () => ready,
			firstPaint: () => fp,
			finessAvailable: () => false,
			local: new LocalOnMap(),
			idle: () => {}
		};
		const m = new MapPage(deps, '');
		await Promise.all([m.loadShown(), m.loadTable()]);
		const early = m.shown!;
		expect(m.tableRows).toEqual([...early.values.values()]);
		expect(early.provisional).toBe(true);
		expect(early.level).toBe('departement');
		expect(early.def.id).toBe('beds_adult_per100k');
		ready = true;
		await m.loadShown();
		expect(m.shown!.provisional).toBeUndefined();
		expect([...m.shown!.values.values()]).toEqual([...early.values.values()]);
		expect(m.shown!.classification).toEqual(early.classification);
		await m.loadTable();
		expect(m.tableRows).toEqual([...early.values.values()]);
		// A view the build did not precompute (a commune level) waits for the engine.
		ready = false;
		const c = new MapPage(deps, `?ind=${indicatorById('gp_practices_per10k')!.id}&maille=commune`);
		await c.loadShown();
		expect(c.shown).toBeNull();
	});
});
