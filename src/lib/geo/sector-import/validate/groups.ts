/**
 * Resolution of each (current commune, type) group: one input code given twice with different
 * sectors (the first wins, the others are rejected), and several old communes / arrondissements
 * of one current commune in different sectors (the most populated sector wins, else the first).
 */
import { fmtInt, fmtLines, listSample, plural } from '../../../import/text';
import { resolveCityOverlaps } from '../../sector-plm';
import { MSG } from '../messages';
import type { SectorImportContext } from '../types';
import { aliasKind, communeLabel, type AddIssue } from './issues';
import type { Group, RowPass, Source } from './rows';

export interface Resolution {
	chosen: Map<string, string>; // `${commune}|${type}` → sectorKey
	overridden: number;
}

export function sectorLabelOf(p: RowPass): (key: string) => string {
	return (key) => p.sectors.get(key)?.code ?? key.split('|')[1] ?? key;
}

function groupConflicts(g: Group): { label: string; kept: Source; others: { sectorKey: string; line: number }[] }[] {
	const byInput = new Map<string, { sectorKey: string; line: number }[]>();
	for (const c of g.conflicts) {
		const l = byInput.get(c.input);
		if (l) l.push(c);
		else byInput.set(c.input, [c]);
	}
	return [...byInput].map(([input, others]) => ({ label: input === g.commune ? input : `${input} (→ ${g.commune})`, kept: g.sources.get(input)!, others }));
}

/** Sector kept for a commune split between sectors through its old communes, and the warning. */
function arbitrate(g: Group, ctx: SectorImportContext, label: (k: string) => string, add: AddIssue): { pick: string; lost: number } {
	const srcs = [...g.sources.values()];
	const distinct = [...new Set(srcs.map((s) => s.sectorKey))];
	const pops = srcs.map((s) => ctx.aliasDetails?.get(s.input)?.population);
	const allKnown = pops.every((p) => typeof p === 'number' && Number.isFinite(p));
	let pick = srcs[0]!.sectorKey;
	const bySector = new Map<string, number>();
	if (allKnown) {
		srcs.forEach((s, i) => bySector.set(s.sectorKey, (bySector.get(s.sectorKey) ?? 0) + (pops[i] as number)));
		let best = -1;
		for (const k of distinct) {
			const p = bySector.get(k) ?? 0;
			if (p > best) {
				best = p;
				pick = k;
			}
		}
	}
	const lost = srcs.filter((s) => s.sectorKey !== pick);
	const parts = srcs.map((s) => {
		const nm = ctx.aliasDetails?.get(s.input)?.name;
		return `${s.input}${nm ? ` ${nm}` : ''} → ${label(s.sectorKey)}`;
	});
	const kinds = new Set(srcs.map((s) => (s.via === 'direct' ? 'actuelle' : aliasKind(ctx, s.input, g.commune))));
	const what = kinds.has('arrondissement') && kinds.size === 1 ? 'ses arrondissements' : 'ses anciennes communes';
	const unit = what === 'ses arrondissements' ? 'ces arrondissements' : 'ces anciennes communes';
	const why = allKnown ? MSG.mergedWhyPopulation(label(pick), unit, bySector.get(pick) ?? 0) : MSG.mergedWhyFirst(label(pick), unit);
	add(
		'warning',
		'merged-conflict',
		MSG.mergedConflict(communeLabel(ctx, g.commune), g.type, what, parts, why),
		lost.flatMap((s) => s.lines).sort((a, b) => a - b),
		parts
	);
	return { pick, lost: lost.length };
}

export function resolveGroups(p: RowPass, ctx: SectorImportContext, add: AddIssue): Resolution {
	const label = sectorLabelOf(p);
	const chosen = new Map<string, string>();
	let overridden = 0;
	for (const g of p.groups.values()) {
		for (const c of groupConflicts(g)) {
			add(
				'error',
				'conflict',
				MSG.conflict(c.label, g.type, `${label(c.kept.sectorKey)} (ligne ${c.kept.line})`, c.others.map((o) => `${label(o.sectorKey)} (ligne ${o.line})`), c.others.map((o) => o.line)),
				c.others.map((o) => o.line)
			);
		}
		const distinct = new Set([...g.sources.values()].map((s) => s.sectorKey));
		if (distinct.size === 1) {
			chosen.set(`${g.commune}|${g.type}`, [...distinct][0]!);
			continue;
		}
		const { pick, lost } = arbitrate(g, ctx, label, add);
		chosen.set(`${g.commune}|${g.type}`, pick);
		overridden += lost; // their duplicate lines are already counted as duplicates
	}
	// Paris, Lyon, Marseille: a city listed whole and by arrondissement (sector-plm.ts).
	for (const o of resolveCityOverlaps(chosen, (c) => ctx.communes.has(c))) {
		const lines = [...(p.groups.get(`${o.city}|${o.type}`)?.sources.values() ?? [])].flatMap((x) => x.lines).sort((a, b) => a - b);
		add(
			'warning',
			'city-and-arrondissements',
			`La commune ${communeLabel(ctx, o.city)} est affectée entière au secteur ${o.type} ${label(o.citySector)}, et ${plural(o.arrondissements.length, 'de ses arrondissements', 'de ses arrondissements')} à leur propre secteur : ${listSample(o.arrondissements)}. Ces arrondissements gardent leur secteur ; ${o.filled.length ? `les ${fmtInt(o.filled.length)} autres (${listSample(o.filled)}) vont au secteur ${label(o.citySector)}` : `le secteur ${label(o.citySector)} n'en garde aucun`}. ${fmtLines(lines)}.`,
			lines,
			o.arrondissements
		);
	}
	if (p.duplicateLines.length) add('info', 'duplicate', MSG.duplicate(p.duplicateLines), p.duplicateLines);
	return { chosen, overridden };
}
