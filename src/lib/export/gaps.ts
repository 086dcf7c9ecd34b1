/**
 * What the gap analysis exports: table columns and rows (CSV / XLSX, the rows the screen shows,
 * by rank) and the PNG's title, legend, notes and sources. Pure: the page passes its state.
 */
import { countRule, GAP_SIGN_NOTE, gapRule, isCount, unitNoun, type GapRow } from '../indicators/gap';
import { gapLegend, shownClass } from '../indicators/gap-bands';
import { formatValue } from '../indicators/format';
import type { Reference } from '../queries/references';
import type { IndicatorDef } from '../indicators/types';
import type { ExportColumn } from './csv';
import { exportDate, type MapImage } from './png';

type Ref = Pick<Reference, 'label' | 'year' | 'source' | 'value' | 'unit' | 'numerator' | 'denominator'>;

export function gapColumns(def: IndicatorDef, ref: Ref | null): ExportColumn[] {
	const sae = def.measure?.table === 'sae_psy';
	return [
		{ key: 'code', label: 'Code', kind: 'code' },
		{ key: 'name', label: 'Territoire', kind: 'text' },
		{ key: 'value', label: `Valeur (${def.unit})`, kind: 'number', digits: 2 },
		isCount(def)
			? { key: 'expected', label: `Attendu au taux de : ${ref?.label ?? ''} (${ref?.year ?? ''})`, kind: 'number', digits: 1 }
			: { key: 'reference', label: `Référence : ${ref?.label ?? ''} (${ref?.year ?? ''})`, kind: 'number', digits: 2 },
		...(sae && !isCount(def) ? [{ key: 'numerator', label: `Nombre (${unitNoun(def)})`, kind: 'number', digits: 1 } as ExportColumn] : []),
		{ key: 'ratio_pct', label: 'Rapport à la référence (%)', kind: 'number', digits: 1 },
		{ key: 'gap', label: 'Écart (valeur − référence ; − = en dessous, à ajouter)', kind: 'number', digits: 1 },
		{ key: 'unit', label: 'Unité de l’écart', kind: 'text' },
		{ key: 'rank', label: 'Rang', kind: 'integer' },
		{ key: 'cls', label: 'Classe (comme à l’écran)', kind: 'text' },
		{ key: 'source', label: 'Source', kind: 'text' }
	];
}

export function gapExportRows(def: IndicatorDef, ref: Ref | null, rows: readonly GapRow[]): Record<string, unknown>[] {
	const noun = unitNoun(def);
	const source = `${def.vintage ?? def.sources.join(', ')} ; référence : ${ref?.label ?? ''} (${ref?.year ?? ''}, ${ref?.source ?? ''}) ; ${GAP_SIGN_NOTE}`;
	return [...rows]
		.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.code.localeCompare(b.code))
		.map((r) => ({ ...r, ratio_pct: r.ratio === null ? null : r.ratio * 100, unit: noun, cls: shownClass(r, def.favourable), source }));
}

export interface GapImageInput {
	def: IndicatorDef;
	ref: Ref;
	scopeLabel: string;
	estimated: boolean;
	gaps: GapRow[];
	mapNote: string;
	/** One citation per source id (sourceCitation of the manifest's entry). */
	citations: string[];
}

export function gapImage({ def, ref, scopeLabel, estimated, gaps, mapNote, citations }: GapImageInput, now = new Date()): MapImage {
	const rule = isCount(def) ? countRule(def, ref) : null;
	return {
		title: `${def.label} : écart à la référence`,
		subtitle: `${scopeLabel} — référence : ${ref.label} : ${formatValue(def, ref.value)} ${ref.unit ?? def.unit} (${ref.year})`,
		legendTitle: def.favourable === 'neutral' ? 'Rapport à la référence' : 'Classes d’écart à la référence',
		legend: gapLegend(gaps, def.favourable).map((l) => ({ color: l.color, label: l.label, count: l.n, hatch: l.key === 'na' })),
		notes: [
			`Règle des classes (rapport valeur / référence) : ${gapRule(def)}`,
			...(estimated && def.estimate ? [`Estimation : ${def.estimate}`] : []),
			...(def.proxy ? [`Approximation : ${def.proxy}`] : []),
			...(rule ? [rule] : []),
			GAP_SIGN_NOTE,
			...(mapNote ? [mapNote] : [])
		],
		sources: [...citations, `Référence : ${ref.label}, ${ref.source}.`],
		date: exportDate(now).fr
	};
}
