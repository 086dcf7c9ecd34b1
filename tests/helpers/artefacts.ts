/**
 * Suites that read the built artefacts (static/data, from `npm run data`) use `describeArtefacts`.
 * Absent artefacts skip visibly, unless ATLAS_REQUIRE_MIRROR=1 (CI), where absence fails.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import type { Manifest } from '../../src/lib/db/types.ts';
import { createNodeDuckDB, type NodeDuckDB } from './duckdb-node.ts';

export const DATA_DIR = join(process.cwd(), 'static', 'data');
export const HAS_ARTEFACTS = existsSync(join(DATA_DIR, 'manifest.json'));

export const describeArtefacts: typeof describe = ((name: string, fn: () => void) => {
	if (HAS_ARTEFACTS) return describe(name, fn);
	if (process.env.ATLAS_REQUIRE_MIRROR === '1') {
		return describe(name, () => {
			it('needs the built artefacts (npm run data)', () => {
				throw new Error('Artefacts absents : lancez `npm run data` avant les tests.');
			});
		});
	}
	console.warn(`[artefacts] static/data absent: skipping "${name}" (run npm run data)`);
	return describe.skip(name, fn);
}) as typeof describe;

export function readManifest(): Manifest {
	return JSON.parse(readFileSync(join(DATA_DIR, 'manifest.json'), 'utf8')) as Manifest;
}

/** A Node DuckDB with every table artefact of the manifest loaded, as the browser does. */
export async function loadAllArtefacts(): Promise<NodeDuckDB> {
	const db = await createNodeDuckDB();
	for (const a of readManifest().artefacts) {
		if (a.kind === 'table') db.insertArrow(a.name, readFileSync(join(DATA_DIR, a.file)));
	}
	return db;
}
