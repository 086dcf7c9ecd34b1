/**
 * French long dates. Intl writes "1 décembre 2026"; French typography writes the first day of
 * the month as an ordinal, "1er décembre 2026", so the day part is patched after formatting.
 */
const cache = new Map<string, Intl.DateTimeFormat>();

function dtf(time: boolean): Intl.DateTimeFormat {
	const k = time ? 'dt' : 'd';
	let f = cache.get(k);
	if (!f) {
		f = new Intl.DateTimeFormat('fr-FR', time ? { dateStyle: 'long', timeStyle: 'short' } : { dateStyle: 'long' });
		cache.set(k, f);
	}
	return f;
}

/** "1er décembre 2026", "2 décembre 2026"; with `time`, "1er décembre 2026 à 20:05". */
export function formatLongDate(d: Date, opts: { time?: boolean } = {}): string {
	return dtf(opts.time ?? false)
		.formatToParts(d)
		.map((p) => (p.type === 'day' && Number(p.value) === 1 ? '1er' : p.value))
		.join('');
}
