/**
 * Export buttons in e2e: click, wait for the browser download, read the saved file back.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import readXlsxFile from 'read-excel-file/node';
import { parseCsvFr } from '../../src/lib/export/csv.ts';

export async function download(page: Page, testid: string): Promise<{ name: string; bytes: Buffer }> {
	const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
	return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

/** The CSV export: starts with a BOM, parsed as records of raw cells (header first). */
export async function downloadCsv(page: Page): Promise<{ name: string; text: string; records: string[][] }> {
	const { name, bytes } = await download(page, 'export-csv');
	const text = bytes.toString('utf8');
	return { name, text, records: parseCsvFr(text) };
}

/** The XLSX export's first sheet as typed cells (header first). */
export async function downloadXlsx(page: Page): Promise<{ name: string; bytes: Buffer; cells: unknown[][] }> {
	const { name, bytes } = await download(page, 'export-xlsx');
	const back = await readXlsxFile(bytes);
	// read-excel-file returns rows, or sheets of rows depending on its version.
	const cells = (Array.isArray(back[0]) ? back : (back as unknown as { data: unknown[][] }[])[0]!.data) as unknown[][];
	return { name, bytes, cells };
}
