/** The diagnostic's link: territory and map indicator read back, unknown parts said in French. */
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_INDICATORS } from '../../../src/lib/diagnostic/build';
import { diagnosticSearch, parseDiagnosticLink } from '../../../src/lib/diagnostic/link';
import { DEFAULT_TARGET, type DiagnosticTarget } from '../../../src/lib/diagnostic/target';

const parse = (s: string) => parseDiagnosticLink(s, DIAGNOSTIC_INDICATORS);

describe('diagnostic link', () => {
	it('round-trips a territory with its map indicator', () => {
		const targets: [DiagnosticTarget, string | null][] = [
			[{ level: 'departement', code: '2A' }, 'gp_practices_per10k'],
			[{ level: 'region', code: '84' }, 'ms_esat_per1000_20_59'],
			[{ level: 'sector', code: '690000880', setId: 'approx-G-2023', kind: 'G' }, 'beds_adult_per100k'],
			[{ level: 'custom', code: 'a&b=c', setId: 'custom', kind: 'custom' }, null]
		];
		for (const [target, ind] of targets) {
			const search = diagnosticSearch(target, ind);
			expect(search.includes('ind=')).toBe(ind !== null);
			expect(parse(`?${search}`)).toEqual({ target, mapIndicator: ind, notices: [] });
		}
	});

	it('keeps the territory and falls back to the default colouring for an unknown indicator, quoting it as text', () => {
		const l = parse('?territoire=departement:01&ind=%3Cb%3Einconnu%3C%2Fb%3E');
		expect(l.target).toEqual({ level: 'departement', code: '01' });
		expect(l.mapIndicator).toBeNull();
		expect(l.notices).toEqual(['L’indicateur demandé dans le lien (« <b>inconnu</b> ») n’existe pas dans le catalogue : carte affichée avec l’indicateur par défaut.']);
		expect(parse(`?ind=${'x'.repeat(500)}`).notices[0]!.length).toBeLessThan(200);
	});

	it('refuses a catalogue indicator the map cannot show for this territory', () => {
		// Atlas densities exist per département: not on a département's commune map.
		const esat = parse('?territoire=departement:01&ind=ms_esat_per1000_20_59');
		expect(esat.mapIndicator).toBeNull();
		expect(esat.notices[0]).toMatch(/^L’indicateur « .+ » ne peut pas colorer la carte de ce territoire/);
		// Evolutions are in the catalogue but the diagnostic maps levels.
		expect(parse('?territoire=region:84&ind=beds_adult_per100k_evol').mapIndicator).toBeNull();
	});

	it('opens the default territory with a notice for an unreadable one, and says nothing for an absent one', () => {
		const bad = parse('?territoire=commune:69123&ind=gp_practices_per10k');
		expect(bad.target).toEqual(DEFAULT_TARGET);
		expect(bad.mapIndicator).toBe('gp_practices_per10k');
		expect(bad.notices).toHaveLength(1);
		expect(bad.notices[0]).toMatch(/« commune:69123 ».*n’est pas reconnu/);
		expect(parse('')).toEqual({ target: DEFAULT_TARGET, mapIndicator: null, notices: [] });
	});
});
