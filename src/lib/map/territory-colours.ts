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
