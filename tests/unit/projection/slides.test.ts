/**
 * Projection slides on the real artefacts: classes over the département's EPCI only, départements
 * over France, a sector set of the other discipline falling back to EPCI, and one build per view.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { query } from '../../../src/lib/db/query';
import { registerTerritorySet } from '../../../src/lib/geo/territories';
import { runNearest } from '../../../src/lib/geo/access/worker';
import { createSlides } from '../../../src/lib/projection/slides';
import { describeArtefacts, loadAllArtefacts } from '../../helpers/artefacts';
import type { NodeDuckDB } from '../../helpers/duckdb-node';

describeArtefacts('projection slides (Creuse)', () => {
	let duck: NodeDuckDB;
	let slideFor: ReturnType<typeof createSlides>;
	const registered: string[] = [];
	const creuse = { code: '23', name: 'Creuse' };

	beforeAll(async () => {
		duck = await loadAllArtefacts();
		slideFor = createSlides({
			database: async () => duck.db,
			query: (s, p) => query(duck.db, s, p ?? []),
			ensureRegistered: async (id) => void registered.push(id),
			nearest: async (p) => runNearest(p)
		});
	});
	afterAll(() => duck?.close());

	it('classes the EPCI of the département among themselves', async () => {
		const s = await slideFor({ kind: 'medecins', maille: 'epci' }, creuse, null);
		const epci = new Set(s.owner!.values());
		expect(s.classification.counts.reduce((a, b) => a + b, 0) + s.classification.nulls).toBe(epci.size);
		const own = [...epci].map((e) => s.values.get(e)!.value!);
		expect(s.classification.min).toBe(Math.min(...own));
		expect(s.classification.max).toBe(Math.max(...own));
		expect(s.colors).toHaveLength(s.classification.counts.length);
		// Cached: the same view is built once.
		expect(slideFor({ kind: 'medecins', maille: 'epci' }, creuse, null)).toBe(slideFor({ kind: 'medecins', maille: 'epci' }, creuse, null));
	});

	it('classes départements over France and has no owner map', async () => {
		const s = await slideFor({ kind: 'lits-adultes', maille: 'departement' }, creuse, null);
		expect(s.owner).toBeNull();
		const [n] = await query<{ n: number }>(duck.db, 'SELECT count(*)::INTEGER AS n FROM departements');
		expect(s.classification.counts.reduce((a, b) => a + b, 0) + s.classification.nulls).toBe(n!.n);
	});

	it('shows an adult indicator on child sectors by EPCI instead', async () => {
		await registerTerritorySet(duck.db, {
			id: 'child-set',
			label: 'Secteurs I',
			level: 'sector',
			territories: [{ code: '23I01', name: 'Creuse I', kind: 'I', communes: ['23096', '23176'], finess: null }]
		});
		const s = await slideFor({ kind: 'lits-adultes', maille: 'sector' }, creuse, { setId: 'child-set', type: 'I' });
		expect(s.maille).toBe('epci');
		expect(registered).toEqual([]);
		const child = await slideFor({ kind: 'territoire', maille: 'sector' }, creuse, { setId: 'child-set', type: 'I' });
		expect(child.maille).toBe('sector');
		expect(registered).toEqual(['child-set']);
		expect(child.takeaway).toMatch(/ses communes relèvent de 1\u00a0secteur de psychiatrie infanto-juvénile\.$/);
	});
});
