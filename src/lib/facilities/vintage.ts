/**
 * Source line of the FINESS layer, read from the manifest (the vintage actually built, e.g.
 * « FINESS, extraction du 8 janvier 2021 »), never hard-coded.
 */
import type { Manifest, ManifestSource } from '../db/types';

/** The source of the `finess_facilities` artefact, by the manifest's own link (not a fixed id). */
export function finessSource(manifest: Pick<Manifest, 'artefacts' | 'sources'> | null | undefined): ManifestSource | null {
	if (!manifest) return null;
	const art = manifest.artefacts.find((a) => a.name === 'finess_facilities');
	// The artefact also lists the sources it is joined with (COG, SAE): keep the FINESS ones,
	// in the artefact's order, the first available one winning.
	const finess = (art?.sources ?? [])
		.filter((id) => id.startsWith('finess'))
		.map((id) => manifest.sources.find((s) => s.id === id))
		.filter((s): s is ManifestSource => !!s);
	return finess.find((s) => s.available) ?? finess[0] ?? null;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** « FINESS, extraction du 8 janvier 2021 » from the source's vintage ('Extraction du 8 janvier 2021'). */
export function finessVintage(source: Pick<ManifestSource, 'vintage'> | null | undefined): string {
	const v = source?.vintage?.trim();
	if (!v) return 'FINESS';
	return /^finess\b/i.test(v) ? v : `FINESS, ${lowerFirst(v)}`;
}

/** Full source line: vintage and licence. */
export function finessSourceLine(source: Pick<ManifestSource, 'vintage' | 'licence'> | null | undefined): string {
	const lic = source?.licence ? ` ; ${source.licence}` : '';
	return `${finessVintage(source)} (ministère de la Santé, data.gouv.fr)${lic}`;
}
