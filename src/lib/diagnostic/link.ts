/**
 * The diagnostic's shareable link: `?territoire=<target>&ind=<map indicator>`. Parsing never
 * fails: an unreadable part falls back to its default with a French notice, so a mistyped link
 * still opens a diagnostic and says what it could not use.
 */
import { CATALOGUE } from '../indicators/catalogue';
import type { IndicatorDef } from '../indicators/types';
import { mapIndicators } from './map';
import { DEFAULT_TARGET, formatTarget, parseTarget, type DiagnosticTarget } from './target';

export interface DiagnosticLink {
	target: DiagnosticTarget;
	/** A catalogue indicator the map can show for `target`; null = the default colouring. */
	mapIndicator: string | null;
	/** French, one per part of the link that was not used. */
	notices: string[];
}

// Echoed back in a notice (as text): long enough to recognise, short enough not to flood.
const quote = (s: string) => `« ${s.length > 80 ? `${s.slice(0, 80)}…` : s} »`;

export function parseDiagnosticLink(search: string | URLSearchParams, defs: readonly IndicatorDef[]): DiagnosticLink {
	const q = typeof search === 'string' ? new URLSearchParams(search) : search;
	const notices: string[] = [];
	const rawTarget = q.get('territoire');
	let target = parseTarget(rawTarget);
	if (!target) {
		if (rawTarget) notices.push(`Le territoire demandé dans le lien (${quote(rawTarget)}) n’est pas reconnu : diagnostic du département du Rhône affiché.`);
		target = DEFAULT_TARGET;
	}
	const ind = q.get('ind');
	let mapIndicator: string | null = null;
	if (ind) {
		const known = CATALOGUE.find((d) => d.id === ind) ?? defs.find((d) => d.id === ind);
		if (!known) notices.push(`L’indicateur demandé dans le lien (${quote(ind)}) n’existe pas dans le catalogue : carte affichée avec l’indicateur par défaut.`);
		else if (!mapIndicators(defs, target).some((d) => d.id === ind))
			notices.push(`L’indicateur « ${known.label} » ne peut pas colorer la carte de ce territoire : carte affichée avec l’indicateur par défaut.`);
		else mapIndicator = ind;
	}
	return { target, mapIndicator, notices };
}

/** The query string of a diagnostic, without the leading '?'; `ind` only when one was chosen. */
export function diagnosticSearch(target: DiagnosticTarget, mapIndicator: string | null): string {
	const q = new URLSearchParams({ territoire: formatTarget(target) });
	if (mapIndicator) q.set('ind', mapIndicator);
	return q.toString();
}
