import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
	worker: { format: 'es' },
	build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
	test: {
		testTimeout: 120_000,
		hookTimeout: 300_000,
		pool: 'forks',
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					sequence: { groupOrder: 0 },
					include: ['tests/unit/**/*.test.ts', 'src/**/*.test.ts', 'data/**/*.test.ts']
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					environment: 'node',
					include: ['tests/e2e/**/*.e2e.ts'],
					globalSetup: ['tests/e2e/global-setup.ts'],
					// One browser at a time, after the unit suite: the machine has 2 cores and WebGL
					// runs in software; the e2e checks on main-thread work (long tasks) must not
					// compete with unit tests parsing the national files.
					sequence: { groupOrder: 1 },
					fileParallelism: false
				}
			}
		]
	}
});
