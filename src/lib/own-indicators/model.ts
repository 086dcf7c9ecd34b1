/**
 * Own indicators: a table the planner imported (value per territory, or a numerator over an INSEE
 * population), as a stored record, its checks (clean copy, bounds, French reasons), and the
 * catalogue entry built from it at runtime. Pure, no DOM; every text stays text.
 */
import type { AdminLevel } from '../territories/level';
import type { IndicatorDef, OwnSourceLevel, PopulationBase, PtsmPriority } from '../indicators/types';
import { AGE_ESTIMATE } from '../indicators/population-note';
import type { ViewKind } from '../projection/sequence';

export const OWN_LABEL = 'donnée importée';
export const OWN_SOURCE_LEVELS: readonly OwnSourceLevel[] = ['commune', 'epci', 'departement', 'region', 'sector'];
export const OWN_LEVEL_LABELS: Record<OwnSourceLevel, string> = {
	commune: 'commune (code COG)',
	epci: 'EPCI (code SIREN)',
	departement: 'département',
	region: 'région',
	sector: 'secteur (jeu de secteurs importé)'
};
export const OWN_BASES: readonly PopulationBase[] = ['total', 'age_16_plus', 'age_0_15', 'age_20_59'];
export const OWN_BASE_LABELS: Record<PopulationBase, string> = {
	total: 'population totale',
	age_16_plus: 'population de 16 ans et plus',
	age_0_15: 'population de moins de 16 ans',
	age_20_59: 'population de 20 à 59 ans'
};
export const OWN_SCALES = [1, 100, 1_000, 10_000, 100_000] as const;
/** Years of the INSEE age estimates (population_dep). */
export const POP_YEARS = [2022, 2023] as const;
export const MAX_OWN_ROWS = 40_000;
export const MAX_OWN_INDICATORS = 200;
const MAX_TEXT = { name: 120, unit: 120, source: 300, fileName: 300, referenceLabel: 200 } as const;

export type OwnMode = 'value' | 'ratio';

export interface OwnRow {
	code: string;
	/** The value (mode 'value') or the numerator (mode 'ratio'). */
	v: number;
}

export interface OwnIndicator {
	/** App-made (`own-` + letters and digits): it names rows in DuckDB, never taken from a file. */
	id: string;
	name: string;
	unit: string;
	source: string;
	year: number;
	favourable: 'higher' | 'lower' | 'neutral';
	priority: PtsmPriority;
	level: OwnSourceLevel;
	/** Sector set (territory_members.set_id) when level is 'sector'. */
	setId: string | null;
	mode: OwnMode;
	/** Ratio: the population under the numerator. */
	base: PopulationBase | null;
	/** Ratio: per 1, 100, 1 000, 10 000 or 100 000 of `base`. */
	scale: number;
	/** Value mode: the value is a count, so higher levels are sums. Always true for ratios. */
	additive: boolean;
	/** A reference the user set (gap page, diagnostic), shown as such. */
	reference: { value: number; label: string } | null;
	fileName: string;
	rows: OwnRow[];
	createdAt: string;
	updatedAt: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
// Controls and bidi overrides can disguise a text.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const ID_RE = /^own-[a-z0-9]{4,40}$/;
const CODE_RE = /^[0-9A-Z]{1,40}$/;
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max && !CONTROL.test(v);
const isIso = (v: unknown) => typeof v === 'string' && v.length <= 40 && !Number.isNaN(Date.parse(v));

export const newOwnId = (rand: () => number = Math.random) =>
	`own-${Array.from({ length: 12 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(rand() * 36)]).join('')}`;

/** Stored or imported record → clean copy (known fields only), or a French reason. */
export function checkOwnIndicator(v: unknown): Checked<OwnIndicator> {
	const label = isObj(v) && typeof v.name === 'string' ? ` « ${v.name.slice(0, 80)} »` : '';
	const fail = (why: string): Checked<OwnIndicator> => ({ ok: false, error: `Indicateur importé${label} invalide : ${why}.` });
	if (!isObj(v)) return fail('ce n’est pas un objet');
	if (typeof v.id !== 'string' || !ID_RE.test(v.id)) return fail('identifiant invalide');
	if (!isText(v.name, MAX_TEXT.name) || !v.name.trim()) return fail('nom absent ou trop long');
	if (!isText(v.unit, MAX_TEXT.unit) || !v.unit.trim()) return fail('unité absente ou trop longue');
	if (!isText(v.source, MAX_TEXT.source) || !v.source.trim()) return fail('source absente ou trop longue');
	if (!isText(v.fileName, MAX_TEXT.fileName)) return fail('nom de fichier invalide');
	if (typeof v.year !== 'number' || !Number.isInteger(v.year) || v.year < 1900 || v.year > 2100) return fail('année invalide');
	if (v.favourable !== 'higher' && v.favourable !== 'lower' && v.favourable !== 'neutral') return fail('sens favorable inconnu');
	if (typeof v.priority !== 'number' || !Number.isInteger(v.priority) || v.priority < 1 || v.priority > 6) return fail('priorité PTSM hors de 1 à 6');
	if (!(OWN_SOURCE_LEVELS as readonly unknown[]).includes(v.level)) return fail('niveau inconnu');
	const level = v.level as OwnSourceLevel;
	if (level === 'sector' ? typeof v.setId !== 'string' || !v.setId || v.setId.length > 100 : v.setId !== null && v.setId !== undefined)
		return fail('jeu de secteurs incohérent');
	if (v.mode !== 'value' && v.mode !== 'ratio') return fail('mode inconnu');
	const ratio = v.mode === 'ratio';
	if (ratio ? !(OWN_BASES as readonly unknown[]).includes(v.base) : v.base !== null && v.base !== undefined) return fail('dénominateur incohérent');
	if (ratio ? !(OWN_SCALES as readonly unknown[]).includes(v.scale) : v.scale !== 1 && v.scale !== undefined) return fail('échelle invalide');
	if (ratio && level === 'sector') return fail('un numérateur par secteur n’a pas de population connue');
	if (typeof v.additive !== 'boolean') return fail('« somme » doit être vrai ou faux');
	let reference: OwnIndicator['reference'] = null;
	if (v.reference !== null && v.reference !== undefined) {
		const r = v.reference;
		if (!isObj(r) || typeof r.value !== 'number' || !Number.isFinite(r.value) || !isText(r.label, MAX_TEXT.referenceLabel)) return fail('référence invalide');
		reference = { value: r.value, label: r.label };
	}
	if (!Array.isArray(v.rows)) return fail('lignes absentes');
	if (v.rows.length === 0 || v.rows.length > MAX_OWN_ROWS) return fail(`nombre de lignes hors de 1 à ${MAX_OWN_ROWS.toLocaleString('fr-FR')}`);
	const rows: OwnRow[] = [];
	const seen = new Set<string>();
	for (const r of v.rows as unknown[]) {
		if (!isObj(r) || typeof r.code !== 'string' || !CODE_RE.test(r.code) || typeof r.v !== 'number' || !Number.isFinite(r.v)) return fail('ligne illisible');
		if (seen.has(r.code)) return fail(`code ${r.code} présent deux fois`);
		seen.add(r.code);
		rows.push({ code: r.code, v: r.v });
	}
	if (!isIso(v.createdAt) || !isIso(v.updatedAt)) return fail('date invalide');
	return {
		ok: true,
		value: {
			id: v.id,
			name: v.name,
			unit: v.unit,
			source: v.source,
			year: v.year,
			favourable: v.favourable,
			priority: v.priority as PtsmPriority,
			level,
			setId: level === 'sector' ? (v.setId as string) : null,
			mode: v.mode,
			base: ratio ? (v.base as PopulationBase) : null,
			scale: ratio ? (v.scale as number) : 1,
			additive: ratio ? true : v.additive,
			reference,
			fileName: v.fileName,
			rows,
			createdAt: v.createdAt as string,
			updatedAt: v.updatedAt as string
		}
	};
}

/** Levels where the imported figures exist: their own, and the levels holding it when they add up. */
export function ownLevels(ind: Pick<OwnIndicator, 'level' | 'additive'>): AdminLevel[] {
	if (ind.level === 'sector') return [];
	if (!ind.additive) return [ind.level];
	switch (ind.level) {
		case 'commune':
			return ['commune', 'epci', 'departement', 'region', 'france'];
		// EPCI can straddle départements: only France holds them whole.
		case 'epci':
			return ['epci', 'france'];
		case 'departement':
			return ['departement', 'region', 'france'];
		case 'region':
			return ['region', 'france'];
	}
}

export const popYearOf = (year: number) => (year <= POP_YEARS[0] ? POP_YEARS[0] : POP_YEARS[1]);

// As the catalogue writes its units ('pour 100 000 habitants').
const fmtScale = (n: number) => n.toLocaleString('fr-FR').replace(/\u202f/g, ' ');

/** What the levels above the file's hold, in French (shown at import and in the definition). */
export function aggregationNote(ind: Pick<OwnIndicator, 'level' | 'additive' | 'mode'>): string {
	if (ind.level === 'sector') return 'Valeurs par secteur du jeu importé : elles n’existent qu’à ce niveau.';
	if (!ind.additive) return `Valeurs par ${OWN_LEVEL_LABELS[ind.level]} : elles n’existent qu’à ce niveau (une valeur qui n’est pas une somme ne s’additionne pas).`;
	const what = ind.mode === 'ratio' ? 'numérateurs additionnés puis rapportés à la population' : 'valeurs additionnées';
	return `Niveaux supérieurs : ${what}, seulement quand chaque territoire qui les compose a une valeur dans le fichier.`;
}

/** The catalogue entry of an imported indicator, labelled « donnée importée » with its source. */
export function ownIndicatorDef(ind: OwnIndicator): IndicatorDef {
	const ratio = ind.mode === 'ratio' && ind.base;
	const popYear = popYearOf(ind.year);
	const per = ratio ? `${ind.unit} pour ${fmtScale(ind.scale)} ${OWN_BASE_LABELS[ind.base!].replace(/^population/, 'habitants')}` : ind.unit;
	const aged = ratio && ind.base !== 'total';
	const def: IndicatorDef = {
		id: ind.id,
		label: `${ind.name} (${OWN_LABEL})`,
		definition: `Indicateur importé depuis « ${ind.fileName} » (source déclarée : ${ind.source}, ${ind.year}). ${aggregationNote(ind)}`,
		unit: per,
		scale: ratio ? ind.scale : 1,
		numerator: ratio ? `${ind.name} (${OWN_LABEL})` : `${ind.name} (${OWN_LABEL})`,
		denominator: ratio ? `${OWN_BASE_LABELS[ind.base!]} (INSEE ${aged ? `estimations au 1er janvier ${popYear}` : 'populations légales, COG 2026'})` : null,
		sources: ratio ? (aged ? ['insee_pop_age', 'cog'] : ['cog']) : [],
		priority: ind.priority,
		favourable: ind.favourable,
		levels: ownLevels(ind),
		measure: { table: 'own_values', indicator: ind.id, source: ind.level, setId: ind.setId, aggregate: ind.additive, popYear },
		base: ratio ? ind.base : null,
		vintage: `Donnée importée — ${ind.source}, ${ind.year}${ratio ? ` ; INSEE, population ${aged ? popYear : '(COG 2026)'}` : ''}`,
		caveats: [`Donnée importée par l’utilisateur (source déclarée : ${ind.source}, ${ind.year}) depuis « ${ind.fileName} » : l’atlas n’en vérifie que le format (codes, nombres), pas le contenu.`],
		imported: `Donnée importée — ${ind.source}, ${ind.year} (fichier « ${ind.fileName} »)`,
		...(aged ? { estimate: AGE_ESTIMATE, estimateLevels: ['commune', 'epci'] as AdminLevel[] } : {}),
		...(ind.reference
			? { references: [{ label: ind.reference.label || 'Valeur de référence saisie', value: ind.reference.value, year: String(ind.year), source: `Saisie par l’utilisateur (${OWN_LABEL})` }] }
			: {})
	};
	// A sum without population: compared with a reference rate × population (gap.ts), like counts.
	if (!ratio && ind.additive) def.count = { noun: ind.unit, base: 'total', scale: 100_000 };
	return def;
}

export const isOwnDef = (d: Pick<IndicatorDef, 'measure'>) => d.measure?.table === 'own_values';

/**
 * Its projection view, when a map of it can be drawn there: régions (France), départements (the
 * région around), or EPCI and sectors inside the département when the file is by commune and adds
 * up. The commune maille of projection is the access view's.
 */
export function ownViewKind(ind: OwnIndicator): ViewKind | null {
	const title = `${ind.name} (${OWN_LABEL})`;
	const base = { id: ind.id, indicator: ind.id, title };
	if (ind.level === 'region') return { ...base, maille: 'region', mailles: ['region'] };
	if (ind.level === 'departement') return { ...base, maille: 'departement', mailles: ['departement'] };
	if (ind.level === 'epci') return { ...base, maille: 'epci', mailles: ['epci'] };
	if (ind.level === 'sector') return { ...base, maille: 'sector', mailles: ['sector'] };
	if (ind.level === 'commune' && ind.additive) return { ...base, maille: 'epci', mailles: ['departement', 'epci', 'sector'] };
	return null;
}
