// End to end: the demo's pages and the office console's page, as the
// collector serves them (`npm start`) under the strict CSP, in Chromium.
// Each page has one level-1 heading and passes axe; the download buttons
// are named with their station; before the script runs, the form shows the
// emergency notice and a loading line from the page, and nothing on the
// page jumps when the elements draw themselves.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launch } from '../support/browser.mjs';
import { startSiteCollector } from '../../collector/test/support.mjs';

// axe-core comes with @open-wc/testing, which the browser tests use.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let collector, browser;

before(async () => {
  collector = await startSiteCollector({ stations: 'demo/stations.json' });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await collector?.close();
});

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A page in its own context, at a phone's size unless told. `bypassCSP`
 * only lets the test add axe to the page; the page's own code runs under
 * the policy as always.
 */
async function open(path, { width = 360, height = 740, setup } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, bypassCSP: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await setup?.(page);
  await page.goto(collector.base + path);
  return { page, errors, close: () => context.close() };
}

/** Waits until every custom element on the page has drawn itself. */
async function upgraded(page) {
  await page.waitForFunction(() => [...document.querySelectorAll('anubhav-feedback, station-qr, anubhav-console')]
    .every((el) => customElements.get(el.localName) && el.shadowRoot?.childElementCount));
  await page.waitForLoadState('networkidle');
}

/** axe's violations on the whole page, shadow roots included; label-in-name checked too. */
async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { rules: { 'label-content-name-mismatch': { enabled: true } } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

const pages = ['/', '/?station=BSP-CIVIL-LINES', '/stations.html', '/posters.html', '/privacy.html', '/console/'];

describe('the demo and office pages', () => {
  for (const path of pages) {
    test(`${path} has exactly one level-1 heading and passes axe`, async () => {
      const { page, errors, close } = await open(path);
      await upgraded(page);
      // Role locators reach into shadow roots: the console's heading is its element's own.
      assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);
      assert.deepEqual(await axe(page), []);
      assert.deepEqual(errors, []);
      await close();
    });
  }

  test('the QR download buttons are named with their station, their visible words whole', async () => {
    const { page, close } = await open('/stations.html', { width: 1280, height: 800 });
    await upgraded(page);
    for (const station of ['सिविल लाइन', 'तारबाहर', 'Chakarbhatha', 'City Kotwali']) {
      assert.equal(await page.getByRole('button', { name: new RegExp(station) }).count(), 2, station);
    }
    assert.equal(await page.getByRole('button', { name: 'सिविल लाइन का क्यूआर कोड (SVG)', exact: true }).count(), 1);
    assert.equal(await page.getByRole('button', { name: 'QR code (PNG) of Chakarbhatha', exact: true }).count(), 1);
    for (const button of await page.locator('station-qr').getByRole('button').all()) {
      const text = await button.textContent();
      assert.ok((await button.getAttribute('aria-label')).includes(text), `the name of "${text}" holds its words`);
    }
    await close();
  });

  test('the poster download buttons are named with their station', async () => {
    const { page, close } = await open('/posters.html', { width: 1280, height: 800 });
    await upgraded(page);
    const civilLines = page.getByRole('button', { name: /Civil Lines/ });
    assert.deepEqual(await civilLines.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label'))),
      ['पोस्टर (SVG)', 'पोस्टर (PNG)', 'क्यूआर कोड (SVG)', 'क्यूआर कोड (PNG)'].map((label) => `सिविल लाइन · Civil Lines का ${label}`));
    assert.equal(await page.getByRole('button', { name: /Tarbahar/ }).count(), 4);
    await close();
  });
});

describe('the demo poster page in print', () => {
  for (const text of [100, 200]) {
    test(`prints one A5 poster per page, its heading left off, at ${text}% text`, async () => {
      const { page, close } = await open('/posters.html', {
        setup: (p) => text === 100 ? undefined : p.route('**/demo.css', async (route) => {
          const response = await route.fetch();
          await route.fulfill({ response, body: `${await response.text()}\nhtml { font-size: ${text}%; }` });
        }),
      });
      await upgraded(page);
      const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
      assert.equal((pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length, await page.locator('station-qr').count());
      // The sheet keeps its design in print: the base text is 3.4% of its width.
      await page.emulateMedia({ media: 'print' });
      const [width, size] = await page.locator('station-qr').first().evaluate((el) => {
        const poster = el.shadowRoot.querySelector('.poster');
        return [poster.getBoundingClientRect().width, parseFloat(getComputedStyle(poster).fontSize)];
      });
      assert.ok(Math.abs(size - 0.034 * width) < 0.05, `${size}px on a ${width}px sheet`);
      await close();
    });
  }
});

describe('before the script runs', () => {
  test('the form page shows the emergency notice with its tel: link and a loading line, in Hindi', async () => {
    const { page, close } = await open('/', { setup: (p) => p.route('**/dist/anubhav-feedback.js', (route) => route.abort()) });
    await page.waitForLoadState('networkidle');
    assert.equal(await page.evaluate(() => customElements.get('anubhav-feedback')), undefined, 'the script never ran');
    const form = page.locator('anubhav-feedback');
    const notice = form.locator('.emergency');
    assert.ok(await notice.isVisible());
    assert.equal(await notice.textContent(), 'यह फ़ॉर्म आपात स्थिति के लिए नहीं है। आपात स्थिति में 112 डायल करें।');
    const call = form.getByRole('link', { name: '112' });
    assert.ok(await call.isVisible());
    assert.equal(await call.getAttribute('href'), 'tel:112');
    assert.ok(await form.getByText('फ़ीडबैक फ़ॉर्म लोड हो रहा है…').isVisible());
    // The space the form will take is kept: the footer is below the screen.
    assert.ok((await page.locator('footer').boundingBox()).y >= 740);
    assert.deepEqual(await axe(page), []);
    await close();
  });

  test('the QR page shows a loading line in each code\'s language', async () => {
    const { page, close } = await open('/stations.html', { setup: (p) => p.route('**/dist/anubhav.js', (route) => route.abort()) });
    await page.waitForLoadState('networkidle');
    assert.equal(await page.getByText('क्यूआर कोड लोड हो रहा है…').count(), 2);
    assert.equal(await page.getByText('Loading the QR code…').count(), 2);
    assert.ok(await page.getByText('Loading the QR code…').first().isVisible());
    await close();
  });

  test('once the script runs, the elements draw themselves in place of that content', async () => {
    const { page, close } = await open('/');
    await upgraded(page);
    const form = page.locator('anubhav-feedback');
    // The page's notice is no longer drawn; the form's own notice and link are.
    assert.equal(await page.locator('anubhav-feedback > .emergency').isVisible(), false);
    assert.equal(await page.getByText('फ़ीडबैक फ़ॉर्म लोड हो रहा है…').isVisible(), false);
    assert.ok(await form.locator('[part="emergency"]').isVisible());
    assert.equal(await form.getByRole('link', { name: '112' }).count(), 1);
    await close();

    const qr = await open('/stations.html');
    await upgraded(qr.page);
    assert.equal(await qr.page.getByText(/QR code…|कोड लोड/).filter({ visible: true }).count(), 0);
    assert.equal(await qr.page.getByRole('img', { name: /सिविल लाइन/ }).count(), 1);
    await qr.close();
  });
});

/**
 * The page's cumulative layout shift, as Chrome reports it: the largest
 * burst of layout-shift entries (gaps under 1 s, at most 5 s), counting
 * none that follow input. The script and the station list are slowed, so
 * that each stage (the page alone, the element drawn but loading, the full
 * form) lasts a few frames; at 200% the page's text is doubled.
 */
async function cls(path, { text = 100 } = {}) {
  const { page, close } = await open(path, {
    setup: async (p) => {
      await p.route(/\/dist\/anubhav(-feedback)?\.js$/, async (route) => { await wait(300); await route.continue(); });
      await p.route('**/stations.json', async (route) => { await wait(600); await route.continue(); });
      if (text !== 100) {
        await p.route('**/demo.css', async (route) => {
          const response = await route.fetch();
          await route.fulfill({ response, body: `${await response.text()}\nhtml { font-size: ${text}%; }` });
        });
      }
      await p.addInitScript(() => {
        window.__shifts = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push([e.startTime, e.value]);
        }).observe({ type: 'layout-shift', buffered: true });
      });
    },
  });
  await upgraded(page);
  await page.getByRole('group').first().or(page.getByRole('img').first()).waitFor();
  await wait(500);
  const shifts = await page.evaluate(() => window.__shifts);
  await close();
  let worst = 0, sum = 0, first = 0, last = -Infinity;
  for (const [t, value] of shifts) {
    if (t - last > 1000 || t - first > 5000) [sum, first] = [0, t];
    sum += value;
    last = t;
    worst = Math.max(worst, sum);
  }
  return worst;
}

describe('nothing jumps while the page loads', () => {
  for (const path of ['/', '/stations.html']) {
    for (const text of [100, 200]) {
      test(`${path} at ${text}% text: cumulative layout shift under 0.1`, async () => {
        const score = await cls(path, { text });
        assert.ok(score < 0.1, `CLS ${score.toFixed(3)}`);
      });
    }
  }
});
