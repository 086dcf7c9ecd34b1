/**
 * The /ecarts view as a link: `?v=1&ind=…&niveau=…&region=…|dep=…|jeu=…&attr=finess&ref=…&classes=…&q=…`.
 * Reading never fails: an unreadable part falls back to its default with a French notice.
 * Codes (région, département, set, reference) are only checked once their lists are known (the model).
 */
import type { GapClass } from '../indicators/gap';
import type { IndicatorDef } from '../indicators/types';
import { readView, viewSearch } from './view-link';

export type GapLevel = 'commune' | 'epci' | 'departement' | 'region' | 'sector';
export const GAP_LEVELS: readonly GapLevel[] = ['departement', 'region', 'epci', 'commune', 'sector'];
export const GAP_CLASSES: readonly GapClass[] = ['marked', 'unfavourable', 'close', 'favourable', 'neutral', 'na'];
const LEVEL_PARAM: Record<GapLevel, string> = { commune: 'communes', epci: 'epci', departement: 'departements', region: 'regions', sector: 'secteurs' };

export interface GapsView {
	indicatorId: string;
	level: GapLevel;
	/** Level département: 'all' or a région code. */
	regionScope: string;
	/** Levels commune / EPCI. */
	depScope: string;
	/** Level sector: an ActiveSet key ('' = the first set). */
	setKey: string;
	attribution: 'commune' | 'sector_finess';
	refKey: string;
	classes: GapClass[];
	search: string;
}

export const DEFAULT_GAPS_VIEW: GapsView = {
	indicatorId: 'beds_adult_per100k',
	level: 'departement',
	regionScope: 'all',
	depScope: '69',
	setKey: '',
	attribution: 'commune',
	refKey: 'france',
	classes: [...GAP_CLASSES],
	search: ''
};

const quote = (s: string) => `« ${s.length > 60 ? `${s.slice(0, 60)}…` : s} »`;
const CODE = /^[0-9A-Za-z]{1,9}$/;

export function parseGapsView(search: string | URLSearchParams, choices: readonly IndicatorDef[]): { view: GapsView; notices: string[] } {
	const { params: q, notice } = readView(search);
	const notices = notice ? [notice] : [];
	const view: GapsView = { ...DEFAULT_GAPS_VIEW, classes: [...DEFAULT_GAPS_VIEW.classes] };
	const ind = q.get('ind');
	if (ind !== null) {
		if (choices.some((d) => d.id === ind)) view.indicatorId = ind;
		else notices.push(`L’indicateur demandé dans le lien (${quote(ind)}) n’est pas proposé ici : indicateur par défaut affiché.`);
	}
	const niveau = q.get('niveau');
	if (niveau !== null) {
		const l = GAP_LEVELS.find((x) => LEVEL_PARAM[x] === niveau);
		if (l) view.level = l;
		else notices.push(`Le niveau demandé dans le lien (${quote(niveau)}) n’est pas reconnu : départements affichés.`);
	}
	const code = (k: 'region' | 'dep', label: string) => {
		const v = q.get(k);
		if (v === null) return null;
		if (CODE.test(v)) return v;
		notices.push(`${label} demandé dans le lien (${quote(v)}) n’est pas reconnu : périmètre par défaut affiché.`);
		return null;
	};
	const reg = code('region', 'Le code de région');
	if (reg) view.regionScope = reg;
	const dep = code('dep', 'Le code de département');
	if (dep) view.depScope = dep;
	const jeu = q.get('jeu');
	if (jeu) view.setKey = jeu.slice(0, 200);
	const attr = q.get('attr');
	if (attr !== null) {
		if (attr === 'finess') view.attribution = 'sector_finess';
		else if (attr !== 'commune') notices.push(`Le rattachement demandé dans le lien (${quote(attr)}) n’est pas reconnu : capacités attribuées à la commune de l’établissement.`);
	}
	const ref = q.get('ref');
	if (ref) view.refKey = ref.slice(0, 300);
	const classes = q.get('classes');
	if (classes === 'aucune') view.classes = [];
	else if (classes !== null) {
		const parts = classes.split(',').filter(Boolean);
		const known = parts.filter((c): c is GapClass => (GAP_CLASSES as readonly string[]).includes(c));
		if (known.length < parts.length || !parts.length) notices.push(`Des classes demandées dans le lien ne sont pas reconnues (${quote(classes)}) : ${known.length ? 'les autres sont affichées' : 'toutes les classes sont affichées'}.`);
		if (known.length) view.classes = GAP_CLASSES.filter((c) => known.includes(c));
	}
	view.search = (q.get('q') ?? '').slice(0, 200);
	return { view, notices };
}

/** The link of a view: only the parts that apply to its level, defaults left out. */
export function gapsSearch(v: GapsView): string {
	const all = v.classes.length === GAP_CLASSES.length;
	return viewSearch([
		['ind', v.indicatorId],
		['niveau', LEVEL_PARAM[v.level]],
		['region', v.level === 'departement' && v.regionScope !== 'all' ? v.regionScope : null],
		['dep', v.level === 'commune' || v.level === 'epci' ? v.depScope : null],
		['jeu', v.level === 'sector' ? v.setKey : null],
		['attr', v.level === 'sector' && v.attribution === 'sector_finess' ? 'finess' : null],
		['ref', v.refKey === DEFAULT_GAPS_VIEW.refKey ? null : v.refKey],
		['classes', all ? null : v.classes.join(',') || 'aucune'],
		['q', v.search]
	]);
}
