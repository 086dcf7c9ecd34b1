/**
 * COG 2026 (@etalab/decoupage-administratif 6.0.0): current communes, the alias table that maps
 * any older or sub-municipal code to a current commune, départements, régions and EPCI.
 * Scope is metropole + DROM, plus Saint-Barthélemy and Saint-Martin attached to Guadeloupe (971, région
 * 01) for planning: the SAE files their hospital under Guadeloupe and ARS Guadeloupe plans for them.
 * The other COM (zone 'com') are counted and left out everywhere.
 */
import type { CommuneAliasRow, CommuneRow, DepartementRow, EpciRow, ParseResult, RegionRow } from '../schema.ts';
import { normCommune, qualityBuilder, stripBom } from './common.ts';

export interface CogInput {
	communes: string;
	departements: string;
	regions: string;
	epci: string;
}

export interface CogResult {
	communes: ParseResult<CommuneRow>;
	aliases: ParseResult<CommuneAliasRow>;
	departements: DepartementRow[];
	regions: RegionRow[];
	epci: EpciRow[];
}

interface RawCommune {
	code?: string;
	nom?: string;
	type?: string;
	zone?: string;
	departement?: string;
	region?: string;
	population?: number;
	commune?: string; // parent of an arrondissement municipal
	chefLieu?: string; // parent of a commune déléguée / associée in this package
	anciensCodes?: string[];
}

interface RawEpci {
	code?: string;
	nom?: string;
	type?: string;
	membres?: { code?: string }[];
}

interface RawZoned {
	code?: string;
	nom?: string;
	region?: string;
	zone?: string;
}

const SOURCE = 'cog';

/**
 * Collectivités d'outre-mer kept as communes of Guadeloupe for planning (ARS Guadeloupe covers them;
 * the SAE files CH Louis Constant Fleming, Saint-Martin, under Guadeloupe). Single-commune
 * collectivities: no EPCI.
 */
export const ATTACHED_COM: Readonly<Record<string, { dep: string; reg: string; cogDep: string }>> = {
	'97701': { dep: '971', reg: '01', cogDep: '977' },
	'97801': { dep: '971', reg: '01', cogDep: '978' }
};
const COM_REASON = 'COM (hors champ)';

function parseArray<T>(text: string, what: string): T[] {
	const data: unknown = JSON.parse(stripBom(text));
	if (!Array.isArray(data)) throw new Error(`COG : ${what} n’est pas un tableau JSON.`);
	return data as T[];
}

const fmt = (n: number) => n.toLocaleString('en-US');

export function parseCog(input: CogInput): CogResult {
	const raw = parseArray<RawCommune>(input.communes, 'communes.json');
	const rawEpci = parseArray<RawEpci>(input.epci, 'epci.json');
	const rawDeps = parseArray<RawZoned>(input.departements, 'departements.json');
	const rawRegs = parseArray<RawZoned>(input.regions, 'regions.json');

	// EPCI membership: first EPCI wins if a commune were listed twice (it is not in 2026).
	const epciOf = new Map<string, string>();
	let doubleMembership = 0;
	const epci: EpciRow[] = [];
	for (const e of rawEpci) {
		if (!e.code) continue;
		epci.push({ code: e.code, name: e.nom ?? e.code, type: e.type ?? null });
		for (const m of e.membres ?? []) {
			if (!m.code) continue;
			if (epciOf.has(m.code)) doubleMembership++;
			else epciOf.set(m.code, e.code);
		}
	}

	// --- current communes ---
	const q = qualityBuilder(SOURCE, 'communes.json');
	const communes: CommuneRow[] = [];
	const current = new Set<string>();
	const comCodes = new Set<string>();
	let popAll = 0;
	let others = 0;
	let noEpci = 0;
	const attachedNames: string[] = [];
	for (const c of raw) {
		if (c.type !== 'commune-actuelle') {
			others++;
			continue;
		}
		q.read();
		popAll += c.population ?? 0;
		const code = normCommune(c.code);
		if (!code) {
			q.reject('malformed code', String(c.code));
			continue;
		}
		const attached = ATTACHED_COM[code];
		if (c.zone === 'com' && !attached) {
			comCodes.add(code);
			q.reject(COM_REASON, code);
			continue;
		}
		if (current.has(code)) {
			q.reject('duplicate code', code);
			continue;
		}
		if (typeof c.population !== 'number' || !Number.isFinite(c.population)) {
			q.reject('missing population', code);
			continue;
		}
		if (attached) {
			c.departement = attached.dep;
			c.region = attached.reg;
			attachedNames.push(`${c.nom ?? code} (${code})`);
		}
		if (!c.departement || !c.region) {
			q.reject('missing département or région', code);
			continue;
		}
		current.add(code);
		const e = epciOf.get(code) ?? null;
		if (!e) noEpci++;
		communes.push({
			code,
			name: c.nom ?? code,
			dep: c.departement,
			reg: c.region,
			epci: e,
			population: c.population,
			lon: null,
			lat: null,
			has_geom: false
		});
		q.keep();
	}
	const popKept = communes.reduce((s, c) => s + c.population, 0);
	q.note(`Population municipale: ${fmt(popKept)} in metropole + DROM + Saint-Barthélemy and Saint-Martin (${fmt(popAll)} over every commune-actuelle including the COM).`);
	q.note(`${fmt(others)} other entries (communes déléguées/associées, arrondissements municipaux) feed the alias table only.`);
	q.note(`${noEpci} communes belong to no EPCI.`);
	if (attachedNames.length) q.note(`${attachedNames.join(', ')}: COM attached to Guadeloupe (971, région 01) for planning, as in the SAE.`);
	if (doubleMembership) q.note(`${doubleMembership} communes listed in two EPCI: the first one was kept.`);

	const aliases = buildAliases(raw, current, comCodes);

	const departements: DepartementRow[] = rawDeps
		.filter((d) => d.zone !== 'com' && d.code)
		.map((d) => ({ code: d.code!, name: d.nom ?? d.code!, reg: d.region ?? '' }));
	const regions: RegionRow[] = rawRegs.filter((r) => r.zone !== 'com' && r.code).map((r) => ({ code: r.code!, name: r.nom ?? r.code! }));

	return { communes: { rows: communes, quality: q.build() }, aliases, departements, regions, epci };
}

interface Candidate {
	alias: string;
	target: string;
	kind: CommuneAliasRow['kind'];
}

/**
 * Candidates in priority order: identity rows, arrondissements, déléguées/associées (their current
 * status), then former codes (history). The first candidate for an alias wins, so a current code
 * always maps to itself and the present-day attachment beats an older merge listed in anciensCodes.
 */
function buildAliases(raw: RawCommune[], current: Set<string>, comCodes: Set<string>): ParseResult<CommuneAliasRow> {
	const q = qualityBuilder(SOURCE, 'communes.json (aliases)');
	const cands: Candidate[] = [];
	for (const code of current) cands.push({ alias: code, target: code, kind: 'actuelle' });
	for (const c of raw) {
		if (c.type !== 'arrondissement-municipal' || !c.code) continue;
		cands.push({ alias: c.code, target: c.commune ?? '', kind: 'arrondissement' });
	}
	for (const c of raw) {
		if ((c.type !== 'commune-deleguee' && c.type !== 'commune-associee') || !c.code) continue;
		cands.push({ alias: c.code, target: c.chefLieu ?? c.commune ?? '', kind: c.type === 'commune-deleguee' ? 'deleguee' : 'associee' });
	}
	for (const c of raw) {
		if (!c.code || !c.anciensCodes?.length) continue;
		// A former code listed under a delegated commune or an arrondissement points to its parent.
		const target = c.type === 'commune-actuelle' ? c.code : (c.commune ?? c.chefLieu ?? '');
		for (const a of c.anciensCodes) cands.push({ alias: a, target, kind: 'ancien' });
	}

	const chosen = new Map<string, Candidate>();
	for (const cand of cands) {
		q.read();
		const alias = normCommune(cand.alias);
		if (!alias) {
			q.reject('malformed alias code', cand.alias);
			continue;
		}
		const prev = chosen.get(alias);
		if (prev) {
			if (prev.target === cand.target) q.reject('duplicate of an existing alias (same commune)', alias);
			else if (prev.kind === 'actuelle') q.reject('alias is a current code (kept as itself)', `${alias}→${cand.target}`);
			else q.reject('alias points to two communes (first kept)', `${alias}→${cand.target} (kept ${prev.target})`);
			continue;
		}
		chosen.set(alias, { ...cand, alias });
	}

	// Chain resolution: a target that is itself an alias (e.g. a former code of a delegated commune) is followed.
	const rows: CommuneAliasRow[] = [];
	for (const cand of chosen.values()) {
		let target = normCommune(cand.target);
		const seen = new Set<string>();
		while (target && !current.has(target) && !comCodes.has(target) && !seen.has(target)) {
			seen.add(target);
			const next = chosen.get(target);
			target = next ? normCommune(next.target) : null;
		}
		if (target && comCodes.has(target)) {
			q.reject(COM_REASON, cand.alias);
			continue;
		}
		if (!target || !current.has(target)) {
			q.reject('target is not a current commune', `${cand.alias}→${cand.target}`);
			continue;
		}
		rows.push({ alias: cand.alias, code: target, kind: cand.kind });
		q.keep();
	}
	rows.sort((a, b) => (a.alias < b.alias ? -1 : a.alias > b.alias ? 1 : 0));
	return { rows, quality: q.build() };
}

export function buildAliasMap(rows: readonly CommuneAliasRow[]): Map<string, string> {
	const map = new Map<string, string>();
	for (const r of rows) if (!map.has(r.alias)) map.set(r.alias, r.code);
	return map;
}

/** Current COG 2026 code for any code seen in a source (4-digit, '9A101' SAE style accepted), or null. */
export function resolveCommune(map: ReadonlyMap<string, string>, code: string | number | null | undefined): string | null {
	const norm = normCommune(code);
	return norm ? (map.get(norm) ?? null) : null;
}
