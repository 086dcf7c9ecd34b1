/**
 * Local-resources import in a worker (generic client: ../import/client.ts): progress, cancel
 * through an AbortSignal, the file's structural problems returned with the report so that the
 * page can hold the save until the user decides.
 */
import { runImportWorker, type WorkerImportOptions } from '../import/client';
import { packLines, packOnce, US } from '../import/pack';
import type { StructuralProblem } from '../import/types';
import type { LocalContext, LocalImportReport } from './local';

export interface LocalImportResult extends LocalImportReport {
	problems: StructuralProblem[];
}

const packed = packOnce<LocalContext['communes'], string[]>(async (communes) =>
	packLines(communes, ([code, c]) => `C${US}${code}${US}${c.name}${US}${c.dep}${US}${c.lon ?? ''}${US}${c.lat ?? ''}`)
);
const packedAliases = packOnce<LocalContext['aliases'], string[]>(async (aliases) => packLines(aliases, ([a, code]) => `A${US}${a}${US}${code}`));

/** Packs the context while the page is idle, ahead of the first file. */
export function prepareLocalImport(ctx: LocalContext): void {
	packed.prepare(ctx.communes);
	packedAliases.prepare(ctx.aliases);
}

export function importLocalFileInWorker(file: Blob & { name: string }, ctx: LocalContext | Promise<LocalContext>, opts: WorkerImportOptions = {}): Promise<LocalImportResult> {
	const extra = Promise.resolve(ctx).then(async (c) => ({ ctx: [...(await packed.get(c.communes)), ...(await packedAliases.get(c.aliases))] }));
	return runImportWorker<LocalImportResult, { ctx: string[] }>(
		() => new Worker(new URL('./local-import.worker.ts', import.meta.url), { type: 'module' }),
		file,
		extra,
		opts
	);
}
