import { LitElement, html, nothing, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import { checkEndpoint, checkLinkUrl, checkSourceUrl, cleanPhoneNumber } from '../core/config.js';
import {
  FeedbackErrorEvent, FeedbackQueuedEvent, FeedbackSentEvent, FeedbackSubmitEvent, type FeedbackErrorCode,
} from '../core/events.js';
import {
  buildPayload, localDay, questionField, textCap, validateForm, visibleQuestions, type FieldError, type FormState,
} from '../core/form.js';
import { fill, intlLocale, plural, resolveLang, type Messages } from '../core/i18n.js';
import {
  DEFAULT_SET_REF, describeIssues, parsePayload, questionSetSchema, stationDirectorySchema, stationId,
  type Answers, type Bilingual, type FeedbackPayload, type Lang, type Question, type QuestionSet, type Station,
  type StationDirectory, type StationKind,
} from '../core/schema.js';
import { outcomeEvent, type OutboxEvent } from '../core/outbox.js';
import { newId, sendPayload, type Antispam } from '../core/send.js';
import { readStationParam } from '../core/station-url.js';
import { en } from '../locales/en.js';
import { hi } from '../locales/hi.js';
import { DeliveryController } from './delivery.js';
import { defaultQuestions } from '../core/questions.js';
import { loadSet, setRefFor } from '../core/set-choice.js';
import { styles } from './anubhav-feedback.styles.js';

const MESSAGES: Record<Lang, Messages> = { hi, en };

/** How long "Sending…" may stand before the citizen is told the response is safe on the phone. */
const SLOW_MS = 5000;

/**
 * The two configurable JSON sources: each is a property (`stations`,
 * `questions`) with a `*-src` URL sibling, and each has its schema.
 */
const SOURCES = { stations: stationDirectorySchema, questions: questionSetSchema };
type Source = keyof typeof SOURCES;
type Loaded = { stations?: StationDirectory; questions?: QuestionSet };

/** A field's control, given its `aria-describedby` and whether it is invalid. */
type FieldControl = (describedBy: string | typeof nothing, invalid: boolean) => unknown;

interface FieldOptions {
  hint?: string;
  /** What follows the control (a counter), and its id for `aria-describedby`. */
  after?: unknown;
  afterId?: string;
  /** One of the set's questions: the wrapper is classed `question field`. */
  question?: boolean;
  /** Exposed as a `question` part; false only for the contact fields. */
  part?: boolean;
}

/**
 * - form: being filled in (also after a rejection, with the reason shown);
 * - sending: the submit is being saved or, without storage, sent live;
 * - queued: saved on this device, waiting for a 2xx;
 * - sent: the endpoint accepted it;
 * - failed: no storage here and the live send failed; the answers stay.
 */
type Phase = 'form' | 'sending' | 'queued' | 'sent' | 'failed';
type ConfigError = { code: FeedbackErrorCode; message: string };

/** Where the station comes from, once the directory (if any) is known. */
type StationChoice =
  | { kind: 'preset'; id: string; entry?: Station; source: 'qr' | 'web' }
  | { kind: 'picker'; unknownPreset?: string }
  | { kind: 'loading' }
  | { kind: 'missing' };

/**
 * A bilingual (Hindi/English) citizen feedback form for a police station,
 * which posts each response as `anubhav.feedback/v1` JSON to `endpoint`.
 *
 * @summary The Anubhav feedback form.
 *
 * @fires {FeedbackSubmitEvent} feedback-submit - Cancelable; `detail` is the payload, before it is stored or sent.
 * @fires {FeedbackQueuedEvent} feedback-queued - The response is saved on the device and waits to be sent; `detail` is `{id}`.
 * @fires {FeedbackSentEvent} feedback-sent - The endpoint accepted the response; `detail` is `{id, reference}`.
 * @fires {FeedbackErrorEvent} feedback-error - A terminal rejection or a configuration error; `detail` is `{id?, code, message}`.
 *
 * @csspart header - The title row with the language switch.
 * @csspart lang-switch - The button that switches between Hindi and English.
 * @csspart emergency - The "not for emergencies" notice.
 * @csspart form - The `<form>` element.
 * @csspart error-summary - The list of problems shown after a failed submit.
 * @csspart question - Each question's `fieldset` or field wrapper.
 * @csspart submit - The submit button.
 * @csspart status - The live region that reports sending and the reference.
 * @csspart config-error - The message shown instead of the form when it is set up wrongly.
 *
 * @cssprop [--anubhav-accent=#0b5394] - Accent colour: buttons, selected ratings, focus ring partner.
 * @cssprop [--anubhav-radius=8px] - Corner radius of controls.
 * @cssprop [--anubhav-font-scale=1] - Multiplies the base font size.
 * @cssprop [--anubhav-surface=#fff] - Background of the form.
 * @cssprop [--anubhav-text=#1b1b1b] - Text colour.
 * @cssprop [--anubhav-error=#b3261e] - Colour of error messages and borders.
 */
export class AnubhavFeedback extends LitElement {
  static override styles: CSSResultGroup = styles;

  // Declared without decorators: the decorator helpers cost every page
  // about 0.5 KiB gzip. Private state is `attribute: false`, which is all
  // that `@state()` changes outside Lit's dev mode, and what the manifest
  // analyzer reads (it takes `state: true` alone for an attribute).
  static override properties = {
    endpoint: {},
    station: {},
    stations: { attribute: false },
    stationsSrc: { attribute: 'stations-src' },
    lang: { reflect: true },
    questions: { attribute: false },
    questionsSrc: { attribute: 'questions-src' },
    privacyUrl: { attribute: 'privacy-url' },
    emergencyNumber: { attribute: 'emergency-number' },
    retentionDays: { type: Number, attribute: 'retention-days' },
    source: {},
    messages: { attribute: false },
    answers: { attribute: false },
    anonymous: { attribute: false },
    contactName: { attribute: false },
    mobile: { attribute: false },
    callback: { attribute: false },
    pickedDistrict: { attribute: false },
    pickedStation: { attribute: false },
    errors: { attribute: false },
    phase: { attribute: false },
    statusText: { attribute: false },
    reference: { attribute: false },
    loaded: { attribute: false },
    loading: { attribute: false },
    sourceErrors: { attribute: false },
    builtIn: { attribute: false },
  };

  /** URL that receives responses: `https:`, `http:` on localhost, or a same-origin path. */
  endpoint = '';

  /** Preset station id; else the page's `?station=`; else the citizen picks one. */
  station = '';

  /** The station directory that feeds the picker and names the preset station. */
  stations?: StationDirectory;

  /** URL of the station directory as JSON, used when `stations` is not set. */
  stationsSrc = '';

  // Narrower than `HTMLElement`'s `string`, so `form.lang = 'fr'` does not
  // compile; an unknown value set through the attribute falls back as below.
  // Spelt out rather than `Lang`, so the manifest and the framework types
  // generated from it carry the two values.
  /** `hi` or `en`; defaults to the nearest `[lang]` ancestor, then `hi`. */
  override lang!: 'hi' | 'en';

  /** A custom question set, `{id, version, questions}`, replacing the default one (`default@1`). */
  questions?: QuestionSet;

  /** URL of a custom question set as JSON, used when `questions` is not set. */
  questionsSrc = '';

  /** Optional link to the full privacy notice: `https:` or relative. */
  privacyUrl = '';

  /** The number in the "not for emergencies" notice, linked as `tel:`. */
  emergencyNumber = '112';

  /**
   * How many days a shared name and mobile number are kept after the feedback
   * is closed, as the privacy notice states: a whole number from 1 to 3650.
   * Give the collector's `--contact-retention-days`.
   */
  retentionDays = 365;

  /**
   * Set `call` when the feedback cell records a phone call; the collector
   * accepts it only from a signed-in office account. Otherwise the payload's
   * `source` is `qr` or `web`, from where the station came.
   */
  source: '' | 'call' = '';

  /** Overrides for any message, per instance, in both languages. */
  messages?: Partial<Record<Lang, Partial<Messages>>>;

  // What the hosted page's subclass (hosted-feedback.ts) adds, for a form
  // rendered on the server that must work before and without script.
  // Declared, not defined, so this file carries no code for them.
  /** The identity fields show, whatever the checkbox: no script reveals them. */
  protected declare full?: boolean;
  /** The language switch as a link, or `undefined` for the usual button. */
  protected declare langLink?: (other: Lang) => unknown;

  protected answers: Answers = {};
  protected anonymous = true;
  protected contactName = '';
  protected mobile = '';
  protected callback = false;
  private pickedDistrict = '';
  private pickedStation = '';
  protected errors: FieldError[] = [];
  private phase: Phase = 'form';
  private statusText = '';
  private reference = '';
  /** What the `*-src` files held, once fetched and valid. */
  private loaded: Loaded = {};
  private loading = new Set<Source>();
  private sourceErrors: ConfigError[] = [];
  /**
   * The built-in sets by name: `default@1`, in the drop-in, and those loaded
   * on demand (set-choice.ts), each the set, or why it did not load, or
   * `undefined` while on its way.
   */
  private builtIn: Record<string, QuestionSet | string | undefined> = { [DEFAULT_SET_REF]: defaultQuestions };

  /** The response this form last submitted; a retry reuses its id. */
  private pending?: FeedbackPayload;
  /** The honeypot's value: people never see the field, bots fill it. */
  protected trap = '';
  /** The spam signals of the pending response, sent as headers with it. */
  private antispam?: Antispam;
  /** Every response this form submitted on this visit. */
  private submitted = new Set<string>();
  /** When the form was shown, for the minimum fill time the collector checks. */
  protected shownAt = Date.now();
  private delivery = new DeliveryController(this, (event, local) => this.handleDelivery(event, local));
  private reported = new Set<string>();

  // ---------------------------------------------------------------------
  // Configuration

  protected get currentLang(): Lang {
    return resolveLang(this.lang, this.parentElement?.closest('[lang]')?.getAttribute('lang'));
  }

  protected get m(): Messages {
    const lang = this.currentLang;
    return { ...MESSAGES[lang], ...this.messages?.[lang] };
  }

  /** The `stations` or `questions` property, checked by its schema. */
  private validated<S extends Source>(what: S): { value?: Loaded[S]; error?: ConfigError } {
    const value = this[what];
    if (value === undefined) return {};
    const result = SOURCES[what].safeParse(value);
    return result.success
      ? { value: result.data as Loaded[S] }
      : { error: { code: `bad-${what}`, message: `${what}: ${describeIssues(result.error)}` } };
  }

  /**
   * The page's own set; else the unit's (see set-choice.ts): `default@1`,
   * which the drop-in holds, or a built-in set once loaded. A string says why
   * that one did not load, and `undefined` that it is on its way.
   */
  protected get questionSet(): QuestionSet | string | undefined {
    return this.validated('questions').value ?? this.loaded.questions ?? this.builtIn[setRefFor(this.unitEntry)];
  }

  private get directory(): StationDirectory | undefined {
    return this.validated('stations').value ?? this.loaded.stations;
  }

  /** Every configuration problem; any of them replaces the form with a message. */
  private get configErrors(): ConfigError[] {
    const errors: ConfigError[] = [...this.sourceErrors];
    const endpoint = checkEndpoint(this.endpoint, location.href);
    if (!endpoint.ok) errors.push({ code: 'bad-endpoint', message: endpoint.message });
    for (const what of ['questions', 'stations'] as const) {
      const { error } = this.validated(what);
      if (error) errors.push(error);
    }
    // The notice must state the collector's period: a wrong number would be
    // a false promise, so a bad one stops the form like a bad endpoint.
    const days = this.retentionDays;
    if (!(Number.isInteger(days) && days > 0 && days <= 3650)) {
      errors.push({ code: 'bad-retention-days', message: 'retention-days must be a whole number from 1 to 3650' });
    }
    const choice = this.stationChoice;
    if (choice.kind === 'missing') {
      const preset = this.presetId;
      errors.push(preset
        ? { code: 'bad-station', message: `station "${preset.slice(0, 80)}" is not a valid id and no station directory is set` }
        : { code: 'no-station', message: 'no station: set station, link with ?station= or give stations' });
    }
    return errors;
  }

  /** The page's `?station=`, read once: the QR code put it there. */
  private urlStation?: string;

  /**
   * The preset: the attribute, else the page's `?station=`. The URL is read
   * at the first render rather than on connect, so that a server rendering
   * the element (the collector's hosted page, which sets `location` for
   * it) finds it too.
   */
  protected get presetId(): string | undefined {
    return this.station || (this.urlStation ??= readStationParam(location.href));
  }

  private get stationChoice(): StationChoice {
    const preset = this.presetId;
    const source = this.station ? 'web' : 'qr';
    const directory = this.directory;
    const waiting = this.loading.has('stations');
    if (preset && stationId.safeParse(preset).success) {
      if (directory) {
        const entry = directory.find((s) => s.id === preset);
        // An id the directory does not know is shown as unknown, never trusted.
        return entry ? { kind: 'preset', id: preset, entry, source } : { kind: 'picker', unknownPreset: preset };
      }
      // The form shows at once, without waiting for `stations-src`: the
      // name fills in, or the picker replaces an unknown id, when it arrives.
      return { kind: 'preset', id: preset, source };
    }
    if (directory) return { kind: 'picker', unknownPreset: preset };
    return waiting ? { kind: 'loading' } : { kind: 'missing' };
  }

  /** The directory's entry for the preset or picked station, if it has one. */
  private get unitEntry(): Station | undefined {
    const choice = this.stationChoice;
    return choice.kind === 'preset' ? choice.entry : this.directory?.find((s) => s.id === this.pickedStation);
  }

  private get placeKind(): StationKind {
    return this.unitEntry?.kind ?? 'station';
  }

  override willUpdate(changed: PropertyValues<this>) {
    // A `*-src` file is fetched only while its property is unset: the
    // property wins, so a page that sets both neither waits on the file
    // nor loses the form to its 404.
    for (const what of ['questions', 'stations'] as const) {
      if (changed.has(what) || changed.has(`${what}Src`)) void this.loadSource(what, this[what] ? '' : this[`${what}Src`]);
    }
    const set = this.questionSet;
    const ref = setRefFor(this.unitEntry);
    // A unit's built-in set is imported the first time it is needed; never
    // for a page with a set of its own. A failure (offline, the file not
    // copied beside the drop-in) shows in place of the questions, asking to
    // open the page again, and is reported once as `bad-questions`. No
    // answer has been given yet, so none is lost.
    if (!set && !this.questionsSrc && !(ref in this.builtIn)) {
      // Marked as on its way without a new render.
      this.builtIn[ref] = undefined;
      void loadSet(ref).then((result) => (this.builtIn = { ...this.builtIn, [ref]: result }));
    }
    // Date questions start at today, as the spec's default question set asks.
    const today = localDay();
    for (const q of typeof set === 'object' ? set.questions : []) {
      if (q.type === 'date' && !(q.id in this.answers)) this.answers = { ...this.answers, [q.id]: today };
    }
  }

  override updated(changed: PropertyValues<this>) {
    // The form (and the focused button) went with the news; put focus on it.
    if ((changed as Map<PropertyKey, unknown>).has('phase') && (this.phase === 'sent' || this.phase === 'queued')) this.renderRoot.querySelector<HTMLElement>('.status')?.focus();
    const errors = this.configErrors;
    // A bad privacy link only hides the link, so it is reported but does not
    // replace the form.
    const privacy = this.privacyUrl ? checkLinkUrl(this.privacyUrl, location.href) : undefined;
    if (privacy && !privacy.ok) errors.push({ code: 'bad-privacy-url', message: privacy.message });
    // Nor does a unit's set that did not load: the station stays, with the reason.
    const set = this.questionSet;
    if (typeof set === 'string') errors.push({ code: 'bad-questions', message: set });
    // Each problem is reported once, not on every render.
    for (const error of errors) {
      const key = `${error.code}:${error.message}`;
      if (this.reported.has(key)) continue;
      this.reported.add(key);
      const event = new FeedbackErrorEvent(error);
      this.dispatchEvent(event);
    }
  }

  /** Fetches and validates a `*-src` JSON file; any failure is a configuration error. */
  private async loadSource(what: Source, src: string) {
    const code = `bad-${what}` as const;
    const attr = `${what}-src`;
    this.sourceErrors = this.sourceErrors.filter((e) => e.code !== code);
    if (!src) return;
    const url = checkSourceUrl(src, location.href);
    if (!url.ok) {
      this.sourceErrors = [...this.sourceErrors, { code, message: `${attr}: ${url.message}` }];
      return;
    }
    this.loading = new Set([...this.loading, what]);
    try {
      const response = await fetch(url.url, { credentials: 'omit', referrerPolicy: 'no-referrer' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const result = SOURCES[what].safeParse(await response.json());
      if (!result.success) throw new Error(describeIssues(result.error));
      this.loaded = { ...this.loaded, [what]: result.data };
    } catch (err) {
      // A failure that no longer matters is not shown: the property was set,
      // or the URL changed, while the file was on its way.
      if (this[what] || this[`${what}Src`] !== src) return;
      // Everything in the try throws an Error: fetch's TypeError, json()'s
      // SyntaxError (its wording differs between browsers) or our own.
      const reason = err instanceof SyntaxError ? 'not valid JSON' : (err as Error).message;
      this.sourceErrors = [...this.sourceErrors, { code, message: `${attr} "${src}": ${reason}` }];
    } finally {
      const loading = new Set(this.loading);
      loading.delete(what);
      this.loading = loading;
    }
  }

  // ---------------------------------------------------------------------
  // Rendering

  override render() {
    const m = this.m;
    const lang = this.currentLang;
    const other: Lang = lang === 'hi' ? 'en' : 'hi';
    const tel = cleanPhoneNumber(this.emergencyNumber) ?? '112';
    // The link stands in for `{number}`; without one, it follows the text.
    const [before, after] = m.emergencyCall.split('{number}');
    const errors = this.configErrors;
    // The live region stays one node throughout, so screen readers announce
    // each change; after submit it heads the panel, while filling in it
    // sits by the submit button.
    const done = this.phase === 'sent' || this.phase === 'queued';
    return html`
      <div class="root" lang=${lang}>
        <div class="header" part="header">
          <h2>${m.title}</h2>
          ${this.langLink?.(other) ?? html`<button type="button" class="lang-switch" part="lang-switch" lang=${other}
            @click=${this.handleSwitchLanguage}>${MESSAGES[other].languageName}</button>`}
        </div>
        <p class="intro">${m.intro}</p>
        <p class="emergency" part="emergency">
          <strong>${m.emergencyLead}</strong> ${before}<a href="tel:${tel}">${tel}</a>${after}
        </p>
        ${errors.length ? this.renderConfigError(errors)
          // The questions, or (with no usable preset) the station list, are on their way.
          : this.loading.has('questions') || this.stationChoice.kind == 'loading' ? html`<p class="loading">${m.loading}</p>`
          : done ? nothing : this.renderForm()}
        <div class="status" part="status" role="status" tabindex="-1">${this.statusText}</div>
        ${this.phase === 'failed' ? this.retryButton() : nothing}
        ${done && !errors.length ? this.renderDone() : nothing}
      </div>`;
  }

  private renderConfigError(errors: ConfigError[]) {
    return html`
      <div class="config-error" part="config-error" role="alert">
        <p><strong>${this.m.configError}</strong> ${this.m.configErrorHelp}</p>
        <ul>${errors.map((e) => html`<li lang="en"><code>${e.code}</code>: ${e.message}</li>`)}</ul>
      </div>`;
  }

  private retryButton() {
    return html`<button type="button" class="secondary" @click=${this.handleRetry}>${this.m.retryNow}</button>`;
  }

  /** After submit: the reference once sent, or "saved on this phone" with Retry now. */
  private renderDone() {
    const sent = this.phase === 'sent';
    return html`
      <div class="done">
        ${sent ? html`<p class="reference" lang="en">${this.reference}</p><p>${this.m.sentNote}</p>` : this.retryButton()}
        <button type="button" class="secondary" @click=${this.handleAnother}>${this.m.another}</button>
      </div>`;
  }

  private renderForm() {
    const m = this.m;
    const set = this.questionSet;
    // Until the unit's own set is here, or if it does not come, a line
    // stands in for the questions. The station (a picker that has focus,
    // say) stays the same element throughout.
    return html`
      <form part="form" method="post" novalidate @submit=${this.handleSubmit}>
        ${this.renderErrorSummary()}
        ${this.renderStation()}
        ${typeof set !== 'object' ? set ? html`<p class="config-error" role="alert">${m.setFailed}</p>` : html`<p class="loading">${m.loading}</p>` : html`
          ${visibleQuestions(set.questions, this.answers).map((q) => this.renderQuestion(q))}
          ${this.renderIdentity()}
          <div class="trap" aria-hidden="true">
            <label for="website">Website</label>
            <input id="website" name="website" tabindex="-1" autocomplete="off" .value=${this.trap}
              @input=${(e: Event) => (this.trap = (e.target as HTMLInputElement).value)}>
          </div>
          <button type="submit" class="primary" part="submit" ?disabled=${this.phase === 'sending'}>
            ${this.phase === 'sending' ? m.sending : m.submit}
          </button>`}
      </form>`;
  }

  private renderErrorSummary() {
    if (!this.errors.length) return nothing;
    const m = this.m;
    return html`
      <div class="error-summary" part="error-summary" tabindex="-1" role="alert">
        <h3>${m.errorSummaryTitle}</h3>
        <ul>
          ${this.errors.map((e) => html`
            <li><a href="#${e.field}" @click=${(ev: Event) => this.handleErrorLink(ev, e.field)}>${this.summaryText(e)}</a></li>`)}
        </ul>
      </div>`;
  }

  private summaryText(e: FieldError): string {
    const label = e.question ? this.label(e.question) : e.field === 'contact-name' ? this.m.nameLabel
      : e.field === 'contact-mobile' ? this.m.mobileLabel : '';
    const message = this.errorMessage(e);
    return label ? `${label} — ${message}` : message;
  }

  private errorMessage(e: FieldError): string {
    return fill(this.m.errors[e.key], { max: e.max ?? '' });
  }

  private errorFor(field: string): FieldError | undefined {
    return this.errors.find((e) => e.field === field);
  }

  /** The inline message, `<field id>-error`, with the visually hidden "Error:" prefix GOV.UK uses. */
  private renderInlineError(e: FieldError | undefined) {
    if (!e) return nothing;
    return html`<p class="field-error" id="${e.field}-error"><span class="visually-hidden">${this.m.errorPrefix}</span> ${this.errorMessage(e)}</p>`;
  }

  private label(q: Question): string {
    return fill(q.label[this.currentLang], { place: this.m.placeOblique[this.placeKind] });
  }

  protected renderStation() {
    const m = this.m;
    const lang = this.currentLang;
    const choice = this.stationChoice;
    if (choice.kind === 'preset') {
      const name = choice.entry ? choice.entry.name[lang] : choice.id;
      const vehicle = choice.entry?.vehicle;
      return html`
        <p class="station-line">
          <span>${m.placeLabel[this.placeKind]}:</span>
          <strong>${name}</strong>${choice.entry ? `, ${choice.entry.district.name[lang]}` : ''}
        </p>
        ${vehicle ? html`<p class="station-line">${m.vehicle} <strong lang="en">${vehicle.registration} (${vehicle.callSign})</strong></p>` : nothing}`;
    }
    if (choice.kind !== 'picker') return nothing;
    const directory = this.directory ?? [];
    const collator = new Intl.Collator(intlLocale(lang));
    const byName = (a: { name: Bilingual }, b: { name: Bilingual }) => collator.compare(a.name[lang], b.name[lang]);
    const districts = [...new Map(directory.map((s) => [s.district.id, s.district])).values()].sort(byName);
    const stations = directory.filter((s) => s.district.id === this.pickedDistrict).sort(byName);
    return html`
      ${choice.unknownPreset
        ? html`<p class="notice">${fill(m.stationUnknown, { id: choice.unknownPreset.slice(0, 80) })}</p>` : nothing}
      ${this.renderSelect('picker-district', m.districtLabel, this.pickedDistrict, districts, this.handleDistrict)}
      ${this.renderSelect('picker-station', m.stationLabel, this.pickedStation, stations, this.handleStation, !this.pickedDistrict)}`;
  }

  /** One of the picker's two selects, named in the page's language. */
  private renderSelect(
    id: string, label: string, value: string, items: { id: string; name: Bilingual }[],
    onChange: (e: Event) => void, disabled = false,
  ) {
    return this.renderField(id, label, true, (describedBy, invalid) => html`
      <select id=${id} .value=${value} @change=${onChange} ?disabled=${disabled} required
        aria-invalid=${invalid} aria-describedby=${describedBy}>
        <option value="">${this.m.choose}</option>
        ${items.map((item) => html`<option value=${item.id} ?selected=${item.id === value}>${item.name[this.currentLang]}</option>`)}
      </select>`);
  }

  /**
   * A labelled control in GOV.UK's order: label, hint, inline error, the
   * control, then `after` (a counter). The hint and the error take their ids
   * from the field's; `control` gets them, and `afterId`, for its
   * `aria-describedby`.
   */
  private renderField(
    id: string,
    label: unknown,
    required: boolean | undefined,
    control: FieldControl,
    { hint, after = nothing, afterId, question, part = true }: FieldOptions = {},
  ) {
    const error = this.errorFor(id);
    const describedBy = [hint && `${id}-hint`, error && `${id}-error`, afterId].filter(Boolean).join(' ') || nothing;
    return html`
      <div class="${question ? 'question ' : ''}field ${error ? 'invalid' : ''}" part=${part ? 'question' : nothing}>
        <label for=${id}>${label}${this.requiredMark(required)}</label>
        ${this.renderHint(id, hint)}
        ${this.renderInlineError(error)}
        ${control(describedBy, !!error)}
        ${after}
      </div>`;
  }

  /** " (required)" after a label, when it is. */
  private requiredMark(required: boolean | undefined) {
    // The space is inside the span's one text binding, as in the ratings'
    // "4 Good": the build's HTML minifier trims a template's leading
    // whitespace, and Chromium's accessible name dropped a space that stood
    // alone before the span ("Purpose of visit(required)").
    return required ? html`<span class="req">${` (${this.m.required})`}</span>` : nothing;
  }

  private renderHint(id: string, hint: string | undefined) {
    return hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing;
  }

  private renderQuestion(q: Question): TemplateResult {
    const m = this.m;
    const field = questionField(q);
    const hint = q.hint?.[this.currentLang];
    const value = this.answers[q.id];

    if (q.type === 'choice' || q.type === 'rating') {
      const error = this.errorFor(field);
      const options = q.type === 'choice'
        ? q.options!.map((o) => ({ value: o.value, label: o.label[this.currentLang], sub: '' }))
        : m.ratingLabels.map((label, i) => ({ value: i + 1, label: i + 1, sub: label }));
      const describedBy = [hint && `${field}-hint`, error && `${field}-error`].filter(Boolean).join(' ') || nothing;
      return html`
        <fieldset class="question ${q.type} ${error ? 'invalid' : ''}" part="question" role="radiogroup"
          aria-required=${!!q.required} aria-describedby=${describedBy}>
          <legend>${this.label(q)}${this.requiredMark(q.required)}</legend>
          ${this.renderHint(field, hint)}
          ${this.renderInlineError(error)}
          <div class="options">
            ${options.map((o, i) => {
              const id = i === 0 ? field : `${field}-${o.value}`;
              return html`
                <div class="option">
                  <input type="radio" id=${id} name=${field} value=${o.value} ?checked=${value === o.value}
                    aria-invalid=${!!error} aria-describedby=${describedBy} @change=${() => this.setAnswer(q.id, o.value)}>
                  <label for=${id}>${o.label}${o.sub ? html`<span class="sub">${` ${o.sub}`}</span>` : nothing}</label>
                </div>`;
            })}
          </div>
        </fieldset>`;
    }

    const text = typeof value === 'string' ? value : '';
    const onInput = (e: Event) => this.setAnswer(q.id, (e.target as HTMLInputElement).value);
    const wrap = (control: FieldControl, after?: FieldOptions) =>
      this.renderField(field, this.label(q), q.required, control, { ...after, hint, question: true });
    if (q.type === 'date') {
      return wrap((describedBy, invalid) => html`<input type="date" id=${field} name=${field} max=${localDay()} .value=${text} ?required=${q.required}
        aria-invalid=${invalid} aria-describedby=${describedBy} @input=${onInput}>`);
    }
    const cap = textCap(q);
    const left = cap - text.normalize('NFC').length;
    const counterId = `${field}-count`;
    // Short text shows its counter only near the cap; long text always does.
    const counter = q.type === 'longtext' || left < cap / 5
      ? html`<p class="counter ${left < 0 ? 'over' : ''}" id=${counterId}>
        ${plural(this.currentLang, left < 0 ? m.charactersOver : m.charactersRemaining, Math.abs(left))}</p>`
      : nothing;
    const after = counter === nothing ? {} : { after: counter, afterId: counterId };
    if (q.type === 'text') {
      return wrap((describedBy, invalid) => html`<input type="text" id=${field} name=${field} .value=${text} autocomplete="off" ?required=${q.required}
        aria-invalid=${invalid} aria-describedby=${describedBy} @input=${onInput}>`, after);
    }
    return wrap((describedBy, invalid) => html`<textarea id=${field} name=${field} rows="4" .value=${text} ?required=${q.required}
      aria-invalid=${invalid} aria-describedby=${describedBy} @input=${onInput}></textarea>`, after);
  }

  protected renderIdentity() {
    const m = this.m;
    const privacy = this.privacyUrl ? checkLinkUrl(this.privacyUrl, location.href) : undefined;
    return html`
      <fieldset class="question identity" part="question">
        <legend>${m.identityLegend}</legend>
        <div class="checkbox">
          <input type="checkbox" id="anonymous" name="anonymous" ?checked=${this.anonymous} @change=${this.handleAnonymous}
            aria-describedby="anonymous-hint">
          <label for="anonymous">${m.anonymousLabel}</label>
        </div>
        <p class="hint" id="anonymous-hint">${this.anonymous ? m.anonymousHint : ''} ${m.freeTextWarning}</p>
        ${this.anonymous && !this.full ? nothing : html`
          ${this.renderField('contact-name', m.nameLabel, true, (describedBy, invalid) => html`
            <input type="text" id="contact-name" name="contact-name" autocomplete="name" .value=${this.contactName} required
              aria-invalid=${invalid} aria-describedby=${describedBy}
              @input=${(e: Event) => (this.contactName = (e.target as HTMLInputElement).value)}>`, { part: false })}
          ${this.renderField('contact-mobile', m.mobileLabel, true, (describedBy, invalid) => html`
            <input type="tel" id="contact-mobile" name="contact-mobile" inputmode="tel" autocomplete="tel-national" .value=${this.mobile} required
              aria-invalid=${invalid} aria-describedby=${describedBy}
              @input=${(e: Event) => (this.mobile = (e.target as HTMLInputElement).value)}>`, { hint: m.mobileHint, part: false })}
          <div class="checkbox">
            <input type="checkbox" id="contact-callback" name="contact-callback" ?checked=${this.callback}
              @change=${(e: Event) => (this.callback = (e.target as HTMLInputElement).checked)}>
            <label for="contact-callback">${m.callbackLabel}</label>
          </div>
          <div class="privacy">
            <h3>${m.privacyTitle}</h3>
            <p>${fill(m.privacyText, { days: plural(this.currentLang, m.days, this.retentionDays) })}</p>
            ${privacy?.ok ? html`<p><a href=${privacy.url.href} target="_blank" rel="noopener">${m.privacyLink}</a></p>` : nothing}
          </div>`}
      </fieldset>`;
  }

  // ---------------------------------------------------------------------
  // Handlers

  private setAnswer(id: string, value: string | number) {
    this.answers = { ...this.answers, [id]: value };
  }

  private handleSwitchLanguage = () => {
    // Answers live in state keyed by question id, so they survive the switch.
    this.lang = this.currentLang === 'hi' ? 'en' : 'hi';
  };

  private handleDistrict = (e: Event) => {
    this.pickedDistrict = (e.target as HTMLSelectElement).value;
    this.pickedStation = '';
  };

  private handleStation = (e: Event) => {
    this.pickedStation = (e.target as HTMLSelectElement).value;
  };

  private handleAnonymous = (e: Event) => {
    this.anonymous = (e.target as HTMLInputElement).checked;
  };

  private handleErrorLink(ev: Event, field: string) {
    // Fragment links cannot reach into a shadow root, so move focus by hand.
    ev.preventDefault();
    const target = this.renderRoot.querySelector<HTMLElement>(`#${field}`);
    target?.scrollIntoView({ block: 'center' });
    target?.focus();
  }

  private handleSubmit = async (e: Event) => {
    e.preventDefault();
    if (this.phase === 'sending') return;
    const choice = this.stationChoice;
    const state: FormState = {
      answers: this.answers,
      anonymous: this.anonymous,
      name: this.contactName,
      mobile: this.mobile,
      callback: this.callback,
      picker: choice.kind === 'picker' ? { district: this.pickedDistrict, station: this.pickedStation } : undefined,
    };
    this.errors = validateForm((this.questionSet as QuestionSet).questions, state);
    if (this.errors.length) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.error-summary')?.focus();
      return;
    }
    const endpoint = checkEndpoint(this.endpoint, location.href);
    if (!endpoint.ok) return;
    const stationId = choice.kind === 'preset' ? choice.id : this.pickedStation;
    const entry = this.directory?.find((s) => s.id === stationId);
    const context = {
      station: stationId,
      district: entry?.district.id,
      lang: this.currentLang,
      source: this.source === 'call' ? 'call' : choice.kind === 'preset' ? choice.source : 'web',
    } as const;
    // After a failed live send, pressing "send" again with the same answers
    // is a retry of the same response, so it keeps its id: if the first
    // attempt did reach the endpoint, the key makes this one a replay.
    const unchanged = this.phase === 'failed' && this.pending
      && JSON.stringify(buildPayload((this.questionSet as QuestionSet), state, { ...context, id: this.pending.id, createdAt: this.pending.createdAt }))
        === JSON.stringify(this.pending);
    if (unchanged) {
      await this.sendLive();
      return;
    }
    const payload = buildPayload((this.questionSet as QuestionSet), state, { ...context, id: newId(), createdAt: new Date().toISOString() });
    const parsed = parsePayload(payload);
    if (!parsed.success) {
      // The form's own checks passed, so this is a bug or a hostile page
      // script; say so rather than send something the endpoint will refuse.
      this.fail('invalid-payload', describeIssues(parsed.error));
      return;
    }
    const submitEvent = new FeedbackSubmitEvent(parsed.data);
    this.dispatchEvent(submitEvent);
    if (submitEvent.defaultPrevented) return;
    this.pending = parsed.data;
    this.antispam = { trap: this.trap, fillMs: Math.min(Date.now() - this.shownAt, 2 ** 31) };
    this.submitted.add(parsed.data.id);
    this.phase = 'sending';
    this.statusText = this.m.sending;
    // Saved on the device before the first send, so a dropped connection,
    // a closed tab or a flat battery loses nothing.
    if (await this.delivery.queue(parsed.data, endpoint.url.href, this.antispam)) {
      this.dispatchEvent(new FeedbackQueuedEvent({ id: parsed.data.id }));
      // It is saved, but the first words must be true: "Sending…" while
      // the request is out, and "saved on this phone" only once it failed
      // (a retry event), or when it takes longer than a person waits.
      setTimeout(() => {
        if (this.phase === 'sending' && this.pending === parsed.data) [this.phase, this.statusText] = ['queued', this.m.queued];
      }, SLOW_MS);
      await this.delivery.flush();
    } else {
      await this.sendLive();
    }
  };

  private handleRetry = () => void (this.phase === 'failed' ? this.sendLive() : this.delivery.flush({ force: true }));

  private handleAnother = () => {
    this.answers = {};
    this.contactName = this.mobile = '';
    this.anonymous = true;
    this.callback = false;
    this.pickedDistrict = this.pickedStation = '';
    this.pending = undefined;
    this.phase = 'form';
    this.statusText = '';
    this.shownAt = Date.now();
  };

  /** Without any storage on this device: one live attempt, and say so if it fails. */
  private async sendLive() {
    const payload = this.pending;
    const endpoint = checkEndpoint(this.endpoint, location.href);
    if (!payload || !endpoint.ok) return;
    this.phase = 'sending';
    this.statusText = this.m.sending;
    const outcome = await sendPayload(endpoint.url.href, payload, { antispam: this.antispam });
    if (outcome.kind === 'retry') {
      this.phase = 'failed';
      this.statusText = this.m.failed;
    } else {
      this.handleDelivery(outcomeEvent(payload.id, outcome), true);
    }
  }

  /**
   * Turns delivery results into what the citizen sees and the page hears.
   * Results for responses sent from this form always count, even after
   * "Give more feedback"; results for responses from an earlier visit count
   * in the tab that sent them.
   */
  private handleDelivery(event: OutboxEvent, local: boolean) {
    const mine = event.id === this.pending?.id;
    if (!mine && !this.submitted.has(event.id) && !(local && this.delivery.earlier.has(event.id))) return;
    const m = this.m;
    if (event.type === 'sent') {
      if (mine) {
        this.pending = undefined;
        this.phase = 'sent';
        this.reference = event.reference;
      }
      this.statusText = fill(mine ? m.sent : m.earlierSent, { reference: event.reference });
      const sent = new FeedbackSentEvent({ id: event.id, reference: event.reference });
      this.dispatchEvent(sent);
    } else if (event.type !== 'retry') {
      // Rejected, or expired after seven days: the answers are back in the form.
      if (mine) this.phase = 'form';
      this.fail(event.type, event.type === 'rejected' ? event.message : m.expired, event.id);
    } else if (mine && this.phase !== 'queued') {
      this.phase = 'queued';
      this.statusText = m.queued;
    }
  }

  private fail(code: FeedbackErrorCode, message: string, id?: string) {
    this.statusText = code === 'expired' ? message : fill(this.m.rejected, { message });
    const event = new FeedbackErrorEvent({ id, code, message });
    this.dispatchEvent(event);
  }
}
