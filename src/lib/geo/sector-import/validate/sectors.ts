/**
 * Sectors and assignments from the resolved groups, and the checks on whole sectors (several
 * names or FINESS, no commune left, several départements, code form, code's département).
 */
import { cmp, quote } from '../../../import/text';
import { MSG } from '../messages';
import { SECTOR_CODE_PATTERN } from '../normalise';
import type { Sector, SectorAssignment, SectorImportContext, SectorType } from '../types';
import type { AddIssue } from './issues';
import { sectorLabelOf, type Resolution } from './groups';
import type { RowPass } from './rows';

function firstKey(m: Map<string, unknown>): string | null {
	for (const k of m.keys()) return k;
	return null;
}

export function buildAssignments(p: RowPass, res: Resolution): { assignments: SectorAssignment[]; members: Map<string, string[]> } {
	const label = sectorLabelOf(p);
	const members = new Map<string, string[]>();
	const assignments: SectorAssignment[] = [];
	for (const [gk, sectorKey] of res.chosen) {
		const [commune, type] = gk.split('|') as [string, SectorType];
		const list = members.get(sectorKey);
		if (list) list.push(commune);
		else members.set(sectorKey, [commune]);
		assignments.push({ commune, sector: label(sectorKey), type });
	}
	assignments.sort((a, b) => (a.type === b.type ? cmp(a.commune, b.commune) : cmp(a.type, b.type)));
	return { assignments, members };
}

export function buildSectors(p: RowPass, members: Map<string, string[]>, ctx: SectorImportContext, add: AddIssue): Sector[] {
	const out: Sector[] = [];
	const nameConflicts: string[] = [];
	const nameConflictLines: number[] = [];
	const finessConflicts: string[] = [];
	const finessConflictLines: number[] = [];
	const emptySectors: string[] = [];
	for (const [key, acc] of p.sectors) {
		const communes = (members.get(key) ?? []).sort(cmp);
		if (!communes.length) {
			emptySectors.push(acc.code);
			continue;
		}
		const deps = [...new Set(communes.map((c) => ctx.communes.get(c)!.dep))].sort(cmp);
		const population = communes.reduce((n, c) => n + (ctx.communes.get(c)?.population ?? 0), 0);
		if (acc.names.size > 1) {
			nameConflicts.push(`${acc.code} : ${[...acc.names.keys()].map(quote).join(', ')}`);
			for (const l of [...acc.names.values()].slice(1)) nameConflictLines.push(...l);
		}
		if (acc.finess.size > 1) {
			finessConflicts.push(`${acc.code} : ${[...acc.finess.keys()].join(', ')}`);
			for (const l of [...acc.finess.values()].slice(1)) finessConflictLines.push(...l);
		}
		out.push({ code: acc.code, type: acc.type, name: firstKey(acc.names), finess: firstKey(acc.finess), communes, deps, population });
	}
	out.sort((a, b) => (a.type === b.type ? cmp(a.code, b.code) : cmp(a.type, b.type)));
	if (nameConflicts.length) add('warning', 'sector-name-inconsistent', MSG.nameInconsistent(nameConflicts), nameConflictLines.sort((a, b) => a - b), nameConflicts);
	if (finessConflicts.length) {
		add('warning', 'sector-finess-inconsistent', MSG.finessInconsistent(finessConflicts), finessConflictLines.sort((a, b) => a - b), finessConflicts);
	}
	if (emptySectors.length) add('warning', 'sector-empty', MSG.sectorEmpty(emptySectors), [], emptySectors);
	sectorChecks(out, add);
	return out;
}

/** Several départements, unusual code form, code naming a département the sector misses. */
function sectorChecks(out: Sector[], add: AddIssue): void {
	const multiDep = out.filter((s) => s.deps.length > 1).map((s) => `${s.code} → ${s.deps.join(', ')}`);
	if (multiDep.length) add('warning', 'sector-multi-dep', MSG.multiDep(multiDep), [], multiDep);
	const badFormat = out.filter((s) => !SECTOR_CODE_PATTERN.test(s.code)).map((s) => s.code);
	if (badFormat.length) add('warning', 'sector-code-format', MSG.codeFormat(badFormat), [], badFormat);
	const depMismatch = out
		.filter((s) => {
			const m = SECTOR_CODE_PATTERN.exec(s.code);
			return m && !s.deps.includes(m[1]!);
		})
		.map((s) => `${s.code} → ${s.deps.join(', ')}`);
	if (depMismatch.length) add('warning', 'sector-code-dep-mismatch', MSG.codeDepMismatch(depMismatch), [], depMismatch);
}
