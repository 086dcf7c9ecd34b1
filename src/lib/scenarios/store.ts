/**
 * Named scenarios kept in IndexedDB (database 'atlas-ptsm-scenarios', its own, through the
 * app's one storage module). Keyed by name; 'meta' remembers the active one. Without IndexedDB
 * every call fails with a French StorageError, which the scenario book shows.
 */
import { isQuotaError, localDb, StorageError } from '../storage/local-db';
import type { Scenario } from './model';
import { checkScenario } from './validate';
import { stored } from '../storage/changes';

export const DB_NAME = 'atlas-ptsm-scenarios';
const STORE = 'scenarios';
const META = 'meta';

const local = localDb({ name: DB_NAME, version: 1, stores: [{ name: STORE, keyPath: 'name' }, { name: META }], what: 'les scénarios' });

/** Every saved scenario (invalid records, if any, are skipped), sorted by name. */
export async function listScenarios(): Promise<Scenario[]> {
	const all = (await (await local.db()).getAll(STORE)) as unknown[];
	const out: Scenario[] = [];
	for (const r of all) {
		const c = checkScenario(r);
		if (c.ok) out.push(c.value);
	}
	return out.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

export function saveScenario(s: Scenario): Promise<void> {
	return commit({ put: [s] });
}

export interface StoreChange {
	put?: Scenario[];
	delete?: string[];
	active?: string;
}

/**
 * One user action = one transaction over both stores (a rename deletes the old name, puts the new
 * one and makes it active): a reload or a failure in the middle loses that action only.
 */
export async function commit(change: StoreChange): Promise<void> {
	const tx = (await local.db()).transaction([STORE, META], 'readwrite');
	const done = tx.done;
	try {
		const st = tx.objectStore(STORE);
		for (const name of change.delete ?? []) void st.delete(name).catch(() => {});
		for (const sc of change.put ?? []) void st.put(plain(sc)).catch(() => {});
		if (change.active !== undefined) void tx.objectStore(META).put(change.active, 'active').catch(() => {});
	} catch (e) {
		// A request refused while queued (quota, clone error): nothing of this action is kept.
		tx.abort();
		await done.catch(() => {});
		throw e;
	}
	await done;
	stored('scenarios');
}

/** French message for a failed write: the quota case says so. */
export function storageMessage(err: unknown): string {
	if (isQuotaError(err)) {
		return "L'espace de stockage du navigateur est plein : la dernière modification du scénario n'a pas été enregistrée. Exportez vos scénarios en JSON, puis libérez de l'espace (réglages du navigateur) ou supprimez d'anciens scénarios.";
	}
	if (err instanceof StorageError) return err.message;
	return "L'enregistrement local du scénario a échoué : la dernière modification n'a pas été enregistrée. Utilisez l'export JSON pour la conserver.";
}

export function deleteScenario(name: string): Promise<void> {
	return commit({ delete: [name] });
}

export async function getActiveName(): Promise<string | null> {
	const v: unknown = await (await local.db()).get(META, 'active');
	return typeof v === 'string' ? v : null;
}

export async function setActiveName(name: string): Promise<void> {
	await (await local.db()).put(META, name, 'active');
}

// Plain structured-cloneable copy (Svelte state proxies cannot be stored).
function plain(s: Scenario): Scenario {
	return JSON.parse(JSON.stringify(s)) as Scenario;
}
