/**
 * Defaults for the accessibility computations (nearest site, 2SFCA, population beyond X min).
 *
 * Everything here is a plain serialisable object (no functions), so it can travel to the
 * Web Worker with postMessage. Functions are built from these specs by `makeWeight` (here) and
 * `makeMinutesFrom` (distance.ts).
 *
 * Travel times are a PROXY: great-circle km × detour factor → road km → minutes through speed
 * bands. No road network is used. The results are the project's own estimates, not the
 * DREES/INSEE travel times (Metric-OSRM); the UI must say so.
 */

/** Mean Earth radius (IUGG R1), km. */
export const EARTH_RADIUS_KM = 6371.0088;

/** One speed band: road km up to `upToKm` (cumulative, from the origin) are driven at `kmh`. */
export interface SpeedBand {
	upToKm: number; // cumulative road km where this band ends; the last band should be Infinity
	kmh: number;
}

export interface TravelParams {
	/** Road km ≈ great-circle km × detourFactor. */
	detourFactor: number;
	/** Piecewise speeds on road km, in increasing `upToKm` order. */
	speedBands: SpeedBand[];
}

/**
 * Default travel-time proxy. ASSUMPTIONS of the project, not validated against French road times:
 * - detour factor 1.3: road distance / straight-line distance. Published values for European
 *   road networks are around 1.2–1.4; a study of 300 European cities measured an average radial
 *   detour of 1.343 (Environment and Planning B, 2023, doi:10.1177/23998083231168870). 1.3 is the
 *   commonly used round value.
 * - speeds: the first 5 road km at 30 km/h (town streets, access to the main road), the next
 *   15 km at 60 km/h (secondary roads), beyond 20 km at 80 km/h (main roads). Gives 10 min for
 *   5 road km, 25 min for 20 road km, 47.5 min for 50 road km.
 */
export const DEFAULT_TRAVEL: TravelParams = {
	detourFactor: 1.3,
	speedBands: [
		{ upToKm: 5, kmh: 30 },
		{ upToKm: 20, kmh: 60 },
		{ upToKm: Infinity, kmh: 80 }
	]
};

/**
 * Distance-decay weight on travel time, as data.
 * - 'step': `w = steps[k].weight` for the first k with `t < steps[k].below` (half-open bands
 *   [previous below, below)); 0 at and beyond the last `below`.
 * - 'binary': 1 for t ≤ catchmentMinutes, 0 beyond (plain floating catchment).
 * - 'gaussian': Dai (2010) gaussian 2SFCA, normalised so that w(0) = 1 and w(t0) = 0:
 *   w = (exp(-½(t/t0)²) − exp(-½)) / (1 − exp(-½)) for t ≤ t0, 0 beyond.
 */
export type DecaySpec =
	| { kind: 'step'; steps: { below: number; weight: number }[] }
	| { kind: 'binary'; catchmentMinutes: number }
	| { kind: 'gaussian'; catchmentMinutes: number };

export interface SfcaPreset {
	id: string;
	label: string;
	decay: DecaySpec;
	/** Pairs farther than this are not considered (weight is 0 there anyway). */
	maxMinutes: number;
	/** Where the values come from; shown in the UI. */
	note: string;
}

/**
 * DREES/IRDES APL 2012 weights (ER 795 / DT 124) as summarised in domain.md [S27]:
 * w = 1 below 5 min, 0.30 at 5–10, 0.10 at 10–15, 0 beyond 15.
 * Band edges are half-open ([0,5), [5,10), [10,15)); the sources do not say where the edge
 * minute itself falls.
 */
export const DREES_2012: SfcaPreset = {
	id: 'drees2012',
	label: 'APL 2012 (DREES/IRDES, 15 min)',
	decay: {
		kind: 'step',
		steps: [
			{ below: 5, weight: 1 },
			{ below: 10, weight: 0.3 },
			{ below: 15, weight: 0.1 }
		]
	},
	maxMinutes: 15,
	note: 'DREES/IRDES 2012 step weights (domain.md [S27]).'
};

/**
 * "2015-like" variant: the 2015 APL revision extends the catchment to 20 min [S28], but the
 * exact 2015 decay weights were NOT retrieved (domain.md, APL box). The weights below are the
 * PROJECT'S ASSUMPTION: 1 / 0.66 / 0.33 / 0 at [0,10) / [10,15) / [15,20) / ≥ 20 min.
 * Replace them once "tableau 1" of the DREES APL page has been checked.
 */
export const APL_2015_LIKE: SfcaPreset = {
	id: 'apl2015like',
	label: 'APL 20 min (hypothèse du projet)',
	decay: {
		kind: 'step',
		steps: [
			{ below: 10, weight: 1 },
			{ below: 15, weight: 0.66 },
			{ below: 20, weight: 0.33 }
		]
	},
	maxMinutes: 20,
	note: 'Catchment 20 min as in the 2015 revision [S28]; weights are the project assumption (2015 weights not retrieved).'
};

/** Continuous gaussian decay over 20 min (Dai 2010 form). Project's own option. */
export const GAUSSIAN_20: SfcaPreset = {
	id: 'gaussian20',
	label: 'Décroissance gaussienne 20 min',
	decay: { kind: 'gaussian', catchmentMinutes: 20 },
	maxMinutes: 20,
	note: 'Gaussian 2SFCA (Dai 2010), catchment 20 min; project option, no official parameters.'
};

export const SFCA_PRESETS: Record<string, SfcaPreset> = {
	[DREES_2012.id]: DREES_2012,
	[APL_2015_LIKE.id]: APL_2015_LIKE,
	[GAUSSIAN_20.id]: GAUSSIAN_20
};

/** Thresholds (minutes) for "population beyond X min of the nearest site". */
export const DEFAULT_THRESHOLDS: readonly number[] = [10, 20, 30, 45];

const GAUSS_EDGE = Math.exp(-0.5);

/** Build w(t) from a spec. Negative or NaN t gives 0 (unknown time, never counted). */
export function makeWeight(spec: DecaySpec): (minutes: number) => number {
	switch (spec.kind) {
		case 'step': {
			const below = Float64Array.from(spec.steps, (s) => s.below);
			const weight = Float64Array.from(spec.steps, (s) => s.weight);
			const n = below.length;
			return (t) => {
				if (!(t >= 0)) return 0;
				for (let k = 0; k < n; k++) if (t < below[k]!) return weight[k]!;
				return 0;
			};
		}
		case 'binary': {
			const t0 = spec.catchmentMinutes;
			return (t) => (t >= 0 && t <= t0 ? 1 : 0);
		}
		case 'gaussian': {
			const t0 = spec.catchmentMinutes;
			return (t) => {
				if (!(t >= 0) || t > t0) return 0;
				const r = t / t0;
				return (Math.exp(-0.5 * r * r) - GAUSS_EDGE) / (1 - GAUSS_EDGE);
			};
		}
	}
}

/** Largest travel time with a non-zero weight (the catchment), for the spatial pre-filter. */
export function catchmentOf(spec: DecaySpec): number {
	switch (spec.kind) {
		case 'step': {
			let m = 0;
			for (const s of spec.steps) if (s.weight > 0 && s.below > m) m = s.below;
			return m;
		}
		case 'binary':
		case 'gaussian':
			return spec.catchmentMinutes;
	}
}

/** Travel parameters from free form inputs, clamped to sane ranges (defaults on NaN). */
export function clampTravel(detour: number, speeds: readonly number[]): TravelParams {
	return {
		detourFactor: Math.min(3, Math.max(1, Number(detour) || DEFAULT_TRAVEL.detourFactor)),
		speedBands: DEFAULT_TRAVEL.speedBands.map((b, k) => ({ upToKm: b.upToKm, kmh: Math.min(130, Math.max(5, Number(speeds[k]) || b.kmh)) }))
	};
}

/** A preset with its catchment changed by the user: step edges are stretched in proportion. */
export function scaledDecay(preset: SfcaPreset, catchment: number): { decay: DecaySpec; maxMinutes: number } {
	const c = Math.min(90, Math.max(5, Number(catchment) || preset.maxMinutes));
	const d = preset.decay;
	if (d.kind === 'step') {
		const f = c / preset.maxMinutes;
		return { decay: { kind: 'step', steps: d.steps.map((s) => ({ below: s.below * f, weight: s.weight })) }, maxMinutes: c };
	}
	return { decay: { ...d, catchmentMinutes: c }, maxMinutes: c };
}
