/**
 * Assembles a diagnostic: for each PTSM priority, the catalogue's indicators with the
 * territory's value, France / région / département references computed from the same data
 * (referencesFor), published references, and for rates the ratio and the gap to France in the
 * indicator's own units (gap.ts). Pure: takes a database handle, no DOM.
 */
import type { DatabaseLike } from '../db/query';
import { query } from '../db/query';
import { ensureTerritoryTable } from '../geo/territories';
import { INDICATORS, SHORTFALL_ORDER } from '../indicators/catalogue';
import { computeGaps, type GapRow } from '../indicators/gap';
import { placeOf, referencesFor, type Place, type Reference } from '../queries/references';
import { isEstimated, levelsOf } from '../indicators/sql';
import type { IndicatorDef } from '../indicators/types';
import { diagnosticEvolution, territoryValue, type RowEvolution } from './evolution';
import { PRIORITIES, type PriorityInfo } from './priorities';
import { isApproximation, sqlOptions, type DiagnosticTarget } from './target';
import { outsideOwnSet, ownSectorSet } from '../indicators/own-scope';

export interface DiagnosticRow {
	def: IndicatorDef;
	/** false when the indicator cannot be computed for this kind of territory. */
	available: boolean;
	/** French, when `available` is false. */
	reason: string | null;
	value: number | null;
	numerator: number | null;
	denominator: number | null;
	/** The denominator is estimated at this level (age structure of the département). */
	estimated: boolean;
	france: Reference | null;
	region: Reference | null;
	departement: Reference | null;
	atlas: Reference | null;
	published: Reference[];
	/** Ratio, gap in units and class against France; null for counts or without a value. */
	gap: GapRow | null;
	/** 2022 → 2023 from the catalogue's evolution indicator, or why there is none. */
	evolution: RowEvolution;
}

export interface DiagnosticSection {
	priority: PriorityInfo;
	rows: DiagnosticRow[];
}

/**
 * Stock indicators: the diagnostic states levels; changes are the comparison page's job. The count
 * twin of a rate is not a row of its own: the rate's row gives its number (numerator).
 */
export const DIAGNOSTIC_INDICATORS: IndicatorDef[] = INDICATORS.filter((d) => d.kind !== 'evolution' && !d.count?.of);

/**
 * The indicators a territory's diagnostic shows: an adult sector (G) adult ones, a child sector (I)
 * child ones — SAE measures of the other discipline (or of both) and the adult medico-social
 * estimates are left out; other territories show everything.
 */
export function indicatorsFor(t: Pick<DiagnosticTarget, 'level' | 'kind'>, defs: readonly IndicatorDef[] = DIAGNOSTIC_INDICATORS): IndicatorDef[] {
	if (t.level !== 'sector' || (t.kind !== 'G' && t.kind !== 'I')) return [...defs];
	const dis = t.kind === 'G' ? 'GEN' : 'INF';
	return defs.filter((d) => {
		const m = d.measure;
		if (m?.table === 'sae_psy') return m.disciplines.length === 1 && m.disciplines[0] === dis;
		if (m?.table === 'atlas_values') return dis === 'GEN';
		return true;
	});
}

const LEVEL_NAMES: Record<string, string> = { commune: 'commune', epci: 'EPCI', departement: 'département', region: 'région', france: 'France' };

/** Counts (no denominator) are not compared with France: a count has no national equivalent. */
export const isRate = (def: IndicatorDef) => def.denominator !== null && def.base !== null && def.base !== undefined;

/** Indicators of one priority, in catalogue order. */
export function indicatorsOf(priority: PriorityInfo['n'], defs: readonly IndicatorDef[] = DIAGNOSTIC_INDICATORS): IndicatorDef[] {
	return defs.filter((d) => d.priority === priority);
}

/** Display name of the territory; null when it does not exist in the data. */
export async function territoryName(db: DatabaseLike, t: DiagnosticTarget): Promise<string | null> {
	if (t.level === 'departement') {
		const [r] = await query<{ name: string }>(db, 'SELECT name FROM departements WHERE code = $1', [t.code]);
		return r ? `${r.name} (${t.code})` : null;
	}
	if (t.level === 'region') {
		const [r] = await query<{ name: string }>(db, 'SELECT name FROM regions WHERE code = $1', [t.code]);
		return r ? `Région ${r.name}` : null;
	}
	// A link may name a set before any set was ever registered in this browser.
	await ensureTerritoryTable(db);
	const o = sqlOptions(t);
	const [r] = await query<{ name: string | null }>(
		db,
		'SELECT any_value(territory_name) AS name FROM territory_members WHERE set_id = $1 AND territory = $2 AND kind = $3 GROUP BY territory',
		[o.setId, t.code, o.kinds![0]]
	);
	if (!r) return null;
	const name = r.name ?? t.code;
	if (t.level === 'custom') return name;
	if (isApproximation(t)) return `Zone approchée « ${name} » (${t.kind === 'I' ? 'infanto-juvénile' : 'psychiatrie générale'}, pas un secteur officiel)`;
	return `${name} (secteur ${t.kind === 'I' ? 'infanto-juvénile' : 'de psychiatrie générale'})`;
}

/** `place`: the territory's département and région when the caller already asked for them (one query for every row). */
export async function diagnosticRow(db: DatabaseLike, def: IndicatorDef, t: DiagnosticTarget, place?: Promise<Place>): Promise<DiagnosticRow> {
	const o = sqlOptions(t);
	// An imported indicator keyed by one set's sectors has values for that set only.
	const otherSet = outsideOwnSet(def, t.level, o.setId);
	const available = levelsOf(def).includes(t.level) && !otherSet;
	// Posted together: the worker runs them in order, the page waits once.
	const [refs, v, evolution] = await Promise.all([
		referencesFor(db, def, t.level, t.code, { setId: o.setId, place }),
		available ? territoryValue(db, def, t) : null,
		diagnosticEvolution(db, def, t, available)
	]);
	const pick = (k: Reference['kind']) => refs.find((r) => r.kind === k) ?? null;
	const france = pick('france');
	let gap: GapRow | null = null;
	if (v && v.value !== null && france?.value && (isRate(def) || def.count)) {
		// Counts: against France's rate × the territory's population (gap.ts), never France's count.
		const g = computeGaps([{ ...v, code: t.code }], def, { value: france.value, label: 'France', numerator: france.numerator, denominator: france.denominator })[0] ?? null;
		gap = g && g.gap !== null ? g : null;
	}
	return {
		def,
		available,
		reason: available
			? null
			: ownSectorSet(def) !== null
				? 'Non calculable pour ce territoire : valeurs importées pour les secteurs d’un seul jeu de secteurs (celui des codes du fichier), pas pour ce territoire.'
				: `Non calculable pour ce territoire : publié au niveau ${def.levels.map((l) => LEVEL_NAMES[l] ?? l).join(', ')} seulement.`,
		value: v?.value ?? null,
		numerator: v?.numerator ?? null,
		denominator: v?.denominator ?? null,
		estimated: available && isEstimated(def, t.level),
		france,
		region: pick('region'),
		departement: pick('departement'),
		atlas: pick('atlas'),
		published: refs.filter((r) => r.kind === 'published'),
		gap,
		evolution
	};
}

/** The six sections in the decree's order; a priority without indicator has no row. */
export async function buildDiagnostic(
	db: DatabaseLike,
	t: DiagnosticTarget,
	defs: readonly IndicatorDef[] = DIAGNOSTIC_INDICATORS,
	onProgress?: (done: number, total: number) => void
): Promise<DiagnosticSection[]> {
	let done = 0;
	const shown = indicatorsFor(t, defs);
	const o = sqlOptions(t);
	const place = placeOf(db, t.level, t.code, o.setId);
	place.catch(() => {});
	// Every row at once, in catalogue order: the worker runs the statements one after another
	// anyway, and a row awaited after another costs the page a round trip per statement.
	const row = (def: IndicatorDef) =>
		diagnosticRow(db, def, t, place).then((r) => {
			onProgress?.(++done, shown.length);
			return r;
		});
	const sections = PRIORITIES.map((priority) => ({ priority, rows: Promise.all(indicatorsOf(priority.n, shown).map(row)) }));
	for (const s of sections) s.rows.catch(() => {}); // the first failure is thrown below
	const out: DiagnosticSection[] = [];
	for (const s of sections) out.push({ priority: s.priority, rows: await s.rows });
	return out;
}

/**
 * Rows on the unfavourable side of France (classes 'marked' then 'unfavourable') by at least
 * `minUnits` whole units (a bed, a place, an ETP): a tiny territory is not flagged for a fraction
 * of a place. Order: what a PTSM weighs first (catalogue's SHORTFALL_ORDER: staff, CMP, day
 * hospital, beds…), then the others furthest from France first, by ratio. Counts are left out: the
 * rate of the same measure says it.
 */
export function attentionPoints(sections: readonly DiagnosticSection[], minUnits = 1, order: readonly string[] = SHORTFALL_ORDER): DiagnosticRow[] {
	const side = (r: DiagnosticRow) => (r.def.favourable === 'lower' ? 1 : -1);
	const rows = sections
		.flatMap((s) => s.rows)
		.filter((r) => isRate(r.def) && r.gap && (r.gap.cls === 'marked' || r.gap.cls === 'unfavourable') && r.gap.gap !== null && side(r) * r.gap.gap >= minUnits);
	const weight = (r: DiagnosticRow) => {
		const i = order.indexOf(r.def.id);
		return i < 0 ? order.length : i;
	};
	const ratio = (r: DiagnosticRow) => -side(r) * r.gap!.ratio!;
	return rows.sort((a, b) => weight(a) - weight(b) || ratio(a) - ratio(b));
}

/** Manifest source ids used by the indicators and the map, without repetition, in first-use order. */
export function sourceIds(defs: readonly IndicatorDef[], extra: readonly string[] = []): string[] {
	return [...new Set([...defs.flatMap((d) => d.sources), ...extra])];
}
