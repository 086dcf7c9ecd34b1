import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAliasMap, parseCog } from '../../../data/parsers/cog.ts';
import { parseSireneGp } from '../../../data/parsers/sirene-gp.ts';
import type { GpPracticeRow, ParseResult } from '../../../data/schema.ts';
import { describeMirror, MIRROR } from '../../helpers/mirror.ts';

const fix = (p: string) => readFileSync(join(import.meta.dirname, '../../fixtures', p), 'utf8');
const sum = (a: number[]) => a.reduce((s, x) => s + x, 0);

describe('parseSireneGp on the fixture', () => {
	const cog = parseCog({ communes: fix('cog/communes.json'), departements: fix('cog/departements.json'), regions: fix('cog/regions.json'), epci: fix('cog/epci.json') });
	const r = parseSireneGp(fix('sirene/PS_communes.csv'), buildAliasMap(cog.aliases.rows));

	it('maps COG 2019 codes to COG 2026 and sums merged communes', () => {
		expect(r.rows).toEqual([
			{ commune: '01001', gp_practices: 2 },
			{ commune: '01015', gp_practices: 4 }, // 01015 + former 01340
			{ commune: '01262', gp_practices: 5 }, // unpadded '1262'
			{ commune: '55386', gp_practices: 1 }, // associated commune 55273
			{ commune: '75056', gp_practices: 10 }, // arrondissement 75101
			{ commune: '97101', gp_practices: 1 } // '1,0' decimal comma
		]);
	});

	it('counts rejections, zero rows and conserves the GP total', () => {
		const q = r.quality;
		expect(q.rejections).toEqual({
			'COM (hors champ)': 1,
			'unknown commune code (not in COG 2026 aliases)': 1,
			'malformed commune code': 1,
			'missing or malformed GP count': 2
		});
		expect(q.examples?.['unknown commune code (not in COG 2026 aliases)']).toEqual(['12345']);
		expect(q.examples?.['missing or malformed GP count']).toEqual(['01120=abc', '01262=']);
		expect(q.rows_read).toBe(13);
		expect(q.rows_read).toBe(q.rows_kept + q.rows_rejected + 1); // + the 0-practice row
		expect(q.notes).toContain('GP practices: 27 read = 23 mapped to COG 2026 + 4 in rejected rows.');
		expect(q.notes).toContain('1 communes with no GP practice (rows with 0, not rejected, no output row).');
	});

	it('fails clearly without the expected columns', () => {
		expect(() => parseSireneGp('code;x\n01001;1', new Map())).toThrow(/generaliste/);
	});
});

describeMirror('parseSireneGp on the mirror', () => {
	let r: ParseResult<GpPracticeRow>;
	let lines: string[][];
	let gp: number;
	beforeAll(() => {
		const dir = join(MIRROR!, 'cog');
		const cog = parseCog({
			communes: gunzipSync(readFileSync(join(dir, 'communes.json.gz'))).toString('utf8'),
			epci: gunzipSync(readFileSync(join(dir, 'epci.json.gz'))).toString('utf8'),
			departements: readFileSync(join(dir, 'departements.json'), 'utf8'),
			regions: readFileSync(join(dir, 'regions.json'), 'utf8')
		});
		const text = readFileSync(join(MIRROR!, 'gp_proxy/sirene2019_PS_communes.csv'), 'utf8');
		r = parseSireneGp(text, buildAliasMap(cog.aliases.rows));
		const rows = text.split(/\r?\n/).filter(Boolean).map((l) => l.split(';'));
		gp = rows[0]!.indexOf('generaliste');
		lines = rows.slice(1);
	});

	it('reads the 20,478 rows and conserves the GP total (mapped + rejected)', () => {
		expect(lines).toHaveLength(20478); // README
		const total = sum(lines.map((c) => Number(c[gp])));
		const rejectedCodes = new Set(Object.values(r.quality.examples ?? {}).flat());
		const rejected = sum(lines.filter((c) => rejectedCodes.has(c[0]!)).map((c) => Number(c[gp])));
		expect(sum(r.rows.map((x) => x.gp_practices)) + rejected).toBe(total);
		expect(r.quality.notes?.[0]).toBe(`GP practices: ${total.toLocaleString('en-US')} read = ${(total - rejected).toLocaleString('en-US')} mapped to COG 2026 + ${rejected.toLocaleString('en-US')} in rejected rows.`);
		// only COM codes are left out: all metro/DROM codes of 2019 resolve in COG 2026
		expect(Object.keys(r.quality.rejections)).toEqual(['COM (hors champ)']);
		expect([...rejectedCodes].every((c) => /^(975|977|978|98)/.test(c))).toBe(true);
		expect(r.quality.rows_read).toBe(r.quality.rows_kept + r.quality.rows_rejected + lines.filter((c) => Number(c[gp]) === 0).length);
	});

	it('gathers Paris arrondissements into Paris', () => {
		const paris = sum(lines.filter((c) => /^751(0[1-9]|1\d|20)$/.test(c[0]!) || c[0] === '75056').map((c) => Number(c[gp])));
		expect(paris).toBeGreaterThan(1000);
		expect(r.rows.find((x) => x.commune === '75056')!.gp_practices).toBe(paris);
		expect(r.rows.some((x) => x.commune.startsWith('751') && x.commune !== '75056')).toBe(false);
		expect(r.rows.every((x) => x.gp_practices > 0)).toBe(true);
	});
});
