/**
 * National-scale timing check (not a test): `npx tsx bench/access-node.ts`.
 * 35 000 synthetic origins (≈ communes) and 3 000 sites over metropolitan France bounds.
 * Also checks nearest against brute force on a sample.
 */
import { haversineKm, makeMinutesFrom, minutesFromKmArray } from '../src/lib/geo/access/distance';
import { buildSiteIndex, nearestSitesColumns, type SiteInput } from '../src/lib/geo/access/nearest';
import { APL_2015_LIKE, DREES_2012, GAUSSIAN_20, makeWeight } from '../src/lib/geo/access/params';
import { twoStepFca } from '../src/lib/geo/access/sfca';
import { populationBeyond } from '../src/lib/geo/access/thresholds';
import { handleMessage } from '../src/lib/geo/access/worker';
import { mulberry32 } from '../tests/helpers/random';

const N_ORIGINS = 35_000;
const N_SITES = 3_000;
const RUNS = 7;

const rand = mulberry32(42);
const LON0 = -4.8, LON1 = 8.2, LAT0 = 42.3, LAT1 = 51.1;

const oLon = new Float64Array(N_ORIGINS);
const oLat = new Float64Array(N_ORIGINS);
const oPop = new Float64Array(N_ORIGINS);
const oGroup: string[] = new Array(N_ORIGINS).fill('metro');
const oDep: string[] = new Array(N_ORIGINS);
for (let i = 0; i < N_ORIGINS; i++) {
	oLon[i] = LON0 + rand() * (LON1 - LON0);
	oLat[i] = LAT0 + rand() * (LAT1 - LAT0);
	oPop[i] = Math.round(Math.exp(5 + 2 * rand() * rand() * 3)); // skewed, 150 … 60 000
	oDep[i] = String(1 + Math.floor(rand() * 95)).padStart(2, '0');
}
const sites: SiteInput[] = [];
const sLon = new Float64Array(N_SITES);
const sLat = new Float64Array(N_SITES);
const sSupply = new Float64Array(N_SITES);
const sGroup: string[] = new Array(N_SITES).fill('metro');
for (let j = 0; j < N_SITES; j++) {
	sLon[j] = LON0 + rand() * (LON1 - LON0);
	sLat[j] = LAT0 + rand() * (LAT1 - LAT0);
	sSupply[j] = 1 + Math.floor(rand() * 10);
	sites.push({ id: j, lon: sLon[j]!, lat: sLat[j]!, type: 'cmp', capacity: sSupply[j]!, group: 'metro' });
}

function time<T>(label: string, fn: () => T): T {
	const ms: number[] = [];
	let out!: T;
	for (let r = 0; r < RUNS; r++) {
		const t0 = performance.now();
		out = fn();
		ms.push(performance.now() - t0);
	}
	ms.sort((a, b) => a - b);
	console.log(`${label.padEnd(44)} median ${ms[RUNS >> 1]!.toFixed(1).padStart(7)} ms   min…max ${ms[0]!.toFixed(1)}…${ms[RUNS - 1]!.toFixed(1)} ms`);
	return out;
}

console.log(`Node ${process.version}, ${N_ORIGINS} origins, ${N_SITES} sites, ${RUNS} runs each\n`);
const index = time('buildSiteIndex', () => buildSiteIndex(sites));
const near = time('nearestSites (35k origins)', () => nearestSitesColumns(oLon, oLat, oGroup, index, 'cmp'));
const minutes = time('minutes from km (35k)', () => minutesFromKmArray(near.km));
time('index + nearest (what-if: one site moved)', () => nearestSitesColumns(oLon, oLat, oGroup, buildSiteIndex(sites), 'cmp'));
time('worker handler: nearest (columns in, +minutes)', () =>
	handleMessage({
		type: 'nearest',
		id: 0,
		payload: { origins: { lon: oLon, lat: oLat, group: oGroup }, sites: { id: sites.map((s) => s.id), lon: sLon, lat: sLat, group: sGroup } }
	})
);
time('worker handler: sfca drees2012', () =>
	handleMessage({
		type: 'sfca',
		id: 0,
		payload: { origins: { pop: oPop, lon: oLon, lat: oLat, group: oGroup }, sites: { supply: sSupply, lon: sLon, lat: sLat, group: sGroup } }
	})
);
time('populationBeyond by dep (10/20/30/45)', () => populationBeyond(minutes, oPop, oDep));

const minutesFrom = makeMinutesFrom();
for (const preset of [DREES_2012, APL_2015_LIKE, GAUSSIAN_20]) {
	const weight = makeWeight(preset.decay);
	const r = time(`2SFCA ${preset.id}`, () =>
		twoStepFca({
			origins: { pop: oPop, lon: oLon, lat: oLat, group: oGroup },
			sites: { supply: sSupply, lon: sLon, lat: sLat, group: sGroup },
			weight,
			maxMinutes: preset.maxMinutes,
			minutesFrom
		})
	);
	let served = 0;
	let reached = 0;
	let supply = 0;
	for (let i = 0; i < N_ORIGINS; i++) served += oPop[i]! * r.access[i]!;
	for (let j = 0; j < N_SITES; j++)
		if (r.demand[j]! > 0) {
			reached++;
			supply += sSupply[j]!;
		}
	console.log(`   pairs ${r.pairs}, sites reached ${reached}, Σ P·A = ${served.toFixed(3)} vs Σ S reached = ${supply}`);
}

// Correctness: nearest vs brute force on a sample.
let mismatches = 0;
for (let i = 0; i < N_ORIGINS; i += 17) {
	let best = Infinity;
	let bestJ = -1;
	for (let j = 0; j < N_SITES; j++) {
		const d = haversineKm(oLon[i]!, oLat[i]!, sLon[j]!, sLat[j]!);
		if (d < best) {
			best = d;
			bestJ = j;
		}
	}
	if (bestJ !== near.site[i] || Math.abs(best - near.km[i]!) > 1e-9) mismatches++;
}
console.log(`\nnearest vs brute force on ${Math.ceil(N_ORIGINS / 17)} origins: ${mismatches} mismatches`);
let maxKm = 0;
let sum = 0;
for (let i = 0; i < N_ORIGINS; i++) {
	if (near.km[i]! > maxKm) maxKm = near.km[i]!;
	sum += minutes[i]!;
}
console.log(`nearest km max ${maxKm.toFixed(1)}, mean minutes ${(sum / N_ORIGINS).toFixed(1)}`);
