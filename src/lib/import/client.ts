/**
 * Main-thread side of every file import run in a worker (sector tables, local resources,
 * workspace and scenario files, and any new table import). The file's bytes go to a fresh
 * worker (transferred, not copied), progress comes back, and aborting the signal terminates the
 * worker at once (the promise rejects with code IMPORT_CANCELLED, nothing was read or stored).
 *
 * For a new table import (e.g. own indicators), `readTableInWorker(file, { onProgress, signal })`
 * reads a CSV/XLSX off the main thread and returns its sheets as grids of text cells plus the
 * structural problems of the file (src/lib/import/table.ts `TableFile`), with the shared limits
 * (`MAX_FILE_BYTES`, `MAX_XLSX_UNCOMPRESSED` in ./types.ts) and French messages. Then find the
 * header, map columns and validate rows on the result; for very large tables, prefer a worker of
 * your own built like resources/local-import.worker.ts (validation in the worker too), so only
 * the report crosses back to the page.
 */
import { ImportError, IMPORT_CANCELLED } from './errors';
import { FILE_MESSAGES } from './messages';
import type { TableFile } from './table';
import type { ProgressHook } from './types';
import type { FileRequest, WorkerMessage } from './worker-runtime';

export { ImportError, IMPORT_CANCELLED, isCancelled } from './errors';

export interface WorkerImportOptions {
	onProgress?: ProgressHook;
	signal?: AbortSignal;
}

type Named = Blob & { name: string };

/**
 * Runs one import in a fresh worker from `create` (which must call `new Worker(new URL(…),
 * { type: 'module' })` itself, so that Vite bundles the worker). `extra` completes the request
 * (it may be async: a packed context); it is awaited before the worker starts.
 */
export function runImportWorker<T, Extra extends object>(
	create: () => Worker,
	file: Named,
	extra: Extra | Promise<Extra>,
	opts: WorkerImportOptions = {}
): Promise<T> {
	const { signal, onProgress } = opts;
	const cancelled = () => new ImportError(IMPORT_CANCELLED, FILE_MESSAGES.cancelled);
	if (signal?.aborted) return Promise.reject(cancelled());
	return new Promise<T>((resolve, reject) => {
		let worker: Worker | null = null;
		let done = false;
		// A worker that answered closes itself (worker-runtime.ts); one that did not is terminated.
		const finish = (f: () => void, stop = true) => {
			if (done) return;
			done = true;
			if (stop) worker?.terminate();
			signal?.removeEventListener('abort', onAbort);
			f();
		};
		const onAbort = () => finish(() => reject(cancelled()));
		signal?.addEventListener('abort', onAbort, { once: true });
		void Promise.all([file.arrayBuffer(), extra]).then(
			([bytes, more]) => {
				if (done) return;
				const w = create();
				worker = w;
				w.onmessage = (e: MessageEvent<WorkerMessage<T>>) => {
					const m = e.data;
					if (m.type === 'progress') onProgress?.(m);
					else if (m.type === 'done') finish(() => resolve(m.result), false);
					else finish(() => reject(new ImportError(m.code, m.message)), false);
				};
				w.onerror = (e) => finish(() => reject(new ImportError('internal', FILE_MESSAGES.workerFailed(file.name, e.message || 'erreur du worker'))));
				const req: FileRequest & Extra = { ...more, bytes, fileName: file.name };
				w.postMessage(req, [bytes]);
			},
			() => finish(() => reject(new ImportError('unreadable', FILE_MESSAGES.browserUnreadable(file.name))))
		);
	});
}

/** A CSV/XLSX read off the main thread: sheets as text grids and the file's structural problems. */
export function readTableInWorker(file: Named, opts: WorkerImportOptions & { what?: string } = {}): Promise<TableFile> {
	return runImportWorker<TableFile, { what: string }>(
		() => new Worker(new URL('./table.worker.ts', import.meta.url), { type: 'module' }),
		file,
		{ what: opts.what ?? 'le tableau attendu' },
		opts
	);
}
