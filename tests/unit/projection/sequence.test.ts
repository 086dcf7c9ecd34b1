/**
 * The projection link: ?dep=&vues=&secteurs= round trips, and every malformed part is replaced
 * and explained in French without throwing (nothing from the link is trusted).
 */
import { describe, expect, it } from 'vitest';
import { viewDef } from '../../../src/lib/projection/defs';
import {
	DEFAULT_KINDS,
	defaultViews,
	focusOf,
	formatSequence,
	maillesOf,
	MAX_VIEWS,
	moveView,
	parseSequence,
	step,
	VIEW_KINDS,
	type Sequence
} from '../../../src/lib/projection/sequence';

const parse = (q: string) => parseSequence(new URLSearchParams(q));

describe('projection sequence', () => {
	it('names only catalogue indicators, and the GP view says it is a proxy', () => {
		for (const k of VIEW_KINDS.filter((x) => x.id !== 'constats')) expect(viewDef(k.id)?.id, k.id).toBe(k.indicator);
		expect(viewDef('constats')).toBeUndefined();
		const gp = VIEW_KINDS.find((k) => k.indicator === 'gp_practices_per10k')!;
		expect(gp.title).toMatch(/approché/);
		expect(viewDef(gp.id)!.proxy).toBeTruthy();
		// Estimated travel times are labelled as such.
		expect(viewDef('acces-hdj')!.proxy).toMatch(/pas des temps routiers/);
	});

	it('defaults to the territory, adult beds, child beds and places, CMP, access to day hospitals and the GP proxy', () => {
		const p = parse('dep=23');
		expect(p.dep).toBe('23');
		expect(p.notices).toEqual([]);
		expect(p.views.map((v) => v.kind)).toEqual([...DEFAULT_KINDS]);
		expect(p.views[0]).toEqual({ kind: 'territoire', maille: 'epci' });
		expect(p.views[1]).toEqual({ kind: 'lits-adultes', maille: 'departement' });
	});

	it('round-trips a prepared sequence, sector set and explicit mailles included', () => {
		const s: Sequence = {
			dep: '2A',
			sectors: { setId: 'secteurs:corse 2024', type: 'G' },
			views: [
				{ kind: 'medecins', maille: 'sector' },
				{ kind: 'lits-adultes', maille: 'epci' },
				{ kind: 'territoire', maille: 'departement' },
				{ kind: 'cmp-enfants', maille: 'departement' }
			]
		};
		const q = formatSequence(s);
		// Default mailles stay implicit, so links are short.
		expect(new URLSearchParams(q).get('vues')).toBe('medecins,lits-adultes.epci,territoire.dep,cmp-enfants');
		const back = parse(q);
		expect(back.notices).toEqual([]);
		expect({ dep: back.dep, sectors: back.sectors, views: back.views }).toEqual(s);
	});

	it('accepts lower-case Corsican codes and DROM codes, refuses others with a French notice', () => {
		expect(parse('dep=2a').dep).toBe('2A');
		expect(parse('dep=974').dep).toBe('974');
		for (const bad of ['00', '96', '20', '977', '<script>', '1']) {
			const p = parse(`dep=${encodeURIComponent(bad)}`);
			expect(p.dep, bad).toBeNull();
			expect(p.notices[0]).toMatch(/^Département « .* » non reconnu : choisissez-le ci-dessous\.$/);
		}
	});

	it('drops unknown views and mailles, says which, and keeps the rest in order', () => {
		const p = parse('dep=23&vues=lits-adultes,inconnue,cmp-adultes.region,medecins.epci.x,territoire,acces-hdj.dep,acces-hdj');
		expect(p.views).toEqual([
			{ kind: 'lits-adultes', maille: 'departement' },
			{ kind: 'territoire', maille: 'epci' },
			{ kind: 'acces-hdj', maille: 'commune' }
		]);
		expect(p.notices).toHaveLength(1);
		// An access view exists per commune only.
		expect(p.notices[0]).toBe('Vues non reconnues dans le lien, ignorées : « inconnue », « cmp-adultes.region », « medecins.epci.x »….');
	});

	it('falls back to the default sequence when no view is usable, and bounds long input', () => {
		const p = parse(`dep=23&vues=${'x'.repeat(500)}`);
		expect(p.views).toEqual(defaultViews());
		expect(p.notices[0]).toMatch(/« x{40}… »/);
		expect(p.notices[1]).toBe('Aucune vue utilisable dans le lien : séquence par défaut.');
	});

	it('removes duplicates and keeps at most MAX_VIEWS views', () => {
		expect(parse('vues=cmp-adultes,cmp-adultes,cmp-adultes.epci').views).toEqual([
			{ kind: 'cmp-adultes', maille: 'departement' },
			{ kind: 'cmp-adultes', maille: 'epci' }
		]);
		const codes = { region: 'reg', departement: 'dep', epci: 'epci', sector: 'sect', commune: 'com' } as const;
		const many = VIEW_KINDS.flatMap((k) => maillesOf(k).map((m) => `${k.id}.${codes[m]}`));
		expect(many.length).toBeGreaterThan(MAX_VIEWS);
		const p = parse(`secteurs=s:G&vues=${many.join(',')}`);
		expect(p.views).toHaveLength(MAX_VIEWS);
		expect(p.notices).toEqual([`Le lien contient ${many.length} vues : seules les ${MAX_VIEWS} premières sont gardées.`]);
	});

	it('turns sector views into EPCI views when the link has no readable sector set', () => {
		const p = parse('dep=23&vues=medecins.sect&secteurs=sans-type');
		expect(p.sectors).toBeNull();
		expect(p.views).toEqual([{ kind: 'medecins', maille: 'epci' }]);
		expect(p.notices).toEqual([
			'Jeu de secteurs « sans-type » illisible : les vues sont affichées par EPCI.',
			'Vue « Médecine générale (indicateur approché) » par secteur sans jeu de secteurs dans le lien : affichée par EPCI.'
		]);
	});

	it('with a sector set, every view whose data fit the sectors defaults to them', () => {
		const p = parse('dep=23&secteurs=abc:I');
		expect(p.sectors).toEqual({ setId: 'abc', type: 'I' });
		const at = (views: typeof p.views, k: string) => views.find((v) => v.kind === k)!.maille;
		expect(at(p.views, 'territoire')).toBe('sector');
		// Child measures on child sectors; adult ones stay by département (no adult value per child sector).
		expect(at(p.views, 'lits-enfants')).toBe('sector');
		expect(at(p.views, 'hdj-enfants')).toBe('sector');
		expect(at(p.views, 'lits-adultes')).toBe('departement');
		expect(at(p.views, 'acces-hdj')).toBe('commune');
		const g = parse('dep=23&secteurs=abc:G').views;
		expect(at(g, 'lits-adultes')).toBe('sector');
		expect(at(g, 'cmp-adultes')).toBe('sector');
		expect(at(g, 'medecins')).toBe('sector');
		expect(at(g, 'lits-enfants')).toBe('departement');
	});

	it('focuses the région for département views, the département otherwise', () => {
		expect(focusOf({ kind: 'lits-adultes', maille: 'departement' })).toBe('region');
		expect(focusOf({ kind: 'medecins', maille: 'epci' })).toBe('departement');
	});

	it('moves views and steps within bounds', () => {
		const v = defaultViews();
		const up = moveView(v, 2, -1);
		expect(up.map((x) => x.kind).slice(0, 3)).toEqual(['territoire', 'lits-enfants', 'lits-adultes']);
		expect(moveView(v, 0, -1)).toEqual(v);
		expect(moveView(v, v.length - 1, 1)).toEqual(v);
		expect(step(0, -1, 6)).toBe(0);
		expect(step(4, 1, 6)).toBe(5);
		expect(step(5, 1, 6)).toBe(5);
	});
});

describe('closing view of shared findings', () => {
	it('is a view like the others in the link, shown by département only', () => {
		const p = parseSequence(new URLSearchParams('dep=23&vues=territoire,constats'));
		expect(p.views).toEqual([
			{ kind: 'territoire', maille: 'epci' },
			{ kind: 'constats', maille: 'departement' }
		]);
		expect(p.notices).toEqual([]);
		expect(formatSequence(p)).toContain('vues=territoire%2Cconstats');
		expect(parseSequence(new URLSearchParams('dep=23&vues=constats.com')).notices.join(' ')).toMatch(/constats\.com/);
	});
});
