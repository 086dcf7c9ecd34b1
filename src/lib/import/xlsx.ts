/**
 * XLSX reading with the zip-bomb guard every import shares: the declared unpacked size (cheap,
 * from the archive's directory) and then the size measured while inflating (the header can lie),
 * both against one limit; then the sheets as grids of text cells.
 */
import { Unzip, UnzipInflate, UnzipPassThrough, unzipSync } from 'fflate';
import { FILE_MESSAGES } from './messages';
import { fmtMb } from './text';
import { MAX_XLSX_UNCOMPRESSED, type Fail, type ProgressHook } from './types';

/**
 * Inflates every entry of a zip archive without keeping the output, counting its bytes; stops as
 * soon as `limit` is passed. Returns the total, or null when over the limit. Throws on a damaged
 * archive.
 */
export function measureUnpacked(bytes: Uint8Array, limit: number, onBytes?: (done: number) => void): number | null {
	let total = 0;
	let over = false;
	let failure: unknown = null;
	const unzip = new Unzip((file) => {
		file.ondata = (err, chunk) => {
			if (err) failure ??= err;
			if (over || !chunk) return;
			total += chunk.length;
			if (total > limit) {
				over = true;
				file.terminate();
			}
		};
		file.start();
	});
	unzip.register(UnzipInflate);
	unzip.register(UnzipPassThrough);
	const CHUNK = 256 * 1024;
	for (let i = 0; i < bytes.length && !over; i += CHUNK) {
		const end = Math.min(i + CHUNK, bytes.length);
		unzip.push(bytes.subarray(i, end), end === bytes.length);
		if (failure) throw failure;
		onBytes?.(end);
	}
	return over ? null : total;
}

/** The one unpacked-size check (declared, then measured); throws `too-large` / `xlsx-unreadable`. */
export function checkUnpackedSize(bytes: Uint8Array, label: string, what: string, fail: Fail, onProgress?: ProgressHook, limit = MAX_XLSX_UNCOMPRESSED): void {
	const unreadable = () => fail('xlsx-unreadable', FILE_MESSAGES.xlsxUnreadable(label));
	// Sum the declared sizes without inflating anything (the filter rejects every entry).
	let declared = 0;
	try {
		unzipSync(bytes, {
			filter: (f) => {
				declared += f.originalSize;
				return false;
			}
		});
	} catch {
		throw unreadable();
	}
	if (declared > limit) throw fail('too-large', FILE_MESSAGES.xlsxTooLarge(label, fmtMb(declared), limit, what));
	let unpacked: number | null;
	try {
		unpacked = measureUnpacked(bytes, limit, (done) => onProgress?.({ stage: 'unpack', bytesDone: done, bytesTotal: bytes.byteLength, rows: 0 }));
	} catch {
		throw unreadable();
	}
	if (unpacked === null) throw fail('too-large', FILE_MESSAGES.xlsxTooLarge(label, `plus de ${fmtMb(limit)}`, limit, what));
}

export function cellText(v: unknown): string {
	if (v === null || v === undefined) return '';
	if (typeof v === 'string') return v;
	if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
	if (typeof v === 'boolean') return v ? 'VRAI' : 'FAUX';
	if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
	return String(v);
}

/** Every sheet as a grid of text cells (after the size check); throws `xlsx-unreadable` / `empty`. */
export async function readXlsxSheets(bytes: Uint8Array, label: string, fail: Fail): Promise<{ name: string; grid: string[][] }[]> {
	let sheets: { sheet: string; data: unknown[][] }[];
	try {
		// Loaded on demand: only XLSX imports pay for the reader.
		const { default: readXlsxFile } = await import('read-excel-file/universal');
		const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
		sheets = (await readXlsxFile(buffer)) as unknown as { sheet: string; data: unknown[][] }[];
	} catch {
		throw fail('xlsx-unreadable', FILE_MESSAGES.xlsxUnreadable(label));
	}
	if (!sheets.length) throw fail('empty', FILE_MESSAGES.noSheet(label));
	return sheets.map((s) => ({ name: s.sheet, grid: s.data.map((row) => row.map(cellText)) }));
}
