/**
 * The app's stores seen as workspace collections, through their own APIs (each validates what
 * it saves): sector sets and custom territories (geo/territory-store), scenarios
 * (scenarios/store), local resources (resources/local-store), notes (notes/store), imported
 * indicators (own-indicators/store); views in
 * localStorage.
 */
import { deleteSectorSet, deleteTerritory, listSectorSets, listTerritories, saveSectorSet, saveTerritory, type SectorSet, type Territory } from '../geo/territory-store';
import { commit, listScenarios } from '../scenarios/store';
import type { Scenario } from '../scenarios/model';
import { deleteLocalResource, listLocalResources, saveLocalResources } from '../resources/local-store';
import type { LocalResource } from '../resources/local';
import { deleteNotes, listNotes, saveNotes } from '../notes/store';
import type { Note } from '../notes/notes';
import { deleteOwnIndicators, listOwnIndicators, saveOwnIndicators } from '../own-indicators/store';
import type { OwnIndicator } from '../own-indicators/model';
import { buildWorkspace, type Workspace } from './schema';
import type { Stores } from './apply';
import type { Current } from './plan';
import { readViews, VIEWS_KEY, writeViews, type Views } from './views';

type Rec = Record<string, unknown>;
const asRec = (l: readonly object[]) => l as unknown as Rec[];

export const browserStores: Stores = {
	sector_sets: {
		list: async () => asRec((await listSectorSets()).items),
		put: async (l) => {
			for (const s of l) await saveSectorSet(s as unknown as SectorSet);
		},
		remove: async (keys) => {
			for (const k of keys) await deleteSectorSet(k);
		}
	},
	custom_territories: {
		list: async () => asRec((await listTerritories()).items),
		put: async (l) => {
			for (const t of l) await saveTerritory(t as unknown as Territory);
		},
		remove: async (keys) => {
			for (const k of keys) await deleteTerritory(k);
		}
	},
	scenarios: {
		list: async () => asRec(await listScenarios()),
		// One transaction each (scenarios/store.ts commit).
		put: (l) => commit({ put: l as unknown as Scenario[] }),
		remove: (keys) => commit({ delete: [...keys] })
	},
	local_resources: {
		list: async () => asRec((await listLocalResources()).items),
		put: (l) => saveLocalResources(l as unknown as LocalResource[]),
		remove: async (keys) => {
			for (const k of keys) await deleteLocalResource(k);
		}
	},
	notes: {
		list: async () => asRec((await listNotes()).items),
		put: (l) => saveNotes(l as unknown as Note[]),
		remove: (keys) => deleteNotes(keys)
	},
	own_indicators: {
		list: async () => asRec((await listOwnIndicators()).items),
		put: (l) => saveOwnIndicators(l as unknown as OwnIndicator[]),
		remove: (keys) => deleteOwnIndicators(keys)
	}
};

export async function readCurrent(stores: Stores = browserStores): Promise<Current> {
	const [sector_sets, custom_territories, scenarios, local_resources, notes, own_indicators] = await Promise.all([
		stores.sector_sets.list(),
		stores.custom_territories.list(),
		stores.scenarios.list(),
		stores.local_resources.list(),
		stores.notes.list(),
		stores.own_indicators.list()
	]);
	return { sector_sets, custom_territories, scenarios, local_resources, notes, own_indicators };
}

export async function exportWorkspace(appVersion: string): Promise<Workspace> {
	const c = await readCurrent();
	return buildWorkspace(
		{
			sector_sets: c.sector_sets as unknown as SectorSet[],
			custom_territories: c.custom_territories as unknown as Territory[],
			scenarios: c.scenarios as unknown as Scenario[],
			local_resources: c.local_resources as unknown as LocalResource[],
			notes: c.notes as unknown as Note[],
			own_indicators: c.own_indicators as unknown as OwnIndicator[],
			views: readViews()
		},
		appVersion
	);
}

/** Imported views fill in the pages this browser has no address for, or replace them all. */
export function importViews(views: Views, replace: boolean): number {
	const cur = replace ? (Object.create(null) as Views) : readViews();
	let n = 0;
	for (const [k, v] of Object.entries(views)) {
		if (!replace && k in cur) continue;
		cur[k] = v;
		n++;
	}
	writeViews(cur);
	return n;
}

/** Deletes everything the user made (the loaded open data stays in the cache). */
export async function clearAll(stores: Stores = browserStores): Promise<void> {
	const c = await readCurrent(stores);
	const { RULES } = await import('./plan');
	for (const id of Object.keys(stores) as (keyof Stores)[]) {
		const keys = c[id].map((r) => RULES[id].key(r));
		if (keys.length) await stores[id].remove(keys);
	}
	globalThis.localStorage?.removeItem(VIEWS_KEY);
}
