import { describe, expect, it } from 'vitest';
import readXlsxFile from 'read-excel-file/node';
import { parseCsvFr, toCsvFr, unguardCode, unguardText, csvCode } from '../../../src/lib/export/csv';
import { toXlsxBlob } from '../../../src/lib/export/xlsx';
import { DIRECTORY_EXPORT_COLUMNS, directoryExportRows, formatDateFr } from '../../../src/lib/resources/export';
import { finessRow } from '../../../src/lib/resources/rows';

const SOURCE = 'FINESS, extraction du 8 janvier 2021 — Licence Ouverte / Etalab 2.0';
const rows = [
	finessRow({
		finess: '010000123', finess_ej: '010780054', name: '=HYPERLINK("http://x")', category_label: 'Centre Médico-Psychologique (C.M.P.)', kind: 'cmp', kind_basis: 'nom', public: 'enfant',
		address: '12 rue "des Lilas"; bât. B', postal_code: '01000', city: 'BOURG EN BRESSE', phone: '04 74 00 00 00', updated: '2020-03-06', commune: '01053', commune_name: 'Bourg-en-Bresse', dep: '01', lon: 5.2256, lat: 46.2052
	})!
];

describe('directory export', () => {
	it('CSV keeps codes with their leading zeros (="…"), guards formulas, names the source', () => {
		const csv = toCsvFr(directoryExportRows(rows, SOURCE), DIRECTORY_EXPORT_COLUMNS);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(csv).toContain('"=""010000123"""');
		const [header, line] = parseCsvFr(csv);
		const cell = (label: string) => line![header!.indexOf(label)]!;
		expect(unguardCode(cell('FINESS ET'))).toBe('010000123');
		expect(unguardCode(cell('Code commune (INSEE)'))).toBe('01053');
		expect(unguardCode(cell('Code postal'))).toBe('01000');
		expect(unguardCode(cell('Téléphone'))).toBe('04 74 00 00 00');
		expect(cell('Nom')).toBe(`'=HYPERLINK("http://x")`);
		expect(unguardText(cell('Nom'))).toBe('=HYPERLINK("http://x")');
		expect(cell('Adresse')).toBe('12 rue "des Lilas"; bât. B');
		expect(cell('Latitude')).toBe('46,2052');
		expect(cell('Type et public')).toBe('déduits du nom');
		expect(cell('Public')).toBe('enfants');
		expect(cell('Dernière mise à jour FINESS')).toBe('06/03/2020');
		expect(cell('Source')).toBe(SOURCE);
	});
	it('a code with unsafe characters falls back to guarded text', () => {
		expect(csvCode('01"+1')).toBe('"01""+1"');
		expect(csvCode('=1+1')).toBe("'=1+1");
	});
	it('XLSX writes codes as text cells and coordinates as numbers', async () => {
		const blob = await toXlsxBlob(directoryExportRows(rows, SOURCE), DIRECTORY_EXPORT_COLUMNS, 'Annuaire');
		const back = (await readXlsxFile(Buffer.from(await blob.arrayBuffer()))) as unknown as { data: unknown[][] }[] | unknown[][];
		const cells = (Array.isArray(back[0]) ? back : (back as { data: unknown[][] }[])[0]!.data) as unknown[][];
		const h = cells[0] as string[];
		const r = cells[1]!;
		expect(r[h.indexOf('FINESS ET')]).toBe('010000123');
		expect(r[h.indexOf('Code postal')]).toBe('01000');
		expect(r[h.indexOf('Nom')]).toBe('=HYPERLINK("http://x")');
		expect(r[h.indexOf('Latitude')]).toBe(46.2052);
		expect(r[h.indexOf('Source')]).toBe(SOURCE);
	});
	it('formats FINESS dates the French way', () => {
		expect(formatDateFr('2021-01-08')).toBe('08/01/2021');
		expect(formatDateFr(null)).toBeNull();
		expect(formatDateFr('n/a')).toBeNull();
	});
});
