/**
 * The directory's filters in the link: `?q=<text>&types=<kinds or families>&territoire=<territory>`,
 * and the territory's resolution to communes or départements. Parsing never fails: an unknown
 * part is dropped with a French notice. Territory forms: `region:84`, `departement:69`,
 * `epci:200046977`, `commune:69123`, `sector:<set id>:<G|I>` (the whole set) or
 * `sector:<set id>:<G|I>:<sector code>`, `custom` (every custom territory) or `custom:<id>`.
 */
import { DIRECTORY_FAMILIES, DIRECTORY_KINDS, kindsOfFamily, type DirectoryFamily, type DirectoryKind, type TerritoryMatch } from './directory';
import type { SectorType, TerritoryKind } from '../territories/level';

export type TerritoryChoice =
	| { level: 'france' }
	| { level: 'region' | 'departement' | 'epci' | 'commune'; code: string }
	| { level: 'sector'; setId: string; type: SectorType; code: string | null }
	| { level: 'custom'; code: string | null };

export const FRANCE: TerritoryChoice = { level: 'france' };

export interface DirectoryLink {
	q: string;
	kinds: DirectoryKind[];
	territory: TerritoryChoice;
	notices: string[];
}

const enc = encodeURIComponent;
const quote = (s: string) => `« ${s.length > 60 ? `${s.slice(0, 60)}…` : s} »`;
const ADMIN_CODE: Record<'region' | 'departement' | 'epci' | 'commune', RegExp> = {
	region: /^\d{2}$/,
	departement: /^(\d{2}|2[AB]|97\d)$/,
	epci: /^\d{9}$/,
	commune: /^(\d{5}|2[AB]\d{3})$/
};

export function formatTerritory(t: TerritoryChoice): string {
	switch (t.level) {
		case 'france':
			return '';
		case 'sector':
			return `sector:${enc(t.setId)}:${t.type}${t.code === null ? '' : `:${enc(t.code)}`}`;
		case 'custom':
			return t.code === null ? 'custom' : `custom:${enc(t.code)}`;
		default:
			return `${t.level}:${t.code}`;
	}
}

export function parseTerritory(value: string | null): TerritoryChoice | null {
	if (!value) return FRANCE;
	if (value.length > 400) return null;
	let parts: string[];
	try {
		parts = value.split(':').map(decodeURIComponent);
	} catch {
		return null;
	}
	const [level, a, b, c] = parts;
	if ((level === 'region' || level === 'departement' || level === 'epci' || level === 'commune') && parts.length === 2 && ADMIN_CODE[level].test(a!))
		return { level, code: a! };
	if (level === 'custom' && parts.length === 1) return { level, code: null };
	if (level === 'custom' && parts.length === 2 && a) return { level, code: a };
	if (level === 'sector' && (parts.length === 3 || parts.length === 4) && a && (b === 'G' || b === 'I') && (parts.length === 3 || c))
		return { level, setId: a, type: b, code: parts.length === 4 ? c! : null };
	return null;
}

export function parseDirectoryLink(search: string | URLSearchParams): DirectoryLink {
	const p = typeof search === 'string' ? new URLSearchParams(search) : search;
	const notices: string[] = [];
	const q = (p.get('q') ?? '').slice(0, 200);
	const kinds = new Set<DirectoryKind>();
	const unknown: string[] = [];
	for (const t of (p.get('types') ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
		if ((DIRECTORY_KINDS as readonly string[]).includes(t)) kinds.add(t as DirectoryKind);
		else if ((DIRECTORY_FAMILIES as readonly string[]).includes(t)) for (const k of kindsOfFamily(t as DirectoryFamily)) kinds.add(k);
		else unknown.push(t);
	}
	if (unknown.length) notices.push(`Type(s) de ressource inconnu(s) dans le lien, ignoré(s) : ${unknown.slice(0, 5).map(quote).join(', ')}.`);
	const raw = p.get('territoire');
	let territory = parseTerritory(raw);
	if (!territory) {
		notices.push(`Le territoire demandé dans le lien (${quote(raw ?? '')}) n’est pas reconnu : France entière affichée.`);
		territory = FRANCE;
	}
	return { q, kinds: DIRECTORY_KINDS.filter((k) => kinds.has(k)), territory, notices };
}

/** Query string without '?': whole families are written as their family id. */
export function directorySearch(f: { q: string; kinds: readonly DirectoryKind[]; territory: TerritoryChoice }): string {
	const p = new URLSearchParams();
	if (f.q.trim()) p.set('q', f.q);
	const set = new Set(f.kinds);
	if (set.size && set.size < DIRECTORY_KINDS.length) {
		const parts: string[] = [];
		for (const fam of DIRECTORY_FAMILIES) {
			const ks = kindsOfFamily(fam);
			if (ks.every((k) => set.has(k))) parts.push(fam);
			else for (const k of ks) if (set.has(k)) parts.push(k);
		}
		p.set('types', parts.join(','));
	}
	const t = formatTerritory(f.territory);
	if (t) p.set('territoire', t);
	return p.toString();
}

/** What a territory needs from the data to be resolved. */
export interface TerritoryData {
	/** commune code → its EPCI (null when none). */
	communeEpci: ReadonlyMap<string, string | null>;
	/** région → its départements. */
	regionDeps: ReadonlyMap<string, readonly string[]>;
	/** Communes of a sector set or of the custom territories (territory_members), bound query. */
	members: (setId: string, kind: TerritoryKind, territory: string | null) => Promise<string[]>;
}

export const CUSTOM_SET_ID = 'custom';

/** The communes or départements a row must be in; null for France entière. */
export async function resolveTerritory(t: TerritoryChoice, d: TerritoryData): Promise<TerritoryMatch | null> {
	switch (t.level) {
		case 'france':
			return null;
		case 'departement':
			return { deps: new Set([t.code]) };
		case 'region':
			return { deps: new Set(d.regionDeps.get(t.code) ?? []) };
		case 'commune':
			return { communes: new Set([t.code]) };
		case 'epci': {
			const s = new Set<string>();
			for (const [c, e] of d.communeEpci) if (e === t.code) s.add(c);
			return { communes: s };
		}
		case 'sector':
			return { communes: new Set(await d.members(t.setId, t.type, t.code)) };
		case 'custom':
			return { communes: new Set(await d.members(CUSTOM_SET_ID, 'custom', t.code)) };
	}
}
