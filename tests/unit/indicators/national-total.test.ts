/**
 * One national total everywhere: the France figure of every SAE indicator, as /ecarts, /comparer
 * (referencesFor) and /diagnostic (buildDiagnostic's rows) compute it, equals the quality report's
 * national total (every SAE row, whatever its commune). Saint-Martin's hospital (FI 970100400,
 * commune 97801) counts in Guadeloupe.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { query } from '../../../src/lib/db/query';
import { diagnosticRow } from '../../../src/lib/diagnostic/build';
import { INDICATORS, indicatorById } from '../../../src/lib/indicators/catalogue';
import { referencesFor } from '../../../src/lib/queries/references';
import { indicatorSql } from '../../../src/lib/indicators/sql';
import { attachedNote } from '../../../src/lib/territories/attached';
import type { IndicatorDef, IndicatorValue } from '../../../src/lib/indicators/types';
import { DATA_DIR, describeArtefacts, loadAllArtefacts } from '../../helpers/artefacts';
import type { NodeDuckDB } from '../../helpers/duckdb-node';

interface Totals {
	totals: { sae: { year: number; dis: string; measure: string; total: number }[] };
}

describeArtefacts('one national total', () => {
	let duck: NodeDuckDB;
	let quality: Totals;
	beforeAll(async () => {
		duck = await loadAllArtefacts();
		quality = JSON.parse(readFileSync(join(DATA_DIR, 'quality.json'), 'utf8')) as Totals;
	});
	afterAll(() => duck?.close());

	const sae = () => INDICATORS.filter((d) => d.measure?.table === 'sae_psy' && d.kind !== 'evolution');
	function reportTotal(def: IndicatorDef): number {
		const m = def.measure as Extract<IndicatorDef['measure'], { table: 'sae_psy' }>;
		return quality.totals.sae.filter((t) => t.year === m.year && m.disciplines.includes(t.dis as 'GEN') && t.measure === m.column).reduce((s, t) => s + t.total, 0);
	}
	async function france(def: IndicatorDef): Promise<IndicatorValue> {
		const q = indicatorSql(def, 'france');
		const [r] = await query<IndicatorValue>(duck.db, q.sql, q.params);
		return r!;
	}

	it('Guadeloupe counts Saint-Martin’s hospital: 270 adult beds', async () => {
		const q = indicatorSql(indicatorById('beds_adult_per100k')!, 'departement');
		const rows = await query<IndicatorValue>(duck.db, `SELECT * FROM (${q.sql}) WHERE code = '971'`, q.params);
		expect(rows[0]!.numerator).toBe(270);
		const [sm] = await query<{ dep: string; reg: string; name: string }>(duck.db, `SELECT dep, reg, name FROM communes WHERE code = '97801'`);
		expect(sm).toEqual({ dep: '971', reg: '01', name: 'Saint-Martin' });
		// Said on screen wherever the territory includes them.
		for (const [l, c] of [['departement', '971'], ['region', '01'], ['commune', '97801'], ['commune', '97701']]) expect(attachedNote(l!, c!)).toMatch(/Saint-Martin et Saint-Barthélemy/);
		expect(attachedNote('departement', '972')).toBeNull();
	});

	it('the France numerator of every SAE indicator is the quality report’s national total', async () => {
		const defs = sae();
		expect(defs.length).toBeGreaterThanOrEqual(26);
		expect(reportTotal(indicatorById('beds_adult_per100k')!)).toBe(48_498);
		for (const def of defs) {
			const fr = await france(def);
			expect(fr.numerator, def.id).toBeCloseTo(reportTotal(def), 6);
		}
	}, 120_000);

	it('the France reference of /ecarts, /comparer and /diagnostic is that total over the France population', async () => {
		for (const def of sae()) {
			const fr = await france(def);
			const expected = def.base ? (reportTotal(def) * def.scale) / fr.denominator! : reportTotal(def) * def.scale;
			// /ecarts and /comparer: referencesFor on a département (here the Creuse).
			const refs = await referencesFor(duck.db, def, 'departement', '23');
			expect(refs.find((r) => r.kind === 'france')!.value, def.id).toBeCloseTo(expected, 9);
			// /diagnostic: the row's France reference.
			const row = await diagnosticRow(duck.db, def, { level: 'departement', code: '23' });
			expect(row.france!.value, def.id).toBeCloseTo(expected, 9);
		}
	}, 180_000);
});
