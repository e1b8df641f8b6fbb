/**
 * Messages and language resolution. Locale files hold data only; this file
 * holds the shape they must have and the few helpers that fill them in.
 */
import type { Lang, StationKind } from './schema.js';

/** Every string the elements show, other than question labels. */
export interface Messages {
  /** The language's own name, shown on the switch that selects it. */
  languageName: string;
  title: string;
  intro: string;
  emergencyLead: string;
  /** Contains `{number}`, which becomes a `tel:` link. */
  emergencyCall: string;
  placeLabel: Record<StationKind, string>;
  /** Replaces `{place}` in question labels: "थाने आने की तारीख". */
  placeOblique: Record<StationKind, string>;
  loading: string;
  /** A unit's own question set (set-choice.ts) did not load. */
  setFailed: string;
  /** Before a Dial 112 vehicle's registration: "डायल 112 वाहन CG 10 AB 1234". */
  vehicle: string;
  districtLabel: string;
  stationLabel: string;
  choose: string;
  /** Contains `{id}`. */
  stationUnknown: string;
  required: string;
  ratingLabels: [string, string, string, string, string];
  /** Contains `{n}`; keyed by `Intl.PluralRules` category. */
  charactersRemaining: { one: string; other: string };
  charactersOver: { one: string; other: string };
  identityLegend: string;
  anonymousLabel: string;
  anonymousHint: string;
  nameLabel: string;
  mobileLabel: string;
  mobileHint: string;
  callbackLabel: string;
  privacyTitle: string;
  /** Contains `{days}`, the retention period: the `days` phrase. */
  privacyText: string;
  /** The retention period. Contains `{n}`; keyed by `Intl.PluralRules` category. */
  days: { one: string; other: string };
  freeTextWarning: string;
  privacyLink: string;
  submit: string;
  errorSummaryTitle: string;
  errorPrefix: string;
  errors: Record<ErrorKey, string>;
  sending: string;
  /** Contains `{reference}`. */
  sent: string;
  sentNote: string;
  /** A response from an earlier visit was delivered now. Contains `{reference}`. */
  earlierSent: string;
  queued: string;
  retryNow: string;
  failed: string;
  /** Contains `{message}`. */
  rejected: string;
  expired: string;
  another: string;
  configError: string;
  configErrorHelp: string;
}

export type ErrorKey =
  | 'required-choice'
  | 'required-rating'
  | 'required-text'
  | 'required-date'
  | 'date-future'
  | 'date-invalid'
  | 'too-long'
  | 'name-required'
  | 'mobile-required'
  | 'mobile-invalid'
  | 'district-required'
  | 'station-required';

/**
 * The language of an element: its own `lang`, else the nearest `[lang]`
 * ancestor (GOV.UK's rule), else Hindi. Regional tags (`en-IN`) count.
 */
export function resolveLang(own: string | null | undefined, inherited: string | null | undefined): Lang {
  for (const tag of [own, inherited]) {
    const base = (tag ?? '').toLowerCase().split('-')[0];
    if (base === 'hi' || base === 'en') return base;
  }
  return 'hi';
}

/** Fills `{name}` placeholders. Values are text; the result is bound as text. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole);
}

/** The `Intl` locale of a language: as spoken in India (`hi-IN`, `en-IN`). */
export const intlLocale = (lang: Lang) => `${lang}-IN`;

/**
 * One `Intl.PluralRules` per locale, made on first use: the form asks for a
 * count phrase in every counter on every render.
 */
const pluralRules: Record<string, Intl.PluralRules> = {};

/** A count phrase through `Intl.PluralRules`, with the number formatted for the locale. */
export function plural(lang: Lang, forms: { one: string; other: string }, n: number): string {
  const locale = intlLocale(lang);
  const category = (pluralRules[locale] ??= new Intl.PluralRules(locale)).select(n) === 'one' ? 'one' : 'other';
  // toLocaleString, unlike a new Intl.NumberFormat, reuses the engine's cached formatter.
  return fill(forms[category], { n: n.toLocaleString(locale) });
}

/** Strings of `<station-qr>`, kept apart so the QR element alone stays small. */
export interface QrMessages {
  /** The one-line call to action under the code. */
  instruction: string;
  /** The code's accessible name. Contains `{station}` and `{url}`. */
  label: string;
  /** Used for `{station}` when no `station-name` is given. Contains `{id}`. */
  stationFallback: string;
  /** The code's download buttons: "QR code", followed by " (SVG)" or " (PNG)". */
  code: string;
  /** The poster's download buttons, likewise. */
  poster: string;
  /**
   * A download button's accessible name: its visible text, `{label}`, with
   * the station, `{station}`. It must hold `{label}` whole (WCAG 2.5.3).
   */
  named: string;
  error: string;
  /**
   * Shown when a download fails: the download code (`station-qr-print.js`)
   * did not load, or a cross-origin logo kept the poster from being drawn.
   */
  downloadFailed: string;
}

/**
 * Strings of `<anubhav-console>`, the office's console. Kept apart, like
 * `QrMessages`: no citizen's phone loads them.
 */
export interface ConsoleMessages {
  languageName: string;
  title: string;
  signInTitle: string;
  signInIntro: string;
  tokenLabel: string;
  tokenHint: string;
  signIn: string;
  signInFailed: string;
  tokenRequired: string;
  /** Contains `{name}` and `{role}`. */
  signedInAs: string;
  signOut: string;
  roles: Record<'range' | 'district' | 'viewer', string>;
  nav: Record<'overview' | 'inbox' | 'ranking' | 'audit' | 'call', string>;
  navLabel: string;
  /** Contains `{n}`. */
  unread: { one: string; other: string };
  loading: string;
  /** Contains `{message}`. */
  loadFailed: string;
  retry: string;
  errorSummaryTitle: string;
  sessionEnded: string;
  dateFrom: string;
  dateTo: string;
  dateHint: string;
  dateOrder: string;
  apply: string;
  wholeRange: string;
  district: string;
  station: string;
  responses: string;
  overall: string;
  staffBehaviour: string;
  moneyShare: string;
  trend: string;
  /** Contains `{name}` and `{values}`. */
  trendAlt: string;
  noAnswer: string;
  /** Contains `{name}`. */
  showStations: string;
  /** Contains `{from}` and `{to}`. */
  overviewCaption: string;
  noData: string;
  filters: string;
  allDistricts: string;
  allStations: string;
  status: string;
  allStatuses: string;
  flag: string;
  allFlags: string;
  clearFilters: string;
  exportCsv: string;
  exportHint: string;
  loadMore: string;
  noCases: string;
  liveOn: string;
  liveOff: string;
  /** Contains `{n}`. */
  arrived: { one: string; other: string };
  newBadge: string;
  received: string;
  statuses: Record<CaseStatusKey, string>;
  flags: Record<'money' | 'lowRating' | 'callback' | 'unresolved', string>;
  backToInbox: string;
  answers: string;
  notAnswered: string;
  /** Contains `{n}`; ratings show as "4 / 5 (Good)". */
  ratingOf: string;
  triage: string;
  assignee: string;
  assigneeHint: string;
  save: string;
  saved: string;
  notes: string;
  noNotes: string;
  addNote: string;
  noteLabel: string;
  noteRequired: string;
  noteAdded: string;
  contact: string;
  showContact: string;
  showContactHint: string;
  contactName: string;
  contactMobile: string;
  callbackWanted: string;
  anonymous: string;
  /** Contains `{date}`. */
  erased: string;
  eraseContact: string;
  eraseConfirm: string;
  eraseYes: string;
  cancel: string;
  erasedNow: string;
  readOnly: string;
  details: string;
  sourceLabel: string;
  source: Record<'qr' | 'web' | 'call', string>;
  questionSet: string;
  language: string;
  month: string;
  show: string;
  print: string;
  rank: string;
  score: string;
  average: string;
  answersCount: string;
  /** Contains `{min}` and `{mean}`. */
  rankingMethod: string;
  /** Contains `{month}`. */
  rankingCaption: string;
  tooFew: string;
  noRanking: string;
  /** The reports' choice of units: '' for those on the station questions, else one kind. */
  kind: string;
  kinds: Record<'' | StationKind, string>;
  /** Dial 112: the share whose vehicle came within 20 minutes. */
  within20: string;
  /** Dial 112's staff question: the vehicle's crew. */
  crewBehaviour: string;
  /** The 112 ranking's method. Contains `{min}` and `{mean}` (a percentage). */
  rankingMethod112: string;
  /** Contains `{month}`. */
  rankingCaption112: string;
  auditCaption: string;
  at: string;
  who: string;
  action: string;
  reference: string;
  actions: Record<'show-contact' | 'export-contact' | 'erase-contact' | 'retention-erase', string>;
  noAudit: string;
  callIntro: string;
  /** Before an inline error, for screen readers. */
  errorPrefix: string;
  /** What a failed request says, by kind. */
  failures: Record<'network' | 'forbidden' | 'notFound' | 'busy' | 'server', string>;
  /** Contains `{reference}`. */
  callRecorded: string;
  /** Contains `{message}`. */
  callFailed: string;
  openCase: string;
  sample: string;
}

type CaseStatusKey = 'new' | 'in-progress' | 'action-taken' | 'closed';

/**
 * Strings of the collector's hosted page: its own pages (the station picker,
 * the confirmation, the privacy notice) and what the hosted form adds to
 * `<anubhav-feedback>`. Kept apart, like `QrMessages`: no drop-in carries them.
 */
export interface HostedMessages extends HostedFormMessages, HostedPageMessages {}

/** What the hosted form adds to `<anubhav-feedback>`'s strings: the only ones its script carries. */
export interface HostedFormMessages {
  /** The link from a preset station to the picker. */
  changeStation: string;
  /** Replaces the anonymous hint when the identity fields show without script. */
  anonymousHintNoScript: string;
  /** The hint of a question that shows only after another's answer, without script. Contains `{question}` and `{answer}`. */
  onlyIf: string;
}

/** The hosted pages' own strings, which only the collector needs. */
export interface HostedPageMessages {
  pickerTitle: string;
  /** Shown above the picker when the link's station is not in the list. Contains `{id}`. */
  pickerUnknown: string;
  chooseDistrict: string;
  /** Contains `{district}`. */
  chooseStation: string;
  otherDistrict: string;
  sentTitle: string;
  referenceLabel: string;
  /** A second post of a form, with other answers. */
  alreadySent: string;
  /** The form's signed time is too old. */
  expired: string;
  /** The form page's notice when the collector cannot take a post (a 4xx other than the form's own errors). */
  badPost: string;
  noticeTitle: string;
  /** The privacy notice's paragraphs. They may contain `{office}`, `{days}` and `{site}`. */
  privacyText: string[];
  privacyFooter: string;
  defaultOffice: string;
  /** The picker's place when the collector has no station directory. */
  noDirectory: string;
}
