/**
 * The projection's access view on the real artefacts: minutes to the nearest adult day hospital
 * for the Creuse's communes checked by brute force over every site, and the share beyond 30
 * minutes re-aggregated here from the communes' populations.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { query } from '../../../src/lib/db/query';
import { loadAccessData } from '../../../src/lib/scenarios/access/load';
import { haversineKm, minutesFromKm } from '../../../src/lib/geo/access/distance';
import { DEFAULT_TRAVEL } from '../../../src/lib/geo/access/params';
import { runNearest } from '../../../src/lib/geo/access/worker';
import { accessFigures, accessSentence, BEYOND_MINUTES, type AccessFigures } from '../../../src/lib/projection/access';
import { describeArtefacts, loadAllArtefacts } from '../../helpers/artefacts';
import type { NodeDuckDB } from '../../helpers/duckdb-node';

it('says when the access figure is missing', () => {
	expect(accessSentence('Mayotte', null, null)).toBe('Mayotte : temps d’accès non disponible.');
	expect(accessSentence('Creuse', { pop: 1000, popBeyond: [250], shareBeyond: [0.25], popUnknown: 0 }, { pop: 1, popBeyond: [0], shareBeyond: [0.041], popUnknown: 0 })).toBe(
		'Creuse : 25,0\u00a0% des habitants (250) à plus de 30\u00a0minutes estimées d’un hôpital de jour ; France : 4,1\u00a0%.'
	);
});

describeArtefacts('access view on the real artefacts (Creuse)', () => {
	let duck: NodeDuckDB;
	let f: AccessFigures;
	const q = <T>(s: string, p: unknown[] = []) => query<T>(duck.db, s, p);

	beforeAll(async () => {
		duck = await loadAllArtefacts();
		f = await accessFigures(q, async (p) => runNearest(p), '23');
	});
	afterAll(() => duck?.close());

	it('gives each Creuse commune the time to its nearest day hospital (brute force)', async () => {
		const { baseline } = await loadAccessData(q);
		const sites = baseline.filter((s) => s.kind === 'hdj');
		expect(sites.length).toBeGreaterThan(100);
		const rows = await q<{ code: string; lon: number; lat: number }>("SELECT code, lon, lat FROM communes WHERE dep = '23' AND lon IS NOT NULL ORDER BY code");
		expect(f.depCommunes.size).toBe(rows.length);
		for (const r of rows.filter((_, i) => i % 25 === 0)) {
			const km = Math.min(...sites.map((s) => haversineKm(r.lon, r.lat, s.lon, s.lat)));
			expect(f.values.get(r.code)!.value!, r.code).toBeCloseTo(minutesFromKm(km, DEFAULT_TRAVEL), 6);
		}
	});

	it('states the share of inhabitants beyond 30 minutes, from the communes’ populations', async () => {
		const rows = await q<{ code: string; population: number }>("SELECT code, population FROM communes WHERE dep = '23' AND lon IS NOT NULL");
		let pop = 0;
		let beyond = 0;
		for (const r of rows) {
			const m = f.values.get(r.code)?.value;
			if (m === null || m === undefined) continue;
			pop += r.population;
			if (m > BEYOND_MINUTES) beyond += r.population;
		}
		expect(f.dep!.pop).toBe(pop);
		expect(f.dep!.popBeyond[0]).toBe(beyond);
		expect(f.dep!.shareBeyond[0]).toBeCloseTo(beyond / pop, 12);
		expect(f.france!.pop).toBeGreaterThan(60_000_000);
		expect(accessSentence('Creuse', f.dep, f.france)).toMatch(/^Creuse : \d+,\d\u00a0% des habitants \([\d\u202f]+\) à plus de 30\u00a0minutes estimées d’un hôpital de jour ; France : \d+,\d\u00a0%\.$/);
	});
});
