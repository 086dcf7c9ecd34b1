/**
 * Incremental scenario runs (worker sessions) against full runs, on the real communes and the
 * real national sites: after every random edit (add, close, move, capacity), the figures patched
 * from the communes the worker sent back are the same bits as a full recompute.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { handleMessage, runNearest, runSfca, type AccessRequest } from '../../../src/lib/geo/access/worker';
import { AccessSession } from '../../../src/lib/geo/access/session';
import { landGroup, landGroupOfPoint } from '../../../src/lib/geo/access/nearest';
import { DEFAULT_TRAVEL, SFCA_PRESETS } from '../../../src/lib/geo/access/params';
import { portOf } from '../../../src/lib/queries/port';
import { accessData } from '../../../src/lib/queries/access';
import { nearestCommune, type AccessRun, type Communes } from '../../../src/lib/scenarios/compute';
import { demandOf } from '../../../src/lib/scenarios/kinds';
import { applyScenario, type Edit, type Site, type SiteKind } from '../../../src/lib/scenarios/model';
import { runAccess, SessionRuns, siteColumns, type RunOptions } from '../../../src/lib/scenarios/access/runner';
import type { AccessClient } from '../../../src/lib/geo/access/client';
import { describeArtefacts, loadAllArtefacts } from '../../helpers/artefacts';
import type { NodeDuckDB } from '../../helpers/duckdb-node';
import { mulberry32 } from '../../helpers/random';

const random = mulberry32;

/** Same bits, NaN included; reports the first difference. */
function expectSame(what: string, a: ArrayLike<number> | null, b: ArrayLike<number> | null) {
	expect(a === null, `${what}: null`).toBe(b === null);
	if (!a || !b) return;
	expect(a.length, `${what}: length`).toBe(b.length);
	for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) expect(`${what}[${i}] = ${a[i]}`).toBe(`${what}[${i}] = ${b[i]}`);
}

const inProcess = {
	nearest: (p) => Promise.resolve(runNearest(p)),
	sfca: (p) => Promise.resolve(runSfca(p)),
	origins: (p) => post({ type: 'origins', id: 0, payload: p }),
	scenario: (p) => post({ type: 'scenario', id: 0, payload: p })
} as Pick<AccessClient, 'nearest' | 'sfca' | 'origins' | 'scenario'>;
function post<T>(msg: AccessRequest): Promise<T> {
	const { response } = handleMessage(structuredClone(msg));
	return 'error' in response ? Promise.reject(new Error(response.error)) : Promise.resolve(response.result as T);
}

describeArtefacts('incremental scenario runs = full runs', () => {
	let duck: NodeDuckDB;
	let c: Communes;
	let baseline: Site[];
	beforeAll(async () => {
		duck = await loadAllArtefacts();
		const d = await accessData(portOf(duck.db));
		c = d.communes;
		baseline = d.baseline;
	}, 120_000);
	afterAll(() => duck?.close());

	const depOf = (s: Site) => s.dep ?? c.dep[nearestCommune(c, s.lon, s.lat)];
	const options = (kind: SiteKind, preset = 'drees2012'): RunOptions => ({
		kind,
		travel: DEFAULT_TRAVEL,
		decay: { decay: SFCA_PRESETS[preset]!.decay, maxMinutes: SFCA_PRESETS[preset]!.maxMinutes },
		score: true,
		depOf
	});

	/** A random edit of a site of `kind`: new sites land near a random commune (mainland, Corsica or overseas). */
	function randomEdit(rnd: () => number, sites: Site[], kind: SiteKind, n: number): Edit {
		const ofKind = sites.filter((s) => s.kind === kind);
		const pick = () => ofKind[Math.floor(rnd() * ofKind.length)]!;
		const near = (): [number, number] => {
			const i = Math.floor(rnd() * c.code.length);
			return [c.lon[i]! + (rnd() - 0.5) * 0.1, c.lat[i]! + (rnd() - 0.5) * 0.1];
		};
		const r = rnd();
		if (r < 0.3 || ofKind.length < 5) {
			const [lon, lat] = near();
			return { op: 'add', id: `add:t${n}`, kind, lon, lat, capacity: Math.floor(rnd() * 40), label: `test ${n}` };
		}
		if (r < 0.55) return { op: 'close', id: pick().id };
		if (r < 0.85) return { op: 'capacity', id: pick().id, capacity: rnd() < 0.15 ? 0 : Math.floor(rnd() * 200) };
		const [lon, lat] = near();
		return { op: 'move', id: pick().id, lon, lat };
	}

	it.each([
		['hdj', 'drees2012', 40, 1],
		['cmp_adult', 'gaussian20', 30, 2],
		['beds_child', 'apl2015like', 25, 3]
	] as const)('%s (%s): %i random edits, each patched run equals a full run', async (kind, preset, edits, seed) => {
		const rnd = random(seed);
		const o = options(kind, preset);
		const runs = new SessionRuns(inProcess);
		const base = await runs.run(c, baseline, o, `${kind}|base`);
		const fullBase: AccessRun = await runAccess(inProcess, c, baseline, o);
		expectSame('baseline minutes', base.minutes, fullBase.minutes);
		expectSame('baseline access', base.access, fullBase.access);
		const list: Edit[] = [];
		let incremental = 0;
		for (let n = 0; n < edits; n++) {
			list.push(randomEdit(rnd, applyScenario(baseline, { name: 't', edits: list }), kind, n));
			// Now and then an earlier edit is undone (the edit list's remove button).
			if (n % 9 === 8) list.splice(Math.floor(rnd() * list.length), 1);
			const sites = applyScenario(baseline, { name: 't', edits: list });
			const got = await runs.run(c, sites, o, `${kind}|scen`, `${kind}|base`);
			const full = await runAccess(inProcess, c, sites, o);
			expectSame(`edit ${n} (${list.at(-1)!.op}) minutes`, got.minutes, full.minutes);
			expectSame(`edit ${n} access`, got.access, full.access);
			if (got.changed) {
				incremental++;
				// Only changed communes were sent: an edit touches one site's surroundings.
				expect(got.changed.length).toBeLessThan(c.code.length / 4);
			}
		}
		// Most edits went the incremental way (a full run only when the diff is not a small edit).
		expect(incremental).toBeGreaterThan(edits * 0.8);
	}, 300_000);

	it('the session keeps nearest km, site and 2SFCA ratio, demand, pairs equal to full runs', () => {
		const rnd = random(7);
		const kind: SiteKind = 'hdj';
		const group = (s: { dep: string; lon: number; lat: number }) => (s.dep ? landGroup(s.dep) : landGroupOfPoint(s.lon, s.lat));
		const origins = { lon: c.lon, lat: c.lat, group: c.code.map((code) => landGroup(code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2))) };
		const pop = demandOf(c, kind);
		const preset = SFCA_PRESETS.drees2012!;
		const session = new AccessSession(origins, { travel: DEFAULT_TRAVEL, score: { pop, decay: preset.decay, maxMinutes: preset.maxMinutes } });
		const list: Edit[] = [];
		for (let n = 0; n < 20; n++) {
			if (n > 0) list.push(randomEdit(rnd, applyScenario(baseline, { name: 't', edits: list }), kind, n));
			const ofKind = applyScenario(baseline, { name: 't', edits: list }).filter((s) => s.kind === kind);
			const cols = siteColumns(ofKind, depOf);
			const supply = Float64Array.from(ofKind, (s) => s.capacity);
			const changed = session.run({ id: cols.id, lon: cols.lon, lat: cols.lat, group: ofKind.map((s, j) => group({ dep: cols.dep[j]!, lon: s.lon, lat: s.lat })), supply });
			expect(changed === null).toBe(n === 0);
			const near = runNearest({ origins: { lon: c.lon, lat: c.lat, code: c.code }, sites: cols });
			const sfca = runSfca({ origins: { lon: c.lon, lat: c.lat, code: c.code, pop }, sites: { ...cols, supply }, decay: preset.decay, maxMinutes: preset.maxMinutes });
			expectSame(`edit ${n} km`, session.km, near.km);
			expectSame(`edit ${n} site`, session.site, near.site);
			expectSame(`edit ${n} ratio`, session.ratio, sfca.ratio);
			expectSame(`edit ${n} demand`, session.demand, sfca.demand);
			expectSame(`edit ${n} access`, session.access, sfca.access);
			expect(session.pairs).toBe(sfca.pairs);
		}
	}, 300_000);
});

