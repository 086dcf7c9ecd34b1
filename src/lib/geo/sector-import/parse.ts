/**
 * Step 1 of the sector import: bytes → raw table. Reading (decode, unpack, CSV structure) is the
 * generic table reader's (src/lib/import/table.ts); here the header row is found, the sector
 * columns picked and each data row kept with its line number.
 */
import { checkColumns } from '../../import/csv';
import { FILE_MESSAGES } from '../../import/messages';
import { readTable, type TableFile } from '../../import/table';
import type { ProgressHook, StructuralProblem } from '../../import/types';
import { mapHeaders, type HeaderMap } from './headers';
import { normaliseSectorCode, typeFromSectorCode } from './normalise';
import { MAX_ROWS, SECTOR_FILE_WHAT, SectorImportError, type ColumnKey, type RawSectorRow, type RawSectorTable } from './types';

const fail = (code: string, message: string) => new SectorImportError(code, message);
const HEADER_SCAN_ROWS = 20;

export async function parseSectorFile(bytes: Uint8Array, fileName: string, onProgress?: ProgressHook): Promise<RawSectorTable> {
	const label = fileName || 'fichier';
	const file = await readTable(bytes, label, { what: SECTOR_FILE_WHAT, fail, onProgress });
	return file.format === 'csv' ? fromCsv(file, bytes.byteLength, label, onProgress) : fromXlsx(file, label);
}

function fromCsv(file: TableFile, size: number, label: string, onProgress?: ProgressHook): RawSectorTable {
	const sheet = file.sheets[0]!;
	const [sepNote, ...notes] = sheet.notes;
	const table = tableFromGrid(
		sheet.grid,
		label,
		{ format: 'csv', encoding: file.encoding, separator: file.separator, sheet: null, notes, problems: file.problems },
		onProgress && ((rows) => onProgress({ stage: 'rows', bytesDone: size, bytesTotal: size, rows }))
	);
	if (sepNote) table.notes.unshift(sepNote);
	return table;
}

/** First sheet whose header is recognised; the first one's error otherwise. */
function fromXlsx(file: TableFile, label: string): RawSectorTable {
	let firstError: SectorImportError | null = null;
	for (const s of file.sheets) {
		if (!s.grid.some((r) => r.some((c) => c.trim() !== ''))) continue;
		try {
			return tableFromGrid(s.grid, label, { format: 'xlsx', encoding: null, separator: null, sheet: s.name, notes: [...s.notes] });
		} catch (e) {
			if (!(e instanceof SectorImportError)) throw e;
			firstError ??= e;
		}
	}
	throw firstError ?? fail('empty', FILE_MESSAGES.noSheetData(label));
}

function tableFromGrid(
	grid: string[][],
	label: string,
	meta: Pick<RawSectorTable, 'format' | 'encoding' | 'separator' | 'sheet' | 'notes'> & { problems?: StructuralProblem[] },
	onRows?: (rows: number) => void
): RawSectorTable {
	const problems = meta.problems ?? [];
	// The header may sit below a title block: scan the first non-empty rows.
	let headerIdx = -1;
	let map: HeaderMap | null = null;
	let firstNonEmpty: string[] | null = null;
	let scanned = 0;
	for (let i = 0; i < grid.length && scanned < HEADER_SCAN_ROWS; i++) {
		const row = grid[i] ?? [];
		if (!row.some((c) => c.trim() !== '')) continue;
		scanned++;
		firstNonEmpty ??= row;
		const m = mapHeaders(row);
		if (m.index.commune !== undefined && m.index.sector !== undefined) {
			headerIdx = i;
			map = m;
			break;
		}
	}
	if (!firstNonEmpty) throw fail('empty', FILE_MESSAGES.noData(label, SECTOR_FILE_WHAT));
	if (!map) {
		const m = mapHeaders(firstNonEmpty);
		const missing: string[] = [];
		if (m.index.commune === undefined) missing.push('code commune (ex. « code_commune », « code INSEE », « codgeo »)');
		if (m.index.sector === undefined) missing.push('code secteur (ex. « code_secteur », « secteur »)');
		const seen = firstNonEmpty.filter((c) => c.trim() !== '').slice(0, 12).map((c) => `« ${c.trim().slice(0, 60)} »`);
		throw fail(
			'missing-columns',
			`Colonne${missing.length > 1 ? 's' : ''} obligatoire${missing.length > 1 ? 's' : ''} introuvable${missing.length > 1 ? 's' : ''} dans « ${label} » : ${missing.join(' ; ')}. En-têtes lus : ${seen.join(', ') || 'aucun'}. La première ligne doit contenir les noms de colonnes ; téléchargez le modèle pour voir le format attendu.`
		);
	}
	const header = grid[headerIdx] ?? [];
	const idx = map.index;
	const columns: RawSectorTable['columns'] = {};
	for (const [k, i] of Object.entries(idx) as [ColumnKey, number][]) columns[k] = (header[i] ?? '').trim();

	const get = (row: string[], k: ColumnKey): string => {
		const i = idx[k];
		return i === undefined ? '' : (row[i] ?? '');
	};
	if (meta.separator) {
		const needed = Math.max(idx.commune ?? 0, idx.sector ?? 0, idx.type ?? 0) + 1;
		checkColumns(grid, headerIdx, needed, meta.separator, problems);
	}
	const rows: RawSectorRow[] = [];
	for (let i = headerIdx + 1; i < grid.length; i++) {
		const row = grid[i] ?? [];
		let empty = true;
		for (const c of row) if (c.trim() !== '') { empty = false; break; }
		if (empty) continue;
		if (rows.length >= MAX_ROWS) {
			throw fail(
				'too-many-rows',
				FILE_MESSAGES.tooManyRows(label, MAX_ROWS, 'Une table commune → secteur en compte au plus quelques dizaines de milliers : vérifiez le fichier ou découpez-le par département.')
			);
		}
		if (onRows && rows.length % 10_000 === 0) onRows(rows.length);
		rows.push({
			line: i + 1,
			commune: get(row, 'commune'),
			sector: get(row, 'sector'),
			type: get(row, 'type'),
			name: get(row, 'name'),
			finess: get(row, 'finess')
		});
	}
	const notes = meta.notes;
	if (headerIdx > 0) notes.push(`Ligne d'en-tête trouvée à la ligne ${headerIdx + 1} : les lignes au-dessus ont été ignorées.`);
	if (map.ignored.length) {
		notes.push(`Colonne${map.ignored.length > 1 ? 's' : ''} non utilisée${map.ignored.length > 1 ? 's' : ''} : ${map.ignored.slice(0, 10).map((h) => `« ${h.slice(0, 60)} »`).join(', ')}${map.ignored.length > 10 ? '…' : ''}.`);
	}
	if (idx.type === undefined) {
		const inferable = rows.slice(0, 200).some((r) => typeFromSectorCode(normaliseSectorCode(r.sector)) !== null);
		if (!inferable && rows.length > 0) {
			throw fail(
				'missing-columns',
				`Colonne obligatoire introuvable dans « ${label} » : type de secteur (G pour la psychiatrie générale, I pour l'infanto-juvénile), et les codes secteur ne permettent pas de le déduire. Ajoutez une colonne « type_secteur ».`
			);
		}
		notes.push('Pas de colonne « type » : le type G/I est déduit du code secteur (ex. 69G01 → G).');
	}
	return {
		fileName: label,
		format: meta.format,
		encoding: meta.encoding,
		separator: meta.separator,
		sheet: meta.sheet,
		headerLine: headerIdx + 1,
		columns,
		ignoredColumns: map.ignored,
		rows,
		notes,
		problems
	};
}
