/**
 * Notes kept in IndexedDB (database 'atlas-ptsm-notes', its own, through the app's one storage
 * module). One transaction per call; every failure becomes a NotesStoreError with a French message
 * (full storage says what to do). Invalid stored records are skipped and counted.
 */
import { localDb, StorageError } from '../storage/local-db';
import { checkNote, isEmptyNote, type Note } from './notes';
import { stored } from '../storage/changes';

export const NOTES_DB_NAME = 'atlas-ptsm-notes';
const STORE = 'notes';

export class NotesStoreError extends StorageError {}

const local = localDb({ name: NOTES_DB_NAME, version: 1, stores: [{ name: STORE, keyPath: 'id' }], what: 'les notes' });
const db = local.db;

export function notesMessage(e: unknown): string {
	return local.message(e, 'L’enregistrement de la note');
}

export async function listNotes(): Promise<{ items: Note[]; invalid: number }> {
	let raw: unknown[];
	try {
		raw = await (await db()).getAll(STORE);
	} catch (e) {
		throw new NotesStoreError(local.message(e, 'La lecture des notes'));
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
	stored('notes');
}

export async function deleteNotes(ids: readonly string[]): Promise<void> {
	try {
		const tx = (await db()).transaction(STORE, 'readwrite');
		await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
	} catch (e) {
		throw new NotesStoreError(notesMessage(e).replace('L’enregistrement de la note', 'La suppression des notes'));
	}
	stored('notes');
}
