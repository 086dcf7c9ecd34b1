/**
 * Baseline sites and commune columns from the query rows of the accessibility page. Pure: the
 * SQL lives in geo/access/load.ts, so this part is tested on hand-written rows.
 */
import { depOfCommune } from '../geo/access/nearest';
import type { Communes } from './compute';
import type { Site } from './model';

export interface CommuneRow { code: string; name: string; dep: string; reg: string; population: number; lon: number; lat: number }
export interface SaeRow { fi: string; name: string; dep: string; lon: number; lat: number; dis: string; cap_htp: number | null; cap_hdj: number | null }
export interface HsRow { finess: string; name: string; site_name: string | null; psy_kind: string; lon: number; lat: number; commune: string | null }
export interface GpRow { commune: string; name: string; dep: string; lon: number; lat: number; gp: number }

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

export function buildBaseline(sae: readonly SaeRow[], hs: readonly HsRow[], gp: readonly GpRow[]): Site[] {
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
	}
	for (const r of hs) {
		const k = r.psy_kind as 'hdj' | 'cmp' | 'cattp';
		if (k === 'hdj' && saeFi.has(String(r.finess))) continue; // already an SAE HDJ establishment
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
	for (const r of gp)
		sites.push({ id: `gp:${r.commune}`, kind: 'gp', lon: Number(r.lon), lat: Number(r.lat), capacity: Number(r.gp), label: `Cabinets de ${r.name}`, dep: String(r.dep) });
	return sites;
}
