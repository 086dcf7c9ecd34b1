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

/** The import context as columns (cheap to clone); see sector-import-client.ts. */
export interface PackedContext {
	codes: string[];
	deps: string[];
	names: string[];
	pops: Float64Array;
	aliasFrom: string[];
	aliasTo: string[];
	details: [string, AliasInfo][];
	scopeDeps: string[] | null;
}
export type ImportRequest = { bytes: ArrayBuffer; fileName: string; ctx: PackedContext };

export function unpack(p: PackedContext): SectorImportContext {
	const communes = new Map<string, CommuneInfo>();
	p.codes.forEach((code, i) => communes.set(code, { dep: p.deps[i]!, name: p.names[i]!, population: p.pops[i]! }));
	const aliases = new Map<string, string>();
	p.aliasFrom.forEach((a, i) => aliases.set(a, p.aliasTo[i]!));
	const ctx: SectorImportContext = { communes, aliases, aliasDetails: new Map(p.details) };
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
