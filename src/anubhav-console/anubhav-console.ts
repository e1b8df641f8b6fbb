import { LitElement, html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { Task, TaskStatus } from '@lit/task';
import { fill, intlLocale, plural, resolveLang, type ConsoleMessages } from '../core/i18n.js';
import {
  istRange, queryString, type AuditPage, type CaseDetail, type CasePage, type CaseStatus, type CaseSummary,
  type Contact, type Directory, type OfficeSession, type Ranking, type Summary,
} from '../core/office.js';
import { addDays, istDay, SUMMARY_DAYS } from '../core/days.js';
import { STATION_KINDS, type Lang, type StationKind } from '../core/schema.js';
import type { Flag } from '../core/flags.js';
import type { FeedbackPayload } from '../core/schema.js';
import type { FeedbackSubmitEvent } from '../core/events.js';
import { consoleEn } from '../locales/console-en.js';
import { consoleHi } from '../locales/console-hi.js';
import { ApiError, OfficeApi } from './api.js';
import { LiveController } from './live.js';
import { renderOverview } from './overview.js';
import { renderInbox, matches, type InboxFilter } from './inbox.js';
import { renderCase } from './case.js';
import { renderRanking } from './ranking.js';
import { renderAudit } from './audit.js';
import { renderSignIn } from './sign-in.js';
import { styles } from './anubhav-console.styles.js';

const MESSAGES: Record<Lang, ConsoleMessages> = { hi: consoleHi, en: consoleEn };

/** The reports' kind of unit from a filter form: one of the kinds, else '' (the units on the station questions). */
const kindOf = (data: FormData): '' | StationKind => {
  const kind = String(data.get('kind') ?? '');
  return (STATION_KINDS as readonly string[]).includes(kind) ? (kind as StationKind) : '';
};

export const VIEWS = ['overview', 'inbox', 'case', 'ranking', 'audit', 'call'] as const;
export type View = (typeof VIEWS)[number];
export interface Route {
  view: View;
  /** The case's reference, for the case view. */
  ref?: string;
}

/** `#/inbox`, `#/case/AN-…`: the console's place, kept in the URL so Back and reload work. */
export function parseRoute(hash: string): Route {
  const [view, ref] = hash.replace(/^#\/?/, '').split('/');
  if (view === 'case' && ref) {
    try {
      return { view, ref: decodeURIComponent(ref) };
    } catch {
      // A mangled link (`#/case/%`) opens the inbox rather than nothing.
      return { view: 'inbox' };
    }
  }
  return { view: (VIEWS as readonly string[]).includes(view) && view !== 'case' ? view as View : 'overview' };
}

/**
 * The console's formats, made once per language: building an `Intl`
 * formatter costs far more than using one, and the inbox uses one per case.
 */
const FORMATS = {
  day: (locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'Asia/Kolkata' }),
  time: (locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Kolkata' }),
  decimal: (locale: string) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }),
  percent: (locale: string) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }),
};
const made = new Map<string, { format(value: Date | number): string }>();
function format(lang: Lang, kind: keyof typeof FORMATS) {
  const key = `${lang} ${kind}`;
  let f = made.get(key);
  if (!f) made.set(key, (f = FORMATS[kind](intlLocale(lang))));
  return f;
}

/**
 * What a task loaded, with the sign-in it was loaded under (`epoch`) and
 * what it was loaded for (`key`): a view shows only its own, so nothing of
 * one account, or of one case, is ever shown under another.
 */
export interface Loaded<T> {
  epoch: number;
  key: string;
  data: T;
}

/** Inbox page size: enough to fill a screen twice, small enough to answer at once. */
const PAGE = 100;

/**
 * The IG office's console: an overview of every district and station
 * worst first, the inbox of cases with live arrivals, each case with its
 * triage, notes and audited contact, the monthly ranking, the audit log and
 * phone feedback. Signs in with an office token for a session cookie; every
 * figure it shows is scoped by the collector, never by the console.
 *
 * Served by the collector at `/console/`. Office code: it is not part of
 * `anubhav.js`, and no citizen's phone loads it.
 *
 * @cssprop [--anubhav-accent=#0b5394] - Links, buttons and the trend line.
 * @cssprop [--anubhav-text=#1b1b1b] - Body text.
 * @cssprop [--anubhav-error=#b3261e] - Errors and the money-demanded flag.
 * @cssprop [--anubhav-surface=#fff] - Background.
 * @csspart header - The bar with the title, account and language switch.
 * @csspart nav - The views' navigation.
 */
export class AnubhavConsole extends LitElement {
  static override styles = styles;

  static override properties = {
    lang: { reflect: true },
    api: { attribute: 'api' },
    session: { state: true },
    route: { state: true },
    notice: { state: true },
    signInError: { state: true },
    formError: { state: true },
    from: { state: true },
    to: { state: true },
    expanded: { state: true },
    filter: { state: true },
    cases: { state: true },
    next: { state: true },
    unread: { state: true },
    contact: { state: true },
    confirmErase: { state: true },
    month: { state: true },
    kind: { state: true },
    audit: { state: true },
    call: { state: true },
  };

  /** `hi` or `en`; defaults to the nearest `[lang]` ancestor, then `hi`. */
  override lang!: Lang;

  /** Where the collector is: '' (the default) for the page's own origin, which the session cookie needs. */
  api = '';

  /**
   * Who is signed in: `undefined` while checking, `null` when nobody is.
   * @internal
   */
  session?: OfficeSession | null;
  /** @internal */
  route: Route = { view: 'overview' };
  /**
   * The last outcome, for the polite live region.
   * @internal
   */
  notice = '';
  /** @internal */
  signInError = '';
  /**
   * An error of the current view's form: field id and message.
   * @internal
   */
  formError?: { field: string; message: string };
  /**
   * The overview's dates, `YYYY-MM-DD`; empty for the collector's default (the last 90 days).
   * @internal
   */
  from = '';
  /** @internal */
  to = '';
  /** @internal */
  expanded = new Set<string>();
  /** @internal */
  filter: InboxFilter = {};
  /** @internal */
  cases: CaseSummary[] = [];
  /** @internal */
  next: string | null = null;
  /**
   * Cases that arrived live and are not yet opened.
   * @internal
   */
  unread = new Set<string>();
  /**
   * The contact shown, with the case it belongs to.
   * @internal
   */
  contact?: { ref: string; contact: Contact };
  /** @internal */
  confirmErase = false;
  /** @internal */
  month = '';
  /**
   * The reports' kind of unit: '' for the units on the station questions.
   * @internal
   */
  kind: '' | StationKind = '';
  /** @internal */
  audit: AuditPage = { entries: [], next: null };
  /**
   * The phone call being recorded: its payload until the collector has it,
   * then its reference; `form` changes to give the next call a fresh form.
   * @internal
   */
  call: { form: number; payload?: FeedbackPayload; sending?: boolean; reference?: string; error?: string } = { form: 0 };
  /** Sign-ins so far: what was loaded under an earlier one is never shown. */
  private epoch = 0;
  /** Live arrivals since the last other news, so each one changes what the live region says. */
  private arrivals = 0;
  private loadingMore = false;

  /** @internal */
  readonly client = new OfficeApi(() => this.api.replace(/\/$/, ''), () => this.signedOut());
  /** @internal */
  readonly live = new LiveController(this, () => this.client.url('/api/stream'), (c) => this.arrived(c), () => void this.inboxTask.run());

  /** @internal */
  readonly directoryTask = new Task(this, {
    task: async (_: [], { signal }) => this.stamp('', await this.client.get<Directory>('/api/directory', signal)),
    autoRun: false,
  });
  /** @internal */
  readonly summaryTask = new Task(this, {
    task: async ([from, to, kind]: [string, string, string], { signal }) =>
      this.stamp(`${from}|${to}|${kind}`, await this.client.get<Summary>(`/api/summary${queryString({ from, to, kind })}`, signal)),
    autoRun: false,
  });
  /** @internal */
  readonly inboxTask = new Task(this, {
    task: async (_: [], { signal }) => {
      const epoch = this.epoch;
      const page = await this.client.get<CasePage>(`/api/cases${this.filterQuery({ limit: PAGE })}`, signal);
      if (epoch === this.epoch) [this.cases, this.next] = [page.items, page.next];
      return this.stamp('', page);
    },
    autoRun: false,
  });
  /** @internal */
  readonly caseTask = new Task(this, {
    task: async ([ref]: [string], { signal }) => this.stamp(ref, await this.client.get<CaseDetail>(`/api/cases/${encodeURIComponent(ref)}`, signal)),
    autoRun: false,
  });
  /** @internal */
  readonly rankingTask = new Task(this, {
    task: async ([month, kind]: [string, string], { signal }) =>
      this.stamp(`${month}|${kind}`, await this.client.get<Ranking>(`/api/ranking${queryString({ month, kind })}`, signal)),
    autoRun: false,
  });
  /** @internal */
  readonly auditTask = new Task(this, {
    task: async (_: [], { signal }) => {
      const epoch = this.epoch;
      const page = await this.client.get<AuditPage>('/api/audit', signal);
      if (epoch === this.epoch) this.audit = page;
      return this.stamp('', page);
    },
    autoRun: false,
  });

  /** @internal */
  get currentLang(): Lang {
    return resolveLang(this.lang, this.parentElement?.closest('[lang]')?.getAttribute('lang'));
  }

  /** @internal */
  get m(): ConsoleMessages {
    return MESSAGES[this.currentLang];
  }

  /**
   * A time as the office reads it: India's time zone, the console's language.
   * @internal
   */
  time(iso: string, dateOnly = false) {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : format(this.currentLang, dateOnly ? 'day' : 'time').format(d);
  }

  /** @internal */
  number(n: number, style: 'decimal' | 'percent' = 'decimal') {
    return format(this.currentLang, style).format(n);
  }

  private stamp<T>(key: string, data: T): Loaded<T> {
    return { epoch: this.epoch, key, data };
  }

  /**
   * What a task loaded for `key` under this sign-in, if it has.
   * @internal
   */
  current<T>(task: { value?: Loaded<T> }, key = ''): T | undefined {
    const v = task.value;
    return v && v.epoch === this.epoch && v.key === key ? v.data : undefined;
  }

  /**
   * The directory of this sign-in: its stations and question sets.
   * @internal
   */
  get directory(): Directory | undefined {
    return this.current(this.directoryTask);
  }

  /**
   * A failed request in the console's language: the collector's own words
   * only where they say what to fix (a refused value), never for a
   * network or server failure.
   * @internal
   */
  errorText(err: unknown): string {
    const m = this.m;
    const status = err instanceof ApiError ? err.status : -1;
    if (status === 0) return m.failures.network;
    if (status === 401) return m.sessionEnded;
    if (status === 403) return m.failures.forbidden;
    if (status === 404) return m.failures.notFound;
    if (status === 429) return m.failures.busy;
    if (status >= 500 || status === -1) return m.failures.server;
    return (err as Error).message;
  }

  /** @internal */
  get canAct() {
    return this.session?.role === 'range' || this.session?.role === 'district';
  }

  override connectedCallback() {
    super.connectedCallback();
    addEventListener('hashchange', this.handleHash);
    void this.resume();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    removeEventListener('hashchange', this.handleHash);
  }

  private async resume() {
    try {
      this.session = (await this.client.resume()) ?? null;
    } catch (err) {
      this.session = null;
      this.signInError = this.errorText(err);
    }
    if (this.session) this.start();
  }

  /** After sign-in: the directory, the live stream and the view in the URL. */
  private start(focus = false) {
    this.reset();
    void this.directoryTask.run();
    this.live.start();
    this.show(parseRoute(location.hash), focus);
  }

  /**
   * Forgets everything of the last sign-in, so that the next account (on
   * a shared office computer) sees none of it, not even while loading.
   */
  private reset() {
    this.epoch++;
    this.live.stop();
    Object.assign(this, {
      notice: '', formError: undefined, from: '', to: '', expanded: new Set(), filter: {}, cases: [], next: null,
      unread: new Set(), contact: undefined, confirmErase: false, month: '', kind: '', audit: { entries: [], next: null },
      call: { form: this.call.form + 1 }, arrivals: 0,
    });
  }

  private signedOut() {
    if (!this.session) return;
    this.reset();
    this.session = null;
    this.signInError = this.m.sessionEnded;
  }

  /** @internal */
  handleSignIn = async (e: SubmitEvent) => {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).elements.namedItem('token') as HTMLInputElement;
    const token = input.value.trim();
    this.signInError = '';
    if (!token) {
      this.signInError = this.m.tokenRequired;
    } else {
      try {
        this.session = await this.client.signIn(token);
        input.value = '';
        this.start(true);
        return;
      } catch (err) {
        this.signInError = err instanceof ApiError && err.status === 401 ? this.m.signInFailed : this.errorText(err);
      }
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.error-summary')?.focus();
  };

  /** @internal */
  handleSignOut = async () => {
    this.reset();
    await this.client.signOut();
    this.session = null;
    this.signInError = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('main h2')?.focus();
  };

  private handleHash = () => {
    if (this.session) this.show(parseRoute(location.hash));
  };

  /**
   * Opens a view: loads what it shows, and moves focus to its heading.
   * @internal
   */
  show(route: Route, focus = true) {
    this.route = route;
    this.formError = undefined;
    this.notice = '';
    this.arrivals = 0;
    if (route.view === 'overview') void this.summaryTask.run([this.from, this.to, this.kind]);
    if (route.view === 'inbox') void this.inboxTask.run();
    if (route.view === 'case') {
      this.confirmErase = false;
      this.markRead(route.ref!);
      void this.caseTask.run([route.ref!]);
    }
    if (route.view === 'ranking') void this.rankingTask.run([this.month, this.kind]);
    if (route.view === 'audit') void this.auditTask.run();
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('main h2')?.focus());
  }

  private markRead(ref: string) {
    if (!this.unread.has(ref)) return;
    this.unread = new Set([...this.unread].filter((r) => r !== ref));
  }

  /** A case from the live stream: into the inbox (money first) if it matches the filter, and counted as unread. */
  private arrived(c: CaseSummary) {
    if (this.cases.some((x) => x.reference === c.reference)) return;
    this.unread = new Set(this.unread).add(c.reference);
    if (matches(c, this.filter)) {
      // Money first: a money case goes on top, any other after the money
      // cases. If every loaded case is a money case and more are still to
      // load, its place is not loaded yet: it is counted, not shown.
      let at = c.flags.includes('money') ? 0 : this.cases.findIndex((x) => !x.flags.includes('money'));
      if (at === -1 && !this.next) at = this.cases.length;
      if (at !== -1) this.cases = [...this.cases.slice(0, at), c, ...this.cases.slice(at)];
    }
    this.arrivals++;
    this.notice = plural(this.currentLang, this.m.arrived, this.arrivals);
  }

  // -------------------------------------------------------------------
  // Actions of the views (the render modules call these)

  /** @internal */
  setDates = (e: SubmitEvent) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const [from, to] = [String(data.get('from') ?? ''), String(data.get('to') ?? '')];
    if (from && to && from > to) {
      this.formError = { field: 'from', message: this.m.dateOrder };
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#from')?.focus());
      return;
    }
    this.formError = undefined;
    [this.from, this.to, this.kind] = [from, to, kindOf(data)];
    void this.summaryTask.run([from, to, this.kind]);
  };

  /** @internal */
  defaultDates() {
    // The collector's default span, in India's days as it counts them.
    const today = istDay(new Date().toISOString());
    return { from: this.from || addDays(today, 1 - SUMMARY_DAYS), to: this.to || today };
  }

  /** @internal */
  toggle = (district: string) => {
    const next = new Set(this.expanded);
    if (!next.delete(district)) next.add(district);
    this.expanded = next;
  };

  /** @internal */
  setFilter = (e: Event) => {
    const form = (e.target as HTMLElement).closest('form')!;
    e.preventDefault();
    const data = new FormData(form);
    const value = (k: string) => String(data.get(k) ?? '') || undefined;
    const filter: InboxFilter = {
      district: value('district'), station: value('station'), status: value('status') as CaseStatus | undefined,
      flag: value('flag') as Flag | undefined, since: value('since'), until: value('until'),
    };
    // A station from another district than the one chosen would match nothing.
    if (filter.station && filter.district && !this.directory?.stations.some((s) => s.id === filter.station && s.district.id === filter.district)) {
      filter.station = undefined;
    }
    this.filter = filter;
    void this.inboxTask.run();
  };

  /** @internal */
  clearFilter = () => {
    this.filter = {};
    void this.inboxTask.run();
  };

  /** The inbox's filter as the collector's query: days in India become instants. */
  private filterQuery(more: Record<string, string | number | null> = {}) {
    const { since, until, ...rest } = this.filter;
    return queryString({ ...rest, ...istRange(since, until), ...more });
  }

  /** @internal */
  exportUrl() {
    return this.client.url(`/api/feedback.csv${this.filterQuery()}`);
  }

  /** @internal */
  loadMore = async () => {
    if (!this.next || this.loadingMore) return;
    // A reply for another filter, or another sign-in, is dropped.
    const [epoch, filter] = [this.epoch, this.filter];
    this.loadingMore = true;
    try {
      const page = await this.client.get<CasePage>(`/api/cases${this.filterQuery({ limit: PAGE, cursor: this.next })}`);
      if (epoch !== this.epoch || filter !== this.filter) return;
      const known = new Set(this.cases.map((c) => c.reference));
      this.cases = [...this.cases, ...page.items.filter((c) => !known.has(c.reference))];
      this.next = page.next;
    } catch (err) {
      this.notice = fill(this.m.loadFailed, { message: this.errorText(err) });
    } finally {
      this.loadingMore = false;
    }
  };

  /**
   * Runs a change to the case `ref`, then shows it as the collector
   * answered, if it is still the case on screen. Says whether it worked.
   */
  private async change(ref: string, what: () => Promise<CaseDetail>, done: string): Promise<boolean> {
    const epoch = this.epoch;
    try {
      const detail = await what();
      this.cases = this.cases.map((c) => (c.reference === detail.reference ? { ...c, status: detail.status } : c));
      if (epoch === this.epoch && this.route.view === 'case' && this.route.ref === ref) {
        void this.caseTask.run([ref]);
        this.notice = done;
        this.formError = undefined;
      }
      return true;
    } catch (err) {
      if (epoch === this.epoch) this.notice = fill(this.m.loadFailed, { message: this.errorText(err) });
      return false;
    }
  }

  /** @internal */
  saveTriage = (e: SubmitEvent) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const ref = this.route.ref!;
    void this.change(ref, () => this.client.call<CaseDetail>('PATCH', `/api/cases/${encodeURIComponent(ref)}`, {
      status: data.get('status'), assignee: String(data.get('assignee') ?? '').trim() || null,
    }), this.m.saved);
  };

  /** @internal */
  addNote = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const text = String(new FormData(form).get('note') ?? '').trim();
    if (!text) {
      this.formError = { field: 'note', message: this.m.noteRequired };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#note')?.focus();
      return;
    }
    const ref = this.route.ref!;
    // A note that did not go through stays in its box, to send again.
    if (await this.change(ref, () => this.client.call<CaseDetail>('POST', `/api/cases/${encodeURIComponent(ref)}/notes`, { text }), this.m.noteAdded)) form.reset();
  };

  /** @internal */
  showContact = async () => {
    const [ref, epoch] = [this.route.ref!, this.epoch];
    try {
      const { contact } = await this.client.call<{ contact: Contact }>('POST', `/api/cases/${encodeURIComponent(ref)}/contact`);
      // Shown only with its own case: never under another one opened meanwhile.
      if (epoch === this.epoch) this.contact = { ref, contact };
    } catch (err) {
      this.notice = fill(this.m.loadFailed, { message: this.errorText(err) });
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#contact-title')?.focus();
  };

  /** @internal */
  askErase = (yes: boolean) => {
    this.confirmErase = yes;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(yes ? '.confirm button' : '.erase')?.focus());
  };

  /** @internal */
  erase = async () => {
    const ref = this.route.ref!;
    this.confirmErase = false;
    this.contact = undefined;
    await this.change(ref, () => this.client.call<CaseDetail>('POST', `/api/cases/${encodeURIComponent(ref)}/erase`), this.m.erasedNow);
    await this.caseTask.taskComplete.catch(() => {});
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#contact-title')?.focus();
  };

  /** @internal */
  setMonth = (e: SubmitEvent) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    [this.month, this.kind] = [String(data.get('month') ?? ''), kindOf(data)];
    void this.rankingTask.run([this.month, this.kind]);
  };

  /** @internal */
  moreAudit = async () => {
    try {
      const epoch = this.epoch;
      const page = await this.client.get<AuditPage>(`/api/audit${queryString({ before: this.audit.next })}`);
      if (epoch === this.epoch) this.audit = { entries: [...this.audit.entries, ...page.entries], next: page.next };
    } catch (err) {
      this.notice = fill(this.m.loadFailed, { message: this.errorText(err) });
    }
  };

  /** @internal */
  /**
   * A call is recorded through the citizen's own form, but the console
   * sends it: with the session's CSRF token, which the collector needs
   * before it files anything as a phone call, and with no outbox, since
   * the cell sees at once whether it went through.
   * @internal
   */
  recordCall = (e: FeedbackSubmitEvent) => {
    e.preventDefault();
    if (this.call.sending) return;
    // Sent again after a failure, the call keeps its first id: if that
    // attempt did reach the collector, this is a replay, not a second call.
    const first = this.call.payload;
    const payload: FeedbackPayload = { ...e.detail, source: 'call', ...(first ? { id: first.id, createdAt: first.createdAt } : {}) };
    this.call = { form: this.call.form, payload };
    void this.sendCall();
  };

  /** @internal */
  sendCall = async () => {
    const payload = this.call.payload;
    if (!payload || this.call.sending) return;
    const epoch = this.epoch;
    this.call = { ...this.call, sending: true, error: undefined };
    try {
      const { reference } = await this.client.call<{ reference: string }>('POST', '/api/feedback', payload, undefined, { 'idempotency-key': payload.id });
      if (epoch !== this.epoch) return;
      this.call = { form: this.call.form + 1, reference };
      this.notice = fill(this.m.callRecorded, { reference });
    } catch (err) {
      if (epoch !== this.epoch) return;
      // The payload is kept: "try again" resends the same id, so a call
      // that did reach the collector is not filed twice.
      this.call = { ...this.call, sending: false, error: fill(this.m.callFailed, { message: this.errorText(err) }) };
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.call-status')?.focus();
  };

  handleLang = () => {
    this.lang = this.currentLang === 'hi' ? 'en' : 'hi';
  };

  // -------------------------------------------------------------------
  // Rendering

  /**
   * A task's states for `key`: loading until this sign-in has loaded it
   * (never an earlier account's or case's value meanwhile), then `done`.
   * @internal
   */
  loaded<T>(task: Task<never[], Loaded<T>> | Task<[string], Loaded<T>> | Task<[string, string], Loaded<T>> | Task<[string, string, string], Loaded<T>>,
    key: string, done: (value: T) => unknown) {
    if (task.status === TaskStatus.ERROR) {
      return html`<div class="error-summary" role="alert">
        <p>${fill(this.m.loadFailed, { message: this.errorText(task.error) })}</p>
        <button type="button" @click=${() => this.show(this.route, false)}>${this.m.retry}</button>
      </div>`;
    }
    const value = this.current(task, key);
    return value === undefined ? html`<p class="loading">${this.m.loading}</p>` : done(value);
  }

  override render() {
    const m = this.m;
    const other = this.currentLang === 'hi' ? 'en' : 'hi';
    const header = html`<header part="header">
      <h1>${m.title}</h1>
      <div class="account">
        ${this.session ? html`<span>${fill(m.signedInAs, { name: this.session.name, role: m.roles[this.session.role] })}</span>` : nothing}
        <button type="button" class="link" lang=${other} @click=${this.handleLang}>${MESSAGES[other].languageName}</button>
        ${this.session ? html`<button type="button" class="link" @click=${this.handleSignOut}>${m.signOut}</button>` : nothing}
      </div>
    </header>`;
    if (this.session === undefined) return html`${header}<main><p class="loading">${m.loading}</p></main>`;
    if (this.session === null) return html`${header}<main>${renderSignIn(this)}</main>`;
    return html`${header}${this.renderNav()}
      <main>${this.renderView()}</main>
      <p class="visually-hidden" role="status">${this.notice}</p>`;
  }

  private renderNav() {
    const m = this.m;
    const views: Exclude<View, 'case'>[] = ['overview', 'inbox', 'ranking', ...(this.session?.role === 'range' ? ['audit' as const] : []), ...(this.canAct ? ['call' as const] : [])];
    const current = this.route.view === 'case' ? 'inbox' : this.route.view;
    return html`<nav part="nav" aria-label=${m.navLabel}><ul>
      ${views.map((v) => html`<li><a href="#/${v}" aria-current=${v === current ? 'page' : nothing}>${m.nav[v]}${v === 'inbox' && this.unread.size
        ? html` <span class="badge">${plural(this.currentLang, m.unread, this.unread.size)}</span>` : nothing}</a></li>`)}
    </ul></nav>`;
  }

  private renderCall() {
    const m = this.m;
    const { reference, error } = this.call;
    return html`<h2 tabindex="-1">${m.nav.call}</h2><p>${m.callIntro}</p>
      ${reference ? html`<div class="call-status done" tabindex="-1">${fill(m.callRecorded, { reference })}
        <a href="#/case/${encodeURIComponent(reference)}">${m.openCase}</a></div>` : nothing}
      ${error ? html`<div class="call-status error-summary" role="alert" tabindex="-1"><p>${error}</p>
        <button type="button" @click=${this.sendCall}>${m.retry}</button></div>` : nothing}
      ${keyed(this.call.form, html`<anubhav-feedback source="call" lang=${this.currentLang} endpoint=${this.client.url('/api/feedback')}
        .stations=${this.directory?.stations ?? []} retention-days=${this.directory?.contactRetentionDays ?? 365}
        @feedback-submit=${this.recordCall}></anubhav-feedback>`)}`;
  }

  private renderView() {
    switch (this.route.view) {
      case 'inbox': return renderInbox(this);
      case 'case': return renderCase(this);
      case 'ranking': return renderRanking(this);
      case 'audit': return renderAudit(this);
      case 'call': return this.renderCall();
      default: return renderOverview(this);
    }
  }
}
