/** French wording of an import's progress and limits (progress bar label, limits line). */
import { fmtInt, fmtMb } from './text';
import type { ImportProgress } from './types';

export function progressText(p: ImportProgress | null): string {
	if (!p) return 'Lecture du fichier…';
	if (p.stage === 'unpack') return `Décompression du classeur : ${fmtMb(p.bytesDone)} sur ${fmtMb(p.bytesTotal)}`;
	if (p.stage === 'rows') return `Lecture : ${fmtInt(p.rows)} lignes lues (${fmtMb(p.bytesTotal)})`;
	if (p.stage === 'validate') return p.rows ? `Vérification de ${fmtInt(p.rows)} lignes…` : 'Vérification du contenu…';
	return `Lecture : ${fmtMb(p.bytesDone)} sur ${fmtMb(p.bytesTotal)}`;
}

/** Whether the bar can show a fraction (bytes) or only activity (rows, validation). */
export function progressFraction(p: ImportProgress | null): { value: number; max: number } | null {
	return p && p.stage !== 'rows' && p.stage !== 'validate' ? { value: p.bytesDone, max: p.bytesTotal } : null;
}

/** Limits of a table import, stated before a file is chosen. */
export function tableLimits(maxBytes: number, maxRows: number, maxUnpacked: number): string {
	return `CSV ou XLSX de ${fmtMb(maxBytes)} au plus, ${fmtInt(maxRows)} lignes au plus ; un classeur XLSX ne doit pas dépasser ${fmtMb(maxUnpacked)} une fois décompressé.`;
}
