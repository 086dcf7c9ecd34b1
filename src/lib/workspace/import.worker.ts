/** Workspace file read off the main thread: decode, JSON.parse and every record's check. */
import { serveImport, type FileRequest } from '../import/worker-runtime';
import { parseWorkspace } from './schema';

serveImport<FileRequest, ReturnType<typeof parseWorkspace>>((_req, bytes, progress) => {
	progress({ stage: 'parse', bytesDone: 0, bytesTotal: bytes.byteLength, rows: 0 });
	const text = new TextDecoder('utf-8').decode(bytes);
	progress({ stage: 'validate', bytesDone: bytes.byteLength, bytesTotal: bytes.byteLength, rows: 0 });
	return parseWorkspace(text);
});
