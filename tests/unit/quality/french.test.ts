/** The quality report reads in French: every rejection reason of the parsers and every note of the real report. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REASONS_FR, frenchNote, frenchReason, frNumbers } from '../../../src/lib/quality/french.ts';
import { renderQuality, type QualityReport } from '../../../data/quality.ts';

const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const ENGLISH = /\b(the|of|from|with|rows?|kept|null|found|which|missing|duplicate|malformed|absent from|out of scope)\b/;

describe('French quality report', () => {
	it('translates every rejection reason written in the parsers', () => {
		const dir = 'data/parsers';
		const reasons = new Set<string>();
		for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
			const src = readFileSync(`${dir}/${f}`, 'utf8');
			for (const m of src.matchAll(/q\.reject\('([^']+)'/g)) reasons.add(m[1]!);
			for (const m of src.matchAll(/_REASON = '([^']+)'/g)) reasons.add(m[1]!);
		}
		expect(reasons.size).toBeGreaterThan(30);
		const untranslated = [...reasons].filter((r) => !(r in REASONS_FR));
		expect(untranslated).toEqual([]);
		expect(frenchReason('TOT row (establishment total, excluded)')).toMatch(/^ligne TOT \(total de l’établissement/);
	});

	it('writes numbers in fr-FR', () => {
		expect(nb(frenchNote('Population municipale: 68,350,798 in metropole + DROM (68,952,941 over every commune-actuelle including the COM).'))).toBe(
			'Population municipale : 68 350 798 en métropole et DROM (68 952 941 pour l’ensemble des communes actuelles, COM comprises).'
		);
		expect(nb(frNumbers('total 1,207,782; codes 310780390, 310781133'))).toBe('total 1 207 782; codes 310780390, 310781133');
	});

	const path = 'static/data/quality.json';
	it.skipIf(!existsSync(path))('leaves no English note in the report built from the mirror, on screen and in quality.txt', () => {
		const report = JSON.parse(readFileSync(path, 'utf8')) as QualityReport;
		const notes = report.entries.flatMap((e) => e.notes ?? []);
		expect(notes.length).toBeGreaterThan(10);
		const english = notes.map(frenchNote).filter((n) => ENGLISH.test(n) || /\d,\d{3}\b/.test(n));
		expect(english).toEqual([]);
		const txt = renderQuality(report);
		expect(txt).not.toMatch(/\d,\d{3}\b/);
		expect(txt).not.toMatch(/\bcap_htp\b|\bsae_psy \/|\b0 Mo\b|TOT row/);
		expect(txt).toContain('Lits d’hospitalisation à temps plein');
	});
});
