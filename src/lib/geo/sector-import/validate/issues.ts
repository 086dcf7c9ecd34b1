/** The report's issue list: one collector, and one issue per row rule of the row pass. */
import { MSG } from '../messages';
import { TEMPLATE_EXAMPLE_NAME, type AliasInfo, type IssueLevel, type SectorImportContext, type SectorImportIssue } from '../types';
import type { RowPass } from './rows';

export type AddIssue = (level: IssueLevel, code: string, message: string, lines?: number[], details?: string[]) => void;

export function issueList(): { issues: SectorImportIssue[]; add: AddIssue } {
	const issues: SectorImportIssue[] = [];
	const add: AddIssue = (level, code, message, lines = [], details) => {
		const issue: SectorImportIssue = { level, code, message, lines };
		if (details && details.length) issue.details = details;
		issues.push(issue);
	};
	return { issues, add };
}

export function flat<K>(m: Map<K, number[]>): number[] {
	const out: number[] = [];
	for (const l of m.values()) out.push(...l);
	return out.sort((a, b) => a - b);
}

/** Kind of a mapped code: from aliasDetails, else arrondissements of Paris/Lyon/Marseille by range, else a former commune. */
export function aliasKind(ctx: SectorImportContext, input: string, target: string): AliasInfo['kind'] {
	const k = ctx.aliasDetails?.get(input)?.kind;
	if (k) return k;
	if (
		(target === '75056' && /^751(0[1-9]|1\d|20)$/.test(input)) ||
		(target === '69123' && /^6938[1-9]$/.test(input)) ||
		(target === '13055' && /^132(0[1-9]|1[0-6])$/.test(input))
	) {
		return 'arrondissement';
	}
	return 'ancien';
}

export function communeLabel(ctx: SectorImportContext, code: string): string {
	const c = ctx.communes.get(code);
	return c ? `${code} (${c.name})` : code;
}

/** Row-level rules, in the report's order (errors first within each level after sorting). */
export function rowIssues(p: RowPass, ctx: SectorImportContext, add: AddIssue): void {
	if (p.missingCommune.length) add('error', 'commune-missing', MSG.communeMissing(p.missingCommune), p.missingCommune);
	if (p.badCommune.size) {
		const lines = flat(p.badCommune);
		add('error', 'commune-format', MSG.communeFormat([...p.badCommune.keys()], lines), lines, [...p.badCommune.keys()]);
	}
	if (p.unknownCommune.size) {
		const lines = flat(p.unknownCommune);
		const codes = [...p.unknownCommune.keys()];
		add('error', 'commune-unknown', MSG.communeUnknown(codes, lines), lines, codes);
	}
	if (p.missingSector.length) add('error', 'sector-missing', MSG.sectorMissing(p.missingSector), p.missingSector);
	for (const [problem, b] of p.badSectorCode) {
		add('error', 'sector-code-invalid', MSG.sectorCodeInvalid(problem, [...b.codes], b.lines), b.lines, [...b.codes].map((c) => c.slice(0, 100)));
	}
	for (const [problem, b] of p.badName) add('error', 'sector-name-invalid', MSG.sectorNameInvalid(problem, [...b.names], b.lines), b.lines);
	if (p.neutralised.length) add('warning', 'sector-name-neutralised', MSG.sectorNameNeutralised(p.neutralised), p.neutralised);
	if (p.notTerritorial.size) {
		const lines = flat(p.notTerritorial);
		add('error', 'type-not-territorial', MSG.typeNotTerritorial([...p.notTerritorial.keys()], lines), lines);
	}
	if (p.badType.size) {
		const lines = flat(p.badType);
		add('error', 'type-invalid', MSG.typeInvalid([...p.badType.keys()], lines), lines, [...p.badType.keys()]);
	}
	if (p.missingType.length) add('error', 'type-missing', MSG.typeMissing(p.missingType), p.missingType);
	if (p.inferredType.length) add('info', 'type-inferred', MSG.typeInferred(p.inferredType), p.inferredType);
	if (p.typeMismatch.size) {
		const lines = flat(p.typeMismatch);
		add('warning', 'type-code-mismatch', MSG.typeCodeMismatch([...p.typeMismatch.keys()], lines), lines, [...p.typeMismatch.keys()]);
	}
	if (p.padded.length) add('info', 'commune-padded', MSG.communePadded(p.padded), p.padded);
	if (p.badFiness.size) {
		const lines = flat(p.badFiness);
		add('warning', 'finess-format', MSG.finessFormat([...p.badFiness.keys()], lines), lines, [...p.badFiness.keys()]);
	}
	if (p.exampleRows.length) add('warning', 'template-example', MSG.templateExample(TEMPLATE_EXAMPLE_NAME, p.exampleRows), p.exampleRows);
	if (p.outOfScope.size) {
		const lines = flat(p.outOfScope);
		add('warning', 'commune-out-of-scope', MSG.outOfScope([...p.outOfScope.keys()], lines), lines);
	}
	// Each obsolete/sub-municipal code mapped to its current commune.
	for (const [input, m] of p.mapped) {
		const kind = aliasKind(ctx, input, m.target);
		add('info', 'commune-mapped', MSG.communeMapped(input, ctx.aliasDetails?.get(input)?.name, communeLabel(ctx, m.target), kind, m.lines), m.lines);
	}
}
