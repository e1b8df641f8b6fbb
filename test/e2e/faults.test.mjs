// Delivery under faults, end to end: the built dist/anubhav.js in Chromium
// (Playwright), a fault-injecting proxy, and the real collector. Every case
// ends with an exact row count read from the collector's SQLite file.
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from '../support/browser.mjs';
import { startSiteCollector, storedReference } from '../../collector/test/support.mjs';
import { startFaultProxy } from '../support/fault-proxy.mjs';

let collector, proxy, browser, context;

before(async () => {
  browser = await launch();
});
after(() => browser?.close());

beforeEach(async () => {
  collector = await startSiteCollector({ minFillMs: 0 });
  proxy = await startFaultProxy(collector.base);
  context = await browser.newContext({ viewport: { width: 360, height: 740 } });
});
afterEach(async () => {
  await context.close();
  await proxy.close();
  await collector.close();
});

const FORM = '/e2e/strict.html?station=BSP-CIVIL-LINES';

async function openForm(path = FORM) {
  const page = await context.newPage();
  await page.goto(proxy.base + path);
  await page.getByText('सिविल लाइन', { exact: true }).waitFor();
  return page;
}

/** Fills the four required questions and submits; returns the response id. */
async function fillAndSubmit(page) {
  await page.getByRole('radiogroup', { name: /आपके आने का उद्देश्य/ }).getByLabel('शिकायत / एफआईआर').check();
  await page.getByRole('radiogroup', { name: /व्यवहार कैसा था/ }).getByLabel('4 अच्छा').check();
  await page.getByRole('radiogroup', { name: /पैसे, उपहार/ }).getByLabel('नहीं', { exact: true }).check();
  await page.getByRole('radiogroup', { name: /कुल मिलाकर/ }).getByLabel('5 बहुत अच्छा').check();
  const queued = page.evaluate(() => new Promise((resolve) =>
    document.addEventListener('feedback-queued', (e) => resolve(e.detail.id), { once: true })));
  await page.getByRole('button', { name: 'फ़ीडबैक भेजें' }).click();
  return queued;
}

const status = (page) => page.getByRole('status');
const waitForSent = (page) => status(page).filter({ hasText: 'संदर्भ नंबर' }).waitFor({ timeout: 40_000 });
const outboxSize = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const open = indexedDB.open('anubhav');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains('outbox')) return resolve(0);
    const count = db.transaction('outbox').objectStore('outbox').count();
    count.onsuccess = () => resolve(count.result + localStorage.length);
  };
}));

/** Every text the status line shows from now on, in order. */
const watchStatus = (page) => page.evaluate(() => {
  const status = document.querySelector('anubhav-feedback').shadowRoot.querySelector('.status');
  window.__statuses = [];
  new MutationObserver(() => window.__statuses.push(status.textContent)).observe(status, { childList: true, characterData: true, subtree: true });
});

describe('honest status', () => {
  test('a slow link (201 after 2 s): "Sending…" until the answer, never "saved on this phone"', async () => {
    proxy.plan('delay-2s');
    const page = await openForm();
    await watchStatus(page);
    await fillAndSubmit(page);
    await status(page).filter({ hasText: 'भेजा जा रहा है' }).waitFor();
    await waitForSent(page);
    const seen = await page.evaluate(() => window.__statuses);
    assert.ok(seen.some((s) => /भेजा जा रहा है/.test(s)), JSON.stringify(seen));
    assert.deepEqual(seen.filter((s) => /इस फ़ोन पर सहेजा गया/.test(s)), [], JSON.stringify(seen));
    // The news has the focus once the form is gone.
    assert.equal(await page.evaluate(() => document.querySelector('anubhav-feedback').shadowRoot.activeElement?.className), 'status');
    assert.equal((await collector.rows()), 1);
  });

  test('offline: "saved on this phone" at once, since the send failed', async () => {
    const page = await openForm();
    await context.setOffline(true);
    await fillAndSubmit(page);
    await status(page).filter({ hasText: 'इस फ़ोन पर सहेजा गया' }).waitFor({ timeout: 3000 });
    await context.setOffline(false);
    await waitForSent(page);
  });
});

describe('delivery under faults', () => {
  test('offline, submit, then back online: exactly 1 row, with no user action', async () => {
    const page = await openForm();
    await context.setOffline(true);
    const id = await fillAndSubmit(page);
    await status(page).filter({ hasText: 'इस फ़ोन पर सहेजा गया' }).waitFor();
    await page.waitForTimeout(1000);
    assert.equal(proxy.posts(id).length, 0);
    assert.equal((await collector.rows()), 0);
    await context.setOffline(false);
    await waitForSent(page);
    assert.equal((await collector.rows()), 1);
    assert.equal(await outboxSize(page), 0);
  });

  test('the endpoint returns 503 twice, then accepts: 1 row', async () => {
    proxy.plan('503', '503', 'pass');
    const page = await openForm();
    const id = await fillAndSubmit(page);
    await waitForSent(page);
    assert.deepEqual(proxy.posts(id).map((p) => p.action), ['503', '503', 'pass']);
    assert.equal((await collector.rows()), 1);
  });

  test('Retry-After: 3 is honoured: no retry before 3 s', async () => {
    proxy.plan('503-retry-after-3', 'pass');
    const page = await openForm();
    const id = await fillAndSubmit(page);
    await waitForSent(page);
    const [first, second] = proxy.posts(id);
    assert.ok(second.at - first.at >= 3000, `retried after ${second.at - first.at} ms`);
    assert.equal((await collector.rows()), 1);
  });

  for (const code of ['400', '422']) {
    test(`a ${code} is not retried, and the citizen is told`, async () => {
      proxy.plan(code);
      const page = await openForm();
      const errors = page.evaluate(() => new Promise((resolve) =>
        document.addEventListener('feedback-error', (e) => resolve(e.detail), { once: true })));
      const id = await fillAndSubmit(page);
      await status(page).filter({ hasText: 'स्वीकार नहीं हुआ' }).waitFor();
      assert.equal((await errors).code, 'rejected');
      await page.waitForTimeout(4000);
      assert.equal(proxy.posts(id).length, 1);
      assert.equal((await collector.rows()), 0);
      assert.equal(await outboxSize(page), 0);
    });
  }

  test('a request that hangs times out and is retried: 1 row', async () => {
    proxy.plan('hang', 'pass');
    const page = await openForm();
    const id = await fillAndSubmit(page);
    await waitForSent(page);
    const [first, second] = proxy.posts(id);
    assert.equal(first.action, 'hang');
    assert.ok(second.at - first.at >= 19_000, `retried after ${second.at - first.at} ms`);
    assert.equal((await collector.rows()), 1);
  });

  test('the collector commits, then the connection drops: the retry gets the original 201, 1 row', async () => {
    proxy.plan('drop-after-commit', 'pass');
    const page = await openForm();
    const id = await fillAndSubmit(page);
    await waitForSent(page);
    assert.deepEqual(proxy.posts(id).map((p) => p.action), ['drop-after-commit', 'pass']);
    // The reference the collector stored with its first commit is the one the citizen sees.
    const reference = await storedReference(collector.db, id);
    assert.match(reference, /^AN-/);
    assert.ok((await status(page).textContent()).includes(reference));
    assert.equal((await collector.rows()), 1);
  });

  test('the page reloads while an item is pending: it is delivered on the next load, 1 row', async () => {
    proxy.plan('hang');
    const page = await openForm();
    const id = await fillAndSubmit(page);
    await status(page).filter({ hasText: 'इस फ़ोन पर सहेजा गया' }).waitFor();
    await page.reload();
    await status(page).filter({ hasText: 'पिछला फ़ीडबैक भेज दिया गया' }).waitFor({ timeout: 20_000 });
    // The hung send, the keepalive send on pagehide, and the next load's
    // send: one key throughout, so one row.
    assert.ok(proxy.posts(id).length >= 2);
    assert.equal((await collector.rows()), 1);
    assert.equal(await outboxSize(page), 0);
  });

  test('the citizen leaves the page while the send hangs: the keepalive send on pagehide delivers it, 1 row', async () => {
    proxy.plan('hang', 'pass');
    const page = await openForm();
    const id = await fillAndSubmit(page);
    await status(page).filter({ hasText: 'इस फ़ोन पर सहेजा गया' }).waitFor();
    await page.waitForTimeout(300);
    assert.equal(proxy.posts(id).length, 1);
    const left = Date.now();
    await page.goto('about:blank');
    for (let i = 0; i < 50 && (await collector.rows()) === 0; i++) await new Promise((r) => setTimeout(r, 100));
    const posts = proxy.posts(id);
    assert.equal(posts.length, 2);
    assert.ok(posts[1].at >= left - 50, 'the second send came when the page was left');
    assert.equal((await collector.rows()), 1);
  });

  test('two tabs hold pending items: one request per key, 1 row each', async () => {
    const one = await openForm();
    const two = await openForm();
    await context.setOffline(true);
    const idOne = await fillAndSubmit(one);
    const idTwo = await fillAndSubmit(two);
    await context.setOffline(false);
    await Promise.all([waitForSent(one), waitForSent(two)]);
    await one.waitForTimeout(2500);
    assert.equal(proxy.posts(idOne).length, 1);
    assert.equal(proxy.posts(idTwo).length, 1);
    assert.equal((await collector.rows()), 2);
  });

  test('anonymous: no contact in the body, no request besides the POST, storage empty after the 2xx', async () => {
    const page = await openForm();
    await page.waitForLoadState('networkidle');
    const requests = [];
    page.on('request', (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname}`));
    const id = await fillAndSubmit(page);
    await waitForSent(page);
    await page.waitForTimeout(500);
    assert.deepEqual(requests, ['POST /api/feedback']);
    const [row] = await (await fetch(`${collector.base}/api/feedback`, {
      headers: { Authorization: 'Bearer test-admin-token-0123456789' },
    })).json().then((j) => j.items);
    assert.equal(row.id, id);
    assert.equal(row.anonymous, true);
    assert.equal('contact' in row, false);
    assert.equal(await outboxSize(page), 0);
    assert.equal((await collector.rows()), 1);
  });
});
