/**
 * "Something was stored": each store of the app says so after a write that succeeded, so a view
 * of what the browser holds (/espace counts) re-reads the stores instead of keeping a stale copy.
 * Same tab only; a listener that throws never breaks the write that notified it.
 */
export type StoredKind = 'sector_sets' | 'custom_territories' | 'scenarios' | 'local_resources' | 'notes' | 'own_indicators';

type Listener = (kind: StoredKind) => void;
const listeners = new Set<Listener>();

/** Calls `fn` after every successful write; returns the unsubscribe. */
export function onStored(fn: Listener): () => void {
	listeners.add(fn);
	return () => listeners.delete(fn);
}

export function stored(kind: StoredKind): void {
	for (const fn of [...listeners]) {
		try {
			fn(kind);
		} catch {
			/* a listener's failure is its own */
		}
	}
}
