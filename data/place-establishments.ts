/**
 * Puts each SAE psychiatric establishment on the map. The SAE has no coordinates, so, in order of
 * precision:
 *   1. the FINESS extract's coordinates for the same FINESS géographique (geo_source 'site');
 *   2. the GISCO hospital site with the same FINESS id (geo_source 'site');
 *   3. the interior point of its commune (geo_source 'commune');
 *   4. nothing (geo_source 'none').
 * Pure function: the commune lookup is injected.
 */
import type { FinessFacilityRow, HospitalSiteRow, ParseResult, SaeEstablishmentRow } from './schema.ts';
import { qualityBuilder } from './parsers/common.ts';

export type CommunePoint = (code: string) => [number, number] | null;

export function placeEstablishments(
	est: readonly SaeEstablishmentRow[],
	sites: readonly HospitalSiteRow[],
	finess: readonly FinessFacilityRow[] | null,
	communePoint: CommunePoint
): ParseResult<SaeEstablishmentRow> {
	const q = qualityBuilder('sae_psy', 'établissements SAE placés (FINESS, GISCO, commune)');
	const fromFiness = new Map<string, [number, number]>();
	for (const f of finess ?? []) if (f.lon !== null && f.lat !== null) fromFiness.set(f.finess, [f.lon, f.lat]);
	const fromSite = new Map<string, [number, number]>();
	for (const s of sites) if (!fromSite.has(s.finess)) fromSite.set(s.finess, [s.lon, s.lat]);

	const counts = { finess: 0, gisco: 0, commune: 0, none: 0 };
	const unplaced: string[] = [];
	const rows = est.map((e): SaeEstablishmentRow => {
		q.read();
		q.keep();
		let point = fromFiness.get(e.fi);
		let source: SaeEstablishmentRow['geo_source'] = 'site';
		if (point) counts.finess++;
		else if ((point = fromSite.get(e.fi))) counts.gisco++;
		else if (e.commune && (point = communePoint(e.commune) ?? undefined)) {
			source = 'commune';
			counts.commune++;
		} else {
			counts.none++;
			if (unplaced.length < 10) unplaced.push(e.fi);
			return { ...e, lon: null, lat: null, geo_source: 'none' };
		}
		return { ...e, lon: point[0], lat: point[1], geo_source: source };
	});
	q.note(
		`Placement: ${counts.finess} from the FINESS extract${finess ? '' : ' (absent)'}, ${counts.gisco} from GISCO hospital sites ` +
			`(geo_source 'site': ${counts.finess + counts.gisco}), ${counts.commune} at their commune's interior point ('commune'), ` +
			`${counts.none} not placed ('none')${unplaced.length ? `: ${unplaced.join(', ')}` : ''}.`
	);
	return { rows, quality: q.build() };
}

/** Counts per geo_source, for reports and tests. */
export function countGeoSources(rows: readonly SaeEstablishmentRow[]): Record<SaeEstablishmentRow['geo_source'], number> {
	const c = { site: 0, commune: 0, none: 0 };
	for (const r of rows) c[r.geo_source]++;
	return c;
}
