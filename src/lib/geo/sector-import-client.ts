/**
 * Main-thread side of the sector-file import worker: the file's bytes go to a fresh worker
 * (transferred, not copied), progress comes back, and `cancel()` terminates the worker at once.
 */
import { SectorImportError, type ImportProgress, type SectorImportContext, type SectorImportReport } from './sector-import';
import type { ImportMessage, ImportRequest, PackedContext } from './sector-import.worker';

export const IMPORT_CANCELLED = 'cancelled';

// Columns, not Maps of objects: a structured clone of plain arrays is several times cheaper on
// the main thread (35 000 communes, 40 000 aliases). Packed once per context object.
const packed = new WeakMap<SectorImportContext, PackedContext>();
function pack(ctx: SectorImportContext): PackedContext {
	let p = packed.get(ctx);
	if (!p) {
		const codes: string[] = [];
		const deps: string[] = [];
		const names: string[] = [];
		const pops = new Float64Array(ctx.communes.size);
		let i = 0;
		for (const [code, c] of ctx.communes) {
			codes.push(code);
			deps.push(c.dep);
			names.push(c.name);
			pops[i++] = c.population;
		}
		p = {
			codes,
			deps,
			names,
			pops,
			aliasFrom: [...ctx.aliases.keys()],
			aliasTo: [...ctx.aliases.values()],
			details: ctx.aliasDetails ? [...ctx.aliasDetails] : [],
			scopeDeps: ctx.scopeDeps ?? null
		};
		packed.set(ctx, p);
	}
	return p;
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
		void file.arrayBuffer().then(
			(bytes) => {
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
				const req: ImportRequest = { bytes, fileName: file.name, ctx: pack(ctx) };
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
