/**
 * Paris, Lyon and Marseille are one commune each in the COG, but sector files (and the SAE ARMT,
 * SIRENE addresses) are written by arrondissement municipal. These COG 2026 facts are fixed: the
 * arrondissement codes of each city are a contiguous range. Shared by the pipeline and the app.
 */

export interface PlmCity {
	name: string;
	first: number; // first arrondissement code
	count: number; // number of arrondissements
}

export const PLM_CITIES: Readonly<Record<string, PlmCity>> = {
	'75056': { name: 'Paris', first: 75101, count: 20 },
	'69123': { name: 'Lyon', first: 69381, count: 9 },
	'13055': { name: 'Marseille', first: 13201, count: 16 }
};

/** The city (75056, 69123, 13055) of an arrondissement municipal code, else null. */
export function cityOfArrondissement(code: string): string | null {
	if (!/^\d{5}$/.test(code)) return null;
	const n = Number(code);
	for (const [city, c] of Object.entries(PLM_CITIES)) if (n >= c.first && n < c.first + c.count) return city;
	return null;
}

/** Every arrondissement code of a city, in order ([] for any other commune). */
export function arrondissementsOf(city: string): string[] {
	const c = PLM_CITIES[city];
	return c ? Array.from({ length: c.count }, (_, i) => String(c.first + i)) : [];
}

/**
 * Members of one territory as units: a city listed whole absorbs its arrondissements listed too,
 * and a city whose every arrondissement is listed becomes the whole city (so city-only figures
 * apply to it). Returns [commune, arrondissement | null] pairs, de-duplicated, in input order.
 */
export function memberUnits(codes: readonly string[]): [string, string | null][] {
	const whole = new Set(codes.filter((c) => PLM_CITIES[c]));
	const parts = new Map<string, Set<string>>();
	for (const c of codes) {
		const city = cityOfArrondissement(c);
		if (city && !whole.has(city)) (parts.get(city) ?? parts.set(city, new Set()).get(city)!).add(c);
	}
	for (const [city, set] of parts) if (set.size === PLM_CITIES[city]!.count) whole.add(city);
	const out: [string, string | null][] = [];
	const seen = new Set<string>();
	for (const c of codes) {
		const city = cityOfArrondissement(c);
		const pair: [string, string | null] = city ? (whole.has(city) ? [city, null] : [city, c]) : [c, null];
		const key = `${pair[0]}|${pair[1] ?? ''}`;
		if (seen.has(key)) continue;
		seen.add(key);
		out.push(pair);
	}
	return out;
}

/**
 * Cities of which `codes` (communes and arrondissements, e.g. a territory's members as units)
 * hold some arrondissements but not the city itself: figures known only for the whole city
 * (a local resource placed in « Paris ») cannot be said to be in that territory.
 */
export function partialCities(codes: Iterable<string>): string[] {
	const all = new Set(codes);
	const out: string[] = [];
	for (const city of Object.keys(PLM_CITIES)) if (!all.has(city) && arrondissementsOf(city).some((a) => all.has(a))) out.push(city);
	return out;
}
