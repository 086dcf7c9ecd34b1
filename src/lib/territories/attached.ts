/**
 * Saint-Barthélemy (97701) and Saint-Martin (97801) are communes of Guadeloupe in the app (pipeline:
 * data/parsers/cog.ts ATTACHED_COM), as ARS Guadeloupe plans for them and the SAE files their
 * hospital there. Territories that include them say so.
 */
export const ATTACHED_NOTE =
	'Guadeloupe : y compris Saint-Martin et Saint-Barthélemy, collectivités d’outre-mer rattachées pour la planification (ARS Guadeloupe ; la SAE y classe le CH Louis Constant Fleming de Saint-Martin). Populations par âge : estimations INSEE de la Guadeloupe, plus la population légale des deux collectivités avec la structure par âge de la Guadeloupe.';

/** The note for a territory that contains them (Guadeloupe, its région, the two communes), else null. */
export function attachedNote(level: string, code: string): string | null {
	if ((level === 'departement' && code === '971') || (level === 'region' && code === '01')) return ATTACHED_NOTE;
	if (level === 'commune' && (code === '97701' || code === '97801')) return ATTACHED_NOTE;
	return null;
}
