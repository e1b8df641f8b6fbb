// `npm run bench:load`: what a citizen feels when the QR code opens the form.
// Headless Chromium against the real collector over loopback, throttled as in
// SPEC.md's performance budget (400 ms round trip, 50 KB/s each way, CPU ×4),
// from a cold cache (a new browser context each run), median of 5 runs.
//
// For each page it prints:
// - first question usable: the first moment the first answer of the first
//   question (a radio button, in the page or in an open shadow root, declarative
//   ones included) is laid out, visible and enabled, so a tap would answer it;
// - FCP: first contentful paint;
// - bytes transferred: every response's encoded length, headers included;
// - main-thread script time: Chromium's ScriptDuration once the page has
//   settled (throttled time, so about four times a desktop's).
//
// Both pages preset the station, as the QR code does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnCollector } from '../collector/scripts/spawn-collector.mjs';
import { launch } from '../test/support/browser.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const STATION = 'BSP-CIVIL-LINES';
const THROTTLE = { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 };
const PAGES = [
  { name: 'hosted page', path: `/f?station=${STATION}`, goal: 1200 },
  { name: 'embedded page', path: `/?station=${STATION}`, goal: 1900 },
];

const dir = mkdtempSync(join(tmpdir(), 'bench-load-'));
const collector = await spawnCollector(
  ['--db', join(dir, 'feedback.sqlite'), '--static', 'demo', '--stations', 'demo/stations.json', '--log-level', 'warn'],
);
const browser = await launch();

/** Runs in the page: the time at which the first radio button became answerable, or false. */
function firstQuestionUsable() {
  const find = (root) => {
    const input = root.querySelector('input[type=radio]');
    if (input) return input;
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) {
        const found = find(el.shadowRoot);
        if (found) return found;
      }
    }
    return null;
  };
  const input = find(document);
  if (!input || input.disabled || input.closest('[inert]')) return false;
  // A native radio may be visually hidden behind its styled label: judge the label.
  const target = input.closest('label') ?? input;
  const box = target.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) return false;
  if (!target.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
  return performance.now();
}

async function measure(path) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', THROTTLE);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Performance.enable');
  let bytes = 0;
  const statuses = [];
  cdp.on('Network.responseReceived', (e) => statuses.push([e.response.status, e.response.url]));
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  try {
    await page.goto(collector.base + path, { waitUntil: 'commit' });
    const usable = await (await page.waitForFunction(firstQuestionUsable, null, { polling: 'raf', timeout: 60_000 })).jsonValue();
    await page.waitForLoadState('networkidle');
    const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const script = metrics.find((m) => m.name === 'ScriptDuration').value * 1000;
    const failed = statuses.filter(([status]) => status >= 400);
    if (failed.length) throw new Error(`${path}: ${failed.map(([s, u]) => `${s} ${u}`).join(', ')}`);
    return { usable, fcp, bytes, script };
  } finally {
    await context.close();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
let missed = 0;
try {
  console.log(`Chromium, 360 × 740, ${THROTTLE.latency} ms RTT, ${THROTTLE.downloadThroughput / 1000} KB/s, CPU ×4, cold cache, median of ${RUNS}:`);
  for (const { name, path, goal } of PAGES) {
    const probe = await fetch(collector.base + path);
    if (!probe.ok) {
      console.log(`  ${name} (${path}): not served (${probe.status})`);
      continue;
    }
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await measure(path));
    const m = (k) => median(runs.map((r) => r[k]));
    const usable = m('usable');
    if (usable > goal) missed++;
    console.log(`  ${name} (${path}):`);
    console.log(`    first question usable ${(usable / 1000).toFixed(2)} s (goal ≤ ${(goal / 1000).toFixed(1)} s${usable > goal ? ', MISSED' : ''}; runs ${runs.map((r) => (r.usable / 1000).toFixed(2)).join(', ')})`);
    console.log(`    FCP ${(m('fcp') / 1000).toFixed(2)} s · ${(m('bytes') / 1024).toFixed(1)} KiB transferred · main-thread script ${m('script').toFixed(0)} ms`);
  }
} finally {
  await browser.close();
  await collector.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = missed ? 1 : 0;
