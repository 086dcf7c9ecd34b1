/**
 * Establishments and facilities as points and records: SAE 2023 psychiatric establishments with a
 * position, FINESS sites (builders of facilities/sql.ts), one site's record, the sites of a territory.
 */
import type { FeatureCollection, Point } from 'geojson';
import { KIND_FAMILY, type FacilityKind } from '../facilities/kinds';
import { facilitiesInTerritorySql, facilityByIdSql, facilityPointsSql, toFacilityRecord, type FacilityRecord, type TerritoryScope } from '../facilities/sql';
import type { QueryPort } from './port';

interface PointRow {
	lon: number;
	lat: number;
	[k: string]: unknown;
}

/** Rows with lon / lat as GeoJSON points, the other columns as properties. */
export function toPoints(rows: readonly PointRow[]): FeatureCollection<Point> {
	return {
		type: 'FeatureCollection',
		features: rows.map(({ lon, lat, ...properties }) => ({
			type: 'Feature',
			geometry: { type: 'Point', coordinates: [Number(lon), Number(lat)] },
			properties
		}))
	};
}

/** SAE 2023 establishments placed on the map (site position or commune centre: `geo_source`). */
export async function establishmentPoints(port: QueryPort): Promise<FeatureCollection<Point>> {
	const rows = await port.query<PointRow>(
		`SELECT fi, name, cat, geo_source, lon, lat FROM sae_establishments
		WHERE in_2023 AND geo_source <> 'none' AND lon IS NOT NULL AND lat IS NOT NULL`
	);
	return toPoints(rows);
}

/** Every FINESS site with a position (with its `family`), and the count per kind. */
export async function facilityPoints(port: QueryPort): Promise<{ points: FeatureCollection<Point>; counts: Map<FacilityKind, number> }> {
	const { sql, params } = facilityPointsSql();
	const rows = await port.query<PointRow>(sql, params);
	const counts = new Map<FacilityKind, number>();
	for (const r of rows) {
		const k = r.kind as FacilityKind;
		counts.set(k, (counts.get(k) ?? 0) + 1);
		r.family = KIND_FAMILY[k];
	}
	return { points: toPoints(rows), counts };
}

/** One FINESS site by its FINESS ET, or null. */
export async function facilityById(port: QueryPort, finess: string): Promise<FacilityRecord | null> {
	const { sql, params } = facilityByIdSql(finess);
	const [row] = await port.query<Record<string, unknown>>(sql, params);
	return row ? toFacilityRecord(row) : null;
}

/** The FINESS sites of the given kinds in a territory (kind order, commune, name). */
export async function facilitiesInTerritory(port: QueryPort, scope: TerritoryScope, kinds: readonly FacilityKind[]): Promise<FacilityRecord[]> {
	const { sql, params } = facilitiesInTerritorySql(scope, kinds);
	return (await port.query<Record<string, unknown>>(sql, params)).map(toFacilityRecord);
}
