/**
 * Sector-file import off the main thread: parse (decode, unpack, read) and validate, posting
 * progress (generic runtime: ../import/worker-runtime.ts). Request: the file's bytes, its name
 * and the packed context (./sector-import-client.ts).
 */
import { unpackLines } from '../import/pack';
import { serveImport, type FileRequest } from '../import/worker-runtime';
import { parseSectorFile, validateSectors, type AliasInfo, type CommuneInfo, type SectorImportContext, type SectorImportReport } from './sector-import';

/**
 * The import context as strings (cheap to clone): lines `C␟code␟dep␟name␟population` and
 * `A␟alias␟code␟kind`, fields separated by U+001F.
 */
export interface PackedContext {
	chunks: string[];
	scopeDeps: string[] | null;
}
export type ImportRequest = FileRequest & { ctx: PackedContext };

export function unpack(p: PackedContext): SectorImportContext {
	const communes = new Map<string, CommuneInfo>();
	const aliases = new Map<string, string>();
	const aliasDetails = new Map<string, AliasInfo>();
	unpackLines(p.chunks, (f) => {
		if (f[0] === 'C') communes.set(f[1]!, { dep: f[2]!, name: f[3]!, population: Number(f[4]) || 0 });
		else if (f[0] === 'A') {
			aliases.set(f[1]!, f[2]!);
			if (f[3]) aliasDetails.set(f[1]!, { kind: f[3] as AliasInfo['kind'] });
		}
	});
	const ctx: SectorImportContext = { communes, aliases, aliasDetails };
	if (p.scopeDeps) ctx.scopeDeps = p.scopeDeps;
	return ctx;
}

serveImport<ImportRequest, SectorImportReport>(async (req, bytes, progress) => {
	const raw = await parseSectorFile(bytes, req.fileName, progress);
	progress({ stage: 'validate', bytesDone: bytes.byteLength, bytesTotal: bytes.byteLength, rows: raw.rows.length });
	return validateSectors(raw, unpack(req.ctx));
});
