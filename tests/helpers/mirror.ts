/**
 * Tests that read the real open-data mirror use `describeMirror`. When the mirror is absent they
 * are skipped with a visible message, unless ATLAS_REQUIRE_MIRROR=1 (set by .ci/run), which turns
 * the absence into a failure.
 */
import { describe, it } from 'vitest';
import { mirrorDir } from '../../data/fetch.ts';

export const MIRROR: string | null = (() => {
	try {
		return mirrorDir();
	} catch {
		return null;
	}
})();

export const describeMirror: typeof describe = ((name: string, fn: () => void) => {
	if (MIRROR) return describe(name, fn);
	if (process.env.ATLAS_REQUIRE_MIRROR === '1') {
		return describe(name, () => {
			it('needs the data mirror (../shared/data/raw or ATLAS_DATA_MIRROR)', () => {
				throw new Error('Miroir de données absent : définissez ATLAS_DATA_MIRROR ou placez les fichiers dans ../shared/data/raw.');
			});
		});
	}
	console.warn(`[mirror] absent: skipping "${name}" (set ATLAS_DATA_MIRROR to run it)`);
	return describe.skip(name, fn);
}) as typeof describe;
