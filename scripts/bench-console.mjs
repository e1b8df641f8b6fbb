// `npm run bench:console`: the office console's inbox with 10,000 cases, in
// headless Chromium against the real collector (in its own process, with the
// demo's 5,000 sample responses and 5,000 more posted over loopback).
// It loads every page of the inbox as "Show more" does, then scrolls the
// whole list and times each animation frame. Headless frames are not a
// phone's, so read the figures against each other, not as absolutes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnCollector } from '../collector/scripts/spawn-collector.mjs';
import { launch } from '../test/support/browser.mjs';
import { payload } from '../test/support/payload.mjs';

const CASES = 10_000;
const dir = mkdtempSync(join(tmpdir(), 'bench-console-'));
const collector = await spawnCollector(
  ['--db', join(dir, 'feedback.sqlite'), '--stations', 'demo/stations.json', '--demo-data', '--rate-limit', '100000', '--min-fill-ms', '0', '--log-level', 'warn'],
  { ANUBHAV_ADMIN_TOKEN: 'bench-console-admin-token-0123456789' },
);
const browser = await launch();
try {
  const stations = (await import('../demo/stations.json', { with: { type: 'json' } })).default;
  const extra = CASES - 5000;
  for (let i = 0; i < extra; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, extra - i) }, (_, j) => {
      const s = stations[(i + j) % stations.length];
      const body = payload({ station: s.id, district: s.district.id, answers: { purpose: 'complaint', staffBehaviour: 1 + ((i + j) % 5), moneyDemanded: (i + j) % 29 ? 'no' : 'yes', overall: 1 + ((i + j) % 5) } });
      return fetch(`${collector.base}/api/feedback`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': body.id }, body: JSON.stringify(body) })
        .then((r) => { if (r.status !== 201) throw new Error(`POST answered ${r.status}`); });
    }));
  }
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${collector.base}/console/`);
  await page.locator('#token').fill('bench-console-admin-token-0123456789');
  await page.locator('#token').press('Enter');
  await page.locator('table.overview').waitFor();
  await page.goto(`${collector.base}/console/#/inbox`);
  await page.locator('ol.cases').waitFor();

  const load = await page.locator('anubhav-console').evaluate(async (el) => {
    const t0 = performance.now();
    let pages = 1;
    while (el.next) {
      await el.loadMore();
      pages++;
    }
    await el.updateComplete;
    const rendered = performance.now() - t0;
    return { pages, rendered, cases: el.renderRoot.querySelectorAll('ol.cases > li').length };
  });

  const scroll = await page.evaluate(() => new Promise((resolve) => {
    const frames = [];
    let last = performance.now();
    const step = () => {
      const now = performance.now();
      frames.push(now - last);
      last = now;
      window.scrollBy(0, 400);
      if (window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1 || frames.length > 3000) resolve(frames.slice(1));
      else requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  }));
  const sorted = [...scroll].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(1);

  // A live arrival at the top of a 10,000-case inbox: from the POST's 201 to the case on screen.
  const fresh = payload({ station: stations[0].id, district: stations[0].district.id });
  const posted = Date.now();
  const { reference } = await (await fetch(`${collector.base}/api/feedback`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': fresh.id }, body: JSON.stringify(fresh),
  })).json();
  await page.locator('ol.cases a.ref', { hasText: reference }).waitFor();
  const live = Date.now() - posted;

  console.log(`inbox of ${load.cases.toLocaleString('en')} cases (${load.pages} pages of 100), Chromium headless, 1280 × 900:`);
  console.log(`  loading every page and rendering: ${(load.rendered / 1000).toFixed(1)} s (${(load.rendered / load.pages).toFixed(0)} ms a page, request included)`);
  console.log(`  scrolling the whole list, 400 px a frame: ${scroll.length} frames, median ${at(0.5)} ms, p95 ${at(0.95)} ms, worst ${sorted.at(-1).toFixed(1)} ms`);
  console.log(`  a live arrival on the full inbox: on screen ${live} ms after its POST`);
} finally {
  await browser.close();
  await collector.stop();
  rmSync(dir, { recursive: true, force: true });
}
