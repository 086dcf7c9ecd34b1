import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'] });
const p = await b.newPage({ viewport: { width: 1920, height: 1080 } });
await p.goto('http://localhost:4183/ressources');
await p.waitForSelector('[data-testid="dir-count"][data-busy="false"]', { timeout: 180000 });
await p.waitForTimeout(3000);
console.log('rows', await p.getByTestId('dir-count').getAttribute('data-count'));
console.log('load', await p.evaluate(() => performance.getEntriesByName('directory:load').map((e) => Math.round(e.duration))));
const arm = () => p.evaluate(() => new Promise((resolve) => {
	const el = document.querySelector('[data-table-revision]');
	const from = el.getAttribute('data-table-revision');
	let t0 = null;
	const on = (e) => { if (t0 === null) t0 = e.timeStamp; };
	document.addEventListener('keydown', on, true); document.addEventListener('click', on, true); document.addEventListener('change', on, true);
	const obs = new MutationObserver(() => { if (el.getAttribute('data-table-revision') !== from && t0 !== null) { obs.disconnect(); requestAnimationFrame(() => resolve(performance.now() - t0)); } });
	obs.observe(el, { attributes: true });
	window.__armed = true;
}));
const times = [];
for (const key of 'centre') {
	const r = arm();
	await p.waitForFunction(() => window.__armed);
	await p.evaluate(() => (window.__armed = false));
	await p.locator('#dir-q').press(key);
	times.push(Math.round(await r));
	await p.waitForTimeout(500);
}
console.log('type keys (ms, until next frame):', times.join(', '));
const r2 = arm(); await p.waitForFunction(() => window.__armed); await p.evaluate(() => (window.__armed = false));
await p.locator('#dir-q').fill(''); console.log('clear', Math.round(await r2));
await p.locator('[data-testid="kind-filter"] summary').click();
const r3 = arm(); await p.waitForFunction(() => window.__armed); await p.evaluate(() => (window.__armed = false));
await p.locator('input[data-kind="cmp"]').check(); console.log('kind', Math.round(await r3));
console.log('measures', await p.evaluate(() => performance.getEntriesByName('directory:filter').map((e) => Math.round(e.duration))));
await b.close();
