/** Normalisation of the codes a sector file holds (commune, sector, type, FINESS). */
import { normaliseHeader } from './headers';
import type { SectorType } from './types';

/** '1001' → '01001', ' 2a004 ' → '2A004', '1001.0' → '01001'; null when not a commune code. */
export function normaliseCommuneCode(raw: string): string | null {
	let s = raw.trim().toUpperCase().replace(/\s+/g, '');
	if (/^\d+\.0+$/.test(s)) s = s.replace(/\.0+$/, '');
	if (/^\d{4}$/.test(s)) s = '0' + s;
	return /^(\d{5}|2[AB]\d{3})$/.test(s) ? s : null;
}

export function normaliseSectorCode(raw: string): string {
	return raw.trim().toUpperCase().replace(/\s+/g, '');
}

/** '69G01' → 'G'; null when the code does not carry the type letter. */
export function typeFromSectorCode(code: string): SectorType | null {
	const m = /^(?:\d{2}|2[AB]|97\d)([GI])\d{1,3}$/.exec(code);
	return m ? (m[1] as SectorType) : null;
}

export const SECTOR_CODE_PATTERN = /^(\d{2}|2[AB]|97\d)([GI])(\d{1,3})$/;

export type TypeParse = { type: SectorType } | { rejected: 'not-territorial' | 'invalid' | 'empty' };

const TYPE_WORDS: Record<string, SectorType | 'not-territorial'> = {};
for (const w of [
	'g', 'gen', 'general', 'generale', 'generaliste', 'adulte', 'adultes', 'psychiatrie generale', 'psychiatrie adulte',
	'psychiatrie adultes', 'psychiatrie generale adulte', 'pg', 'pga', 'sg', 'secteur g', 'secteur adulte', 'secteur adultes',
	'secteur de psychiatrie generale', 'adult', 'adults', 'general psychiatry'
]) TYPE_WORDS[w] = 'G';
for (const w of [
	'i', 'inf', 'ij', 'pij', 'infanto juvenile', 'infantojuvenile', 'infanto', 'enfant', 'enfants', 'enfants et adolescents',
	'enfant et adolescent', 'enfants adolescents', 'pedopsychiatrie', 'psychiatrie infanto juvenile', 'psychiatrie de l enfant et de l adolescent',
	'psychiatrie enfant', 'secteur i', 'secteur infanto juvenile', 'child', 'children', 'child and adolescent'
]) TYPE_WORDS[w] = 'I';
for (const w of [
	'p', 'z', 'pen', 'penitentiaire', 'milieu penitentiaire', 'psychiatrie penitentiaire', 'smpr', 'intersectoriel',
	'inter sectoriel', 'intersectoriel z', 'secteur p', 'secteur z', 'dispositif intersectoriel', 'intersectorial'
]) TYPE_WORDS[w] = 'not-territorial';

export function parseSectorType(raw: string): TypeParse {
	const n = normaliseHeader(raw);
	if (!n) return { rejected: 'empty' };
	const t = TYPE_WORDS[n];
	if (t === 'not-territorial') return { rejected: 'not-territorial' };
	if (t) return { type: t };
	return { rejected: 'invalid' };
}

/** FINESS: 9 characters ('2A'/'2B' in Corsica); 8 digits get their lost leading zero back. */
export function normaliseFiness(raw: string): string | null {
	let s = raw.trim().toUpperCase().replace(/\s+/g, '');
	if (/^\d+\.0+$/.test(s)) s = s.replace(/\.0+$/, '');
	if (/^\d{8}$/.test(s)) s = '0' + s;
	return /^(\d{9}|2[AB]\d{7})$/.test(s) ? s : null;
}

