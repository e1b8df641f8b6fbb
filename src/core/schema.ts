/**
 * The one schema of the product: the `anubhav.feedback/v1` payload, the
 * station directory and the question set. The browser validates with it
 * before sending, and the collector validates with it on arrival, so both
 * sides agree on every verdict.
 *
 * `zod/mini` is used rather than classic zod: it tree-shakes to about 6 KiB
 * and never probes `new Function`, which strict-CSP pages would report.
 */
import * as z from 'zod/mini';
import { ASCII_ID, ID_RULE } from './ids.js';

export const PAYLOAD_SCHEMA = 'anubhav.feedback/v1';

/** The largest body the collector accepts, and so the largest valid payload. */
export const MAX_PAYLOAD_BYTES = 32 * 1024;

/** Hard caps, shared by the form (maxlength, counters) and the schema. */
export const LIMITS = {
  comment: 1000,
  shortText: 100,
  label: 300,
  name: 100,
  answers: 60,
  questions: 50,
  options: 20,
  stations: 5000,
} as const;

const ANSWER_KEY = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
/** `id@version`, as a payload's `questionSet` names its set. */
export const SET_REF = /^[a-z][a-z0-9-]{0,39}@[1-9]\d{0,3}$/;
/** A set's name as a payload or a directory entry gives it. */
const setRefSchema = z.string().check(z.regex(SET_REF, 'a question set as id@version, e.g. default@1'));

/**
 * Free text: NFC-normalised, then capped. The cap applies after
 * normalisation, so a decomposed string cannot slip past it.
 */
export const text = (max: number) =>
  z.string().check(z.overwrite((s) => s.normalize('NFC')), z.maxLength(max));

// One overwrite rather than `z.normalize` and `z.trim`: the same steps, in
// the same order, without two more helpers in every page.
const nonEmptyText = (max: number) =>
  z.string().check(z.overwrite((s) => s.normalize('NFC').trim()), z.regex(/\S/, 'must not be empty'), z.maxLength(max));

/** Station and district ids: see `ids.ts` for why they are ASCII. */
export const stationId = z.string().check(z.regex(ASCII_ID, ID_RULE));

/**
 * A string that must be one of `values`. A regex check rather than
 * `z.enum`/`z.literal`: each zod schema kind adds to every page's download,
 * and these checks add nothing.
 */
const oneOf = <T extends string>(values: readonly T[]) =>
  z.string().check(z.regex(new RegExp(`^(${values.join('|')})$`), `one of ${values.join(', ')}`)) as unknown as z.ZodMiniType<T>;

/** A whole number in a range (`z.int` with `z.gte`/`z.lte` costs 0.7 KiB more). */
const wholeNumber = (min: number, max: number) =>
  z.custom<number>((v) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max, `a whole number from ${min} to ${max}`);

/**
 * `true` or `false`. `z.custom` rather than `z.boolean()`, for the same
 * reason: `z.custom` is in every page already, `z.boolean` would be one more kind.
 */
const boolean = z.custom<boolean>((v) => typeof v === 'boolean', 'true or false');

export const LANGS = ['hi', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const langSchema = oneOf(LANGS);

/** A text in both languages. */
export const bilingual = (max: number) =>
  z.strictObject({ hi: nonEmptyText(max), en: nonEmptyText(max) });
export type Bilingual = { hi: string; en: string };

// ---------------------------------------------------------------------------
// Mobile numbers

const DEVANAGARI_ZERO = 0x0966;

/**
 * Normalises what a citizen types into a 10-digit Indian mobile number:
 * Devanagari digits become ASCII, spaces, dashes, dots and brackets go, and
 * a `+91`, `0091`, `91` (when 12 digits) or leading `0` (when 11 digits)
 * prefix is removed. The result is not validated here; see `mobileSchema`.
 */
export function normaliseMobile(input: string): string {
  let s = '';
  for (const ch of input.normalize('NFC')) {
    const code = ch.codePointAt(0)!;
    if (code >= DEVANAGARI_ZERO && code <= DEVANAGARI_ZERO + 9) s += String(code - DEVANAGARI_ZERO);
    else if (!/[\s\-.()\u00a0]/.test(ch)) s += ch;
  }
  if (s.startsWith('+91')) s = s.slice(3);
  else if (s.startsWith('0091')) s = s.slice(4);
  else if (s.length === 12 && s.startsWith('91')) s = s.slice(2);
  else if (s.length === 11 && s.startsWith('0')) s = s.slice(1);
  return s;
}

export const MOBILE = /^[6-9]\d{9}$/;

export const mobileSchema = z.string().check(
  z.maxLength(32),
  z.overwrite(normaliseMobile),
  z.regex(MOBILE, 'a 10-digit mobile number starting with 6, 7, 8 or 9'),
);

// ---------------------------------------------------------------------------
// The payload

export const contactSchema = z.strictObject({
  name: nonEmptyText(LIMITS.name),
  mobile: mobileSchema,
  callback: boolean,
});

const isAnswerValue = (v: unknown) => typeof v === 'string'
  ? v.normalize('NFC').length <= LIMITS.comment
  : typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1000;

const nfcAnswers = (answers: Record<string, AnswerValue>) => {
  const out: Record<string, AnswerValue> = {};
  for (const [k, v] of Object.entries(answers)) out[k] = typeof v === 'string' ? v.normalize('NFC') : v;
  return out;
};

/**
 * Answers by question id: text (NFC, 1000 characters at most) or a whole
 * number 0-1000. Checked as one value rather than with z.record/z.union,
 * which would add 1.1 KiB gzip to every page. Keys are checked on the raw
 * input, so a `__proto__` key is refused rather than silently dropped.
 */
export const answersSchema = z.custom<Record<string, AnswerValue>>(
  (v) => typeof v === 'object' && v !== null && !Array.isArray(v)
    && Object.keys(v).length <= LIMITS.answers
    && Object.entries(v).every(([k, x]) => ANSWER_KEY.test(k) && isAnswerValue(x)),
  `answers: at most ${LIMITS.answers}, keyed by question id, each a text of at most ${LIMITS.comment} characters or a whole number`,
).check(z.overwrite(nfcAnswers));

/** `crypto.randomUUID()`'s form: lower-case hex, version 4. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** `Date.prototype.toISOString()`'s form, in UTC. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/**
 * `anubhav.feedback/v1`. An anonymous response has no `contact` key at all;
 * a named one must have it. Unknown keys are rejected.
 */
export const feedbackPayloadSchema = z.strictObject({
  schema: oneOf([PAYLOAD_SCHEMA]),
  id: z.string().check(z.regex(UUID, 'a version 4 UUID')),
  createdAt: z.string().check(
    z.regex(ISO_TIME, 'an ISO 8601 UTC time'),
    z.refine((t) => !Number.isNaN(Date.parse(t)), 'a real date and time'),
  ),
  station: stationId,
  district: z.optional(stationId),
  lang: langSchema,
  /** `qr` from a station's code, `web` picked on the page, `call` recorded by the feedback cell on a call. */
  source: oneOf(['qr', 'web', 'call'] as const),
  /** The question set answered, as `id@version`; absent means `default@1`. */
  questionSet: z.optional(setRefSchema),
  answers: answersSchema,
  anonymous: boolean,
  contact: z.optional(contactSchema),
}).check(
  z.refine((p) => p.anonymous === (p.contact === undefined), {
    message: 'contact must be absent when anonymous is true, and present when it is false',
    path: ['contact'],
  }),
  // The collector refuses bodies over 32 KiB before parsing them; the schema
  // says the same, so the browser never queues what will be refused.
  z.refine((p) => new TextEncoder().encode(JSON.stringify(p)).length <= MAX_PAYLOAD_BYTES, 'the payload must be at most 32 KiB as JSON'),
);

/** The payload as sent: the `anonymous` flag decides whether `contact` exists. */
export type FeedbackPayload = PayloadBase & ({ anonymous: true; contact?: never } | { anonymous: false; contact: Contact });
type PayloadBase = Omit<z.output<typeof feedbackPayloadSchema>, 'anonymous' | 'contact'>;
export type Contact = z.output<typeof contactSchema>;
export type AnswerValue = string | number;
export type Answers = Record<string, AnswerValue>;

// ---------------------------------------------------------------------------
// The station directory

export const STATION_KINDS = ['station', 'office', 'control-room', 'dial-112', 'traffic'] as const;
export type StationKind = (typeof STATION_KINDS)[number];
export const stationKind = oneOf(STATION_KINDS);

export const stationSchema = z.strictObject({
  id: stationId,
  name: bilingual(LIMITS.label),
  district: z.strictObject({ id: stationId, name: bilingual(LIMITS.label) }),
  kind: z.optional(stationKind),
  /**
   * A Dial 112 vehicle's registration as painted on it ("CG 10 AB 1234") and
   * its call sign ("BSP-ERV-07"), shown on the form and printed on its
   * sticker. The station file reader (cli/stations-file.ts) holds them to
   * the plate's form and to vehicles' kind; the browser, which only shows
   * them as text, checks no more than their length, to stay small.
   */
  vehicle: z.optional(z.strictObject({ registration: nonEmptyText(20), callSign: nonEmptyText(32) })),
  /** The question set this unit asks, when not its kind's (see `setRefFor`). */
  questionSet: z.optional(setRefSchema),
});
export type Station = z.output<typeof stationSchema>;

export const stationDirectorySchema = z.array(stationSchema).check(
  z.maxLength(LIMITS.stations),
  z.check(({ value: list, issues }) => {
    const seen = new Set<string>();
    list.forEach((s, i) => {
      if (seen.has(s.id)) issues.push({ code: 'custom', input: s.id, path: [i, 'id'], message: `duplicate station id "${s.id}"` });
      seen.add(s.id);
    });
  }),
);
export type StationDirectory = z.output<typeof stationDirectorySchema>;

// ---------------------------------------------------------------------------
// The question set

export const QUESTION_TYPES = ['choice', 'rating', 'date', 'text', 'longtext'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const questionType = oneOf(QUESTION_TYPES);

export const questionSchema = z.strictObject({
  id: z.string().check(z.regex(ANSWER_KEY, 'use a letter, then letters, digits or "_" (40 at most)')),
  type: questionType,
  label: bilingual(LIMITS.label),
  hint: z.optional(bilingual(LIMITS.label)),
  required: z.optional(boolean),
  /**
   * Choice questions only: the options, in display order. The minimum is a
   * refine rather than `z.minLength` (one kind fewer in every page), and it
   * comes after `z.maxLength`: zod refuses an over-long array before parsing
   * its items only while the length caps lead the checks.
   */
  options: z.optional(
    z.array(z.strictObject({
      value: z.string().check(z.regex(ANSWER_KEY)),
      label: bilingual(LIMITS.label),
    })).check(z.maxLength(LIMITS.options), z.refine((o) => o.length > 1, 'at least 2 options')),
  ),
  /** Text questions only: the character cap (1000 at most). */
  maxLength: z.optional(wholeNumber(1, LIMITS.comment)),
  /** Shown only while an earlier choice question has this value. */
  showIf: z.optional(z.strictObject({
    question: z.string().check(z.regex(ANSWER_KEY)),
    equals: z.string().check(z.maxLength(40)),
  })),
});
export type Question = z.output<typeof questionSchema>;

export const questionListSchema = z.array(questionSchema).check(
  z.maxLength(LIMITS.questions),
  z.check(({ value: list, issues }) => {
    // Here rather than `z.minLength(1)`, for the reason given at `options`.
    if (!list.length) issues.push({ code: 'custom', input: list, message: 'at least 1 question' });
    const seen = new Map<string, Question>();
    list.forEach((q, i) => {
      const issue = (path: PropertyKey[], message: string) =>
        issues.push({ code: 'custom', input: q, path: [i, ...path], message });
      if (seen.has(q.id)) issue(['id'], `duplicate question id "${q.id}"`);
      if (q.type === 'choice' && !q.options) issue(['options'], 'a choice question needs options');
      if (q.type !== 'choice' && q.options) issue(['options'], 'only a choice question has options');
      if (q.options && new Set(q.options.map((o) => o.value)).size !== q.options.length) {
        issue(['options'], 'option values must be unique');
      }
      if (q.showIf) {
        const target = seen.get(q.showIf.question);
        if (!target || target.type !== 'choice') issue(['showIf'], 'showIf must name an earlier choice question');
      }
      seen.set(q.id, q);
    });
  }),
);
export type QuestionList = z.output<typeof questionListSchema>;

/** A question set's name: lower-case letters, digits and "-", e.g. `default`, `dial-112`. */
const SET_ID = /^[a-z][a-z0-9-]{0,39}$/;

/**
 * A named, versioned question set. A response names the set it answered
 * (`questionSet: "default@1"`), so the collector can check every answer
 * against the very questions the citizen saw. Change a set's questions,
 * and its version goes up.
 */
export const questionSetSchema = z.strictObject({
  id: z.string().check(z.regex(SET_ID, 'a set id: a lower-case letter, then letters, digits or "-"')),
  version: wholeNumber(1, 9999),
  questions: questionListSchema,
});
export type QuestionSet = z.output<typeof questionSetSchema>;

/** The name a payload gives its set: `default@1`. */
export const setRef = (set: { id: string; version: number }) => `${set.id}@${set.version}`;
/** What a payload without `questionSet` answered. */
export const DEFAULT_SET_REF = 'default@1';

// ---------------------------------------------------------------------------

/** A readable one-line summary of a failed parse, for configuration errors. */
export function describeIssues(error: z.core.$ZodError, max = 3): string {
  return error.issues.slice(0, max).map((i) => {
    const path = i.path.length ? i.path.map(String).join('.') + ': ' : '';
    return path + i.message;
  }).join('; ') + (error.issues.length > max ? ` (and ${error.issues.length - max} more)` : '');
}

export type ParseResult<T> = { success: true; data: T } | { success: false; error: z.core.$ZodError };

/** Validates a payload, typed with the anonymous/contact rule the refine enforces. */
export const parsePayload = (value: unknown) => feedbackPayloadSchema.safeParse(value) as ParseResult<FeedbackPayload>;
