/**
 * Worker side of every file import: receives one request, runs the import with a progress hook
 * (throttled to one message per 50 ms, enough for a progress bar), posts the result or a French
 * error. One file per worker; the page cancels by terminating it (./client.ts).
 */
import { FILE_MESSAGES } from './messages';
import type { ImportProgress, ProgressHook } from './types';

export type WorkerMessage<T> =
	| ({ type: 'progress' } & ImportProgress)
	| { type: 'done'; result: T }
	| { type: 'error'; code: string; message: string };

/** Requests carry the file's bytes (transferred) and its name; the rest is the import's. */
export interface FileRequest {
	bytes: ArrayBuffer;
	fileName: string;
}

export function serveImport<Req extends FileRequest, T>(run: (req: Req, bytes: Uint8Array, progress: ProgressHook) => Promise<T> | T): void {
	const scope = self as unknown as Worker;
	const post = (m: WorkerMessage<T>) => scope.postMessage(m);
	scope.onmessage = async (e: MessageEvent<Req>) => {
		const req = e.data;
		const bytes = new Uint8Array(req.bytes);
		let last = 0;
		const progress: ProgressHook = (p) => {
			const now = performance.now();
			if (now - last < 50 && p.stage !== 'validate') return;
			last = now;
			post({ type: 'progress', ...p });
		};
		try {
			progress({ stage: 'read', bytesDone: 0, bytesTotal: bytes.byteLength, rows: 0 });
			post({ type: 'done', result: await run(req, bytes, progress) });
		} catch (err) {
			const code = (err as { code?: unknown })?.code;
			if (err instanceof Error && typeof code === 'string') post({ type: 'error', code, message: err.message });
			else post({ type: 'error', code: 'internal', message: FILE_MESSAGES.internal(req.fileName, String((err as Error)?.message ?? err)) });
		}
		// The worker ends itself: tearing down its heap (a parsed file) then costs the page nothing.
		self.close();
	};
}
