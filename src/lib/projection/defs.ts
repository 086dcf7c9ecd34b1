/** The indicator a projection view shows: a catalogue indicator, or the access view's own. */
import { INDICATORS } from '../indicators/catalogue';
import type { IndicatorDef } from '../indicators/types';
import { ACCESS_HDJ } from './access';
import { kindOf } from './sequence';

const DEFS: readonly IndicatorDef[] = [...INDICATORS, ACCESS_HDJ];

export const viewDef = (kindId: string): IndicatorDef | undefined => DEFS.find((d) => d.id === kindOf(kindId)?.indicator);
