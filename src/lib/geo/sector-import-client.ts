/**
 * Main-thread side of the sector-file import worker, through the generic import client
 * (../import/client.ts): bytes transferred to a fresh worker, progress back, `cancel()`
 * terminates the worker at once.
 */
import { runImportWorker } from '../import/client';
import { IMPORT_CANCELLED } from '../import/errors';
import { packLines, packOnce, US } from '../import/pack';
import { SectorImportError, type ImportProgress, type SectorImportContext, type SectorImportReport } from './sector-import';
import type { ImportRequest, PackedContext } from './sector-import.worker';

export { IMPORT_CANCELLED };

// Built once per context, in slices that yield to the page (see ../import/pack.ts).
const packed = packOnce<SectorImportContext, PackedContext>(async (ctx) => {
	const chunks = await packLines(ctx.communes, ([code, c]) => `C${US}${code}${US}${c.dep}${US}${c.name}${US}${c.population}`);
	chunks.push(...(await packLines(ctx.aliases, ([alias, code]) => `A${US}${alias}${US}${code}${US}${ctx.aliasDetails?.get(alias)?.kind ?? ''}`)));
	return { chunks, scopeDeps: ctx.scopeDeps ?? null };
});

/**
 * Packs the context ahead of the first file, while the page is idle: the allocation (and the
 * garbage collection it triggers on a page holding the commune geometry) then falls outside
 * the import, whose main-thread share is a transfer and a few progress messages.
 */
export function prepareSectorImport(ctx: SectorImportContext): void {
	packed.prepare(ctx);
}

export interface RunningImport {
	result: Promise<SectorImportReport>;
	cancel(): void;
}

export function importSectorFile(file: Blob & { name: string }, ctx: SectorImportContext, onProgress?: (p: ImportProgress) => void): RunningImport {
	const abort = new AbortController();
	const result = runImportWorker<SectorImportReport, Pick<ImportRequest, 'ctx'>>(
		() => new Worker(new URL('./sector-import.worker.ts', import.meta.url), { type: 'module' }),
		file,
		packed.get(ctx).then((c) => ({ ctx: c })),
		{ onProgress, signal: abort.signal }
	).catch((e: { code: string; message: string }) => {
		throw new SectorImportError(e.code, e.message);
	});
	return { result, cancel: () => abort.abort() };
}
