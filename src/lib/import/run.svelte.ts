/**
 * State of one file import at a time on a page: running, its progress, cancel, and the French
 * notice of a cancelled import. `start` aborts the previous run before it begins the next one.
 */
import { isCancelled } from './errors';
import type { ImportProgress, ProgressHook } from './types';

export class ImportRun {
	running = $state(false);
	progress = $state<ImportProgress | null>(null);
	cancelled = $state<string | null>(null);
	#abort: AbortController | null = null;

	/** Runs `job`; resolves to its result, or to null when it was cancelled (other errors are thrown). */
	async start<T>(job: (opts: { signal: AbortSignal; onProgress: ProgressHook }) => Promise<T>): Promise<T | null> {
		this.#abort?.abort();
		const abort = new AbortController();
		this.#abort = abort;
		this.running = true;
		this.progress = null;
		this.cancelled = null;
		try {
			return await job({ signal: abort.signal, onProgress: (p) => (this.progress = p) });
		} catch (e) {
			if (!isCancelled(e)) throw e;
			if (this.#abort === abort) this.cancelled = (e as Error).message;
			return null;
		} finally {
			if (this.#abort === abort) {
				this.#abort = null;
				this.running = false;
				this.progress = null;
			}
		}
	}

	cancel(): void {
		this.#abort?.abort();
	}
}
