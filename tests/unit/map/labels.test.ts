import { describe, expect, it } from 'vitest';
import { centralMember, compositeGroups, fitLines, placeLabels, textWidth, type LabelSource } from '../../../src/lib/components/map/labels.ts';
import type { BBox } from '../../../src/lib/map/geometry.ts';

// A plain screen: 1 degree = 100 px, y down from latitude 10.
const project = ([x, y]: [number, number]) => ({ x: x * 100, y: (10 - y) * 100 });
function source(items: Record<string, { name: string; bbox: BBox }>): LabelSource {
	return {
		codes: Object.keys(items),
		name: (c) => items[c]?.name,
		bbox: (c) => items[c]?.bbox,
		point: (c) => {
			const b = items[c]!.bbox;
			return [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
		}
	};
}

describe('placeLabels', () => {
	const opts = { project, width: 1000, height: 1000, fontPx: 14 };
	it('names a territory only when its name fits inside its box on screen', () => {
		const src = source({
			big: { name: 'Haute-Vienne', bbox: [1, 1, 4, 3] }, // 300 × 200 px
			small: { name: 'Saint-Rémy-de-Provence', bbox: [6, 6, 7, 6.5] } // 100 px wide: too narrow
		});
		expect(placeLabels(src, opts).map((l) => l.code)).toEqual(['big']);
		expect(textWidth('Saint-Rémy-de-Provence', 14)).toBeGreaterThan(100);
	});
	it('never lets two names overlap: the larger territory wins, a priority code first', () => {
		const src = source({
			a: { name: 'Creuse', bbox: [1, 1, 5, 5] },
			b: { name: 'Corrèze', bbox: [1.5, 2.5, 4.5, 3.5] } // same centre, smaller
		});
		expect(placeLabels(src, opts).map((l) => l.code)).toEqual(['a']);
		expect(placeLabels(src, { ...opts, priority: new Set(['b']) }).map((l) => l.code)).toEqual(['b']);
	});
	it('breaks a long name on two lines when only that fits', () => {
		const src = source({ cc: { name: 'CC Creuse Sud Ouest', bbox: [1, 1, 2.5, 3] } }); // 150 × 200 px
		expect(placeLabels(src, opts).map((l) => l.lines)).toEqual([['CC Creuse', 'Sud Ouest']]);
		expect(fitLines('Saint-Rémy-de-Provence', 100, 14)).toBeNull();
	});
	it('skips territories out of view', () => {
		const src = source({ far: { name: 'Mayotte', bbox: [20, 1, 24, 3] } });
		expect(placeLabels(src, opts)).toEqual([]);
		expect(placeLabels(src, { ...opts, view: [0, 0, 10, 10] })).toEqual([]);
	});
});

describe('composite territories', () => {
	const boxes: Record<string, BBox> = { c1: [0, 0, 1, 1], c2: [1, 0, 2, 1], c3: [2, 0, 3, 1], c4: [10, 10, 11, 11] };
	const box = (c: string) => boxes[c];
	it('groups communes by territory with the union of their boxes', () => {
		const g = compositeGroups(new Map([['c1', 'T'], ['c2', 'T'], ['c3', 'T'], ['c4', 'U']]), box);
		expect(g.members.get('T')).toEqual(['c1', 'c2', 'c3']);
		expect(g.bboxes.get('T')).toEqual([0, 0, 3, 1]);
	});
	it('puts the name in the member nearest the centre', () => {
		expect(centralMember(['c1', 'c2', 'c3'], box)).toBe('c2');
		expect(centralMember([], box)).toBeNull();
	});
});
