/**
 * Territory search for pickers: which candidates match a typed text, in which order, and the
 * level label shown next to each. The planner's own territories (imported sectors, custom
 * territories) come before administrative homonyms: typing « Vienne » with a sector set loaded
 * means the sector « Vienne », not the commune of the Isère.
 */
import type { MapLevel, TerritoryKind } from '../territories/level';

export interface TerritoryCandidate {
	key: string; // unique: level:code or set:kind:code
	level: MapLevel;
	code: string;
	name: string;
	detail: string; // French, what the level label leaves out: '69', 'jeu « Rhône 2024 »'
	setId?: string;
	kind?: TerritoryKind;
}

/** The level, in French, as a suggestion's label says it. */
export function levelLabel(c: Pick<TerritoryCandidate, 'level' | 'kind'>): string {
	switch (c.level) {
		case 'sector':
			return c.kind === 'I' ? 'Secteur infanto-juvénile' : 'Secteur adultes';
		case 'custom':
			return 'Territoire personnalisé';
		case 'region':
			return 'Région';
		case 'departement':
			return 'Département';
		case 'epci':
			return 'EPCI';
		case 'commune':
			return 'Commune';
	}
}

/** Case- and accent-insensitive form; hyphens and apostrophes as spaces ("Saint-Étienne" ~ "saint etienne"). */
export function fold(s: string): string {
	return s
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[-'’\s]+/g, ' ')
		.trim();
}

const LEVEL_ORDER: Record<MapLevel, number> = { sector: 0, custom: 0, region: 1, departement: 2, epci: 3, commune: 4 };
const OWN = new Set<MapLevel>(['sector', 'custom']);

/**
 * Match tier, lower is better; -1 when no match. Own territories whose name matches at a word
 * start come first (0), then exact names or codes (1), name prefixes (2), word starts (3), any
 * substring (4), code prefixes (5).
 */
function tier(level: MapLevel, name: string, code: string, q: string): number {
	const exact = name === q || code === q;
	const prefix = name.startsWith(q);
	const word = !prefix && name.includes(` ${q}`);
	if (OWN.has(level) && (exact || prefix || word)) return 0;
	if (exact) return 1;
	if (prefix) return 2;
	if (word) return 3;
	if (name.includes(q)) return 4;
	if (code.startsWith(q)) return 5;
	return -1;
}

export interface FoldedCandidate<C extends TerritoryCandidate = TerritoryCandidate> {
	c: C;
	name: string;
	code: string;
}

/** Folds once per candidate list (35 000 communes), not at every key stroke. */
export function foldCandidates<C extends TerritoryCandidate>(candidates: C[]): FoldedCandidate<C>[] {
	return candidates.map((c) => ({ c, name: fold(c.name), code: c.code.toLowerCase() }));
}

/** The best `limit` candidates for `text`, `exclude` keys left out; order as described above, then level, then name. */
export function rankTerritories<C extends TerritoryCandidate>(folded: FoldedCandidate<C>[], text: string, exclude: Set<string> = new Set(), limit = 12): C[] {
	const q = fold(text);
	if (!q) return [];
	const hits: { c: C; t: number }[] = [];
	for (const f of folded) {
		if (exclude.has(f.c.key)) continue;
		const t = tier(f.c.level, f.name, f.code, q);
		if (t >= 0) hits.push({ c: f.c, t });
	}
	hits.sort((a, b) => a.t - b.t || LEVEL_ORDER[a.c.level] - LEVEL_ORDER[b.c.level] || a.c.name.localeCompare(b.c.name, 'fr'));
	return hits.slice(0, limit).map((h) => h.c);
}
