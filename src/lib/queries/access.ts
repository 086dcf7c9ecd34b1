/**
 * What the accessibility page reads from DuckDB (communes with their demand, SAE and FINESS
 * sites, names, CMP left unplaced), over the query port. The statements live in
 * scenarios/access/load.ts, shared with the projection's access view and the benchmark.
 */
import { loadAccessData, type AccessData } from '../scenarios/access/load';
import type { QueryPort } from './port';

export type { AccessData };

export function accessData(port: QueryPort, hasFiness: () => boolean = () => false): Promise<AccessData> {
	return loadAccessData((sql, params) => port.query(sql, params), hasFiness);
}
