/** Hostile files written fresh by the import suites (nothing this large is kept in fixtures). */
import { zipSync } from 'fflate';

/**
 * An XLSX whose sheet inflates to 280 Mo (rows of the inline-string `cells`) while its headers claim
 * 1 Mo unpacked: the declared uncompressed sizes are patched (local headers at +22, central
 * directory at +24), so only a guard counting inflated bytes stops it.
 */
export function lyingXlsx(cells: string[]): Uint8Array {
	const row = `<row>${cells.map((c) => `<c t="inlineStr"><is><t>${c}</t></is></c>`).join('')}</row>`;
	const xml = new TextEncoder().encode(row.repeat(Math.ceil((280 * 1024 * 1024) / row.length)));
	const zip = zipSync({ '[Content_Types].xml': new TextEncoder().encode('<Types/>'), 'xl/worksheets/sheet1.xml': [xml, { level: 6 }] });
	const dv = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
	for (let i = 0; i + 4 <= zip.length; i++) {
		const sig = dv.getUint32(i, true);
		if (sig === 0x04034b50 && dv.getUint32(i + 22, true) === xml.length) dv.setUint32(i + 22, 1024 * 1024, true);
		if (sig === 0x02014b50 && dv.getUint32(i + 24, true) === xml.length) dv.setUint32(i + 24, 1024 * 1024, true);
	}
	return zip;
}
