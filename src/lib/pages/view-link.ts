/**
 * One address format for every page's view: `?v=1&…` with the page's own parameters. The
 * version lets a later schema migrate or refuse an old link instead of misreading it; a link
 * without `v` is read as version 1 (links shared before the field existed).
 */
export const VIEW_VERSION = 1;
const VERSION_PARAM = 'v';

export interface ViewParams {
	params: URLSearchParams;
	/** French, when the link was made by a newer version of the app (parameters read as far as possible). */
	notice: string | null;
}

export function readView(search: string | URLSearchParams): ViewParams {
	const params = new URLSearchParams(search);
	const raw = params.get(VERSION_PARAM);
	const v = raw === null ? VIEW_VERSION : Number(raw);
	params.delete(VERSION_PARAM);
	const notice = Number.isInteger(v) && v >= 1 && v <= VIEW_VERSION ? null : `Ce lien a été créé par une autre version de l’application (version « ${String(raw).slice(0, 12)} ») : la vue est reprise au mieux, vérifiez les choix affichés.`;
	return { params, notice };
}

/** `?v=1&k=v…`, parameters in the given order; null, undefined and '' values are left out. */
export function viewSearch(params: Record<string, string | number | null | undefined> | [string, string | number | null | undefined][]): string {
	const out = new URLSearchParams();
	out.set(VERSION_PARAM, String(VIEW_VERSION));
	for (const [k, v] of Array.isArray(params) ? params : Object.entries(params)) if (v !== null && v !== undefined && v !== '') out.append(k, String(v));
	return `?${out.toString()}`;
}
