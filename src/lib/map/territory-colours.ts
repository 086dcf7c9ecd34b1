/**
 * Colours of a territory set's map: neighbouring territories never share a palette index when the
 * palette allows it (Welsh–Powell greedy colouring of the territories' adjacency graph, built from
 * the communes' adjacency). Pure: unit-tested in Node.
 */

/**
 * Palette index (0 … paletteSize − 1) of each territory.
 * - `list`: territories with their member communes (a commune listed by several counts for each)
 * - `owner`: commune → the territory it is drawn in
 * - `neighbours(commune)`: communes (or arrondissements) sharing an edge with it
 */
export function colourTerritories(
	list: readonly { code: string; communes: readonly string[] }[],
	owner: ReadonlyMap<string, string>,
	neighbours: (commune: string) => Iterable<string>,
	paletteSize: number
): Map<string, number> {
	const adj = new Map<string, Set<string>>(list.map((t) => [t.code, new Set()]));
	for (const t of list)
		for (const c of t.communes)
			for (const n of neighbours(c)) {
				const o = owner.get(n);
				if (o !== undefined && o !== t.code) adj.get(t.code)!.add(o);
			}
	// Most constrained first; ties by code, so the colours do not depend on the file's order.
	const order = [...list].sort((a, b) => adj.get(b.code)!.size - adj.get(a.code)!.size || (a.code < b.code ? -1 : 1));
	const out = new Map<string, number>();
	for (const t of order) {
		const used = new Set([...adj.get(t.code)!].map((n) => out.get(n)).filter((x) => x !== undefined));
		let k = 0;
		while (used.has(k) && k < paletteSize) k++;
		out.set(t.code, k % paletteSize);
	}
	return out;
}

/** What a territory-set map draws: each commune's territory and colour, each territory's colour. */
export interface SetPaint<T extends { code: string; communes: readonly string[] }> {
	/** commune → the territory it is drawn in (a commune in several: the first listed wins) */
	owner: Map<string, T>;
	/** commune → its territory's colour */
	colourOf: Map<string, string>;
	/** territory code → colour */
	territoryColour: Map<string, string>;
}

/** The paint of a territory set: owners, then palette colours with neighbours apart (colourTerritories). */
export function setPaint<T extends { code: string; communes: readonly string[] }>(
	list: readonly T[],
	neighbours: (commune: string) => Iterable<string>,
	palette: readonly string[]
): SetPaint<T> {
	const owner = new Map<string, T>();
	for (const t of list) for (const c of t.communes) if (!owner.has(c)) owner.set(c, t);
	const idx = colourTerritories(list, new Map([...owner].map(([c, t]) => [c, t.code])), neighbours, palette.length);
	const territoryColour = new Map(list.map((t) => [t.code, palette[idx.get(t.code) ?? 0]!]));
	const colourOf = new Map<string, string>();
	for (const [c, t] of owner) colourOf.set(c, territoryColour.get(t.code)!);
	return { owner, colourOf, territoryColour };
}

/**
 * The communes whose colour differs between two paints (`null`: no longer drawn), so the map is
 * sent those only: editing one territory of a set touches its communes and its neighbours'.
 */
export function colourChanges(prev: ReadonlyMap<string, string>, next: ReadonlyMap<string, string>): [string, string | null][] {
	const out: [string, string | null][] = [];
	for (const [c, colour] of next) if (prev.get(c) !== colour) out.push([c, colour]);
	for (const c of prev.keys()) if (!next.has(c)) out.push([c, null]);
	return out;
}

/** Same keys with the same values (territory of each commune compared by `key`). */
export function sameEntries<V>(a: ReadonlyMap<string, V>, b: ReadonlyMap<string, V>, key: (v: V) => unknown = (v) => v): boolean {
	if (a.size !== b.size) return false;
	for (const [k, v] of a) {
		if (!b.has(k) || key(b.get(k)!) !== key(v)) return false;
	}
	return true;
}
