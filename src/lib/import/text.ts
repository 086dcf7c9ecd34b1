/**
 * French wording helpers shared by every import report (numbers, sizes, line lists, quoted file
 * values), and the neutralisation of characters that could reorder or hide a sentence.
 */

/**
 * C0/C1 controls (tab and newlines included: a name is one line), bidirectional embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069: they reorder the text shown around them,
 * e.g. in a report or an export), the zero-width no-break / BOM, and line/paragraph separators.
 */
// eslint-disable-next-line no-control-regex
export const UNSAFE_TEXT_CHARS = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029\uFEFF]/gu;

/**
 * The text as it will be stored: unsafe characters removed (a control in the middle of a name
 * becomes a space), spaces collapsed. `changed` says whether anything was removed.
 */
export function neutraliseText(raw: string): { value: string; changed: boolean } {
	UNSAFE_TEXT_CHARS.lastIndex = 0;
	if (!UNSAFE_TEXT_CHARS.test(raw)) return { value: raw.trim(), changed: false };
	const value = raw
		.replace(/[\t\n\r\u0085\u2028\u2029]/g, ' ')
		.replace(UNSAFE_TEXT_CHARS, '')
		.replace(/\s+/g, ' ')
		.trim();
	return { value, changed: true };
}

export const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function fmtInt(n: number): string {
	return Math.round(n).toLocaleString('fr-FR');
}

export function fmtMb(bytes: number): string {
	return `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

export function plural(n: number, one: string, many = one + 's'): string {
	return `${fmtInt(n)} ${n > 1 ? many : one}`;
}

export function listSample(items: string[], max = 10): string {
	if (items.length <= max) return items.join(', ');
	return `${items.slice(0, max).join(', ')} et ${fmtInt(items.length - max)} autre${items.length - max > 1 ? 's' : ''}`;
}

/** "Ligne 3" / "Lignes 3, 5 et 2 autres". */
export function fmtLines(lines: number[], max = 10): string {
	if (!lines.length) return '';
	const shown = lines.slice(0, max).join(', ');
	const rest = lines.length - max;
	return `${lines.length > 1 ? 'Lignes' : 'Ligne'} ${shown}${rest > 0 ? ` et ${fmtInt(rest)} autre${rest > 1 ? 's' : ''}` : ''}`;
}

/** A file value quoted in a message: no control or bidi character may reorder the sentence. */
export function quote(raw: string): string {
	const s = neutraliseText(raw).value;
	return `« ${s.length > 60 ? s.slice(0, 60) + '…' : s} »`;
}
