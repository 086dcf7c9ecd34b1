import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { cityOfArrondissement } from '../../../src/lib/geo/plm';
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { zipSync } from 'fflate';
import {
	matchHeader,
	normaliseCommuneCode,
	normaliseFiness,
	parseSectorFile,
	parseSectorType,
	SectorImportError,
	sectorScope,
	unassignedCommunes,
	validateSectors,
	type AliasInfo,
	type CommuneInfo,
	type RawSectorTable,
	type SectorImportContext,
	type SectorImportReport
} from '../../../src/lib/geo/sector-import';
import { SECTOR_TEMPLATE_COLUMNS, SECTOR_TEMPLATE_DESCRIPTION, sectorTemplateCsv } from '../../../src/lib/geo/sector-template';
import { describeMirror, MIRROR } from '../../helpers/mirror';

const FIX = join(import.meta.dirname, '../../fixtures/sectors');
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIX, name)));
const parseFixture = (name: string) => parseSectorFile(fixture(name), name);

// A small slice of the real COG 2026 (codes, names, population municipale).
const COMMUNES: [string, string, number][] = [
	['01001', "L'Abergement-Clémenciat", 860],
	['01002', "L'Abergement-de-Varey", 270],
	['01004', 'Ambérieu-en-Bugey', 15934],
	['01005', 'Ambérieux-en-Dombes', 1906],
	['01007', 'Ambronay', 2841],
	['01015', 'Arboys en Bugey', 710],
	['01033', 'Valserhône', 16712],
	['69001', 'Affoux', 398],
	['69123', 'Lyon', 519127],
	['69266', 'Villeurbanne', 163684],
	['2A004', 'Ajaccio', 76320]
];
const depOf = (code: string) => (code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2));

function makeCtx(extra: Partial<SectorImportContext> = {}): SectorImportContext {
	const communes = new Map<string, CommuneInfo>(COMMUNES.map(([code, name, population]) => [code, { dep: depOf(code), name, population }]));
	const aliases = new Map<string, string>([
		['01340', '01015'], // Saint-Bois, commune déléguée of Arboys en Bugey
		['01091', '01033'], // Châtillon-en-Michaille → Valserhône
		['01205', '01033'], // Lancrans → Valserhône
		['69381', '69123'], // Lyon 1er arrondissement
		['69382', '69123'], // Lyon 2e arrondissement
		['20004', '2A004'] // Ajaccio before the 1976 split of Corsica
	]);
	const aliasDetails = new Map<string, AliasInfo>([
		['01340', { kind: 'deleguee', name: 'Saint-Bois' }],
		['01091', { kind: 'deleguee', name: 'Châtillon-en-Michaille' }],
		['01205', { kind: 'deleguee', name: 'Lancrans' }],
		['69381', { kind: 'arrondissement', name: 'Lyon 1er Arrondissement', population: 28717 }],
		['69382', { kind: 'arrondissement', name: 'Lyon 2e Arrondissement', population: 29981 }]
	]);
	return { communes, aliases, aliasDetails, ...extra };
}

const issue = (r: SectorImportReport, code: string) => r.issues.find((i) => i.code === code);
const sector = (r: SectorImportReport, code: string) => r.sectors.find((s) => s.code === code);

describe('parseSectorFile: CSV', () => {
	it('reads a clean ; separated UTF-8 file', async () => {
		const raw = await parseFixture('good.csv');
		expect(raw.format).toBe('csv');
		expect(raw.encoding).toBe('utf-8');
		expect(raw.separator).toBe(';');
		expect(raw.columns).toEqual({ commune: 'code_commune', sector: 'code_secteur', type: 'type_secteur', name: 'nom_secteur', finess: 'finess' });
		expect(raw.rows).toHaveLength(14);
		expect(raw.rows[0]).toEqual({ line: 2, commune: '01001', sector: '01G01', type: 'G', name: 'Secteur Dombes', finess: '010000001' });
		expect(raw.rows[6]!.name).toBe('Secteur Pays de Gex – Valserine');
	});

	it('handles a BOM, the , separator, quoted commas and header synonyms', async () => {
		const raw = await parseFixture('synonyms-comma-bom.csv');
		expect(raw.separator).toBe(',');
		expect(raw.columns.commune).toBe('Code INSEE'); // no BOM glued to the first header
		expect(raw.columns).toMatchObject({ sector: 'Secteur', type: 'Type de secteur', name: 'Libellé secteur', finess: 'FINESS établissement' });
		expect(raw.rows[0]).toMatchObject({ commune: '1001', name: 'Dombes, Saône' });
	});

	it('handles tabs, title rows above the header and a missing type column', async () => {
		const raw = await parseFixture('tab-title.txt');
		expect(raw.separator).toBe('\t');
		expect(raw.headerLine).toBe(3);
		expect(raw.columns).toEqual({ commune: 'CODGEO', sector: 'Secteur psychiatrique', name: 'Nom du secteur' });
		expect(raw.ignoredColumns).toEqual(['Libellé commune']);
		expect(raw.rows.map((r) => r.line)).toEqual([4, 5, 6]);
		expect(raw.notes.join(' ')).toMatch(/déduit du code secteur/);
		const report = validateSectors(raw, makeCtx());
		expect(report.ok).toBe(true);
		expect(report.assignments).toEqual([
			{ commune: '01001', sector: '01G01', type: 'G' },
			{ commune: '01002', sector: '01G01', type: 'G' },
			{ commune: '01001', sector: '01I01', type: 'I' }
		]);
	});

	it('falls back to Windows-1252 for latin-1 bytes, with a note', async () => {
		const raw = await parseFixture('latin1.csv');
		expect(raw.encoding).toBe('windows-1252');
		expect(raw.rows[0]!.name).toBe('Secteur Ambérieu — Côtière');
		expect(raw.rows[2]!.name).toBe('Pédopsychiatrie Bresse');
		expect(raw.notes.some((n) => n.includes('Windows-1252'))).toBe(true);
		const report = validateSectors(raw, makeCtx());
		expect(issue(report, 'parse-note')).toBeDefined();
		expect(report.ok).toBe(true);
	});

	it('decodes UTF-16LE (Excel "texte Unicode")', async () => {
		const text = '\uFEFFcode_commune\tcode_secteur\ttype\n01001\t01G01\tG\n';
		const buf = Buffer.from(text, 'utf16le');
		const raw = await parseSectorFile(new Uint8Array(buf), 'unicode.txt');
		expect(raw.encoding).toBe('utf-16le');
		expect(raw.rows[0]).toMatchObject({ commune: '01001', sector: '01G01', type: 'G' });
	});

	it('rejects empty files, header-less files and binary data with French messages', async () => {
		await expect(parseFixture('empty.csv')).rejects.toThrow(SectorImportError);
		await expect(parseFixture('empty.csv')).rejects.toThrow(/est vide/);
		await expect(parseSectorFile(new TextEncoder().encode('\n\n  \n'), 'blanc.csv')).rejects.toThrow(/aucune donnée/);
		const err = await parseFixture('missing-columns.csv').catch((e: unknown) => e);
		expect(err).toBeInstanceOf(SectorImportError);
		expect((err as SectorImportError).code).toBe('missing-columns');
		expect((err as Error).message).toMatch(/code commune/);
		expect((err as Error).message).toMatch(/code secteur/);
		expect((err as Error).message).toMatch(/« nom_commune »/);
		await expect(parseSectorFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0]), 'vieux.xls')).rejects.toThrow(/\.xls/);
		await expect(parseSectorFile(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 1, 0, 2, 0, 3]), 'x.pdf')).rejects.toThrow(SectorImportError);
	});

	it('throws when there is no type column and the codes do not carry G/I', async () => {
		const csv = 'code_commune;code_secteur\n01001;A\n01002;B\n';
		await expect(parseSectorFile(new TextEncoder().encode(csv), 'x.csv')).rejects.toThrow(/type de secteur/);
	});

	it('a header-only file parses but validates as not ok', async () => {
		const raw = await parseFixture('header-only.csv');
		expect(raw.rows).toHaveLength(0);
		const report = validateSectors(raw, makeCtx());
		expect(report.ok).toBe(false);
		expect(issue(report, 'empty')?.level).toBe('error');
	});

	it('enforces the size limit with a French message', async () => {
		const big = new Uint8Array(20 * 1024 * 1024 + 1);
		await expect(parseSectorFile(big, 'gros.csv')).rejects.toThrow(/limite est de 20 Mo/);
	});

	it('parses and validates a 200 000-line file (timing lives in npm run bench)', async () => {
		// Synthetic universe: 100 000 communes (codes 10000–109999 cut to 5 digits), one G and one I sector each.
		const communes = new Map<string, CommuneInfo>();
		const lines = ['code_commune;code_secteur;type_secteur;nom_secteur'];
		let n = 0;
		let plm = 0;
		for (let k = 0; k < 100_000; k++) {
			// Arrondissement codes of Paris, Lyon, Marseille are not communes: replaced by Corsican-style codes.
			const num = String(10_000 + k).padStart(5, '0').slice(-5);
			const code = cityOfArrondissement(num) ? `2A${900 + plm++}` : num;
			const dep = code.slice(0, 2);
			communes.set(code, { dep, name: `Commune ${k}`, population: 100 + (k % 50) });
			lines.push(`${code};${dep}G${String((k % 30) + 1).padStart(2, '0')};G;Secteur adultes`);
			lines.push(`${code};${dep}I${String((k % 10) + 1).padStart(2, '0')};I;Secteur enfants`);
			n += 2;
		}
		expect(n).toBe(200_000);
		const bytes = new TextEncoder().encode(lines.join('\n'));
		const raw = await parseSectorFile(bytes, 'gros.csv');
		const report = validateSectors(raw, { communes, aliases: new Map() });
		expect(raw.rows).toHaveLength(200_000);
		expect(report.ok).toBe(true);
		expect(report.assignments).toHaveLength(200_000);
		expect(report.stats.rowsRejected).toBe(0);
		expect(report.stats.unassigned).toEqual({ G: 0, I: 0 });
	});
});

describe('parseSectorFile: XLSX', () => {
	it('reads the first usable sheet, numeric cells included', async () => {
		const buf = await writeXlsxFile([
			{ sheet: 'Lisez-moi', data: [['Ce classeur contient la table des secteurs']] },
			{
				sheet: 'Secteurs',
				data: [
					['Code commune', 'Code secteur', 'Type secteur', 'Libellé secteur', 'FINESS'],
					[1001, '01G01', 'G', 'Dombes', 10000001], // a code and a FINESS typed as numbers lose their leading zero
					['01002', '01G01', 'adulte', 'Dombes', null],
					['01004', '01I01', 'enfant', "'); DROP TABLE x;--", null],
					[null, null, null, null, null],
					['2A004', '2AG01', 'G', '<img src=x onerror=alert(1)>', null]
				]
			}
		]).toBuffer();
		const raw = await parseSectorFile(new Uint8Array(buf), 'secteurs.xlsx');
		expect(raw.format).toBe('xlsx');
		expect(raw.sheet).toBe('Secteurs');
		expect(raw.rows.map((r) => r.line)).toEqual([2, 3, 4, 6]);
		expect(raw.notes.join(' ')).toMatch(/2 feuilles/);
		const report = validateSectors(raw, makeCtx());
		expect(report.ok).toBe(true);
		expect(report.assignments).toContainEqual({ commune: '01001', sector: '01G01', type: 'G' });
		expect(sector(report, '01G01')?.finess).toBe('010000001');
		expect(issue(report, 'commune-padded')?.lines).toEqual([2]);
		expect(sector(report, '01I01')?.name).toBe("'); DROP TABLE x;--");
		expect(sector(report, '2AG01')?.name).toBe('<img src=x onerror=alert(1)>');
	});

	it('reports an unreadable archive in French', async () => {
		const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]);
		await expect(parseSectorFile(bytes, 'casse.xlsx')).rejects.toThrow(/n'a pas pu être lu/);
	});

	it('refuses an archive declaring a huge uncompressed size (zip bomb guard)', async () => {
		const zip = zipSync({ 'xl/workbook.xml': new TextEncoder().encode('<workbook/>') });
		const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
		// Patch the declared uncompressed size in the local and central headers to 1 GiB.
		for (let i = 0; i + 4 <= zip.length; i++) {
			const sig = view.getUint32(i, true);
			if (sig === 0x04034b50) view.setUint32(i + 22, 1 << 30, true);
			if (sig === 0x02014b50) view.setUint32(i + 24, 1 << 30, true);
		}
		await expect(parseSectorFile(zip, 'bombe.xlsx')).rejects.toThrow(/une fois décompressé/);
	});

	it('reports missing columns in a workbook', async () => {
		const buf = await writeXlsxFile([['Nom', 'Remarque'], ['Lyon', 'x']]).toBuffer();
		await expect(parseSectorFile(new Uint8Array(buf), 'x.xlsx')).rejects.toThrow(/introuvable/);
	});
});

describe('header and value normalisation', () => {
	it('matches header synonyms tolerant to case, accents and punctuation', () => {
		const key = (h: string) => matchHeader(h)?.key ?? null;
		expect(key('Code commune')).toBe('commune');
		expect(key('CODE_INSEE')).toBe('commune');
		expect(key('insee')).toBe('commune');
		expect(key('CODGEO')).toBe('commune');
		expect(key('com')).toBe('commune');
		expect(key('Code INSEE de la commune')).toBe('commune');
		expect(key('Secteur')).toBe('sector');
		expect(key('code secteur')).toBe('sector');
		expect(key('Sector')).toBe('sector');
		expect(key('TYPE')).toBe('type');
		expect(key('Type secteur')).toBe('type');
		expect(key('Nom')).toBe('name');
		expect(key('Libellé secteur')).toBe('name');
		expect(key('LIBELLE_SECTEUR')).toBe('name');
		expect(key('finess')).toBe('finess');
		expect(key('FINESS établissement')).toBe('finess');
		expect(key('Nom commune')).toBeNull();
		expect(key('Remarque')).toBeNull();
	});

	it('prefers an explicit code column over a bare "Commune" (often the name)', async () => {
		const csv = 'Commune;Code INSEE;Secteur;Type\nLyon;69123;69G01;G\n';
		const raw = await parseSectorFile(new TextEncoder().encode(csv), 'x.csv');
		expect(raw.columns.commune).toBe('Code INSEE');
		expect(raw.rows[0]!.commune).toBe('69123');
	});

	it('normalises commune codes', () => {
		expect(normaliseCommuneCode('1001')).toBe('01001');
		expect(normaliseCommuneCode(' 01001 ')).toBe('01001');
		expect(normaliseCommuneCode('2a004')).toBe('2A004');
		expect(normaliseCommuneCode('1001.0')).toBe('01001');
		expect(normaliseCommuneCode('75 056')).toBe('75056');
		expect(normaliseCommuneCode('abc')).toBeNull();
		expect(normaliseCommuneCode('123')).toBeNull();
		expect(normaliseCommuneCode('123456')).toBeNull();
	});

	it('reads sector types', () => {
		for (const g of ['G', 'g', 'adulte', 'Adultes', 'général', 'Psychiatrie générale']) expect(parseSectorType(g)).toEqual({ type: 'G' });
		for (const i of ['I', 'infanto-juvénile', 'Infanto juvenile', 'enfant', 'Enfants et adolescents', 'PIJ']) expect(parseSectorType(i)).toEqual({ type: 'I' });
		for (const p of ['P', 'Z', 'pénitentiaire', 'intersectoriel']) expect(parseSectorType(p)).toEqual({ rejected: 'not-territorial' });
		expect(parseSectorType('X')).toEqual({ rejected: 'invalid' });
		expect(parseSectorType('  ')).toEqual({ rejected: 'empty' });
	});

	it('normalises FINESS numbers', () => {
		expect(normaliseFiness('10000001')).toBe('010000001');
		expect(normaliseFiness('2A0000001')).toBe('2A0000001');
		expect(normaliseFiness('12')).toBeNull();
	});
});

describe('validateSectors', () => {
	it('builds sectors from a clean file, covering the scope', async () => {
		const report = validateSectors(await parseFixture('good.csv'), makeCtx());
		expect(report.ok).toBe(true);
		expect(report.issues.filter((i) => i.level !== 'info')).toEqual([]);
		expect(report.stats).toMatchObject({
			rowsRead: 14,
			rowsAccepted: 14,
			rowsRejected: 0,
			rowsDuplicate: 0,
			sectors: { G: 3, I: 2 },
			communesAssigned: { G: 7, I: 7 },
			scopeDeps: ['01'],
			unassigned: { G: 0, I: 0 }
		});
		expect(sector(report, '01G02')).toEqual({
			code: '01G02',
			type: 'G',
			name: 'Secteur Bugey',
			finess: '010000002',
			communes: ['01002', '01004', '01007', '01015'],
			deps: ['01'],
			population: 270 + 15934 + 2841 + 710
		});
		expect(sector(report, '01G03')?.finess).toBeNull();
	});

	it('normalises codes and French type words', async () => {
		const report = validateSectors(await parseFixture('synonyms-comma-bom.csv'), makeCtx());
		expect(report.ok).toBe(true);
		expect(report.stats.rowsRejected).toBe(0);
		expect(report.assignments).toContainEqual({ commune: '01001', sector: '01G01', type: 'G' });
		expect(report.assignments).toContainEqual({ commune: '01002', sector: '01G02', type: 'G' }); // 01g02 uppercased
		expect(report.assignments).toContainEqual({ commune: '2A004', sector: '2AG01', type: 'G' });
		expect(report.assignments).toContainEqual({ commune: '01007', sector: '01I01', type: 'I' });
		expect(sector(report, '01G01')).toMatchObject({ name: 'Dombes, Saône', finess: '010000001' });
		expect(issue(report, 'commune-padded')?.lines).toEqual([2]);
		expect(report.stats.scopeDeps).toEqual(['01', '2A']);
	});

	it('maps obsolete codes and arbitrates merged communes split between sectors', async () => {
		const report = validateSectors(await parseFixture('obsolete.csv'), makeCtx());
		expect(report.ok).toBe(true);
		const mapped = report.issues.filter((i) => i.code === 'commune-mapped');
		expect(mapped.map((i) => i.message)).toContain("01340 (Saint-Bois) → 01015 (Arboys en Bugey) (commune déléguée). Ligne 2.");
		expect(mapped.find((i) => i.message.startsWith('69381'))?.message).toMatch(/arrondissement municipal/);
		expect(report.stats.codesMapped).toBe(5);
		// 01340 and 01015 to the same sector: no conflict.
		expect(report.assignments).toContainEqual({ commune: '01015', sector: '01G02', type: 'G' });
		// Valserhône: old communes in 01G03 and 01G04, populations unknown → first in file order.
		const merged = report.issues.filter((i) => i.code === 'merged-conflict');
		expect(merged).toHaveLength(2);
		const valserhone = merged.find((i) => i.message.includes('Valserhône'))!;
		expect(valserhone.level).toBe('warning');
		expect(valserhone.message).toMatch(/premier secteur du fichier \(01G03\)/);
		expect(valserhone.lines).toEqual([5]);
		expect(report.assignments).toContainEqual({ commune: '01033', sector: '01G03', type: 'G' });
		// Same old communes in the same I sector: fine.
		expect(report.assignments).toContainEqual({ commune: '01033', sector: '01I02', type: 'I' });
		// Lyon: 2e arrondissement (29 981 hab.) outweighs the 1er (28 717).
		const lyon = merged.find((i) => i.message.includes('Lyon'))!;
		expect(lyon.message).toMatch(/ses arrondissements/);
		expect(lyon.message).toMatch(/69G02, qui couvre la plus grande population/);
		expect(report.assignments).toContainEqual({ commune: '69123', sector: '69G02', type: 'G' });
		// 69G01 lost its only commune.
		expect(sector(report, '69G01')).toBeUndefined();
		expect(issue(report, 'sector-empty')?.details).toEqual(['01G04', '69G01']);
		expect(sector(report, '01G04')).toBeUndefined();
		expect(report.stats.rowsOverridden).toBe(2);
	});

	it('ignores exact duplicates and rejects conflicting assignments', async () => {
		const report = validateSectors(await parseFixture('duplicates.csv'), makeCtx());
		expect(report.ok).toBe(true);
		const dup = issue(report, 'duplicate')!;
		expect(dup.level).toBe('info');
		expect(dup.lines).toEqual([3]);
		expect(report.stats.rowsDuplicate).toBe(1);
		const conflict = issue(report, 'conflict')!;
		expect(conflict.level).toBe('error');
		expect(conflict.lines).toEqual([5]);
		expect(conflict.message).toMatch(/01002 est affectée à deux secteurs G différents : 01G01 \(ligne 4\) et 01G02 \(ligne 5\)/);
		expect(report.assignments).toContainEqual({ commune: '01002', sector: '01G01', type: 'G' });
		expect(report.stats.rowsRejected).toBe(1);
		expect(report.stats.rowsAccepted).toBe(5);
	});

	it('lists unknown and malformed codes and rows without a sector', async () => {
		const report = validateSectors(await parseFixture('unknown.csv'), makeCtx());
		expect(report.ok).toBe(true);
		const unknown = issue(report, 'commune-unknown')!;
		expect(unknown.level).toBe('error');
		expect(unknown.details).toEqual(['99999', '75001']);
		expect(unknown.lines).toEqual([3, 4]);
		expect(unknown.message).toMatch(/pas le code postal/);
		expect(issue(report, 'commune-format')?.details).toEqual(['abc']);
		expect(issue(report, 'commune-missing')?.lines).toEqual([6]);
		expect(issue(report, 'sector-missing')?.lines).toEqual([7]);
		expect(report.stats.rowsRejected).toBe(5);
		expect(report.assignments).toEqual([{ commune: '01001', sector: '01G01', type: 'G' }]);
	});

	it('checks sector types', async () => {
		const report = validateSectors(await parseFixture('types.csv'), makeCtx());
		const nt = issue(report, 'type-not-territorial')!;
		expect(nt.lines).toEqual([2, 3, 4]);
		expect(nt.message).toMatch(/pénitentiaire/);
		expect(nt.message).toMatch(/intersectoriels/);
		expect(issue(report, 'type-invalid')?.lines).toEqual([5]);
		expect(issue(report, 'type-inferred')?.lines).toEqual([6]);
		expect(issue(report, 'type-missing')?.lines).toEqual([7]);
		expect(issue(report, 'type-code-mismatch')?.lines).toEqual([8]);
		expect(report.assignments).toEqual([
			{ commune: '01007', sector: '01G05', type: 'G' },
			{ commune: '01033', sector: '01G01', type: 'I' }
		]);
	});

	it('flags cross-département sectors and non-standard sector codes', async () => {
		const report = validateSectors(await parseFixture('cross-dep.csv'), makeCtx());
		expect(report.ok).toBe(true);
		expect(issue(report, 'sector-multi-dep')?.details).toEqual(['01G09 → 01, 69']);
		expect(issue(report, 'sector-code-format')?.details).toEqual(['SECTEUR3']);
		expect(issue(report, 'sector-code-format')?.level).toBe('warning');
		expect(issue(report, 'sector-code-dep-mismatch')?.details).toEqual(['69G07 → 01']);
		expect(sector(report, '01G09')?.deps).toEqual(['01', '69']);
	});

	it('lists unassigned communes of the scope with their population', async () => {
		const raw = await parseFixture('duplicates.csv');
		const report = validateSectors(raw, makeCtx({ scopeDeps: ['01'] }));
		const g = issue(report, 'unassigned-G')!;
		expect(g.level).toBe('warning');
		// 01 has 7 communes in the test universe; 01001, 01002, 01004 are assigned in G.
		expect(report.stats.unassigned.G).toBe(4);
		expect(report.stats.unassignedPopulation.G).toBe(1906 + 2841 + 710 + 16712);
		expect(g.details?.[0]).toBe(`01033 Valserhône (${(16712).toLocaleString('fr-FR')} hab.)`);
		expect(report.unassigned.filter((u) => u.type === 'I').map((u) => u.commune).sort()).toEqual(['01004', '01005', '01007', '01015', '01033']);
		// A commune outside an explicit scope is flagged.
		const outside = validateSectors(await parseFixture('cross-dep.csv'), makeCtx({ scopeDeps: ['01'] }));
		expect(issue(outside, 'commune-out-of-scope')?.lines).toEqual([3]);
		// With no I sector in the file, I coverage is not checked.
		const onlyG = validateSectors(await parseFixture('cross-dep.csv'), makeCtx());
		expect(issue(onlyG, 'type-absent')?.message).toMatch(/infanto-juvénile/);
		expect(onlyG.stats.unassigned.I).toBe(0);
	});

	it('finds the same unassigned communes again from the saved sectors alone (map shading of a stored set)', async () => {
		const ctx = makeCtx();
		const report = validateSectors(await parseFixture('duplicates.csv'), ctx);
		// Only the sectors are stored: the scope comes back from their départements.
		const stored = report.sectors.map((x) => ({ type: x.type, communes: [...x.communes], deps: [...x.deps] }));
		expect(sectorScope(stored)).toEqual(report.stats.scopeDeps);
		for (const t of ['G', 'I'] as const) {
			const again = unassignedCommunes(stored, t, ctx.communes);
			expect(again).toEqual(report.unassigned.filter((u) => u.type === t));
			expect(again.length).toBe(report.stats.unassigned[t]);
		}
		// Hand-checked: a G sector on 01001 + Lyon leaves the other communes of 01 and 69 (Affoux, Villeurbanne), most populated first.
		const hand = unassignedCommunes([{ type: 'G', communes: ['01001', '69123'], deps: ['01', '69'] }], 'G', ctx.communes);
		expect(hand.map((u) => u.commune)).toEqual(['69266', '01033', '01004', '01007', '01005', '01015', '69001', '01002']);
		expect(unassignedCommunes([{ type: 'G', communes: ['01001'], deps: ['01'] }], 'I', ctx.communes)).toHaveLength(7);
	});

	it('keeps hostile strings unchanged, as data', async () => {
		const raw = await parseFixture('hostile.csv');
		const report = validateSectors(raw, makeCtx());
		expect(report.ok).toBe(true);
		expect(sector(report, '01G01')?.name).toBe('<img src=x onerror=alert(1)>');
		expect(sector(report, '01G02')?.name).toBe("'); DROP TABLE x;--");
		expect(sector(report, '01G03')?.name).toBe('=HYPERLINK("http://exemple.invalid","clic")');
		expect(sector(report, '01G04')?.name).toBe('<script>alert("x")</script> & ; "guillemets"');
		// Hostile values quoted in messages stay plain text too (the UI escapes them).
		const r2 = validateSectors(
			{ ...raw, rows: [{ line: 2, commune: '<b>x</b>', sector: '01G01', type: 'G', name: '', finess: '' }, ...raw.rows] } as RawSectorTable,
			makeCtx()
		);
		expect(issue(r2, 'commune-format')?.details).toEqual(['<b>x</b>']);
	});

	it('is not ok when no row is usable', async () => {
		const csv = 'code_commune;code_secteur;type\n99999;01G01;G\n01001;01P01;P\n';
		const report = validateSectors(await parseSectorFile(new TextEncoder().encode(csv), 'x.csv'), makeCtx());
		expect(report.ok).toBe(false);
		expect(issue(report, 'no-valid-row')?.level).toBe('error');
		expect(report.sectors).toEqual([]);
	});

	it('orders issues errors first, every message in French', async () => {
		const report = validateSectors(await parseFixture('types.csv'), makeCtx());
		const levels = report.issues.map((i) => i.level);
		expect([...levels].sort((a, b) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b))).toEqual(levels);
		for (const i of report.issues) expect(i.message).toMatch(/[éèàçêû]|ligne|secteur|commune/i);
	});
});

describe('sector template', () => {
	it('is a BOM-prefixed ; CSV that round-trips through the importer and is flagged as an example', async () => {
		const csv = sectorTemplateCsv();
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(csv.split('\r\n')[0]).toBe('\uFEFFcode_commune;code_secteur;type_secteur;nom_secteur;finess');
		expect(csv.trim().split('\r\n')).toHaveLength(4);
		const raw = await parseSectorFile(new TextEncoder().encode(csv), 'modele.csv');
		expect(raw.separator).toBe(';');
		const report = validateSectors(raw, makeCtx());
		expect(report.ok).toBe(true);
		expect(report.stats.rowsRejected).toBe(0);
		expect(sector(report, '69G99')?.communes).toEqual(['69123', '69266']);
		expect(issue(report, 'template-example')?.lines).toEqual([2, 3, 4]);
		expect(SECTOR_TEMPLATE_COLUMNS.filter((c) => c.required).map((c) => c.header)).toEqual(['code_commune', 'code_secteur', 'type_secteur']);
		expect(SECTOR_TEMPLATE_DESCRIPTION).toMatch(/commune/);
	});
});

describeMirror('sector import on the real COG', () => {
	it('maps a real merged commune and Lyon arrondissements to their current codes', async () => {
		interface CogEntry {
			code: string;
			nom: string;
			type: string;
			departement: string;
			population?: number;
			chefLieu?: string;
			commune?: string;
			anciensCodes?: string[];
		}
		const cog = JSON.parse(gunzipSync(readFileSync(join(MIRROR!, 'cog/communes.json.gz'))).toString('utf8')) as CogEntry[];
		const communes = new Map<string, CommuneInfo>();
		const aliases = new Map<string, string>();
		const aliasDetails = new Map<string, AliasInfo>();
		for (const c of cog) {
			if (c.type !== 'commune-actuelle') continue;
			communes.set(c.code, { dep: c.departement, name: c.nom, population: c.population ?? 0 });
			aliases.set(c.code, c.code);
		}
		for (const c of cog) {
			const parent = c.type === 'commune-actuelle' ? c.code : (c.commune ?? c.chefLieu);
			if (!parent) continue;
			if (c.type !== 'commune-actuelle' && !aliases.has(c.code)) {
				aliases.set(c.code, parent);
				const kind = c.type === 'arrondissement-municipal' ? 'arrondissement' : c.type === 'commune-deleguee' ? 'deleguee' : 'associee';
				aliasDetails.set(c.code, { kind, name: c.nom, population: c.population ?? null });
			}
			for (const a of c.anciensCodes ?? []) if (!aliases.has(a)) aliases.set(a, parent);
		}
		const csv = [
			'code_commune;code_secteur;type_secteur',
			'01091;01G03;G', // Châtillon-en-Michaille, merged into Valserhône (01033) in 2019
			'69381;69G01;G', // Lyon 1er
			'69382;69G02;G', // Lyon 2e
			'01001;01G01;G'
		].join('\n');
		const report = validateSectors(await parseSectorFile(new TextEncoder().encode(csv), 'reel.csv'), { communes, aliases, aliasDetails });
		expect(report.assignments).toContainEqual({ commune: '01033', sector: '01G03', type: 'G' });
		expect(report.issues.find((i) => i.code === 'commune-mapped' && i.message.startsWith('01091'))?.message).toMatch(/→ 01033 \(Valserhône\)/);
		expect(report.assignments.find((a) => a.commune === '69123')?.sector).toBe('69G02');
		// Scope 01 + 69: most communes are left unassigned, with their population.
		expect(report.stats.unassigned.G).toBeGreaterThan(500);
		expect(report.stats.unassignedPopulation.G).toBeGreaterThan(1_000_000);
	});
});
