/** Header matching of a sector table: exact synonyms first, then keyword rules. */
import type { ColumnKey } from './types';

export function normaliseHeader(s: string): string {
	return s
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}
const EXACT: Record<ColumnKey, string[]> = {
	commune: [
		'code commune', 'code insee', 'insee', 'codgeo', 'com', 'code com', 'code commune insee', 'code insee commune',
		'code insee de la commune', 'code de la commune', 'depcom', 'cog', 'code cog', 'code geo', 'code geographique',
		'codecommune', 'codeinsee', 'commune code', 'insee code', 'municipality code', 'num insee', 'n insee'
	],
	sector: [
		'secteur', 'code secteur', 'sector', 'sector code', 'code sector', 'codesecteur', 'secteur psychiatrique',
		'code secteur psychiatrique', 'secteur de psychiatrie', 'num secteur', 'numero secteur', 'numero de secteur',
		'n secteur', 'id secteur', 'identifiant secteur'
	],
	type: ['type', 'type secteur', 'type de secteur', 'sector type', 'typesecteur', 'type sector', 'categorie secteur', 'nature secteur'],
	name: [
		'nom', 'libelle secteur', 'libelle', 'nom secteur', 'nom du secteur', 'libelle du secteur', 'nom de secteur',
		'sector name', 'name', 'intitule', 'intitule secteur', 'denomination', 'label'
	],
	finess: [
		'finess', 'finess etablissement', 'finess de l etablissement', 'n finess', 'numero finess', 'no finess', 'finess et',
		'finess geographique', 'finess etab', 'finess gestionnaire', 'finess ej', 'finess juridique', 'code finess'
	]
};

const EXACT_LOOKUP: Map<string, ColumnKey> = (() => {
	const m = new Map<string, ColumnKey>();
	for (const [k, list] of Object.entries(EXACT) as [ColumnKey, string[]][]) for (const s of list) m.set(s, k);
	return m;
})();

/** Column key for one header and a score (3 exact synonym, 2 keyword rule, 1 weak), or null. */
export function matchHeader(header: string): { key: ColumnKey; score: number } | null {
	const n = normaliseHeader(header);
	if (!n) return null;
	const exact = EXACT_LOOKUP.get(n);
	if (exact) return { key: exact, score: 3 };
	const t = new Set(n.split(' '));
	const has = (...w: string[]) => w.some((x) => t.has(x));
	if (has('finess')) return { key: 'finess', score: 2 };
	const sectorWord = has('secteur', 'secteurs', 'sector', 'sectors') || n.includes('secteur');
	const nameWord = has('nom', 'libelle', 'intitule', 'name', 'label', 'denomination');
	if (!sectorWord && (has('commune', 'communes', 'com') || n.includes('commune')) && nameWord) return null; // commune name: informative only
	if (has('type', 'typologie')) return { key: 'type', score: 2 };
	if (sectorWord && nameWord) return { key: 'name', score: 2 };
	if (sectorWord) return { key: 'sector', score: 2 };
	if (has('insee', 'codgeo', 'depcom', 'cog') || (has('code', 'cod', 'num', 'numero') && (has('commune', 'com') || n.includes('commune')))) {
		return { key: 'commune', score: 2 };
	}
	if (n === 'commune' || n === 'communes' || n === 'municipality') return { key: 'commune', score: 1 };
	return null;
}

export interface HeaderMap {
	index: Partial<Record<ColumnKey, number>>;
	ignored: string[];
}

export function mapHeaders(headers: string[]): HeaderMap {
	const best: Partial<Record<ColumnKey, { i: number; score: number }>> = {};
	headers.forEach((h, i) => {
		const m = matchHeader(h);
		if (!m) return;
		const cur = best[m.key];
		if (!cur || m.score > cur.score) best[m.key] = { i, score: m.score };
	});
	const index: HeaderMap['index'] = {};
	for (const [k, v] of Object.entries(best) as [ColumnKey, { i: number }][]) index[k] = v.i;
	const used = new Set(Object.values(index));
	const ignored = headers.filter((h, i) => !used.has(i) && h.trim() !== '').map((h) => h.trim());
	return { index, ignored };
}

