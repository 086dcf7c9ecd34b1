/**
 * On the real artefacts (static/data, built by `npm run data`): loads them as the app does and
 * checks département-level adult beds per 100 000 against a plain-TS computation over the same
 * Arrow files. Skipped, with a message, when the artefacts have not been built.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from '@uwdata/flechette';
import { loadArtefacts, loadManifest } from '../../../src/lib/db/load';
import { query } from '../../../src/lib/db/query';
import type { Manifest } from '../../../src/lib/db/types';
import { INDICATORS } from '../../../src/lib/indicators/catalogue';
import { indicatorSql } from '../../../src/lib/indicators/sql';
import type { IndicatorValue } from '../../../src/lib/indicators/types';
import type { CommuneRow, PopulationDepRow, SaeEstablishmentRow, SaePsyRow } from '../../../data/schema';
import { createNodeDuckDB, type NodeDuckDB } from '../../helpers/duckdb-node';

// ATLAS_ARTEFACTS_DIR points the suite at another build (e.g. a scratch one).
const DATA = process.env.ATLAS_ARTEFACTS_DIR ?? join(import.meta.dirname, '../../../static/data');
const present = existsSync(join(DATA, 'manifest.json'));
if (!present) console.warn('[artefacts] static/data/manifest.json absent: skipping the real-artefact checks (run `npm run data`).');

const diskFetch = async (url: string) => {
	const path = join(DATA, url.replace(/^\/data\//, ''));
	return existsSync(path) ? new Response(readFileSync(path)) : new Response('', { status: 404 });
};
function rows<T>(name: string): T[] {
	return tableFromIPC(readFileSync(join(DATA, `${name}.arrow`))).toArray() as T[];
}

describe.skipIf(!present)('real artefacts', () => {
	let duck: NodeDuckDB;
	let manifest: Manifest;
	beforeAll(async () => {
		duck = await createNodeDuckDB();
		manifest = await loadManifest(diskFetch, '/data');
		await loadArtefacts(duck.db, manifest, '/data', () => {}, diskFetch);
	});
	afterAll(() => duck?.close());

	it('département adult beds per 100 000 (≥ 16) equal an independent computation', async () => {
		const def = INDICATORS.find((d) => d.id === 'beds_adult_per100k')!;
		const { sql, params } = indicatorSql(def, 'departement', { year: 2023 });
		const got = await query<IndicatorValue>(duck.db, sql, params);

		const communeDep = new Map(rows<CommuneRow>('communes').map((c) => [c.code, c.dep]));
		const estDep = new Map<string, string | undefined>();
		for (const e of rows<SaeEstablishmentRow>('sae_establishments')) estDep.set(e.fi, e.commune ? communeDep.get(e.commune) : undefined);
		const beds = new Map<string, number>();
		let unplaced = 0;
		for (const r of rows<SaePsyRow>('sae_psy')) {
			if (r.year !== 2023 || r.dis !== 'GEN' || r.cap_htp === null) continue;
			const dep = estDep.get(r.fi);
			if (dep) beds.set(dep, (beds.get(dep) ?? 0) + r.cap_htp);
			else unplaced += r.cap_htp;
		}
		const pop16 = new Map(rows<PopulationDepRow>('population_dep').filter((p) => p.year === 2023).map((p) => [p.dep, p.pop_16_plus]));

		expect(got.length).toBeGreaterThanOrEqual(96);
		for (const r of got) {
			const n = beds.get(r.code) ?? 0;
			const d = pop16.get(r.code) ?? null;
			expect(r.numerator, r.code).toBeCloseTo(n, 6);
			if (d === null) expect(r.value, r.code).toBeNull();
			else expect(r.value!, r.code).toBeCloseTo((n * 100_000) / d, 6);
		}
		const totalBeds = [...beds.values()].reduce((s, n) => s + n, 0);
		const withValue = got.filter((r) => r.value !== null).length;
		console.info(`[artefacts] adult beds 2023: ${totalBeds} placed, ${unplaced} without commune; ${withValue}/${got.length} départements with a value`);
		// domain.md: ≈ 55 000 full-time beds all disciplines (2018), adult general psychiatry the bulk.
		expect(totalBeds).toBeGreaterThan(25_000);
		expect(totalBeds).toBeLessThan(60_000);
	});

	it('every catalogue indicator runs at every declared level', async () => {
		for (const def of INDICATORS)
			for (const level of def.levels) {
				const { sql, params } = indicatorSql(def, level, { year: 2023 });
				const out = await query<IndicatorValue>(duck.db, sql, params);
				expect(out.length, `${def.id} × ${level}`).toBeGreaterThan(0);
			}
		const fr = indicatorSql(INDICATORS.find((d) => d.id === 'beds_adult_per100k')!, 'france', { year: 2023 });
		const [france] = await query<IndicatorValue>(duck.db, fr.sql, fr.params);
		console.info(`[artefacts] France adult beds per 100 000 ≥ 16: ${france?.value}`);
	});
});
