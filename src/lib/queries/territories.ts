/** Lists and names of administrative territories, for choosers and titles. */
import type { QueryPort } from './port';

export interface NamedTerritory {
	code: string;
	name: string;
}
export interface Departement extends NamedTerritory {
	reg: string;
}

/** Départements ordered by code, with their région. */
export async function departements(port: QueryPort): Promise<Departement[]> {
	const rows = await port.query<Departement>('SELECT code, name, CAST(reg AS VARCHAR) AS reg FROM departements ORDER BY code');
	return rows.map((r) => ({ code: String(r.code), name: r.name, reg: String(r.reg) }));
}

const FRENCH = new Intl.Collator('fr');

/** Régions in French alphabetical order (SQL's byte order would put Île-de-France last). */
export async function regions(port: QueryPort): Promise<NamedTerritory[]> {
	const rows = await port.query<NamedTerritory>('SELECT code, name FROM regions');
	return rows.map((r) => ({ code: String(r.code), name: r.name })).sort((a, b) => FRENCH.compare(a.name, b.name));
}

/** The name of a département or région, or null. */
export async function territoryName(port: QueryPort, level: 'departement' | 'region', code: string): Promise<string | null> {
	const table = level === 'departement' ? 'departements' : 'regions';
	const [r] = await port.query<{ name: string }>(`SELECT name FROM ${table} WHERE code = $1`, [code]);
	return r?.name ?? null;
}

export interface Arrondissement extends NamedTerritory {
	dep: string;
	commune: string;
	population: number | null;
}

/** Arrondissements municipaux of Paris, Lyon and Marseille (artefact `arrondissements`; [] when absent). */
export async function arrondissements(port: QueryPort): Promise<Arrondissement[]> {
	const rows = await port.query<Arrondissement>(
		'SELECT code, name, CAST(dep AS VARCHAR) AS dep, CAST(commune AS VARCHAR) AS commune, population FROM arrondissements ORDER BY code'
	);
	return rows.map((r) => ({ code: String(r.code), name: r.name, dep: String(r.dep), commune: String(r.commune), population: r.population === null ? null : Number(r.population) }));
}
