/** Scenario file read off the main thread: decode, JSON.parse and every edit's check. */
import { serveImport, type FileRequest } from '../import/worker-runtime';
import { parseScenarioFile } from './validate';

serveImport<FileRequest, ReturnType<typeof parseScenarioFile>>((_req, bytes, progress) => {
	progress({ stage: 'validate', bytesDone: bytes.byteLength, bytesTotal: bytes.byteLength, rows: 0 });
	return parseScenarioFile(new TextDecoder('utf-8').decode(bytes));
});
