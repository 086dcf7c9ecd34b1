/** How the 0–15 / 16+ cut is made (data/parsers/insee-pop.ts), said of the group the denominator counts. */
export const popNote = (who: string) =>
	`Estimations INSEE au 1er janvier ; la coupure à 16 ans n’est pas publiée : les ${who} sont estimés (2022 : 0–14 ans + un cinquième des 15–19 ans ; 2023 : part des 0–15 ans dans les 0–19 ans de 2022, appliquée aux 0–19 ans de 2023, par département).`;

/** How a population by age is had below the département, where INSEE publishes none. */
export const AGE_ESTIMATE =
	'Aux niveaux commune, EPCI, secteur et territoire personnalisé, la population par âge est estimée : population légale de la commune × part de la tranche d’âge dans son département (estimations INSEE au 1er janvier).';
