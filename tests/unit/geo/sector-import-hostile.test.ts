/**
 * Broken and hostile sector files (tests/fixtures/hostile/): every structural problem is named,
 * with its line, and counted in `structural` (the UI then waits for the user's decision); the
 * schema of codes and names is the same at preview and at save, with the same French wording.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSectorFile, validateSectors, type CommuneInfo, type SectorImportReport } from '../../../src/lib/geo/sector-import';
import { MAX_SECTOR_CODE, MAX_SECTOR_NAME } from '../../../src/lib/geo/sector-schema';
import { checkSectorSet, sectorSetFromReport } from '../../../src/lib/geo/territory-store';
import { AIN_20 } from '../../helpers/ain-communes';

const FIX = join(import.meta.dirname, '../../fixtures/hostile');

const ctx = {
	communes: new Map<string, CommuneInfo>(AIN_20.map(([c, name, population]) => [c, { dep: '01', name, population }])),
	aliases: new Map<string, string>(),
	scopeDeps: ['01']
};

async function load(name: string): Promise<SectorImportReport> {
	const raw = await parseSectorFile(new Uint8Array(readFileSync(join(FIX, name))), name);
	return validateSectors(raw, ctx);
}
const codes = (r: SectorImportReport) => r.issues.map((i) => i.code);
const issue = (r: SectorImportReport, code: string) => r.issues.find((i) => i.code === code)!;

describe('structural problems are named, with their lines, and block a silent save', () => {
	it('unclosed quote: names the line and the rows merged into one cell', async () => {
		const r = await load('unclosed-quote.csv');
		const q = issue(r, 'structure-quote');
		expect(q.level).toBe('error');
		expect(q.lines).toEqual([7]);
		expect(q.message).toMatch(/ligne 7 : les 14 lignes suivantes du fichier ont été fusionnées dans la cellule « Secteur 3 \(Ambronay »/);
		expect(r.structural).toBeGreaterThanOrEqual(1);
		// The merged name is too long to be stored: that row is rejected, with its line.
		expect(issue(r, 'sector-name-invalid').lines).toEqual([7]);
		expect(r.stats.rowsRead).toBe(6);
	});

	it('header cell holding the separator: the shift is said instead of a wrong diagnosis', async () => {
		const r = await load('header-separator.csv');
		const h = issue(r, 'structure-header-shift');
		expect(h.lines).toEqual([1]);
		expect(h.message).toMatch(/compte 5 colonnes, mais la plupart des lignes de données en ont 4/);
		expect(r.structural).toBe(1);
	});

	it('mixed separators: rows read with their own separator, which is named per line', async () => {
		const r = await load('mixed-separators.csv');
		const m = issue(r, 'structure-mixed-separators');
		expect(m.lines).toEqual([16, 17, 18, 19, 20, 21]);
		expect(m.message).toMatch(/« point-virgule ; »/);
		expect(m.message).toMatch(/« virgule , » : lignes 16, 17, 18, 19, 20, 21/);
		// Nothing lost: all 20 communes are assigned.
		expect(r.stats.rowsAccepted).toBe(20);
		expect(r.stats.communesAssigned.G).toBe(20);
	});

	it('a NUL byte is removed and flagged, not a "binary file" rejection', async () => {
		const r = await load('nul-byte.csv');
		expect(issue(r, 'structure-nul').lines).toEqual([5]);
		expect(r.stats.rowsAccepted).toBe(20);
		expect(r.sectors.find((s) => s.code === '01G01')!.name).toBe('Secteur 1');
	});

	it('ragged rows: too many cells and a row cut short, with their lines', async () => {
		const r = await load('ragged.csv');
		const g = issue(r, 'structure-ragged');
		expect(g.lines).toEqual([5, 9]);
		expect(g.message).toMatch(/6 cellules remplies \(ligne 5\)/);
		expect(r.structural).toBe(1);
	});

	it('a clean file has no structural problem', async () => {
		const csv = 'code_commune;code_secteur;type_secteur;nom_secteur\n' + AIN_20.map(([c], i) => `${c};01G0${1 + (i % 3)};G;Secteur ${1 + (i % 3)}`).join('\n') + '\n';
		const r = validateSectors(await parseSectorFile(new TextEncoder().encode(csv), 'propre.csv'), ctx);
		expect(r.structural).toBe(0);
		expect(codes(r).filter((c) => c.startsWith('structure-'))).toEqual([]);
		expect(r.stats.rowsAccepted).toBe(20);
	});
});

describe('validation equals storage', () => {
	it('long codes and names are rejected at preview with the wording the store uses', async () => {
		const r = await load('long-and-bidi.csv');
		const bad = r.issues.filter((i) => i.code === 'sector-code-invalid');
		expect(bad.map((i) => i.lines)).toEqual([[2], [3]]);
		expect(bad[0]!.message).toMatch(`code secteur trop long (150 caractères, ${MAX_SECTOR_CODE} au plus)`);
		expect(issue(r, 'sector-name-invalid').message).toMatch(new RegExp(`nom de secteur trop long \\(5\\s000 caractères, ${MAX_SECTOR_NAME} au plus\\)`));
		// What the preview kept can be saved: the store accepts the set built from the report.
		const set = sectorSetFromReport(r, { name: 'Ain', now: new Date('2026-12-01T00:00:00Z') });
		expect(checkSectorSet(set, 'save').ok).toBe(true);
		// And a code the preview refuses is refused by the store with the same words.
		const forged = { ...set, sectors: [{ ...set.sectors[0]!, code: 'A'.repeat(150) }] };
		const c = checkSectorSet(forged, 'save');
		expect(c.ok).toBe(false);
		expect(!c.ok && c.error).toMatch(`code secteur trop long (150 caractères, ${MAX_SECTOR_CODE} au plus)`);
		const longName = { ...set, sectors: [{ ...set.sectors[0]!, name: 'N'.repeat(100_000) }] };
		expect(checkSectorSet(longName, 'load')).toMatchObject({ ok: false });
	});

	it('bidi overrides and controls are removed from names, and refused in a stored record', async () => {
		const r = await load('long-and-bidi.csv');
		expect(issue(r, 'sector-name-neutralised').lines).toEqual([5, 6]);
		for (const s of r.sectors) expect(s.name ?? '').not.toMatch(/[\u0000-\u001F\u202A-\u202E\u2066-\u2069]/);
		const set = sectorSetFromReport(r, { name: 'Ain' });
		const hostile = { ...set, sectors: [{ ...set.sectors[0]!, name: 'Secteur \u202Eruetces' }] };
		const c = checkSectorSet(hostile, 'load');
		expect(!c.ok && c.error).toMatch(/caractères de contrôle ou de direction du texte/);
	});
});
