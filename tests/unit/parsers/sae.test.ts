import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildAliasMap, parseCog } from '../../../data/parsers/cog.ts';
import { buildSaeEstablishments, parseSaeId, parseSaePsy, saeCommuneToInsee } from '../../../data/parsers/sae.ts';
import type { SaePsyRow } from '../../../data/schema.ts';
import { describeMirror, MIRROR } from '../../helpers/mirror.ts';

const FIX = join(import.meta.dirname, '../../fixtures/sae');
const latin1 = (path: string) => new TextDecoder('latin1').decode(readFileSync(path));

describe('parseSaePsy (fixtures)', () => {
	const p23 = parseSaePsy(latin1(join(FIX, 'PSY_2023r_sample.csv')), 2023);
	const p22 = parseSaePsy(latin1(join(FIX, 'PSY_2022r_sample.csv')), 2022);

	it('keeps GEN/INF/PEN rows and counts TOT, unknown DIS and malformed FI as rejections', () => {
		expect(p23.rows.map((r) => `${r.fi}/${r.dis}`)).toEqual([
			'010000123/GEN',
			'010000123/INF',
			'010000123/PEN',
			'020000456/GEN',
			'970100999/GEN'
		]);
		expect(p23.quality.rows_read).toBe(9);
		expect(p23.quality.rows_kept).toBe(5);
		expect(p23.quality.rejections).toEqual({
			'TOT row (establishment total, excluded)': 2,
			'unknown DIS': 1,
			'malformed FI': 1
		});
		expect(p23.quality.rows_read).toBe(p23.quality.rows_kept + p23.quality.rows_rejected);
	});

	it('maps columns by header name, decodes accents, keeps decimals and empty = null', () => {
		const gen = p23.rows[0]!;
		expect(gen).toMatchObject({
			year: 2023,
			nb_sect: 3,
			cap_htp: 120,
			cap_hdj: 40,
			cap_hdn: 2,
			cap_pft: 5,
			cap_aat: 4,
			cap_acp: null,
			cap_ccu: 6,
			cap_had: null,
			nb_cmp: 7,
			nb_cattp: 5,
			fil_tot: 4200,
			fil_amb: 3100,
			etp_psychiatrists: 21.5,
			etp_doctors: 3.25,
			etp_nurses: 150.4,
			etp_psychologists: 12.1,
			etp_nonmedical: 400.75
		});
		expect(p23.names.get('010000123')).toEqual({ name: 'CENTRE PSYCHOTHÉRAPIQUE DE TEST', fi_ej: '010000115' });
		// PEN row with an empty CAP_HDJ stays null, not 0
		expect(p23.rows[2]!.cap_hdj).toBeNull();
	});

	it('restores a lost leading zero on FI and reports it', () => {
		expect(p23.rows.some((r) => r.fi === '020000456')).toBe(true);
		expect(p23.names.get('020000456')?.fi_ej).toBe('020000449');
		expect(p23.quality.notes?.join(' ')).toMatch(/1 FI had lost their leading zero/);
	});

	it('2022: nb_cmp = NB_CMP_SEUL_PA + NB_CMP_SEUL_PL, null only when both are empty', () => {
		const by = new Map(p22.rows.map((r) => [`${r.fi}/${r.dis}`, r]));
		expect(by.get('010000123/GEN')!.nb_cmp).toBe(7);
		expect(by.get('010000123/INF')!.nb_cmp).toBe(3);
		expect(by.get('310000777/GEN')!.nb_cmp).toBeNull();
		expect(p22.rows.every((r) => r.year === 2022)).toBe(true);
	});

	it('rejects rows whose AN is not the expected year', () => {
		const res = parseSaePsy(latin1(join(FIX, 'PSY_2023r_sample.csv')), 2022);
		expect(res.rows).toHaveLength(0);
		expect(res.quality.rejections['survey year differs from the expected year']).toBe(8);
	});

	it('throws a French error when a required column is missing', () => {
		expect(() => parseSaePsy('BOR;AN;RS;DIS\nPSY;2023;X;GEN\n', 2023)).toThrow(/colonne\(s\) absente\(s\).*FI/);
	});
});

describe('parseSaeId and the commune recoding (fixtures)', () => {
	const id = parseSaeId(latin1(join(FIX, 'ID_2023r_sample.csv')));
	const by = new Map(id.rows.map((r) => [r.fi, r]));

	it('recodes SAE overseas commune codes to INSEE codes', () => {
		expect(saeCommuneToInsee('9A101')).toBe('97101');
		expect(saeCommuneToInsee('9B209')).toBe('97209');
		expect(saeCommuneToInsee('9C302')).toBe('97302');
		expect(saeCommuneToInsee('9D411')).toBe('97411');
		expect(saeCommuneToInsee('9F611')).toBe('97611');
		expect(saeCommuneToInsee('9A123')).toBe('97701'); // Saint-Barthélemy
		expect(saeCommuneToInsee('9A127')).toBe('97801'); // Saint-Martin
		expect(saeCommuneToInsee('2A004')).toBe('2A004');
		expect(saeCommuneToInsee('1004')).toBe('01004');
		expect(saeCommuneToInsee('XYZ')).toBeNull();
	});

	it('reads lowercase fi/rs/cat, COMINSEE and dep, with quoted fields', () => {
		expect(id.quality.rows_read).toBe(8);
		expect(id.quality.rows_kept).toBe(8);
		expect(by.get('010000123')).toEqual({
			fi: '010000123',
			fi_ej: '010000115',
			name: 'CENTRE PSYCHOTHÉRAPIQUE DE TEST',
			cat: '292',
			commune_sae: '01004',
			dep: '01',
			armt: null // ARMT is filled in Paris, Lyon and Marseille only (tests/unit/geo/plm.test.ts on the mirror)
		});
		expect(by.get('970100999')).toMatchObject({ commune_sae: '97101', dep: '971' });
		expect(by.get('970100888')).toMatchObject({ commune_sae: '97801', dep: '978' });
		expect(by.get('970100777')).toMatchObject({ commune_sae: '97701', dep: '977' });
		expect(by.get('980500111')).toMatchObject({ commune_sae: '97611', dep: '976' });
		expect(by.get('2A0000222')).toMatchObject({ commune_sae: '2A004', dep: '2A' });
		expect(by.get('020000456')?.name).toBe('CLINIQUE DES ÉTANGS');
	});
});

describe('buildSaeEstablishments (fixtures)', () => {
	const p23 = parseSaePsy(latin1(join(FIX, 'PSY_2023r_sample.csv')), 2023);
	const p22 = parseSaePsy(latin1(join(FIX, 'PSY_2022r_sample.csv')), 2022);
	const id = parseSaeId(latin1(join(FIX, 'ID_2023r_sample.csv')));
	// Tiny alias table: Ambérieu is current, Saint-Quentin's code is current, Les Abymes is current.
	const aliases = new Map([
		['01004', '01004'],
		['02691', '02691'],
		['97101', '97101']
	]);
	const est = buildSaeEstablishments({ psy2023: p23, psy2022: p22, id: id.rows, aliases });
	const by = new Map(est.rows.map((r) => [r.fi, r]));

	it('has one row per FI present in PSY 2022 or 2023', () => {
		expect(est.rows.map((r) => r.fi)).toEqual(['010000123', '020000456', '310000777', '970100999']);
		expect(by.get('010000123')).toMatchObject({ in_2022: true, in_2023: true, cat: '292', commune: '01004', dep: '01', geo_source: 'none' });
		expect(by.get('970100999')).toMatchObject({ in_2022: false, in_2023: true, commune: '97101', dep: '971', name: 'CH DES ÎLES' });
	});

	it('an FI of 2022 absent from ID_2023 has no commune and is reported', () => {
		expect(by.get('310000777')).toMatchObject({
			in_2022: true,
			in_2023: false,
			commune: null,
			dep: null,
			cat: null,
			geo_source: 'none',
			name: 'ANCIENNE CLINIQUE FERMÉE',
			fi_ej: '310000769'
		});
		expect(est.quality.notes?.join(' ')).toMatch(/1 establishments \(PSY 2022 only\) absent from ID_2023.*310000777/);
	});
});

/** Independent national sums: plain split of the raw latin-1 CSV, by header position. */
function rawSums(text: string, dis: string, cols: string[]): number[] {
	const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
	const header = lines[0]!.split(';');
	const iDis = header.indexOf('DIS');
	const idx = cols.map((c) => c.split('+').map((p) => header.indexOf(p)));
	const out = cols.map(() => 0);
	for (const l of lines.slice(1)) {
		const f = l.split(';');
		if (f[iDis] !== dis) continue;
		idx.forEach((parts, k) => parts.forEach((i) => (out[k]! += f[i] ? Number(f[i]) : 0)));
	}
	return out;
}

const sum = (rows: SaePsyRow[], dis: string, field: keyof SaePsyRow) =>
	rows.filter((r) => r.dis === dis).reduce((a, r) => a + ((r[field] as number | null) ?? 0), 0);

describeMirror('SAE on the real mirror', () => {
	const raw = (p: string) => latin1(join(MIRROR!, 'sae_psy', p));
	const t23 = raw('PSY_2023r.csv');
	const t22 = raw('PSY_2022r.csv');
	const p23 = parseSaePsy(t23, 2023);
	const p22 = parseSaePsy(t22, 2022);
	const fields = ['cap_htp', 'cap_hdj', 'nb_cmp', 'nb_cattp', 'nb_sect'] as const;

	it('2023 national sums match the README figures (GEN, INF) and exclude TOT', () => {
		expect(fields.map((f) => sum(p23.rows, 'GEN', f))).toEqual([48498, 19386, 1630, 1101, 856]);
		expect(fields.map((f) => sum(p23.rows, 'INF', f))).toEqual([2367, 9535, 1304, 688, 359]);
		expect(p23.quality.rejections['TOT row (establishment total, excluded)']).toBe(627);
		expect(p23.rows).toHaveLength(568 + 349 + 141);
		expect(new Set(p23.names.keys()).size).toBe(627);
	});

	it('2023 and 2022 sums equal an independent re-read of the raw CSV', () => {
		const cols23 = ['CAP_HTP', 'CAP_HDJ', 'NB_CMP_SEUL', 'NB_CATTP', 'NB_SECT', 'ETP_INF'];
		const cols22 = ['CAP_HTP', 'CAP_HDJ', 'NB_CMP_SEUL_PA+NB_CMP_SEUL_PL', 'NB_CATTP', 'NB_SECT', 'ETP_INF'];
		for (const dis of ['GEN', 'INF', 'PEN']) {
			const mine23 = [...fields.map((f) => sum(p23.rows, dis, f)), sum(p23.rows, dis, 'etp_nurses')];
			const mine22 = [...fields.map((f) => sum(p22.rows, dis, f)), sum(p22.rows, dis, 'etp_nurses')];
			rawSums(t23, dis, cols23).forEach((v, k) => expect(mine23[k]).toBeCloseTo(v, 6));
			rawSums(t22, dis, cols22).forEach((v, k) => expect(mine22[k]).toBeCloseTo(v, 6));
		}
		expect(p22.quality.rows_read).toBe(1664);
		expect(p22.quality.rows_kept + p22.quality.rows_rejected).toBe(1664);
	});

	it('ID_2023: every overseas COMINSEE keeps its département digit after the 9X prefix', () => {
		const id = parseSaeId(raw('ID_2023r.csv'));
		expect(id.quality.rows_kept).toBe(3975);
		const digit: Record<string, string> = { '9A': '1', '9B': '2', '9C': '3', '9D': '4', '9F': '6' };
		const lines = raw('ID_2023r.csv').split(/\r?\n/).slice(1).filter(Boolean);
		for (const l of lines) {
			const c = l.split(';')[20]!;
			if (/^9[A-F]/.test(c)) expect(c[2]).toBe(digit[c.slice(0, 2)]);
		}
		// Les Abymes as documented
		expect(id.rows.filter((r) => r.commune_sae === '97101').length).toBeGreaterThan(0);
		// all 627 PSY 2023 establishments are in ID 2023
		const ids = new Set(id.rows.map((r) => r.fi));
		expect([...p23.names.keys()].every((fi) => ids.has(fi))).toBe(true);
	});

	it('builds the establishment list with COG 2026 communes', () => {
		const id = parseSaeId(raw('ID_2023r.csv'));
		const cogRaw = (p: string) => (p.endsWith('.gz') ? gunzipSync(readFileSync(join(MIRROR!, p))).toString('utf8') : readFileSync(join(MIRROR!, p), 'utf8'));
		const cog = parseCog({
			communes: cogRaw('cog/communes.json.gz'),
			departements: cogRaw('cog/departements.json'),
			regions: cogRaw('cog/regions.json'),
			epci: cogRaw('cog/epci.json.gz')
		});
		const est = buildSaeEstablishments({ psy2023: p23, psy2022: p22, id: id.rows, aliases: buildAliasMap(cog.aliases.rows) });
		const union = new Set([...p23.names.keys(), ...p22.names.keys()]);
		expect(est.rows).toHaveLength(union.size);
		const ids = new Set(id.rows.map((r) => r.fi));
		const absent = [...union].filter((fi) => !ids.has(fi));
		expect(est.rows.filter((r) => !ids.has(r.fi)).every((r) => r.commune === null && r.geo_source === 'none')).toBe(true);
		expect(absent.length).toBeGreaterThan(0);
		// Everything in ID has a commune, Saint-Martin's hospital included (attached to Guadeloupe as in the SAE)
		expect(est.rows.filter((r) => ids.has(r.fi) && r.commune === null)).toEqual([]);
		expect(est.rows.find((r) => r.fi === '970100400')).toMatchObject({ commune: '97801', dep: '978' });
		expect(est.rows.filter((r) => r.commune).every((r) => /^(\d{5}|2[AB]\d{3})$/.test(r.commune!))).toBe(true);
	});
});
