/**
 * Rows and columns of the comparison export: one row per indicator, its unit, each territory's
 * value, the benchmark values (France, région, département of the first territory), remarks,
 * vintage and sources. Territory names may come from imported files: they only ever become
 * header text, which toCsvFr guards against formulas and the XLSX writes as typed strings.
 */
import type { Reference } from '../queries/references';
import type { IndicatorDef } from '../indicators/types';
import type { ExportColumn } from './csv';

export type BenchKind = 'france' | 'region' | 'departement';

export interface CompareExportRow {
	def: IndicatorDef;
	cells: { value: number | null; note?: string; estimated?: boolean }[];
	refs: Reference[];
}

/** The comparable benchmark of one kind, as the table's benchmark column shows it. */
export const benchmarkOf = (refs: readonly Reference[], kind: BenchKind): Reference | undefined =>
	refs.find((r) => r.kind === kind && r.comparable);

export function compareExport(
	rows: readonly CompareExportRow[],
	territories: readonly { name: string; code: string }[],
	benchmarks: readonly { kind: BenchKind; label: string }[],
	sourceLabel: (id: string) => string
): { columns: ExportColumn[]; rows: Record<string, unknown>[] } {
	const columns: ExportColumn[] = [
		{ key: 'indicator', label: 'Indicateur', kind: 'text' },
		{ key: 'unit', label: 'Unité', kind: 'text' },
		...territories.map((t, i): ExportColumn => ({ key: `t${i}`, label: `${t.name} (${t.code})`, kind: 'number', digits: 2 })),
		...benchmarks.map((b): ExportColumn => ({ key: `ref_${b.kind}`, label: `Référence : ${b.label}`, kind: 'number', digits: 2 })),
		{ key: 'remarks', label: 'Remarques', kind: 'text' },
		{ key: 'vintage', label: 'Millésime', kind: 'text' },
		{ key: 'sources', label: 'Sources', kind: 'text' }
	];
	const out = rows.map((r) => {
		const row: Record<string, unknown> = { indicator: r.def.label, unit: r.def.unit, vintage: r.def.vintage ?? '', sources: r.def.sources.map(sourceLabel).join(' ; ') };
		const remarks: string[] = [];
		territories.forEach((t, i) => {
			const c = r.cells[i];
			row[`t${i}`] = c?.note ? null : (c?.value ?? null);
			if (c?.note) remarks.push(`${t.name} : ${c.note}`);
			else if (c?.estimated) remarks.push(`${t.name} : dénominateur estimé`);
		});
		for (const b of benchmarks) row[`ref_${b.kind}`] = benchmarkOf(r.refs, b.kind)?.value ?? null;
		if (r.def.proxy) remarks.push(`Approximation : ${r.def.proxy}`);
		row.remarks = remarks.join(' ; ');
		return row;
	});
	return { columns, rows: out };
}
