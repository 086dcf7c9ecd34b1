/**
 * Scenario file import in a worker (generic client: ../import/client.ts), with the size limit
 * checked first; outside a browser (Node tests) the file is parsed in place.
 */
import { runImportWorker, type WorkerImportOptions } from '../import/client';
import { MAX_FILE_BYTES, parseScenarioFile } from './validate';

type Parsed = ReturnType<typeof parseScenarioFile>;

export async function readScenarioFileInWorker(file: Blob & { name: string }, opts: WorkerImportOptions = {}): Promise<Parsed> {
	if (file.size > MAX_FILE_BYTES) return { ok: false, errors: [`Le fichier est trop volumineux (${Math.round(MAX_FILE_BYTES / 1e6)} Mo au plus).`] };
	if (typeof Worker === 'undefined') return parseScenarioFile(await file.text());
	return runImportWorker<Parsed, object>(() => new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' }), file, {}, opts);
}
