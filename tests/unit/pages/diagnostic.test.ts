/**
 * The /diagnostic page model's loaders on the real artefacts: the document of a département
 * (name, six priorities), its map over its communes with the outline from the same geometry,
 * and a région's map over its départements; an unknown territory is a French error.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Topology } from 'topojson-specification';
import { indicatorById } from '../../../src/lib/indicators/catalogue';
import { diagnosticTotal, loadDiagnosticDoc, loadDiagnosticMap, type DiagnosticGeometry } from '../../../src/lib/pages/diagnostic.svelte';
import { diagnosticRow, DIAGNOSTIC_INDICATORS, indicatorsFor } from '../../../src/lib/diagnostic/build';
import { ownIndicatorDef } from '../../../src/lib/own-indicators/model';
import { registerTerritorySet } from '../../../src/lib/geo/territories';
import { ownIndicators } from '../../../src/lib/own-indicators/active.svelte';
import { registerOwnIndicator } from '../../../src/lib/own-indicators/register';
import type { OwnIndicator } from '../../../src/lib/own-indicators/model';
import { setOwnIndicatorsReady } from '../../../src/lib/queries/indicators';
import { DATA_DIR, describeArtefacts, loadAllArtefacts } from '../../helpers/artefacts';
import type { NodeDuckDB } from '../../helpers/duckdb-node';

describeArtefacts('diagnostic page model', () => {
	let duck: NodeDuckDB;
	const read = (f: string) => JSON.parse(readFileSync(join(DATA_DIR, f), 'utf8')) as Topology;
	const geo: DiagnosticGeometry = { admin: async () => read('admin.topojson'), communes: async () => read('communes.topojson') };
	beforeAll(async () => {
		duck = await loadAllArtefacts();
	});
	afterAll(() => duck?.close());

	it('the document of the Creuse: its name and the six PTSM priorities', async () => {
		let progress = 0;
		const doc = await loadDiagnosticDoc(duck.db, { level: 'departement', code: '23' }, (n) => (progress = n));
		expect(doc.name).toBe('Creuse (23)');
		expect(doc.sections.map((s) => s.priority.n)).toEqual([1, 2, 3, 4, 5, 6]);
		expect(progress).toBeGreaterThan(10);
	}, 120_000);

	it('the progress counts the imported indicators the document renders, not only the catalogue', async () => {
		const NOW = '2026-12-02T00:00:00.000Z';
		const ind: OwnIndicator = {
			id: 'own-diagprogress1', name: 'Passages aux urgences (test)', unit: 'passages', source: 'Fichier de test', year: 2023,
			favourable: 'neutral', priority: 2, level: 'departement', setId: null, mode: 'value', base: null, scale: 1, additive: false,
			reference: null, fileName: 'test.csv', rows: [{ code: '23', v: 12 }], createdAt: NOW, updatedAt: NOW
		};
		await registerOwnIndicator(duck.db, ind);
		// Node has no IndexedDB: the shared list is set by hand, and the rows are already in DuckDB.
		setOwnIndicatorsReady(async () => {});
		ownIndicators.items = [ind];
		try {
			const t = { level: 'departement' as const, code: '23' };
			const catalogue = indicatorsFor(t, DIAGNOSTIC_INDICATORS).length;
			expect(diagnosticTotal(t)).toBe(catalogue + 1);
			let last: [number, number] = [0, 0];
			const doc = await loadDiagnosticDoc(duck.db, t, (n, total) => (last = [n, total]));
			const rows = doc.sections.flatMap((s) => s.rows);
			expect(rows.some((r) => r.def.id === ind.id)).toBe(true);
			expect(last).toEqual([rows.length, catalogue + 1]);
		} finally {
			ownIndicators.items = [];
		}
	}, 120_000);

	it('an imported indicator keyed by one set\'s sectors is « non calculable » elsewhere, with the reason', async () => {
		const def = ownIndicatorDef({
			id: 'own-diagsector1', name: 'File active par secteur', unit: 'patients', source: 'Test', year: 2024, favourable: 'neutral', priority: 1,
			level: 'sector', setId: 'its-set', mode: 'value', base: null, scale: 1, additive: false, reference: null, fileName: 'fa.csv',
			rows: [{ code: '23G01', v: 100 }], createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z'
		});
		setOwnIndicatorsReady(async () => {});
		await registerTerritorySet(duck.db, { id: 'another-set', label: 'Autres secteurs', level: 'sector', territories: [{ code: '23G01', name: 'Creuse G', kind: 'G', communes: ['23096'], finess: null }] });
		for (const t of [{ level: 'departement' as const, code: '23' }, { level: 'sector' as const, code: '23G01', setId: 'another-set', kind: 'G' as const }]) {
			const row = await diagnosticRow(duck.db, def, t);
			expect(row.available).toBe(false);
			expect(row.reason).toBe('Non calculable pour ce territoire : valeurs importées pour les secteurs d’un seul jeu de secteurs (celui des codes du fichier), pas pour ce territoire.');
		}
	});

	it('an unknown territory is refused in French', async () => {
		await expect(loadDiagnosticDoc(duck.db, { level: 'departement', code: '00' })).rejects.toThrow(/n’existe pas dans les données/);
	});

	it('the map of a département covers its communes, with one outline', async () => {
		const m = await loadDiagnosticMap(duck.db, geo, indicatorById('gp_practices_per10k')!, { level: 'departement', code: '23' });
		const communes = duck.conn.query("SELECT COUNT(*)::INTEGER AS n FROM communes WHERE dep = '23'").toArray()[0]!.toJSON().n as number;
		expect(m.values.length).toBe(communes);
		expect(m.units.length).toBe(communes);
		expect(m.outline).not.toBeNull();
		expect(m.unitName).toBe('commune');
	});

	it('the map of a région is drawn by département', async () => {
		const m = await loadDiagnosticMap(duck.db, geo, indicatorById('beds_adult_per100k')!, { level: 'region', code: '75' });
		expect(m.values.map((v) => v.code)).toEqual(['16', '17', '19', '23', '24', '33', '40', '47', '64', '79', '86', '87']);
		expect(m.units.length).toBe(12);
		expect(m.unitName).toBe('département');
	});
});
