/**
 * Benchmark workloads built in Node from the app's own catalogue and SQL builders, so the page
 * runs exactly the SQL the app would (bundled by bench/run.mjs with esbuild, never shipped).
 */
import { INDICATORS } from '../src/lib/indicators/catalogue';
import { indicatorSql } from '../src/lib/indicators/sql';

export const DEFAULT_INDICATOR = 'beds_adult_per100k';
export const RECOMPUTE_LEVELS = ['commune', 'epci', 'departement', 'region'] as const;
export const BENCH_SET_ID = 'bench_sectors';

export interface SqlWorkload {
	id: string;
	level: string;
	sql: string;
	params: unknown[];
}

function def(id: string) {
	const d = INDICATORS.find((x) => x.id === id);
	if (!d) throw new Error(`indicator ${id} missing from the catalogue`);
	return d;
}

export function buildWorkloads() {
	const d = def(DEFAULT_INDICATOR);
	const recompute: SqlWorkload[] = RECOMPUTE_LEVELS.map((level) => ({ id: d.id, level, ...indicatorSql(d, level) }));
	// Every catalogue indicator at département and commune level (where defined).
	const catalogue: SqlWorkload[] = [];
	for (const x of INDICATORS)
		for (const level of ['departement', 'commune'] as const)
			if (x.levels.includes(level)) catalogue.push({ id: x.id, level, ...indicatorSql(x, level) });
	const sector: SqlWorkload = { id: d.id, level: 'custom', ...indicatorSql(d, 'custom', { setId: BENCH_SET_ID }) };
	// Indicators the map switch visits (the default one is shown at start).
	const switches = INDICATORS.filter((x) => x.id !== d.id && x.levels.includes('departement'))
		.map((x) => x.id)
		.filter((_, i) => i % 5 === 0)
		.slice(0, 6);
	return { defaultIndicator: d.id, recompute, catalogue, sector, switches };
}
