import { describe, expect, it } from 'vitest';
import { isMissingToken, normCommune, normDep, openDelimited, parseFrNumber, qualityBuilder, splitLines, stripBom } from '../../../data/parsers/common.ts';

describe('parseFrNumber', () => {
	it('reads French and English writings', () => {
		expect(parseFrNumber('170 727')).toBe(170727);
		expect(parseFrNumber('1\u00a0642\u00a0002')).toBe(1642002); // no-break space
		expect(parseFrNumber('1\u202f234,5')).toBe(1234.5); // narrow no-break space + decimal comma
		expect(parseFrNumber('12.5')).toBe(12.5);
		expect(parseFrNumber('-3')).toBe(-3);
		expect(parseFrNumber('1.0')).toBe(1);
		expect(parseFrNumber(' 42 ')).toBe(42);
		expect(parseFrNumber(97.4)).toBe(97.4);
		expect(parseFrNumber('1e3')).toBe(1000);
	});
	it('returns null for missing markers and NaN for malformed values', () => {
		for (const m of ['', '  ', 'NA', 'na', 'N/A', 'ND', '-', 's', null, undefined, Number.NaN]) expect(parseFrNumber(m)).toBeNull();
		for (const bad of ['abc', '12abc', '1,234.5', '1,2,3', '--1', '1.2.3']) expect(parseFrNumber(bad)).toBeNaN();
		expect(parseFrNumber(Infinity)).toBeNaN();
	});
	it('isMissingToken', () => {
		expect(isMissingToken('NA')).toBe(true);
		expect(isMissingToken('0')).toBe(false);
		expect(isMissingToken(0)).toBe(false);
	});
});

describe('normDep / normCommune', () => {
	it('normalises département codes', () => {
		expect(normDep('1')).toBe('01');
		expect(normDep(1)).toBe('01');
		expect(normDep('01')).toBe('01');
		expect(normDep('2a')).toBe('2A');
		expect(normDep('2B')).toBe('2B');
		expect(normDep('9A')).toBe('971');
		expect(normDep('9f')).toBe('976');
		expect(normDep(974)).toBe('974');
		expect(normDep(' 95 ')).toBe('95');
		for (const bad of ['FR', 'France métropolitaine', '20', '99', '0', '', null, '2C', '979']) expect(normDep(bad)).toBeNull();
	});
	it('normalises commune codes', () => {
		expect(normCommune('1001')).toBe('01001');
		expect(normCommune(1001)).toBe('01001');
		expect(normCommune('2a004')).toBe('2A004');
		expect(normCommune('9A101')).toBe('97101');
		expect(normCommune('9F611')).toBe('97611');
		expect(normCommune('75056')).toBe('75056');
		for (const bad of ['', '123', '123456', '5X001', '00000', null]) expect(normCommune(bad)).toBeNull();
	});
});

describe('qualityBuilder', () => {
	it('counts rejections by reason and keeps up to 10 distinct examples', () => {
		const q = qualityBuilder('src', 'f.csv');
		q.read(15);
		q.keep(2);
		for (let i = 0; i < 12; i++) q.reject('bad code', `c${i}`);
		q.reject('bad code', 'c0'); // duplicate example not repeated
		q.reject('other');
		q.note('hello');
		const e = q.build();
		expect(e).toMatchObject({ source: 'src', file: 'f.csv', rows_read: 15, rows_kept: 2, rows_rejected: 14 });
		expect(e.rejections).toEqual({ 'bad code': 13, other: 1 });
		expect(e.examples?.['bad code']).toHaveLength(10);
		expect(e.examples?.other).toBeUndefined();
		expect(e.notes).toEqual(['hello']);
	});
	it('omits empty examples and notes', () => {
		const e = qualityBuilder('s', 'f').build();
		expect(e).toEqual({ source: 's', file: 'f', rows_read: 0, rows_kept: 0, rows_rejected: 0, rejections: {} });
	});
});

describe('text helpers', () => {
	it('strips a BOM and splits any line ending', () => {
		expect(stripBom('\ufeffa;b')).toBe('a;b');
		expect(splitLines('a\r\nb\nc\rd\n\n')).toEqual(['a', 'b', 'c', 'd']);
	});
});

describe('openDelimited', () => {
	const text = '\ufeffFI; NAME ;N\n"010000024";"Centre ""Les Tilleuls"";  Bourg";3\n010000032;short\n\n010000040;Autre;\n';
	it('yields well-formed records with trimmed cells and rejects wrong field counts', () => {
		const q = qualityBuilder('t', 't.csv');
		const table = openDelimited(text, ';', ['FI'], 'Fichier test');
		const got = [...table.records(q)].map((r) => [r.line, r.cell('FI'), r.cell('NAME'), r.cell('N'), r.cell('ABSENT')]);
		expect(got).toEqual([
			[2, '010000024', 'Centre "Les Tilleuls";  Bourg', '3', undefined],
			[4, '010000040', 'Autre', '', undefined]
		]);
		expect(table.has('NAME')).toBe(true);
		const quality = q.build();
		expect(quality.rows_read).toBe(3);
		expect(quality.rejections).toEqual({ 'wrong field count': 1 });
		expect(quality.examples?.['wrong field count']).toEqual(['line 3: 2 fields']);
	});
	it('names the missing columns in French, and refuses an empty file', () => {
		expect(() => openDelimited(text, ';', ['FI', 'DIS', 'RS'], 'Fichier test')).toThrow('Fichier test : colonne(s) absente(s) de l’en-tête : DIS, RS.');
		expect(() => openDelimited('', ';', [], 'Fichier test')).toThrow('Fichier test vide.');
	});
});
