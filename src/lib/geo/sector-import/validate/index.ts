/**
 * Step 2 of the sector import: the raw table checked against the COG, sectors built, and a
 * French report (one issue per rule, with lines). Steps: the row pass (./rows.ts), row issues
 * (./issues.ts), commune groups (./groups.ts), sectors (./sectors.ts), coverage (./coverage.ts).
 */
import { cmp } from '../../../import/text';
import { MSG } from '../messages';
import type { IssueLevel, RawSectorTable, SectorImportContext, SectorImportReport, SectorImportStats } from '../types';
import { coverage, sectorScope } from './coverage';
import { resolveGroups } from './groups';
import { issueList, rowIssues } from './issues';
import { readRows } from './rows';
import { buildAssignments, buildSectors } from './sectors';

export { sectorScope, unassignedCommunes } from './coverage';

export function validateSectors(raw: RawSectorTable, ctx: SectorImportContext): SectorImportReport {
	const { issues, add } = issueList();
	for (const note of raw.notes) add('info', 'parse-note', note);
	const structural = raw.problems ?? [];
	for (const p of structural) add('error', p.code, p.message, p.lines);

	const pass = readRows(raw, ctx);
	rowIssues(pass, ctx, add);
	const res = resolveGroups(pass, ctx, add);
	const { assignments, members } = buildAssignments(pass, res);
	const out = buildSectors(pass, members, ctx, add);

	const scopeDeps = ctx.scopeDeps ? [...new Set(ctx.scopeDeps)].sort(cmp) : sectorScope(out);
	const cov = coverage(out, ctx.communes, scopeDeps, add);
	const assigned = { G: new Set<string>(), I: new Set<string>() };
	for (const a of assignments) assigned[a.type].add(a.commune);

	const rowsRead = raw.rows.length;
	const ok = assignments.length > 0;
	if (!rowsRead) add('error', 'empty', MSG.empty);
	else if (!ok) add('error', 'no-valid-row', MSG.noValidRow);

	const duplicates = pass.duplicateLines.length;
	const stats: SectorImportStats = {
		rowsRead,
		rowsAccepted: rowsRead - pass.rejectedLines.size - duplicates - res.overridden,
		rowsRejected: pass.rejectedLines.size,
		rowsDuplicate: duplicates,
		rowsOverridden: res.overridden,
		codesMapped: pass.mapped.size,
		sectors: { G: out.filter((s) => s.type === 'G').length, I: out.filter((s) => s.type === 'I').length },
		communesAssigned: { G: assigned.G.size, I: assigned.I.size },
		populationCovered: {
			G: out.filter((s) => s.type === 'G').reduce((n, s) => n + s.population, 0),
			I: out.filter((s) => s.type === 'I').reduce((n, s) => n + s.population, 0)
		},
		scopeDeps,
		unassigned: cov.count,
		unassignedPopulation: cov.population
	};
	const order: Record<IssueLevel, number> = { error: 0, warning: 1, info: 2 };
	issues.sort((a, b) => order[a.level] - order[b.level]); // stable: keeps rule order within a level
	return { sectors: out, assignments, unassigned: cov.unassigned, issues, stats, ok, structural: structural.length };
}
