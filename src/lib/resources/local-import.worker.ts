/**
 * Local-resources import off the main thread (generic runtime: ../import/worker-runtime.ts): the
 * table is read once (structural problems kept), then every row validated by importLocalFile.
 */
import { readTableFile } from '../geo/table-file';
import { unpackLines } from '../import/pack';
import { serveImport, type FileRequest } from '../import/worker-runtime';
import { importLocalFile, LocalImportError, type LocalContext } from './local';
import type { LocalImportResult } from './local-import-client';

export type LocalImportRequest = FileRequest & { ctx: string[] };

function unpack(chunks: string[]): LocalContext {
	const communes = new Map<string, { name: string; dep: string; lon: number | null; lat: number | null }>();
	const aliases = new Map<string, string>();
	const num = (s: string | undefined) => (s ? Number(s) : null);
	unpackLines(chunks, (f) => {
		if (f[0] === 'C') communes.set(f[1]!, { name: f[2]!, dep: f[3]!, lon: num(f[4]), lat: num(f[5]) });
		else if (f[0] === 'A') aliases.set(f[1]!, f[2]!);
	});
	return { communes, aliases };
}

serveImport<LocalImportRequest, LocalImportResult>(async (req, bytes, progress) => {
	const label = req.fileName || 'fichier';
	// Same options as importLocalFile's own read, which then reuses this one (table-file.ts).
	const table = await readTableFile(bytes, label, { what: 'la liste des ressources', fail: (c, m) => new LocalImportError(c, m), onProgress: progress });
	progress({ stage: 'validate', bytesDone: bytes.byteLength, bytesTotal: bytes.byteLength, rows: table.sheets[0]?.grid.length ?? 0 });
	const report = await importLocalFile(bytes, req.fileName, unpack(req.ctx));
	return { ...report, problems: table.problems };
});
