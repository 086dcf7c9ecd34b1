import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import {
	checkLocalResource,
	importLocalFile,
	insideFrance,
	localResourcesGeoJSON,
	localTemplateCsv,
	normaliseWeb,
	telHref,
	validateFields,
	type LocalContext,
	type LocalFields
} from '../../../src/lib/resources/local';

// A slice of the real COG 2026: interior points as the pipeline writes them (rounded here).
const ctx: LocalContext = {
	communes: new Map([
		['69123', { name: 'Lyon', dep: '69', lon: 4.8351, lat: 45.758 }],
		['69266', { name: 'Villeurbanne', dep: '69', lon: 4.8841, lat: 45.7707 }],
		['01033', { name: 'Valserhône', dep: '01', lon: 5.8237, lat: 46.1103 }]
	]),
	aliases: new Map([
		['01091', '01033'], // Châtillon-en-Michaille → Valserhône (commune nouvelle 2019)
		['69381', '69123']
	])
};
const fixture = () => new Uint8Array(readFileSync(new URL('../../fixtures/resources/ressources-locales.csv', import.meta.url)));
const empty: LocalFields = { name: '', type: '', address: '', commune: '', lat: '', lon: '', phone: '', email: '', web: '' };

describe('local resource import', () => {
	it('keeps the good rows and lists every bad one with its line and a French reason', async () => {
		const r = await importLocalFile(fixture(), 'ressources-locales.csv', ctx);
		expect(r.rowsRead).toBe(10);
		expect(r.resources.map((x) => x.name)).toEqual(['GEM Le Lien', '<img src=x onerror=alert(1)>', 'CLSM du Pays de Gex', 'Maison des adolescents du Rhône', 'PASS psy Lyon']);
		const errors = r.issues.filter((i) => i.level === 'error');
		expect(errors.map((e) => e.line)).toEqual([5, 6, 7, 9, 11]);
		const at = (line: number) => errors.find((e) => e.line === line)!.message;
		expect(at(5)).toMatch(/hors de France/);
		expect(at(6)).toMatch(/http:\/\/ ou https:\/\//);
		expect(at(7)).toMatch(/nom manquant/);
		expect(at(9)).toMatch(/inversion du sens d’écriture/);
		expect(at(11)).toMatch(/99999 inconnu/);
		// rows read = saved + rejected: nothing silently dropped
		expect(r.resources.length + errors.length).toBe(r.rowsRead);
	});
	it('maps a former commune code to the current one, with a warning', async () => {
		const r = await importLocalFile(fixture(), 'x.csv', ctx);
		const clsm = r.resources.find((x) => x.kind === 'clsm')!;
		expect(clsm.commune).toBe('01033');
		expect(clsm.position).toBe('commune');
		expect([clsm.lon, clsm.lat]).toEqual([5.8237, 46.1103]);
		expect(r.issues.find((i) => i.line === 4)!.message).toMatch(/Ancien code commune 01091 remplacé par le code actuel 01033 \(Valserhône\)/);
	});
	it('keeps a hostile name as plain text and an international phone', async () => {
		const r = await importLocalFile(fixture(), 'x.csv', ctx);
		const h = r.resources[1]!;
		expect(h.name).toBe('<img src=x onerror=alert(1)>');
		expect(h.phone).toBe('+41 22 123 45 67');
		expect(telHref(h.phone!)).toBe('tel:+41221234567');
		expect(r.resources[0]!.web).toBe('https://www.gem-lelien.fr/');
	});
	it('places rows by coordinates, keeps unknown types as « autre » and says when a row cannot be placed', async () => {
		const r = await importLocalFile(fixture(), 'x.csv', ctx);
		const mda = r.resources.find((x) => x.kind === 'mda')!;
		expect([mda.lat, mda.lon, mda.position, mda.commune]).toEqual([45.7578, 4.832, 'coordonnees', null]);
		const pass = r.resources.find((x) => x.name === 'PASS psy Lyon')!;
		expect([pass.kind, pass.kindText, pass.position]).toEqual(['autre_local', 'PASS psy', null]);
		expect(r.issues.filter((i) => i.line === 10).map((i) => i.message).join(' ')).toMatch(/non reconnu.*Adresse seule/s);
	});
	it('reads the same table from an XLSX file', async () => {
		const buf = await writeXlsxFile([
			{
				sheet: 'Ressources',
				data: [
					['Nom', 'Type', 'Code commune', 'Téléphone'],
					['GEM Le Lien', 'gem', '69381', '0478000001'],
					['Sans lieu', 'CLSM', null, null]
				]
			}
		]).toBuffer();
		const r = await importLocalFile(new Uint8Array(buf), 'liste.xlsx', ctx);
		expect(r.resources.map((x) => [x.name, x.commune, x.phone])).toEqual([['GEM Le Lien', '69123', '0478000001']]);
		expect(r.issues.find((i) => i.line === 3)?.message).toMatch(/ni adresse, ni code commune, ni coordonnées/);
	});
	it('validates the downloadable template (examples on real communes)', async () => {
		const r = await importLocalFile(new TextEncoder().encode(localTemplateCsv()), 'modele.csv', ctx);
		expect(r.resources).toHaveLength(3);
		expect(r.issues.filter((i) => i.level === 'error')).toEqual([]);
	});
	it('refuses a file without a name column', async () => {
		await expect(importLocalFile(new TextEncoder().encode('a;b\n1;2\n'), 'x.csv', ctx)).rejects.toThrow(/Colonne « nom » introuvable/);
	});
});

describe('field checks', () => {
	it('refuses controls, over-long text, bad links, coordinates outside France or swapped', () => {
		const v = (f: Partial<LocalFields>) => validateFields({ ...empty, name: 'X', type: 'GEM', commune: '69123', ...f }, ctx);
		expect(v({ name: 'a\u0007b' }).errors.join()).toMatch(/caractère de contrôle/);
		expect(v({ name: 'x'.repeat(201) }).errors.join()).toMatch(/trop long/);
		expect(v({ web: 'data:text/html,<b>' }).errors.join()).toMatch(/refusé/);
		expect(v({ lat: '4,83', lon: '45,75' }).errors.join()).toMatch(/inversées/);
		expect(v({ lat: '45,75' }).errors.join()).toMatch(/une seule/);
		expect(v({ email: 'pas un courriel' }).errors.join()).toMatch(/courriel/);
		expect(v({ phone: '<script>' }).errors.join()).toMatch(/téléphone/);
		expect(v({ lat: '-21,1151', lon: '55,5364' }).value?.position).toBe('coordonnees'); // La Réunion
		expect(insideFrance(-3.7, 40.4)).toBe(false);
		expect(normaliseWeb('ftp://x.fr')).toBeNull();
		expect(normaliseWeb('http://user:pw@x.fr')).toBeNull();
	});
});

describe('stored records', () => {
	const good = { id: 'a', name: 'GEM', kind: 'gem', kindText: null, address: null, commune: '69123', lon: 4.8, lat: 45.7, position: 'commune', phone: null, email: null, web: null, fileName: null, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };
	it('accepts a clean record and refuses hostile or broken ones without throwing', () => {
		expect(checkLocalResource(good).ok).toBe(true);
		for (const bad of [null, 42, [], { ...good, kind: 'evil' }, { ...good, web: 'javascript:alert(1)' }, { ...good, name: { toString: () => 'x' } }, { ...good, lon: 200 }, { ...good, commune: '../' }, { ...good, name: 'a\u202eb' }]) {
			const c = checkLocalResource(bad);
			expect(c.ok).toBe(false);
			if (!c.ok) expect(c.error).toMatch(/illisible/);
		}
	});
	it('gives placed resources as a GeoJSON FeatureCollection labelled as local', () => {
		const c = checkLocalResource(good);
		if (!c.ok) throw new Error(c.error);
		const fc = localResourcesGeoJSON([c.value, { ...c.value, id: 'b', lon: null, lat: null, position: null }]);
		expect(fc.features).toHaveLength(1);
		expect(fc.features[0]!.geometry.coordinates).toEqual([4.8, 45.7]);
		expect(fc.features[0]!.properties.label).toBe('ressource ajoutée localement');
	});
});
