/**
 * Build step 6: the FINESS layer. Precedence: an etalab CSV extract (`finess_et`, mirror or
 * download) wins over the national FHIR file of 2021 (`finess_fhir_2021`). Returns the rows (still
 * without SAE link: see linkFiness), the quality entries, and which source was used.
 */
import type { ManifestSource } from '../src/lib/db/types.ts';
import type { FetchedFile } from './fetch.ts';
import { buildFinessLayer, type FinessSummary, type LayerContext } from './finess-layer.ts';
import { qualityBuilder } from './parsers/common.ts';
import { parseFiness } from './parsers/finess.ts';
import { FHIR_SOURCE, parseFinessFhir } from './parsers/finess-fhir.ts';
import type { FinessFacilityRow, QualityEntry } from './schema.ts';
import { sourceById } from './sources.ts';

export const FHIR_VINTAGE = 'FINESS, extraction du 8 janvier 2021';

export interface FinessStep {
	rows: FinessFacilityRow[] | null;
	entries: QualityEntry[];
	summary: FinessSummary | null;
	used: 'finess_et' | 'finess_fhir_2021' | null;
	vintage: string | null;
}

type Get = (id: string, key: string) => Promise<FetchedFile | null>;

const frDate = (iso: string) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

export async function finessStep(get: Get, aliases: ReadonlyMap<string, string>, ctx: Omit<LayerContext, 'vintage' | 'source'>, log: (m: string) => void): Promise<FinessStep> {
	const csv = await get('finess_et', 'stock');
	if (csv) {
		const parsed = parseFiness(csv.bytes, { aliases });
		const vintage = `FINESS, extraction du ${frDate(parsed.extractDate)}`;
		// The CSV gives the commune; the layer adds commune by point for the few without, and the summary.
		const layer = buildFinessLayer(parsed.rows, qualityBuilder('finess_et', 'couche FINESS (extraction etalab)'), { ...ctx, vintage, source: 'finess_et' });
		return { rows: layer.rows, entries: [parsed.quality, layer.quality], summary: layer.summary, used: 'finess_et', vintage };
	}
	const src = sourceById(FHIR_SOURCE);
	const archives: { name: string; bytes: Uint8Array }[] = [];
	for (const f of src.files) {
		const file = await get(FHIR_SOURCE, f.key);
		if (!file) break;
		archives.push({ name: f.mirror.split('/').pop()!, bytes: file.bytes });
	}
	if (archives.length !== src.files.length) {
		return {
			rows: null,
			summary: null,
			used: null,
			vintage: null,
			entries: [
				{
					source: 'finess_et',
					file: 'etalab-cs1100507-stock-*.csv, finess_fhir_2021/etab*.tar.gz',
					rows_read: 0,
					rows_kept: 0,
					rows_rejected: 0,
					rejections: {},
					notes: ['Aucune extraction FINESS (ni CSV etalab, ni fichier national FHIR 2021) : l’application affiche les établissements SAE seulement.']
				}
			]
		};
	}
	log(`  ${archives.length} archives FHIR (flux gunzip → tar → NDJSON)…`);
	const fhir = await parseFinessFhir(archives);
	const layer = buildFinessLayer(fhir.sites, fhir.quality, { ...ctx, vintage: FHIR_VINTAGE, source: FHIR_SOURCE }, {
		reprojected: fhir.reprojected,
		notes: [
			`Extraction etalab-cs1100507 du 8 janvier 2021 au format FHIR R4 : ${fhir.organizations} Organization, ${fhir.locations} Location dans ${fhir.files} archives.`,
			`${fhir.withoutPosition.length} établissements sans position (${fhir.withoutPosition.slice(0, 10).join(', ')}).`,
			'Aucune extraction etalab CSV plus récente dans le miroir ni en ligne : cette extraction de 2021 est la couche FINESS utilisée.'
		]
	});
	return { rows: layer.rows, entries: [layer.quality], summary: layer.summary, used: FHIR_SOURCE, vintage: FHIR_VINTAGE };
}

/**
 * The manifest's `finess_et` entry always describes the FINESS layer actually used (the app reads
 * data.source('finess_et')): when the FHIR file was used, it takes that source's description and files.
 */
export function effectiveFinessSources(sources: ManifestSource[], step: FinessStep): ManifestSource[] {
	return sources.map((s) => {
		if (s.id === 'finess_et' && step.used === 'finess_et' && step.vintage) return { ...s, vintage: step.vintage };
		if (s.id === 'finess_et' && step.used === FHIR_SOURCE) {
			const f = sources.find((x) => x.id === FHIR_SOURCE)!;
			return { ...f, id: 'finess_et', vintage: step.vintage ?? f.vintage };
		}
		if (s.id === FHIR_SOURCE && step.used === 'finess_et')
			return { ...s, caveat: 'Non utilisée : une extraction etalab CSV plus récente (finess_et) est disponible et prévaut.' };
		return s;
	});
}
