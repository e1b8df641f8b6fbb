import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define/anubhav-feedback.js';
import type { AnubhavFeedback } from '../../src/anubhav-feedback/anubhav-feedback.js';
import type { FeedbackErrorEvent, FeedbackQueuedEvent, FeedbackSentEvent, FeedbackSubmitEvent } from '../../src/core/events.js';
import { localDay } from '../../src/core/form.js';
import { defaultQuestions } from '../../src/core/questions.js';
import type { QuestionSet, StationDirectory } from '../../src/core/schema.js';
import { clear, createStore, set, values } from 'idb-keyval';
import { en } from '../../src/locales/en.js';

/** The outbox the form writes to; emptied before each test so tests stay apart. */
const outbox = createStore('anubhav', 'outbox');

// ---------------------------------------------------------------------------
// Helpers: a real endpoint in the test server, and ways to fill the form.

let bucketCount = 0;
const newBucket = () => `fb-${Date.now()}-${bucketCount++}`;
interface Received { headers: Record<string, string>; body: string }
const received = async (bucket: string): Promise<Received[]> => (await fetch(`/test-endpoint/${bucket}`)).json();

const shadow = (el: Element) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => shadow(el).querySelector<T>(selector);
const $$ = (el: Element, selector: string) => [...shadow(el).querySelectorAll<HTMLElement>(selector)];
const text = (el: Element) => shadow(el).textContent!.replace(/\s+/g, ' ');

async function choose(el: AnubhavFeedback, question: string, value: string | number) {
  $<HTMLInputElement>(el, `input[name="q-${question}"][value="${value}"]`)!.click();
  await el.updateComplete;
}

async function type(el: AnubhavFeedback, selector: string, value: string) {
  const input = $<HTMLInputElement>(el, selector)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await el.updateComplete;
}

async function fillRequired(el: AnubhavFeedback) {
  await choose(el, 'purpose', 'complaint');
  await choose(el, 'staffBehaviour', 4);
  await choose(el, 'moneyDemanded', 'no');
  await choose(el, 'overall', 4);
}

const submit = async (el: AnubhavFeedback) => {
  $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
  await el.updateComplete;
};

const directory: StationDirectory = [
  { id: 'BSP-CIVIL-LINES', name: { hi: 'सिविल लाइन', en: 'Civil Lines' }, district: { id: 'bilaspur', name: { hi: 'बिलासपुर', en: 'Bilaspur' } } },
  { id: 'BSP-TARBAHAR', name: { hi: 'तारबाहर', en: 'Tarbahar' }, district: { id: 'bilaspur', name: { hi: 'बिलासपुर', en: 'Bilaspur' } } },
  { id: 'BSP-CR', kind: 'control-room', name: { hi: 'कंट्रोल रूम', en: 'Control Room' }, district: { id: 'bilaspur', name: { hi: 'बिलासपुर', en: 'Bilaspur' } } },
  { id: 'KRB-DARRI', name: { hi: 'दर्री', en: 'Darri' }, district: { id: 'korba', name: { hi: 'कोरबा', en: 'Korba' } } },
  { id: 'BSP-SP', kind: 'office', name: { hi: 'एसपी कार्यालय', en: 'SP Office' }, district: { id: 'bilaspur', name: { hi: 'बिलासपुर', en: 'Bilaspur' } } },
];

/** Runs `body` with `?station=` (or any query) in the page URL, then restores it. */
async function withQuery<T>(query: string, body: () => Promise<T>): Promise<T> {
  const before = location.href;
  history.replaceState(null, '', `${location.pathname}${query}`);
  try {
    return await body();
  } finally {
    history.replaceState(null, '', before);
  }
}

const form = (bucket: string, lang = 'hi', query = '') => fixture<AnubhavFeedback>(html`
  <anubhav-feedback lang=${lang} endpoint="/test-endpoint/${bucket}${query}" station="BSP-CIVIL-LINES" .stations=${directory}></anubhav-feedback>`);

// ---------------------------------------------------------------------------

describe('<anubhav-feedback>', () => {
  beforeEach(async () => {
    await clear(outbox);
    localStorage.clear();
  });

  for (const lang of ['hi', 'en'] as const) {
    describe(`in ${lang}`, () => {
      const t = lang === 'hi'
        ? { purpose: 'आपके आने का उद्देश्य', title: 'अपना अनुभव बताएँ', station: 'सिविल लाइन', summary: 'कृपया ये जानकारी ठीक करें', prefix: 'त्रुटि:', emergency: 'आपात स्थिति में' }
        : { purpose: 'Purpose of visit', title: 'Share your experience', station: 'Civil Lines', summary: 'There is a problem', prefix: 'Error:', emergency: 'This form is not for emergencies.' };

      it('renders the default twelve questions, the station and the emergency notice', async () => {
        const el = await form(newBucket(), lang);
        expect($$(el, '[part~="question"]:not(.identity)')).to.have.length(12);
        expect(text(el)).to.contain(t.title).and.contain(t.purpose).and.contain(t.station).and.contain(t.emergency);
        expect($<HTMLAnchorElement>(el, '[part="emergency"] a')!.getAttribute('href')).to.equal('tel:112');
        expect($(el, '.root')!.getAttribute('lang')).to.equal(lang);
      });

      it('makes each choice and rating question a fieldset named by its legend', async () => {
        const el = await form(newBucket(), lang);
        const purpose = $(el, 'fieldset:has(input[name="q-purpose"])')!;
        expect(purpose.querySelector('legend')!.textContent).to.contain(t.purpose);
        expect(purpose.querySelectorAll('input[type="radio"]')).to.have.length(6);
        expect($$(el, 'fieldset:has(input[name="q-overall"]) input[type="radio"]')).to.have.length(5);
      });

      it('passes axe', async () => {
        const el = await form(newBucket(), lang);
        await expect(el).to.be.accessible();
      });

      it('shows a focused error summary linking to each required field, and passes axe in that state', async () => {
        const el = await form(newBucket(), lang);
        await submit(el);
        const summary = $(el, '[part="error-summary"]')!;
        expect(summary).to.exist;
        expect(shadow(el).activeElement).to.equal(summary);
        expect(summary.textContent).to.contain(t.summary);
        const links = [...summary.querySelectorAll('a')].map((a) => a.getAttribute('href'));
        expect(links).to.deep.equal(['#q-purpose', '#q-staffBehaviour', '#q-moneyDemanded', '#q-overall']);
        for (const id of ['q-purpose', 'q-staffBehaviour', 'q-moneyDemanded', 'q-overall']) {
          const message = $(el, `#${id}-error`)!;
          expect(message.querySelector('.visually-hidden')!.textContent).to.equal(t.prefix);
          expect($(el, `#${id}`)!.getAttribute('aria-invalid')).to.equal('true');
        }
        await expect(el).to.be.accessible();
      });

      it('moves focus to the field when a summary link is followed', async () => {
        const el = await form(newBucket(), lang);
        await submit(el);
        $<HTMLAnchorElement>(el, '[part="error-summary"] a[href="#q-overall"]')!.click();
        expect(shadow(el).activeElement!.id).to.equal('q-overall');
      });
    });
  }

  describe('required fields', () => {
    const required: [string, string | number][] = [['purpose', 'complaint'], ['staffBehaviour', 3], ['moneyDemanded', 'nosay'], ['overall', 5]];
    for (const [question, value] of required) {
      it(`reports only ${question} when it alone is missing`, async () => {
        const el = await form(newBucket());
        for (const [other, v] of required) if (other !== question) await choose(el, other, v);
        await submit(el);
        const links = [...shadow(el).querySelectorAll('[part="error-summary"] a')].map((a) => a.getAttribute('href'));
        expect(links).to.deep.equal([`#q-${question}`]);
        await choose(el, question, value);
        // Wait for delivery too, so that this response is not still being
        // saved when the next test starts.
        const sent = oneEvent(el, 'feedback-sent');
        await submit(el);
        expect($(el, '[part="error-summary"]')).to.equal(null);
        await sent;
      });
    }

    it('requires a name and a valid mobile once identity is shared', async () => {
      const el = await form(newBucket(), 'en');
      await fillRequired(el);
      $<HTMLInputElement>(el, '#anonymous')!.click();
      await el.updateComplete;
      await submit(el);
      expect([...shadow(el).querySelectorAll('[part="error-summary"] a')].map((a) => a.getAttribute('href')))
        .to.deep.equal(['#contact-name', '#contact-mobile']);
      await type(el, '#contact-mobile', '12345');
      await submit(el);
      expect($(el, '#contact-mobile-error')!.textContent).to.contain('10-digit');
    });

    it('refuses a visit date in the future and a comment over 1000 characters', async () => {
      const el = await form(newBucket(), 'en');
      await fillRequired(el);
      await type(el, '#q-visitDate', '2999-01-01');
      await type(el, '#q-comment', 'x'.repeat(1001));
      expect($(el, '#q-comment-count')!.textContent).to.contain('1 character too many');
      await submit(el);
      expect($(el, '#q-visitDate-error')!.textContent).to.contain('cannot be in the future');
      expect($(el, '#q-comment-error')!.textContent).to.contain('1000 characters or fewer');
    });
  });

  describe('submitting', () => {
    it('POSTs the exact anonymous payload with an Idempotency-Key, and no contact key at all', async () => {
      const bucket = newBucket();
      const el = await withQuery('?station=BSP-CIVIL-LINES', () => fixture<AnubhavFeedback>(html`
        <anubhav-feedback lang="hi" endpoint="/test-endpoint/${bucket}" .stations=${directory}></anubhav-feedback>`));
      await fillRequired(el);
      const submitted = oneEvent(el, 'feedback-submit') as Promise<FeedbackSubmitEvent>;
      const sent = oneEvent(el, 'feedback-sent') as Promise<FeedbackSentEvent>;
      await submit(el);
      const submitEvent = await submitted;
      const sentEvent = await sent;
      const [request] = await received(bucket);
      const body = JSON.parse(request.body);
      expect(Object.keys(body).sort()).to.deep.equal(['anonymous', 'answers', 'createdAt', 'district', 'id', 'lang', 'schema', 'source', 'station']);
      // Spam signals travel as headers, leaving the payload exactly anubhav.feedback/v1.
      expect(request.headers['anubhav-trap']).to.equal('');
      expect(request.headers['anubhav-fill-ms']).to.match(/^\d+$/);
      expect(body).to.deep.include({
        schema: 'anubhav.feedback/v1', station: 'BSP-CIVIL-LINES', district: 'bilaspur', lang: 'hi', source: 'qr', anonymous: true,
      });
      // The default set goes unnamed ("absent means default@1"), so a collector older than question sets still takes it.
      expect('questionSet' in body).to.equal(false);
      expect(body.answers).to.deep.equal({ purpose: 'complaint', visitDate: localDay(), staffBehaviour: 4, moneyDemanded: 'no', overall: 4 });
      expect(body.id).to.match(/^[0-9a-f-]{36}$/);
      expect(Date.parse(body.createdAt)).to.be.closeTo(Date.now(), 60_000);
      expect(request.headers['idempotency-key']).to.equal(body.id);
      expect(request.headers['content-type']).to.equal('application/json');
      expect(request.headers.cookie).to.equal('');
      expect(submitEvent.detail).to.deep.equal(body);
      expect(sentEvent.detail).to.deep.equal({ id: body.id, reference: 'REF-0001' });
      expect($(el, '[part="status"]')!.getAttribute('role')).to.equal('status');
      expect($(el, '[part="status"]')!.textContent).to.contain('REF-0001');
    });

    it('sends contact with a normalised mobile when identity is shared', async () => {
      const bucket = newBucket();
      const el = await form(bucket, 'en');
      await fillRequired(el);
      $<HTMLInputElement>(el, '#anonymous')!.click();
      await el.updateComplete;
      await type(el, '#contact-name', '  Sunita Sahu ');
      await type(el, '#contact-mobile', '+91 ९८७६५ ४३२१०');
      $<HTMLInputElement>(el, '#contact-callback')!.click();
      await el.updateComplete;
      const sent = oneEvent(el, 'feedback-sent');
      await submit(el);
      await sent;
      const body = JSON.parse((await received(bucket))[0].body);
      expect(body.anonymous).to.equal(false);
      expect(body.contact).to.deep.equal({ name: 'Sunita Sahu', mobile: '9876543210', callback: true });
      expect(body.source).to.equal('web');
    });

    it('leaves out hidden answers: the money detail is sent only while "yes" is chosen', async () => {
      const bucket = newBucket();
      const el = await form(bucket, 'en');
      await fillRequired(el);
      expect($(el, '#q-moneyDetail')).to.equal(null);
      await choose(el, 'moneyDemanded', 'yes');
      await type(el, '#q-moneyDetail', 'Asked for 500 rupees');
      await choose(el, 'moneyDemanded', 'no');
      expect($(el, '#q-moneyDetail')).to.equal(null);
      const sent = oneEvent(el, 'feedback-sent');
      await submit(el);
      await sent;
      expect(JSON.parse((await received(bucket))[0].body).answers).not.to.have.property('moneyDetail');
    });

    it('sends nothing when feedback-submit is cancelled', async () => {
      const bucket = newBucket();
      const el = await form(bucket);
      await fillRequired(el);
      el.addEventListener('feedback-submit', (e) => e.preventDefault(), { once: true });
      await submit(el);
      await aTimeout(100);
      expect(await received(bucket)).to.have.length(0);
    });

    it('saves the response on the device, says so, and delivers it with the same id after a server error', async () => {
      const bucket = newBucket();
      const el = await form(bucket, 'en', '?status=500&times=1');
      await fillRequired(el);
      await type(el, '#q-comment', 'Helpful staff');
      const queued = oneEvent(el, 'feedback-queued');
      const sent = oneEvent(el, 'feedback-sent') as Promise<FeedbackSentEvent>;
      await submit(el);
      const { detail } = await queued;
      expect((await values(outbox)).map((i: { id: string }) => i.id)).to.deep.equal([detail.id]);
      await waitUntil(() => $(el, '[part="status"]')!.textContent!.includes('Saved on this phone'));
      // "Retry now" skips the backoff wait (the automatic retry may win the race).
      [...shadow(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.includes('Retry now'))?.click();
      expect((await sent).detail.id).to.equal(detail.id);
      const requests = await received(bucket);
      expect(requests).to.have.length(2);
      expect(requests.map((r) => JSON.parse(r.body).id)).to.deep.equal([detail.id, detail.id]);
      expect(requests.map((r) => r.headers['idempotency-key'])).to.deep.equal([detail.id, detail.id]);
      expect(await values(outbox)).to.deep.equal([]);
      await el.updateComplete;
      expect($(el, '[part="status"]')!.textContent).to.contain('REF-0001');
    });

    it('without any storage on the device, sends live, keeps every answer on failure and retries', async () => {
      const saved = { idb: Object.getOwnPropertyDescriptor(window, 'indexedDB'), ls: Object.getOwnPropertyDescriptor(window, 'localStorage') };
      Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
      Object.defineProperty(window, 'localStorage', { value: undefined, configurable: true });
      try {
        const bucket = newBucket();
        const el = await form(bucket, 'en', '?status=503&times=1');
        await fillRequired(el);
        await type(el, '#q-comment', 'Helpful staff');
        let queuedEvents = 0;
        el.addEventListener('feedback-queued', () => queuedEvents++);
        await submit(el);
        await waitUntil(() => $(el, '[part="status"]')!.textContent!.includes('Could not send'));
        expect(queuedEvents).to.equal(0);
        expect($<HTMLInputElement>(el, 'input[name="q-purpose"][value="complaint"]')!.checked).to.equal(true);
        expect($<HTMLTextAreaElement>(el, '#q-comment')!.value).to.equal('Helpful staff');
        // Pressing "send" again with the same answers retries the same response.
        const sent = oneEvent(el, 'feedback-sent');
        await submit(el);
        await sent;
        const requests = await received(bucket);
        expect(requests).to.have.length(2);
        expect(JSON.parse(requests[1].body).id).to.equal(JSON.parse(requests[0].body).id);
      } finally {
        Object.defineProperty(window, 'indexedDB', saved.idb!);
        Object.defineProperty(window, 'localStorage', saved.ls!);
      }
    });

    it('moves focus to the status after submit, and keeps following a response after "Give more feedback"', async function (this: Mocha.Context) {
      // The resend waits out a random backoff of up to 4 s, which a loaded
      // machine stretches: more time than the suite's 10 s default.
      this.timeout(30_000);
      const bucket = newBucket();
      const el = await form(bucket, 'en', '?status=503&times=1');
      await fillRequired(el);
      const queued = oneEvent(el, 'feedback-queued') as Promise<FeedbackQueuedEvent>;
      await submit(el);
      const { detail } = await queued;
      await waitUntil(() => shadow(el).activeElement === $(el, '[part="status"]'), 'focus did not move to the status');
      const sent = oneEvent(el, 'feedback-sent') as Promise<FeedbackSentEvent>;
      [...shadow(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.includes('Give more feedback'))!.click();
      await el.updateComplete;
      expect($(el, 'form')).to.exist;
      expect((await sent).detail.id).to.equal(detail.id);
      await waitUntil(() => $(el, '[part="status"]')!.textContent!.includes('Your earlier feedback has been sent'));
    });

    it('reports a terminal 422 through feedback-error and tells the citizen', async () => {
      const bucket = newBucket();
      const el = await form(bucket, 'en', '?status=422');
      await fillRequired(el);
      const error = oneEvent(el, 'feedback-error') as Promise<FeedbackErrorEvent>;
      await submit(el);
      const { detail } = await error;
      expect(detail.code).to.equal('rejected');
      expect(detail.id).to.match(/^[0-9a-f-]{36}$/);
      await el.updateComplete;
      expect($(el, '[part="status"]')!.textContent).to.contain('not accepted');
    });
  });

  it('tells the citizen when a response saved more than 7 days ago could not be sent', async () => {
    const old = {
      id: '0b1c2d3e-1a2b-4c3d-8e4f-5a6b7c8d9e0f', endpoint: '/test-endpoint/never', payload: { id: '0b1c2d3e-1a2b-4c3d-8e4f-5a6b7c8d9e0f' },
      queuedAt: Date.now() - 8 * 24 * 3600 * 1000, attempts: 40, nextAttemptAt: 0, notBefore: 0,
    };
    await set(old.id, old, outbox);
    const errors: FeedbackErrorEvent[] = [];
    const listener = (e: Event) => errors.push(e as FeedbackErrorEvent);
    document.addEventListener('feedback-error', listener);
    try {
      const el = await form(newBucket(), 'en');
      await waitUntil(() => $(el, '[part="status"]')!.textContent!.includes('could not be sent for 7 days'));
      expect(errors.map((e) => e.detail)).to.deep.equal([{ id: old.id, code: 'expired', message: en.expired }]);
      expect(await values(outbox)).to.deep.equal([]);
      expect(await received('never')).to.deep.equal([]);
    } finally {
      document.removeEventListener('feedback-error', listener);
    }
  });

  it('can be completed and submitted with the keyboard alone', async () => {
    const bucket = newBucket();
    const el = await form(bucket, 'en');
    (document.activeElement as HTMLElement | null)?.blur();
    const tabTo = async (match: (e: Element) => boolean) => {
      for (let i = 0; i < 120; i++) {
        await sendKeys({ press: 'Tab' });
        const active = shadow(el).activeElement;
        if (active && match(active)) return active;
      }
      throw new Error('Tab never reached the element');
    };
    const group = (name: string) => (e: Element) => e.getAttribute('name') === `q-${name}`;
    await tabTo(group('purpose'));
    await sendKeys({ press: 'Space' });
    await tabTo(group('staffBehaviour'));
    await sendKeys({ press: 'Space' });
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'ArrowRight' });
    await tabTo(group('moneyDemanded'));
    await sendKeys({ press: 'Space' });
    await tabTo(group('overall'));
    await sendKeys({ press: 'Space' });
    await tabTo((e) => e.id === 'q-comment');
    await sendKeys({ type: 'Typed with keys' });
    const sent = oneEvent(el, 'feedback-sent');
    await tabTo((e) => e.getAttribute('type') === 'submit');
    await sendKeys({ press: 'Enter' });
    await sent;
    const body = JSON.parse((await received(bucket))[0].body);
    expect(body.answers).to.deep.equal({
      purpose: 'complaint', visitDate: localDay(), staffBehaviour: 4, moneyDemanded: 'no', overall: 1, comment: 'Typed with keys',
    });
  });

  describe('language', () => {
    it('defaults to the nearest [lang] ancestor, then Hindi', async () => {
      const wrapper = await fixture(html`<div lang="en-IN"><anubhav-feedback endpoint="/x" station="S1"></anubhav-feedback></div>`);
      expect(text(wrapper.querySelector('anubhav-feedback')!)).to.contain('Share your experience');
      const plain = await fixture<AnubhavFeedback>(html`<div lang=""><anubhav-feedback endpoint="/x" station="S1"></anubhav-feedback></div>`);
      expect(text(plain.querySelector('anubhav-feedback')!)).to.contain('अपना अनुभव बताएँ');
    });

    it('switches language on screen and keeps the answers', async () => {
      const el = await form(newBucket(), 'hi');
      await choose(el, 'purpose', 'lost');
      await type(el, '#q-comment', 'मेरी बात');
      const toggle = $<HTMLButtonElement>(el, '[part="lang-switch"]')!;
      expect(toggle.textContent!.trim()).to.equal('English');
      toggle.click();
      await el.updateComplete;
      expect(el.getAttribute('lang')).to.equal('en');
      expect(text(el)).to.contain('Purpose of visit');
      expect($<HTMLInputElement>(el, 'input[name="q-purpose"][value="lost"]')!.checked).to.equal(true);
      expect($<HTMLTextAreaElement>(el, '#q-comment')!.value).to.equal('मेरी बात');
    });
  });

  describe('station', () => {
    it('takes the preset from the page URL and marks the source as qr', async () => {
      const el = await withQuery('?station=KRB-DARRI&utm=poster', () => fixture<AnubhavFeedback>(html`
        <anubhav-feedback lang="en" endpoint="/x" .stations=${directory}></anubhav-feedback>`));
      expect($(el, '.station-line')!.textContent).to.contain('Darri').and.contain('Korba');
      expect($(el, '#picker-district')).to.equal(null);
    });

    it('adapts wording to the kind of office', async () => {
      const el = await fixture<AnubhavFeedback>(html`
        <anubhav-feedback lang="hi" endpoint="/x" station="BSP-SP" .stations=${directory}></anubhav-feedback>`);
      expect($(el, '.station-line')!.textContent).to.contain('कार्यालय');
      expect($(el, 'label[for="q-visitDate"]')!.textContent).to.contain('कार्यालय आने की तारीख');
    });

    it('shows an unknown preset as unknown and lets the citizen pick, district then station', async () => {
      const bucket = newBucket();
      const el = await withQuery('?station=NOPE-1', () => fixture<AnubhavFeedback>(html`
        <anubhav-feedback lang="en" endpoint="/test-endpoint/${bucket}" .stations=${directory}></anubhav-feedback>`));
      expect($(el, '.notice')!.textContent).to.contain('NOPE-1').and.contain('not in our list');
      const station = $<HTMLSelectElement>(el, '#picker-station')!;
      expect(station.disabled).to.equal(true);
      await fillRequired(el);
      await submit(el);
      expect([...shadow(el).querySelectorAll('[part="error-summary"] a')].map((a) => a.getAttribute('href'))).to.deep.equal(['#picker-district']);
      const district = $<HTMLSelectElement>(el, '#picker-district')!;
      district.value = 'korba';
      district.dispatchEvent(new Event('change'));
      await el.updateComplete;
      expect([...station.options].map((o) => o.value)).to.deep.equal(['', 'KRB-DARRI']);
      station.value = 'KRB-DARRI';
      station.dispatchEvent(new Event('change'));
      await el.updateComplete;
      const sent = oneEvent(el, 'feedback-sent');
      await submit(el);
      await sent;
      const body = JSON.parse((await received(bucket))[0].body);
      expect(body).to.deep.include({ station: 'KRB-DARRI', district: 'korba', source: 'web' });
      await expect(el).to.be.accessible();
    });

    it('loads the directory from stations-src', async () => {
      const el = await fixture<AnubhavFeedback>(html`
        <anubhav-feedback lang="en" endpoint="/x" station="BSP-TARBAHAR" stations-src="/demo/stations.json"></anubhav-feedback>`);
      await waitUntil(() => $(el, '.station-line')?.textContent?.includes('Tarbahar'));
      expect($(el, '.station-line')!.textContent).to.contain('Tarbahar').and.contain('Bilaspur');
    });

    it('with a preset, shows the form at once and names the station when stations-src arrives', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => { release = resolve; });
      const realFetch = window.fetch;
      window.fetch = async (...args: Parameters<typeof fetch>) => {
        await gate;
        return realFetch(...args);
      };
      try {
        const el = await fixture<AnubhavFeedback>(html`
          <anubhav-feedback lang="en" endpoint="/x" station="BSP-TARBAHAR" stations-src="/demo/stations.json"></anubhav-feedback>`);
        // The directory is held back: the questions are there already, answerable.
        expect($(el, 'form')).to.not.equal(null);
        expect($(el, '.loading')).to.equal(null);
        expect($(el, '.station-line')!.textContent).to.contain('BSP-TARBAHAR');
        const purpose = $(el, 'input[name="q-purpose"][value="lost"]') as HTMLInputElement;
        purpose.click();
        release();
        await waitUntil(() => $(el, '.station-line')?.textContent?.includes('Tarbahar'));
        expect($(el, '.station-line')!.textContent).to.contain('Bilaspur');
        expect(($(el, 'input[name="q-purpose"][value="lost"]') as HTMLInputElement).checked).to.equal(true);
      } finally {
        window.fetch = realFetch;
      }
    });

    it('with a preset the directory does not know, turns to the picker when stations-src arrives', async () => {
      const el = await fixture<AnubhavFeedback>(html`
        <anubhav-feedback lang="en" endpoint="/x" station="NO-SUCH-ONE" stations-src="/demo/stations.json"></anubhav-feedback>`);
      expect($(el, 'form')).to.not.equal(null);
      await waitUntil(() => $(el, '#picker-district'));
      expect($(el, '.notice')!.textContent).to.contain('NO-SUCH-ONE');
      expect($(el, '.station-line')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('ignores a stations-src failure that arrives after stations was set', async () => {
      const el = await fixture<AnubhavFeedback>(html`
        <anubhav-feedback lang="en" endpoint="/x" station="BSP-CIVIL-LINES" stations-src="/no/such/late-stations.json"></anubhav-feedback>`);
      // The fetch started with the first render; the page sets the property while it is on its way.
      el.stations = directory;
      await aTimeout(300);
      await el.updateComplete;
      expect($(el, '[part="config-error"]')).to.equal(null);
      expect($(el, '.station-line')!.textContent).to.contain('Civil Lines');
    });

    it('does not fetch stations-src or questions-src when the property is set, so their 404 cannot replace the form', async () => {
      const missing = `/no/such/stations-${Math.random().toString(36).slice(2)}.json`;
      const missingQuestions = missing.replace('stations-', 'questions-');
      const el = await fixture<AnubhavFeedback>(html`
        <anubhav-feedback lang="en" endpoint="/x" station="BSP-CIVIL-LINES" .stations=${directory} stations-src=${missing}
          .questions=${defaultQuestions} questions-src=${missingQuestions}></anubhav-feedback>`);
      await aTimeout(300);
      await el.updateComplete;
      const fetched = performance.getEntriesByType('resource').map((e) => e.name);
      expect(fetched.some((u) => u.includes(missing) || u.includes(missingQuestions)), fetched.join('\n')).to.equal(false);
      expect($(el, '[part="config-error"]')).to.equal(null);
      expect($(el, '.station-line')!.textContent).to.contain('Civil Lines');
      await expect(el).to.be.accessible();
    });
  });

  describe('privacy notice', () => {
    /** The notice shown once the citizen chooses to share a name and mobile. */
    async function notice(el: AnubhavFeedback) {
      $<HTMLInputElement>(el, '#anonymous')!.click();
      await el.updateComplete;
      return $(el, '.privacy')!.textContent!.replace(/\s+/g, ' ');
    }

    it('states the default retention period, 365 days, in both languages', async () => {
      const hi = await form(newBucket(), 'hi');
      expect(await notice(hi)).to.contain('फ़ीडबैक के निपटारे के बाद अधिकतम 365 दिन तक रखी जाती है');
      const en = await form(newBucket(), 'en');
      expect(await notice(en)).to.contain('kept for at most 365 days after the feedback is closed');
      await expect(en).to.be.accessible();
    });

    it('states the period given in retention-days, one day in the singular', async () => {
      const el = await fixture<AnubhavFeedback>(html`
        <anubhav-feedback lang="en" endpoint="/x" station="S1" retention-days="30"></anubhav-feedback>`);
      expect(el.retentionDays).to.equal(30);
      expect(await notice(el)).to.contain('at most 30 days after');
      el.retentionDays = 1;
      await el.updateComplete;
      expect($(el, '.privacy')!.textContent).to.contain('at most 1 day after');
      el.lang = 'hi';
      el.setAttribute('retention-days', '90');
      await el.updateComplete;
      expect($(el, '.privacy')!.textContent).to.contain('अधिकतम 90 दिन तक');
    });

    for (const bad of ['abc', '0', '-30', '12.5', '3651', '']) {
      it(`shows retention-days="${bad}" as a configuration error, never "NaN days"`, async () => {
        const errors: FeedbackErrorEvent[] = [];
        const listener = (e: Event) => errors.push(e as FeedbackErrorEvent);
        document.addEventListener('feedback-error', listener);
        try {
          const el = await fixture<AnubhavFeedback>(html`
            <anubhav-feedback lang="en" endpoint="/x" station="S1" retention-days=${bad}></anubhav-feedback>`);
          await waitUntil(() => errors.some((e) => e.detail.code === 'bad-retention-days'), 'no feedback-error event');
          expect($(el, 'form')).to.equal(null);
          expect($(el, '[part="config-error"]')!.textContent).to.contain('bad-retention-days').and.contain('retention-days');
          expect(text(el)).not.to.contain('NaN');
          await expect(el).to.be.accessible();
        } finally {
          document.removeEventListener('feedback-error', listener);
        }
      });
    }
  });

  describe('source', () => {
    /** Fills and submits the form, and returns the payload of feedback-submit and the body the endpoint got. */
    async function send(el: AnubhavFeedback, bucket: string) {
      await fillRequired(el);
      const submitted = oneEvent(el, 'feedback-submit') as Promise<FeedbackSubmitEvent>;
      const sent = oneEvent(el, 'feedback-sent');
      await submit(el);
      const { detail } = await submitted;
      await sent;
      return { detail, body: JSON.parse((await received(bucket))[0].body) };
    }

    it('sends source "call" when the feedback cell records a phone call', async () => {
      const bucket = newBucket();
      const el = await fixture<AnubhavFeedback>(html`
        <anubhav-feedback lang="en" endpoint="/test-endpoint/${bucket}" station="BSP-CIVIL-LINES" source="call"
          .stations=${directory}></anubhav-feedback>`);
      const { detail, body } = await send(el, bucket);
      expect(detail.source).to.equal('call');
      expect(body).to.deep.include({ source: 'call', station: 'BSP-CIVIL-LINES', district: 'bilaspur' });
    });

    it('keeps source "call" for a station from the page URL too', async () => {
      const bucket = newBucket();
      const el = await withQuery('?station=KRB-DARRI', () => fixture<AnubhavFeedback>(html`
        <anubhav-feedback lang="en" endpoint="/test-endpoint/${bucket}" source="call" .stations=${directory}></anubhav-feedback>`));
      expect((await send(el, bucket)).body.source).to.equal('call');
    });

    it('ignores any other source: qr for a station from the page URL, web for one set by the page', async () => {
      const fromUrl = newBucket();
      const qr = await withQuery('?station=KRB-DARRI', () => fixture<AnubhavFeedback>(html`
        <anubhav-feedback lang="en" endpoint="/test-endpoint/${fromUrl}" source="sms" .stations=${directory}></anubhav-feedback>`));
      expect((await send(qr, fromUrl)).body.source).to.equal('qr');
      const preset = newBucket();
      const web = await fixture<AnubhavFeedback>(html`
        <anubhav-feedback lang="en" endpoint="/test-endpoint/${preset}" station="BSP-CIVIL-LINES" source="CALL"
          .stations=${directory}></anubhav-feedback>`);
      expect((await send(web, preset)).body.source).to.equal('web');
    });
  });

  describe('custom question sets', () => {
    const custom: QuestionSet = { id: 'cleanliness', version: 2, questions: [
      { id: 'cleanliness', type: 'rating', required: true, label: { hi: 'सफ़ाई', en: 'Cleanliness' } },
      { id: 'waited', type: 'choice', label: { hi: 'इंतज़ार', en: 'Did you wait?' }, options: [
        { value: 'yes', label: { hi: 'हाँ', en: 'Yes' } }, { value: 'no', label: { hi: 'नहीं', en: 'No' } }] },
    ] };

    it('renders a question set given as a property, and sends its answers', async () => {
      const bucket = newBucket();
      const el = await fixture<AnubhavFeedback>(html`
        <anubhav-feedback lang="en" endpoint="/test-endpoint/${bucket}" station="S-1" .questions=${custom}></anubhav-feedback>`);
      expect($$(el, '[part~="question"]:not(.identity)')).to.have.length(2);
      expect(text(el)).to.contain('Cleanliness').and.contain('Did you wait?').and.not.contain('Purpose of visit');
      await choose(el, 'cleanliness', 5);
      const sent = oneEvent(el, 'feedback-sent');
      await submit(el);
      await sent;
      const body = JSON.parse((await received(bucket))[0].body);
      expect(body.answers).to.deep.equal({ cleanliness: 5 });
      expect(body.questionSet, 'the payload names the set it answered').to.equal('cleanliness@2');
      await expect(el).to.be.accessible();
    });

    it('loads a question set from questions-src', async () => {
      const blobUrl = `/test/fixtures/questions.json`;
      const el = await fixture<AnubhavFeedback>(html`
        <anubhav-feedback lang="en" endpoint="/x" station="S-1" questions-src=${blobUrl}></anubhav-feedback>`);
      await waitUntil(() => $$(el, '[part~="question"]').length > 0);
      expect(text(el)).to.contain('How clean was the station?');
    });
  });

  describe('bad configuration', () => {
    const cases: [string, () => ReturnType<typeof html>, string][] = [
      ['a javascript: endpoint', () => html`<anubhav-feedback endpoint="javascript:alert(1)" station="S1"></anubhav-feedback>`, 'bad-endpoint'],
      ['a plain-http remote endpoint', () => html`<anubhav-feedback endpoint="http://collector.example.com/api" station="S1"></anubhav-feedback>`, 'bad-endpoint'],
      ['no endpoint', () => html`<anubhav-feedback station="S1"></anubhav-feedback>`, 'bad-endpoint'],
      ['an invalid question set', () => html`<anubhav-feedback endpoint="/x" station="S1" .questions=${{ id: 'a', version: 1, questions: [{ id: 'a', type: 'choice' }] } as unknown as QuestionSet}></anubhav-feedback>`, 'bad-questions'],
      ['a question set without id and version', () => html`<anubhav-feedback endpoint="/x" station="S1" .questions=${[{ id: 'a', type: 'rating', label: { hi: 'क', en: 'A' } }] as unknown as QuestionSet}></anubhav-feedback>`, 'bad-questions'],
      ['an invalid station directory', () => html`<anubhav-feedback endpoint="/x" .stations=${[{ id: 'x y' }] as unknown as StationDirectory}></anubhav-feedback>`, 'bad-stations'],
      ['a stations-src that is missing', () => html`<anubhav-feedback endpoint="/x" stations-src="/no/such/file.json"></anubhav-feedback>`, 'bad-stations'],
      ['a questions-src that is not JSON', () => html`<anubhav-feedback endpoint="/x" station="S1" questions-src="/test/fixtures/not-json.txt"></anubhav-feedback>`, 'bad-questions'],
      ['no station and no directory', () => html`<anubhav-feedback endpoint="/x"></anubhav-feedback>`, 'no-station'],
    ];
    for (const [what, template, code] of cases) {
      it(`shows ${what} as a configuration error and fires feedback-error (${code})`, async () => {
        const errors: FeedbackErrorEvent[] = [];
        const listener = (e: Event) => errors.push(e as FeedbackErrorEvent);
        document.addEventListener('feedback-error', listener);
        try {
          const el = await fixture<AnubhavFeedback>(template());
          await waitUntil(() => $(el, '[part="config-error"]'), 'no configuration error shown');
          expect($(el, 'form')).to.equal(null);
          expect($(el, '[part="config-error"]')!.textContent).to.contain(code);
          expect($(el, '[part="emergency"]')).to.exist;
          await waitUntil(() => errors.some((e) => e.detail.code === code), 'no feedback-error event');
          await expect(el).to.be.accessible();
        } finally {
          document.removeEventListener('feedback-error', listener);
        }
      });
    }
  });

  describe('hostile strings', () => {
    const evil = '<img src=x onerror="window.__pwned=1">';
    const evil2 = '"><svg onload="window.__pwned=1">';

    it('renders hostile station names and answers as inert text', async () => {
      const hostile: StationDirectory = [{ id: 'EVIL-1', name: { hi: evil, en: evil }, district: { id: 'd', name: { hi: evil2, en: evil2 } } }];
      const bucket = newBucket();
      const el = await fixture<AnubhavFeedback>(html`
        <anubhav-feedback lang="en" endpoint="/test-endpoint/${bucket}" station="EVIL-1" .stations=${hostile}></anubhav-feedback>`);
      await fillRequired(el);
      await type(el, '#q-comment', evil2);
      await type(el, '#q-officer', evil);
      expect($(el, '.station-line')!.textContent).to.contain(evil).and.contain(evil2);
      expect(shadow(el).querySelector('img, [onerror], [onload]')).to.equal(null);
      expect(shadow(el).querySelector('svg')).to.equal(null);
      const sent = oneEvent(el, 'feedback-sent');
      await submit(el);
      await sent;
      expect(JSON.parse((await received(bucket))[0].body).answers).to.include({ comment: evil2, officer: evil });
      expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    });

    it('shows a hostile ?station= value as text, never as markup', async () => {
      const el = await withQuery(`?station=${encodeURIComponent(evil2)}`, () => fixture<AnubhavFeedback>(html`
        <anubhav-feedback lang="en" endpoint="/x" .stations=${directory}></anubhav-feedback>`));
      expect($(el, '.notice')!.textContent).to.contain(evil2);
      expect(shadow(el).querySelector('svg, img')).to.equal(null);
    });
  });
});
