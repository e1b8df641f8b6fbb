// <anubhav-console> in Chromium against the real collector: the test
// runner forwards /api/* to a collector started in its process
// (test/support/office-collector.mjs), with the demo's station directory.
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define/anubhav-console.js';
import type { AnubhavConsole } from '../../src/anubhav-console/anubhav-console.js';
import { parseRoute } from '../../src/anubhav-console/anubhav-console.js';
import { payload } from '../support/payload.mjs';

let tokens: { range: string; district: string; viewer: string };

async function postFeedback(overrides: Record<string, unknown> = {}) {
  const body = payload(overrides);
  const response = await fetch('/api/feedback', {
    method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': body.id }, body: JSON.stringify(body),
  });
  expect(response.status).to.equal(201);
  return { ...body, reference: (await response.json()).reference as string };
}

const root = (el: AnubhavConsole) => el.renderRoot as ShadowRoot;
const $ = <T extends Element = HTMLElement>(el: AnubhavConsole, selector: string) => root(el).querySelector<T>(selector);
const $$ = (el: AnubhavConsole, selector: string) => [...root(el).querySelectorAll<HTMLElement>(selector)];
const text = (el: AnubhavConsole) => root(el).textContent!.replace(/\s+/g, ' ');

async function signedIn(token: string, lang = 'en') {
  const el = await fixture<AnubhavConsole>(html`<anubhav-console lang=${lang}></anubhav-console>`);
  await waitUntil(() => $(el, '#token'), 'sign-in form');
  $<HTMLInputElement>(el, '#token')!.value = token;
  $<HTMLFormElement>(el, 'form.sign-in')!.requestSubmit();
  await waitUntil(() => el.session, 'signed in');
  await waitUntil(() => el.directoryTask.value, 'directory loaded');
  return el;
}

async function go(el: AnubhavConsole, hash: string, ready: string) {
  location.hash = hash;
  await waitUntil(() => $(el, ready), `${hash} shows ${ready}`, { timeout: 5000 });
  await el.updateComplete;
}

let korbaCase: { reference: string };
let bilaspurMoney: { reference: string };

before(async () => {
  tokens = await (await fetch('/test-office/accounts')).json();
  await postFeedback();
  bilaspurMoney = await postFeedback({
    answers: { purpose: 'complaint', staffBehaviour: 1, moneyDemanded: 'yes', moneyDetail: 'Asked for 500 rupees', overall: 1 },
    anonymous: false, contact: { name: 'Ramesh Kumar', mobile: '9876543210', callback: true },
  });
  korbaCase = await postFeedback({ station: 'KRB-KOTWALI', district: 'korba', answers: { purpose: 'lost', staffBehaviour: 5, moneyDemanded: 'no', overall: 5 } });
});

afterEach(async () => {
  location.hash = '';
  // Signs out, with the session's CSRF token as the console sends it.
  const session = await fetch('/api/session');
  if (session.ok) await fetch('/api/session', { method: 'DELETE', headers: { 'x-csrf-token': (await session.json()).csrf } });
});

describe('parseRoute', () => {
  it('reads the view and the case reference, and falls back to the overview', () => {
    expect(parseRoute('#/case/AN-AB12-CD3')).to.deep.equal({ view: 'case', ref: 'AN-AB12-CD3' });
    expect(parseRoute('#/inbox')).to.deep.equal({ view: 'inbox' });
    expect(parseRoute('#/nowhere')).to.deep.equal({ view: 'overview' });
    expect(parseRoute('#/case')).to.deep.equal({ view: 'overview' });
  });
});

describe('<anubhav-console> sign-in', () => {
  for (const lang of ['hi', 'en']) {
    it(`asks for a token, and says clearly when it is wrong (${lang})`, async () => {
      const el = await fixture<AnubhavConsole>(html`<anubhav-console lang=${lang}></anubhav-console>`);
      await waitUntil(() => $(el, '#token'), 'sign-in form');
      await expect(el).to.be.accessible();
      $<HTMLInputElement>(el, '#token')!.value = 'not-a-token';
      $<HTMLFormElement>(el, 'form.sign-in')!.requestSubmit();
      await waitUntil(() => $(el, '.error-summary'), 'error summary');
      expect(root(el).activeElement).to.equal($(el, '.error-summary'));
      expect($(el, '#token')!.getAttribute('aria-invalid')).to.equal('true');
      expect($(el, '#token-error')!.textContent).to.equal(el.m.signInFailed);
      expect(el.session).to.equal(null);
      await expect(el).to.be.accessible();
    });
  }

  it('resumes the session a reloaded page already has, and signs out', async () => {
    const first = await signedIn(tokens.range);
    first.remove();
    const el = await fixture<AnubhavConsole>(html`<anubhav-console lang="en"></anubhav-console>`);
    await waitUntil(() => el.session, 'resumed');
    expect(el.session!.name).to.equal('IG office');
    expect(el.session!.csrf).to.be.a('string').and.not.empty;
    await el.handleSignOut();
    await el.updateComplete;
    expect($(el, '#token')).to.exist;
    expect((await fetch('/api/session')).status).to.equal(401);
  });
});

describe('<anubhav-console> as the IG office', () => {
  for (const lang of ['hi', 'en']) {
    it(`shows every view accessibly (${lang})`, async () => {
      const el = await signedIn(tokens.range, lang);
      await waitUntil(() => $(el, 'table.overview'), 'overview');
      // The districts, worst first: Bilaspur (overall 1 in one response) before Korba (5).
      const districts = $$(el, 'tr.district th').map((th) => th.textContent!.trim());
      expect(districts.length).to.be.greaterThanOrEqual(2);
      expect($$(el, 'svg.trend[role=img]')[0].getAttribute('aria-label')).to.match(/\d/);
      await expect(el).to.be.accessible();
      $<HTMLButtonElement>(el, 'button.toggle')!.click();
      await el.updateComplete;
      expect($$(el, 'tr.station').length).to.be.greaterThan(0);
      await expect(el).to.be.accessible();

      await go(el, '#/inbox', 'ol.cases');
      await expect(el).to.be.accessible();
      await go(el, `#/case/${bilaspurMoney.reference}`, '.answers dl');
      await expect(el).to.be.accessible();
      await go(el, '#/ranking', 'form.filters');
      await waitUntil(() => !el.rankingTask.status || el.rankingTask.value, 'ranking loaded');
      await expect(el).to.be.accessible();
      await go(el, '#/audit', 'main h2');
      await waitUntil(() => el.auditTask.value, 'audit loaded');
      await expect(el).to.be.accessible();
      await go(el, '#/call', 'anubhav-feedback');
      await expect(el).to.be.accessible();
    });
  }

  it('lists money demanded first, and shows a case with its question texts', async () => {
    const el = await signedIn(tokens.range);
    await go(el, '#/inbox', 'ol.cases');
    const first = $(el, 'ol.cases > li')!;
    expect(first.classList.contains('money')).to.equal(true);
    expect(first.textContent).to.contain('Money demanded');
    await go(el, `#/case/${bilaspurMoney.reference}`, '.answers dl');
    const answers = $(el, '.answers')!.textContent!;
    expect(answers).to.contain('Did anyone ask for money, a gift or a favour?');
    expect(answers).to.contain('Asked for 500 rupees');
    expect(answers).to.contain('1 of 5');
    // The heading takes focus, so a screen reader hears where it went.
    expect(root(el).activeElement).to.equal($(el, 'main h2'));
  });

  it('brings a new response into the inbox live, counted as unread', async () => {
    const el = await signedIn(tokens.range);
    await go(el, '#/inbox', 'ol.cases');
    await waitUntil(() => el.live.connected, 'stream open', { timeout: 5000 });
    const fresh = await postFeedback({ answers: { purpose: 'other', staffBehaviour: 4, moneyDemanded: 'no', overall: 4 } });
    await waitUntil(() => text(el).includes(fresh.reference), 'arrived live', { timeout: 3000 });
    expect($(el, 'nav .badge')!.textContent).to.equal('1 new');
    expect($(el, '[role=status]')!.textContent).to.equal('1 new response arrived');
    await go(el, `#/case/${fresh.reference}`, '.answers dl');
    expect($(el, 'nav .badge')).to.equal(null);
  });

  it('triages a case, adds a note, shows the contact once audited, and erases it', async () => {
    const target = await postFeedback({
      anonymous: false, contact: { name: 'Sunita Devi', mobile: '9123456780', callback: true },
      answers: { purpose: 'complaint', staffBehaviour: 2, moneyDemanded: 'no', overall: 2 },
    });
    const el = await signedIn(tokens.range);
    await go(el, `#/case/${target.reference}`, '.answers dl');
    expect(text(el)).not.to.contain('Sunita');

    ($(el, '#status') as HTMLSelectElement).value = 'in-progress';
    $<HTMLInputElement>(el, '#assignee')!.value = 'SHO Civil Lines';
    $<HTMLFormElement>(el, '#assignee')!.closest('form')!.requestSubmit();
    await waitUntil(() => el.caseTask.value?.data.status === 'in-progress', 'status saved');
    expect(el.caseTask.value!.data.assignee).to.equal('SHO Civil Lines');

    // An empty note is an error on its field, not a request.
    $<HTMLFormElement>(el, '#note')!.closest('form')!.requestSubmit();
    await waitUntil(() => $(el, '#note-error'), 'note error');
    expect($(el, '#note')!.getAttribute('aria-describedby')).to.contain('note-error');
    await expect(el).to.be.accessible();
    ($(el, '#note') as HTMLTextAreaElement).value = 'Called the citizen; SHO to report by Friday.';
    $<HTMLFormElement>(el, '#note')!.closest('form')!.requestSubmit();
    await waitUntil(() => el.caseTask.value?.data.notes.length === 1, 'note added');
    await waitUntil(() => text(el).includes('SHO to report by Friday'), 'note shown');
    expect(text(el)).to.contain('IG office ·');

    [...$$(el, 'button')].find((b) => b.textContent === 'Show contact')!.click();
    await waitUntil(() => $(el, '.contact-shown'), 'contact shown');
    expect(text(el)).to.contain('Sunita Devi');
    expect($(el, '.contact-shown a[href="tel:9123456780"]')).to.exist;
    const audit = await (await fetch('/api/audit', { headers: { accept: 'application/json' } })).json();
    expect(audit.entries[0]).to.include({ action: 'show-contact', reference: target.reference, who: 'IG office' });

    $<HTMLButtonElement>(el, 'button.erase')!.click();
    await waitUntil(() => $(el, '.confirm'), 'confirmation');
    expect(root(el).activeElement!.textContent).to.equal('Yes, erase for good');
    await expect(el).to.be.accessible();
    (root(el).activeElement as HTMLButtonElement).click();
    await waitUntil(() => el.caseTask.value?.data.contactErasedAt, 'erased');
    await el.updateComplete;
    expect(text(el)).not.to.contain('Sunita');
    expect(text(el)).to.contain('The contact was erased on');

    ($(el, '#status') as HTMLSelectElement).value = 'closed';
    $<HTMLFormElement>(el, '#status')!.closest('form')!.requestSubmit();
    await waitUntil(() => el.caseTask.value?.data.status === 'closed', 'closed');
  });

  it('exports what the inbox shows, with its filter', async () => {
    const el = await signedIn(tokens.range);
    await go(el, '#/inbox', 'ol.cases');
    ($(el, '#flag') as HTMLSelectElement).value = 'money';
    $<HTMLFormElement>(el, 'form.filters')!.requestSubmit();
    await waitUntil(() => el.filter.flag === 'money' && !$$(el, 'ol.cases > li:not(.money)').length, 'filtered');
    const href = $<HTMLAnchorElement>(el, '.export a')!.href;
    expect(href).to.contain('flag=money');
    const csv = await (await fetch(href)).text();
    expect(csv).to.contain(bilaspurMoney.reference);
    expect(csv).not.to.contain(korbaCase.reference);
    expect(csv).not.to.contain('Ramesh');
  });

  it('works from the keyboard: the views are links, the heading takes focus', async () => {
    const el = await signedIn(tokens.range);
    await waitUntil(() => $(el, 'table.overview'), 'overview');
    const inbox = [...$$(el, 'nav a')].find((a) => a.getAttribute('href') === '#/inbox')!;
    inbox.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $(el, 'ol.cases'), 'inbox by keyboard');
    expect(root(el).activeElement).to.equal($(el, 'main h2'));
    expect($(el, 'nav a[aria-current=page]')!.getAttribute('href')).to.equal('#/inbox');
  });
});

describe('<anubhav-console> on a shared computer', () => {
  it('shows the next account nothing of the last one, not even while it loads', async () => {
    const el = await signedIn(tokens.range);
    await go(el, '#/inbox', 'ol.cases');
    expect(text(el)).to.contain(bilaspurMoney.reference);
    await el.handleSignOut();
    expect(el.cases).to.deep.equal([]);
    expect(root(el).activeElement).to.equal($(el, 'main h2'));
    // Watch every render of the next sign-in for the last account's case.
    const seen: string[] = [];
    const watch = new MutationObserver(() => seen.push(text(el)));
    watch.observe(root(el), { subtree: true, childList: true, characterData: true });
    $<HTMLInputElement>(el, '#token')!.value = tokens.district;
    $<HTMLFormElement>(el, 'form.sign-in')!.requestSubmit();
    await waitUntil(() => $(el, 'ol.cases') && text(el).includes(korbaCase.reference), 'district inbox');
    watch.disconnect();
    expect(seen.length).to.be.greaterThan(0);
    expect(seen.filter((t) => t.includes(bilaspurMoney.reference))).to.deep.equal([]);
  });
});

describe('<anubhav-console> as a district', () => {
  it('sees its own district only, in every view and in the stream', async () => {
    const el = await signedIn(tokens.district);
    await waitUntil(() => $(el, 'table.overview'), 'overview');
    const districts = $$(el, 'tr.district th').map((th) => th.textContent!.trim());
    expect(districts).to.deep.equal(['▸ Korba']);
    expect([...$$(el, 'nav a')].map((a) => a.getAttribute('href'))).not.to.include('#/audit');

    await go(el, '#/inbox', 'ol.cases');
    expect(text(el)).to.contain(korbaCase.reference);
    expect(text(el)).not.to.contain(bilaspurMoney.reference);
    const options = $$(el, '#district option').map((o) => o.getAttribute('value'));
    expect(options).to.deep.equal(['', 'korba']);

    await waitUntil(() => el.live.connected, 'stream open', { timeout: 5000 });
    const elsewhere = await postFeedback();
    const mine = await postFeedback({ station: 'KRB-KOTWALI', district: 'korba' });
    await waitUntil(() => text(el).includes(mine.reference), 'own district live', { timeout: 3000 });
    await aTimeout(600);
    expect(text(el)).not.to.contain(elsewhere.reference);

    await go(el, `#/case/${bilaspurMoney.reference}`, '.error-summary');
    expect(text(el)).to.contain('no case with that reference');
    await expect(el).to.be.accessible();
  });

  it('a viewer reads cases but has no triage, notes or contact controls', async () => {
    const el = await signedIn(tokens.viewer);
    await go(el, `#/case/${bilaspurMoney.reference}`, '.answers dl');
    expect($(el, '#status')).to.equal(null);
    expect($(el, '#note')).to.equal(null);
    expect([...$$(el, 'button')].map((b) => b.textContent)).not.to.include('Show contact');
    expect([...$$(el, 'nav a')].map((a) => a.getAttribute('href'))).not.to.include('#/call');
    await expect(el).to.be.accessible();
  });
});
