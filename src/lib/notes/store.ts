/**
 * Notes kept in IndexedDB (database 'atlas-ptsm-notes', its own, through the app's one storage
 * module). One transaction per call; every failure becomes a NotesStoreError with a French message
 * (full storage says what to do). Invalid stored records are skipped and counted.
 */
import { checkAll, localDb, StorageError } from '../storage/local-db';
import { checkNote, isEmptyNote, type Note } from './notes';
import { stored } from '../storage/changes';

export const NOTES_DB_NAME = 'atlas-ptsm-notes';
const STORE = 'notes';

export class NotesStoreError extends StorageError {}

const local = localDb({ name: NOTES_DB_NAME, version: 1, stores: [{ name: STORE, keyPath: 'id' }], what: 'les notes' });

export function notesMessage(e: unknown): string {
	return local.message(e, 'L’enregistrement de la note');
}

export async function listNotes(): Promise<{ items: Note[]; invalid: number }> {
	const raw = await local.getAll(STORE, (e) => new NotesStoreError(local.message(e, 'La lecture des notes')));
	const { items, errors } = checkAll(raw, checkNote, 'note illisible');
	return { items, invalid: errors.length };
}

/** Saves in one transaction; an empty note is deleted instead (nothing to keep). */
export async function saveNotes(list: readonly Note[]): Promise<void> {
	const records = list.map((n) => {
		const c = checkNote(n);
		if (!c.ok) throw new NotesStoreError(c.error);
		return c.value;
	});
	await local.write(STORE, (s) => records.map((r) => (isEmptyNote(r) ? s.delete(r.id) : s.put(r))), (e) => new NotesStoreError(notesMessage(e)));
	stored('notes');
}

export async function deleteNotes(ids: readonly string[]): Promise<void> {
	await local.write(STORE, (s) => ids.map((id) => s.delete(id)), (e) => new NotesStoreError(local.message(e, 'La suppression des notes')));
	stored('notes');
}
