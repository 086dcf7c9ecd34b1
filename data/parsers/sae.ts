/**
 * DREES SAE (statistique annuelle des établissements de santé), bases statistiques « r »:
 * - PSY_<year>r.csv: psychiatry bordereau, one row per FINESS géographique × discipline (DIS);
 * - ID_2023r.csv: identification table (name, category, commune) of every responding establishment;
 * and the list of psychiatric establishments built from them.
 * Files are ';'-separated latin-1 text (decode before calling), '.' decimals, empty cell = missing.
 * Columns are found by header name: the PSY layout differs between 2022 and 2023.
 */
import type { ParseResult, SaeEstablishmentRow, SaePsyRow } from '../schema.ts';
import { type DelimitedRecord, normDep, openDelimited, parseFrNumber, qualityBuilder } from './common.ts';
import { resolveCommune } from './cog.ts';

const SOURCE = 'sae_psy';
const DISCIPLINES = new Set(['GEN', 'INF', 'PEN']);

/** Numeric SaePsyRow field → header name in the PSY file (same name in 2022 and 2023). */
const MEASURE_COLUMNS = {
	nb_sect: 'NB_SECT',
	cap_htp: 'CAP_HTP',
	cap_hdj: 'CAP_HDJ',
	cap_hdn: 'CAP_HDN',
	cap_pft: 'CAP_PFT',
	cap_aat: 'CAP_AAT',
	cap_acp: 'CAP_ACP',
	cap_ccu: 'CAP_CCU',
	cap_had: 'CAP_HAD',
	nb_cattp: 'NB_CATTP',
	fil_tot: 'FIL_TOT',
	fil_amb: 'FIL_AMB',
	etp_psychiatrists: 'ETPSAL_PKT',
	etp_doctors: 'ETPSAL_MED',
	etp_nurses: 'ETP_INF',
	etp_psychologists: 'ETP_PSY',
	etp_nonmedical: 'ETPSAL_PNM'
} as const satisfies Partial<Record<keyof SaePsyRow, string>>;

/** A FINESS number as 9 characters; an 8-digit number lost its leading zero (spreadsheet export). */
export function normFiness(raw: string): { code: string; restored: boolean } | null {
	const s = raw.trim().toUpperCase();
	if (/^\d{9}$/.test(s) || /^2[AB]\d{7}$/.test(s)) return { code: s, restored: false };
	if (/^\d{8}$/.test(s)) return { code: `0${s}`, restored: true };
	return null;
}

export interface SaeNameInfo {
	name: string;
	fi_ej: string | null;
}

export interface SaePsyResult extends ParseResult<SaePsyRow> {
	/** FI → raw RS name and FI_EJ as written in the PSY file (TOT rows included), for the establishment list. */
	names: Map<string, SaeNameInfo>;
}

export function parseSaePsy(text: string, year: number, file = `sae_psy/PSY_${year}r.csv`): SaePsyResult {
	const q = qualityBuilder(SOURCE, file);
	const table = openDelimited(text, ';', ['FI', 'DIS', 'RS'], `Fichier SAE PSY ${year}`);
	// 2023 has NB_CMP_SEUL; 2022 splits it into NB_CMP_SEUL_PA and NB_CMP_SEUL_PL, which add up to it.
	const cmpCols = table.has('NB_CMP_SEUL') ? ['NB_CMP_SEUL'] : ['NB_CMP_SEUL_PA', 'NB_CMP_SEUL_PL'].filter((c) => table.has(c));
	if (!cmpCols.length) q.note('No NB_CMP_SEUL column (nor NB_CMP_SEUL_PA/PL): nb_cmp is null.');
	const absent = Object.values(MEASURE_COLUMNS).filter((c) => !table.has(c));
	if (absent.length) q.note(`Columns absent from this year's file (values null): ${absent.join(', ')}.`);

	const rows: SaePsyRow[] = [];
	const names = new Map<string, SaeNameInfo>();
	const seen = new Set<string>();
	const restored = new Set<string>();
	let badCells = 0;
	const badCellExamples: string[] = [];
	const num = (r: DelimitedRecord, name: string, where: string): number | null => {
		const raw = r.cell(name);
		if (raw === undefined) return null;
		const v = parseFrNumber(raw);
		if (Number.isNaN(v)) {
			// One unreadable cell should not drop the row's beds: null it and report.
			badCells++;
			if (badCellExamples.length < 10) badCellExamples.push(`${where} ${name}=${raw}`);
			return null;
		}
		return v;
	};

	for (const r of table.records(q)) {
		const fiN = normFiness(r.cell('FI') ?? '');
		if (!fiN) {
			q.reject('malformed FI', r.cell('FI'));
			continue;
		}
		const fi = fiN.code;
		if (fiN.restored) restored.add(fi);
		const an = r.cell('AN');
		if (an !== undefined && an !== '' && Number(an) !== year) {
			q.reject('survey year differs from the expected year', `${fi} AN=${an}`);
			continue;
		}
		const rs = r.cell('RS') ?? '';
		const ej = normFiness(r.cell('FI_EJ') ?? '');
		if (!names.has(fi)) names.set(fi, { name: rs, fi_ej: ej?.code ?? null });
		const dis = (r.cell('DIS') ?? '').toUpperCase();
		if (dis === 'TOT') {
			// Totals duplicate GEN+INF+PEN: never summed with them.
			q.reject('TOT row (establishment total, excluded)', fi);
			continue;
		}
		if (!DISCIPLINES.has(dis)) {
			q.reject('unknown DIS', `${fi}/${dis}`);
			continue;
		}
		const key = `${fi}|${dis}`;
		if (seen.has(key)) {
			q.reject('duplicate FI × DIS', key);
			continue;
		}
		seen.add(key);
		const where = `${fi}/${dis}`;
		const cmpParts = cmpCols.map((c) => num(r, c, where));
		const nb_cmp = cmpParts.every((v) => v === null) ? null : cmpParts.reduce<number>((a, v) => a + (v ?? 0), 0);
		const row = { year, fi, dis: dis as SaePsyRow['dis'], nb_cmp } as SaePsyRow;
		for (const [field, name] of Object.entries(MEASURE_COLUMNS)) {
			(row as unknown as Record<string, number | null>)[field] = num(r, name, where);
		}
		rows.push(row);
		q.keep();
	}
	if (restored.size) q.note(`${restored.size} FI had lost their leading zero (8 digits): restored to 9 characters (${[...restored].slice(0, 10).join(', ')}).`);
	if (badCells) q.note(`${badCells} non-numeric cells set to null, e.g. ${badCellExamples.join('; ')}.`);
	if (cmpCols.length === 2) q.note('nb_cmp = NB_CMP_SEUL_PA + NB_CMP_SEUL_PL (null only when both are empty).');
	return { rows, quality: q.build(), names };
}

/** One row of ID_2023r.csv, reduced to what the app uses. */
export interface SaeIdRow {
	fi: string;
	fi_ej: string | null;
	name: string;
	cat: string | null;
	commune_sae: string | null; // COMINSEE recoded to the INSEE convention (9A101 → 97101), not yet COG 2026
	dep: string | null;
	armt?: string | null; // arrondissement municipal (ARMT), filled in Paris, Lyon and Marseille
}

/**
 * SAE commune code → INSEE code. Overseas communes are written '9A101' (9A Guadeloupe, 9B Martinique,
 * 9C Guyane, 9D La Réunion, 9F Mayotte): the 3 digits after the letter already start with the
 * département's last digit, so replacing '9X' by '97' gives the INSEE code. Saint-Barthélemy (9A123)
 * and Saint-Martin (9A127) keep their pre-2007 Guadeloupe codes: their current codes are the COM
 * codes 97701 and 97801.
 */
export function saeCommuneToInsee(raw: string | null | undefined): string | null {
	if (raw === null || raw === undefined) return null;
	const s = raw.trim().toUpperCase();
	if (s === '9A123') return '97701';
	if (s === '9A127') return '97801';
	if (/^9[A-F]\d{3}$/.test(s)) return `97${s.slice(2)}`;
	if (/^\d{4}$/.test(s)) return `0${s}`;
	if (/^\d{5}$/.test(s) || /^2[AB]\d{3}$/.test(s)) return s;
	return null;
}

/** Département of an INSEE commune code ('97101' → '971', '2A004' → '2A', '01001' → '01'). */
export function depOfCommune(code: string): string {
	return code.startsWith('97') || code.startsWith('98') ? code.slice(0, 3) : code.slice(0, 2);
}

export function parseSaeId(text: string, file = 'sae_psy/ID_2023r.csv'): ParseResult<SaeIdRow> {
	const q = qualityBuilder(SOURCE, file);
	const table = openDelimited(text, ';', ['fi', 'rs', 'cat', 'COMINSEE'], 'Fichier SAE ID');
	const rows: SaeIdRow[] = [];
	const seen = new Set<string>();
	let restored = 0;
	let badCommune = 0;
	const col = (r: DelimitedRecord, name: string): string => r.cell(name) ?? '';
	for (const r of table.records(q)) {
		const fiN = normFiness(col(r, 'fi'));
		if (!fiN) {
			q.reject('malformed fi', col(r, 'fi'));
			continue;
		}
		if (seen.has(fiN.code)) {
			q.reject('duplicate fi', fiN.code);
			continue;
		}
		seen.add(fiN.code);
		if (fiN.restored) restored++;
		const commune = saeCommuneToInsee(col(r, 'COMINSEE'));
		if (!commune) badCommune++;
		const cat = col(r, 'cat');
		rows.push({
			fi: fiN.code,
			fi_ej: normFiness(col(r, 'fi_ej'))?.code ?? null,
			name: col(r, 'rs'),
			cat: /^\d{3}$/.test(cat) ? cat : null,
			commune_sae: commune,
			// The commune is the finer source (it puts Saint-Barthélemy in 977, not Guadeloupe's '9A').
			dep: commune ? depOfCommune(commune) : normDep(col(r, 'dep')),
			armt: /^\d{5}$/.test(col(r, 'ARMT')) ? col(r, 'ARMT') : null
		});
		q.keep();
	}
	if (restored) q.note(`${restored} fi had lost their leading zero: restored.`);
	if (badCommune) q.note(`${badCommune} rows with an unreadable COMINSEE (commune null).`);
	return { rows, quality: q.build() };
}

export interface SaeEstablishmentsInput {
	psy2023: SaePsyResult;
	psy2022: SaePsyResult;
	id: readonly SaeIdRow[];
	/** Alias map from cog.ts buildAliasMap: any older code → COG 2026 commune. */
	aliases: ReadonlyMap<string, string>;
}

/**
 * One row per FI present in PSY 2022 or 2023 (all disciplines, TOT rows included, so that an
 * establishment answering only in total is not lost). Identity comes from ID_2023 when the FI is
 * there, else from the PSY file's RS/FI_EJ. Coordinates are left empty: see place-establishments.ts.
 */
export function buildSaeEstablishments(input: SaeEstablishmentsInput): ParseResult<SaeEstablishmentRow> {
	const q = qualityBuilder(SOURCE, 'sae_psy/PSY_2022r.csv + PSY_2023r.csv + ID_2023r.csv');
	const byFi = new Map(input.id.map((r) => [r.fi, r]));
	const fis = [...new Set([...input.psy2023.names.keys(), ...input.psy2022.names.keys()])].sort();
	const rows: SaeEstablishmentRow[] = [];
	const notInId: string[] = [];
	const unresolved: string[] = [];
	for (const fi of fis) {
		q.read();
		const id = byFi.get(fi);
		const psy = input.psy2023.names.get(fi) ?? input.psy2022.names.get(fi)!;
		let commune: string | null = null;
		if (!id) notInId.push(fi);
		else if (id.commune_sae) {
			commune = resolveCommune(input.aliases, id.commune_sae);
			if (!commune) unresolved.push(`${fi}:${id.commune_sae}`);
		}
		rows.push({
			fi,
			fi_ej: id?.fi_ej ?? psy.fi_ej,
			name: psy.name || id?.name || fi,
			cat: id?.cat ?? null,
			commune,
			// Physical département (978 for Saint-Martin: its own land group for travel times); the commune row
			// attaches it to Guadeloupe for every indicator.
			dep: commune ? depOfCommune(commune) : (id?.dep ?? null),
			lon: null,
			lat: null,
			geo_source: 'none',
			in_2022: input.psy2022.names.has(fi),
			in_2023: input.psy2023.names.has(fi),
			arm: id?.armt ?? null
		});
		q.keep();
	}
	const ex = (list: string[]) => list.slice(0, 10).join(', ');
	if (notInId.length) q.note(`${notInId.length} establishments (PSY 2022 only) absent from ID_2023: commune unknown, not placed (${ex(notInId)}).`);
	if (unresolved.length)
		q.note(`${unresolved.length} establishments whose SAE commune has no COG 2026 commune in scope (metropole + DROM + Saint-Barthélemy and Saint-Martin; other COM excluded): commune null (${ex(unresolved)}).`);
	return { rows, quality: q.build() };
}
