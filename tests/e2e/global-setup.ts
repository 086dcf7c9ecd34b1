/**
 * Serves the built app (vite preview of build/) for the e2e suites, on E2E_PORT (default 4173).
 * Requires `npx vite build` and `npm run data` beforehand (npm test does both).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

const PORT = Number(process.env.E2E_PORT ?? 4173);

async function waitFor(url: string, timeoutMs: number): Promise<void> {
	const start = Date.now();
	while (Date.now() - start < timeoutMs) {
		try {
			const res = await fetch(url);
			if (res.ok) return;
		} catch {
			/* server not up yet */
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`Le serveur de prévisualisation ne répond pas sur ${url}`);
}

export default async function setup(): Promise<() => void> {
	if (!existsSync('build/index.html')) throw new Error('Application non construite : lancez `npx vite build` (npm test le fait).');
	if (!existsSync('static/data/manifest.json')) throw new Error('Artefacts de données absents : lancez `npm run data` (npm test le fait).');
	const server: ChildProcess = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], {
		stdio: 'ignore',
		detached: true
	});
	await waitFor(`http://localhost:${PORT}/`, 60_000);
	process.env.E2E_BASE_URL = `http://localhost:${PORT}`;
	return () => {
		try {
			process.kill(-server.pid!, 'SIGTERM');
		} catch {
			server.kill('SIGTERM');
		}
	};
}
