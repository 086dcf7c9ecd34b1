/**
 * Sector-file import off the main thread: parse (decode, unpack, read) and validate, posting
 * progress. One file per worker; the page cancels by terminating it.
 * Messages in: { bytes: ArrayBuffer (transferred), fileName, ctx }. Out: progress / done / error.
 */
import {
	parseSectorFile,
	SectorImportError,
	validateSectors,
	type AliasInfo,
	type CommuneInfo,
	type ImportProgress,
	type SectorImportContext,
	type SectorImportReport
} from './sector-import';

/**
 * The import context as strings (cheap to clone; see sector-import-client.ts): lines
 * `C␟code␟dep␟name␟population` and `A␟alias␟code␟kind`, fields separated by U+001F.
 */
export interface PackedContext {
	chunks: string[];
	scopeDeps: string[] | null;
}
export type ImportRequest = { bytes: ArrayBuffer; fileName: string; ctx: PackedContext };

export function unpack(p: PackedContext): SectorImportContext {
	const communes = new Map<string, CommuneInfo>();
	const aliases = new Map<string, string>();
	const aliasDetails = new Map<string, AliasInfo>();
	for (const line of p.chunks.flatMap((c) => c.split('\n'))) {
		const f = line.split('\u001F');
		if (f[0] === 'C') communes.set(f[1]!, { dep: f[2]!, name: f[3]!, population: Number(f[4]) || 0 });
		else if (f[0] === 'A') {
			aliases.set(f[1]!, f[2]!);
			if (f[3]) aliasDetails.set(f[1]!, { kind: f[3] as AliasInfo['kind'] });
		}
	}
	const ctx: SectorImportContext = { communes, aliases, aliasDetails };
	if (p.scopeDeps) ctx.scopeDeps = p.scopeDeps;
	return ctx;
}

export type ImportMessage =
	| ({ type: 'progress' } & ImportProgress)
	| { type: 'done'; report: SectorImportReport }
	| { type: 'error'; code: string; message: string };

const post = (m: ImportMessage) => (self as unknown as Worker).postMessage(m);

self.onmessage = async (e: MessageEvent<ImportRequest>) => {
	const { bytes, fileName, ctx } = e.data;
	const data = new Uint8Array(bytes);
	let last = 0;
	const progress = (p: ImportProgress) => {
		const now = performance.now();
		if (now - last < 50 && p.stage !== 'validate') return; // enough for a progress bar
		last = now;
		post({ type: 'progress', ...p });
	};
	try {
		progress({ stage: 'read', bytesDone: 0, bytesTotal: data.byteLength, rows: 0 });
		const raw = await parseSectorFile(data, fileName, progress);
		progress({ stage: 'validate', bytesDone: data.byteLength, bytesTotal: data.byteLength, rows: raw.rows.length });
		post({ type: 'done', report: validateSectors(raw, unpack(ctx)) });
	} catch (err) {
		if (err instanceof SectorImportError) post({ type: 'error', code: err.code, message: err.message });
		else post({ type: 'error', code: 'internal', message: `Le fichier « ${fileName} » n'a pas pu être lu (erreur inattendue : ${String((err as Error)?.message ?? err).slice(0, 200)}). Enregistrez-le à nouveau en CSV UTF-8 depuis votre tableur et réessayez.` });
	}
};
