import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/define/anubhav-feedback.js';
import type { AnubhavFeedback } from '../../src/anubhav-feedback/anubhav-feedback.js';
import { checkAnswers } from '../../src/core/answers.js';
import type { FeedbackErrorEvent, FeedbackSubmitEvent } from '../../src/core/events.js';
import { builtInSets } from '../../src/core/sets/index.js';
import { setRef, type StationDirectory } from '../../src/core/schema.js';

// Each unit's own questions, picked by the directory's kind (core/set-choice.ts).

const shadow = (el: Element) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => shadow(el).querySelector<T>(selector);
const legends = (el: Element) => [...shadow(el).querySelectorAll('legend, .question > label')].map((l) => l.textContent!.replace(/\s+/g, ' ').trim());

const bilaspur = { id: 'bilaspur', name: { hi: 'बिलासपुर', en: 'Bilaspur' } };
const directory: StationDirectory = [
  { id: 'BSP-CIVIL-LINES', name: { hi: 'सिविल लाइन', en: 'Civil Lines' }, district: bilaspur },
  {
    id: 'BSP-112-ERV-07', kind: 'dial-112', name: { hi: 'सिविल लाइन क्षेत्र', en: 'Civil Lines area' }, district: bilaspur,
    vehicle: { registration: 'CG 10 AB 1234', callSign: 'BSP-ERV-07' },
  },
  { id: 'BSP-CONTROL-ROOM', kind: 'control-room', name: { hi: 'पुलिस कंट्रोल रूम', en: 'Police Control Room' }, district: bilaspur },
  { id: 'BSP-TRAFFIC', kind: 'traffic', name: { hi: 'यातायात पुलिस', en: 'Traffic Police' }, district: bilaspur },
  // A unit the directory gives a set other than its kind's.
  { id: 'BSP-TRAFFIC-DESK', kind: 'traffic', questionSet: 'default@1', name: { hi: 'यातायात डेस्क', en: 'Traffic desk' }, district: bilaspur },
  { id: 'BSP-SURVEY', questionSet: 'survey@1', name: { hi: 'सर्वे', en: 'Survey' }, district: bilaspur },
];

const setOf = (ref: string) => builtInSets.find((s) => setRef(s) === ref)!;

/** The form preset to `station`, once its questions show. */
async function preset(station: string, lang = 'hi', bucket = 'sets') {
  const el = await fixture<AnubhavFeedback>(html`
    <anubhav-feedback lang=${lang} endpoint="/test-endpoint/${bucket}" station=${station} .stations=${directory}></anubhav-feedback>`);
  await waitUntil(() => $(el, '[part="submit"]') || $(el, '.config-error'), 'the questions or an error show');
  return el;
}

const labelsOf = (ref: string, lang: 'hi' | 'en') =>
  setOf(ref).questions.filter((q) => !q.showIf).map((q) => q.label[lang]);

describe('<anubhav-feedback> question sets by kind', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  for (const [station, ref] of [['BSP-112-ERV-07', 'dial-112@1'], ['BSP-CONTROL-ROOM', 'control-room@1'], ['BSP-TRAFFIC', 'traffic@1']]) {
    it(`${station} asks ${ref} in Hindi and in English, and passes axe in both`, async () => {
      const el = await preset(station);
      const shown = legends(el);
      for (const label of labelsOf(ref, 'hi')) expect(shown.some((l) => l.startsWith(label)), label).to.equal(true);
      // None of the station's questions.
      expect(shown.join(' ')).not.to.contain('आपके आने का उद्देश्य');
      await expect(el).to.be.accessible();
      $<HTMLButtonElement>(el, '[part="lang-switch"]')!.click();
      await el.updateComplete;
      const english = legends(el);
      for (const label of labelsOf(ref, 'en')) expect(english.some((l) => l.startsWith(label)), label).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it(`${station} at 360 px: nothing wider than the screen, before and after an empty submit`, async () => {
      await setViewport({ width: 360, height: 740 });
      const el = await preset(station);
      for (const state of ['initial', 'errors']) {
        if (state === 'errors') {
          $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
          await el.updateComplete;
          expect($(el, '.error-summary'), 'the summary shows').to.exist;
          await expect(el).to.be.accessible();
        }
        const wide = [...shadow(el).querySelectorAll<HTMLElement>('*')]
          .filter((x) => x.offsetParent !== null && !x.closest('.trap, .visually-hidden'))
          .filter((x) => x.getBoundingClientRect().right > 360.5 || x.scrollWidth > x.clientWidth + 1)
          .map((x) => `${x.tagName} ${x.className} "${x.textContent!.trim().slice(0, 30)}"`);
        expect(wide, state).to.deep.equal([]);
        expect(document.documentElement.scrollWidth, state).to.be.at.most(360);
      }
    });
  }

  it('a Dial 112 vehicle shows its registration and call sign, and its response names dial-112@1', async () => {
    const el = await preset('BSP-112-ERV-07', 'hi', `sets-${Date.now()}`);
    const lines = [...shadow(el).querySelectorAll('.station-line')].map((p) => p.textContent!.replace(/\s+/g, ' ').trim());
    expect(lines.join(' | ')).to.contain('डायल 112 वाहन CG 10 AB 1234 (BSP-ERV-07)');
    for (const [question, value] of [['arrival', 'lt20m'], ['staffBehaviour', 5], ['resolved', 'referred'], ['moneyDemanded', 'no'], ['overall', 4]] as const) {
      $<HTMLInputElement>(el, `input[name="q-${question}"][value="${value}"]`)!.click();
      await el.updateComplete;
    }
    const submitted = oneEvent(el, 'feedback-submit') as Promise<FeedbackSubmitEvent>;
    $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    const { detail } = await submitted;
    expect(detail.questionSet).to.equal('dial-112@1');
    expect(detail.answers).to.include({ arrival: 'lt20m', staffBehaviour: 5, resolved: 'referred', moneyDemanded: 'no', overall: 4 });
    // What the collector checks it against, with the same code.
    expect(checkAnswers(setOf('dial-112@1'), detail.answers)).to.deep.equal([]);
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('a traffic response names traffic@1, and its money question asks about money outside the challan', async () => {
    const el = await preset('BSP-TRAFFIC', 'en');
    expect(legends(el).join(' ')).to.contain('Apart from the challan, did anyone ask for money');
    for (const [question, value] of [['reason', 'helmet'], ['receipt', 'echallan'], ['moneyDemanded', 'no'], ['staffBehaviour', 4], ['overall', 4]] as const) {
      $<HTMLInputElement>(el, `input[name="q-${question}"][value="${value}"]`)!.click();
      await el.updateComplete;
    }
    const submitted = oneEvent(el, 'feedback-submit') as Promise<FeedbackSubmitEvent>;
    $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    const { detail } = await submitted;
    expect(detail.questionSet).to.equal('traffic@1');
    expect(checkAnswers(setOf('traffic@1'), detail.answers)).to.deep.equal([]);
  });

  it("a directory entry's own questionSet wins over its kind's", async () => {
    const el = await preset('BSP-TRAFFIC-DESK');
    expect(legends(el).join(' ')).to.contain('आपके आने का उद्देश्य');
  });

  it("the page's own set wins over the unit's", async () => {
    const own = { id: 'clean', version: 1, questions: [{ id: 'clean', type: 'rating' as const, required: true, label: { hi: 'सफ़ाई', en: 'Cleanliness' } }] };
    const el = await fixture<AnubhavFeedback>(html`
      <anubhav-feedback lang="en" endpoint="/x" station="BSP-112-ERV-07" .stations=${directory} .questions=${own}></anubhav-feedback>`);
    expect(legends(el)[0]).to.equal('Cleanliness (required)');
    expect(legends(el).join(' ')).not.to.contain('112 vehicle');
  });

  it('a set the form does not have is a clear error that keeps the station, and fires bad-questions', async () => {
    const el = document.createElement('anubhav-feedback');
    const error = oneEvent(el, 'feedback-error') as Promise<FeedbackErrorEvent>;
    Object.assign(el, { lang: 'en', endpoint: '/x', station: 'BSP-SURVEY', stations: directory });
    const fixtureEl = await fixture<AnubhavFeedback>(html`<div></div>`);
    fixtureEl.append(el);
    const { detail } = await error;
    expect(detail).to.deep.include({ code: 'bad-questions', message: 'question set survey@1: not built in' });
    await (el as AnubhavFeedback).updateComplete;
    expect($(el, '.station-line')!.textContent).to.contain('Survey');
    expect($(el, '.config-error')!.textContent).to.contain('The questions did not load');
    expect($(el, '[part="submit"]') === null && $(el, 'fieldset') === null, 'no questions and no submit button').to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('picking a unit in the picker loads its set and keeps the picker, with focus, in place', async () => {
    const el = await fixture<AnubhavFeedback>(html`
      <anubhav-feedback lang="hi" endpoint="/x" .stations=${directory}></anubhav-feedback>`);
    const district = $<HTMLSelectElement>(el, '#picker-district')!;
    district.value = 'bilaspur';
    district.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const station = $<HTMLSelectElement>(el, '#picker-station')!;
    station.focus();
    station.value = 'BSP-CONTROL-ROOM';
    station.dispatchEvent(new Event('change'));
    await waitUntil(() => legends(el).some((l) => l.startsWith('क्या आपका फ़ोन तुरंत उठाया गया?')), 'the control room questions show');
    // Compared as booleans: chai would print a whole element on failure.
    expect($(el, '#picker-station') === station, 'the same select').to.equal(true);
    expect(shadow(el).activeElement === station, 'focus stays on it').to.equal(true);
  });
});
