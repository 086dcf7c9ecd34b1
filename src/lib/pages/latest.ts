/**
 * Stale-result guard for page models: each run takes a ticket; a result is applied only while
 * its ticket is the latest, so a slow answer never overwrites a newer choice.
 */
export function latest(): () => () => boolean {
	let n = 0;
	return () => {
		const id = ++n;
		return () => id === n;
	};
}
