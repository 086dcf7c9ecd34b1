/**
 * Imported indicators in projection, on the real artefacts: one known by région gets a région
 * view (régions of France classed among themselves, the takeaway about the département's région);
 * one keyed by one set's sectors, shown without that set, gives a slide that says why instead of
 * an empty map. Values: the number of départements per région, read from the artefacts.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { query } from '../../../src/lib/db/query';
import { runNearest } from '../../../src/lib/geo/access/worker';
import { ownIndicatorDef, ownViewKind, type OwnIndicator } from '../../../src/lib/own-indicators/model';
import { registerOwnIndicator } from '../../../src/lib/own-indicators/register';
import { setExtraViewDefs } from '../../../src/lib/projection/defs';
import { focusOf, formatSequence, parseSequence, setExtraViewKinds, type ViewKind } from '../../../src/lib/projection/sequence';
import { createSlides } from '../../../src/lib/projection/slides';
import { setOwnIndicatorsReady } from '../../../src/lib/queries/indicators';
import { describeArtefacts, loadAllArtefacts } from '../../helpers/artefacts';
import type { NodeDuckDB } from '../../helpers/duckdb-node';

const NOW = '2026-12-02T00:00:00.000Z';
const base = { unit: 'départements', source: 'COG (test)', year: 2024, favourable: 'neutral', priority: 1, setId: null, mode: 'value', base: null, scale: 1, additive: false, reference: null, fileName: 'test.csv', createdAt: NOW, updatedAt: NOW } as const;

describeArtefacts('imported indicators in projection (Creuse)', () => {
	let duck: NodeDuckDB;
	let slideFor: ReturnType<typeof createSlides>;
	let byRegion: OwnIndicator;
	let bySector: OwnIndicator;
	const creuse = { code: '23', name: 'Creuse' };

	beforeAll(async () => {
		duck = await loadAllArtefacts();
		const rows = await query<{ code: string; v: number }>(duck.db, 'SELECT CAST(reg AS VARCHAR) AS code, count(*)::DOUBLE AS v FROM departements GROUP BY 1 ORDER BY 1');
		byRegion = { ...base, id: 'own-projregion1', name: 'Départements par région', level: 'region', rows: rows.map((r) => ({ code: String(r.code), v: Number(r.v) })) };
		bySector = { ...base, id: 'own-projsector1', name: 'File active par secteur', unit: 'patients', level: 'sector', setId: 'its-set', rows: [{ code: '23G01', v: 100 }] };
		for (const i of [byRegion, bySector]) await registerOwnIndicator(duck.db, i);
		setOwnIndicatorsReady(async () => {});
		setExtraViewDefs([byRegion, bySector].map(ownIndicatorDef));
		setExtraViewKinds([byRegion, bySector].map(ownViewKind).filter((k): k is ViewKind => !!k));
		slideFor = createSlides({
			database: async () => duck.db,
			query: (s, p) => query(duck.db, s, p ?? []),
			ensureRegistered: async () => {},
			nearest: async (p) => runNearest(p)
		});
	}, 60_000);
	afterAll(() => {
		setExtraViewDefs([]);
		setExtraViewKinds([]);
		duck?.close();
	});

	it('a région-level file has a région view, in the link too, fitted on France', () => {
		expect(ownViewKind(byRegion)).toMatchObject({ maille: 'region', mailles: ['region'] });
		const s = parseSequence(new URLSearchParams(`dep=23&vues=${byRegion.id}`));
		expect(s.notices).toEqual([]);
		expect(s.views).toEqual([{ kind: byRegion.id, maille: 'region' }]);
		expect(parseSequence(new URLSearchParams(formatSequence(s))).views).toEqual(s.views);
		expect(focusOf(s.views[0]!)).toBe('france');
	});

	it('the région view classes every région and speaks of the département\'s région', async () => {
		const s = await slideFor({ kind: byRegion.id, maille: 'region' }, creuse, null);
		expect(s.maille).toBe('region');
		expect(s.owner).toBeNull();
		const [n] = await query<{ n: number }>(duck.db, 'SELECT count(*)::INTEGER AS n FROM regions');
		expect(s.values.size).toBe(n!.n);
		expect(s.classification.counts.reduce((a, b) => a + b, 0) + s.classification.nulls).toBe(n!.n);
		const [na] = await query<{ name: string; v: number }>(duck.db, "SELECT r.name, count(*)::INTEGER AS v FROM departements d JOIN regions r ON r.code = d.reg WHERE d.reg = (SELECT reg FROM departements WHERE code = '23') GROUP BY r.name");
		expect(s.values.get('75')?.value).toBe(na!.v);
		expect(s.takeaway).toBe(`${na!.name} : ${na!.v}\u00a0départements.`);
	});

	it('a sector-keyed file shown without its set says so instead of an empty map', async () => {
		const s = await slideFor({ kind: bySector.id, maille: 'sector' }, creuse, null);
		expect(s.values.size).toBe(0);
		expect(s.takeaway).toMatch(/valeurs pour les secteurs d’un seul jeu de secteurs.*choisissez ce jeu de secteurs/);
		const other = await slideFor({ kind: bySector.id, maille: 'sector' }, creuse, { setId: 'another-set', type: 'G' });
		expect(other.takeaway).toMatch(/choisissez ce jeu de secteurs/);
	});
});
