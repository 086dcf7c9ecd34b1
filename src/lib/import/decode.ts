/**
 * Byte sniffing and text decoding of a user's file (one rule for every file the app reads):
 * zip (XLSX) and OLE (legacy .xls) signatures; UTF-8 (strict) first, UTF-16 by BOM or NUL
 * pattern, otherwise Windows-1252, a superset of latin-1 used by Excel.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface Decoded {
	text: string;
	encoding: TextEncodingName;
	notes: string[]; // French
}

export function isZip(b: Uint8Array): boolean {
	return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}
export function isOle(b: Uint8Array): boolean {
	return b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;
}

export function decodeText(bytes: Uint8Array): Decoded {
	const notes: string[] = [];
	let encoding: TextEncodingName;
	let text: string;
	if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
	else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
	else if (bytes.length >= 4 && bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) encoding = 'utf-16le';
	else encoding = 'utf-8';
	if (encoding === 'utf-8') {
		try {
			text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		} catch {
			encoding = 'windows-1252';
			text = decodeWindows1252(bytes);
			notes.push(
				"Le fichier n'est pas encodé en UTF-8 : il a été lu en Windows-1252 (Latin-1), l'encodage habituel d'Excel sous Windows. Vérifiez que les accents des noms de secteurs s'affichent correctement ; sinon, réenregistrez le fichier en « CSV UTF-8 »."
			);
		}
	} else {
		text = new TextDecoder(encoding).decode(bytes);
		notes.push('Le fichier est encodé en UTF-16 (« texte Unicode » d’Excel) : il a été converti.');
	}
	// TextDecoder strips one BOM by default; strip any leftover (double BOM from some exports).
	text = text.replace(/^\uFEFF+/, '');
	return { text, encoding, notes };
}

// 0x80–0x9F of Windows-1252 (some runtimes' TextDecoder treat the label as ISO-8859-1 there).
const CP1252_HIGH =
	'\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
	'\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

export function decodeWindows1252(bytes: Uint8Array): string {
	const parts: string[] = [];
	const CHUNK = 8192;
	for (let i = 0; i < bytes.length; i += CHUNK) {
		const end = Math.min(i + CHUNK, bytes.length);
		const codes = new Array<number>(end - i);
		for (let j = i; j < end; j++) {
			const b = bytes[j]!;
			codes[j - i] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b;
		}
		parts.push(String.fromCharCode(...codes));
	}
	return parts.join('');
}
