/**
 * Print header and footer of the diagnostic (CSS paged media: Chromium draws @page margin boxes).
 * The territory name may come from a user's sector file, so it is escaped into a CSS string.
 */

/** A CSS string literal: every character outside a small safe set becomes a hex escape. */
export function cssString(s: string): string {
	let out = '';
	for (const ch of s) out += /[\p{L}\p{N} ,.()’\u2014-]/u.test(ch) ? ch : `\\${ch.codePointAt(0)!.toString(16)} `;
	return `"${out}"`;
}

/** The @page rule: A4 portrait, territory name at the top, page numbers at the bottom. */
export function pageRule(title: string): string {
	return `@page {
	size: A4 portrait;
	margin: 16mm 14mm 16mm 14mm;
	@top-left { content: ${cssString(title)}; font: 9pt system-ui, sans-serif; color: #3a3a3a; }
	@bottom-right { content: "Page " counter(page) " / " counter(pages); font: 9pt system-ui, sans-serif; color: #3a3a3a; }
	@bottom-left { content: "Atlas PTSM"; font: 9pt system-ui, sans-serif; color: #3a3a3a; }
}`;
}
