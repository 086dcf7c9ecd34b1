/**
 * Main-thread client for the accessibility worker (worker.ts): one lazy Worker, promise per
 * request, matched by id. Requests can be sent concurrently; the worker answers them in order
 * (the 'scenario' sessions rely on it).
 */
import type { AccessResponse, BeyondPayload, BeyondResponse, NearestPayload, NearestResponse, OriginsPayload, ScenarioPayload, ScenarioResponse, SfcaPayload } from './worker';
import type { SfcaResult } from './sfca';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

export class AccessClient {
	#worker: Worker | null = null;
	#next = 1;
	#pending = new Map<number, Pending>();

	#get(): Worker {
		if (this.#worker) return this.#worker;
		const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
		w.onmessage = (e: MessageEvent<AccessResponse>) => {
			const p = this.#pending.get(e.data.id as number);
			if (!p) return;
			this.#pending.delete(e.data.id as number);
			if ('error' in e.data) p.reject(new Error(e.data.error));
			else p.resolve(e.data.result);
		};
		w.onerror = (e) => {
			const err = new Error(`Calcul d’accessibilité impossible : ${e.message || 'erreur du worker'}`);
			for (const p of this.#pending.values()) p.reject(err);
			this.#pending.clear();
		};
		return (this.#worker = w);
	}

	#post<T>(type: 'nearest' | 'sfca' | 'beyond' | 'origins' | 'scenario', payload: unknown): Promise<T> {
		const id = this.#next++;
		const w = this.#get();
		return new Promise<T>((resolve, reject) => {
			this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
			w.postMessage({ type, id, payload });
		});
	}

	/** Starts the worker now (its module loads while the page reads its data), not at the first request. */
	start(): void {
		this.#get();
	}

	nearest(p: NearestPayload): Promise<NearestResponse> {
		return this.#post('nearest', p);
	}
	sfca(p: SfcaPayload): Promise<SfcaResult> {
		return this.#post('sfca', p);
	}
	beyond(p: BeyondPayload): Promise<BeyondResponse> {
		return this.#post('beyond', p);
	}
	origins(p: OriginsPayload): Promise<null> {
		return this.#post('origins', p);
	}
	scenario(p: ScenarioPayload): Promise<ScenarioResponse> {
		return this.#post('scenario', p);
	}

	terminate(): void {
		this.#worker?.terminate();
		this.#worker = null;
		for (const p of this.#pending.values()) p.reject(new Error('Calcul interrompu.'));
		this.#pending.clear();
	}
}
