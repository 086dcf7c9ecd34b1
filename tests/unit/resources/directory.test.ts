import { describe, expect, it } from 'vitest';
import { buildIndex, filterIndex, kindsOfFamily, normaliseText, sortRows, type DirectoryKind, type DirectoryRow } from '../../../src/lib/resources/directory';
import { directorySearch, parseDirectoryLink, parseTerritory, resolveTerritory, formatTerritory } from '../../../src/lib/resources/link';
import { finessRow, localRow } from '../../../src/lib/resources/rows';

// Real-shaped FINESS rows (names and addresses as FINESS writes them, upper case, no accents or with).
const base = { finess_ej: '690781810', category_label: 'Centre Médico-Psychologique (C.M.P.)', kind_basis: 'categorie', public: null, postal_code: null, city: null, phone: null, updated: '2020-06-15', lon: 4.85, lat: 45.76 };
const rows: DirectoryRow[] = [
	finessRow({ ...base, finess: '690000001', name: 'CMP SAINT-ÉTIENNE CENTRE', kind: 'cmp', address: '12 RUE DE LA RÉPUBLIQUE', commune: '42218', commune_name: 'Saint-Étienne', dep: '42', public: 'adulte' })!,
	finessRow({ ...base, finess: '690000002', name: 'CATTP LES TILLEULS', kind: 'cattp', address: '3 avenue Berthelot', commune: '69123', commune_name: 'Lyon', dep: '69', kind_basis: 'nom', public: 'enfant' })!,
	finessRow({ ...base, finess: '690000003', name: 'ESAT DE L’ŒUVRE', kind: 'esat', address: null, commune: '69266', commune_name: 'Villeurbanne', dep: '69', updated: null })!,
	finessRow({ ...base, finess: '560000004', name: 'CMP DE VANNES', kind: 'cmp', address: 'rue Alain Gerbault', commune: null, commune_name: null, dep: '56' })!,
	localRow(
		{ id: 'a', name: 'GEM Arc-en-ciel', kind: 'gem', kindText: null, address: '5 place Bellecour', commune: '69123', lon: 4.83, lat: 45.75, position: 'coordonnees', phone: null, email: null, web: null, fileName: 'x.csv', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' },
		new Map([['69123', { name: 'Lyon', dep: '69' }]])
	)
];
const index = buildIndex(rows);
const names = (sel: Uint32Array) => [...sel].map((i) => rows[i]!.name);
const all = { q: '', kinds: [], territory: null };

describe('directory filter', () => {
	it('normalises accents, case, ligatures and punctuation', () => {
		expect(normaliseText('Saint-Étienne')).toBe('saint etienne');
		expect(normaliseText('ESAT DE L’ŒUVRE')).toBe('esat de l oeuvre');
	});
	it('searches name, commune and address, accent- and case-insensitively, every word', () => {
		expect(names(filterIndex(index, { ...all, q: 'saint etienne' }))).toEqual(['CMP SAINT-ÉTIENNE CENTRE']);
		expect(names(filterIndex(index, { ...all, q: 'republique' }))).toEqual(['CMP SAINT-ÉTIENNE CENTRE']);
		expect(names(filterIndex(index, { ...all, q: 'LYON' }))).toEqual(['CATTP LES TILLEULS', 'GEM Arc-en-ciel']);
		expect(names(filterIndex(index, { ...all, q: 'oeuvre' }))).toEqual(['ESAT DE L’ŒUVRE']);
		expect(names(filterIndex(index, { ...all, q: 'lyon gem' }))).toEqual(['GEM Arc-en-ciel']);
		expect(filterIndex(index, { ...all, q: 'introuvable' }).length).toBe(0);
	});
	it('filters on kinds and families', () => {
		expect(names(filterIndex(index, { ...all, kinds: ['cmp'] }))).toEqual(['CMP SAINT-ÉTIENNE CENTRE', 'CMP DE VANNES']);
		expect(names(filterIndex(index, { ...all, kinds: kindsOfFamily('local') }))).toEqual(['GEM Arc-en-ciel']);
		expect(names(filterIndex(index, { ...all, kinds: kindsOfFamily('medsoc') }))).toEqual(['ESAT DE L’ŒUVRE']);
	});
	it('filters on communes, or on départements (rows without a commune kept by their FINESS département)', () => {
		expect(names(filterIndex(index, { ...all, territory: { communes: new Set(['69123']) } }))).toEqual(['CATTP LES TILLEULS', 'GEM Arc-en-ciel']);
		expect(names(filterIndex(index, { ...all, territory: { deps: new Set(['56']) } }))).toEqual(['CMP DE VANNES']);
		expect(names(filterIndex(index, { q: 'cattp', kinds: ['cattp'], territory: { deps: new Set(['69']) } }))).toEqual(['CATTP LES TILLEULS']);
	});
	it('sorts with French collation, missing values last in both orders', () => {
		const sel = filterIndex(index, all);
		expect(names(sortRows(index, sel, 'name', 'asc'))[0]).toBe('CATTP LES TILLEULS');
		expect(names(sortRows(index, sel, 'name', 'desc'))[0]).toBe('GEM Arc-en-ciel');
		const byCommune = names(sortRows(index, sel, 'commune', 'asc'));
		expect(byCommune.at(-1)).toBe('CMP DE VANNES'); // no commune
		expect(names(sortRows(index, sel, 'commune', 'desc')).at(-1)).toBe('CMP DE VANNES');
		expect(names(sortRows(index, sel, 'updated', 'desc')).slice(-2).sort()).toEqual(['ESAT DE L’ŒUVRE', 'GEM Arc-en-ciel']);
	});
	// Its speed is measured by `npm run bench` (directory:filter), not here.
	it('filters 15 000 rows: text, kinds and territory together', () => {
		const big = buildIndex(Array.from({ length: 15000 }, (_, i) => ({ ...rows[i % 4]!, id: String(i), name: `${rows[i % 4]!.name} ${i}` })));
		const f = { q: 'cmp saint', kinds: ['cmp', 'cattp'] as DirectoryKind[], territory: { deps: new Set(['42', '69']) } };
		const once = filterIndex(buildIndex(rows), f).length;
		expect(once).toBeGreaterThan(0);
		expect(filterIndex(big, f).length).toBe(once * 3750);
		expect(filterIndex(big, { q: 'cmp saint', kinds: ['cmp'], territory: null }).length).toBe(3750);
	});
});

describe('directory link', () => {
	it('round-trips text, kinds (whole families compacted) and territory', () => {
		const f = { q: 'Saint Étienne & co', kinds: [...kindsOfFamily('medsoc'), 'cmp' as const], territory: { level: 'sector' as const, setId: 'set:1/é', type: 'G' as const, code: '69G01' } };
		const s = directorySearch(f);
		expect(s).toContain('types=cmp%2Cmedsoc');
		const back = parseDirectoryLink(s);
		expect(back.q).toBe(f.q);
		expect(new Set(back.kinds)).toEqual(new Set(f.kinds));
		expect(back.territory).toEqual(f.territory);
		expect(back.notices).toEqual([]);
	});
	it('reads every territory form and refuses malformed ones with a notice', () => {
		expect(parseTerritory('departement:2A')).toEqual({ level: 'departement', code: '2A' });
		expect(parseTerritory('epci:200046977')).toEqual({ level: 'epci', code: '200046977' });
		expect(parseTerritory('custom')).toEqual({ level: 'custom', code: null });
		expect(parseTerritory('sector:abc:I')).toEqual({ level: 'sector', setId: 'abc', type: 'I', code: null });
		expect(formatTerritory({ level: 'custom', code: 'x y' })).toBe('custom:x%20y');
		const bad = parseDirectoryLink('territoire=departement:999&types=cmp,nope');
		expect(bad.territory).toEqual({ level: 'france' });
		expect(bad.kinds).toEqual(['cmp']);
		expect(bad.notices).toHaveLength(2);
		expect(bad.notices.join(' ')).toMatch(/nope/);
	});
	it('resolves territories to communes or départements', async () => {
		const d = {
			communeEpci: new Map([['69123', '200046977'], ['69266', '200046977'], ['42218', '244200770']]),
			regionDeps: new Map([['84', ['01', '42', '69']]]),
			members: async (set: string, kind: string, code: string | null) => (set === 's' && kind === 'G' && code === null ? ['69123'] : [])
		};
		expect(await resolveTerritory({ level: 'region', code: '84' }, d)).toEqual({ deps: new Set(['01', '42', '69']) });
		expect(await resolveTerritory({ level: 'epci', code: '200046977' }, d)).toEqual({ communes: new Set(['69123', '69266']) });
		expect(await resolveTerritory({ level: 'sector', setId: 's', type: 'G', code: null }, d)).toEqual({ communes: new Set(['69123']) });
		expect(await resolveTerritory({ level: 'france' }, d)).toBeNull();
	});
});
