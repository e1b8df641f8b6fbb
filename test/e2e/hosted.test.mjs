// End to end: the collector's hosted page (/f) in Chromium, against the real
// collector and its SQLite file: under its own CSP, with the script
// delayed, with JavaScript off, and through axe.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launch } from '../support/browser.mjs';
import { startCollectorInProcess, storedPayloads, storedReference } from '../../collector/test/support.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const STATION = '/f?station=BSP-CIVIL-LINES';

let collector, browser;
const rows = () => storedPayloads(collector.db);

before(async () => {
  // Playwright answers faster than any person; the minimum fill time has its own test.
  collector = await startCollectorInProcess({
    stations: 'demo/stations.json', minFillMs: 0, logo: 'demo/logo.svg',
    siteName: { hi: 'बिलासपुर रेंज पुलिस', en: 'Bilaspur Range Police' },
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await collector?.close();
});

/**
 * A page in its own context at a phone's size, recording CSP violations,
 * page errors and every request. `bypassCSP` only for axe, which the test
 * adds; `javaScriptEnabled: false` for the path without script.
 */
async function open(path, { js = true, axe = false, setup, waitUntil = 'load' } = {}) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: js, bypassCSP: axe });
  const page = await context.newPage();
  const report = { errors: [], requests: [] };
  if (js && !axe) {
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
  }
  page.on('pageerror', (e) => report.errors.push(e.message));
  page.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/favicon.ico') && report.errors.push(`${r.status()} ${r.url()}`));
  page.on('request', (r) => report.requests.push(r.url()));
  await setup?.(page);
  const response = await page.goto(collector.base + path, { waitUntil });
  return { page, response, report, violations: () => page.evaluate(() => window.__violations), close: () => context.close() };
}

const hydrated = (page) => page.waitForFunction(() => {
  const el = document.querySelector('anubhav-feedback');
  return customElements.get('anubhav-feedback') && el.hasUpdated && !el.shadowRoot.querySelector('#q-moneyDetail');
});

async function answerRequired(page, lang = 'hi') {
  const hi = lang === 'hi';
  await page.getByRole('radiogroup', { name: hi ? /आपके आने का उद्देश्य/ : /Purpose of visit/ }).getByLabel(hi ? 'शिकायत / एफआईआर' : 'Complaint / FIR').check();
  await page.getByRole('radiogroup', { name: hi ? /व्यवहार कैसा था/ : /police staff behave/ }).getByLabel(hi ? '4 अच्छा' : '4 Good').check();
  await page.getByRole('radiogroup', { name: hi ? /पैसे, उपहार/ : /ask for money/ }).getByLabel(hi ? 'नहीं' : 'No', { exact: true }).check();
  await page.getByRole('radiogroup', { name: hi ? /कुल मिलाकर/ : /Overall experience/ }).getByLabel(hi ? '5 बहुत अच्छा' : '5 Very good').check();
}

async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { rules: { 'label-content-name-mismatch': { enabled: true } } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

describe('the hosted page with JavaScript', () => {
  test('paints the server-rendered form, hydrates it under its own CSP, and sends through the outbox', async () => {
    const { page, response, report, violations, close } = await open(STATION);
    const headers = response.headers();
    assert.match(headers['content-security-policy'], /script-src 'self';/);
    assert.match(headers['content-security-policy'], /require-trusted-types-for 'script'/);
    assert.equal(headers['cache-control'], 'no-cache');
    // The form is in the HTML itself: declarative shadow DOM, before any script.
    const html = await response.text();
    assert.match(html, /<anubhav-feedback[^>]*><template shadowroot(mode)?="open"/);
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
    await hydrated(page);
    await answerRequired(page);
    const queued = page.evaluate(() => new Promise((resolve) => document.addEventListener('feedback-queued', (e) => resolve(e.detail.id), { once: true })));
    const before = (await rows()).length;
    await page.getByRole('button', { name: 'फ़ीडबैक भेजें' }).click();
    await page.getByRole('status').filter({ hasText: 'संदर्भ नंबर' }).waitFor();
    const id = await queued;
    assert.equal((await rows()).length, before + 1);
    const body = (await rows()).at(-1);
    assert.equal(body.id, id, 'the response went through the outbox');
    assert.equal(body.source, 'qr');
    assert.equal(body.district, 'bilaspur');
    assert.deepEqual({ ...body.answers, visitDate: undefined }, { purpose: 'complaint', staffBehaviour: 4, moneyDemanded: 'no', overall: 5, visitDate: undefined });
    assert.ok((await page.getByRole('status').textContent()).includes(await storedReference(collector.db, id)));
    assert.deepEqual(await violations(), []);
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.requests.filter((u) => !u.startsWith(collector.base)), [], 'no third-party request');
    await close();
  });

  test('a radio chosen before the script arrives keeps its state after the upgrade', async () => {
    let release;
    const gate = new Promise((resolve) => { release = resolve; });
    // A module script holds back DOMContentLoaded, not the first paint.
    const { page, violations, report, close } = await open(STATION, {
      waitUntil: 'commit',
      setup: (p) => p.route(/\/f\/anubhav-hosted\.[0-9a-f]+\.js$/, async (route) => {
        await gate;
        await route.continue();
      }),
    });
    // Answer while the script is held back: the form works without it.
    await page.getByRole('radiogroup', { name: /आपके आने का उद्देश्य/ }).getByLabel('सत्यापन (पासपोर्ट, चरित्र)').check();
    await page.getByRole('radiogroup', { name: /पैसे, उपहार/ }).getByLabel('हाँ', { exact: true }).check();
    await page.getByLabel(/क्या हुआ, बताएँ/).fill('चाय के पैसे माँगे');
    // Near its cap a short text grows a counter, which the server did not render.
    const officer = 'स'.repeat(90);
    await page.getByLabel(/संबंधित अधिकारी का नाम/).fill(officer);
    assert.equal(await page.evaluate(() => customElements.get('anubhav-feedback')), undefined, 'not upgraded yet');
    release();
    await page.waitForFunction(() => document.querySelector('anubhav-feedback').hasUpdated && !document.querySelector('anubhav-feedback').full);
    assert.equal(await page.getByLabel('सत्यापन (पासपोर्ट, चरित्र)').isChecked(), true);
    assert.equal(await page.getByRole('radiogroup', { name: /पैसे, उपहार/ }).getByLabel('हाँ', { exact: true }).isChecked(), true);
    // The element took the answers into its state: the detail box stays
    // (it shows for "yes"), and the response carries them.
    assert.equal(await page.getByLabel(/क्या हुआ, बताएँ/).inputValue(), 'चाय के पैसे माँगे');
    await page.getByRole('radiogroup', { name: /व्यवहार कैसा था/ }).getByLabel('2 खराब').check();
    await page.getByRole('radiogroup', { name: /कुल मिलाकर/ }).getByLabel('1 बहुत खराब').check();
    await page.getByRole('button', { name: 'फ़ीडबैक भेजें' }).click();
    await page.getByRole('status').filter({ hasText: 'संदर्भ नंबर' }).waitFor();
    const body = (await rows()).at(-1);
    assert.equal(body.answers.purpose, 'verification');
    assert.equal(body.answers.moneyDemanded, 'yes');
    assert.equal(body.answers.moneyDetail, 'चाय के पैसे माँगे');
    assert.equal(body.answers.officer, officer);
    assert.deepEqual(await violations(), []);
    assert.deepEqual(report.errors, []);
    await close();
  });

  test('an unknown station shows the district → station picker with a message, and a preset can be changed', async () => {
    const { page, response, close } = await open('/f?station=NO-SUCH-STATION&lang=en');
    assert.equal(response.status(), 404);
    await page.getByText('The station in this link (NO-SUCH-STATION) is not in our list').waitFor();
    await page.getByRole('link', { name: 'Bilaspur' }).click();
    await page.getByRole('link', { name: 'Civil Lines', exact: true }).click();
    await hydrated(page);
    await page.getByText('Police station: Civil Lines, Bilaspur').waitFor();
    await page.getByRole('link', { name: /Not the right station/ }).click();
    await page.getByRole('heading', { name: 'Police stations and offices in Bilaspur' }).waitFor();
    await close();
  });
});

describe('the hosted page of a Dial 112 vehicle: its own questions', () => {
  const VEHICLE = '/f?station=BSP-112-ERV-01';
  async function answer112(page) {
    await page.getByRole('radiogroup', { name: /112 की गाड़ी कितनी देर में पहुँची/ }).getByLabel('10 से 20 मिनट').check();
    await page.getByRole('radiogroup', { name: /पैसे, उपहार/ }).getByLabel('नहीं', { exact: true }).check();
    await page.getByRole('radiogroup', { name: /कुल मिलाकर/ }).getByLabel('4 अच्छा').check();
  }

  test('without script: the 112 questions and the vehicle are in the HTML, and a post stores a dial-112@1 response', async () => {
    const { page, response, close } = await open(VEHICLE, { js: false });
    const html = await response.text();
    assert.match(html, /CG 10 ZZ 0101/);
    assert.doesNotMatch(html, /आपके आने का उद्देश्य/, 'no station question');
    await answer112(page);
    const before = (await rows()).length;
    await page.getByRole('button', { name: 'फ़ीडबैक भेजें' }).click();
    await page.waitForURL(/\/f\/sent\?/);
    assert.equal((await rows()).length, before + 1);
    const body = (await rows()).at(-1);
    assert.equal(body.questionSet, 'dial-112@1');
    assert.equal(body.station, 'BSP-112-ERV-01');
    assert.deepEqual({ ...body.answers, callDate: undefined }, { arrival: 'lt20m', moneyDemanded: 'no', overall: 4, callDate: undefined });
    await close();
  });

  test('with script: an answer given before hydration is kept, the form hydrates once it has the set, and sends it', async () => {
    const { page, report, violations, close } = await open(VEHICLE, {
      // The script comes late, so that the citizen answers the server's form first.
      setup: (p) => p.route('**/f/anubhav-hosted.*.js', async (route) => { await new Promise((r) => setTimeout(r, 800)); await route.continue(); }),
      waitUntil: 'commit',
    });
    await page.getByRole('radiogroup', { name: /112 की गाड़ी कितनी देर में पहुँची/ }).getByLabel('10 से 20 मिनट').check();
    await page.waitForFunction(() => {
      const el = document.querySelector('anubhav-feedback');
      return customElements.get('anubhav-feedback') && el.hasUpdated && !el.hasAttribute('defer-hydration');
    });
    assert.ok(await page.getByRole('radiogroup', { name: /112 की गाड़ी कितनी देर में पहुँची/ }).getByLabel('10 से 20 मिनट').isChecked());
    await page.getByRole('radiogroup', { name: /पैसे, उपहार/ }).getByLabel('नहीं', { exact: true }).check();
    await page.getByRole('radiogroup', { name: /कुल मिलाकर/ }).getByLabel('4 अच्छा').check();
    const before = (await rows()).length;
    await page.getByRole('button', { name: 'फ़ीडबैक भेजें' }).click();
    await page.getByRole('status').filter({ hasText: 'संदर्भ नंबर' }).waitFor();
    assert.equal((await rows()).length, before + 1);
    const body = (await rows()).at(-1);
    assert.equal(body.questionSet, 'dial-112@1');
    assert.equal(body.answers.arrival, 'lt20m');
    assert.ok(report.requests.some((u) => /\/f\/sets\/dial-112\.js/.test(u)), 'the set came from beside the script');
    assert.deepEqual(await violations(), []);
    assert.deepEqual(report.errors, []);
    await close();
  });
});

describe('the hosted page without JavaScript', () => {
  for (const lang of ['hi', 'en']) {
    test(`${lang}: the form shows, and a submission gets a reference on a confirmation page`, async () => {
      const { page, close } = await open(`${STATION}&lang=${lang}`, { js: false });
      await page.getByRole('heading', { name: lang === 'hi' ? 'अपना अनुभव बताएँ' : 'Share your experience' }).waitFor();
      await answerRequired(page, lang);
      await page.getByLabel(lang === 'hi' ? 'सुझाव या अन्य बात' : 'Suggestions or anything else').fill('<b>ठीक</b> & "good"');
      const before = (await rows()).length;
      await page.getByRole('button', { name: lang === 'hi' ? 'फ़ीडबैक भेजें' : 'Send feedback' }).click();
      await page.waitForURL(/\/f\/sent\?/);
      assert.equal((await rows()).length, before + 1);
      const body = (await rows()).at(-1);
      assert.equal(body.lang, lang);
      assert.equal(body.source, 'qr');
      assert.equal(body.anonymous, true);
      assert.equal(body.answers.comment, '<b>ठीक</b> & "good"');
      const reference = await storedReference(collector.db, body.id);
      assert.equal(await page.locator('.reference').textContent(), reference);
      await close();
    });
  }

  test('a double submit stores one row and shows the same reference', async () => {
    const { page, close } = await open(STATION, { js: false });
    await answerRequired(page);
    const posts = [];
    page.on('request', (r) => r.method() === 'POST' && posts.push({ url: r.url(), body: r.postData() }));
    const before = (await rows()).length;
    // A double tap: the browser sends the form twice, with the one id the page holds.
    await page.getByRole('button', { name: 'फ़ीडबैक भेजें' }).dblclick();
    await page.waitForURL(/\/f\/sent\?/);
    const reference = await page.locator('.reference').textContent();
    assert.equal((await rows()).length, before + 1);
    assert.equal(reference, await storedReference(collector.db, (await rows()).at(-1).id));
    // Sent again later (a resubmit), it is a replay: the same reference, no new row.
    const again = await page.request.post(posts[0].url, {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, data: posts[0].body, maxRedirects: 0,
    });
    assert.equal(again.status(), 303);
    assert.equal(new URL(again.headers().location, collector.base).searchParams.get('ref'), reference);
    assert.equal((await rows()).length, before + 1);
    await close();
  });

  test('an invalid submission comes back with the error summary and every answer kept', async () => {
    const { page, close } = await open(STATION, { js: false });
    await page.getByRole('radiogroup', { name: /आपके आने का उद्देश्य/ }).getByLabel('यातायात / ई-चालान').check();
    await page.getByLabel('सुझाव या अन्य बात').fill('नाम देना है');
    await page.getByLabel('मेरी पहचान गोपनीय रखें').uncheck();
    await page.getByLabel('नाम (ज़रूरी)').fill('रमेश');
    await page.getByLabel('मोबाइल नंबर').fill('12345');
    const before = (await rows()).length;
    await page.getByRole('button', { name: 'फ़ीडबैक भेजें' }).click();
    await page.getByText('कृपया ये जानकारी ठीक करें').waitFor();
    assert.equal((await rows()).length, before);
    const summary = page.locator('anubhav-feedback').getByRole('alert');
    const text = await summary.textContent();
    for (const part of ['व्यवहार', 'कुल मिलाकर', 'मोबाइल']) assert.ok(text.includes(part), `${part} in ${text}`);
    assert.equal(await page.getByLabel('यातायात / ई-चालान').isChecked(), true);
    assert.equal(await page.getByLabel('सुझाव या अन्य बात').inputValue(), 'नाम देना है');
    assert.equal(await page.getByLabel('मेरी पहचान गोपनीय रखें').isChecked(), false);
    assert.equal(await page.getByLabel('नाम (ज़रूरी)').inputValue(), 'रमेश');
    assert.equal(await page.getByLabel('मोबाइल नंबर').inputValue(), '12345');
    // Corrected, it goes through, with the contact.
    await answerRequired(page);
    await page.getByLabel('यातायात / ई-चालान').check();
    await page.getByLabel('मोबाइल नंबर').fill('98765 43210');
    await page.getByRole('button', { name: 'फ़ीडबैक भेजें' }).click();
    await page.waitForURL(/\/f\/sent\?/);
    const body = (await rows()).at(-1);
    assert.deepEqual(body.contact, { name: 'रमेश', mobile: '9876543210', callback: false });
    assert.equal(body.answers.purpose, 'traffic');
    await close();
  });

  test('the language switch, the identity fields and the money detail are plain links and fields', async () => {
    const { page, close } = await open(STATION, { js: false });
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Share your experience' }).waitFor();
    await page.getByLabel('Tell us what happened (optional)').fill('asked for 500');
    await page.getByLabel('Name (required)').waitFor();
    await close();
  });
});

describe('axe on the hosted pages', () => {
  for (const lang of ['hi', 'en']) {
    test(`${lang}: the form, the error page and the confirmation pass axe`, async () => {
      // The script is refused, so that the form posts natively as without JavaScript.
      const { page, close } = await open(`${STATION}&lang=${lang}`, { axe: true, setup: (p) => p.route(/anubhav-hosted/, (r) => r.abort()) });
      assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);
      assert.deepEqual(await axe(page), [], 'form');
      await page.getByRole('button', { name: lang === 'hi' ? 'फ़ीडबैक भेजें' : 'Send feedback' }).click();
      await page.locator('anubhav-feedback').getByRole('alert').waitFor();
      assert.deepEqual(await axe(page), [], 'error page');
      await answerRequired(page, lang);
      await page.getByRole('button', { name: lang === 'hi' ? 'फ़ीडबैक भेजें' : 'Send feedback' }).click();
      await page.waitForURL(/\/f\/sent\?/);
      assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);
      assert.deepEqual(await axe(page), [], 'confirmation');
      await page.goto(`${collector.base}/privacy?lang=${lang}`);
      assert.deepEqual(await axe(page), [], 'privacy notice');
      await page.goto(`${collector.base}/f?station=NOPE&lang=${lang}`);
      assert.deepEqual(await axe(page), [], 'picker');
      await close();
    });
  }

  test('the hydrated form passes axe', async () => {
    const { page, close } = await open(STATION, { axe: true });
    await hydrated(page);
    assert.deepEqual(await axe(page), []);
    await close();
  });
});
