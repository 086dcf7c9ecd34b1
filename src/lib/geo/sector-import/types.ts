/** Types of the sector import: the raw table read from a file, the context, the report. */
import type { StructuralProblem } from '../../import/types';

export type { ImportProgress, ProgressHook, StructuralProblem } from '../../import/types';

import type { SectorType } from '../../territories/level';

export type { SectorType };
export type ColumnKey = 'commune' | 'sector' | 'type' | 'name' | 'finess';

export interface RawSectorRow {
	line: number; // 1-based line (CSV record / spreadsheet row) as the user sees it
	commune: string;
	sector: string;
	type: string;
	name: string;
	finess: string;
}

export interface RawSectorTable {
	fileName: string;
	format: 'csv' | 'xlsx';
	encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | null; // null for XLSX
	separator: string | null; // CSV only
	sheet: string | null; // XLSX only
	headerLine: number;
	columns: Partial<Record<ColumnKey, string>>; // key → header as written in the file
	ignoredColumns: string[];
	rows: RawSectorRow[];
	notes: string[]; // French, shown as 'info' issues by validateSectors
	/**
	 * Structural problems of the file (unclosed quote, separator in a header cell, mixed
	 * separators, NUL bytes, ragged rows): French, with lines; shown as errors, and the import
	 * waits for the user's decision before anything can be saved.
	 */
	problems?: StructuralProblem[];
}

export interface CommuneInfo {
	dep: string;
	name: string;
	population: number;
}

/** Optional details on non-current codes (former, delegated, associated, arrondissement). */
export interface AliasInfo {
	kind: 'actuelle' | 'ancien' | 'deleguee' | 'associee' | 'arrondissement';
	name?: string;
	population?: number | null;
}

export interface SectorImportContext {
	communes: Map<string, CommuneInfo>; // COG current communes
	aliases: Map<string, string>; // any code seen in a source → current code (may include identity rows)
	aliasDetails?: Map<string, AliasInfo>; // clearer messages and population-based arbitration
	scopeDeps?: string[]; // départements to check for coverage; default: those touched by the file
}

export interface Sector {
	code: string;
	type: SectorType;
	name: string | null;
	finess: string | null;
	communes: string[]; // current COG codes, sorted
	deps: string[]; // sorted
	population: number; // population municipale (all ages) of its communes
}

export interface SectorAssignment {
	commune: string;
	sector: string;
	type: SectorType;
}

export type IssueLevel = 'error' | 'warning' | 'info';

export interface SectorImportIssue {
	level: IssueLevel;
	code: string; // stable machine id, e.g. 'commune-unknown'
	message: string; // French
	lines: number[];
	details?: string[]; // full list behind a summarised message (codes, sectors…)
}

export interface UnassignedCommune {
	type: SectorType;
	commune: string;
	name: string;
	dep: string;
	population: number;
}

export interface SectorImportStats {
	rowsRead: number;
	rowsAccepted: number; // rows whose assignment is kept
	rowsRejected: number; // rows with an error
	rowsDuplicate: number; // same commune, same sector: ignored
	rowsOverridden: number; // old communes of a merged commune sent to another sector
	codesMapped: number; // distinct obsolete/sub-municipal codes mapped to a current commune
	sectors: Record<SectorType, number>;
	communesAssigned: Record<SectorType, number>;
	populationCovered: Record<SectorType, number>;
	scopeDeps: string[];
	unassigned: Record<SectorType, number>;
	unassignedPopulation: Record<SectorType, number>;
}

export interface SectorImportReport {
	sectors: Sector[];
	assignments: SectorAssignment[];
	unassigned: UnassignedCommune[];
	issues: SectorImportIssue[];
	stats: SectorImportStats;
	ok: boolean; // false only when no row is usable
	/** Number of structural problems: when > 0 the user must confirm explicitly before saving. */
	structural: number;
}

export class SectorImportError extends Error {
	readonly code: string;
	constructor(code: string, message: string) {
		super(message);
		this.name = 'SectorImportError';
		this.code = code;
	}
}

export const MAX_ROWS = 500_000;
/** Name of the example lines of the template: rows still carrying it are flagged. */
export const TEMPLATE_EXAMPLE_NAME = 'Exemple — à remplacer';
/** What a sector file holds, for the shared file messages. */
export const SECTOR_FILE_WHAT = 'la table commune → secteur';
