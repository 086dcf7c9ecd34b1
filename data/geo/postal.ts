/**
 * Commune from a postal address (postal code + city as FINESS writes it: upper case, no accents,
 * 'ST' for Saint, ' CEDEX 9' suffixes). Built from the COG file of @etalab/decoupage-administratif,
 * whose current communes carry `codesPostaux`; names of communes déléguées / associées / anciennes
 * are matched too and resolved to their COG 2026 commune through the alias table.
 */
import { resolveCommune } from '../parsers/cog.ts';

interface RawCommune {
	code?: string;
	nom?: string;
	type?: string;
	departement?: string;
	codesPostaux?: string[];
	chefLieu?: string;
}

export interface PostalIndex {
	/** postal code → current commune codes served by it. */
	byPostal: Map<string, string[]>;
	/** dep|normalised name → current commune codes (several when homonyms). */
	byName: Map<string, string[]>;
	/** commune code → its département. */
	depOf: Map<string, string>;
}

/** 'SAINT-ÉTIENNE-DU-ROUVRAY' and 'ST ETIENNE DU ROUVRAY CEDEX 2' → 'SAINT ETIENNE DU ROUVRAY'. */
export function cityKey(city: string): string {
	return city
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toUpperCase()
		.replace(/\bCEDEX\b.*$/, '')
		.replace(/[^A-Z0-9]+/g, ' ')
		.replace(/\bSTE\b/g, 'SAINTE')
		.replace(/\bST\b/g, 'SAINT')
		.replace(/\b(\d+)(E|EME|ER)? ARRONDISSEMENT\b/g, '')
		.trim();
}

const push = (m: Map<string, string[]>, k: string, v: string) => {
	const list = m.get(k);
	if (!list) m.set(k, [v]);
	else if (!list.includes(v)) list.push(v);
};

export function buildPostalIndex(communesJson: string, aliases: ReadonlyMap<string, string>): PostalIndex {
	const raw = JSON.parse(communesJson) as RawCommune[];
	const idx: PostalIndex = { byPostal: new Map(), byName: new Map(), depOf: new Map() };
	for (const c of raw) {
		if (!c.code || !c.nom) continue;
		const current = c.type === 'commune-actuelle' ? c.code : resolveCommune(aliases, c.code) ?? (c.chefLieu ? resolveCommune(aliases, c.chefLieu) : null);
		if (!current) continue;
		if (c.type === 'commune-actuelle' && c.departement) idx.depOf.set(current, c.departement);
		for (const cp of c.codesPostaux ?? []) push(idx.byPostal, cp, current);
	}
	for (const c of raw) {
		if (!c.code || !c.nom) continue;
		const current = c.type === 'commune-actuelle' ? c.code : resolveCommune(aliases, c.code) ?? (c.chefLieu ? resolveCommune(aliases, c.chefLieu) : null);
		const dep = current ? idx.depOf.get(current) : undefined;
		if (current && dep) push(idx.byName, `${dep}|${cityKey(c.nom)}`, current);
	}
	return idx;
}

/**
 * Commune of an address in département `dep`: the commune of that name among those of the postal
 * code; else the only commune of that name in the département; else the only commune of a
 * (non-CEDEX) postal code. Null when none or ambiguous.
 */
export function communeFromAddress(idx: PostalIndex, dep: string, postal: string | null, city: string | null): string | null {
	const key = city ? cityKey(city) : '';
	const named = key ? (idx.byName.get(`${dep}|${key}`) ?? []) : [];
	const byCp = postal ? (idx.byPostal.get(postal) ?? []) : [];
	const both = named.filter((c) => byCp.includes(c));
	if (both.length === 1) return both[0]!;
	if (named.length === 1) return named[0]!;
	const inDep = byCp.filter((c) => idx.depOf.get(c) === dep);
	if (inDep.length === 1 && !(city && /\bCEDEX\b/i.test(city))) return inDep[0]!;
	return null;
}
