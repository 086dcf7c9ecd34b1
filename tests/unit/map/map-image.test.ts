/**
 * The choropleth's colour key and PNG texts (map-image.ts): class items from a classification,
 * the place a map view shows, and the image texts citing the built manifest's sources.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/lib/indicators/classify';
import { choroplethImage, choroplethItems, viewPlace } from '../../../src/lib/components/map/map-image';
import { OUTSIDE_COLOR } from '../../../src/lib/map/levels';
import { indicatorById } from '../../../src/lib/indicators/catalogue';
import { describeArtefacts, readManifest } from '../../helpers/artefacts';

const fmt = (v: number) => v.toFixed(1).replace('.', ',');

describe('choroplethItems', () => {
	const c = classify([1, 2, 3, 4, 10, 10, null, null], 'quantile', 3);

	it('labels each class by its value range, with counts, then the missing values hatched', () => {
		const items = choroplethItems(c, ['#a', '#b', '#c'], fmt, 'departement');
		expect(items).toHaveLength(c.extents.length + 1);
		expect(items[0]).toEqual({ color: '#a', label: `de ${fmt(c.extents[0]!.lo)} à ${fmt(c.extents[0]!.hi)}`, count: c.counts[0], num: true });
		// A class of one repeated value shows that value alone.
		const last = c.extents.at(-1)!;
		expect(last).toEqual({ lo: 10, hi: 10 });
		expect(items[c.extents.length - 1]!.label).toBe('10,0');
		expect(items.at(-1)).toEqual({ color: '', label: 'Non disponible', count: 2, hatch: true });
		expect(items.reduce((s, i) => s + (i.count ?? 0), 0)).toBe(8);
	});

	it('adds the communes outside every territory on composite levels, without a count', () => {
		expect(choroplethItems(c, ['#a', '#b', '#c'], fmt, 'epci').at(-1)).toEqual({ color: OUTSIDE_COLOR, label: 'Commune hors EPCI' });
		expect(choroplethItems(c, ['#a', '#b', '#c'], fmt, 'sector').at(-1)!.label).toBe('Commune hors de ces territoires');
	});

	it('is empty when nothing has a value', () => {
		expect(choroplethItems(classify([null], 'quantile', 5), [], fmt, 'departement')).toEqual([]);
	});
});

describe('viewPlace', () => {
	it('names a whole quick view, or a detail of it', () => {
		expect(viewPlace([[-5.6, 41.0], [10.0, 51.5]])).toBe('France métropolitaine');
		expect(viewPlace([[4.6, 45.6], [5.1, 45.9]])).toBe('France métropolitaine, vue partielle');
		expect(viewPlace([[-61.9, 15.8], [-60.9, 16.6]])).toBe('Guadeloupe');
		expect(viewPlace([[-30, 30], [-20, 40]])).toBe('vue partielle de la carte');
	});
});

describe('choroplethImage notes', () => {
	const beds = indicatorById('beds_adult_per100k')!;
	const base = { indicator: beds, level: 'commune' as const, colors: ['#a'], formatNumber: fmt, sourceOf: () => undefined };
	const view = { place: 'France métropolitaine', points: null, date: '1 janvier 2026' };

	it('says the denominator is estimated only when it is at that level', () => {
		const c = classify([1, 2], 'quantile', 1);
		expect(beds.estimate).toBeTruthy();
		expect(choroplethImage({ ...base, classification: c, estimated: true }, view).notes).toContain(`Estimation : ${beds.estimate}`);
		expect(choroplethImage({ ...base, classification: c }, view).notes.some((n) => n.startsWith('Estimation'))).toBe(false);
	});

	it('says when no territory has a value, and cites an unknown source as such', () => {
		const img = choroplethImage({ ...base, classification: classify([null], 'quantile', 5) }, view);
		expect(img.legend).toEqual([]);
		expect(img.notes[0]).toBe('Aucune valeur disponible pour cet indicateur à cette échelle.');
		expect(img.sources[0]).toMatch(/non décrite dans le manifeste/);
	});
});

describeArtefacts('choroplethImage on the built manifest', () => {
	const manifest = readManifest();
	const sourceOf = (id: string) => manifest.sources.find((s) => s.id === id);
	const gp = indicatorById('gp_practices_per10k')!;
	const c = classify([1, 2, 3, 4, 5, null], 'jenks', 3);

	it('titles the indicator and maille, says proxy and points, cites every source with vintage and licence', () => {
		const img = choroplethImage(
			{ indicator: gp, level: 'sector', setLabel: 'Secteurs du Rhône', classification: c, colors: ['#a', '#b', '#c'], formatNumber: fmt, sourceOf },
			{ place: 'France métropolitaine', points: 'Points : établissements.', date: '23 novembre 2026' }
		);
		expect(img.title).toBe(gp.label);
		expect(img.subtitle).toBe(`${gp.unit}, par secteur (Secteurs du Rhône) — France métropolitaine`);
		expect(img.notes.some((n) => n.startsWith('Seuils naturels (Jenks)'))).toBe(true);
		expect(img.notes).toContain(`Approximation : ${gp.proxy}`);
		expect(img.notes.at(-1)).toBe('Points : établissements.');
		expect(img.sources).toHaveLength(gp.sources.length);
		gp.sources.forEach((id, i) => {
			const s = sourceOf(id)!;
			expect(img.sources[i]).toContain(s.vintage);
			expect(img.sources[i]).toContain(s.licence);
		});
		expect(img.legend.at(-1)!.label).toBe('Commune hors de ces territoires');
	});
});
