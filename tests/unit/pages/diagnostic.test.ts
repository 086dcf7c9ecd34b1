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
import { loadDiagnosticDoc, loadDiagnosticMap, type DiagnosticGeometry } from '../../../src/lib/pages/diagnostic.svelte';
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
