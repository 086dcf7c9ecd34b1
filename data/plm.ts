/**
 * Arrondissements municipaux of Paris, Lyon and Marseille: psychiatric sectors there are written
 * by arrondissement (75101–75120, 69381–69389, 13201–13216) while the commune artefact has each
 * city as one commune. This step keeps the commune artefact unchanged and writes, beside it:
 *  - `arrondissements`: codes, names, population (COG 2026), SIRENE GP counts, interior points;
 *  - `arrondissement_links`: the arrondissement of each SAE establishment (ID table ARMT) and
 *    FINESS site (postal code of the address, else point in polygon) inside the three cities;
 *  - the `arrondissements` TopoJSON (mirror geo/plm/, OpenDataSoft georef 2023), when present.
 * Sector membership and aggregation use these rows as the finest unit inside the three cities.
 */
import type { FeatureCollection } from 'geojson';
import { topology } from 'topojson-server';
import type { Topology } from 'topojson-specification';
import { PLM_CITIES, cityOfArrondissement } from '../src/lib/geo/plm.ts';
import { buildCommuneIndex, communePoints, locatePoint, type CommuneIndex } from './geo/points.ts';
import { serializeTopology } from './geo/topology.ts';
import { normCommune, parseFrNumber, qualityBuilder, splitLines, stripBom } from './parsers/common.ts';
import type { ArrondissementLinkRow, ArrondissementRow, CommuneRow, FinessFacilityRow, QualityEntry, SaeEstablishmentRow } from './schema.ts';

interface RawEntry {
	code?: string;
	nom?: string;
	type?: string;
	commune?: string;
	population?: number;
}

export interface PlmInput {
	communesJson: string; // COG communes.json (every type)
	communes: readonly CommuneRow[]; // the commune artefact rows (the cities' dep, reg, epci, population)
	geo: FeatureCollection | null; // mirror geo/plm/…ods_georef2023.json, or null when absent
	sireneText: string | null; // SIRENE GP file: its rows keep arrondissement codes
}

export interface PlmResult {
	rows: ArrondissementRow[];
	topojson: string | null;
	index: CommuneIndex | null;
	quality: QualityEntry;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** Arrondissement code of a feature of the OpenDataSoft georef file (one-item list properties). */
function featureCode(p: Record<string, unknown> | null): string | null {
	const v = p?.com_arm_code ?? p?.code;
	const s = Array.isArray(v) ? v[0] : v;
	return typeof s === 'string' && cityOfArrondissement(s) ? s : null;
}

/** SIRENE 2019 GP counts per arrondissement code (the parser sums them into the city). */
export function gpByArrondissement(text: string): Map<string, number> {
	const lines = splitLines(stripBom(text));
	const header = (lines[0] ?? '').split(';').map((h) => h.trim().toLowerCase());
	const cCode = header.indexOf('codecommuneetablissement');
	const cGp = header.indexOf('generaliste');
	const out = new Map<string, number>();
	if (cCode < 0 || cGp < 0) return out;
	for (const line of lines.slice(1)) {
		const cells = line.split(';');
		const code = normCommune((cells[cCode] ?? '').trim());
		const n = parseFrNumber(cells[cGp]);
		if (code && cityOfArrondissement(code) && n !== null && Number.isFinite(n) && n >= 0) out.set(code, (out.get(code) ?? 0) + n);
	}
	return out;
}

export function buildArrondissements(input: PlmInput): PlmResult {
	const q = qualityBuilder('cog', 'communes.json (arrondissements municipaux)');
	const raw = JSON.parse(stripBom(input.communesJson)) as RawEntry[];
	const cityRow = new Map(input.communes.map((c) => [c.code, c]));
	const gp = input.sireneText ? gpByArrondissement(input.sireneText) : new Map<string, number>();

	const features = (input.geo?.features ?? []).flatMap((f) => {
		const code = featureCode(f.properties as Record<string, unknown> | null);
		const name = (f.properties as Record<string, unknown> | null)?.com_arm_name;
		const label = Array.isArray(name) ? String(name[0]) : typeof name === 'string' ? name : code;
		return code && f.geometry ? [{ type: 'Feature' as const, id: code, properties: { code, name: label }, geometry: f.geometry }] : [];
	});
	const fc: FeatureCollection = { type: 'FeatureCollection', features };
	const points = communePoints(fc);

	const rows: ArrondissementRow[] = [];
	for (const e of raw) {
		if (e.type !== 'arrondissement-municipal') continue;
		q.read();
		const code = normCommune(e.code);
		const city = code ? cityOfArrondissement(code) : null;
		const parent = city ? cityRow.get(city) : undefined;
		if (!code || !city || e.commune !== city) {
			q.reject('pas un arrondissement de Paris, Lyon ou Marseille', String(e.code));
			continue;
		}
		if (!parent) {
			q.reject('commune parente absente des communes de l’atlas', code);
			continue;
		}
		if (typeof e.population !== 'number' || !Number.isFinite(e.population)) {
			q.reject('population manquante', code);
			continue;
		}
		const p = points.get(code) ?? null;
		rows.push({
			code,
			name: e.nom ?? code,
			commune: city,
			dep: parent.dep,
			reg: parent.reg,
			epci: parent.epci,
			population: e.population,
			gp_practices: input.sireneText ? (gp.get(code) ?? 0) : null,
			lon: p?.[0] ?? null,
			lat: p?.[1] ?? null,
			has_geom: p !== null
		});
		q.keep();
	}
	rows.sort((a, b) => (a.code < b.code ? -1 : 1));

	for (const [city, def] of Object.entries(PLM_CITIES)) {
		const mine = rows.filter((r) => r.commune === city);
		const sum = mine.reduce((s, r) => s + r.population, 0);
		const cityPop = cityRow.get(city)?.population ?? null;
		q.note(
			`${def.name} (${city}) : ${mine.length} arrondissements sur ${def.count}, population ${fmt(sum)}${cityPop === null ? '' : sum === cityPop ? ' (égale à celle de la commune)' : ` (différente de celle de la commune : ${fmt(cityPop)})`} ; ${mine.filter((r) => r.has_geom).length} avec un contour.`
		);
	}
	q.note(
		'Âges par arrondissement absents du miroir : les populations par âge d’un arrondissement sont estimées par sa population × la structure par âge INSEE de son département, comme pour chaque commune.'
	);
	if (input.sireneText) {
		const sum = rows.reduce((s, r) => s + (r.gp_practices ?? 0), 0);
		q.note(`Cabinets de médecine générale SIRENE 2019 codés par arrondissement : ${fmt(sum)} dans les 45 arrondissements (les lignes des trois communes en sont la somme).`);
	}
	if (!features.length) q.note('Pas de contours d’arrondissements (geo/plm/ absent du miroir) : les arrondissements sont connus mais pas dessinés ; les sites FINESS sont placés par code postal seulement.');

	const topo = features.length ? (topology({ arrondissements: fc }) as unknown as Topology) : null;
	return {
		rows,
		topojson: topo ? serializeTopology(topo) : null,
		index: features.length ? buildCommuneIndex(fc) : null,
		quality: q.build()
	};
}

/** Postal code of an address in Paris, Lyon or Marseille → its arrondissement (75116 is Paris 16e). */
export function arrondissementOfPostalCode(postal: string | null | undefined): string | null {
	const p = (postal ?? '').trim();
	let m = /^750(\d{2})$/.exec(p);
	if (m) return Number(m[1]) >= 1 && Number(m[1]) <= 20 ? `751${m[1]}` : null;
	if (p === '75116') return '75116';
	m = /^6900(\d)$/.exec(p);
	if (m && m[1] !== '0') return `6938${m[1]}`;
	m = /^130(\d{2})$/.exec(p);
	if (m && Number(m[1]) >= 1 && Number(m[1]) <= 16) return `132${m[1]}`;
	return null;
}

export interface LinkResult {
	rows: ArrondissementLinkRow[];
	quality: QualityEntry;
}

/**
 * The arrondissement of every SAE establishment and FINESS site of the three cities. A row left
 * without one is counted for whole-city territories only: the note says how many.
 */
export function linkArrondissements(sae: readonly SaeEstablishmentRow[], finess: readonly FinessFacilityRow[] | null, index: CommuneIndex | null): LinkResult {
	const q = qualityBuilder('sae_psy', 'ID_2023r.csv ARMT + FINESS (arrondissements municipaux)');
	const rows: ArrondissementLinkRow[] = [];
	let saeIn = 0;
	const saeMissing: string[] = [];
	for (const e of sae) {
		if (!e.commune || !PLM_CITIES[e.commune]) continue;
		q.read();
		saeIn++;
		const arm = e.arm ?? null;
		if (arm && cityOfArrondissement(arm) === e.commune) {
			rows.push({ source: 'sae', id: e.fi, arm, basis: 'armt' });
			q.keep();
		} else {
			saeMissing.push(e.fi);
			q.reject('établissement SAE sans arrondissement (ARMT) reconnu', e.fi);
		}
	}
	q.note(`SAE : ${saeIn - saeMissing.length} établissements sur ${saeIn} à Paris, Lyon et Marseille portent leur arrondissement (ARMT).`);
	if (finess) {
		let n = 0;
		const basis: Record<string, number> = { code_postal: 0, point: 0 };
		const missing: string[] = [];
		for (const f of finess) {
			if (!f.commune || !PLM_CITIES[f.commune]) continue;
			q.read();
			n++;
			let arm = arrondissementOfPostalCode(f.postal_code);
			let how: ArrondissementLinkRow['basis'] = 'code_postal';
			if (!arm || cityOfArrondissement(arm) !== f.commune) {
				// CEDEX and other non-geographic postal codes: the point, within 300 m of a simplified boundary.
				const hit = index && f.lon !== null && f.lat !== null ? locatePoint(index, f.lon, f.lat, 0.3) : null;
				arm = hit && cityOfArrondissement(hit.code) === f.commune ? hit.code : null;
				how = 'point';
			}
			if (arm) {
				rows.push({ source: 'finess', id: f.finess, arm, basis: how });
				basis[how]!++;
				q.keep();
			} else {
				missing.push(f.finess);
				q.reject('site FINESS sans arrondissement', f.finess);
			}
		}
		q.note(`FINESS : ${n - missing.length} sites sur ${n} des trois communes placés dans un arrondissement (${basis.code_postal} par code postal, ${basis.point} par leur point dans un contour).`);
	}
	return { rows, quality: q.build() };
}
