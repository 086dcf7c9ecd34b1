/**
 * What the user says about an imported indicator (name, unit, source, year, favourable direction,
 * PTSM priority, optional reference), as typed in a form: its checks in French, shared by the
 * import and the later edit, and the edited record (rows, level and mode are the file's and stay).
 */
import type { PtsmPriority } from '../indicators/types';
import { checkOwnIndicator, type Checked, type OwnIndicator } from './model';

export interface OwnDescription {
	name: string;
	unit: string;
	source: string;
	/** As typed. */
	year: string;
	favourable: OwnIndicator['favourable'];
	priority: PtsmPriority;
	/** As typed, French or international decimals; '' = no reference. */
	refValue: string;
	refLabel: string;
}

export const DEFAULT_REF_LABEL = 'Valeur de référence saisie';

/** A typed number (« 12,5 », « 1 234,5 », « 12.5 »), or null. */
export function refNumber(typed: string): number | null {
	const s = typed.trim().replace(/[\u0020\u00a0\u202f]/g, '').replace(',', '.');
	return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : null;
}

/** French, one per field that stops the save. */
export function descriptionErrors(d: OwnDescription): string[] {
	const e: string[] = [];
	if (!d.name.trim()) e.push('Donnez un nom à l’indicateur.');
	if (!d.unit.trim()) e.push('Indiquez son unité.');
	if (!d.source.trim()) e.push('Indiquez sa source (producteur, fichier, date).');
	const y = Number(d.year);
	if (!d.year.trim() || !Number.isInteger(y) || y < 1900 || y > 2100) e.push('Année : un nombre entier entre 1900 et 2100.');
	if (d.refValue.trim() && refNumber(d.refValue) === null) e.push('Valeur de référence : écrivez un nombre (par exemple 12,5).');
	return e;
}

/** The form's fields of a stored indicator. */
export function descriptionOf(ind: OwnIndicator): OwnDescription {
	return {
		name: ind.name,
		unit: ind.unit,
		source: ind.source,
		year: String(ind.year),
		favourable: ind.favourable,
		priority: ind.priority,
		refValue: ind.reference ? ind.reference.value.toLocaleString('fr-FR', { useGrouping: false, maximumFractionDigits: 12 }) : '',
		refLabel: ind.reference?.label ?? ''
	};
}

/** The stored fields of a description (checked by the caller). */
export function describedFields(d: OwnDescription): Pick<OwnIndicator, 'name' | 'unit' | 'source' | 'year' | 'favourable' | 'priority' | 'reference'> {
	const ref = refNumber(d.refValue);
	return {
		name: d.name.trim(),
		unit: d.unit.trim(),
		source: d.source.trim(),
		year: Number(d.year),
		favourable: d.favourable,
		priority: d.priority,
		reference: ref === null ? null : { value: ref, label: d.refLabel.trim() || DEFAULT_REF_LABEL }
	};
}

/** `ind` with the new description, checked like a stored record; rows, level and mode unchanged. */
export function editedIndicator(ind: OwnIndicator, d: OwnDescription, now = new Date()): Checked<OwnIndicator> {
	const errors = descriptionErrors(d);
	if (errors.length) return { ok: false, error: errors.join(' ') };
	return checkOwnIndicator({ ...ind, ...describedFields(d), updatedAt: now.toISOString() });
}
