/**
 * The built FINESS layer (static/data/finess_facilities.arrow, quality.json, manifest.json) as the
 * browser reads it: the contract's columns, kinds, placement consistency with the commune table,
 * Morbihan's CMP, Réunion's SAMSAH/ESAT, the coverage block and the vintage actually used.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { finessFacilities } from '../../data/table-specs.ts';
import type { FinessSummary } from '../../data/finess-layer.ts';
import { FACILITY_KINDS } from '../../src/lib/facilities/kinds.ts';
import { DATA_DIR, describeArtefacts, loadAllArtefacts, readManifest } from '../helpers/artefacts.ts';
import type { NodeDuckDB } from '../helpers/duckdb-node.ts';

describeArtefacts('finess_facilities artefact', () => {
	let db: NodeDuckDB;
	const rows = <T>(sql: string): T[] => db.conn.query(sql).toArray().map((r) => r.toJSON() as T);
	const one = <T>(sql: string): T => rows<T>(sql)[0]!;
	const quality = JSON.parse(readFileSync(join(DATA_DIR, 'quality.json'), 'utf8')) as { finess?: FinessSummary };

	beforeAll(async () => {
		db = await loadAllArtefacts();
	});
	afterAll(() => db?.close());

	it('has the contract columns and only known kinds', () => {
		const a = readManifest().artefacts.find((x) => x.name === 'finess_facilities')!;
		expect(a.columns!.map((c) => c.name)).toEqual(Object.keys(finessFacilities));
		const kinds = rows<{ g: string }>(`SELECT DISTINCT "group" AS g FROM finess_facilities`).map((r) => r.g);
		expect(kinds.every((k) => (FACILITY_KINDS as readonly string[]).includes(k))).toBe(true);
		expect(kinds.length).toBe(FACILITY_KINDS.length);
		expect(one<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM finess_facilities`).n).toBe(quality.finess!.kept);
	});

	it('a commune iff a placement, and the commune lies in the row’s département', () => {
		const r = one<{ bad_null: number; bad_dep: number; unknown: number }>(`
			SELECT count(*) FILTER (WHERE (f.commune IS NULL) <> (f.placement IS NULL))::DOUBLE AS bad_null,
			       count(*) FILTER (WHERE f.commune IS NOT NULL AND c.dep <> f.dep)::DOUBLE AS bad_dep,
			       count(*) FILTER (WHERE f.commune IS NOT NULL AND c.code IS NULL)::DOUBLE AS unknown
			FROM finess_facilities f LEFT JOIN communes c ON c.code = f.commune`);
		expect(r).toEqual({ bad_null: 0, bad_dep: 0, unknown: 0 });
	});

	it('Morbihan shows CMP sites found by name; Réunion SAMSAH and ESAT sit in Réunion communes', () => {
		const m = one<{ n: number; by_name: number }>(
			`SELECT count(*)::DOUBLE AS n, count(*) FILTER (WHERE kind_basis = 'nom')::DOUBLE AS by_name FROM finess_facilities WHERE dep = '56' AND "group" = 'cmp'`
		);
		expect(m.n).toBeGreaterThanOrEqual(40);
		expect(m.by_name).toBe(m.n);
		const re = rows<{ commune: string | null; placement: string | null; lat: number }>(
			`SELECT commune, placement, lat FROM finess_facilities WHERE dep = '974' AND "group" IN ('samsah', 'esat')`
		);
		expect(re.length).toBe(16);
		for (const r of re) {
			expect(r.commune).toMatch(/^974\d\d$/);
			expect(['point', 'point_proche']).toContain(r.placement);
			expect(r.lat).toBeLessThan(-20.8);
		}
	});

	it('quality.json has the coverage per département and the manifest names the vintage used', () => {
		const f = quality.finess!;
		expect(f.coverage.length).toBeGreaterThanOrEqual(100);
		for (const c of f.coverage) if (c.ratio !== null) expect(c.ratio).toBeCloseTo(c.finess_cmp / c.sae_cmp!, 2);
		expect(f.coverage.find((c) => c.dep === '56')!.finess_cmp).toBeGreaterThanOrEqual(40);
		const src = readManifest().sources.find((s) => s.id === 'finess_et')!;
		expect(src.available).toBe(true);
		if (f.source === 'finess_fhir_2021') {
			expect(src.vintage).toBe('FINESS, extraction du 8 janvier 2021');
			expect(f.read).toBe(95_333);
			expect(f.overseas_reprojected).toBe(2045);
		}
	});
});
