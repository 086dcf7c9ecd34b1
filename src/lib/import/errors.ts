/** The error every worker import rejects with: a stable code and a French message. */
export const IMPORT_CANCELLED = 'cancelled';

export class ImportError extends Error {
	readonly code: string;
	constructor(code: string, message: string) {
		super(message);
		this.name = 'ImportError';
		this.code = code;
	}
}

/** True for the rejection of an import the user cancelled. */
export function isCancelled(e: unknown): boolean {
	return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === IMPORT_CANCELLED;
}
