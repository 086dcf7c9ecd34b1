/**
 * FINESS site kinds on the accessibility page: a hand-made `finess_facilities` table loaded into
 * DuckDB (Node binding), read with the page's SQL, turned into sites per kind, and nearest-site
 * times worked out by hand. Without the extract: no query, no medico-social kind, a notice list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsToArrowIPC } from '../../../data/write';
import { finessFacilities } from '../../../data/table-specs';
import { query } from '../../../src/lib/db/query';
import { FINESS_SITES_SQL, loadFinessSites } from '../../../src/lib/scenarios/access/load';
import { runAccess } from '../../../src/lib/scenarios/access/runner';
import { runNearest, runSfca } from '../../../src/lib/geo/access/worker';
import { DEFAULT_TRAVEL, DREES_2012 } from '../../../src/lib/geo/access/params';
import type { AccessClient } from '../../../src/lib/geo/access/client';
import { buildBaseline, buildCommunes, type FinessRow, type HsRow } from '../../../src/lib/scenarios/baseline';
import { assumptionsText, hasScore, offeredKinds } from '../../../src/lib/scenarios/kinds';
import { kindLabels, MEDSOC_KINDS, type SiteKind } from '../../../src/lib/scenarios/model';
import { createNodeDuckDB, type NodeDuckDB } from '../../helpers/duckdb-node';
import { FINESS_ROWS, lonAt } from '../../fixtures/access/finess-facilities';

const HS: HsRow[] = [
	{ finess: '010000500', name: 'CH Nom', site_name: 'CMP repéré par son nom', psy_kind: 'cmp', lon: lonAt(1), lat: 0, commune: '01001' },
	{ finess: '010000501', name: 'CH Nom', site_name: 'Hôpital de jour', psy_kind: 'hdj', lon: lonAt(1), lat: 0, commune: '01001' }
];

let duck: NodeDuckDB;
let rows: FinessRow[];
const sql = <T>(s: string, p?: unknown[]) => query<T>(duck.db, s, p ?? []);

beforeAll(async () => {
	duck = await createNodeDuckDB();
	duck.insertArrow('finess_facilities', rowsToArrowIPC(FINESS_ROWS, finessFacilities));
	rows = (await loadFinessSites(sql, true))!;
});
afterAll(() => duck?.close());

const ids = (kind: SiteKind, sites: ReturnType<typeof buildBaseline>) => sites.filter((s) => s.kind === kind).map((s) => s.id);

describe('FINESS extract present', () => {
	it('reads only geocoded rows of the mapped groups', () => {
		expect(FINESS_SITES_SQL).toContain('"group"');
		expect(rows.map((r) => [r.finess, r.grp])).toEqual([
			['010000011', 'cmp'],
			['010000012', 'cattp'],
			['010000013', 'esat'],
			['010000014', 'esat'],
			['010000015', 'eam']
		]);
	});

	it('site list per kind: FINESS CMP / CATTP replace the name-based ones, hospital HDJ stay', () => {
		const sites = buildBaseline([], HS, [], rows);
		expect(ids('cmp', sites)).toEqual(['cmp:finess:010000011']);
		expect(ids('cattp', sites)).toEqual(['cattp:finess:010000012']);
		expect(ids('esat', sites)).toEqual(['esat:finess:010000013', 'esat:finess:010000014']);
		expect(ids('eam', sites)).toEqual(['eam:finess:010000015']);
		expect(ids('eanm', sites)).toEqual([]);
		expect(ids('hdj', sites)).toEqual(['hdj:site:010000501']);
		expect(sites.find((s) => s.id === 'esat:finess:010000013')).toMatchObject({ label: 'ESAT Deux', dep: '01', lat: 0 });
	});

	it('offers the kinds the extract has, labels CMP / CATTP as exact addresses, no 2SFCA', () => {
		const { offered, missing } = offeredKinds(buildBaseline([], HS, [], rows), true);
		expect(missing).toEqual([]);
		expect(offered.filter((k) => (MEDSOC_KINDS as readonly string[]).includes(k))).toEqual(['esat', 'eam']);
		expect(kindLabels(true).cmp).toBe('CMP (FINESS, adresse exacte)');
		// Without the table no score (partial name-based lists); with it, each FINESS site counts as one unit.
		for (const k of ['cmp', 'cattp', 'esat', 'eam'] as const) expect(hasScore(k)).toBe(false);
		for (const k of ['cmp', 'cattp', 'esat', 'eam'] as const) expect(hasScore(k, true)).toBe(true);
		const text = assumptionsText('esat', DEFAULT_TRAVEL, DREES_2012, 30, true).join(' ');
		expect(text).toContain('FINESS');
		expect(text).toContain('pas de capacité');
		expect(text).toContain('chaque site compte pour une unité');
		expect(assumptionsText('cmp', DEFAULT_TRAVEL, DREES_2012, 30, false).join(' ')).toContain('Pas de score 2SFCA');
	});

	it('nearest-site minutes by hand', async () => {
		// Communes at 0 and 30 km. Road km = 1.3 × distance; 30 km/h up to 5 km, 60 up to 20, 80 beyond.
		const c = buildCommunes([
			{ code: '01001', name: 'Un', dep: '01', reg: '84', population: 100, lon: lonAt(0), lat: 0 },
			{ code: '01030', name: 'Trente', dep: '01', reg: '84', population: 100, lon: lonAt(30), lat: 0 }
		]);
		const client = { nearest: async (p: never) => runNearest(p), sfca: async (p: never) => runSfca(p) } as unknown as AccessClient;
		const sites = buildBaseline([], HS, [], rows);
		const run = (kind: SiteKind) => runAccess(client, c, sites, { kind, travel: DEFAULT_TRAVEL, decay: { decay: DREES_2012.decay, maxMinutes: 30 }, score: false, depOf: () => '01' });
		const minutes = (km: number) => {
			const road = 1.3 * km;
			return (Math.min(road, 5) / 30 + Math.max(0, Math.min(road, 20) - 5) / 60 + Math.max(0, road - 20) / 80) * 60;
		};
		// ESAT at 2 and 10 km: Un → 2 km (2.6 road km, 5.2 min); Trente → 20 km (26 road km, 29.5 min).
		const esat = await run('esat');
		expect(esat.access).toBeNull();
		expect(esat.minutes[0]).toBeCloseTo(5.2, 6);
		expect(esat.minutes[1]).toBeCloseTo(29.5, 6);
		expect(esat.minutes[1]).toBeCloseTo(minutes(20), 6);
		// EAM at 20 km: Un → 20 km (29.5 min); Trente → 10 km (13 road km: 10 + 8 = 18 min).
		const eam = await run('eam');
		expect(eam.minutes[0]).toBeCloseTo(29.5, 6);
		expect(eam.minutes[1]).toBeCloseTo(18, 6);
		// CMP from FINESS at 0 km, not the name-based one at 1 km: Un → 0 min; Trente → 30 km.
		const cmp = await run('cmp');
		expect(cmp.minutes[0]).toBeCloseTo(0, 9);
		expect(cmp.minutes[1]).toBeCloseTo(minutes(30), 6);
		// No EANM site placed: no time (Infinity = no site on the same land).
		expect([...(await run('eanm')).minutes]).toEqual([Infinity, Infinity]);
		// Unit-count 2SFCA on the ESAT (1 site each): gaussian-free step decay of DREES 2012 within 30 min.
		const scored = await runAccess(client, c, sites, { kind: 'esat', travel: DEFAULT_TRAVEL, decay: { decay: DREES_2012.decay, maxMinutes: 30 }, score: true, depOf: () => '01' });
		expect(scored.access).not.toBeNull();
		expect(sites.filter((s) => s.kind === 'esat').every((s) => s.capacity === 1)).toBe(true);
		expect(scored.access![0]!).toBeGreaterThan(0);
	});
});

describe('FINESS extract absent', () => {
	it('no query, name-based CMP / CATTP kept, no medico-social kind, the notice lists them', async () => {
		let asked = 0;
		const none = await loadFinessSites(async () => (asked++, []), false);
		expect(none).toBeNull();
		expect(asked).toBe(0);
		const sites = buildBaseline([], HS, [], none);
		expect(ids('cmp', sites)).toEqual(['cmp:site:010000500']);
		const { offered, missing } = offeredKinds(sites, false);
		for (const k of MEDSOC_KINDS) expect(offered).not.toContain(k);
		expect(offered).toContain('cmp');
		expect(missing).toEqual(['samsah', 'savs', 'esat', 'mas', 'eam', 'eanm']);
		expect(kindLabels(false).cmp).toContain('repérés par leur nom');
	});
});
