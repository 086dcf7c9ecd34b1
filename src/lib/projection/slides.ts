/**
 * One projection view ready to show: the map's values (and commune → unit for EPCI / sectors),
 * its classes and colours, and the takeaway sentence. Built once per (département, view, sector
 * set) and cached; a failed build is retried next time. Units inside the département are
 * classed among themselves, départements among all of France.
 */
import type { DatabaseLike } from '../db/query';
import type { NearestPayload, NearestResponse } from '../geo/access/worker';
import type { IndicatorDef, IndicatorValue } from '../indicators/types';
import { accessFigures, accessSentence } from './access';
import { viewDef } from './defs';
import { communeOwners, levelValues, sectorFits } from './mapdata';
import type { ProjectionMaille } from '../territories/level';
import type { ProjectionView, SectorChoice } from './sequence';
import { takeaway } from './takeaway';
import { outsideOwnSet, ownSetNotice } from '../indicators/own-scope';
import { classColors, classify, type Classification } from '../indicators/classify';

export interface Slide {
	key: string;
	def: IndicatorDef;
	maille: ProjectionMaille;
	values: Map<string, IndicatorValue>;
	owner: Map<string, string> | null;
	classification: Classification;
	colors: string[];
	takeaway: string;
}

export interface SlideDeps {
	database: () => Promise<DatabaseLike>;
	query: <T>(sql: string, params?: unknown[]) => Promise<T[]>;
	/** registers a stored sector set in DuckDB before it is queried */
	ensureRegistered: (setId: string) => Promise<void>;
	nearest: (p: NearestPayload) => Promise<NearestResponse>;
}

export interface Place {
	code: string;
	name: string;
}

export const slideKey = (v: ProjectionView, dep: string, s: SectorChoice | null) => `${dep}|${v.kind}|${v.maille}|${s ? `${s.setId}:${s.type}` : ''}`;

function slide(key: string, def: IndicatorDef, maille: ProjectionMaille, values: Map<string, IndicatorValue>, owner: Map<string, string> | null, classified: (number | null)[], sentence: string): Slide {
	const classification = classify(classified, 'quantile', 5);
	return { key, def, maille, values, owner, classification, colors: classColors(classification.counts.length), takeaway: sentence };
}

async function build(deps: SlideDeps, key: string, v: ProjectionView, dep: Place, s: SectorChoice | null): Promise<Slide> {
	const def = viewDef(v.kind);
	if (!def) throw new Error(`indicateur de la vue « ${v.kind} » introuvable.`);
	if (v.maille === 'commune') {
		const f = await accessFigures(deps.query, deps.nearest, dep.code);
		const classified = [...f.depCommunes].map((c) => f.values.get(c)?.value ?? null);
		return slide(key, def, 'commune', f.values, null, classified, accessSentence(dep.name, f.dep, f.france));
	}
	// A sector set of the other discipline (adult indicator, child sectors) falls back to EPCI.
	const maille: ProjectionMaille = v.maille === 'sector' && !(s && sectorFits(def, s.type)) ? 'epci' : v.maille;
	// Keyed by one set's sectors: anything else would be an empty map; the sentence says why.
	if (outsideOwnSet(def, maille, maille === 'sector' ? s?.setId : null)) return slide(key, def, maille, new Map(), null, [], ownSetNotice(def, undefined));
	if (maille === 'sector' && s) await deps.ensureRegistered(s.setId);
	const db = await deps.database();
	const [values, owner, sentence] = await Promise.all([
		levelValues(db, def, maille, s),
		maille === 'departement' || maille === 'region' ? null : communeOwners(db, dep.code, maille, s),
		takeaway(db, def, { ...v, maille }, { dep: dep.code, name: dep.name }, s)
	]);
	const shown = owner ? new Set(owner.values()) : null;
	const classified = [...values.values()].filter((r) => !shown || shown.has(r.code)).map((r) => r.value);
	return slide(key, def, maille, values, owner, classified, sentence);
}

export function createSlides(deps: SlideDeps): (v: ProjectionView, dep: Place, s: SectorChoice | null) => Promise<Slide> {
	const cache = new Map<string, Promise<Slide>>();
	return (v, dep, s) => {
		const key = slideKey(v, dep.code, s);
		let p = cache.get(key);
		if (!p) {
			p = build(deps, key, v, dep, s);
			cache.set(key, p);
			p.catch(() => cache.delete(key));
		}
		return p;
	};
}
