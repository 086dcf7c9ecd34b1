/**
 * Data-quality report: per source, rows read / kept / rejected with reasons, plus national
 * totals of each measure by discipline and of population, so a reader can check the artefacts
 * against published figures.
 */
import { SAE_MEASURE_COLUMNS } from '../src/lib/indicators/types.ts';
import type { FinessSummary } from './finess-layer.ts';
import type { QualityEntry, SaePsyRow } from './schema.ts';
import { DISCIPLINES_FR, MEASURES_FR, frenchNote, frenchReason } from '../src/lib/quality/french.ts';
import { formatBytes } from '../src/lib/format/size.ts';
import { formatLongDate } from '../src/lib/format/date.ts';
import { SOURCES } from './sources.ts';

export interface QualityReport {
	built_at: string;
	entries: QualityEntry[];
	totals: {
		sae: { year: number; dis: string; measure: string; total: number }[];
		population: { label: string; value: number }[];
	};
	geometry: Record<string, unknown>;
	artefacts_gzip_bytes: number;
	/** FINESS layer summary (data/finess-layer.ts), when a FINESS source was read. */
	finess?: FinessSummary;
}


export function saeTotals(rows: SaePsyRow[]): QualityReport['totals']['sae'] {
	const acc = new Map<string, number>();
	for (const r of rows) {
		for (const m of SAE_MEASURE_COLUMNS) {
			const v = r[m];
			if (v === null) continue;
			const key = `${r.year}|${r.dis}|${m}`;
			acc.set(key, (acc.get(key) ?? 0) + v);
		}
	}
	return [...acc.entries()]
		.map(([k, total]) => {
			const [year, dis, measure] = k.split('|') as [string, string, string];
			return { year: Number(year), dis, measure, total: Math.round(total * 100) / 100 };
		})
		.sort((a, b) => a.year - b.year || a.dis.localeCompare(b.dis) || a.measure.localeCompare(b.measure));
}

const fmt = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

const GEOMETRY_FR: Record<string, string> = {
	communes_2026: 'Communes COG 2026',
	communes_with_geometry: 'Communes avec un contour',
	communes_without_geometry: 'Communes sans contour',
	communes_merged_from_2018: 'Communes reconstituées par fusion de communes de la carte 2018',
	communes_topojson_gzip_bytes: 'Contours des communes (TopoJSON, gzip)',
	admin_dropped: 'Territoires écartés (hors champ métropole et DROM)'
};

const HINTS_FR: [RegExp, (...m: string[]) => string][] = [
	[/^not in the 2018 map and no former code \(created or restored after 2018, or a COM\)$/, () => 'absente de la carte 2018 et sans ancien code (créée ou rétablie après 2018)'],
	[/^code in the 2018 map but aliased to (.*)$/, (a) => `code présent dans la carte 2018 mais rattaché à ${a}`],
	[/^code in the 2018 map but not mapped to itself$/, () => 'code présent dans la carte 2018 mais non rattaché à lui-même'],
	[/^not in the 2018 map; its former codes (.*) are not there either$/, (a) => `absente de la carte 2018, comme ses anciens codes ${a}`]
];

function frenchHint(hint: string): string {
	for (const [re, f] of HINTS_FR) {
		const m = re.exec(hint);
		if (m) return f(...m.slice(1));
	}
	return hint;
}

function geometryValue(key: string, v: unknown): string {
	if (typeof v === 'number') return key.endsWith('_bytes') ? formatBytes(v) : fmt.format(v);
	if (Array.isArray(v))
		return v
			.map((x: { code?: string; name?: string; hint?: string }) => {
				const why = x.hint ? frenchHint(x.hint) : '';
				return [x.code, x.name, why ? `(${why})` : ''].filter(Boolean).join(' ');
			})
			.join(' ; ');
	return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Source titles by id, for a reader who does not know the pipeline's ids. */
const TITLES: Record<string, string> = Object.fromEntries(SOURCES.map((s) => [s.id, s.title]));

/** A plain-text rendering in French for the console and quality.txt. */
export function renderQuality(report: QualityReport): string {
	const lines: string[] = ['Rapport de qualité des données', `Construit le ${formatLongDate(new Date(report.built_at), { time: true })}`, ''];
	lines.push('Source et fichier — lignes lues, gardées, rejetées (motifs)');
	for (const e of report.entries) {
		const reasons = Object.entries(e.rejections)
			.filter(([, n]) => n > 0)
			.map(([r, n]) => `${frenchReason(r)} : ${fmt.format(n)}`)
			.join(' ; ');
		lines.push(
			`- ${TITLES[e.source] ?? e.source} / ${e.file} — ${fmt.format(e.rows_read)} lues, ${fmt.format(e.rows_kept)} gardées, ${fmt.format(e.rows_rejected)} rejetées${reasons ? ` (${reasons})` : ''}`
		);
		for (const n of e.notes ?? []) lines.push(`    remarque : ${frenchNote(n)}`);
	}
	lines.push('', 'Totaux nationaux SAE (lignes TOT exclues)');
	const years = [...new Set(report.totals.sae.map((t) => t.year))];
	for (const y of years) {
		for (const dis of ['GEN', 'INF', 'PEN']) {
			const rows = report.totals.sae.filter((t) => t.year === y && t.dis === dis);
			if (!rows.length) continue;
			lines.push(`- ${y}, ${DISCIPLINES_FR[dis]} :`);
			for (const t of rows) lines.push(`    ${MEASURES_FR[t.measure] ?? t.measure} : ${fmt.format(t.total)}`);
		}
	}
	lines.push('', 'Population');
	for (const p of report.totals.population) lines.push(`- ${p.label} : ${fmt.format(p.value)}`);
	lines.push('', 'Géométrie');
	for (const [k, v] of Object.entries(report.geometry)) lines.push(`- ${GEOMETRY_FR[k] ?? k} : ${geometryValue(k, v)}`);
	lines.push('', `Artefacts compressés (gzip) : ${formatBytes(report.artefacts_gzip_bytes)}`);
	return lines.join('\n');
}
