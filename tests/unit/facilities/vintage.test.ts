/** The FINESS source line comes from the manifest's own link between artefact and sources. */
import { describe, expect, it } from 'vitest';
import { finessSource, finessSourceLine, finessVintage } from '../../../src/lib/facilities/vintage';
import { parseKinds, serializeKinds, DEFAULT_KINDS } from '../../../src/lib/facilities/selection';

const src = (id: string, vintage: string, available = true) => ({ id, title: id, publisher: '', page: '', licence: 'Licence Ouverte / Etalab 2.0', vintage, available });

describe('FINESS vintage', () => {
	it('skips the joined sources (COG, SAE) and prefers an available FINESS source', () => {
		const m = {
			sources: [src('cog', 'COG 2026'), src('finess_et', 'Date', false), src('finess_fhir_2021', 'FINESS, extraction du 8 janvier 2021')],
			artefacts: [{ name: 'finess_facilities', file: '', kind: 'table' as const, sources: ['finess_et', 'finess_fhir_2021', 'cog'], rows: 1, bytes: 1, sha256: '' }]
		};
		expect(finessSource(m)!.id).toBe('finess_fhir_2021');
		expect(finessVintage(finessSource(m))).toBe('FINESS, extraction du 8 janvier 2021');
		expect(finessVintage({ vintage: 'Extraction du 8 janvier 2021' })).toBe('FINESS, extraction du 8 janvier 2021');
		expect(finessSourceLine(finessSource(m))).toContain('Licence Ouverte');
		expect(finessSource({ sources: [], artefacts: [] })).toBeNull();
	});
});

describe('?etab= selection', () => {
	it('round-trips, writes whole families by name, drops unknown names', () => {
		expect([...parseKinds(null)]).toEqual([...DEFAULT_KINDS]);
		expect(serializeKinds(parseKinds(null))).toBeNull();
		expect(serializeKinds(new Set())).toBe('aucun');
		expect(parseKinds('aucun').size).toBe(0);
		expect(serializeKinds(parseKinds('medsoc,cmp'))).toBe('cmp,medsoc');
		expect([...parseKinds('cmp,<script>,cattp')]).toEqual(['cmp', 'cattp']);
	});
});
