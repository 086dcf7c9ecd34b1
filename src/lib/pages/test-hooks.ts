/**
 * The one place that exposes app objects to end-to-end tests (`window.__atlas`), which check
 * screens against independent queries on the same engine. Read-only handles, no test logic.
 */
export function exposeForTests(hooks: Record<string, unknown>): void {
	if (typeof window === 'undefined') return;
	const w = window as unknown as { __atlas?: Record<string, unknown> };
	w.__atlas ??= {};
	// Descriptors, not values: a hook given as a getter (a map created a frame later) stays live.
	Object.defineProperties(w.__atlas, Object.getOwnPropertyDescriptors(hooks));
}
