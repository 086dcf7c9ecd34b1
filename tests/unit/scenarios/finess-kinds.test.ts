/**
 * Scenarios with the FINESS site kinds: the file, link and saved-record (IndexedDB, via
 * checkScenario) paths accept the new kinds and refuse unknown ones in French.
 */
import { describe, expect, it } from 'vitest';
import { applyScenario, MEDSOC_KINDS, type Scenario, type Site } from '../../../src/lib/scenarios/model';
import { decodeScenario, encodeScenario } from '../../../src/lib/scenarios/url';
import { checkScenario, parseScenarioFile, toFile } from '../../../src/lib/scenarios/validate';

const add = (kind: string, id = `add:${kind}`) => ({ op: 'add', id, kind, lon: 4.9, lat: 45.9, capacity: 1, label: `Nouveau ${kind}` });

describe('FINESS kinds in scenarios', () => {
	const scen = { name: 'Médico-social', edits: [...MEDSOC_KINDS.map((k) => add(k)), add('cmp'), add('cattp')] } as Scenario;

	it('file, link and saved record keep every new kind', () => {
		const file = parseScenarioFile(toFile([scen]));
		expect(file.ok && file.value[0]!.edits.map((e) => (e.op === 'add' ? e.kind : ''))).toEqual([...MEDSOC_KINDS, 'cmp', 'cattp']);
		const link = decodeScenario(encodeScenario(scen));
		expect(link.ok && link.value).toEqual(scen);
		expect(checkScenario(JSON.parse(JSON.stringify(scen)))).toEqual({ ok: true, value: scen });
	});

	it('unknown kinds are refused with a French message, everywhere, importing nothing', () => {
		for (const kind of ['foyer', 'ESAT', 'cmpp', '']) {
			const bad = { name: 'Mauvais', edits: [add('esat'), add(kind, 'add:x')] };
			const file = parseScenarioFile(toFile([bad as Scenario]));
			expect(file).toEqual({ ok: false, errors: ['Scénario 1, modification 2 : type de site inconnu.'] });
			const link = decodeScenario(encodeScenario(bad as Scenario));
			expect(link).toEqual({ ok: false, errors: ['Lien, modification 2 : type de site inconnu.'] });
			expect(checkScenario(bad).ok).toBe(false);
		}
	});

	it('moving and closing a FINESS site', () => {
		const base: Site[] = [
			{ id: 'esat:finess:010000013', kind: 'esat', lon: 1, lat: 0, capacity: 1, label: 'ESAT Deux', dep: '01' },
			{ id: 'mas:finess:010000020', kind: 'mas', lon: 2, lat: 0, capacity: 1, label: 'MAS', dep: '01' }
		];
		const out = applyScenario(base, {
			name: 's',
			edits: [
				{ op: 'move', id: 'esat:finess:010000013', lon: 3, lat: 1 },
				{ op: 'close', id: 'mas:finess:010000020' }
			]
		});
		expect(out).toEqual([{ id: 'esat:finess:010000013', kind: 'esat', lon: 3, lat: 1, capacity: 1, label: 'ESAT Deux' }]);
	});
});
