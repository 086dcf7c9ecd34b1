/** The « État des ressources » builder on hand-written rows, and on the real artefacts (Morbihan, a sector). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../../src/lib/db/query';
import { registerTerritorySet } from '../../../src/lib/geo/territories';
import { buildResourcesAnnex, loadResourcesAnnex } from '../../../src/lib/diagnostic/resources';
import type { FacilityRecord } from '../../../src/lib/facilities/sql';
import { DATA_DIR, describeArtefacts, loadAllArtefacts } from '../../helpers/artefacts';
import type { NodeDuckDB } from '../../helpers/duckdb-node';

const row = (o: Partial<FacilityRecord>): FacilityRecord => ({
	finess: '560000001', finess_ej: '560000000', name: 'CMP', kind: 'cmp', category: '156', category_label: 'Centre Médico-Psychologique (C.M.P.)',
	kind_basis: 'categorie', public: null, address: '1 RUE X', postal_code: '56000', city: 'VANNES', phone: '0297000000', updated: '2020-01-01',
	commune: '56260', commune_name: 'Vannes', dep: '56', lon: -2.7, lat: 47.6, ...o
});

describe('buildResourcesAnnex', () => {
	it('groups by kind in the contract order, keeps row order, says which kinds are absent, notes name-inferred kinds', () => {
		const a = buildResourcesAnnex(
			[row({ finess: '1', kind: 'esat', name: 'ESAT <b>A</b>' }), row({ finess: '2', kind: 'cmp', kind_basis: 'nom', name: 'CMP B' }), row({ finess: '3', kind: 'cmp', name: 'CMP A', phone: null })],
			'FINESS, extraction du 8 janvier 2021'
		);
		expect(a.total).toBe(3);
		expect(a.groups.map((g) => [g.kind, g.items.map((i) => i.finess)])).toEqual([['cmp', ['2', '3']], ['esat', ['1']]]);
		expect(a.groups[0]!.items[0]).toMatchObject({ note: 'type déduit du nom', phone: '02 97 00 00 00', commune: 'Vannes', address: '1 RUE X, 56000 VANNES' });
		expect(a.groups[0]!.items[1]!.phone).toBe('');
		expect(a.groups[1]!.items[0]!.name).toBe('ESAT <b>A</b>'); // kept as text, rendered as text
		expect(a.absent).toContain('SAVS');
		expect(a.absent).not.toContain('ESAT');
		expect(a.source).toBe('FINESS, extraction du 8 janvier 2021');
	});
});

(existsSync(join(DATA_DIR, 'finess_facilities.arrow')) ? describeArtefacts : describe.skip)('resources annex on the real artefacts', () => {
	let duck: NodeDuckDB;
	beforeAll(async () => {
		duck = await loadAllArtefacts();
	}, 120_000);
	afterAll(() => duck?.close());

	it('Morbihan lists its CMP sites, as many as the table has in the département', async () => {
		const a = await loadResourcesAnnex(duck.db, { level: 'departement', code: '56' }, 'FINESS');
		const [n] = await query<{ n: number }>(duck.db, `SELECT count(*)::INTEGER AS n FROM finess_facilities f LEFT JOIN communes c ON c.code = f.commune WHERE COALESCE(c.dep, f.dep) = '56'`, []);
		expect(a.total).toBe(n!.n);
		const cmp = a.groups.find((g) => g.kind === 'cmp')!;
		expect(cmp.items.length).toBeGreaterThan(10);
		expect(cmp.items.every((i) => i.commune.length > 0)).toBe(true);
	});

	it('a sector lists only the sites of its communes', async () => {
		await registerTerritorySet(duck.db, { id: 's', label: 'S', level: 'sector', territories: [{ code: '56G01', name: 'Vannes', kind: 'G', communes: ['56260'], finess: null }] });
		const a = await loadResourcesAnnex(duck.db, { level: 'sector', code: '56G01', setId: 's', kind: 'G' }, 'FINESS');
		const [n] = await query<{ n: number }>(duck.db, `SELECT count(*)::INTEGER AS n FROM finess_facilities WHERE commune = '56260'`, []);
		expect(a.total).toBe(n!.n);
		expect(a.total).toBeGreaterThan(0);
	});
});
