/**
 * Notes kept in IndexedDB (database 'atlas-ptsm-notes', its own, like the other stores), through
 * `idb`. One transaction per call; every failure becomes a NotesStoreError with a French message
 * (full storage says what to do). Invalid stored records are skipped and counted.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { checkNote, isEmptyNote, type Note } from './notes';

export const NOTES_DB_NAME = 'atlas-ptsm-notes';
const STORE = 'notes';

export class NotesStoreError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'NotesStoreError';
	}
}

const UNAVAILABLE =
	'Le stockage local du navigateur (IndexedDB) n’est pas disponible (navigation privée ou stockage désactivé) : les notes ne peuvent pas être conservées.';

export function notesMessage(e: unknown): string {
	const name = (e as { name?: string } | null)?.name;
	if (name === 'QuotaExceededError')
		return 'L’espace de stockage du navigateur est plein : la note n’a pas été enregistrée. Exportez l’espace de travail (page Espace), supprimez d’anciens jeux de secteurs, scénarios ou ressources, ou libérez de l’espace dans les réglages du navigateur, puis réessayez.';
	if (e instanceof NotesStoreError) return e.message;
	return 'L’enregistrement de la note dans le stockage local du navigateur a échoué. Réessayez ; si le problème persiste, rechargez la page (copiez d’abord votre texte).';
}

let dbp: Promise<IDBPDatabase> | null = null;
function db(): Promise<IDBPDatabase> {
	if (!dbp) {
		const f = globalThis.indexedDB;
		dbp = f
			? openDB(NOTES_DB_NAME, 1, {
					upgrade(d) {
						if (!d.objectStoreNames.contains(STORE)) d.createObjectStore(STORE, { keyPath: 'id' });
					},
					terminated() {
						dbp = null;
					}
				}).catch(() => {
					throw new NotesStoreError(UNAVAILABLE);
				})
			: Promise.reject(new NotesStoreError(UNAVAILABLE));
		dbp.catch(() => (dbp = null));
	}
	return dbp;
}

export async function listNotes(): Promise<{ items: Note[]; invalid: number }> {
	let raw: unknown[];
	try {
		raw = await (await db()).getAll(STORE);
	} catch (e) {
		throw new NotesStoreError(e instanceof NotesStoreError ? e.message : UNAVAILABLE);
	}
	const items: Note[] = [];
	let invalid = 0;
	for (const r of raw) {
		const c = checkNote(r);
		if (c.ok) items.push(c.value);
		else invalid++;
	}
	return { items, invalid };
}

/** Saves in one transaction; an empty note is deleted instead (nothing to keep). */
export async function saveNotes(list: readonly Note[]): Promise<void> {
	const records = list.map((n) => {
		const c = checkNote(n);
		if (!c.ok) throw new NotesStoreError(c.error);
		return c.value;
	});
	try {
		const tx = (await db()).transaction(STORE, 'readwrite');
		await Promise.all([...records.map((r) => (isEmptyNote(r) ? tx.store.delete(r.id) : tx.store.put(r))), tx.done]);
	} catch (e) {
		throw new NotesStoreError(notesMessage(e));
	}
}

export async function deleteNotes(ids: readonly string[]): Promise<void> {
	try {
		const tx = (await db()).transaction(STORE, 'readwrite');
		await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
	} catch (e) {
		throw new NotesStoreError(notesMessage(e).replace('L’enregistrement de la note', 'La suppression des notes'));
	}
}
