/**
 * Row pass of the validation: each row goes through the rules in turn (commune code, sector code,
 * sector name, type, commune resolution), and the first rule that refuses it puts its line in
 * that rule's bucket. Accepted rows feed the sector accumulators and the (commune, type) groups.
 */
import { neutraliseSectorName, sectorCodeProblem, sectorNameProblem } from '../../sector-schema';
import { normaliseCommuneCode, normaliseFiness, normaliseSectorCode, parseSectorType, typeFromSectorCode } from '../normalise';
import { TEMPLATE_EXAMPLE_NAME, type RawSectorRow, type RawSectorTable, type SectorImportContext, type SectorType } from '../types';

export interface SectorAcc {
	code: string;
	type: SectorType;
	names: Map<string, number[]>;
	finess: Map<string, number[]>;
}

export interface Source {
	input: string; // normalised code as written in the file
	sectorKey: string;
	line: number;
	lines: number[]; // this line and its duplicates
	via: 'direct' | 'alias';
}

export interface Group {
	commune: string;
	type: SectorType;
	sources: Map<string, Source>;
	conflicts: { input: string; sectorKey: string; line: number }[];
}

type Lines<K = string> = Map<K, number[]>;

/** Everything the row pass found, bucketed by rule. */
export interface RowPass {
	missingCommune: number[];
	badCommune: Lines;
	unknownCommune: Lines;
	missingSector: number[];
	badSectorCode: Map<string, { codes: Set<string>; lines: number[] }>; // problem → codes, lines
	badName: Map<string, { names: Set<string>; lines: number[] }>;
	neutralised: number[];
	badType: Lines;
	notTerritorial: Lines;
	missingType: number[];
	inferredType: number[];
	typeMismatch: Lines;
	padded: number[];
	badFiness: Lines;
	exampleRows: number[];
	mapped: Map<string, { target: string; lines: number[] }>;
	outOfScope: Lines;
	sectors: Map<string, SectorAcc>;
	groups: Map<string, Group>;
	rejectedLines: Set<number>;
	duplicateLines: number[];
}

export function push<K>(m: Map<K, number[]>, k: K, line: number): void {
	const l = m.get(k);
	if (l) l.push(line);
	else m.set(k, [line]);
}

function newPass(): RowPass {
	return {
		missingCommune: [],
		badCommune: new Map(),
		unknownCommune: new Map(),
		missingSector: [],
		badSectorCode: new Map(),
		badName: new Map(),
		neutralised: [],
		badType: new Map(),
		notTerritorial: new Map(),
		missingType: [],
		inferredType: [],
		typeMismatch: new Map(),
		padded: [],
		badFiness: new Map(),
		exampleRows: [],
		mapped: new Map(),
		outOfScope: new Map(),
		sectors: new Map(),
		groups: new Map(),
		rejectedLines: new Set(),
		duplicateLines: []
	};
}

const REJECT = null;

/** Commune code as written, normalised; REJECT when missing or malformed. */
function communeCode(p: RowPass, r: RawSectorRow): string | null {
	const raw = r.commune.trim();
	if (!raw) {
		p.missingCommune.push(r.line);
		return REJECT;
	}
	const input = normaliseCommuneCode(raw);
	if (!input) {
		push(p.badCommune, raw, r.line);
		return REJECT;
	}
	if (/^\d{4}$/.test(raw.replace(/\.0+$/, '').trim())) p.padded.push(r.line);
	return input;
}

/** Sector code, checked with the store's schema (sector-schema.ts): what the preview accepts can be saved. */
function sectorCode(p: RowPass, r: RawSectorRow): string | null {
	const code = normaliseSectorCode(r.sector);
	if (!code) {
		p.missingSector.push(r.line);
		return REJECT;
	}
	const problem = sectorCodeProblem(code);
	if (problem) {
		const b = p.badSectorCode.get(problem) ?? { codes: new Set<string>(), lines: [] };
		b.codes.add(code);
		b.lines.push(r.line);
		p.badSectorCode.set(problem, b);
		return REJECT;
	}
	return code;
}

/** Sector name, neutralised (controls, bidi overrides) then checked with the store's schema. */
function sectorName(p: RowPass, r: RawSectorRow): { value: string } | null {
	const clean = neutraliseSectorName(r.name);
	const problem = sectorNameProblem(clean.value);
	if (problem) {
		const b = p.badName.get(problem) ?? { names: new Set<string>(), lines: [] };
		b.names.add(clean.value);
		b.lines.push(r.line);
		p.badName.set(problem, b);
		return REJECT;
	}
	if (clean.changed) p.neutralised.push(r.line);
	return { value: clean.value };
}

/** Type from the type column, else from the code's letter; P/Z and unknown words refused. */
function sectorType(p: RowPass, r: RawSectorRow, code: string, hasTypeColumn: boolean): SectorType | null {
	const tp = parseSectorType(r.type);
	const fromCode = typeFromSectorCode(code);
	if ('type' in tp) {
		if (fromCode && fromCode !== tp.type) push(p.typeMismatch, `${code} (type ${tp.type})`, r.line);
		return tp.type;
	}
	if (tp.rejected === 'empty') {
		if (!fromCode) {
			p.missingType.push(r.line);
			return REJECT;
		}
		if (hasTypeColumn) p.inferredType.push(r.line);
		return fromCode;
	}
	push(tp.rejected === 'not-territorial' ? p.notTerritorial : p.badType, r.type.trim(), r.line);
	return REJECT;
}

/** Current commune of the code (directly, or through a former / sub-municipal code). */
function resolveCommune(p: RowPass, ctx: SectorImportContext, input: string, line: number): { commune: string; via: Source['via'] } | null {
	if (ctx.communes.has(input)) return { commune: input, via: 'direct' };
	const target = ctx.aliases.get(input);
	if (!target || !ctx.communes.has(target)) {
		push(p.unknownCommune, input, line);
		return REJECT;
	}
	const m = p.mapped.get(input);
	if (m) m.lines.push(line);
	else p.mapped.set(input, { target, lines: [line] });
	return { commune: target, via: 'alias' };
}

/** Name / FINESS consistency per sector. */
function accumulate(p: RowPass, r: RawSectorRow, code: string, type: SectorType, name: string): string {
	const sectorKey = `${type}|${code}`;
	let acc = p.sectors.get(sectorKey);
	if (!acc) {
		acc = { code, type, names: new Map(), finess: new Map() };
		p.sectors.set(sectorKey, acc);
	}
	if (name) push(acc.names, name, r.line);
	if (name === TEMPLATE_EXAMPLE_NAME) p.exampleRows.push(r.line);
	const finessRaw = r.finess.trim();
	if (finessRaw) {
		const f = normaliseFiness(finessRaw);
		if (f) push(acc.finess, f, r.line);
		else push(p.badFiness, finessRaw, r.line);
	}
	return sectorKey;
}

/** Assignment grouped by (current commune, type): duplicates counted, conflicts rejected. */
function group(p: RowPass, commune: string, type: SectorType, input: string, sectorKey: string, line: number, via: Source['via']): void {
	const gk = `${commune}|${type}`;
	let g = p.groups.get(gk);
	if (!g) {
		g = { commune, type, sources: new Map(), conflicts: [] };
		p.groups.set(gk, g);
	}
	const src = g.sources.get(input);
	if (!src) g.sources.set(input, { input, sectorKey, line, lines: [line], via });
	else if (src.sectorKey === sectorKey) {
		p.duplicateLines.push(line);
		src.lines.push(line);
	} else {
		g.conflicts.push({ input, sectorKey, line });
		p.rejectedLines.add(line);
	}
}

export function readRows(raw: RawSectorTable, ctx: SectorImportContext): RowPass {
	const p = newPass();
	const scope = ctx.scopeDeps ? new Set(ctx.scopeDeps) : null;
	const hasTypeColumn = raw.columns.type !== undefined;
	for (const r of raw.rows) {
		const input = communeCode(p, r);
		const code = input === REJECT ? REJECT : sectorCode(p, r);
		const name = code === REJECT ? REJECT : sectorName(p, r);
		const type = name === REJECT ? REJECT : sectorType(p, r, code!, hasTypeColumn);
		const where = type === REJECT ? REJECT : resolveCommune(p, ctx, input!, r.line);
		if (where === REJECT) {
			p.rejectedLines.add(r.line);
			continue;
		}
		const dep = ctx.communes.get(where.commune)!.dep;
		if (scope && !scope.has(dep)) push(p.outOfScope, dep, r.line);
		const sectorKey = accumulate(p, r, code!, type!, name!.value);
		group(p, where.commune, type!, input!, sectorKey, r.line, where.via);
	}
	return p;
}
