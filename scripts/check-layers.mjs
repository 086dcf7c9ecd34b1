#!/usr/bin/env node
// Layer rules of docs/architecture.md, checked on every `npm test`:
//   - routes compose: no SQL in src/routes or src/lib/components;
//   - imports flow downward: routes → components → lib modules → db → contract;
//   - the pipeline (data/) and the app share only the contract modules;
//   - no import cycle between top-level modules of src/lib.
// Known debt is listed in scripts/layer-debt.json; the check fails on any new violation and on
// any listed entry that no longer occurs (so the list can only shrink).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const rel = (p) => relative(root, p).replaceAll('\\', '/');

function walk(dir, out = []) {
	for (const name of readdirSync(dir)) {
		const p = join(dir, name);
		if (statSync(p).isDirectory()) walk(p, out);
		else if (/\.(ts|svelte|js|mjs)$/.test(name) && !/\.(test|e2e)\.ts$/.test(name)) out.push(p);
	}
	return out;
}

/** Files whose only job is the contract between pipeline and app. */
const CONTRACT = [/^src\/lib\/facilities\/(kinds|kind-rules)\.ts$/, /^src\/lib\/db\/types\.ts$/, /^src\/lib\/indicators\/types\.ts$/, /^src\/lib\/territories\/level\.ts$/, /^data\/schema\.ts$/];
const isContract = (f) => CONTRACT.some((r) => r.test(f));
/** Pure helpers both sides use (formatting, geometry maths, quality wording): no DOM, no DuckDB. */
const SHARED = [/^src\/lib\/format\//, /^src\/lib\/quality\//, /^src\/lib\/geo\/interior-point\.ts$/, /^src\/lib\/geo\/plm\.ts$/];
const isShared = (f) => SHARED.some((r) => r.test(f));

function layerOf(f) {
	if (f.startsWith('data/')) return isContract(f) ? 'contract' : 'pipeline';
	if (isContract(f)) return 'contract';
	if (isShared(f)) return 'shared';
	if (f.startsWith('src/routes/')) return 'route';
	if (f.startsWith('src/lib/components/')) return 'component';
	if (f.startsWith('src/lib/db/')) return 'db';
	if (f.startsWith('src/lib/')) return 'module';
	return 'other';
}
/** What each layer may import (besides itself and npm packages). */
const ALLOWED = {
	contract: ['contract'],
	shared: ['shared', 'contract'],
	pipeline: ['pipeline', 'shared', 'contract'],
	db: ['db', 'shared', 'contract'],
	module: ['module', 'db', 'shared', 'contract'],
	component: ['component', 'module', 'shared', 'contract'], // render only: data comes through page models
	route: ['route', 'component', 'module', 'db', 'shared', 'contract'],
	other: ['route', 'component', 'module', 'db', 'shared', 'contract', 'other']
};

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"`]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;
function resolveImport(from, spec) {
	let target;
	if (spec.startsWith('$lib/')) target = join(root, 'src/lib', spec.slice(5));
	else if (spec.startsWith('.')) target = resolve(dirname(from), spec);
	else return null;
	for (const cand of [target, target + '.ts', target + '.svelte.ts', target + '.js', join(target, 'index.ts')]) {
		try {
			if (statSync(cand).isFile()) return cand;
		} catch {
			/* next candidate */
		}
	}
	return target.endsWith('.svelte') ? target : null;
}

// SQL outside the builders: a string with SELECT … FROM or a DDL/DML statement.
const SQL = /\b(SELECT\b[\s\S]{0,400}?\bFROM\b|CREATE\s+(OR\s+REPLACE\s+)?(TABLE|VIEW)\b|INSERT\s+INTO\b|DELETE\s+FROM\b|DROP\s+(TABLE|VIEW)\b)/;

const files = [...walk(join(root, 'src')), ...walk(join(root, 'data'))].filter((f) => !rel(f).startsWith('src/service-worker'));
const violations = new Set();
const moduleEdges = new Map(); // top-level lib module → set of modules it imports

const topModule = (f) => /^src\/lib\/([^/]+)\//.exec(f)?.[1] ?? null;
for (const abs of files) {
	const f = rel(abs);
	const text = readFileSync(abs, 'utf8');
	const layer = layerOf(f);
	if ((layer === 'route' || layer === 'component') && SQL.test(text)) violations.add(`sql ${f}`);
	for (const m of text.matchAll(IMPORT)) {
		const spec = m[1] ?? m[2] ?? m[3];
		const target = resolveImport(abs, spec);
		if (!target || !/\.(ts|svelte|js|mjs)$/.test(target)) continue;
		const t = rel(target);
		const tl = layerOf(t);
		if (!ALLOWED[layer].includes(tl)) violations.add(`import ${f} -> ${t}`);
		const a = topModule(f);
		const b = topModule(t);
		if (a && b && a !== b && layer === 'module' && tl === 'module') {
			if (!moduleEdges.has(a)) moduleEdges.set(a, new Set());
			moduleEdges.get(a).add(b);
		}
	}
}
// Cycles between top-level lib modules (a → b and b → a, directly or through others).
const reach = (from, to, seen = new Set()) => {
	for (const n of moduleEdges.get(from) ?? []) {
		if (n === to) return true;
		if (!seen.has(n)) {
			seen.add(n);
			if (reach(n, to, seen)) return true;
		}
	}
	return false;
};
for (const [a, outs] of moduleEdges) for (const b of outs) if (a < b && reach(b, a)) violations.add(`cycle ${a} <-> ${b}`);

const debtFile = join(root, 'scripts/layer-debt.json');
const debt = new Set(JSON.parse(readFileSync(debtFile, 'utf8')).known);
if (process.argv.includes('--write')) {
	const known = [...violations].sort();
	const body = JSON.stringify({ note: 'Known layer violations (issue 11). The check fails on new ones and on entries that are gone: remove them.', known }, null, '\t');
	await import('node:fs').then((fs) => fs.writeFileSync(debtFile, body + '\n'));
	console.log(`layer-debt.json : ${known.length} entrées.`);
	process.exit(0);
}
const fresh = [...violations].filter((v) => !debt.has(v)).sort();
const gone = [...debt].filter((v) => !violations.has(v)).sort();
if (fresh.length) console.error(`Règles de couches enfreintes (docs/architecture.md) :\n  ${fresh.join('\n  ')}`);
if (gone.length) console.error(`Dettes résolues à retirer de scripts/layer-debt.json :\n  ${gone.join('\n  ')}`);
if (fresh.length || gone.length) process.exit(1);
console.log(`Couches : règles respectées (${debt.size} dettes connues, à résorber).`);
