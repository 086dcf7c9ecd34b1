/**
 * Baseline sites and commune columns from the query rows of the accessibility page. Pure: the
 * SQL lives in scenarios/access/load.ts, so this part is tested on hand-written rows.
 */
import { depOfCommune } from '../geo/access/nearest';
import type { Communes } from './compute';
import { MEDSOC_KINDS, type Site, type SiteKind } from './model';

export interface CommuneRow { code: string; name: string; dep: string; reg: string; population: number; lon: number; lat: number }
export interface SaeRow { fi: string; name: string; dep: string; lon: number; lat: number; dis: string; cap_htp: number | null; cap_hdj: number | null; nb_cmp: number | null }
export interface HsRow { finess: string; name: string; site_name: string | null; psy_kind: string; lon: number; lat: number; commune: string | null }
export interface GpRow { commune: string; name: string; dep: string; lon: number; lat: number; gp: number }
/** A `finess_facilities` row of a group the page maps (`grp`: the table's `group` column). */
export interface FinessRow { finess: string; name: string; grp: string; dep: string | null; lon: number; lat: number }

/** FINESS groups offered as site kinds (same ids as the kinds). */
export const FINESS_GROUPS: readonly SiteKind[] = ['cmp', 'cattp', ...MEDSOC_KINDS];

export function buildCommunes(rows: readonly CommuneRow[]): Communes {
	const n = rows.length;
	const c: Communes = {
		code: new Array(n), name: new Array(n), dep: new Array(n), reg: new Array(n),
		pop: new Float64Array(n), lon: new Float64Array(n), lat: new Float64Array(n)
	};
	rows.forEach((r, i) => {
		c.code[i] = String(r.code);
		c.name[i] = String(r.name);
		c.dep[i] = String(r.dep);
		c.reg[i] = String(r.reg ?? '');
		c.pop[i] = Number(r.population) || 0;
		c.lon[i] = Number(r.lon);
		c.lat[i] = Number(r.lat);
	});
	return c;
}

/**
 * `finess`: rows of the FINESS extract, or null when it is not loaded. When given, its CMP and
 * CATTP (exact addresses) replace the hospital sites found by their name.
 */
export function buildBaseline(sae: readonly SaeRow[], hs: readonly HsRow[], gp: readonly GpRow[], finess: readonly FinessRow[] | null = null): Site[] {
	const sites: Site[] = [];
	const saeFi = new Set<string>();
	for (const r of sae) {
		const base = { lon: Number(r.lon), lat: Number(r.lat), label: String(r.name), dep: String(r.dep) };
		const htp = Number(r.cap_htp) || 0;
		const hdj = Number(r.cap_hdj) || 0;
		if (r.dis === 'GEN' && hdj > 0) {
			sites.push({ id: `hdj:sae:${r.fi}`, kind: 'hdj', capacity: hdj, ...base });
			saeFi.add(String(r.fi));
		}
		if (r.dis === 'GEN' && htp > 0) sites.push({ id: `beds_adult:sae:${r.fi}`, kind: 'beds_adult', capacity: htp, ...base });
		if (r.dis === 'INF' && htp > 0) sites.push({ id: `beds_child:sae:${r.fi}`, kind: 'beds_child', capacity: htp, ...base });
		// CMP are counted at the managing establishment's point: the SAE gives no CMP address.
		const cmp = Number(r.nb_cmp) || 0;
		if (cmp > 0) {
			const k = r.dis === 'GEN' ? 'cmp_adult' : 'cmp_child';
			sites.push({ id: `${k}:sae:${r.fi}`, kind: k, capacity: cmp, ...base });
		}
	}
	for (const r of hs) {
		const k = r.psy_kind as 'hdj' | 'cmp' | 'cattp';
		if (k === 'hdj' && saeFi.has(String(r.finess))) continue; // already an SAE HDJ establishment
		if (k !== 'hdj' && finess) continue;
		sites.push({
			id: `${k}:site:${r.finess}`,
			kind: k,
			lon: Number(r.lon),
			lat: Number(r.lat),
			capacity: k === 'hdj' ? 0 : 1,
			label: String(r.site_name || r.name),
			dep: r.commune ? depOfCommune(String(r.commune)) : undefined
		});
	}
	for (const r of finess ?? []) {
		const k = String(r.grp) as SiteKind;
		if (!FINESS_GROUPS.includes(k)) continue;
		// One site each: the extract has no capacity, so these kinds are for distance only.
		sites.push({ id: `${k}:finess:${r.finess}`, kind: k, lon: Number(r.lon), lat: Number(r.lat), capacity: 1, label: String(r.name), dep: r.dep ? String(r.dep) : undefined });
	}
	for (const r of gp)
		sites.push({ id: `gp:${r.commune}`, kind: 'gp', lon: Number(r.lon), lat: Number(r.lat), capacity: Number(r.gp), label: `Cabinets de ${r.name}`, dep: String(r.dep) });
	return sites;
}

export interface DepAgeRow { dep: string; pop_total: number; pop_16_plus: number; pop_0_15: number }

/**
 * Commune population aged 16+ and 0–15, estimated as the commune population × its département's
 * share (INSEE estimates by age exist only by département). A département without age figures
 * gets the national share; `fallback` counts those communes.
 */
export function agePopulations(c: Communes, deps: readonly DepAgeRow[]): { adult: Float64Array; child: Float64Array; fallback: number } {
	const share = new Map<string, [number, number]>();
	let tot = 0;
	let ad = 0;
	let ch = 0;
	for (const d of deps) {
		const t = Number(d.pop_total);
		if (!(t > 0)) continue;
		share.set(String(d.dep), [Number(d.pop_16_plus) / t, Number(d.pop_0_15) / t]);
		tot += t;
		ad += Number(d.pop_16_plus);
		ch += Number(d.pop_0_15);
	}
	const national: [number, number] = tot > 0 ? [ad / tot, ch / tot] : [NaN, NaN];
	const n = c.code.length;
	const adult = new Float64Array(n);
	const child = new Float64Array(n);
	let fallback = 0;
	for (let i = 0; i < n; i++) {
		let s = share.get(c.dep[i]!);
		if (!s) {
			s = national;
			fallback++;
		}
		adult[i] = c.pop[i]! * s[0];
		child[i] = c.pop[i]! * s[1];
	}
	return { adult, child, fallback };
}
