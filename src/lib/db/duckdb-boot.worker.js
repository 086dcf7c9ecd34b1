/*
 * Classic worker that starts the duckdb-wasm worker from a same-origin URL (no blob: worker, so the
 * app's Content-Security-Policy needs no `worker-src blob:`). Served as a raw asset (`?url`).
 *
 * The duckdb-wasm worker pipes the wasm response through a TransformStream for its progress
 * callback; the piped Response has no URL, so Chromium never stores the compiled code in its
 * wasm code cache and every visit recompiles 34 MB. This script hides TransformStream until
 * `instantiateStreaming` is called, so the fetch Response itself is streamed (cacheable), counts
 * the bytes on a clone of it for the progress bar (posted on a BroadcastChannel), and makes the
 * duckdb-wasm worker handle messages one after another. For the benchmark it keeps the wasm
 * memory on `self.__duckdbMemory` and the time the wasm was instantiated on
 * `self.__duckdbWasmReady` (epoch ms).
 *
 * The first message is its configuration: { boot: { worker: absolute URL, channel: name } }.
 * Messages posted after it are queued by the browser and reach the duckdb handler in order.
 */
self.onmessage = (first) => {
	const config = first.data && first.data.boot;
	if (!config || typeof config.worker !== 'string' || new URL(config.worker).origin !== self.location.origin) return;
	const TS = self.TransformStream;
	const streaming = WebAssembly.instantiateStreaming;
	const progress = new BroadcastChannel(String(config.channel));
	const count = async (res) => {
		const total = Number(res.headers.get('content-length')) || 0;
		const reader = res.body.getReader();
		let loaded = 0;
		let last = 0;
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			loaded += value.byteLength;
			if (performance.now() - last > 100) {
				last = performance.now();
				progress.postMessage({ bytesLoaded: loaded, bytesTotal: Math.max(total, loaded) });
			}
		}
		progress.postMessage({ bytesLoaded: loaded, bytesTotal: loaded, done: true });
		progress.close();
	};
	// duckdb-wasm warns that it has no progress handler without TransformStream: we count instead.
	const warn = console.warn;
	console.warn = (...args) => String(args[0]).startsWith('instantiating without progress handler') || warn.apply(console, args);
	self.TransformStream = undefined;
	WebAssembly.instantiateStreaming = function (source, imports) {
		self.TransformStream = TS;
		console.warn = warn;
		WebAssembly.instantiateStreaming = streaming;
		const counted = Promise.resolve(source).then((res) => {
			if (res.ok && res.body) count(res.clone()).catch(() => (progress.postMessage({ done: true }), progress.close()));
			return res;
		});
		return streaming.call(WebAssembly, counted, imports).then((out) => {
			const isMem = (x) => x instanceof WebAssembly.Memory;
			self.__duckdbMemory =
				Object.values(out.instance.exports).find(isMem) || Object.values((imports && imports.env) || {}).find(isMem);
			self.__duckdbWasmReady = performance.timeOrigin + performance.now();
			return out;
		});
	};
	self.onmessage = null;
	importScripts(config.worker);
	// One message at a time: OPEN and CONNECT can be posted with INSTANTIATE and wait for it here,
	// in the worker, instead of each waiting for a reply on a busy main thread.
	const handle = self.onmessage;
	let queue = Promise.resolve();
	self.onmessage = (e) => {
		queue = queue.then(() => handle.call(self, e)).catch(() => {});
	};
};
