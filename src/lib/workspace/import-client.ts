/**
 * Workspace file import in a worker (generic client: ../import/client.ts): the size limit is
 * checked before a byte is read, then decoding, JSON.parse and every record's validation run
 * off the main thread; cancel through the AbortSignal. Resolves to parseWorkspace's result.
 */
import { runImportWorker, type WorkerImportOptions } from '../import/client';
import { MAX_WORKSPACE_BYTES, parseWorkspace } from './schema';

type Parsed = ReturnType<typeof parseWorkspace>;

/** The French refusal of a file over the limit (the limit is stated on the page). */
export function workspaceTooLarge(size: number): string {
	return `Le fichier est trop volumineux (${(size / 1e6).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo ; ${Math.round(MAX_WORKSPACE_BYTES / 1e6)} Mo au plus).`;
}

export async function readWorkspaceInWorker(file: Blob & { name: string }, opts: WorkerImportOptions = {}): Promise<Parsed> {
	if (file.size > MAX_WORKSPACE_BYTES) return { ok: false, errors: [workspaceTooLarge(file.size)] };
	return runImportWorker<Parsed, object>(() => new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' }), file, {}, opts);
}
