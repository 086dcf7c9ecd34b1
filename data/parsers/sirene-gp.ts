/**
 * SIRENE 2019 establishments with NAF 86.21Z (column `generaliste`) per commune, a weak GP-supply proxy.
 * Codes are COG 2019: each is mapped to COG 2026 through the alias map (communes merged since then
 * sum up, arrondissements municipaux go to Paris/Lyon/Marseille). Rows with 0 practices are not
 * rejections: they are counted in a note and produce no output row.
 */
import type { GpPracticeRow, ParseResult } from '../schema.ts';
import { resolveCommune } from './cog.ts';
import { normCommune, parseFrNumber, qualityBuilder, splitLines, stripBom } from './common.ts';

const SOURCE = 'sirene_gp';
const CODE_COL = 'codecommuneetablissement';
const GP_COL = 'generaliste';

// COM codes (Saint-Pierre-et-Miquelon, Saint-Barthélemy, Saint-Martin, Pacific): outside the atlas's scope.
const isCom = (code: string) => /^(975|977|978|98)/.test(code);

export function parseSireneGp(text: string, aliases: ReadonlyMap<string, string>): ParseResult<GpPracticeRow> {
	const q = qualityBuilder(SOURCE, 'sirene2019_PS_communes.csv');
	const lines = splitLines(stripBom(text));
	const header = (lines[0] ?? '').split(';').map((h) => h.trim().toLowerCase());
	const cCode = header.indexOf(CODE_COL);
	const cGp = header.indexOf(GP_COL);
	if (cCode < 0 || cGp < 0) throw new Error(`SIRENE : colonnes ${CODE_COL} et ${GP_COL} attendues dans l’en-tête.`);

	const byCommune = new Map<string, number>();
	const sources = new Map<string, number>(); // source rows per output commune, to count merges
	let total = 0;
	let mapped = 0;
	let rejected = 0;
	let zero = 0;
	let remapped = 0;
	for (const line of lines.slice(1)) {
		if (line.trim() === '') continue;
		q.read();
		const cells = line.split(';');
		const raw = (cells[cCode] ?? '').trim();
		const n = parseFrNumber(cells[cGp]);
		if (n === null || Number.isNaN(n) || n < 0) {
			q.reject('missing or malformed GP count', `${raw}=${cells[cGp] ?? ''}`);
			continue;
		}
		total += n;
		if (n === 0) {
			zero++;
			continue;
		}
		const code = normCommune(raw);
		const target = code ? resolveCommune(aliases, code) : null;
		if (!code || !target) {
			rejected += n;
			if (!code) q.reject('malformed commune code', raw);
			else if (isCom(code)) q.reject('COM (hors champ)', code);
			else q.reject('unknown commune code (not in COG 2026 aliases)', code);
			continue;
		}
		if (target !== code) remapped++;
		mapped += n;
		byCommune.set(target, (byCommune.get(target) ?? 0) + n);
		sources.set(target, (sources.get(target) ?? 0) + 1);
		q.keep();
	}
	const rows: GpPracticeRow[] = [...byCommune].map(([commune, gp_practices]) => ({ commune, gp_practices })).sort((a, b) => (a.commune < b.commune ? -1 : 1));
	const merged = [...sources.values()].filter((c) => c > 1).length;
	const fmt = (x: number) => x.toLocaleString('en-US');
	q.note(`GP practices: ${fmt(total)} read = ${fmt(mapped)} mapped to COG 2026 + ${fmt(rejected)} in rejected rows.`);
	q.note(`${fmt(zero)} communes with no GP practice (rows with 0, not rejected, no output row).`);
	q.note(`${fmt(remapped)} rows remapped from a COG 2019 code; ${fmt(merged)} output communes gather several source rows; ${fmt(rows.length)} output communes.`);
	return { rows, quality: q.build() };
}
