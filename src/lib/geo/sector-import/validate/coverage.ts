/** Coverage of the scope: communes of the checked départements left without a sector, per type. */
import { cmp, fmtInt } from '../../../import/text';
import { coverage as plmCoverage } from '../../sector-plm';
import { MSG } from '../messages';
import type { CommuneInfo, Sector, SectorType, UnassignedCommune } from '../types';
import type { AddIssue } from './issues';

/** Départements a set of sectors covers: the scope checked for communes left without a sector. */
export function sectorScope(sectors: readonly Pick<Sector, 'deps'>[]): string[] {
	return [...new Set(sectors.flatMap((s) => s.deps))].sort(cmp);
}

/** Communes of the scope's départements with no sector of `type`, most populated first. */
export function unassignedCommunes(
	sectors: readonly Pick<Sector, 'type' | 'communes' | 'deps'>[],
	type: SectorType,
	communes: Map<string, CommuneInfo>,
	scopeDeps: readonly string[] = sectorScope(sectors)
): UnassignedCommune[] {
	const scope = new Set(scopeDeps);
	const assigned = new Set(sectors.filter((s) => s.type === type).flatMap((s) => s.communes));
	const list: UnassignedCommune[] = [];
	const known = (code: string) => communes.has(code);
	for (const [code, c] of communes) {
		if (!scope.has(c.dep) || assigned.has(code)) continue;
		// Paris, Lyon, Marseille: the city or its missing arrondissements, never both (sector-plm.ts).
		const cov = plmCoverage(code, assigned, known);
		if (!cov.covered && cov.listable) list.push({ type, commune: code, name: c.name, dep: c.dep, population: c.population });
	}
	return list.sort((a, b) => b.population - a.population || cmp(a.commune, b.commune));
}

export interface Coverage {
	unassigned: UnassignedCommune[];
	count: Record<SectorType, number>;
	population: Record<SectorType, number>;
}

export function coverage(out: Sector[], communes: Map<string, CommuneInfo>, scopeDeps: string[], add: AddIssue): Coverage {
	const unassigned: UnassignedCommune[] = [];
	const count: Record<SectorType, number> = { G: 0, I: 0 };
	const population: Record<SectorType, number> = { G: 0, I: 0 };
	if (!scopeDeps.length) return { unassigned, count, population };
	const typesPresent = (['G', 'I'] as const).filter((t) => out.some((s) => s.type === t));
	for (const t of typesPresent) {
		const list = unassignedCommunes(out, t, communes, scopeDeps);
		count[t] = list.length;
		population[t] = list.reduce((n, u) => n + u.population, 0);
		unassigned.push(...list);
		if (list.length) {
			const sample = list.map((u) => `${u.commune} ${u.name} (${fmtInt(u.population)} hab.)`);
			add('warning', `unassigned-${t}`, MSG.unassigned(t, list.length, scopeDeps, population[t], sample), [], sample);
		}
	}
	if (typesPresent.length) {
		for (const t of (['G', 'I'] as const).filter((x) => !typesPresent.includes(x))) add('info', 'type-absent', MSG.typeAbsent(t));
	}
	return { unassigned, count, population };
}
