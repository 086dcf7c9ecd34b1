/**
 * Reads a source file from the mirror folder when present, else downloads its official URL.
 * The mirror is ATLAS_DATA_MIRROR, defaulting to ../shared/data/raw (relative to the repo root).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Source, SourceFile } from './sources.ts';

export interface FetchedFile {
	bytes: Uint8Array;
	origin: 'mirror' | 'download';
	location: string; // mirror path or URL
}

export function repoRoot(): string {
	return resolve(dirname(new URL(import.meta.url).pathname), '..');
}

/** The mirror folder, or null when none is configured or present. */
export function mirrorDir(env: Record<string, string | undefined> = process.env): string | null {
	const configured = env.ATLAS_DATA_MIRROR;
	if (configured) {
		const dir = resolve(configured);
		if (!existsSync(dir)) throw new Error(`ATLAS_DATA_MIRROR points to a missing folder: ${dir}`);
		return dir;
	}
	const fallback = resolve(repoRoot(), '..', 'shared', 'data', 'raw');
	return existsSync(fallback) ? fallback : null;
}

function findInMirror(dir: string, file: SourceFile): string | null {
	const direct = join(dir, file.mirror);
	if (existsSync(direct)) return direct;
	if (!file.mirrorPattern) return null;
	// Dated files (e.g. etalab-cs1100507-stock-20260101.csv): take the newest name in the folder or at the root.
	for (const sub of [dirname(file.mirror), '.']) {
		const folder = join(dir, sub);
		if (!existsSync(folder) || !statSync(folder).isDirectory()) continue;
		const hits = readdirSync(folder)
			.filter((n) => file.mirrorPattern!.test(n))
			.sort();
		if (hits.length) return join(folder, hits[hits.length - 1]!);
	}
	return null;
}

async function download(url: string, timeoutMs: number, log: (msg: string) => void): Promise<Uint8Array> {
	const ctrl = new AbortController();
	const timer = setTimeout(() => ctrl.abort(), timeoutMs);
	try {
		const res = await fetch(url, { signal: ctrl.signal });
		if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
		const total = Number(res.headers.get('content-length')) || 0;
		const chunks: Uint8Array[] = [];
		let got = 0;
		let lastPct = -10;
		const reader = res.body.getReader();
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			chunks.push(value);
			got += value.length;
			const pct = total ? Math.floor((got / total) * 100) : -1;
			if (pct >= lastPct + 10) {
				log(`  ${url}: ${pct}% (${(got / 1e6).toFixed(1)} Mo)`);
				lastPct = pct;
			}
		}
		const out = new Uint8Array(got);
		let off = 0;
		for (const c of chunks) {
			out.set(c, off);
			off += c.length;
		}
		return out;
	} finally {
		clearTimeout(timer);
	}
}

export interface FetchOptions {
	mirror?: string | null;
	log?: (msg: string) => void;
	timeoutMs?: number;
	/** Never download (tests): a file missing from the mirror is an error / absent. */
	offline?: boolean;
}

/**
 * Returns the file's bytes (gunzipped when the mirror copy is .gz), or null for an optional
 * source that is neither in the mirror nor downloadable. Throws a clear error otherwise.
 */
export async function fetchSourceFile(source: Source, key: string, opts: FetchOptions = {}): Promise<FetchedFile | null> {
	const file = source.files.find((f) => f.key === key);
	if (!file) throw new Error(`Source ${source.id} has no file ${key}`);
	const log = opts.log ?? (() => {});
	const mirror = opts.mirror === undefined ? mirrorDir() : opts.mirror;
	if (mirror) {
		const path = findInMirror(mirror, file);
		if (path) {
			let bytes: Uint8Array = readFileSync(path);
			if (path.endsWith('.gz') && !file.keepCompressed) bytes = gunzipSync(bytes);
			return { bytes, origin: 'mirror', location: path };
		}
	}
	if (opts.offline) {
		if (source.optional) return null;
		throw new Error(`Source ${source.id}/${key} absente du miroir (${mirror ?? 'aucun miroir'}) et téléchargement désactivé.`);
	}
	log(`Téléchargement de ${source.id}/${key} depuis ${file.url}`);
	try {
		const bytes = await download(file.url, opts.timeoutMs ?? (source.optional ? 20_000 : 300_000), log);
		return { bytes, origin: 'download', location: file.url };
	} catch (err) {
		if (source.optional) {
			log(`  ${source.id} indisponible (${(err as Error).message}) : la source est facultative, l’application le signalera.`);
			return null;
		}
		throw new Error(
			`Impossible d’obtenir ${source.id}/${key} : absent du miroir (${mirror ?? 'aucun miroir'}) et téléchargement échoué (${(err as Error).message}). ` +
				`Hors ligne ? Définissez ATLAS_DATA_MIRROR vers une copie des fichiers bruts.`
		);
	}
}

/** Decodes bytes as UTF-8, falling back to latin-1 when the bytes are not valid UTF-8. Strips a BOM. */
export function decodeText(bytes: Uint8Array, encoding: 'utf-8' | 'latin1' | 'auto' = 'auto'): string {
	let text: string;
	if (encoding === 'latin1') text = new TextDecoder('latin1').decode(bytes);
	else if (encoding === 'utf-8') text = new TextDecoder('utf-8').decode(bytes);
	else {
		try {
			text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		} catch {
			text = new TextDecoder('latin1').decode(bytes);
		}
	}
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
