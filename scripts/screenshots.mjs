// Screenshots of the demo for the README (docs/*.png), made from the built
// dist/ served by the collector, as `npm start` does. `--all` also writes 360 px and desktop shots in
// both languages, and the error state, to screenshots-tmp/ for review.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePosters } from '../dist/posters-lib.js';
import { launch } from '../test/support/browser.mjs';
import { startSiteCollector } from '../collector/test/support.mjs';

const all = process.argv.includes('--all');
// On npm start's port (PORT, else 8080) when it is free, so the URLs under the codes read as
// they do for someone trying the demo; else on any port.
// With the demo's sample data, as npm start runs it, so the console has something to show.
const demo = {
  stations: 'demo/stations.json', demoData: true, logo: 'demo/logo.svg',
  siteName: { hi: 'बिलासपुर रेंज पुलिस', en: 'Bilaspur Range Police' },
};
const port = Number(process.env.PORT ?? 8080);
const collector = await startSiteCollector({ port, ...demo }).catch(() => {
  console.warn(`port ${port} is taken (is npm start running?): the URLs in these shots show another port`);
  return startSiteCollector(demo);
});
const base = collector.base;
const browser = await launch();

async function shot(path, file, { width = 360, height = 740, lang, full = true, action } = {}) {
  const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: width < 500 ? 2 : 1 });
  await page.goto(base + path);
  await page.locator('anubhav-feedback, station-qr').first().waitFor();
  await page.waitForTimeout(300);
  if (lang) await page.evaluate((l) => document.querySelectorAll('anubhav-feedback, station-qr').forEach((e) => (e.lang = l)), lang);
  if (action) await action(page);
  await page.waitForTimeout(200);
  await page.screenshot({ path: file, fullPage: full });
  await page.close();
  console.log('wrote', file);
}

mkdirSync('docs', { recursive: true });
await shot('/?station=BSP-CIVIL-LINES', 'docs/feedback-hi-360.png', { full: false });
// A phone set to 200% text: the ratings wrap rather than overlap.
await shot('/?station=BSP-CIVIL-LINES', 'docs/feedback-hi-360-200.png', { full: false, action: async (page) => {
  await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
  await page.locator('anubhav-feedback fieldset.rating').first().scrollIntoViewIfNeeded();
} });
// A Dial 112 vehicle's sticker opens its own questions, with the vehicle named.
for (const lang of ['hi', 'en']) {
  await shot('/?station=BSP-112-ERV-01', `docs/feedback-112-${lang}-360.png`, { full: false, lang, action: async (page) => {
    await page.locator('anubhav-feedback input[name="q-arrival"]').first().waitFor({ state: 'attached' });
    await page.locator('anubhav-feedback .station-line').first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
  } });
}

// The vehicle stickers, as anubhav-posters draws them (a 100 mm label at 6 px per mm).
{
  const dir = mkdtempSync(join(tmpdir(), 'stickers-'));
  for (const size of ['100x100', '150x100']) {
    const out = join(dir, size);
    await makePosters({ stations: 'demo/stations.json', formUrl: 'https://bilaspurpolice.example.gov.in/feedback', lang: 'both', size, out, force: false });
    const [w, h] = size.split('x').map((mm) => Number(mm) * 6);
    const page = await browser.newPage({ viewport: { width: w, height: h } });
    const svg = readFileSync(join(out, 'BSP-112-ERV-01.svg'), 'utf8');
    await page.setContent(`<body style="margin:0"><img style="display:block;width:${w}px;height:${h}px" src="data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}"></body>`);
    await page.locator('img').evaluate((img) => img.decode());
    await page.screenshot({ path: `docs/sticker-${size}.png` });
    await page.close();
    console.log('wrote', `docs/sticker-${size}.png`);
  }
  rmSync(dir, { recursive: true, force: true });
}

await shot('/stations.html', 'docs/station-qr.png', { width: 1100, height: 560, full: false });
await shot('/posters.html', 'docs/poster-a5.png', { width: 640, height: 900, full: false, action: (page) => page.locator('station-qr').first().scrollIntoViewIfNeeded() });

/**
 * The collector's hosted page (/f) at 360 px. `js: false` is a phone
 * without script: the form posts natively, and the confirmation is the
 * server's page.
 */
async function hostedShot(path, file, { js = true, action, full = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, javaScriptEnabled: js });
  const page = await context.newPage();
  await page.goto(base + path);
  await page.locator('main').waitFor();
  if (js && await page.locator('anubhav-feedback').count()) await page.waitForFunction(() => document.querySelector('anubhav-feedback')?.hasUpdated);
  if (action) await action(page);
  await page.waitForTimeout(300);
  await page.screenshot({ path: file, fullPage: full });
  await context.close();
  console.log('wrote', file);
}

/** Answers the required questions of the form, in either language, as a person would. */
async function answerRequired(page) {
  for (const name of ['purpose', 'staffBehaviour', 'moneyDemanded', 'overall']) {
    await page.locator(`anubhav-feedback input[name="q-${name}"]`).nth(name === 'moneyDemanded' ? 0 : 3).check();
  }
}

for (const lang of ['hi', 'en']) {
  await hostedShot(`/f?station=BSP-CIVIL-LINES&lang=${lang}`, `docs/hosted-${lang}-360.png`);
}
await hostedShot('/f?station=BSP-CIVIL-LINES', 'docs/hosted-sent-hi-360.png', { js: false, action: async (page) => {
  await answerRequired(page);
  await page.waitForTimeout(3000); // a person's pace: the collector drops sub-3 s "bots"
  await page.getByRole('button', { name: 'फ़ीडबैक भेजें' }).click();
  await page.waitForURL(/\/f\/sent/);
} });

/** The office console, signed in with the demo's range account: the overview with one district open, or a case. */
async function consoleShot(view, file, { width = 1280, height = 900, lang, full = false } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: width < 500 ? 2 : 1 });
  const page = await context.newPage();
  await page.goto(`${base}/console/`);
  await page.locator('#token').fill(collector.demo.accounts.find((a) => a.role === 'range').token);
  await page.locator('#token').press('Enter');
  await page.locator('table.overview').waitFor();
  await page.locator('anubhav-console').evaluate((el, l) => (el.lang = l), lang);
  if (view === 'overview') {
    await page.locator('button.toggle').first().click();
  } else {
    // A case with a money demand, notes and a contact: the most a case shows.
    await page.goto(`${base}/console/#/inbox`);
    await page.locator('ol.cases').waitFor();
    const refs = await page.locator('ol.cases li.money a.ref').allTextContents();
    for (const ref of refs) {
      await page.goto(`${base}/console/#/case/${ref}`);
      await page.locator('.answers dl').waitFor();
      if (await page.locator('ol.notes').count()) break;
    }
  }
  await page.waitForTimeout(300);
  await page.screenshot({ path: file, fullPage: full });
  await context.close();
  console.log('wrote', file);
}

for (const lang of ['hi', 'en']) {
  await consoleShot('overview', `docs/console-overview-${lang}.png`, { lang });
  await consoleShot('case', `docs/console-case-${lang}.png`, { lang });
}

if (all) {
  mkdirSync('screenshots-tmp', { recursive: true });
  for (const lang of ['hi', 'en']) {
    await consoleShot('overview', `screenshots-tmp/console-overview-${lang}-360.png`, { lang, width: 360, height: 740, full: true });
    await consoleShot('case', `screenshots-tmp/console-case-${lang}-360.png`, { lang, width: 360, height: 740, full: true });
  }

  const submit = (page) => page.getByRole('button', { name: /भेजें|Send feedback/ }).click();
  for (const lang of ['hi', 'en']) {
    await shot('/?station=BSP-CIVIL-LINES', `screenshots-tmp/form-${lang}-360.png`, { lang });
    await shot('/', `screenshots-tmp/picker-${lang}-1280.png`, { width: 1280, height: 900, lang });
    await shot('/?station=BSP-CIVIL-LINES', `screenshots-tmp/errors-${lang}-360.png`, { lang, action: submit, full: false });
    await shot('/stations.html', `screenshots-tmp/qr-${lang}-360.png`, { lang });
    await hostedShot(`/f?station=BSP-CIVIL-LINES&lang=${lang}`, `screenshots-tmp/hosted-${lang}-360-full.png`, { full: true });
    await hostedShot(`/f?station=BSP-CIVIL-LINES&lang=${lang}`, `screenshots-tmp/hosted-nojs-${lang}-360-full.png`, { js: false, full: true });
    await hostedShot(`/f?station=NO-SUCH&lang=${lang}`, `screenshots-tmp/hosted-picker-${lang}-360.png`, { full: true });
    await hostedShot(`/f?station=BSP-CIVIL-LINES&lang=${lang}`, `screenshots-tmp/hosted-errors-${lang}-360.png`, { js: false, full: false,
      action: (page) => page.getByRole('button', { name: /भेजें|Send feedback/ }).click() });
    await hostedShot(`/privacy?lang=${lang}`, `screenshots-tmp/hosted-privacy-${lang}-360.png`, { full: true });
    await shot('/?station=BSP-CIVIL-LINES', `screenshots-tmp/sent-${lang}-360.png`, { lang, full: false, action: async (page) => {
      for (const name of ['purpose', 'staffBehaviour', 'moneyDemanded', 'overall']) {
        await page.locator(`anubhav-feedback input[name="q-${name}"]`).first().check();
      }
      await page.waitForTimeout(3000); // a person's pace: the collector drops sub-3 s "bots"
      await submit(page);
      await page.getByRole('status').filter({ hasText: /AN-[0-9A-Z]{4}-[0-9A-Z]{3}/ }).waitFor();
    } });
  }
}
await browser.close();
await collector.close();
