/**
 * Types of the local resources a planner adds (FINESS does not hold them). Pure data.
 */
export const LOCAL_KINDS = ['gem', 'clsm', 'mda', 'equipe_mobile', 'association', 'autre_local'] as const;
export type LocalKind = (typeof LOCAL_KINDS)[number];

export const LOCAL_KIND_LABELS_FR: Readonly<Record<LocalKind, string>> = {
	gem: 'GEM',
	clsm: 'CLSM',
	mda: 'Maison des adolescents',
	equipe_mobile: 'Équipe mobile',
	association: 'Association',
	autre_local: 'Autre ressource'
};

export const LOCAL_KIND_LONG_FR: Readonly<Record<LocalKind, string>> = {
	gem: 'Groupe d’entraide mutuelle (GEM)',
	clsm: 'Conseil local de santé mentale (CLSM)',
	mda: 'Maison des adolescents (MDA)',
	equipe_mobile: 'Équipe mobile (psychiatrie, précarité, personnes âgées…)',
	association: 'Association (usagers, familles, entraide…)',
	autre_local: 'Autre ressource locale'
};

/** The label every local resource carries, in the table, the map and the exports. */
export const LOCAL_LABEL = 'ressource ajoutée localement';
export const LOCAL_FAMILY_LABEL_FR = 'Ressources ajoutées localement';

/** Normalised words of the file's « type » column → kind (normaliseHeader form). */
export const LOCAL_KIND_WORDS: Readonly<Record<string, LocalKind>> = {
	gem: 'gem',
	'groupe d entraide mutuelle': 'gem',
	'groupe d entraide': 'gem',
	clsm: 'clsm',
	'conseil local de sante mentale': 'clsm',
	mda: 'mda',
	'maison des adolescents': 'mda',
	'maison des ados': 'mda',
	'maison de l adolescent': 'mda',
	'equipe mobile': 'equipe_mobile',
	'equipe mobile psychiatrie precarite': 'equipe_mobile',
	emp: 'equipe_mobile',
	empp: 'equipe_mobile',
	association: 'association',
	asso: 'association',
	autre: 'autre_local',
	'autre ressource': 'autre_local'
};
