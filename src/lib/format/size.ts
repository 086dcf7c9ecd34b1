/**
 * File sizes in French units (octet, ko, Mo; powers of 1 000 as the SI prefixes say), with a
 * decimal comma: small files read "312 ko", never "0 Mo".
 */
const one = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const none = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

export function formatBytes(bytes: number): string {
	if (!Number.isFinite(bytes) || bytes < 0) return 'n.d.';
	if (bytes < 1000) return `${none.format(bytes)}\u00a0o`;
	if (bytes < 1e6) return `${(bytes < 1e4 ? one : none).format(bytes / 1e3)}\u00a0ko`;
	if (bytes < 1e9) return `${one.format(bytes / 1e6)}\u00a0Mo`;
	return `${one.format(bytes / 1e9)}\u00a0Go`;
}
