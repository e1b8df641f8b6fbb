import { css, html, type CSSResultGroup, type PropertyValues } from 'lit';
import { readFormPost, POST_FIELDS } from '../core/form-post.js';
import { fill, type Messages } from '../core/i18n.js';
import { textCap } from '../core/form.js';
import { loadSet } from '../core/set-choice.js';
import type { Answers, Lang, QuestionSet } from '../core/schema.js';
import { hostedForm as hostedMessages } from '../locales/hosted.js';
import { en } from '../locales/en.js';
import { hi } from '../locales/hi.js';
import { AnubhavFeedback } from './anubhav-feedback.js';

/**
 * `<anubhav-feedback>` as the collector's hosted page serves it (`/f`): the
 * server renders it into the page's HTML with Lit's SSR, so the form paints
 * and can be answered before any script, and posts natively without one.
 * When the page's script arrives, it hydrates in place and reads back
 * whatever the citizen already answered. It is the same element, with what
 * a server-rendered form needs, kept out of the drop-ins:
 *
 * - until hydrated (and on the server) every question and the identity
 *   fields show, with hints saying when to fill them, since no script can
 *   reveal them; the language switch is a link;
 * - hidden fields carry the response id the page was rendered with (a
 *   second post is a replay) and the signed render time;
 * - "Not the right station?" links to the collector's picker.
 *
 * @summary The feedback form of the collector's hosted page.
 */
export class HostedFeedback extends AnubhavFeedback {
  static override styles: CSSResultGroup = [
    AnubhavFeedback.styles,
    // The language link stands where the button will: drawn as it.
    css`.change { margin-top: -0.25em; } .change a { color: var(--_accent); }
      a.lang-switch { display: inline-flex; align-items: center; border-radius: var(--_radius); text-decoration: none; }`,
  ];

  static override properties = {
    ...AnubhavFeedback.properties,
    responseId: { attribute: 'response-id' },
    formToken: { attribute: 'form-token' },
    full: { attribute: false },
  };

  /** The response id the server rendered the page with; a native post sends it back. */
  responseId = '';

  /** The server's signed render time, posted back for the fill time. */
  formToken = '';

  protected override full = true;

  /**
   * The fill time counts from the page's navigation, not from the script's
   * arrival: on a slow line a citizen may answer everything before the
   * script runs, and must not then be taken for a bot.
   */
  protected override shownAt = typeof performance === 'object' ? performance.timeOrigin : Date.now();

  private get hosted() {
    return hostedMessages[this.currentLang];
  }

  protected override get m(): Messages {
    const m = super.m;
    return this.full ? { ...m, anonymousHint: this.hosted.anonymousHintNoScript } : m;
  }

  /**
   * Without script, a question that shows after another's answer shows
   * from the start (it has no `showIf`), and its hint says when to fill it.
   */
  protected override get questionSet(): QuestionSet | string | undefined {
    const set = super.questionSet;
    if (!this.full || typeof set !== 'object') return set;
    return {
      ...set,
      questions: set.questions.map((q) => {
        if (!q.showIf) return q;
        const { showIf, ...shown } = q;
        const on = set.questions.find((p) => p.id === showIf.question);
        const answer = on?.options?.find((o) => o.value === showIf.equals)?.label ?? { hi: String(showIf.equals), en: String(showIf.equals) };
        const hint = (l: Lang) => fill(hostedMessages[l].onlyIf, { question: on ? this.plainLabel(on.label[l], l) : showIf.question, answer: answer[l] });
        return { ...shown, hint: q.hint ?? { hi: hint('hi'), en: hint('en') } };
      }),
    };
  }

  /** A question's label with `{place}` filled in, as the form shows it. */
  private plainLabel(label: string, lang: Lang) {
    return fill(label, { place: { hi, en }[lang].placeOblique.station });
  }

  /** The identity block, then the hidden fields posted with the form. */
  protected override renderIdentity() {
    return html`${super.renderIdentity()}
      <input type="hidden" name=${POST_FIELDS.id} value=${this.responseId}>
      <input type="hidden" name=${POST_FIELDS.token} value=${this.formToken}>`;
  }

  protected override langLink = (other: Lang) => {
    if (!this.full) return undefined;
    const url = new URL(location.href);
    url.searchParams.set('lang', other);
    return html`<a class="lang-switch" part="lang-switch" lang=${other} href=${url.search}>${{ hi, en }[other].languageName}</a>`;
  };

  protected override renderStation() {
    const id = this.presetId;
    return html`${super.renderStation()}${id ? html`
      <p class="change"><a href="?change=${id}&lang=${this.currentLang}">${this.hosted.changeStation}</a></p>` : ''}`;
  }

  override connectedCallback() {
    super.connectedCallback();
    // The server defers hydration when the form shows what only the unit's
    // directory entry tells (its own question set, a vehicle): the first
    // render here must be the server's, so fetch them first. Until then the
    // rendered form works as it does without script. If either fails, it
    // hydrates anyway; a mismatch then leaves the server's form, which posts.
    if (this.hasAttribute('defer-hydration')) {
      const ref = this.getAttribute('question-set');
      void Promise.all([
        fetch(this.stationsSrc).then((r) => r.json()).then((stations) => (this.stations = stations), () => undefined),
        ref && loadSet(ref).then((set) => typeof set === 'object' && (this.questions = set)),
      ]).finally(() => this.removeAttribute('defer-hydration'));
    }
  }

  /** Answers read before hydrating that must wait until after it (see `willUpdate`). */
  private deferred: Answers = {};

  override willUpdate(changed: PropertyValues<this>) {
    // Before hydrating: take what was answered before the script ran into
    // the element's state, so that the first render is the page as it
    // stands. Hydration sets every `.value` binding, and would otherwise
    // empty the text fields the citizen filled in.
    const set = this.questionSet;
    const form = this.hasUpdated || typeof set !== 'object' ? null : this.shadowRoot?.querySelector('form');
    const read = form && readFormPost(set as QuestionSet, new FormData(form).entries());
    if (read?.ok) {
      const { state, trap } = read.post;
      // Hydration needs the server's structure, and a short text near its
      // cap grows a counter: such an answer is put back just after.
      const answers: Answers = {};
      for (const [id, value] of Object.entries(state.answers)) {
        const q = (set as QuestionSet).questions.find((x) => x.id === id);
        const target = q?.type === 'text' && String(value).length >= textCap(q) * 0.8 ? this.deferred : answers;
        target[id] = value;
      }
      this.answers = answers;
      this.anonymous = state.anonymous;
      this.contactName = state.name;
      this.mobile = state.mobile;
      this.callback = state.callback;
      this.trap = trap;
    }
    super.willUpdate(changed);
  }

  override firstUpdated(changed: PropertyValues<this>) {
    super.firstUpdated(changed);
    // Hydrated: from now on the interactive form, which shows what applies.
    this.answers = { ...this.answers, ...this.deferred };
    this.full = false;
  }
}
