/**
 * The communes of a territory (every level of the map), to list the local resources placed in it
 * (they are kept in IndexedDB, not in DuckDB: the membership is resolved here, the filter in JS).
 * A set member that is part of Paris, Lyon or Marseille comes as its arrondissement code: a
 * resource placed in the city as a whole is then not in it (its arrondissement is unknown).
 */
import type { QueryPort } from './port';
import type { TerritoryScope } from '../facilities/sql';

export async function communesOfTerritory(port: QueryPort, scope: TerritoryScope): Promise<Set<string>> {
	let sql: string;
	const params: unknown[] = [scope.code];
	switch (scope.level) {
		case 'france':
			return new Set((await port.query<{ code: string }>('SELECT code::VARCHAR AS code FROM communes', [])).map((r) => r.code));
		case 'commune':
			return new Set([scope.code]);
		case 'epci':
			sql = 'SELECT code::VARCHAR AS code FROM communes WHERE epci = $1';
			break;
		case 'departement':
			sql = 'SELECT code::VARCHAR AS code FROM communes WHERE dep = $1';
			break;
		case 'region':
			sql = 'SELECT code::VARCHAR AS code FROM communes WHERE reg = $1';
			break;
		case 'sector':
		case 'custom': {
			if (!scope.setId) throw new Error('Territoire de secteur sans jeu de territoires (setId).');
			params.push(scope.setId);
			const kinds = scope.kinds ?? [];
			const tk = kinds.length ? ` AND kind IN (${kinds.map((k) => (params.push(k), `$${params.length}`)).join(', ')})` : '';
			sql = `SELECT DISTINCT COALESCE(unit, commune)::VARCHAR AS code FROM territory_members WHERE territory = $1 AND set_id = $2${tk}`;
			break;
		}
	}
	return new Set((await port.query<{ code: string }>(sql, params)).map((r) => r.code));
}
