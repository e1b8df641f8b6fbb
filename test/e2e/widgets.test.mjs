// End to end: the built dist/anubhav.js on a plain page served over loopback
// under the strict CSP and Trusted Types policy of SPEC.md, driven by
// Playwright in Chromium, submitting to a real HTTP server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { STRICT_CSP } from '../../collector/dist/index.js';
import { launch } from '../support/browser.mjs';
import { startSiteCollector, storedPayloads, storedReference } from '../../collector/test/support.mjs';

let collector, base, browser;
const received = () => storedPayloads(collector.db);

before(async () => {
  // Playwright fills the form faster than any person; the minimum fill time
  // is tested on its own in the collector's tests.
  collector = await startSiteCollector({ minFillMs: 0 });
  base = collector.base;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await collector?.close();
});

/** A page that records CSP violations, and every request that leaves loopback. */
async function openPage(path) {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  const report = { violations: [], foreign: [], errors: [], paths: [] };
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('data:')) report.foreign.push(r.url());
    report.paths.push(new URL(r.url()).pathname);
  });
  page.on('pageerror', (e) => report.errors.push(e.message));
  const response = await page.goto(base + path);
  assert.equal(response.headers()['content-security-policy'], STRICT_CSP);
  report.violations = () => page.evaluate(() => window.__violations);
  return { page, report };
}

describe('dist/anubhav.js under a strict CSP', () => {
  test('a citizen fills the Hindi form by its labels and the server receives the exact payload', async () => {
    const { page, report } = await openPage('/e2e/strict.html?station=BSP-CIVIL-LINES');
    await page.getByText('सिविल लाइन', { exact: true }).waitFor();
    await page.getByRole('radiogroup', { name: /आपके आने का उद्देश्य/ }).getByLabel('शिकायत / एफआईआर').check();
    await page.getByRole('radiogroup', { name: /व्यवहार कैसा था/ }).getByLabel('4 अच्छा').check();
    await page.getByRole('radiogroup', { name: /पैसे, उपहार/ }).getByLabel('नहीं', { exact: true }).check();
    await page.getByRole('radiogroup', { name: /कुल मिलाकर/ }).getByLabel('5 बहुत अच्छा').check();
    await page.getByLabel('सुझाव या अन्य बात').fill('स्टाफ़ ने मदद की <b>धन्यवाद</b>');
    const count = (await received()).length;
    await page.getByRole('button', { name: 'फ़ीडबैक भेजें' }).click();
    await page.getByRole('status').filter({ hasText: 'संदर्भ नंबर' }).waitFor();

    assert.equal((await received()).length, count + 1);
    const body = (await received()).at(-1);
    assert.deepEqual(Object.keys(body).sort(), ['anonymous', 'answers', 'createdAt', 'district', 'id', 'lang', 'schema', 'source', 'station']);
    assert.equal(body.schema, 'anubhav.feedback/v1');
    assert.equal(body.station, 'BSP-CIVIL-LINES');
    assert.equal(body.district, 'bilaspur');
    assert.equal(body.lang, 'hi');
    assert.equal(body.source, 'qr');
    assert.equal(body.anonymous, true);
    assert.equal('contact' in body, false);
    const { visitDate, ...answers } = body.answers;
    assert.match(visitDate, /^\d{4}-\d{2}-\d{2}$/);
    assert.deepEqual(answers, {
      purpose: 'complaint', staffBehaviour: 4, moneyDemanded: 'no', overall: 5, comment: 'स्टाफ़ ने मदद की <b>धन्यवाद</b>',
    });
    // The reference shown is the one the collector issued and stored.
    const reference = await storedReference(collector.db, body.id);
    assert.match(reference, /^AN-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{3}$/);
    assert.ok((await page.getByRole('status').textContent()).includes(reference));

    assert.deepEqual(await report.violations(), []);
    assert.deepEqual(report.foreign, []);
    assert.deepEqual(report.errors, []);
    await page.close();
  });

  test('in English, with identity shared, the contact arrives normalised', async () => {
    const { page, report } = await openPage('/e2e/strict.html');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByLabel('District').selectOption({ label: 'Korba' });
    await page.getByLabel('Police station or office').selectOption({ label: 'Darri' });
    await page.getByRole('radiogroup', { name: /Purpose of visit/ }).getByLabel('Verification (passport, character)').check();
    await page.getByRole('radiogroup', { name: /How did the police staff behave/ }).getByLabel('2 Bad').check();
    await page.getByRole('radiogroup', { name: /money, a gift/ }).getByLabel('Prefer not to say').check();
    await page.getByRole('radiogroup', { name: /Overall experience/ }).getByLabel('3 Average').check();
    await page.getByLabel('Keep my identity confidential').uncheck();
    await page.getByRole('textbox', { name: 'Name (required)' }).fill('Ramesh Kumar');
    await page.getByLabel('Mobile number').fill('+91 98765-43210');
    await page.getByLabel('You may call me back about this feedback').check();
    await page.getByRole('button', { name: 'Send feedback' }).click();
    await page.getByRole('status').filter({ hasText: 'Reference number' }).waitFor();

    const body = (await received()).at(-1);
    assert.equal(body.lang, 'en');
    assert.equal(body.station, 'KRB-DARRI');
    assert.equal(body.district, 'korba');
    assert.equal(body.source, 'web');
    assert.equal(body.anonymous, false);
    assert.deepEqual(body.contact, { name: 'Ramesh Kumar', mobile: '9876543210', callback: true });
    assert.deepEqual(await report.violations(), []);
    assert.deepEqual(report.foreign, []);
    await page.close();
  });

  test('the station QR renders under the policy and the policy is really enforced', async () => {
    const { page, report } = await openPage('/e2e/strict.html');
    const code = page.getByRole('img', { name: /तारबाहर/ });
    await code.waitFor();
    assert.match(await code.getAttribute('aria-label'), /e2e\/strict\.html\?station=BSP-TARBAHAR/);
    // Trusted Types is on: a raw HTML sink throws on this page.
    const blocked = await page.evaluate(() => {
      try {
        document.createElement('div').innerHTML = '<b>x</b>';
        return false;
      } catch {
        return true;
      }
    });
    assert.equal(blocked, true);
    assert.deepEqual(report.foreign, []);
    await page.close();
  });

  test('the downloads load station-qr-print.js from next to the script, under the policy', async () => {
    const { page, report } = await openPage('/e2e/strict.html');
    await page.getByRole('img', { name: /तारबाहर/ }).waitFor();
    await page.waitForLoadState('networkidle');
    assert.ok(report.paths.includes('/dist/anubhav.js'));
    assert.ok(!report.paths.includes('/dist/station-qr-print.js'), 'print code is not fetched before it is needed');

    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'क्यूआर कोड (SVG)' }).click()]);
    assert.equal(svg.suggestedFilename(), 'anubhav-qr-BSP-TARBAHAR.svg');
    assert.match(await readFile(await svg.path(), 'utf8'), /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+"/);
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'क्यूआर कोड (PNG)' }).click()]);
    const bytes = await readFile(await png.path());
    assert.equal(bytes.subarray(1, 4).toString(), 'PNG');
    assert.equal(bytes.readUInt32BE(16), 1748, 'PNG width: 300 dpi across A5');
    assert.equal(report.paths.filter((p) => p === '/dist/station-qr-print.js').length, 1, 'fetched once');

    assert.deepEqual(await report.violations(), []);
    assert.deepEqual(report.foreign, []);
    assert.deepEqual(report.errors, []);
    await page.close();
  });

  test('a drop-in copied without station-qr-print.js says so when a download is pressed', async () => {
    const { page, report } = await openPage('/e2e/strict.html');
    await page.route('**/dist/station-qr-print.js*', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.getByRole('button', { name: 'क्यूआर कोड (SVG)' }).click();
    const alert = page.locator('station-qr').getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.textContent(), /station-qr-print\.js/);
    // The code itself is untouched.
    assert.ok(await page.getByRole('img', { name: /तारबाहर/ }).isVisible());
    assert.deepEqual(report.errors, []);
    await page.close();
  });
});
