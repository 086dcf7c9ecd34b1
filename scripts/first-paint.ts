/**
 * `npm run data`, last step: runs the app's own indicator queries (the catalogue's SQL builder, on
 * the same duckdb-wasm build, over the tables just written) at the national levels the map opens
 * on, and writes their frames to static/data/first-paint.json. The browser colours the first map
 * from it while DuckDB starts (issue 14); the engine then takes over with the same numbers
 * (tests/unit/first-paint.test.ts checks the equality on every build).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { FIRST_PAINT_FILE } from '../src/lib/db/load.ts';
import type { FirstPaintArtefact, FirstPaintRow, Manifest } from '../src/lib/db/types.ts';
import { INDICATORS } from '../src/lib/indicators/catalogue.ts';
import type { IndicatorDef } from '../src/lib/indicators/types.ts';
import { indicatorFrame } from '../src/lib/queries/indicators.ts';
import { portOf } from '../src/lib/queries/port.ts';
import { createNodeDuckDB } from './duckdb-node.ts';

/** The levels of the first views: the map's Auto level at national zoom, and the régions. */
export const FIRST_PAINT_LEVELS = ['departement', 'region'] as const;
// One name for the writer and the app's early request (src/lib/db/load.ts).
export { FIRST_PAINT_FILE };

/** The catalogue indicators precomputed at `level` (every stock indicator the map offers there). */
export function firstPaintIndicators(level: string): IndicatorDef[] {
	return INDICATORS.filter((d) => d.kind !== 'evolution' && (d.levels as string[]).includes(level));
}

async function main(): Promise<void> {
	const dir = join(process.cwd(), 'static', 'data');
	const manifestPath = join(dir, 'manifest.json');
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
	const db = await createNodeDuckDB();
	for (const a of manifest.artefacts) if (a.kind === 'table') db.insertArrow(a.name, readFileSync(join(dir, a.file)));
	const port = portOf(db.db);
	const out: FirstPaintArtefact = { built_from: manifest.built_at, levels: {} };
	let frames = 0;
	for (const level of FIRST_PAINT_LEVELS) {
		const names: Record<string, string> = {};
		const byId: Record<string, FirstPaintRow[]> = {};
		for (const def of firstPaintIndicators(level)) {
			try {
				const rows = await indicatorFrame(port, def, level);
				for (const r of rows) names[r.code] ??= r.name;
				byId[def.id] = rows.map((r) => [r.code, r.value, r.numerator, r.denominator]);
				frames++;
			} catch (e) {
				// A source absent from this build (optional): the engine will say so on the page.
				console.log(`  ${def.id} (${level}) non précalculé : ${(e as Error).message.split('\n')[0]}`);
			}
		}
		out.levels[level] = { names, frames: byId };
	}
	db.close();
	const text = JSON.stringify(out);
	writeFileSync(join(dir, FIRST_PAINT_FILE), text);
	const bytes = Buffer.byteLength(text);
	manifest.first_paint = {
		file: FIRST_PAINT_FILE,
		bytes,
		sha256: createHash('sha256').update(text).digest('hex'),
		indicators: frames,
		levels: [...FIRST_PAINT_LEVELS]
	};
	writeFileSync(manifestPath, JSON.stringify(manifest, null, '\t'));
	console.log(`Première carte précalculée : ${frames} tableaux d’indicateurs, ${(bytes / 1024).toFixed(0)} Ko (${FIRST_PAINT_FILE}).`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
	main().catch((e) => {
		console.error(e);
		process.exit(1);
	});
}
