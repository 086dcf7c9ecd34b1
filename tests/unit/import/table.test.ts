/**
 * The generic table reader every import shares (src/lib/import): structural problems named with
 * their lines, file-level failures as the caller's own error with a French message, the XLSX
 * unpacked-size check on the declared size, and the progress wording of the import bar.
 */
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../src/lib/import/errors';
import { progressText, tableLimits } from '../../../src/lib/import/progress';
import { readTable } from '../../../src/lib/import/table';
import { checkUnpackedSize } from '../../../src/lib/import/xlsx';
import { MAX_FILE_BYTES, MAX_XLSX_UNCOMPRESSED } from '../../../src/lib/import/types';

const fail = (c: string, m: string) => new ImportError(c, m);
const opts = { what: 'la liste des ressources', fail };
const csv = (s: string) => new TextEncoder().encode(s);

describe('generic table reader', () => {
	it('reads a CSV into a grid with its separator note', async () => {
		const t = await readTable(csv('nom;type\nGEM;GEM\nCLSM;CLSM\n'), 'a.csv', opts);
		expect(t.format).toBe('csv');
		expect(t.separator).toBe(';');
		expect(t.sheets[0]!.grid.slice(0, 3)).toEqual([['nom', 'type'], ['GEM', 'GEM'], ['CLSM', 'CLSM']]);
		expect(t.sheets[0]!.notes[0]).toMatch(/séparateur « point-virgule ; »/);
		expect(t.problems).toEqual([]);
	});

	it('names a NUL byte with its line and removes it, instead of refusing the file', async () => {
		const t = await readTable(csv('nom;type\nGEM;GEM\nCL\u0000SM;CLSM\n'), 'nul.csv', opts);
		expect(t.problems.map((p) => p.code)).toEqual(['structure-nul']);
		expect(t.problems[0]!.lines).toEqual([3]);
		expect(t.sheets[0]!.grid[2]).toEqual(['CLSM', 'CLSM']);
	});

	it('names an unclosed quote with the line where it opens and the lines it swallowed', async () => {
		const t = await readTable(csv('nom;type\nGEM;GEM\n"CLSM;CLSM\nMDA;maison des adolescents\nEMP;équipe mobile\n'), 'q.csv', opts);
		const q = t.problems.find((p) => p.code === 'structure-quote')!;
		expect(q.lines).toEqual([3]);
		expect(q.message).toMatch(/ligne 3 : les 2 lignes suivantes du fichier ont été fusionnées/);
	});

	it('refuses empty, oversized, legacy .xls and binary files with the caller’s error and a French message', async () => {
		await expect(readTable(new Uint8Array(), 'vide.csv', opts)).rejects.toMatchObject({ code: 'empty', message: /« vide\.csv » est vide.*la liste des ressources/ });
		await expect(readTable(new Uint8Array(MAX_FILE_BYTES + 1).fill(65), 'gros.csv', opts)).rejects.toMatchObject({ code: 'too-large', message: /la limite est de 20 Mo/ });
		const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]);
		await expect(readTable(ole, 'ancien.xls', opts)).rejects.toMatchObject({ code: 'xls-legacy' });
		const noise = new Uint8Array(2000).map((_, i) => (i * 7) % 32);
		await expect(readTable(noise, 'bruit.csv', opts)).rejects.toBeInstanceOf(ImportError);
	});

	it('stops an XLSX whose declared unpacked size is over the limit before inflating it', () => {
		const zip = zipSync({ 'xl/worksheets/sheet1.xml': new TextEncoder().encode('<x/>') });
		// Patch the declared sizes (local header +22, central directory +24) to 90 Mo.
		const dv = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
		for (let i = 0; i + 4 <= zip.length; i++) {
			const sig = dv.getUint32(i, true);
			if (sig === 0x04034b50) dv.setUint32(i + 22, 90 * 1024 * 1024, true);
			if (sig === 0x02014b50) dv.setUint32(i + 24, 90 * 1024 * 1024, true);
		}
		expect(() => checkUnpackedSize(zip, 'gros.xlsx', 'la liste des ressources', fail)).toThrow(/« gros\.xlsx » occupe 90 Mo une fois décompressé : la limite est de 80 Mo\. Enregistrez la liste des ressources seule/);
	});

	it('words progress and limits in French', () => {
		expect(progressText(null)).toBe('Lecture du fichier…');
		expect(progressText({ stage: 'rows', bytesDone: 0, bytesTotal: 2 * 1024 * 1024, rows: 20000 })).toMatch(/^Lecture : 20\s000 lignes lues \(2 Mo\)$/);
		expect(progressText({ stage: 'unpack', bytesDone: 1024 * 1024, bytesTotal: 4 * 1024 * 1024, rows: 0 })).toBe('Décompression du classeur : 1 Mo sur 4 Mo');
		expect(tableLimits(MAX_FILE_BYTES, 5000, MAX_XLSX_UNCOMPRESSED)).toMatch(/20 Mo au plus, 5\s000 lignes au plus.*80 Mo une fois décompressé/);
	});
});
