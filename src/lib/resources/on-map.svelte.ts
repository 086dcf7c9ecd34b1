/**
 * The local resources of this browser for the main map: loaded from IndexedDB once, as GeoJSON
 * for the map layer, and by id for the card. A store failure is a French message, never a crash.
 */
import { listLocalResources, storeMessage } from './local-store';
import { localResourcesGeoJSON, type LocalResource } from './local';
import { communesOfTerritory } from '../queries/local-resources';
import type { QueryPort } from '../queries/port';
import type { TerritoryScope } from '../facilities/sql';

export class LocalOnMap {
	items = $state.raw<LocalResource[]>([]);
	error = $state<string | null>(null);
	loaded = $state(false);
	geojson = $derived(localResourcesGeoJSON(this.items));

	async load(): Promise<void> {
		try {
			const { items, errors } = await listLocalResources();
			this.items = items;
			this.error = errors.length ? errors.map((e) => e.message).join(' ') : null;
		} catch (e) {
			this.error = storeMessage(e);
		} finally {
			this.loaded = true;
		}
	}

	byId(id: string): LocalResource | null {
		return this.items.find((r) => r.id === id) ?? null;
	}

	/** The resources in a territory (by their commune); none to look up when the browser holds none. */
	async inTerritory(port: QueryPort, scope: TerritoryScope): Promise<LocalResource[]> {
		if (!this.items.some((r) => r.commune !== null)) return [];
		return this.inCommunes(await communesOfTerritory(port, scope));
	}

	/** The resources placed in one of these communes (those without a commune are not in any territory). */
	inCommunes(codes: ReadonlySet<string>): LocalResource[] {
		return this.items.filter((r) => r.commune !== null && codes.has(r.commune));
	}
}
