// The built drop-in (dist/anubhav.js) on the strict-CSP page, in Chromium,
// against the real collector: a unit's own question set comes from beside
// the drop-in (dist/sets/), its response is stored under that set, and a
// set that cannot be fetched says so and loses nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from '../support/browser.mjs';
import { startSiteCollector, storedPayloads } from '../../collector/test/support.mjs';

let collector, browser;
before(async () => {
  collector = await startSiteCollector({ minFillMs: 0 });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await collector?.close();
});

const form = (page) => page.locator('anubhav-feedback');

describe('question sets from beside the drop-in', () => {
  test('a Dial 112 sticker opens the 112 questions with the vehicle, and the response is stored as dial-112@1', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    const csp = [];
    page.on('console', (m) => /Content Security Policy|Refused/.test(m.text()) && csp.push(m.text()));
    const fetched = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    await page.goto(`${collector.base}/e2e/strict.html?station=BSP-112-ERV-01`);
    await page.getByText('कॉल करने के बाद 112 की गाड़ी कितनी देर में पहुँची?').waitFor();
    assert.ok(fetched.includes('/dist/sets/dial-112.js'), fetched.join(' '));
    assert.ok(!fetched.some((p) => /sets\/(traffic|control-room)/.test(p)), 'only the set the unit asks');
    assert.match(await form(page).locator('.station-line').allInnerTexts().then((t) => t.join(' | ')), /डायल 112 वाहन CG 10 ZZ 0101 \(BSP-ERV-01\)/);
    for (const [question, value] of [['arrival', 'lt20m'], ['staffBehaviour', 5], ['moneyDemanded', 'no'], ['overall', 4]]) {
      await form(page).locator(`input[name="q-${question}"][value="${value}"]`).check();
    }
    await form(page).locator('button[type=submit]').click();
    await form(page).locator('.reference').waitFor();
    const stored = (await storedPayloads(collector.db)).find((p) => p.station === 'BSP-112-ERV-01');
    assert.equal(stored.questionSet, 'dial-112@1');
    assert.deepEqual(stored.answers, { callDate: stored.answers.callDate, arrival: 'lt20m', staffBehaviour: 5, moneyDemanded: 'no', overall: 4 });
    assert.deepEqual(csp, []);
    await page.close();
  });

  test('a set that cannot be fetched is said so in place of the questions, with the station, and a reload brings it', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.route('**/dist/sets/**', (route) => route.abort('internetdisconnected'));
    const errors = [];
    await page.exposeFunction('reportError', (detail) => errors.push(detail));
    await page.addInitScript(() => document.addEventListener('feedback-error', (e) => window.reportError(e.detail)));
    await page.goto(`${collector.base}/e2e/strict.html?station=BSP-TRAFFIC`);
    await form(page).getByText('प्रश्न लोड नहीं हो सके। इंटरनेट जाँचकर पेज फिर से खोलें।').waitFor();
    assert.match(await form(page).locator('.station-line').innerText(), /यातायात पुलिस/);
    assert.equal(await form(page).locator('fieldset, button[type=submit]').count(), 0);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].code, 'bad-questions');
    assert.match(errors[0].message, /^question set traffic@1: /);
    await page.unroute('**/dist/sets/**');
    await page.reload();
    await form(page).getByText('आपको किस कारण से रोका गया या चालान किया गया?').waitFor();
    await page.close();
  });

  for (const [station, question] of [['BSP-112-ERV-01', 'arrival'], ['BSP-CONTROL-ROOM', 'answered'], ['BSP-TRAFFIC', 'reason']]) {
    for (const lang of ['hi', 'en']) {
      test(`${station} at 360 px with 200% text, ${lang}: nothing scrolls sideways or leaves the screen`, async () => {
        const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
        await page.goto(`${collector.base}/e2e/strict.html?station=${station}`);
        await form(page).locator(`input[name="q-${question}"]`).first().waitFor({ state: 'attached' });
        await page.evaluate((l) => {
          document.querySelector('station-qr')?.remove();
          document.querySelector('anubhav-feedback').lang = l;
          document.documentElement.style.fontSize = '200%';
        }, lang);
        for (const state of ['initial', 'errors']) {
          if (state === 'errors') {
            await form(page).locator('button[type=submit]').click();
            await form(page).locator('.error-summary').waitFor();
          }
          const report = await page.evaluate(() => {
            const root = document.querySelector('anubhav-feedback').shadowRoot;
            const boxes = [...root.querySelectorAll('a, button, select, textarea, input:not([type=radio]), .option label, legend, p')]
              .filter((el) => el.offsetParent !== null && !el.closest('.trap'));
            return {
              scroll: document.documentElement.scrollWidth - innerWidth,
              outside: boxes.filter((el) => el.getBoundingClientRect().right > innerWidth + 0.5).map((el) => el.textContent.trim().slice(0, 30)),
              spilling: boxes.filter((el) => el.scrollWidth > el.clientWidth + 1 && !el.matches('legend, p')).map((el) => el.textContent.trim().slice(0, 30)),
            };
          });
          assert.deepEqual(report, { scroll: 0, outside: [], spilling: [] }, state);
        }
        await page.close();
      });
    }
  }
});
