/**
 * `npm run data`: reads every source (mirror or official URL), normalises it and writes the
 * browser artefacts to static/data/ (Arrow IPC tables, TopoJSON, manifest.json, quality report).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FeatureCollection } from 'geojson';
import type { Manifest, ManifestSource } from '../src/lib/db/types.ts';
import { decodeText, fetchSourceFile, mirrorDir, repoRoot, type FetchedFile } from './fetch.ts';
import { buildAdminTopology } from './geo/admin.ts';
import { reconcileCommunes, simplifyCommunes } from './geo/communes.ts';
import { buildCommuneIndex, communePoints, locatePoint } from './geo/points.ts';
import { serializeTopology } from './geo/topology.ts';
import { COMMUNE_TILES, communeFeatures } from './geo/commune-tiles.ts';
import { parseAtlas } from './parsers/atlas.ts';
import { addAttachedPopulation } from './attached-com.ts';
import { ATTACHED_COM, buildAliasMap, parseCog } from './parsers/cog.ts';
import { buildPostalIndex } from './geo/postal.ts';
import { effectiveFinessSources, finessStep } from './finess-step.ts';
import { parseGisco } from './parsers/gisco.ts';
import { parseInseePop } from './parsers/insee-pop.ts';
import { buildSaeEstablishments, parseSaeId, parseSaePsy } from './parsers/sae.ts';
import { parseSireneGp } from './parsers/sirene-gp.ts';
import { placeEstablishments } from './place-establishments.ts';
import { buildArrondissements, linkArrondissements } from './plm.ts';
import { renderQuality, saeTotals, type QualityReport } from './quality.ts';
import type { FinessFacilityRow, QualityEntry } from './schema.ts';
import { SOURCES, sourceById } from './sources.ts';
import { ArtefactWriter, sha256 } from './write.ts';
import * as specs from './table-specs.ts';

/** National artefacts budget (issue: ≤ 10 MB gzipped in total). */
const GZIP_BUDGET = 10 * 1024 * 1024;

const log = (msg: string) => console.log(msg);

async function main(): Promise<void> {
	const t0 = performance.now();
	const outDir = join(repoRoot(), 'static', 'data');
	rmSync(outDir, { recursive: true, force: true });
	const out = new ArtefactWriter(outDir);
	const mirror = mirrorDir();
	log(mirror ? `Miroir de données : ${mirror}` : 'Aucun miroir : téléchargement depuis les URL officielles.');

	const fetched = new Map<string, FetchedFile[]>();
	const get = async (id: string, key: string): Promise<FetchedFile | null> => {
		const file = await fetchSourceFile(sourceById(id), key, { mirror, log });
		if (file) fetched.set(id, [...(fetched.get(id) ?? []), file]);
		return file;
	};
	const text = async (id: string, key: string, enc: 'utf-8' | 'latin1' | 'auto' = 'auto') => decodeText((await get(id, key))!.bytes, enc);
	const entries: QualityEntry[] = [];

	// 1. COG 2026: communes, aliases, EPCI, départements, régions.
	log('COG 2026…');
	const communesJson = await text('cog', 'communes', 'utf-8');
	const cog = parseCog({
		communes: communesJson,
		departements: await text('cog', 'departements', 'utf-8'),
		regions: await text('cog', 'regions', 'utf-8'),
		epci: await text('cog', 'epci', 'utf-8')
	});
	entries.push(cog.communes.quality, cog.aliases.quality);
	const aliases = buildAliasMap(cog.aliases.rows);

	// 2. Geometry: 2018 communes dissolved into COG 2026 communes; départements and régions.
	log('Géométrie des communes (2018 → COG 2026)…');
	const fc2018 = JSON.parse(await text('geo_communes_2018', 'communes', 'utf-8')) as FeatureCollection;
	const fcDeps = JSON.parse(await text('geo_departements', 'departements', 'utf-8')) as FeatureCollection;
	// Saint-Barthélemy and Saint-Martin are absent from the 2018 communes: their collectivity polygon (977, 978) is their commune.
	fc2018.features.push(...attachedComFeatures(fcDeps));
	const reconciled = reconcileCommunes(fc2018, aliases, cog.communes.rows);
	const points = communePoints(reconciled.topology);
	const communeIndex = buildCommuneIndex(reconciled.topology);
	const simplified = simplifyCommunes(reconciled.topology, undefined, 4 * 1024 * 1024);
	out.topojson('communes', simplified.json, reconciled.report.withGeometry, ['geo_communes_2018', 'cog']);
	// The same simplified polygons as vector tiles, for the map's commune level.
	log('Tuiles vectorielles des communes…');
	const geo = sourceById('geo_communes_2018');
	out.vectorTiles('communes', communeFeatures(simplified.topology), COMMUNE_TILES, { ids: ['geo_communes_2018', 'cog'], vintage: geo.vintage, licence: geo.licence });
	const communes = cog.communes.rows.map((c) => {
		const p = points.get(c.code) ?? null;
		return { ...c, lon: p?.[0] ?? null, lat: p?.[1] ?? null, has_geom: p !== null };
	});

	const depToReg = new Map(cog.departements.map((d) => [d.code, d.reg]));
	const admin = buildAdminTopology(fcDeps, depToReg);
	const adminJson = serializeTopology(admin.topology);
	out.topojson('admin', adminJson, cog.departements.length, ['geo_departements', 'cog']);

	// 3. INSEE population by age (denominators).
	log('Population INSEE par âge…');
	const pop = await parseInseePop({
		broad2023: await text('insee_pop_age', 'broad2023', 'utf-8'),
		quinqXlsx: (await get('insee_pop_age', 'quinq'))!.bytes
	});
	const withCom = addAttachedPopulation(pop.rows, communes);
	pop.rows = withCom.rows;
	if (withCom.note) pop.quality.notes = [...(pop.quality.notes ?? []), withCom.note];
	entries.push(pop.quality);

	// 4. SAE psychiatry 2023 and 2022.
	log('SAE psychiatrie 2023 et 2022…');
	const psy2023 = parseSaePsy(await text('sae_psy', 'psy2023', 'latin1'), 2023);
	const psy2022 = parseSaePsy(await text('sae_psy', 'psy2022', 'latin1'), 2022);
	const id2023 = parseSaeId(await text('sae_psy', 'id2023', 'latin1'));
	entries.push(psy2023.quality, psy2022.quality, id2023.quality);
	const saeEst = buildSaeEstablishments({ psy2023, psy2022, id: id2023.rows, aliases });
	entries.push(saeEst.quality);

	// 5. Hospital sites with coordinates (GISCO extract of FINESS), placed in their commune.
	log('Sites hospitaliers géolocalisés (GISCO)…');
	const gisco = parseGisco(await text('gisco_hospitals', 'sites', 'utf-8'));
	let offshore = 0;
	const sites = gisco.rows.map((s) => {
		// Up to 2 km: coastal sites that the simplified 2018 coastline leaves just offshore.
		const hit = locatePoint(communeIndex, s.lon, s.lat, 2);
		if (hit && hit.distanceKm > 0) offshore++;
		return { ...s, commune: hit?.code ?? null };
	});
	gisco.quality.notes = [
		...(gisco.quality.notes ?? []),
		`${sites.filter((s) => s.commune).length} sites placés dans une commune COG 2026 (${offshore} à moins de 2 km du trait de côte), ${sites.filter((s) => !s.commune).length} hors communes métropole/DROM.`
	];
	entries.push(gisco.quality);

	// 6. FINESS établissements: etalab CSV when available, else the national FHIR file of 2021 (data/finess-step.ts).
	log('FINESS (extraction etalab si disponible, sinon fichier national FHIR 2021)…');
	const saeForLink = placeEstablishments(saeEst.rows, sites, null, (code) => points.get(code) ?? null).rows; // coordinates for the nearest-site rule
	const finessLayer = await finessStep(
		get,
		aliases,
		{
			communeIndex,
			postal: buildPostalIndex(communesJson, aliases),
			communeDep: new Map(cog.communes.rows.map((c) => [c.code, c.dep])),
			sae: saeForLink,
			saePsy2023: psy2023.rows
		},
		log
	);
	const finess: FinessFacilityRow[] | null = finessLayer.rows;
	entries.push(...finessLayer.entries);
	if (finessLayer.summary) log(`  ${finessLayer.summary.kept} établissements FINESS gardés (${finessLayer.used}) : ${JSON.stringify(finessLayer.summary.by_kind)}`);

	const placed = placeEstablishments(saeEst.rows, sites, finess, (code) => points.get(code) ?? null);
	entries.push(placed.quality);

	// 7. Atlas de la santé mentale (published reference values per département).
	log('Atlas de la santé mentale…');
	const atlas = await parseAtlas((await get('atlas_sante_mentale', 'xlsx'))!.bytes);
	entries.push(atlas.values.quality);

	// 8. GP proxy (SIRENE 2019).
	log('Proxy médecine générale (SIRENE 2019)…');
	const gp = parseSireneGp(await text('sirene_gp', 'communes', 'utf-8'), aliases);
	entries.push(gp.quality);

	// 9. Arrondissements municipaux of Paris, Lyon and Marseille (data/plm.ts): a table and a geometry of their own.
	log('Arrondissements municipaux (Paris, Lyon, Marseille)…');
	const plmGeo = await get('geo_plm', 'arrondissements');
	const plm = buildArrondissements({
		communesJson,
		communes,
		geo: plmGeo ? (JSON.parse(decodeText(plmGeo.bytes, 'utf-8')) as FeatureCollection) : null,
		sireneText: await text('sirene_gp', 'communes', 'utf-8')
	});
	const plmLinks = linkArrondissements(placed.rows, finess, plm.index);
	entries.push(plm.quality, plmLinks.quality);
	if (plm.topojson) out.topojson('arrondissements', plm.topojson, plm.rows.filter((r) => r.has_geom).length, ['geo_plm', 'cog']);
	out.table('arrondissements', plm.rows, specs.arrondissements, ['cog', 'sirene_gp', ...(plm.topojson ? ['geo_plm'] : [])]);
	out.table('arrondissement_links', plmLinks.rows, specs.arrondissementLinks, ['sae_psy', ...(finess ? ['finess_et'] : [])]);

	// Tables.
	out.table('communes', communes, specs.communes, ['cog', 'geo_communes_2018']);
	out.table('commune_aliases', cog.aliases.rows, specs.communeAliases, ['cog']);
	out.table('departements', cog.departements, specs.departements, ['cog']);
	out.table('regions', cog.regions, specs.regions, ['cog']);
	out.table('epci', cog.epci, specs.epci, ['cog']);
	out.table('population_dep', pop.rows, specs.populationDep, ['insee_pop_age']);
	out.table('sae_psy', [...psy2023.rows, ...psy2022.rows], specs.saePsy, ['sae_psy']);
	out.table('sae_establishments', placed.rows, specs.saeEstablishments, ['sae_psy', 'gisco_hospitals', 'cog']);
	out.table('hospital_sites', sites, specs.hospitalSites, ['gisco_hospitals']);
	out.table('gp_practices', gp.rows, specs.gpPractices, ['sirene_gp']);
	out.table('atlas_values', atlas.values.rows, specs.atlasValues, ['atlas_sante_mentale']);
	out.table('atlas_indicators', atlas.indicators, specs.atlasIndicators, ['atlas_sante_mentale']);
	if (finess) out.table('finess_facilities', finess, specs.finessFacilities, ['finess_et', ...(finessLayer.used === 'finess_fhir_2021' ? ['finess_fhir_2021'] : []), 'cog', 'sae_psy']);

	// Manifest: provenance of every source, with the exact files used.
	const allSources: ManifestSource[] = SOURCES.map((s) => {
		const files = fetched.get(s.id) ?? [];
		return {
			id: s.id,
			title: s.title,
			publisher: s.publisher,
			page: s.page,
			licence: s.licence,
			vintage: s.vintage,
			...(s.caveat ? { caveat: s.caveat } : {}),
			available: files.length > 0,
			...(files[0] ? { origin: files[0].origin } : {}),
			files: files.map((f, i) => ({
				key: s.files[i]?.key ?? String(i),
				location: f.origin === 'mirror' ? f.location.replace(mirror ?? '', '<miroir>') : f.location,
				sha256: sha256(f.bytes),
				bytes: f.bytes.length
			}))
		};
	});
	const sources = effectiveFinessSources(allSources, finessLayer);
	const pkg = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { version: string };
	const manifest: Manifest = { built_at: new Date().toISOString(), app_version: pkg.version, sources, artefacts: out.artefacts, tiles: out.tiles };
	writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, '\t'));

	const gzipBytes = out.gzipTotal((f) => readFileSync(join(outDir, f)));
	const report: QualityReport = {
		built_at: manifest.built_at,
		entries,
		totals: {
			sae: saeTotals([...psy2023.rows, ...psy2022.rows]),
			population: [
				{ label: 'Population municipale COG 2026 (métropole + DROM)', value: communes.reduce((s, c) => s + c.population, 0) },
				...[2022, 2023].map((y) => ({
					label: `Estimation INSEE au 1er janvier ${y} (somme des départements)`,
					value: pop.rows.filter((r) => r.year === y).reduce((s, r) => s + r.pop_total, 0)
				}))
			]
		},
		geometry: {
			communes_2026: reconciled.report.current,
			communes_with_geometry: reconciled.report.withGeometry,
			communes_without_geometry: reconciled.report.missing,
			communes_merged_from_2018: reconciled.report.merged,
			communes_topojson_gzip_bytes: gzipSync(simplified.json).length,
			admin_dropped: admin.report.dropped
		},
		artefacts_gzip_bytes: gzipBytes,
		...(finessLayer.summary ? { finess: finessLayer.summary } : {})
	};
	writeFileSync(join(outDir, 'quality.json'), JSON.stringify(report, null, '\t'));
	const rendered = renderQuality(report);
	writeFileSync(join(outDir, 'quality.txt'), rendered);
	log('\n' + rendered);
	log(`\nArtefacts écrits dans ${outDir} en ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
	if (gzipBytes > GZIP_BUDGET) {
		throw new Error(`Artefacts trop lourds : ${(gzipBytes / 1e6).toFixed(1)} Mo compressés (budget 10 Mo).`);
	}
}

main().catch((err) => {
	console.error(`\nÉchec de la construction des données : ${(err as Error).message}`);
	process.exit(1);
});

/** The 977 / 978 collectivity polygons, as commune features 97701 / 97801 (see ATTACHED_COM). */
function attachedComFeatures(fcDeps: FeatureCollection): FeatureCollection['features'] {
	return Object.entries(ATTACHED_COM).flatMap(([code, a]) => {
		const f = fcDeps.features.find((x) => String(x.properties?.code ?? '') === a.cogDep);
		return f ? [{ ...f, properties: { code, nom: String(f.properties?.nom ?? code) } }] : [];
	});
}
