/**
 * The one-sentence takeaway of a projection view, computed from the data (never written by hand):
 * the département's value, France's, and the gap in the indicator's own units (diagnosticRow,
 * gap.ts); for the territory view, its population and how many EPCI or sectors its communes
 * belong to. The sentence builders are pure; `takeaway` queries a database handle (no DOM).
 */
import { query, type DatabaseLike } from '../db/query';
import { diagnosticRow, isRate } from '../diagnostic/build';
import { formatInteger, formatValue } from '../indicators/format';
import { formatGap, nounDigits, unitNoun } from '../indicators/gap';
import type { IndicatorDef } from '../indicators/types';
import { kindOf, type ProjectionView, type SectorChoice } from './sequence';
import type { SectorType } from '../territories/level';

export interface RateFigures {
	value: number | null;
	france: number | null;
	/** numerator − France rate × denominator, in the numerator's unit (GapRow.gap) */
	gap: number | null;
}

/** 'Creuse : 38,2 lits pour 100 000 habitants de 16 ans et plus ; France : 61,0 — soit 27 lits de moins qu’au taux national.' */
export function rateSentence(place: string, def: IndicatorDef, f: RateFigures): string {
	if (f.value === null || !Number.isFinite(f.value)) return `${place} : ${def.label.toLowerCase()}, donnée non disponible.`;
	const own = `${place} : ${formatValue(def, f.value)}\u00a0${def.unit}`;
	if (!isRate(def) || f.france === null || !Number.isFinite(f.france)) return `${own}.`;
	const france = `France : ${formatValue(def, f.france)}`;
	if (f.gap === null || !Number.isFinite(f.gap)) return `${own} ; ${france}.`;
	const noun = unitNoun(def);
	if (f.gap === 0) return `${own} ; ${france} — soit le taux national.`;
	// formatGap agrees the noun with the number ('1 lit', '27 lits'); the sign is said in words here.
	const amount = formatGap(Math.abs(f.gap), noun, nounDigits(noun)).replace(/^\+/, '');
	return `${own} ; ${france} — soit ${amount} de ${f.gap < 0 ? 'moins' : 'plus'} qu’au taux national.`;
}

/** 'Creuse : 115 995 habitants ; ses communes relèvent de 9 EPCI.' */
export function territorySentence(place: string, population: number | null, units: { count: number; label: string } | null): string {
	const pop = population === null ? 'population non disponible' : `${formatInteger(population)}\u00a0habitants`;
	if (!units) return `${place} : ${pop}.`;
	return `${place} : ${pop} ; ses communes relèvent de ${formatInteger(units.count)}\u00a0${units.label}.`;
}

/** Number of EPCI (or sectors of the chosen set and type) holding at least one commune of the département. */
export async function unitCount(db: DatabaseLike, dep: string, maille: 'epci' | 'sector', sectors: SectorChoice | null): Promise<number> {
	if (maille === 'epci') {
		const [r] = await query<{ n: number }>(db, 'SELECT count(DISTINCT epci)::INTEGER AS n FROM communes WHERE dep = $1 AND epci IS NOT NULL', [dep]);
		return r?.n ?? 0;
	}
	const [r] = await query<{ n: number }>(
		db,
		`SELECT count(DISTINCT tm.territory)::INTEGER AS n FROM territory_members tm JOIN communes c ON c.code = tm.commune
		 WHERE c.dep = $1 AND tm.set_id = $2 AND tm.kind = $3`,
		[dep, sectors?.setId ?? null, sectors?.type ?? null]
	);
	return r?.n ?? 0;
}

const SECTOR_FIELD = { G: 'de psychiatrie générale', I: 'de psychiatrie infanto-juvénile' } as const;
const unitLabel = (maille: 'epci' | 'sector', type: SectorType, n: number) => (maille === 'epci' ? 'EPCI' : `${n < 2 ? 'secteur' : 'secteurs'} ${SECTOR_FIELD[type]}`);

/** The takeaway of `view` for département `dep` named `place`. */
export async function takeaway(db: DatabaseLike, def: IndicatorDef, view: ProjectionView, place: { dep: string; name: string }, sectors: SectorChoice | null): Promise<string> {
	if (view.maille === 'region') {
		// A région view speaks of the département's région (the indicator has no département value).
		const [r] = await query<{ code: string; name: string }>(db, 'SELECT CAST(r.code AS VARCHAR) AS code, r.name FROM departements d JOIN regions r ON r.code = d.reg WHERE d.code = $1', [place.dep]);
		if (!r) return `${place.name} : région inconnue.`;
		const reg = await diagnosticRow(db, def, { level: 'region', code: r.code });
		return rateSentence(r.name, def, { value: reg.value, france: reg.france?.value ?? null, gap: reg.gap?.gap ?? null });
	}
	const row = await diagnosticRow(db, def, { level: 'departement', code: place.dep });
	if (kindOf(view.kind)?.id === 'territoire') {
		const maille = view.maille === 'epci' || view.maille === 'sector' ? view.maille : null;
		const count = maille && (maille === 'epci' || sectors) ? await unitCount(db, place.dep, maille, sectors) : null;
		const units = maille && count !== null ? { count, label: unitLabel(maille, sectors?.type ?? 'G', count) } : null;
		return territorySentence(place.name, row.value, units);
	}
	return rateSentence(place.name, def, { value: row.value, france: row.france?.value ?? null, gap: row.gap?.gap ?? null });
}
