/** Territory links of the diagnostic, CSS escaping of the print header, the scale bar. */
import { describe, expect, it } from 'vitest';
import { geoEquirectangular } from 'd3';
import { formatTarget, parseTarget, sqlOptions, type DiagnosticTarget } from '../../../src/lib/diagnostic/target';
import { cssString, pageRule } from '../../../src/lib/diagnostic/print';
import { kmPerPixel, scaleBar } from '../../../src/lib/diagnostic/map';

describe('territory link', () => {
	it('round-trips every level, including set ids and codes with separators', () => {
		const targets: DiagnosticTarget[] = [
			{ level: 'departement', code: '2A' },
			{ level: 'region', code: '84' },
			{ level: 'sector', code: '69G:01 / nord', setId: 'set:42', kind: 'I' },
			{ level: 'custom', code: 'abc', setId: 'custom', kind: 'custom' }
		];
		for (const t of targets) {
			const s = formatTarget(t);
			expect(s.split(':').length).toBe(t.level === 'sector' ? 4 : 2);
			expect(parseTarget(new URLSearchParams({ territoire: s }).get('territoire'))).toEqual(t);
		}
	});

	it('rejects malformed values', () => {
		for (const bad of [null, '', 'departement', 'departement:69;DROP', 'departement:6', 'commune:69123', 'sector:x:Z:1', 'sector:x:G', 'region:%E0%A4%A', 'custom:']) {
			expect(parseTarget(bad), String(bad)).toBeNull();
		}
	});

	it('keeps only the chosen sector type in the SQL options', () => {
		expect(sqlOptions({ level: 'sector', code: 'S1', setId: 'x', kind: 'I' })).toEqual({ setId: 'x', kinds: ['I'] });
		expect(sqlOptions({ level: 'custom', code: 'c', setId: 'custom', kind: 'custom' })).toEqual({ setId: 'custom', kinds: ['custom'] });
		expect(sqlOptions({ level: 'departement', code: '69' })).toEqual({});
	});
});

describe('print header', () => {
	it('escapes anything that could leave the CSS string', () => {
		const hostile = 'Secteur "X" \\ } </style> @import url(x);\nfin';
		const s = cssString(hostile);
		const inner = s.slice(1, -1);
		expect(s.startsWith('"') && s.endsWith('"')).toBe(true);
		expect(inner).not.toMatch(/["{};<>@\n]/);
		expect(inner).not.toMatch(/\\(?![0-9a-f]+ )/); // every backslash starts a hex escape
		expect(cssString('Rhône (69)')).toBe('"Rhône (69)"');
	});

	it('sets A4 portrait with the name on top and page numbers', () => {
		const r = pageRule('Diagnostic — Ain (01)');
		expect(r).toContain('size: A4 portrait');
		expect(r).toContain('"Diagnostic — Ain (01)"');
		expect(r).toMatch(/counter\(page\).*counter\(pages\)/);
	});
});

describe('scale bar', () => {
	it('picks the longest 1-2-5 length that fits', () => {
		const b = scaleBar(0.37, 120)!; // 44.4 km available
		expect(b.km).toBe(20);
		expect(b.px).toBeCloseTo(20 / 0.37, 6);
		expect(b.label).toBe('20\u00a0km');
		expect(scaleBar(2, 260)!.km).toBe(500);
		expect(scaleBar(0.001, 150)!.label).toBe('0,1\u00a0km');
		expect(scaleBar(0, 100)).toBeNull();
		expect(scaleBar(Number.NaN, 100)).toBeNull();
	});

	it('measures ground distance per pixel on a projection', () => {
		// Equirectangular at the equator: one pixel is 1/scale radian of longitude.
		const p = geoEquirectangular().scale(1000).translate([500, 500]);
		expect(kmPerPixel(p, 500, 500)).toBeCloseTo(6371.0088 / 1000, 4);
	});
});
