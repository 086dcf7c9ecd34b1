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

export async function runAccess(client: AccessClient, c: Communes, sites: readonly Site[], o: RunOptions): Promise<AccessRun> {
	const ofKind = sites.filter((s) => s.kind === o.kind);
	const siteCols = {
		id: ofKind.map((s) => s.id),
		lon: Float64Array.from(ofKind, (s) => s.lon),
		lat: Float64Array.from(ofKind, (s) => s.lat),
		dep: ofKind.map((s) => o.depOf(s) ?? '')
	};
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
