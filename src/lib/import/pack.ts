/**
 * Import contexts (the COG's 35 000 communes, 40 000 aliases) sent to a worker as strings: a
 * structured clone of a string is a copy of bytes, while Maps of objects cost hundreds of
 * milliseconds of main thread. Lines are built in slices that yield to the page between them,
 * each slice joined on its own (one join of 75 000 lines was a 60 ms task on a loaded machine).
 * Fields are separated by U+001F, which no COG name contains.
 */
export const US = '\u001F';
const SLICE = 1000;
const pause = () => new Promise<void>((r) => setTimeout(r, 0));

/** Joins the lines of `rows` into chunks of SLICE lines, yielding between chunks. */
export async function packLines<T>(rows: Iterable<T>, line: (row: T) => string): Promise<string[]> {
	const chunks: string[] = [];
	let parts: string[] = [];
	for (const r of rows) {
		parts.push(line(r));
		if (parts.length === SLICE) {
			chunks.push(parts.join('\n'));
			parts = [];
			await pause();
		}
	}
	if (parts.length) chunks.push(parts.join('\n'));
	return chunks;
}

/** Calls `each` with the fields of every packed line (in the worker). */
export function unpackLines(chunks: readonly string[], each: (fields: string[]) => void): void {
	for (const c of chunks) for (const line of c.split('\n')) if (line) each(line.split(US));
}

/** Packs once per key object (the context's Map), while the page is idle if asked ahead. */
export function packOnce<K extends object, P>(build: (key: K) => Promise<P>): { get(key: K): Promise<P>; prepare(key: K): void } {
	const cache = new WeakMap<K, Promise<P>>();
	const get = (key: K) => {
		let p = cache.get(key);
		if (!p) {
			p = build(key);
			cache.set(key, p);
			p.catch(() => cache.delete(key));
		}
		return p;
	};
	return {
		get,
		prepare(key) {
			const run = () => void get(key);
			if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 5000 });
			else setTimeout(run, 0);
		}
	};
}
