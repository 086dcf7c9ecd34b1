/**
 * Writes artefacts: Arrow IPC stream tables (what the npm duckdb-wasm can read offline),
 * TopoJSON, and the manifest with provenance, sizes and sha256.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bool, dictionary, float64, int32, tableFromArrays, tableToIPC, utf8 } from '@uwdata/flechette';
import type { FeatureCollection } from 'geojson';
import type { ManifestArtefact, ManifestTiles } from '../src/lib/db/types.ts';
import { cutTiles, writeTiles, type TileOptions } from './geo/tiles.ts';

export type ColumnType = 'string' | 'dict' | 'float' | 'int' | 'bool';
export type TableSpec<Row> = { [K in keyof Row]: ColumnType };

function arrowType(t: ColumnType) {
	switch (t) {
		case 'string':
			return utf8();
		// Repetitive short codes (dep, reg, discipline) compress well as dictionaries.
		case 'dict':
			return dictionary(utf8(), int32());
		case 'float':
			return float64();
		case 'int':
			return int32();
		case 'bool':
			return bool();
	}
}

export function sha256(bytes: Uint8Array | string): string {
	return createHash('sha256').update(bytes).digest('hex');
}

/** Encodes rows as an Arrow IPC stream with an explicit schema (column order = spec order). */
export function rowsToArrowIPC<Row extends object>(rows: Row[], spec: TableSpec<Row>): Uint8Array {
	const columns: Record<string, unknown[]> = {};
	const types: Record<string, ReturnType<typeof arrowType>> = {};
	for (const [name, t] of Object.entries(spec) as [string, ColumnType][]) {
		types[name] = arrowType(t);
		columns[name] = rows.map((r) => {
			const v = (r as Record<string, unknown>)[name];
			if (v === undefined || v === null) return null;
			if ((t === 'float' || t === 'int') && (typeof v !== 'number' || !Number.isFinite(v))) {
				throw new Error(`Column ${name}: non-numeric value ${String(v)}`);
			}
			return v;
		});
	}
	const table = tableFromArrays(columns, { types });
	const bytes = tableToIPC(table, { format: 'stream' });
	if (!bytes) throw new Error('Arrow encoding failed');
	return bytes;
}

export class ArtefactWriter {
	readonly artefacts: ManifestArtefact[] = [];
	readonly tiles: ManifestTiles[] = [];
	constructor(readonly outDir: string) {
		mkdirSync(outDir, { recursive: true });
	}

	table<Row extends object>(name: string, rows: Row[], spec: TableSpec<Row>, sources: string[]): ManifestArtefact {
		const columns = Object.entries(spec).map(([n, t]) => ({ name: n, type: t as string }));
		return this.write({ name, file: `${name}.arrow`, kind: 'table', sources, rows: rows.length, columns }, rowsToArrowIPC(rows, spec));
	}

	topojson(name: string, json: string, features: number, sources: string[]): ManifestArtefact {
		return this.write({ name, file: `${name}.topojson`, kind: 'topojson', sources, rows: features }, json);
	}

	/** Cuts `fc` into vector tiles under tiles/<name>/ (see geo/tiles.ts). */
	vectorTiles(name: string, fc: FeatureCollection, opts: TileOptions, source: { ids: string[]; vintage: string; licence: string }): ManifestTiles {
		const set = cutTiles(fc, opts);
		const dir = `tiles/${name}`;
		const codes = fc.features.map((f) => String(f.properties?.code ?? f.id ?? ''));
		const w = writeTiles(join(this.outDir, dir), set, opts, codes);
		const entry: ManifestTiles = {
			name,
			dir,
			layer: opts.layer,
			format: 'mvt',
			sources: source.ids,
			vintage: source.vintage,
			licence: source.licence,
			minzoom: opts.minZoom,
			maxzoom: opts.maxZoom,
			count: w.count,
			features: set.features,
			bytes: w.bytes
		};
		this.tiles.push(entry);
		return entry;
	}

	private write(meta: Omit<ManifestArtefact, 'bytes' | 'sha256'>, content: Uint8Array | string): ManifestArtefact {
		writeFileSync(join(this.outDir, meta.file), content);
		const bytes = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
		const entry: ManifestArtefact = { ...meta, bytes, sha256: sha256(content) };
		this.artefacts.push(entry);
		return entry;
	}

	/** Total size of all artefacts gzipped, the figure the 10 MB budget applies to. */
	gzipTotal(read: (file: string) => Uint8Array): number {
		return this.artefacts.reduce((s, a) => s + gzipSync(read(a.file), { level: 9 }).length, 0);
	}
}
