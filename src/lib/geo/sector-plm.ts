/**
 * Sector files of Paris, Lyon and Marseille are written by arrondissement municipal. When the
 * import context knows the arrondissements (as rows of `communes`, see `withArrondissements`),
 * each arrondissement is its own unit of membership; these helpers keep the city and its
 * arrondissements consistent (no double membership, coverage counted once).
 */
import { PLM_CITIES, arrondissementsOf, cityOfArrondissement } from './plm';

interface Info {
	dep: string;
	name: string;
	population: number;
}

/** The import context's communes plus the arrondissements (code, name, population from the `arrondissements` table). */
export function withArrondissements<T extends Info>(communes: Map<string, T>, arrondissements: readonly ({ code: string } & T)[]): Map<string, T> {
	for (const a of arrondissements) if (cityOfArrondissement(a.code) && !communes.has(a.code)) communes.set(a.code, a);
	return communes;
}

export interface PlmOverlap {
	city: string;
	type: string;
	citySector: string; // sector of the whole-city rows
	arrondissements: string[]; // listed in their own sectors
	filled: string[]; // the others, given to the whole-city sector
}

/**
 * A city listed whole (75056) and by arrondissement for the same type: the arrondissement rows
 * are kept, and the whole-city sector gets the arrondissements no row names. `chosen` maps
 * `${unit}|${type}` → sector key and is edited in place; only when the context knows the
 * arrondissements (else the city stays one unit, as before).
 */
export function resolveCityOverlaps(chosen: Map<string, string>, known: (code: string) => boolean): PlmOverlap[] {
	const out: PlmOverlap[] = [];
	for (const city of Object.keys(PLM_CITIES)) {
		const arms = arrondissementsOf(city);
		if (!arms.every(known)) continue;
		for (const type of ['G', 'I']) {
			const whole = chosen.get(`${city}|${type}`);
			if (whole === undefined) continue;
			const listed = arms.filter((a) => chosen.has(`${a}|${type}`));
			if (!listed.length) continue;
			if (listed.every((a) => chosen.get(`${a}|${type}`) === whole)) {
				// Same sector: the whole city already holds them (counted once).
				for (const a of listed) chosen.delete(`${a}|${type}`);
				continue;
			}
			const filled = arms.filter((a) => !chosen.has(`${a}|${type}`));
			chosen.delete(`${city}|${type}`);
			for (const a of filled) chosen.set(`${a}|${type}`, whole);
			out.push({ city, type, citySector: whole, arrondissements: listed, filled });
		}
	}
	return out;
}

/**
 * Whether a unit of the context counts as covered by `assigned` (codes of one type): a city is
 * covered when it or all its arrondissements are; an arrondissement when it or its city is.
 * `listable` says whether an uncovered unit is listed as such: a city with some arrondissements
 * assigned lists its missing arrondissements instead; an arrondissement is listed only then.
 */
export function coverage(code: string, assigned: ReadonlySet<string>, known: (code: string) => boolean): { covered: boolean; listable: boolean } {
	const city = cityOfArrondissement(code);
	if (city) {
		if (assigned.has(code) || assigned.has(city)) return { covered: true, listable: false };
		const some = arrondissementsOf(city).some((a) => assigned.has(a));
		return { covered: false, listable: some };
	}
	if (assigned.has(code)) return { covered: true, listable: false };
	const arms = arrondissementsOf(code);
	if (arms.length && arms.every(known)) {
		const n = arms.filter((a) => assigned.has(a)).length;
		if (n === arms.length) return { covered: true, listable: false };
		if (n > 0) return { covered: false, listable: false };
	}
	return { covered: false, listable: true };
}
