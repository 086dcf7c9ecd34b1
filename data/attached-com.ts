/**
 * Saint-Barthélemy and Saint-Martin are planned with Guadeloupe (ARS Guadeloupe; the SAE files their
 * hospital under Guadeloupe). INSEE's département estimates by age cover Guadeloupe without them, so
 * the 971 row gets their legal population (COG) with Guadeloupe's age structure: capacities and
 * population then cover the same territory. Pure.
 */
import { ATTACHED_COM } from './parsers/cog.ts';
import type { CommuneRow, PopulationDepRow } from './schema.ts';

const AGE_FIELDS = ['pop_total', 'pop_0_15', 'pop_16_plus', 'pop_0_19', 'pop_20_59', 'pop_20_plus', 'pop_60_plus'] as const;

export function addAttachedPopulation(rows: readonly PopulationDepRow[], communes: readonly Pick<CommuneRow, 'code' | 'population'>[]): {
	rows: PopulationDepRow[];
	note: string | null;
} {
	const extra = new Map<string, number>();
	for (const c of communes) {
		const a = ATTACHED_COM[c.code];
		if (a) extra.set(a.dep, (extra.get(a.dep) ?? 0) + c.population);
	}
	if (!extra.size) return { rows: [...rows], note: null };
	const out = rows.map((r) => {
		const add = extra.get(r.dep);
		if (!add || !(r.pop_total > 0)) return r;
		const f = (r.pop_total + add) / r.pop_total;
		const scaled = { ...r };
		for (const k of AGE_FIELDS) scaled[k] = Math.round(r[k] * f);
		// Keep the complements exact where they were (rounding each band apart could break them by one).
		if (r.pop_16_plus === r.pop_total - r.pop_0_15) scaled.pop_16_plus = scaled.pop_total - scaled.pop_0_15;
		if (r.pop_20_plus === r.pop_total - r.pop_0_19) scaled.pop_20_plus = scaled.pop_total - scaled.pop_0_19;
		return scaled;
	});
	const parts = [...extra].map(([dep, n]) => `${dep} +${n.toLocaleString('en-US')}`).join(', ');
	return {
		rows: out,
		note: `Saint-Barthélemy and Saint-Martin added to Guadeloupe's age estimates (legal population 2026 with the 971 age structure): ${parts} per year.`
	};
}
