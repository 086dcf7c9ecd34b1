/**
 * Precedence of the FINESS sources in the build: an etalab CSV extract wins over the 2021 FHIR file,
 * and the manifest's `finess_et` entry always describes the layer actually used.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import type { ManifestSource } from '../../src/lib/db/types.ts';
import type { FetchedFile } from '../../data/fetch.ts';
import { effectiveFinessSources, finessStep, FHIR_VINTAGE } from '../../data/finess-step.ts';
import { buildCommuneIndex } from '../../data/geo/points.ts';
import { buildPostalIndex } from '../../data/geo/postal.ts';
import { sourceById } from '../../data/sources.ts';

const FIX = join(import.meta.dirname, '../fixtures/finess');

async function fixtureArchive(): Promise<Uint8Array> {
	const p = pack();
	p.entry({ name: 'etab.ndjson' }, readFileSync(join(FIX, 'fhir-sample.ndjson')));
	p.finalize();
	const chunks: Buffer[] = [];
	for await (const c of p) chunks.push(c as Buffer);
	return new Uint8Array(gzipSync(Buffer.concat(chunks)));
}

const ctx = {
	communeIndex: buildCommuneIndex([]),
	postal: buildPostalIndex('[]', new Map()),
	communeDep: new Map<string, string>(),
	sae: [],
	saePsy2023: []
};
const file = (bytes: Uint8Array): FetchedFile => ({ bytes, origin: 'mirror', location: 'x' });

describe('finessStep', () => {
	it('uses the etalab CSV when there is one, with its date as vintage', async () => {
		const csv = new Uint8Array(readFileSync(join(FIX, 'etalab-cs1100507-stock-sample-utf8.csv')));
		const asked: string[] = [];
		const step = await finessStep(async (id, key) => (asked.push(`${id}/${key}`), id === 'finess_et' ? file(csv) : null), new Map([['01053', '01053']]), ctx, () => {});
		expect(step.used).toBe('finess_et');
		expect(step.vintage).toBe('FINESS, extraction du 1 décembre 2025');
		expect(asked).toEqual(['finess_et/stock']); // the 2021 file is not even read
		expect(step.rows!.find((r) => r.finess === '010000123')).toMatchObject({ placement: 'code_commune', commune: '01053', group: 'cmp' });
		expect(step.summary!.source).toBe('finess_et');
	});

	it('falls back to the FHIR file of 2021, then to nothing (said in French)', async () => {
		const archive = await fixtureArchive();
		const step = await finessStep(async (id) => (id === 'finess_fhir_2021' ? file(archive) : null), new Map(), ctx, () => {});
		expect(step.used).toBe('finess_fhir_2021');
		expect(step.vintage).toBe(FHIR_VINTAGE);
		// 10 archives of the same fixture: every établissement is a duplicate after the first archive.
		expect(step.entries[0]!.rejections['établissement en double']).toBe(9 * 9);
		expect(step.rows!.map((r) => r.group).sort()).toEqual(['cattp', 'cmp', 'cmp', 'cmp', 'cmpp', 'esat', 'samsah']);
		const none = await finessStep(async () => null, new Map(), ctx, () => {});
		expect(none).toMatchObject({ rows: null, used: null });
		expect(none.entries[0]!.notes![0]).toMatch(/^Aucune extraction FINESS/);
	});

	it('makes the manifest’s finess_et entry describe the layer used', () => {
		const base = (id: string): ManifestSource => {
			const s = sourceById(id);
			return { id, title: s.title, publisher: s.publisher, page: s.page, licence: s.licence, vintage: s.vintage, available: id === 'finess_fhir_2021', files: [] };
		};
		const sources = [base('finess_et'), base('finess_fhir_2021')];
		const fhir = effectiveFinessSources(sources, { rows: [], entries: [], summary: null, used: 'finess_fhir_2021', vintage: FHIR_VINTAGE });
		expect(fhir[0]).toMatchObject({ id: 'finess_et', available: true, vintage: 'FINESS, extraction du 8 janvier 2021' });
		expect(fhir[0]!.title).toContain('8 janvier 2021');
		const csv = effectiveFinessSources(sources, { rows: [], entries: [], summary: null, used: 'finess_et', vintage: 'FINESS, extraction du 1 décembre 2025' });
		expect(csv[0]!.vintage).toBe('FINESS, extraction du 1 décembre 2025');
		expect(csv[1]!.caveat).toMatch(/^Non utilisée/);
	});
});
