/**
 * Data-quality report: per source, rows read / kept / rejected with reasons, plus national
 * totals of each measure by discipline and of population, so a reader can check the artefacts
 * against published figures.
 */
import { SAE_MEASURE_COLUMNS } from '../src/lib/indicators/types.ts';
import type { FinessSummary } from './finess-layer.ts';
import type { QualityEntry, SaePsyRow } from './schema.ts';

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

/** A plain-text rendering for the console and quality.txt. */
export function renderQuality(report: QualityReport): string {
	const lines: string[] = ['Rapport de qualité des données', `Construit le ${report.built_at}`, ''];
	lines.push('source / fichier — lues, gardées, rejetées (motifs)');
	for (const e of report.entries) {
		const reasons = Object.entries(e.rejections)
			.filter(([, n]) => n > 0)
			.map(([r, n]) => `${r}: ${fmt.format(n)}`)
			.join(' ; ');
		lines.push(`- ${e.source} / ${e.file} — ${fmt.format(e.rows_read)}, ${fmt.format(e.rows_kept)}, ${fmt.format(e.rows_rejected)}${reasons ? ` (${reasons})` : ''}`);
		for (const n of e.notes ?? []) lines.push(`    note : ${n}`);
	}
	lines.push('', 'Totaux nationaux SAE (GEN adultes, INF enfants, PEN pénitentiaire ; lignes TOT exclues)');
	const years = [...new Set(report.totals.sae.map((t) => t.year))];
	for (const y of years) {
		for (const dis of ['GEN', 'INF', 'PEN']) {
			const parts = report.totals.sae
				.filter((t) => t.year === y && t.dis === dis)
				.map((t) => `${t.measure}=${fmt.format(t.total)}`);
			if (parts.length) lines.push(`- ${y} ${dis}: ${parts.join(', ')}`);
		}
	}
	lines.push('', 'Population');
	for (const p of report.totals.population) lines.push(`- ${p.label}: ${fmt.format(p.value)}`);
	lines.push('', 'Géométrie');
	for (const [k, v] of Object.entries(report.geometry)) lines.push(`- ${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
	lines.push('', `Artefacts compressés (gzip) : ${fmt.format(report.artefacts_gzip_bytes / 1e6)} Mo`);
	return lines.join('\n');
}
