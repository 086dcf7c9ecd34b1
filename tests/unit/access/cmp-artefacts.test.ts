/**
 * CMP supply on the built artefacts: the page's SAE query, turned into sites, carries every CMP of
 * the SAE 2023 (general + child psychiatry) whose establishment has a position; the others are
 * counted by the "unplaced" query shown on screen. Together they make the national total.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeArtefacts, loadAllArtefacts } from '../../helpers/artefacts';
import type { NodeDuckDB } from '../../helpers/duckdb-node';
import { CMP_UNPLACED_SQL, SAE_SITES_SQL, type UnplacedCmp } from '../../../src/lib/scenarios/access/load';
import { buildBaseline, type SaeRow } from '../../../src/lib/scenarios/baseline';

describeArtefacts('CMP supply on the artefacts', () => {
	let db: NodeDuckDB;
	const rows = <T>(sql: string) => db.conn.query(sql).toArray().map((r) => ({ ...r })) as T[];
	beforeAll(async () => {
		db = await loadAllArtefacts();
	});
	afterAll(() => db?.close());

	it('sum of CMP supply = SAE national total of nb_cmp for establishments with coordinates', () => {
		const sites = buildBaseline(rows<SaeRow>(SAE_SITES_SQL), [], []);
		const supply = (k: string) => sites.filter((s) => s.kind === k).reduce((a, s) => a + s.capacity, 0);
		const [tot] = rows<{ gen: number; inf: number; gen_placed: number; inf_placed: number }>(
			`SELECT SUM(nb_cmp) FILTER (WHERE dis = 'GEN')::DOUBLE AS gen, SUM(nb_cmp) FILTER (WHERE dis = 'INF')::DOUBLE AS inf,
			        SUM(nb_cmp) FILTER (WHERE dis = 'GEN' AND e.lon IS NOT NULL AND e.lat IS NOT NULL)::DOUBLE AS gen_placed,
			        SUM(nb_cmp) FILTER (WHERE dis = 'INF' AND e.lon IS NOT NULL AND e.lat IS NOT NULL)::DOUBLE AS inf_placed
			 FROM (SELECT fi, CAST(dis AS VARCHAR) AS dis, nb_cmp FROM sae_psy WHERE year = 2023) p
			 JOIN sae_establishments e ON e.fi = p.fi AND e.in_2023`
		);
		expect(supply('cmp_adult')).toBe(tot!.gen_placed);
		expect(supply('cmp_child')).toBe(tot!.inf_placed);
		// Establishments without a position are stated on screen; with them, the national total.
		const unplaced = rows<UnplacedCmp>(CMP_UNPLACED_SQL);
		const missing = (d: string) => unplaced.find((u) => u.dis === d)?.cmp ?? 0;
		expect(supply('cmp_adult') + missing('GEN')).toBe(tot!.gen);
		expect(supply('cmp_child') + missing('INF')).toBe(tot!.inf);
		// domain.md: about 3 100 CMP (2018); the SAE counts adult and child CMP separately.
		expect(tot!.gen + tot!.inf).toBeGreaterThan(2500);
		expect(tot!.gen + tot!.inf).toBeLessThan(5000);
		console.info(`[cmp] SAE 2023: ${tot!.gen} adult + ${tot!.inf} child CMP; without position: ${JSON.stringify(unplaced)}`);
	});
});
