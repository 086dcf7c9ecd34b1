/** Finding a commune by name or INSEE code (site editor inputs). */
import { fold, type Communes } from './compute';

/** Up to `limit` communes whose code equals `q` or whose name starts with it, most populous first. */
export function matchCommunes(c: Communes, q: string, limit = 12): number[] {
	const f = fold(q);
	const code = q.trim();
	if (f.length < 2) return [];
	const out: number[] = [];
	for (let i = 0; i < c.code.length && out.length < limit; i++) if (c.code[i] === code || fold(c.name[i]!).startsWith(f)) out.push(i);
	return out.sort((a, b) => c.pop[b]! - c.pop[a]!);
}

export const communeOption = (c: Communes, i: number) => `${c.name[i]} (${c.code[i]})`;

/** The commune meant by `q` (a list option, a code, an exact name, or a unique match), or undefined. */
export function resolveCommune(c: Communes, q: string): number | undefined {
	const t = q.trim();
	const code = /\(([0-9AB]{5})\)$/.exec(t)?.[1] ?? (/^[0-9AB]{5}$/.test(t) ? t : null);
	if (code) {
		const i = c.code.indexOf(code);
		if (i >= 0) return i;
	}
	const matches = matchCommunes(c, t);
	const exact = matches.filter((i) => fold(c.name[i]!) === fold(t));
	return exact[0] ?? (matches.length === 1 ? matches[0] : undefined);
}
