import { describe, expect, it } from 'vitest';
import { MAX_WORKSPACE_BYTES, parseWorkspace, toJson, workspaceFileName, buildWorkspace } from '../../../src/lib/workspace/schema';
import { note, ownIndicator, resource, scenario, sectorSet, territory, workspace, workspaceV1 } from './fixtures';

const parse = (v: unknown) => parseWorkspace(JSON.stringify(v));
const errorsOf = (v: unknown) => {
	const r = parse(v);
	expect(r.ok).toBe(false);
	return r.ok ? [] : r.errors;
};

describe('workspace file: valid', () => {
	it('reads every collection back as clean copies', () => {
		const r = parse(workspace());
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.migratedFrom).toBeNull();
		expect(r.value.sector_sets[0]!.sectors.map((s) => s.code)).toEqual(['69G01', '69G02']);
		expect(r.value.custom_territories[0]!.communes).toEqual(['69266', '69029']);
		expect(r.value.scenarios[0]!.edits).toHaveLength(1);
		expect(r.value.local_resources[0]!.name).toBe('GEM Le Lien');
		expect(r.value.notes[0]!.constats).toBe('Délais CMP longs.\nDeux CMP sans psychiatre.');
		expect(r.value.views['/diagnostic']).toBe('?territoire=departement%3A69');
		expect(r.value.own_indicators[0]).toEqual(ownIndicator());
	});
	it('round-trips its own export', () => {
		const r = parse(workspace());
		if (!r.ok) throw new Error('bad');
		const again = parseWorkspace(toJson(r.value));
		expect(again.ok && again.value).toEqual(r.value);
	});
	it('names the export file with the date', () => {
		expect(workspaceFileName(new Date(2026, 11, 1))).toBe('atlas-ptsm-espace-2026-12-01.json');
		expect(buildWorkspace({ sector_sets: [], custom_territories: [], scenarios: [], local_resources: [], notes: [], own_indicators: [], views: {} }, '0.1.0').version).toBe(2);
	});
	it('normalises CRLF line breaks in notes', () => {
		const r = parse(workspace({ notes: [note({ constats: 'a\r\nb' })] }));
		expect(r.ok && r.value.notes[0]!.constats).toBe('a\nb');
	});
});

describe('workspace file: migration from version 0 (scenarios export)', () => {
	it('migrates a scenarios export file of /accessibilite', () => {
		const r = parseWorkspace(JSON.stringify({ format: 'atlas-ptsm-scenarios', version: 1, scenarios: [scenario(), scenario({ name: 'Fermeture', edits: [{ op: 'close', id: 'x' }] })] }));
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.migratedFrom).toBe(0);
		expect(r.value.version).toBe(2);
		expect(r.value.own_indicators).toEqual([]);
		expect(r.value.scenarios.map((s) => s.name)).toEqual(['Nouveau CMP Vaulx', 'Fermeture']);
		expect(r.value.sector_sets).toEqual([]);
		expect(r.value.notes).toEqual([]);
	});
	it('migrates a bare scenario', () => {
		const r = parse(scenario());
		expect(r.ok && r.migratedFrom === 0 && r.value.scenarios.length).toBe(1);
	});
	it('still validates migrated scenarios', () => {
		const e = errorsOf({ format: 'atlas-ptsm-scenarios', version: 1, scenarios: [scenario({ edits: [{ op: 'move', id: 'x', lon: 500, lat: 0 }] })] });
		expect(e.join(' ')).toMatch(/coordonnées invalides/);
	});
	it('migrates a version 1 workspace: same records, no imported indicators', () => {
		const r = parse(workspaceV1());
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.migratedFrom).toBe(1);
		expect(r.value.version).toBe(2);
		expect(r.value.own_indicators).toEqual([]);
		expect(r.value.notes[0]!.constats).toBe('Délais CMP longs.\nDeux CMP sans psychiatre.');
		expect(r.value.custom_territories[0]!.communes).toEqual(['69266', '69029']);
	});
	it('a version 1 file holding imported indicators is incoherent, refused', () => {
		expect(errorsOf(workspaceV1({ own_indicators: [ownIndicator()] }))[0]).toMatch(/format 1 ne contient pas d’indicateurs importés/);
	});
	it('refuses an unknown scenarios file version', () => {
		expect(errorsOf({ format: 'atlas-ptsm-scenarios', version: 7, scenarios: [] })[0]).toMatch(/non prise en charge/);
	});
});

describe('workspace file: refused with a French reason', () => {
	it('not JSON, empty, not ours', () => {
		expect(parseWorkspace('').ok).toBe(false);
		expect((parseWorkspace('{"format":') as { errors: string[] }).errors[0]).toMatch(/JSON valide/);
		expect(errorsOf([1, 2])[0]).toMatch(/objet JSON attendu/);
		expect(errorsOf({ format: 'autre' })[0]).toMatch(/n’est pas un espace de travail/);
	});
	it('a newer or unknown version', () => {
		expect(errorsOf(workspace({ version: 3 }))[0]).toMatch(/version plus récente.*format 3, celle-ci lit le format 2/);
		expect(errorsOf(workspace({ version: '1' }))[0]).toMatch(/Version du fichier inconnue/);
		expect(errorsOf(workspace({ version: undefined }))[0]).toMatch(/inconnue \(absente\)/);
	});
	it('too large', () => {
		const big = ' '.repeat(MAX_WORKSPACE_BYTES + 1);
		expect((parseWorkspace(`{}${big}`) as { errors: string[] }).errors[0]).toMatch(/trop volumineux \(20 Mo au plus\)/);
	});
	it('wrong types', () => {
		expect(errorsOf(workspace({ sector_sets: {} }))[0]).toMatch(/« sector_sets » doit être une liste/);
		expect(errorsOf(workspace({ notes: 'texte' }))[0]).toMatch(/« notes » doit être une liste/);
		expect(errorsOf(workspace({ views: [] }))[0]).toMatch(/« views »/);
		expect(errorsOf(workspace({ custom_territories: [territory({ communes: 'all' })] }))[0]).toMatch(/Territoire n° 1 :.*liste de communes absente/);
		expect(errorsOf(workspace({ notes: [note({ priority: 9 })] }))[0]).toMatch(/priorité PTSM hors de 1 à 6/);
		expect(errorsOf(workspace({ notes: [note({ constats: 42 })] }))[0]).toMatch(/n’est pas un texte/);
		expect(errorsOf(workspace({ local_resources: [resource({ lon: 'x' })] }))[0]).toMatch(/Ressource locale n° 1 :.*coordonnées invalides/);
		expect(errorsOf(workspace({ own_indicators: {} }))[0]).toMatch(/« own_indicators » doit être une liste/);
		expect(errorsOf(workspace({ own_indicators: [ownIndicator({ rows: [{ code: '69', v: '12' }] })] }))[0]).toMatch(/Indicateur importé n° 1 :.*ligne illisible/);
		expect(errorsOf(workspace({ own_indicators: [ownIndicator({ rows: [{ code: '69', v: 1 }, { code: '69', v: 2 }] })] }))[0]).toMatch(/code 69 présent deux fois/);
		expect(errorsOf(workspace({ own_indicators: [ownIndicator({ priority: 7 })] }))[0]).toMatch(/priorité PTSM/);
		expect(errorsOf(workspace({ own_indicators: [ownIndicator({ base: 'age_99' })] }))[0]).toMatch(/dénominateur incohérent/);
		expect(errorsOf(workspace({ own_indicators: [ownIndicator({ mode: 'value' })] }))[0]).toMatch(/dénominateur incohérent/);
		expect(errorsOf(workspace({ own_indicators: [ownIndicator({ year: '2023' })] }))[0]).toMatch(/année invalide/);
		expect(errorsOf(workspace({ own_indicators: [ownIndicator({ rows: [{ code: '69', v: 1e400 }] })] }))[0]).toMatch(/ligne illisible/);
	});
	it('reuses the sector store rules (codes, duplicates, communes)', () => {
		const bad = sectorSet({ sectors: [...(sectorSet().sectors as object[]), { code: '69G03', type: 'G', name: null, finess: null, communes: ['69123'], deps: ['69'], population: 1 }] });
		expect(errorsOf(workspace({ sector_sets: [bad] }))[0]).toMatch(/commune 69123 dans deux secteurs G/);
		expect(errorsOf(workspace({ custom_territories: [territory({ communes: ['6912'] })] }))[0]).toMatch(/code commune invalide/);
	});
	it('one bad record refuses the whole file', () => {
		const r = parse(workspace({ scenarios: [scenario(), scenario({ name: 'b', edits: [{ op: 'explode' }] })] }));
		expect(r.ok).toBe(false);
	});
	it('duplicates inside the file', () => {
		expect(errorsOf(workspace({ custom_territories: [territory(), territory({ name: 'Autre' })] }))[0]).toMatch(/identifiant « terr-1 » présent deux fois/);
		expect(errorsOf(workspace({ scenarios: [scenario(), scenario()] })).join(' ')).toMatch(/Scénario : nom « Nouveau CMP Vaulx » présent deux fois/);
	});
});

describe('workspace file: hostile', () => {
	it('a 10^6-item array is refused on its length, fast', () => {
		const arr = new Array(1_000_000).fill(0);
		for (const key of ['sector_sets', 'custom_territories', 'scenarios', 'local_resources', 'notes', 'own_indicators']) {
			const t = performance.now();
			const e = errorsOf(workspace({ [key]: arr }));
			expect(e[0]).toMatch(new RegExp(`« ${key} » : trop d’éléments \\(1\\s000\\s000`));
			expect(performance.now() - t).toBeLessThan(2000);
		}
		const e = errorsOf(workspace({ custom_territories: [territory({ communes: new Array(1_000_000).fill('69123') })] }));
		expect(e[0]).toMatch(/trop de communes/);
		// 10^6 rows exceed the file size bound; 50 000 fit in it and exceed the row bound.
		expect(errorsOf(workspace({ own_indicators: [ownIndicator({ rows: new Array(1_000_000).fill({ code: '69', v: 1 }) })] }))[0]).toMatch(/trop volumineux/);
		const t = performance.now();
		const rows = errorsOf(workspace({ own_indicators: [ownIndicator({ rows: new Array(50_000).fill({ code: '69', v: 1 }) })] }));
		expect(rows[0]).toMatch(/nombre de lignes hors de 1 à 40\s000/);
		expect(performance.now() - t).toBeLessThan(2000);
	});
	it('HTML in names is kept as plain text, unchanged', () => {
		const html = '<script>alert(1)</script><img src=x onerror=alert(2)>';
		const r = parse(workspace({ custom_territories: [territory({ name: html })], scenarios: [scenario({ name: html })], notes: [note({ territoryName: html, constats: html })] }));
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value.custom_territories[0]!.name).toBe(html);
		expect(r.value.scenarios[0]!.name).toBe(html);
		expect(r.value.notes[0]!.constats).toBe(html);
		const o = parse(workspace({ own_indicators: [ownIndicator({ name: html, unit: html, source: html.slice(0, 30) })] }));
		expect(o.ok && o.value.own_indicators[0]!.name).toBe(html);
	});
	it('an imported indicator: the id is app-shaped (it names DuckDB rows), codes are plain codes', () => {
		expect(errorsOf(workspace({ own_indicators: [ownIndicator({ id: "x'); DROP TABLE communes; --" })] }))[0]).toMatch(/identifiant invalide/);
		expect(errorsOf(workspace({ own_indicators: [ownIndicator({ rows: [{ code: "69' OR 1=1", v: 1 }] })] }))[0]).toMatch(/ligne illisible/);
		expect(errorsOf(workspace({ own_indicators: [ownIndicator({ name: 'a\u202eb' })] }))[0]).toMatch(/nom absent ou trop long/);
		const extra = parse(workspace({ own_indicators: [{ ...ownIndicator(), isAdmin: true, sql: 'DROP' }] }));
		expect(extra.ok && Object.keys(extra.value.own_indicators[0]!)).not.toContain('sql');
	});
	it('prototype-pollution keys are dropped or refused, never merged', () => {
		const clean = parse(workspace());
		if (!clean.ok) throw new Error('fixture');
		const text = toJson(clean.value)
			.replace('"version": 2,', '"version": 2, "__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}},')
			.replace('"id": "terr-1",', '"id": "terr-1", "__proto__": {"polluted": true}, "isAdmin": true,');
		const r = parseWorkspace(text);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		const t = r.value.custom_territories[0]!;
		expect(Object.keys(t).sort()).toEqual(['communes', 'createdAt', 'id', 'name', 'updatedAt']);
		expect(Object.getPrototypeOf(t)).toBe(Object.prototype);
		expect((t as unknown as Record<string, unknown>).polluted).toBeUndefined();
		// A route named __proto__ in the views is not a page.
		const v = parseWorkspace(JSON.stringify(workspace()).replace('"views":{', '"views":{"__proto__":"?x",'));
		expect(v.ok).toBe(false);
		expect((v as { errors: string[] }).errors[0]).toMatch(/page inconnue "__proto__"/);
	});
	it('control and bidi characters in notes are refused', () => {
		expect(errorsOf(workspace({ notes: [note({ pistes: 'a\u202eb' })] }))[0]).toMatch(/caractère de contrôle/);
	});
	it('a note for a malformed territory is refused', () => {
		expect(errorsOf(workspace({ notes: [note({ target: 'javascript:alert(1)' })] }))[0]).toMatch(/territoire illisible/);
	});
});

describe('page views', () => {
	it('records the last query string of each page, never /espace nor odd routes', async () => {
		const { readViews, recordView } = await import('../../../src/lib/workspace/views');
		const mem = new Map<string, string>();
		const storage = { getItem: (k: string) => mem.get(k) ?? null, setItem: (k: string, v: string) => void mem.set(k, v) } as unknown as Storage;
		recordView('/diagnostic', '?territoire=departement%3A01', storage);
		recordView('/diagnostic', '?territoire=departement%3A69', storage);
		recordView('/espace', '?x', storage);
		recordView('/../etc', '', storage);
		recordView('/', '', storage);
		recordView('/ecarts', '?v=1&ind=cmp_count', storage);
		// Arriving at a bare address (the default view) keeps the last view the user made.
		recordView('/diagnostic', '', storage);
		recordView('/ecarts', '?', storage);
		expect({ ...readViews(storage) }).toEqual({ '/diagnostic': '?territoire=departement%3A69', '/ecarts': '?v=1&ind=cmp_count' });
		mem.set('atlas-ptsm-views', '{"__proto__": "?x"}');
		expect(Object.keys(readViews(storage))).toEqual([]);
	});
});
