/** Generic table reading off the main thread (see readTableInWorker in ./client.ts). */
import { ImportError } from './errors';
import { readTable } from './table';
import { serveImport, type FileRequest } from './worker-runtime';

serveImport<FileRequest & { what: string }, Awaited<ReturnType<typeof readTable>>>((req, bytes, progress) =>
	readTable(bytes, req.fileName || 'fichier', { what: req.what, fail: (c, m) => new ImportError(c, m), onProgress: progress })
);
