/** One accessibility run for a site kind: nearest-site minutes and, when asked, the 2SFCA score. */
import type { AccessRun, Communes } from '../compute';
import type { Site, SiteKind } from '../model';
import { demandOf } from '../kinds';
import type { AccessClient } from '../../geo/access/client';
import type { DecaySpec, TravelParams } from '../../geo/access/params';

export interface RunOptions {
	kind: SiteKind;
	travel: TravelParams;
	decay: { decay: DecaySpec; maxMinutes: number };
	/** Compute the 2SFCA score (kinds with a known capacity). */
	score: boolean;
	/** Département of a site (added sites have none of their own). */
	depOf: (s: Site) => string | undefined;
}

/** The worker's site columns for the sites of one kind. */
export function siteColumns(ofKind: readonly Site[], depOf: (s: Site) => string | undefined) {
	return {
		id: ofKind.map((s) => s.id),
		lon: Float64Array.from(ofKind, (s) => s.lon),
		lat: Float64Array.from(ofKind, (s) => s.lat),
		dep: ofKind.map((s) => depOf(s) ?? '')
	};
}

export async function runAccess(client: Pick<AccessClient, 'nearest' | 'sfca'>, c: Communes, sites: readonly Site[], o: RunOptions): Promise<AccessRun> {
	const ofKind = sites.filter((s) => s.kind === o.kind);
	const siteCols = siteColumns(ofKind, o.depOf);
	const origins = { lon: c.lon, lat: c.lat, code: c.code };
	const nearest = client.nearest({ origins, sites: siteCols, travel: o.travel });
	const sfca = o.score
		? client.sfca({
				origins: { ...origins, pop: demandOf(c, o.kind) },
				sites: { ...siteCols, supply: Float64Array.from(ofKind, (s) => s.capacity) },
				decay: o.decay.decay,
				maxMinutes: o.decay.maxMinutes,
				travel: o.travel
			})
		: null;
	const [n, s] = await Promise.all([nearest, sfca]);
	return { sites: ofKind, minutes: n.minutes, access: s ? s.access.map((a) => a * 1e5) : null };
}

/** A run and the communes whose figures changed since the session's previous run (null: all). */
export type SessionRun = AccessRun & { changed: Int32Array | null };

const KEEP = 16;

/**
 * Runs through the worker's sessions (worker.ts 'scenario'): the first run of a session is
 * full; after it, an edit sends back only the communes it changed, patched here into a copy of
 * the previous run. The worker answers in order, so the copy kept here is the worker's state.
 */
export class SessionRuns {
	readonly #client: Pick<AccessClient, 'origins' | 'scenario'>;
	#origins: { c: Communes; key: string } | null = null;
	#n = 0;
	readonly #last = new Map<string, SessionRun>();

	constructor(client: Pick<AccessClient, 'origins' | 'scenario'>) {
		this.#client = client;
	}

	async run(c: Communes, sites: readonly Site[], o: RunOptions, session: string, from?: string): Promise<SessionRun> {
		if (this.#origins?.c !== c) {
			this.#origins = { c, key: `communes-${++this.#n}` };
			this.#last.clear();
			void this.#client.origins({ key: this.#origins.key, origins: { lon: c.lon, lat: c.lat, code: c.code } }).catch(() => {});
		}
		const ofKind = sites.filter((s) => s.kind === o.kind);
		const payload = {
			session,
			from,
			origins: this.#origins.key,
			sites: { ...siteColumns(ofKind, o.depOf), supply: Float64Array.from(ofKind, (s) => s.capacity) },
			travel: o.travel,
			score: o.score ? { pop: demandOf(c, o.kind), decay: o.decay.decay, maxMinutes: o.decay.maxMinutes } : null
		};
		let r = await this.#client.scenario({ ...payload, full: !this.#last.has(session) && !(from && this.#last.has(from)) });
		let prev = r.seeded && from ? this.#last.get(from) : this.#last.get(session);
		if (r.changed && !prev) {
			r = await this.#client.scenario({ ...payload, full: true });
			prev = undefined;
		}
		let run: SessionRun;
		if (!r.changed || !prev) run = { sites: ofKind, minutes: r.minutes, access: r.access ? r.access.map((a) => a * 1e5) : null, changed: null };
		else {
			const minutes = prev.minutes.slice();
			const access = r.access && prev.access ? prev.access.slice() : null;
			for (let k = 0; k < r.changed.length; k++) {
				const i = r.changed[k]!;
				minutes[i] = r.minutes[k]!;
				if (access) access[i] = r.access![k]! * 1e5;
			}
			run = { sites: ofKind, minutes, access, changed: r.changed };
		}
		this.#last.delete(session);
		this.#last.set(session, run);
		while (this.#last.size > KEEP) this.#last.delete(this.#last.keys().next().value!);
		return run;
	}
}
