/**
 * The last address (query string) of each page, kept in localStorage so the workspace file can
 * carry "where the user was" on every page. Pure apart from the injected Storage.
 */
export const VIEWS_KEY = 'atlas-ptsm-views';
/** A route: '/', '/diagnostic'… (no parameters, no traversal). */
export const ROUTE_RE = /^\/[a-z0-9-]{0,40}$/;
export const MAX_SEARCH = 4000;
export const MAX_VIEWS = 50;

export type Views = Record<string, string>;

/** A clean copy of a views object (null-prototype, only well-formed routes), or a reason. */
export function checkViews(v: unknown): { ok: true; value: Views } | { ok: false; error: string } {
	if (typeof v !== 'object' || v === null || Array.isArray(v)) return { ok: false, error: 'les vues ne sont pas un objet' };
	const keys = Object.keys(v);
	if (keys.length > MAX_VIEWS) return { ok: false, error: `trop de vues (${keys.length}, ${MAX_VIEWS} au plus)` };
	const out: Views = Object.create(null);
	for (const k of keys) {
		const s = (v as Record<string, unknown>)[k];
		if (!ROUTE_RE.test(k)) return { ok: false, error: `page inconnue ${JSON.stringify(k.slice(0, 40))}` };
		if (typeof s !== 'string' || s.length > MAX_SEARCH || (s !== '' && !s.startsWith('?'))) return { ok: false, error: `adresse invalide pour la page ${k}` };
		out[k] = s;
	}
	return { ok: true, value: out };
}

export function readViews(storage: Storage | undefined = globalThis.localStorage): Views {
	try {
		const raw = storage?.getItem(VIEWS_KEY);
		if (!raw) return Object.create(null);
		const c = checkViews(JSON.parse(raw));
		return c.ok ? c.value : Object.create(null);
	} catch {
		return Object.create(null);
	}
}

export function writeViews(views: Views, storage: Storage | undefined = globalThis.localStorage): void {
	storage?.setItem(VIEWS_KEY, JSON.stringify(views));
}

/**
 * Records a page's address; never throws (a full storage only loses this hint). A bare address
 * (no query string) is the page's default view, which every page opens by itself: it is not a
 * view the user made, so it never replaces the last one (still offered on /espace to reopen).
 * Pages never reopen a recorded view on their own: only a link does.
 */
export function recordView(pathname: string, search: string, storage: Storage | undefined = globalThis.localStorage): void {
	if (!ROUTE_RE.test(pathname) || pathname === '/espace' || search.length > MAX_SEARCH) return;
	if (search === '' || search === '?') return;
	try {
		const v = readViews(storage);
		if (v[pathname] === search) return;
		v[pathname] = search;
		writeViews(v, storage);
	} catch {
		/* quota: the view is only a convenience */
	}
}
