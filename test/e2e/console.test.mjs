// The office console end to end: the collector's own /console/ page (the
// built dist/anubhav-console.js under the strict CSP) in Chromium, a citizen
// submitting through the demo form in another tab, and the real collector
// with its SQLite file. Sign in as the range, see the response arrive live,
// triage it, note it, show and erase the contact, close it; then sign in as
// a district and see only that district, the export and the stream included.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { STRICT_CSP } from '../../collector/dist/index.js';
import { launch } from '../support/browser.mjs';
import { startSiteCollector } from '../../collector/test/support.mjs';
import { runBin } from '../../collector/test/process.mjs';

const stations = new URL('../../demo/stations.json', import.meta.url).pathname;
let collector, browser, context;
const tokens = {};

before(async () => {
  collector = await startSiteCollector({ minFillMs: 0, stations });
  for (const [key, args] of Object.entries({
    range: ['--name', 'IG Bilaspur Range', '--role', 'range'],
    korba: ['--name', 'SP Korba', '--role', 'district', '--district', 'korba'],
  })) {
    const run = await runBin(['accounts', 'add', ...args, '--db', collector.db]);
    tokens[key] = /^(anubhav_\S+)$/m.exec(run.stdout)[1];
  }
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
});

after(async () => {
  await browser?.close();
  await collector?.close();
});

const violations = (page) => page.evaluate(() => window.__violations);

async function signIn(token) {
  await context.clearCookies();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const response = await page.goto(`${collector.base}/console/`);
  assert.equal(response.headers()['content-security-policy'], STRICT_CSP);
  await page.getByLabel('साइन-इन टोकन').fill(token);
  await page.getByRole('button', { name: 'साइन इन करें' }).click();
  await page.getByRole('navigation', { name: 'कंसोल' }).waitFor();
  await page.getByRole('button', { name: 'English' }).click();
  return { page, errors };
}

/** A citizen in another tab: the demo form for a station, filled and sent; returns the reference. */
async function citizenSubmits(station, { named = false } = {}) {
  const page = await context.newPage();
  await page.goto(`${collector.base}/?station=${station}`);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('radiogroup', { name: /Purpose of visit/ }).getByLabel('Complaint / FIR').check();
  await page.getByRole('radiogroup', { name: /How did the police staff behave/ }).getByLabel('1 Very bad').check();
  await page.getByRole('radiogroup', { name: /money, a gift/ }).getByLabel('Yes', { exact: true }).check();
  await page.getByRole('radiogroup', { name: /Overall experience/ }).getByLabel('2 Bad').check();
  if (named) {
    await page.getByLabel('Keep my identity confidential').uncheck();
    await page.getByRole('textbox', { name: 'Name (required)' }).fill('Kamla Bai');
    await page.getByLabel('Mobile number').fill('98765 12345');
    await page.getByLabel('You may call me back about this feedback').check();
  }
  await page.getByRole('button', { name: 'Send feedback' }).click();
  const status = page.getByRole('status').filter({ hasText: 'Reference number' });
  await status.waitFor();
  const reference = /AN-[0-9A-Z]{4}-[0-9A-Z]{3}/.exec(await status.textContent())[0];
  await page.close();
  return reference;
}

const stored = (reference) => {
  const db = new Database(collector.db, { readonly: true });
  try {
    return db.prepare('SELECT payload, status FROM feedback WHERE reference = ?').get(reference);
  } finally {
    db.close();
  }
};

describe('the console, end to end', () => {
  let rangeRef;

  test('the range sees a response arrive live, triages it, shows and erases the contact, and closes it', async () => {
    const { page, errors } = await signIn(tokens.range);
    await page.getByRole('link', { name: 'Inbox', exact: true }).click();
    await page.getByText('Live: new responses appear as they arrive.').waitFor();

    // Live: within a second or so of the citizen's 201 (the stream polls twice a second).
    rangeRef = await citizenSubmits('BSP-CIVIL-LINES', { named: true });
    const item = page.getByRole('listitem').filter({ hasText: rangeRef });
    await item.waitFor({ timeout: 2000 });
    assert.match(await item.textContent(), /Money demanded/);
    assert.equal(await page.getByRole('navigation').getByText('1 new').count(), 1);

    await item.getByRole('link', { name: rangeRef }).click();
    await page.getByRole('heading', { name: rangeRef }).waitFor();
    assert.match(await page.getByText('Did anyone ask for money, a gift or a favour?').locator('..').textContent(), /Yes/);

    await page.getByLabel('Status').selectOption('in-progress');
    await page.getByLabel('Assigned to').fill('SHO Civil Lines');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    assert.equal(stored(rangeRef).status, 'in-progress');

    await page.getByLabel('New note').fill('Spoke to the citizen; DSP to inquire.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByText('Spoke to the citizen; DSP to inquire.').waitFor();

    assert.equal(await page.getByText('Kamla Bai').count(), 0);
    await page.getByRole('button', { name: 'Show contact' }).click();
    await page.getByText('Kamla Bai').waitFor();
    assert.equal(await page.getByRole('link', { name: '9876512345' }).getAttribute('href'), 'tel:9876512345');

    await page.getByRole('link', { name: 'Audit log' }).click();
    const audited = page.getByRole('row').filter({ hasText: rangeRef });
    await audited.waitFor();
    assert.match(await audited.textContent(), /IG Bilaspur Range.*Showed contact/);

    await audited.getByRole('link', { name: rangeRef }).click();
    await page.getByRole('button', { name: 'Erase contact' }).click();
    await page.getByRole('button', { name: 'Yes, erase for good' }).click();
    await page.getByText(/The contact was erased on/).waitFor();
    const payload = JSON.parse(stored(rangeRef).payload);
    assert.equal(payload.contact, undefined);
    assert.deepEqual(payload.answers, { ...payload.answers, purpose: 'complaint', staffBehaviour: 1, moneyDemanded: 'yes', overall: 2 });

    await page.getByLabel('Status').selectOption('closed');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    assert.equal(stored(rangeRef).status, 'closed');

    assert.deepEqual(await violations(page), []);
    assert.deepEqual(errors, []);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Sign-in token').waitFor();
    await page.close();
  });

  test('the feedback cell records a phone call through the form, filed as a call with who took it', async () => {
    const { page, errors } = await signIn(tokens.range);
    await page.getByRole('link', { name: 'Record a call' }).click();
    await page.getByLabel('District').selectOption({ label: 'Korba' });
    await page.getByLabel('Police station or office').selectOption({ label: 'Darri' });
    await page.getByRole('radiogroup', { name: /Purpose of visit/ }).getByLabel('Verification (passport, character)').check();
    await page.getByRole('radiogroup', { name: /How did the police staff behave/ }).getByLabel('4 Good').check();
    await page.getByRole('radiogroup', { name: /money, a gift/ }).getByLabel('No', { exact: true }).check();
    await page.getByRole('radiogroup', { name: /Overall experience/ }).getByLabel('4 Good').check();
    await page.getByRole('button', { name: 'Send feedback' }).click();
    const done = page.locator('.call-status.done');
    await done.waitFor();
    const reference = /AN-[0-9A-Z]{4}-[0-9A-Z]{3}/.exec(await done.textContent())[0];
    const row = stored(reference);
    assert.equal(JSON.parse(row.payload).source, 'call');
    // A fresh form for the next call.
    assert.equal(await page.getByRole('radiogroup', { name: /Overall experience/ }).getByLabel('4 Good').isChecked(), false);
    await page.getByRole('link', { name: 'Open the case' }).click();
    await page.getByText('Recorded from a phone call by IG Bilaspur Range').waitFor();
    assert.match(await page.getByText('Came through').locator('..').textContent(), /Phone call/);
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a call about a Dial 112 vehicle is recorded on its own questions, fetched from beside the console', async () => {
    const { page, errors } = await signIn(tokens.range);
    await page.getByRole('link', { name: 'Record a call' }).click();
    await page.getByLabel('District').selectOption({ label: 'Bilaspur' });
    await page.getByLabel('Police station or office').selectOption({ label: 'Sarkanda area (sample)' });
    await page.getByRole('radiogroup', { name: /how long did the 112 vehicle take/ }).getByLabel('The vehicle did not come').check();
    await page.getByRole('radiogroup', { name: /money, a gift/ }).getByLabel('No', { exact: true }).check();
    await page.getByRole('radiogroup', { name: /Overall experience/ }).getByLabel('1 Very bad').check();
    await page.getByRole('button', { name: 'Send feedback' }).click();
    const done = page.locator('.call-status.done');
    await done.waitFor();
    const reference = /AN-[0-9A-Z]{4}-[0-9A-Z]{3}/.exec(await done.textContent())[0];
    const payload = JSON.parse(stored(reference).payload);
    assert.deepEqual([payload.source, payload.questionSet, payload.answers.arrival], ['call', 'dial-112@1', 'none']);
    // The case shows each answer with its 112 question.
    await page.getByRole('link', { name: 'Open the case' }).click();
    await page.getByText('After your call, how long did the 112 vehicle take to reach you?').waitFor();
    await page.getByText('The vehicle did not come').waitFor();
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('Dial 112 in the reports: the overview and the ranking by kind, the vehicle on its own questions', async () => {
    // A citizen met by a 112 vehicle answers its questions on the demo page.
    const citizen = await context.newPage();
    await citizen.goto(`${collector.base}/?station=BSP-112-ERV-01`);
    await citizen.getByRole('button', { name: 'English' }).click();
    await citizen.getByRole('radiogroup', { name: /how long did the 112 vehicle take/ }).getByLabel('10 to 20 minutes').check();
    await citizen.getByRole('radiogroup', { name: /crew of the vehicle/ }).getByLabel('4 Good').check();
    await citizen.getByRole('radiogroup', { name: /money, a gift/ }).getByLabel('No', { exact: true }).check();
    await citizen.getByRole('radiogroup', { name: /Overall experience/ }).getByLabel('5 Very good').check();
    await citizen.getByRole('button', { name: 'Send feedback' }).click();
    await citizen.getByRole('status').filter({ hasText: 'Reference number' }).waitFor();
    await citizen.close();

    const { page, errors } = await signIn(tokens.range);
    await page.getByLabel('Units').selectOption('dial-112');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('columnheader', { name: 'Came within 20 min' }).waitFor();
    await page.getByRole('columnheader', { name: 'Crew behaviour (of 5)' }).waitFor();
    const range = await page.locator('anubhav-console').evaluate((el) =>
      [...el.shadowRoot.querySelector('tr.range').children].map((td) => td.textContent.trim()));
    // Responses, overall, within 20 minutes, crew, money: this one, and the
    // call of the test before, whose vehicle did not come (so no crew rating).
    assert.deepEqual(range.slice(1, 6), ['2', '3', '50%', '4', '0%']);

    await page.getByRole('link', { name: 'Monthly ranking' }).click();
    await page.getByLabel('Units').selectOption('dial-112');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText('Dial 112 vehicles by arrival within 20 minutes').waitFor();
    const listed = await page.getByRole('row').filter({ hasText: 'BSP-ERV-01' }).innerText();
    assert.match(listed, /Civil Lines area \(sample\) \(BSP-ERV-01, CG 10 ZZ 0101\)/);
    assert.match(listed, /100%/);
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a district account sees only its district: overview, inbox, case, export and stream', async () => {
    const korbaRef = await citizenSubmits('KRB-DARRI');
    const { page, errors } = await signIn(tokens.korba);
    await page.getByRole('table').waitFor();
    const districts = await page.locator('anubhav-console').evaluate((el) =>
      [...el.shadowRoot.querySelectorAll('tr.district th')].map((th) => th.textContent.trim()));
    assert.deepEqual(districts, ['▸ Korba']);

    await page.getByRole('link', { name: 'Inbox', exact: true }).click();
    await page.getByRole('listitem').filter({ hasText: korbaRef }).waitFor();
    assert.equal(await page.getByText(rangeRef).count(), 0);

    // The export, downloaded with the session as the link does.
    const href = await page.getByRole('link', { name: 'Download these cases (CSV)' }).getAttribute('href');
    const csv = await (await page.request.get(new URL(href, collector.base).href)).text();
    assert.ok(csv.includes(korbaRef));
    assert.ok(!csv.includes(rangeRef));

    // Guessing another district's reference shows nothing of it.
    await page.goto(`${collector.base}/console/#/case/${rangeRef}`);
    await page.getByText('no case with that reference').waitFor();

    await page.getByRole('link', { name: 'Inbox', exact: true }).click();
    await page.getByText('Live: new responses appear as they arrive.').waitFor();
    const elsewhere = await citizenSubmits('BSP-CIVIL-LINES');
    const mine = await citizenSubmits('KRB-KOTWALI');
    await page.getByRole('listitem').filter({ hasText: mine }).waitFor({ timeout: 2000 });
    await page.waitForTimeout(1000);
    assert.equal(await page.getByText(elsewhere).count(), 0);

    assert.deepEqual(await violations(page), []);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
