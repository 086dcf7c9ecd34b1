/**
 * The FINESS facility layer (`finess_facilities`), from either reader (FHIR 2021 or etalab CSV):
 * kind of each établissement (src/lib/facilities/kind-rules.ts), commune, link to the SAE
 * establishment of the same EJ, and the quality summary (counts by category, kind, département,
 * placement; CMP coverage against SAE 2023).
 */
import type { FacilityKind, Placement } from '../src/lib/facilities/kinds.ts';
import { ATTACHED_COM } from './parsers/cog.ts';
import { classifyFacility } from '../src/lib/facilities/kind-rules.ts';
import { locatePoint, type CommuneIndex } from './geo/points.ts';
import { communeFromAddress, type PostalIndex } from './geo/postal.ts';
import type { QualityBuilder } from './parsers/common.ts';
import type { FinessSite } from './parsers/finess-fhir.ts';
import type { CoverageRow, FinessFacilityRow, FinessSummary, QualityEntry, SaeEstablishmentRow, SaePsyRow } from './schema.ts';

/** Coastal tolerance: sites that the simplified 2018 shoreline leaves just offshore (as for GISCO sites). */
export const COAST_KM = 2;

const PSY_KINDS: ReadonlySet<FacilityKind> = new Set(['chs', 'clinic', 'cmp', 'cattp', 'hdj', 'apt_ther', 'crisis', 'postcure']);
/** Départements of the atlas (metropole + DROM); FINESS numbers of other prefixes are out. */
const OUT_OF_ATLAS_DEP = /^(97[5-8]|98|99)/;

export type { CoverageRow, FinessSummary } from './schema.ts';

export interface LayerContext {
	communeIndex: CommuneIndex;
	postal: PostalIndex;
	/** COG 2026 commune → département. */
	communeDep: ReadonlyMap<string, string>;
	sae: readonly SaeEstablishmentRow[];
	saePsy2023: readonly SaePsyRow[];
	vintage: string;
	source: string;
}

const inc = (o: Record<string, number>, k: string, n = 1) => {
	o[k] = (o[k] ?? 0) + n;
};
const fr = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** Squared equirectangular distance, enough to rank candidates of the same EJ. */
function dist2(a: { lon: number | null; lat: number | null }, b: { lon: number | null; lat: number | null }): number {
	if (a.lon === null || a.lat === null || b.lon === null || b.lat === null) return Infinity;
	const k = Math.cos((a.lat * Math.PI) / 180);
	return ((a.lon - b.lon) * k) ** 2 + (a.lat - b.lat) ** 2;
}

/**
 * SAE establishment managing a site: the SAE row of the same FINESS ET when there is one; else among
 * the SAE establishments of the same EJ (FI_EJ), the ones with a PSY 2023 bordereau first, then the
 * nearest, then the smallest FI. Every SAE establishment has psychiatric activity (PSY bordereau).
 */
export function saeLinker(sae: readonly SaeEstablishmentRow[]): (site: { finess: string; finess_ej: string | null; lon: number | null; lat: number | null }) => string | null {
	const byFi = new Set(sae.map((s) => s.fi));
	const byEj = new Map<string, SaeEstablishmentRow[]>();
	for (const s of sae) if (s.fi_ej) (byEj.get(s.fi_ej) ?? byEj.set(s.fi_ej, []).get(s.fi_ej)!).push(s);
	return (site) => {
		if (byFi.has(site.finess)) return site.finess;
		const cands = site.finess_ej ? byEj.get(site.finess_ej) : undefined;
		if (!cands?.length) return null;
		let best = cands[0]!;
		for (const c of cands.slice(1)) {
			const a = Number(c.in_2023) - Number(best.in_2023);
			if (a > 0) best = c;
			else if (a === 0) {
				const d = dist2(site, c) - dist2(site, best);
				if (d < 0 || (!(d > 0) && c.fi < best.fi)) best = c;
			}
		}
		return best.fi;
	};
}

/** CMP sites per département vs SAE 2023 NB_CMP_SEUL summed over the département's establishments. */
export function cmpCoverage(
	rows: readonly FinessFacilityRow[],
	sae: readonly SaeEstablishmentRow[],
	psy2023: readonly SaePsyRow[],
	depsInSource: ReadonlySet<string>
): CoverageRow[] {
	const depOfFi = new Map(sae.map((s) => [s.fi, s.dep]));
	const saeCmp = new Map<string, number>();
	for (const r of psy2023) {
		const dep = depOfFi.get(r.fi);
		if (dep && r.nb_cmp !== null) saeCmp.set(dep, (saeCmp.get(dep) ?? 0) + r.nb_cmp);
	}
	const finessCmp = new Map<string, number>();
	for (const r of rows) if (r.group === 'cmp') finessCmp.set(r.dep, (finessCmp.get(r.dep) ?? 0) + 1);
	const deps = [...new Set([...saeCmp.keys(), ...finessCmp.keys()])].sort();
	return deps.map((dep) => {
		const f = finessCmp.get(dep) ?? 0;
		const s = saeCmp.has(dep) ? saeCmp.get(dep)! : null;
		const in_source = depsInSource.has(dep);
		return { dep, finess_cmp: f, sae_cmp: s, ratio: s && in_source ? Math.round((f / s) * 1000) / 1000 : null, in_source };
	});
}

export interface LayerResult {
	rows: FinessFacilityRow[];
	quality: QualityEntry;
	summary: FinessSummary;
}

/** Kinds, communes and SAE links of every site; `q` is the reader's quality builder (rows already read). */
export function buildFinessLayer(sites: readonly FinessSite[], q: QualityBuilder, ctx: LayerContext, extra: { reprojected?: number; notes?: string[] } = {}): LayerResult {
	const link = saeLinker(ctx.sae);
	const rows: FinessFacilityRow[] = [];
	const byCat = new Map<string, { category: string; label: string; read: number; kept: number; kind: string | null }>();
	const summary: FinessSummary = {
		source: ctx.source,
		vintage: ctx.vintage,
		read: sites.length,
		kept: 0,
		by_category: [],
		by_kind: {},
		by_kind_basis: {},
		by_public: {},
		by_dep: {},
		placement: {},
		unplaced: {},
		unplaced_examples: {},
		overseas_reprojected: extra.reprojected ?? 0,
		sae_linked: 0,
		psy_without_sae: 0,
		psy_without_sae_ej: [],
		coverage: []
	};
	const noSaeEj = new Set<string>();
	for (const site of sites) {
		let s: typeof site = site;
		const c = byCat.get(s.category) ?? { category: s.category, label: s.category_label, read: 0, kept: 0, kind: null };
		byCat.set(s.category, c);
		c.read++;
		const decision = classifyFacility(s.category, s.name);
		if (!decision) {
			q.reject('catégorie hors champ', s.category || '(vide)');
			continue;
		}
		if (!site.dep) {
			q.reject('département inconnu (numéro FINESS)', s.finess);
			continue;
		}
		// Saint-Barthélemy and Saint-Martin are planned with Guadeloupe when the COG build attaches them (ATTACHED_COM).
		const siteDep = site.dep;
		const attached = Object.entries(ATTACHED_COM).find(([code, a]) => a.cogDep === siteDep && ctx.communeDep.has(code));
		const dep: string = attached ? attached[1].dep : siteDep;
		s = { ...site, dep };
		if (OUT_OF_ATLAS_DEP.test(dep)) {
			q.reject('collectivité d’outre-mer hors atlas (Saint-Barthélemy, Saint-Martin…)', `${s.finess} (${s.dep})`);
			continue;
		}
		if (decision.basis === 'categorie') c.kind = decision.kind;

		// Commune: the point, cross-checked with the département of the FINESS number; else the address.
		let commune: string | null = s.commune ?? null;
		let placement: Placement | null = commune ? 'code_commune' : null;
		const lon = s.lon;
		const lat = s.lat;
		if (!commune) {
			let reason: string | null = null;
			if (lon === null || lat === null) reason = 'sans coordonnées';
			else {
				const hit = locatePoint(ctx.communeIndex, lon, lat, COAST_KM);
				if (!hit) reason = 'coordonnées hors de toute commune';
				else if (ctx.communeDep.get(hit.code) !== dep) reason = 'coordonnées dans un autre département que celui du numéro FINESS';
				else {
					commune = hit.code;
					placement = hit.distanceKm > 0 ? 'point_proche' : 'point';
				}
			}
			const report = (why: string) => {
				inc(summary.unplaced, why);
				const ex = (summary.unplaced_examples[why] ??= []);
				if (ex.length < 10) ex.push(s.finess);
			};
			if (!commune) {
				const byAddr = communeFromAddress(ctx.postal, dep, s.postal_code, s.city);
				if (byAddr) {
					commune = byAddr;
					placement = 'code_postal';
					// The point is kept (sites near a border, or a slightly off position); only the commune comes from the address.
					if (reason !== 'sans coordonnées') report(`${reason} : commune trouvée par l’adresse, point conservé`);
					else report(`${reason} : commune trouvée par l’adresse`);
				} else {
					report(`${reason} : commune introuvable par l’adresse (commune nulle)`);
				}
			}
		}
		const sae_fi = link(s);
		if (sae_fi) summary.sae_linked++;
		else if (PSY_KINDS.has(decision.kind) && s.finess_ej) noSaeEj.add(s.finess_ej);
		if (!sae_fi && PSY_KINDS.has(decision.kind)) summary.psy_without_sae++;
		rows.push({
			finess: s.finess,
			finess_ej: s.finess_ej,
			name: s.name,
			category: s.category,
			category_label: s.category_label,
			group: decision.kind,
			kind_basis: decision.basis,
			public: decision.public,
			address: s.address,
			postal_code: s.postal_code,
			city: s.city,
			phone: s.phone,
			updated: s.updated,
			commune,
			dep: dep,
			lon,
			lat,
			placement,
			sae_fi,
			siret: s.siret,
			date_open: s.date_open
		});
		c.kept++;
		q.keep();
		inc(summary.by_kind, decision.kind);
		inc((summary.by_kind_basis[decision.kind] ??= {}), decision.basis);
		if (decision.kind === 'cmp' || decision.kind === 'cattp' || decision.kind === 'hdj') inc((summary.by_public[decision.kind] ??= {}), decision.public ?? 'non_precise');
		inc((summary.by_dep[dep] ??= {}), decision.kind);
		inc(summary.placement, placement ?? 'aucune');
	}
	summary.kept = rows.length;
	summary.by_category = [...byCat.values()].sort((a, b) => b.read - a.read || a.category.localeCompare(b.category));
	summary.coverage = cmpCoverage(rows, ctx.sae, ctx.saePsy2023, new Set(sites.map((s) => s.dep).filter((d): d is string => d !== null && !OUT_OF_ATLAS_DEP.test(d))));
	summary.psy_without_sae_ej = [...noSaeEj].sort();

	const n = (x: number) => fr.format(x);
	for (const note of extra.notes ?? []) q.note(note);
	q.note(
		`${n(rows.length)} établissements gardés sur ${n(sites.length)} lus ; par type : ${Object.entries(summary.by_kind)
			.sort((a, b) => b[1] - a[1])
			.map(([k, v]) => `${k} ${n(v)}`)
			.join(', ')}.`
	);
	const named = Object.entries(summary.by_kind_basis)
		.filter(([, b]) => b.nom)
		.map(([k, b]) => `${k} ${n(b.nom!)}`);
	if (named.length) q.note(`Type déduit du nom (catégorie hospitalière) : ${named.join(', ')}.`);
	q.note(
		`Commune : ${Object.entries(summary.placement)
			.map(([k, v]) => `${k} ${n(v)}`)
			.join(', ')} (point = coordonnées dans une commune du département du numéro FINESS ; point_proche = à moins de ${COAST_KM} km ; code_postal = par l’adresse).`
	);
	for (const [reason, v] of Object.entries(summary.unplaced)) q.note(`${n(v)} établissement(s) ${reason} (${summary.unplaced_examples[reason]!.join(', ')}).`);
	if (summary.overseas_reprojected) q.note(`${n(summary.overseas_reprojected)} positions outre-mer reprojetées (Lambert-93 → UTM locale, voir le README du miroir §9).`);
	q.note(`${n(summary.sae_linked)} sites rattachés à un établissement SAE de la même entité juridique (sae_fi).`);
	if (summary.psy_without_sae)
		q.note(
			`${n(summary.psy_without_sae)} sites de psychiatrie (CHS, clinique, CMP, CATTP, hôpital de jour, alternatives) sans établissement SAE de la même entité juridique (${n(noSaeEj.size)} entités juridiques, dont ${[...noSaeEj].sort().slice(0, 10).join(', ')}).`
		);
	const ratios = summary.coverage.filter((c) => c.ratio !== null).map((c) => c.ratio!);
	if (ratios.length)
		q.note(
			`Couverture CMP (sites FINESS / CMP déclarés à la SAE 2023, par département) : de ${n(Math.min(...ratios))} à ${n(Math.max(...ratios))} ; ${summary.coverage.filter((c) => c.in_source && c.finess_cmp === 0).length} département(s) sans aucun CMP repéré ; sans objet pour ${summary.coverage
				.filter((c) => !c.in_source)
				.map((c) => c.dep)
				.join(', ') || 'aucun'} (absents du fichier FINESS ou hors atlas).`
		);
	return { rows, quality: q.build(), summary };
}
