/**
 * What checking an own-indicator file needs from the artefacts: current communes, their former
 * codes (commune_aliases), EPCI, départements and régions, with names for the report.
 */
import type { QueryPort } from './port';

/** Codes a file's rows are checked against (own-indicators/parse.ts). */
export interface OwnCodeContext {
	/** Current COG communes. */
	communes: ReadonlySet<string>;
	/** Any code seen in a source → current code (commune_aliases). */
	aliases: ReadonlyMap<string, string>;
	epci: ReadonlySet<string>;
	departements: ReadonlySet<string>;
	regions: ReadonlySet<string>;
	/** Sector codes of the chosen set (level 'sector'). */
	sectors?: ReadonlySet<string>;
	/** Names by `<level>:<code>`, for the report only. */
	names?: ReadonlyMap<string, string>;
}

export async function ownCodeContext(port: QueryPort): Promise<OwnCodeContext> {
	const [com, al, epci, dep, reg] = await Promise.all([
		port.query<{ code: string; name: string }>('SELECT code, name FROM communes'),
		port.query<{ alias: string; code: string }>('SELECT alias, code FROM commune_aliases'),
		port.query<{ code: string; name: string }>('SELECT code, name FROM epci'),
		port.query<{ code: string; name: string }>('SELECT code, name FROM departements'),
		port.query<{ code: string; name: string }>('SELECT code, name FROM regions')
	]);
	const names = new Map<string, string>();
	const set = (rows: { code: string; name: string }[], prefix: string) => {
		for (const r of rows) names.set(`${prefix}:${r.code}`, r.name);
		return new Set(rows.map((r) => String(r.code)));
	};
	return {
		communes: set(com, 'commune'),
		aliases: new Map(al.map((a) => [String(a.alias), String(a.code)])),
		epci: set(epci, 'epci'),
		departements: set(dep, 'departement'),
		regions: set(reg, 'region'),
		names
	};
}
