/**
 * Validation of scenarios coming from outside (JSON file, URL): strict shape, bounded sizes,
 * French messages. All or nothing: a file with one bad scenario imports none.
 */
import { SITE_KINDS, type Edit, type Scenario, type SiteKind } from './model';

export const FILE_FORMAT = 'atlas-ptsm-scenarios';
export const FILE_VERSION = 1;
export const MAX_FILE_BYTES = 2_000_000;
export const MAX_SCENARIOS = 100;
export const MAX_EDITS = 2_000;
const MAX_NAME = 120;
const MAX_ID = 120;
const MAX_CAPACITY = 100_000;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function checkEdit(e: unknown, where: string, errors: string[]): Edit | null {
	if (!isObj(e)) return void errors.push(`${where} : modification illisible.`), null;
	const id = e.id;
	if (!isStr(id, MAX_ID)) return void errors.push(`${where} : identifiant de site manquant ou trop long.`), null;
	const lonlat = () => {
		if (!num(e.lon) || !num(e.lat) || e.lon < -180 || e.lon > 180 || e.lat < -90 || e.lat > 90) {
			errors.push(`${where} : coordonnées invalides (longitude −180 à 180, latitude −90 à 90).`);
			return false;
		}
		return true;
	};
	const cap = () => {
		if (!num(e.capacity) || e.capacity < 0 || e.capacity > MAX_CAPACITY) {
			errors.push(`${where} : capacité invalide (nombre entre 0 et ${MAX_CAPACITY}).`);
			return false;
		}
		return true;
	};
	switch (e.op) {
		case 'add': {
			if (!SITE_KINDS.includes(e.kind as SiteKind)) return void errors.push(`${where} : type de site inconnu.`), null;
			const okLabel = typeof e.label === 'string' && e.label.length <= MAX_NAME;
			if (!okLabel) errors.push(`${where} : libellé invalide (${MAX_NAME} caractères au plus).`);
			if (!lonlat() || !cap() || !okLabel) return null;
			return { op: 'add', id, kind: e.kind as SiteKind, lon: e.lon as number, lat: e.lat as number, capacity: e.capacity as number, label: e.label as string };
		}
		case 'move':
			return lonlat() ? { op: 'move', id, lon: e.lon as number, lat: e.lat as number } : null;
		case 'close':
			return { op: 'close', id };
		case 'capacity':
			return cap() ? { op: 'capacity', id, capacity: e.capacity as number } : null;
		default:
			errors.push(`${where} : type de modification inconnu.`);
			return null;
	}
}

/** One scenario object → a clean copy (only known fields) or errors. */
export function checkScenario(v: unknown, where = 'Scénario'): ParseResult<Scenario> {
	const errors: string[] = [];
	if (!isObj(v)) return { ok: false, errors: [`${where} : ce n’est pas un scénario.`] };
	if (!isStr(v.name, MAX_NAME) || !v.name.trim()) errors.push(`${where} : nom manquant ou trop long (${MAX_NAME} caractères au plus).`);
	if (!Array.isArray(v.edits)) errors.push(`${where} : liste des modifications absente.`);
	else if (v.edits.length > MAX_EDITS) errors.push(`${where} : trop de modifications (${MAX_EDITS} au plus).`);
	if (errors.length) return { ok: false, errors };
	const edits: Edit[] = [];
	(v.edits as unknown[]).forEach((e, i) => {
		const c = checkEdit(e, `${where}, modification ${i + 1}`, errors);
		if (c) edits.push(c);
	});
	return errors.length ? { ok: false, errors } : { ok: true, value: { name: (v.name as string).trim(), edits } };
}

/** The export file. */
export function toFile(scenarios: Scenario[]): string {
	return JSON.stringify({ format: FILE_FORMAT, version: FILE_VERSION, scenarios }, null, 2);
}

/** Parses an export file (or a bare scenario). Never throws. */
export function parseScenarioFile(text: string): ParseResult<Scenario[]> {
	if (typeof text !== 'string' || !text.trim()) return { ok: false, errors: ['Le fichier est vide.'] };
	if (text.length > MAX_FILE_BYTES) return { ok: false, errors: ['Le fichier est trop volumineux (2 Mo au plus).'] };
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		return { ok: false, errors: ['Le fichier n’est pas un JSON valide.'] };
	}
	let list: unknown[];
	if (isObj(raw) && raw.format === FILE_FORMAT) {
		if (raw.version !== FILE_VERSION) return { ok: false, errors: [`Version de fichier non prise en charge (attendue : ${FILE_VERSION}).`] };
		if (!Array.isArray(raw.scenarios)) return { ok: false, errors: ['Le fichier ne contient pas de liste de scénarios.'] };
		list = raw.scenarios;
	} else if (isObj(raw) && 'edits' in raw) list = [raw];
	else return { ok: false, errors: ['Ce fichier n’est pas un export de scénarios Atlas PTSM.'] };
	if (!list.length) return { ok: false, errors: ['Le fichier ne contient aucun scénario.'] };
	if (list.length > MAX_SCENARIOS) return { ok: false, errors: [`Trop de scénarios (${MAX_SCENARIOS} au plus).`] };
	const out: Scenario[] = [];
	const errors: string[] = [];
	const names = new Set<string>();
	list.forEach((s, i) => {
		const r = checkScenario(s, `Scénario ${i + 1}`);
		if (!r.ok) errors.push(...r.errors);
		else if (names.has(r.value.name)) errors.push(`Scénario ${i + 1} : nom « ${r.value.name} » en double.`);
		else {
			names.add(r.value.name);
			out.push(r.value);
		}
	});
	return errors.length ? { ok: false, errors: errors.slice(0, 20) } : { ok: true, value: out };
}
