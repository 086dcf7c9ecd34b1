/**
 * The built artefacts against the raw mirror: provenance in the manifest, integrity, the 10 MB
 * budget, and national totals recomputed here straight from the raw files.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DATA_DIR, describeArtefacts, loadAllArtefacts, readManifest } from '../helpers/artefacts.ts';
import type { NodeDuckDB } from '../helpers/duckdb-node.ts';
import { MIRROR } from '../helpers/mirror.ts';

function rawCsv(path: string, sep: string, encoding: 'latin1' | 'utf-8'): Record<string, string>[] {
	const text = new TextDecoder(encoding).decode(readFileSync(path)).replace(/^\uFEFF/, '');
	const [head, ...lines] = text.split(/\r?\n/).filter((l) => l.trim() !== '');
	const cols = head!.split(sep);
	return lines.map((l) => {
		const cells = l.split(sep);
		return Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? '']));
	});
}

describeArtefacts('built artefacts', () => {
	let db: NodeDuckDB;
	const one = <T>(sql: string): T => db.conn.query(sql).toArray()[0]!.toJSON() as T;

	beforeAll(async () => {
		db = await loadAllArtefacts();
	});
	afterAll(() => db?.close());

	it('manifest: every source has provenance, every artefact matches its sha256 and size', () => {
		const m = readManifest();
		for (const s of m.sources) {
			expect(s.title && s.publisher && s.licence && s.vintage && s.page, s.id).toBeTruthy();
			if (s.id !== 'finess_et') expect(s.available, s.id).toBe(true);
		}
		for (const a of m.artefacts) {
			const bytes = readFileSync(join(DATA_DIR, a.file));
			expect(bytes.length, a.file).toBe(a.bytes);
			expect(createHash('sha256').update(bytes).digest('hex'), a.file).toBe(a.sha256);
			expect(a.sources.every((id) => m.sources.some((s) => s.id === id)), a.file).toBe(true);
		}
	});

	it('artefacts stay within 10 MB gzipped in total', () => {
		const total = readManifest().artefacts.reduce((s, a) => s + gzipSync(readFileSync(join(DATA_DIR, a.file))).length, 0);
		expect(total).toBeLessThan(10 * 1024 * 1024);
	});

	it('row counts in the manifest equal the rows DuckDB reads from each Arrow file', () => {
		for (const a of readManifest().artefacts.filter((x) => x.kind === 'table')) {
			expect(one<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM "${a.name}"`).n, a.name).toBe(a.rows);
		}
	});

	it('SAE 2023 national totals by discipline equal the raw PSY file (TOT rows excluded)', () => {
		const raw = rawCsv(join(MIRROR!, 'sae_psy/PSY_2023r.csv'), ';', 'latin1');
		for (const dis of ['GEN', 'INF', 'PEN']) {
			const expected = { beds: 0, hdj: 0, cmp: 0, cattp: 0 };
			for (const r of raw.filter((x) => x.DIS === dis)) {
				expected.beds += Number(r.CAP_HTP || 0);
				expected.hdj += Number(r.CAP_HDJ || 0);
				expected.cmp += Number(r.NB_CMP_SEUL || 0);
				expected.cattp += Number(r.NB_CATTP || 0);
			}
			const got = one<typeof expected>(
				`SELECT coalesce(sum(cap_htp),0) AS beds, coalesce(sum(cap_hdj),0) AS hdj, coalesce(sum(nb_cmp),0) AS cmp, coalesce(sum(nb_cattp),0) AS cattp
				 FROM sae_psy WHERE year = 2023 AND dis = '${dis}'`
			);
			expect(got, dis).toEqual(expected);
		}
		expect(one<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM sae_psy WHERE dis = 'TOT'`).n).toBe(0);
	});

	it('commune population equals the COG file (metropole + DROM current communes)', () => {
		const cog = JSON.parse(new TextDecoder().decode(gunzipSync(readFileSync(join(MIRROR!, 'cog/communes.json.gz'))))) as {
			type: string;
			zone: string;
			population?: number;
		}[];
		const expected = cog.filter((c) => c.type === 'commune-actuelle' && c.zone !== 'com').reduce((s, c) => s + (c.population ?? 0), 0);
		expect(one<{ p: number }>('SELECT sum(population)::DOUBLE AS p FROM communes').p).toBe(expected);
	});

	it('every placed SAE establishment has coordinates, and site placements come from GISCO or FINESS ids', () => {
		const r = one<{ bad: number; site_without_gisco: number }>(`
			SELECT count(*) FILTER (WHERE geo_source <> 'none' AND (lon IS NULL OR lat IS NULL))::DOUBLE AS bad,
			       count(*) FILTER (WHERE geo_source = 'site' AND fi NOT IN (SELECT finess FROM hospital_sites UNION ALL SELECT finess FROM finess_facilities))::DOUBLE AS site_without_gisco
			FROM sae_establishments`);
		expect(r).toEqual({ bad: 0, site_without_gisco: 0 });
	});

	it('GP practices keep the SIRENE total except rejected out-of-scope rows', () => {
		const raw = rawCsv(join(MIRROR!, 'gp_proxy/sirene2019_PS_communes.csv'), ';', 'utf-8');
		const total = raw.reduce((s, r) => s + Number(r.generaliste || 0), 0);
		const kept = one<{ s: number }>('SELECT sum(gp_practices) AS s FROM gp_practices').s;
		expect(kept).toBeLessThanOrEqual(total);
		// Only COM communes (975xx, 977xx, 978xx, 98xxx; 976 Mayotte is a DROM) may be lost.
		const com = raw.filter((r) => /^9(7[578]|8)/.test(r.codecommuneetablissement!)).reduce((s, r) => s + Number(r.generaliste || 0), 0);
		expect(kept).toBeCloseTo(total - com, 6);
	});
});
