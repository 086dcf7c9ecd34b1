/**
 * Fuzz test of the sector import pipeline in Node (issue 12), with a fixed seed: random bytes and
 * mutated real-format files (flipped bytes, truncated, separators swapped, encodings changed,
 * quotes and NUL bytes inserted) go through parseSectorFile + validateSectors. Properties:
 * - no exception escapes but a SectorImportError with a French message;
 * - no row vanishes without a reason: read = kept + rejected + duplicates + overridden, and every
 *   rejected row's line is named by an error;
 * - a structural fault we introduced is flagged as a structural problem;
 * - what the preview keeps can be stored (same schema at preview and at save).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import {
	parseSectorFile,
	SectorImportError,
	validateSectors,
	type CommuneInfo,
	type SectorImportContext,
	type SectorImportReport
} from '../../../src/lib/geo/sector-import';
import { sectorCodeProblem, sectorNameProblem } from '../../../src/lib/geo/sector-schema';
import { checkSectorSet, sectorSetFromReport } from '../../../src/lib/geo/territory-store';
import { AIN_20 } from '../../helpers/ain-communes';
import { mulberry32 } from '../../helpers/random';

const SEED = 0x5eed12;
const rng = mulberry32;

const FIX = join(import.meta.dirname, '../../fixtures');
const TEXT_FIXTURES = [
	...['good.csv', 'latin1.csv', 'synonyms-comma-bom.csv', 'tab-title.txt', 'obsolete.csv', 'hostile.csv', 'types.csv', 'duplicates.csv'].map((f) => join(FIX, 'sectors', f)),
	join(FIX, 'e2e', 'sectors-69.csv'),
	...readdirSync(join(FIX, 'hostile')).filter((f) => f.endsWith('.csv')).map((f) => join(FIX, 'hostile', f))
];

// A context with the fixtures' communes (real COG 2026 names and populations).
const ctx: SectorImportContext = {
	communes: new Map<string, CommuneInfo>([
		...AIN_20.map(([c, name, population]) => [c, { dep: '01', name, population }] as const),
		['01033', { dep: '01', name: 'Valserhône', population: 16712 }],
		['69123', { dep: '69', name: 'Lyon', population: 519127 }],
		['69266', { dep: '69', name: 'Villeurbanne', population: 163684 }],
		['2A004', { dep: '2A', name: 'Ajaccio', population: 76320 }]
	]),
	aliases: new Map([['69381', '69123']])
};

type Outcome = { kind: 'error'; error: SectorImportError } | { kind: 'report'; report: SectorImportReport };

async function run(bytes: Uint8Array, name: string): Promise<Outcome> {
	let raw;
	try {
		raw = await parseSectorFile(bytes, name);
	} catch (e) {
		// Only a named, French error may come out.
		expect(e).toBeInstanceOf(SectorImportError);
		expect((e as SectorImportError).message.length).toBeGreaterThan(20);
		expect((e as SectorImportError).message).toMatch(/[éèàç«]|fichier|classeur/);
		return { kind: 'error', error: e as SectorImportError };
	}
	const report = validateSectors(raw, ctx);
	checkReport(report);
	return { kind: 'report', report };
}

function checkReport(r: SectorImportReport): void {
	const s = r.stats;
	expect(s.rowsAccepted).toBeGreaterThanOrEqual(0);
	expect(s.rowsAccepted + s.rowsRejected + s.rowsDuplicate + s.rowsOverridden).toBe(s.rowsRead);
	// Every rejected row is named by an error with its line.
	const named = new Set(r.issues.filter((i) => i.level === 'error' && !i.code.startsWith('structure-')).flatMap((i) => i.lines));
	expect(named.size).toBeGreaterThanOrEqual(s.rowsRejected);
	expect(r.structural).toBe(r.issues.filter((i) => i.code.startsWith('structure-')).length);
	for (const i of r.issues) expect(i.message).not.toMatch(/undefined|NaN|\[object/);
	// Same schema at preview and at save.
	for (const sec of r.sectors) {
		expect(sectorCodeProblem(sec.code)).toBeNull();
		expect(sectorNameProblem(sec.name)).toBeNull();
	}
	if (r.ok) {
		const c = checkSectorSet(sectorSetFromReport(r, { name: 'fuzz', now: new Date('2026-12-01T00:00:00Z') }), 'save');
		expect(c.ok ? null : c.error).toBeNull();
	}
}

const structural = (o: Outcome) => (o.kind === 'report' ? o.report.issues.filter((i) => i.code.startsWith('structure-')).map((i) => i.code) : []);

// ----- mutations

const enc = new TextEncoder();
function utf16le(text: string): Uint8Array {
	const out = new Uint8Array(2 + text.length * 2);
	out[0] = 0xff;
	out[1] = 0xfe;
	for (let i = 0; i < text.length; i++) {
		out[2 + 2 * i] = text.charCodeAt(i) & 0xff;
		out[3 + 2 * i] = text.charCodeAt(i) >> 8;
	}
	return out;
}
function latin1(text: string): Uint8Array {
	return Uint8Array.from([...text].map((c) => (c.charCodeAt(0) < 256 ? c.charCodeAt(0) : 0x3f)));
}
const pick = <T,>(r: () => number, a: readonly T[]): T => a[Math.floor(r() * a.length)]!;

/** Data lines of a text (after the first line) that hold the separator at least twice. */
function dataLines(lines: string[], sep: string): number[] {
	return lines.map((l, i) => (i > 0 && l.split(sep).length >= 3 ? i : -1)).filter((i) => i > 0);
}
const sepOf = (text: string) => [';', '\t', ','].find((s) => (text.split(/\r?\n/)[0] ?? '').includes(s)) ?? ';';
function decodeFixture(bytes: Uint8Array): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
	} catch {
		return new TextDecoder('latin1').decode(bytes);
	}
}

describe('sector import fuzz (seed 0x5eed12)', () => {
	it('random bytes: a report or a named French error, never a crash', async () => {
		const r = rng(SEED);
		let errors = 0;
		for (let n = 0; n < 150; n++) {
			const len = Math.floor(r() ** 2 * 8192);
			const bytes = new Uint8Array(len).map(() => Math.floor(r() * 256));
			// Some of them printable only, to get past the binary check.
			if (n % 3 === 0) for (let i = 0; i < len; i++) bytes[i] = pick(r, [0x30, 0x31, 0x3b, 0x2c, 0x0a, 0x22, 0x47, 0x41, 0x20, 0xe9]);
			if (n % 10 === 0 && len > 4) bytes.set([0x50, 0x4b, 0x03, 0x04]); // zip signature
			const o = await run(bytes, `bruit-${n}.csv`);
			if (o.kind === 'error') errors++;
		}
		expect(errors).toBeGreaterThan(0);
	});

	it('flipped bytes and truncation of real-format files', async () => {
		const r = rng(SEED + 1);
		for (const file of TEXT_FIXTURES) {
			const orig = new Uint8Array(readFileSync(file));
			for (let n = 0; n < 12; n++) {
				const b = orig.slice(0, n % 2 ? Math.max(1, Math.floor(r() * orig.length)) : orig.length);
				const flips = n % 3 === 0 ? 0 : 1 + Math.floor(r() * 8);
				for (let k = 0; k < flips; k++) {
					const at = Math.floor(r() * b.length);
					b[at] = b[at]! ^ (1 << Math.floor(r() * 8));
				}
				await run(b, file);
			}
		}
	});

	it('changed encodings keep every row', async () => {
		for (const file of TEXT_FIXTURES) {
			const text = decodeFixture(new Uint8Array(readFileSync(file)));
			const base = await run(enc.encode(text), file);
			for (const bytes of [utf16le(text), latin1(text), enc.encode('\uFEFF' + text.replace(/\r?\n/g, '\r\n'))]) {
				const o = await run(bytes, file);
				expect(o.kind).toBe(base.kind);
				if (o.kind === 'report' && base.kind === 'report') expect(o.report.stats.rowsRead).toBe(base.report.stats.rowsRead);
			}
		}
	});

	it('separators swapped on some lines are flagged as structural', async () => {
		const r = rng(SEED + 2);
		let cases = 0;
		for (const file of TEXT_FIXTURES) {
			const text = decodeFixture(new Uint8Array(readFileSync(file)));
			const sep = sepOf(text);
			const lines = text.split(/\r?\n/);
			const candidates = dataLines(lines, sep).filter((i) => !lines[i]!.includes('"'));
			if (candidates.length < 4) continue;
			for (let n = 0; n < 4; n++) {
				const other = pick(r, [';', ',', '\t', '|'].filter((s) => s !== sep && !text.includes(s)));
				if (!other) continue;
				const mutated = [...lines];
				const i = pick(r, candidates);
				mutated[i] = mutated[i]!.split(sep).join(other);
				const o = await run(enc.encode(mutated.join('\n')), file);
				expect(o.kind).toBe('report');
				expect(structural(o).length, `${file} line ${i + 1} with « ${other} »`).toBeGreaterThan(0);
				cases++;
			}
		}
		expect(cases).toBeGreaterThanOrEqual(30);
	});

	it('an inserted quote or NUL byte is flagged as structural', async () => {
		const r = rng(SEED + 3);
		const cases = { quote: 0, nul: 0 };
		for (const file of TEXT_FIXTURES) {
			const text = decodeFixture(new Uint8Array(readFileSync(file)));
			const sep = sepOf(text);
			const lines = text.split(/\r?\n/);
			const candidates = dataLines(lines, sep);
			if (!candidates.length) continue;
			for (let n = 0; n < 4; n++) {
				const i = pick(r, candidates);
				const cells = lines[i]!.split(sep);
				const c = 1 + Math.floor(r() * (cells.length - 1));
				const mutated = [...lines];
				const withNul = n % 2 === 1;
				if (withNul) {
					const at = Math.floor(r() * lines[i]!.length);
					mutated[i] = lines[i]!.slice(0, at) + '\u0000' + lines[i]!.slice(at);
				} else {
					if (cells[c]!.startsWith('"') || text.includes('"')) continue; // a lone quote needs a quote-free file
					cells[c] = '"' + cells[c];
					mutated[i] = cells.join(sep);
				}
				const o = await run(enc.encode(mutated.join('\n')), file);
				expect(o.kind).toBe('report');
				expect(structural(o), `${file} line ${i + 1}`).toContain(withNul ? 'structure-nul' : 'structure-quote');
				cases[withNul ? 'nul' : 'quote']++;
			}
		}
		expect(cases.nul).toBeGreaterThanOrEqual(20);
		expect(cases.quote).toBeGreaterThanOrEqual(10);
	});

	it('mutated XLSX: a report or a named French error', async () => {
		const r = rng(SEED + 4);
		const rows = [['code_commune', 'code_secteur', 'type_secteur', 'nom_secteur'], ...AIN_20.map(([c], i) => [c, `01G0${1 + (i % 3)}`, 'G', `Secteur ${1 + (i % 3)}`])];
		const xlsx = new Uint8Array(await writeXlsxFile(rows).toBuffer());
		const clean = await run(xlsx, 'ain.xlsx');
		expect(clean.kind === 'report' && clean.report.stats.rowsAccepted).toBe(20);
		for (let n = 0; n < 40; n++) {
			const b = xlsx.slice(0, n % 4 === 1 ? Math.floor(r() * xlsx.length) : xlsx.length);
			for (let k = 0; k < 1 + Math.floor(r() * 6); k++) {
				const at = 4 + Math.floor(r() * (b.length - 4));
				b[at] = b[at]! ^ (1 << Math.floor(r() * 8));
			}
			await run(b, 'ain.xlsx');
		}
	});
});
