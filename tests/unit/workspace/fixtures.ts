// Small hand-written records in the stores' real formats (communes of the Rhône, COG 2026).
export const T0 = '2026-11-30T10:00:00.000Z';
export const sectorSet = (over: Record<string, unknown> = {}) => ({
	id: 'set-1',
	name: 'Secteurs Rhône 2026',
	fileName: 'secteurs.csv',
	createdAt: T0,
	updatedAt: T0,
	sectors: [
		{ code: '69G01', type: 'G', name: 'Lyon 1', finess: null, communes: ['69123'], deps: ['69'], population: 520774 },
		{ code: '69G02', type: 'G', name: null, finess: null, communes: ['69266', '69029'], deps: ['69'], population: 170000 }
	],
	...over
});
export const territory = (over: Record<string, unknown> = {}) => ({ id: 'terr-1', name: 'Est lyonnais', communes: ['69266', '69029'], createdAt: T0, updatedAt: T0, ...over });
export const scenario = (over: Record<string, unknown> = {}) => ({
	name: 'Nouveau CMP Vaulx',
	edits: [{ op: 'add', id: 'new-1', kind: 'cmp_adult', lon: 4.92, lat: 45.78, capacity: 1, label: 'CMP Vaulx' }],
	...over
});
export const resource = (over: Record<string, unknown> = {}) => ({
	id: 'loc-1',
	name: 'GEM Le Lien',
	kind: 'gem',
	kindText: null,
	address: '3 rue de la République',
	commune: '69123',
	lon: 4.835,
	lat: 45.76,
	position: 'coordonnees',
	phone: null,
	email: null,
	web: null,
	fileName: null,
	createdAt: T0,
	updatedAt: T0,
	...over
});
export const note = (over: Record<string, unknown> = {}) => ({
	id: 'departement:69|1',
	target: 'departement:69',
	priority: 1,
	territoryName: 'Rhône',
	constats: 'Délais CMP longs.\nDeux CMP sans psychiatre.',
	ressources: '',
	pistes: 'Équipe mobile',
	updatedAt: T0,
	...over
});
export const ownIndicator = (over: Record<string, unknown> = {}) => ({
	id: 'own-test0001',
	name: 'Test : jeunes pour 100 adultes',
	unit: 'jeunes',
	source: 'Fichier de test',
	year: 2023,
	favourable: 'neutral',
	priority: 2,
	level: 'departement',
	setId: null,
	mode: 'ratio',
	base: 'age_16_plus',
	scale: 100,
	additive: true,
	reference: { value: 25, label: 'Référence de test' },
	fileName: 'test.csv',
	rows: [
		{ code: '69', v: 400000 },
		{ code: '01', v: 137395 }
	],
	createdAt: T0,
	updatedAt: T0,
	...over
});
/** A version 1 file (before imported indicators). */
export const workspaceV1 = (over: Record<string, unknown> = {}) => {
	const { own_indicators: _o, ...rest } = workspace({ version: 1 });
	return { ...rest, ...over };
};
export const workspace = (over: Record<string, unknown> = {}) => ({
	format: 'atlas-ptsm-workspace',
	version: 2,
	exported_at: T0,
	app_version: '0.1.0',
	sector_sets: [sectorSet()],
	custom_territories: [territory()],
	scenarios: [scenario()],
	local_resources: [resource()],
	notes: [note()],
	own_indicators: [ownIndicator()],
	views: { '/diagnostic': '?territoire=departement%3A69', '/': '' },
	...over
});
