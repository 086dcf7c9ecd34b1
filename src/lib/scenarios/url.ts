/**
 * Scenario ↔ URL fragment (`#s=…`): base64url of a compact JSON (edits as tuples, coordinates
 * rounded to 5 decimals ≈ 1 m). Decoding goes through the same validation as file import.
 */
import type { Edit, Scenario } from './model';
import { checkScenario, type ParseResult } from './validate';

type Tuple = (string | number)[];
const MAX_HASH = 200_000;
const r5 = (x: number) => Math.round(x * 1e5) / 1e5;

function toTuple(e: Edit): Tuple {
	switch (e.op) {
		case 'add':
			return ['a', e.id, e.kind, r5(e.lon), r5(e.lat), e.capacity, e.label];
		case 'move':
			return ['m', e.id, r5(e.lon), r5(e.lat)];
		case 'close':
			return ['c', e.id];
		case 'capacity':
			return ['k', e.id, e.capacity];
	}
}

function fromTuple(t: unknown): unknown {
	if (!Array.isArray(t)) return null;
	switch (t[0]) {
		case 'a':
			return { op: 'add', id: t[1], kind: t[2], lon: t[3], lat: t[4], capacity: t[5], label: t[6] };
		case 'm':
			return { op: 'move', id: t[1], lon: t[2], lat: t[3] };
		case 'c':
			return { op: 'close', id: t[1] };
		case 'k':
			return { op: 'capacity', id: t[1], capacity: t[2] };
		default:
			return null;
	}
}

function b64urlEncode(s: string): string {
	const bytes = new TextEncoder().encode(s);
	let bin = '';
	for (const b of bytes) bin += String.fromCharCode(b);
	return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function b64urlDecode(s: string): string {
	if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new Error('bad base64url');
	const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4);
	const bin = atob(b64);
	const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
	return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** Scenario → base64url string (no '#s=' prefix). */
export function encodeScenario(s: Scenario): string {
	return b64urlEncode(JSON.stringify({ v: 1, n: s.name, e: s.edits.map(toTuple) }));
}

/** base64url string → validated scenario. Never throws. */
export function decodeScenario(code: string): ParseResult<Scenario> {
	const bad = { ok: false as const, errors: ['Le lien de scénario est illisible ou incomplet.'] };
	if (typeof code !== 'string' || !code || code.length > MAX_HASH) return bad;
	let raw: unknown;
	try {
		raw = JSON.parse(b64urlDecode(code));
	} catch {
		return bad;
	}
	if (typeof raw !== 'object' || raw === null || (raw as { v?: unknown }).v !== 1) return bad;
	const r = raw as { n?: unknown; e?: unknown };
	if (!Array.isArray(r.e)) return bad;
	return checkScenario({ name: r.n, edits: r.e.map(fromTuple) }, 'Lien');
}

/** The scenario code in a location hash ('#s=…&x=…'), or null. */
export function scenarioFromHash(hash: string): string | null {
	const h = hash.startsWith('#') ? hash.slice(1) : hash;
	for (const part of h.split('&')) if (part.startsWith('s=')) return part.slice(2);
	return null;
}
