/**
 * The description of an imported indicator (name, unit, source, year, favourable direction, PTSM
 * priority, reference) as form state, shared by the import model (own-import) and the edit model
 * (own-edit): `description` is what the checks of own-indicators/describe.ts read.
 */
import type { OwnDescription } from '../own-indicators/describe';
import type { OwnIndicator } from '../own-indicators/model';
import type { PtsmPriority } from '../indicators/types';

export class OwnDescriptionState implements OwnDescription {
	name = $state('');
	unit = $state('');
	source = $state('');
	year = $state('');
	favourable = $state<OwnIndicator['favourable']>('neutral');
	priority = $state<PtsmPriority>(1);
	refValue = $state('');
	refLabel = $state('');

	/** The fields, as the shared checks read them. */
	description = $derived<OwnDescription>({
		name: this.name,
		unit: this.unit,
		source: this.source,
		year: this.year,
		favourable: this.favourable,
		priority: this.priority,
		refValue: this.refValue,
		refLabel: this.refLabel
	});

	/** Sets every field from a description (an indicator opened for editing). */
	fill(d: OwnDescription): void {
		this.name = d.name;
		this.unit = d.unit;
		this.source = d.source;
		this.year = d.year;
		this.favourable = d.favourable;
		this.priority = d.priority;
		this.refValue = d.refValue;
		this.refLabel = d.refLabel;
	}
}
