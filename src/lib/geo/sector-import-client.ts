/**
 * Main-thread side of the sector-file import worker: the file's bytes go to a fresh worker
 * (transferred, not copied), progress comes back, and `cancel()` terminates the worker at once.
 */
import { SectorImportError, type ImportProgress, type SectorImportContext, type SectorImportReport } from './sector-import';
import type { ImportMessage, ImportRequest, PackedContext } from './sector-import.worker';

export const IMPORT_CANCELLED = 'cancelled';

// Strings, not Maps of objects: a structured clone of a string is a copy of bytes, while
// 35 000 communes and 40 000 aliases as objects cost hundreds of milliseconds of main thread.
// Built once per context, in slices that yield to the page between them; each slice is joined
// on its own (one join of all 75 000 lines was a 60 ms task on a loaded machine).
const packed = new WeakMap<SectorImportContext, Promise<PackedContext>>();
const US = '\u001F';
const SLICE = 1000;
const pause = () => new Promise<void>((r) => setTimeout(r, 0));

function pack(ctx: SectorImportContext): Promise<PackedContext> {
	let p = packed.get(ctx);
	if (!p) {
		p = (async () => {
			const chunks: string[] = [];
			let parts: string[] = [];
			const add = async (line: string) => {
				parts.push(line);
				if (parts.length === SLICE) {
					chunks.push(parts.join('\n'));
					parts = [];
					await pause();
				}
			};
			for (const [code, c] of ctx.communes) await add(`C${US}${code}${US}${c.dep}${US}${c.name}${US}${c.population}`);
			for (const [alias, code] of ctx.aliases) await add(`A${US}${alias}${US}${code}${US}${ctx.aliasDetails?.get(alias)?.kind ?? ''}`);
			if (parts.length) chunks.push(parts.join('\n'));
			return { chunks, scopeDeps: ctx.scopeDeps ?? null };
		})();
		packed.set(ctx, p);
		p.catch(() => packed.delete(ctx));
	}
	return p;
}

/**
 * Packs the context ahead of the first file, while the page is idle: the allocation (and the
 * garbage collection it triggers on a page holding the commune geometry) then falls outside
 * the import, whose main-thread share is a transfer and a few progress messages.
 */
export function prepareSectorImport(ctx: SectorImportContext): void {
	const run = () => void pack(ctx);
	if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 5000 });
	else setTimeout(run, 0);
}

export interface RunningImport {
	result: Promise<SectorImportReport>;
	cancel(): void;
}

export function importSectorFile(file: Blob & { name: string }, ctx: SectorImportContext, onProgress?: (p: ImportProgress) => void): RunningImport {
	let worker: Worker | null = null;
	let settle: ((e: Error) => void) | null = null;
	let cancelled = false;
	const result = new Promise<SectorImportReport>((resolve, reject) => {
		settle = reject;
		void Promise.all([file.arrayBuffer(), pack(ctx)]).then(
			([bytes, packedCtx]) => {
				if (cancelled) return;
				const w = new Worker(new URL('./sector-import.worker.ts', import.meta.url), { type: 'module' });
				worker = w;
				w.onmessage = (e: MessageEvent<ImportMessage>) => {
					const m = e.data;
					if (m.type === 'progress') onProgress?.(m);
					else {
						w.terminate();
						if (m.type === 'done') resolve(m.report);
						else reject(new SectorImportError(m.code, m.message));
					}
				};
				w.onerror = (e) => {
					w.terminate();
					reject(new SectorImportError('internal', `L'import du fichier « ${file.name} » a échoué (${e.message || 'erreur du worker'}). Rechargez la page et réessayez.`));
				};
				const req: ImportRequest = { bytes, fileName: file.name, ctx: packedCtx };
				w.postMessage(req, [bytes]);
			},
			() => reject(new SectorImportError('unreadable', `Le fichier « ${file.name} » n'a pas pu être lu par le navigateur. Vérifiez qu'il est encore présent sur le disque, puis réessayez.`))
		);
	});
	return {
		result,
		cancel() {
			cancelled = true;
			(worker as Worker | null)?.terminate();
			settle?.(new SectorImportError(IMPORT_CANCELLED, 'Import annulé : rien n’a été lu ni enregistré.'));
		}
	};
}
