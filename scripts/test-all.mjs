#!/usr/bin/env node
// `npm test`: every test, from a fresh machine. Installs dependencies and Debian's chromium when
// missing, builds the data artefacts and the app, then runs unit and end-to-end suites in one
// vitest run and prints a one-line summary.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync } from 'node:fs';

const run = (cmd) => {
	console.log(`\n$ ${cmd}`);
	execSync(cmd, { stdio: 'inherit' });
};

if (!existsSync('node_modules/.package-lock.json')) run('npm ci --no-audit --no-fund');

// Layer rules first: cheap, and a violation is a design regression (docs/architecture.md).
run('node scripts/check-layers.mjs');

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(chromium)) {
	if (process.getuid?.() === 0) {
		run('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium');
	} else {
		console.error(`Chromium introuvable (${chromium}) : installez le paquet Debian « chromium » (sudo apt-get install chromium) ou définissez CHROMIUM_PATH.`);
		process.exit(1);
	}
}

if (process.env.ATLAS_SKIP_DATA === '1' && existsSync('static/data/manifest.json')) {
	console.log('ATLAS_SKIP_DATA=1 : artefacts existants réutilisés.');
} else {
	run('npm run data');
}
run('npx vite build');

mkdirSync('test-results', { recursive: true });
const res = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json'], {
	stdio: 'inherit'
});

let summary = 'Tests: résultat illisible';
try {
	const r = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
	const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
	summary = `Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`;
	if (r.numTotalTests === 0) {
		summary = 'Tests: 0 passed, 1 failed (aucun test exécuté)';
		res.status = 1;
	}
} catch (e) {
	console.error(e);
	res.status = res.status || 1;
}
console.log(`\n${summary}`);
process.exit(res.status ?? 1);
