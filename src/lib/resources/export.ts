/**
 * Columns and rows of the directory's CSV / XLSX export. Codes (FINESS, INSEE, postal code,
 * phone) are 'code' columns, kept as text by both formats; every row names its source (FINESS
 * vintage and licence, or « ressource ajoutée localement »).
 */
import type { ExportColumn } from '../export/csv';
import { kindShort, publicLabel, type DirectoryRow } from './directory';
import { LOCAL_LABEL } from './local-kinds';

export const DIRECTORY_EXPORT_COLUMNS: ExportColumn[] = [
	{ key: 'name', label: 'Nom', kind: 'text' },
	{ key: 'kind', label: 'Type', kind: 'text' },
	{ key: 'detail', label: 'Catégorie FINESS ou type indiqué', kind: 'text' },
	{ key: 'public', label: 'Public', kind: 'text' },
	{ key: 'basis', label: 'Type et public', kind: 'text' },
	{ key: 'address', label: 'Adresse', kind: 'text' },
	{ key: 'postalCode', label: 'Code postal', kind: 'code' },
	{ key: 'communeName', label: 'Commune', kind: 'text' },
	{ key: 'commune', label: 'Code commune (INSEE)', kind: 'code' },
	{ key: 'phone', label: 'Téléphone', kind: 'code' },
	{ key: 'email', label: 'Courriel', kind: 'text' },
	{ key: 'web', label: 'Site web', kind: 'text' },
	{ key: 'finess', label: 'FINESS ET', kind: 'code' },
	{ key: 'finessEj', label: 'FINESS EJ', kind: 'code' },
	{ key: 'updated', label: 'Dernière mise à jour FINESS', kind: 'text' },
	{ key: 'lon', label: 'Longitude', kind: 'number', digits: 6 },
	{ key: 'lat', label: 'Latitude', kind: 'number', digits: 6 },
	{ key: 'source', label: 'Source', kind: 'text' }
];

const dateFr = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC' });

/** '2020-03-06' → '06/03/2020'; null when not a date. */
export function formatDateFr(iso: string | null): string | null {
	if (!iso) return null;
	const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
	return Number.isNaN(d.getTime()) ? null : dateFr.format(d);
}

export function directoryExportRows(rows: readonly DirectoryRow[], finessSource: string): Record<string, unknown>[] {
	return rows.map((r) => ({
		name: r.name,
		kind: kindShort(r.kind),
		detail: r.detail,
		public: r.origin === 'local' ? null : publicLabel(r),
		basis: r.origin === 'local' ? LOCAL_LABEL : r.kindBasis === 'nom' ? 'déduits du nom' : 'catégorie FINESS',
		address: r.address,
		postalCode: r.postalCode,
		communeName: r.communeName ?? r.city,
		commune: r.commune,
		phone: r.phone,
		email: r.email,
		web: r.web,
		finess: r.finess,
		finessEj: r.finessEj,
		updated: formatDateFr(r.updated),
		lon: r.lon,
		lat: r.lat,
		source: r.origin === 'local' ? `Ressource ajoutée localement dans ce navigateur (non vérifiée par FINESS)` : finessSource
	}));
}
