/** The indicator a projection view shows: a catalogue indicator, or the access view's own. */
import { INDICATORS } from '../indicators/catalogue';
import type { IndicatorDef } from '../indicators/types';
import { ACCESS_HDJ } from './access';
import { kindOf } from './sequence';

const DEFS: readonly IndicatorDef[] = [...INDICATORS, ACCESS_HDJ];

/** Catalogue entries of the imported indicators' views (own-indicators/active.svelte.ts). */
let extraDefs: readonly IndicatorDef[] = [];
export function setExtraViewDefs(defs: readonly IndicatorDef[]): void {
	extraDefs = defs;
}

export const viewDef = (kindId: string): IndicatorDef | undefined => {
	const id = kindOf(kindId)?.indicator;
	return DEFS.find((d) => d.id === id) ?? extraDefs.find((d) => d.id === id);
};
