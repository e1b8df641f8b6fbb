/**
 * The form's logic with no DOM: which questions show, what is wrong with an
 * answer sheet, and the exact payload built from it.
 */
import type { ErrorKey } from './i18n.js';
import {
  LIMITS, MOBILE, PAYLOAD_SCHEMA, normaliseMobile,
  DEFAULT_SET_REF, setRef, type Answers, type FeedbackPayload, type Lang, type Question, type QuestionSet,
} from './schema.js';

/** What the citizen has entered, as the form holds it. */
export interface FormState {
  answers: Answers;
  anonymous: boolean;
  name: string;
  mobile: string;
  callback: boolean;
  /** Only when the citizen picks the station (no usable preset). */
  picker?: { district?: string; station?: string };
}

/** One problem, keyed to the DOM id of the field it belongs to. */
export interface FieldError {
  field: string;
  key: ErrorKey;
  /** The question it belongs to, for the summary's label. */
  question?: Question;
  max?: number;
}

export const questionField = (q: Question) => `q-${q.id}`;

/** The cap of a text question: its own, else the schema's. */
export const textCap = (q: Question) => q.maxLength ?? (q.type === 'text' ? LIMITS.shortText : LIMITS.comment);

/** Questions whose `showIf` holds for these answers, in order. */
export function visibleQuestions(questions: readonly Question[], answers: Answers): Question[] {
  // A question shows only while the question it depends on shows too and
  // has the value: hiding a question hides what hangs on it, however deep.
  // `showIf` names an earlier question, so one pass in order suffices.
  const shown = new Set<string>();
  return questions.filter((q) => (!q.showIf || (shown.has(q.showIf.question) && answers[q.showIf.question] === q.showIf.equals))
    && shown.add(q.id));
}

/** Today in the device's time zone, as `YYYY-MM-DD` (what `<input type=date>` uses). */
export function localDay(date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const isRealDay = (s: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
};

const blank = (v: unknown) => v === undefined || v === '' || (typeof v === 'string' && !v.trim());

/**
 * Validates a filled-in form. Returns message keys, in the order the fields
 * appear, so the error summary reads top to bottom.
 */
export function validateForm(questions: readonly Question[], state: FormState, today = localDay()): FieldError[] {
  const errors: FieldError[] = [];
  if (state.picker) {
    if (!state.picker.district) errors.push({ field: 'picker-district', key: 'district-required' });
    else if (!state.picker.station) errors.push({ field: 'picker-station', key: 'station-required' });
  }
  for (const q of visibleQuestions(questions, state.answers)) {
    const value = state.answers[q.id];
    const field = questionField(q);
    if (blank(value)) {
      // required-choice, -rating, -date or -text (short and long alike).
      if (q.required) errors.push({ field, key: `required-${q.type === 'longtext' ? 'text' : q.type}`, question: q });
      continue;
    }
    if (q.type === 'date') {
      const day = String(value);
      if (!isRealDay(day)) errors.push({ field, key: 'date-invalid', question: q });
      else if (day > today) errors.push({ field, key: 'date-future', question: q });
    }
    if ((q.type === 'text' || q.type === 'longtext') && String(value).normalize('NFC').length > textCap(q)) {
      errors.push({ field, key: 'too-long', question: q, max: textCap(q) });
    }
  }
  if (!state.anonymous) {
    if (blank(state.name)) errors.push({ field: 'contact-name', key: 'name-required' });
    else if (state.name.trim().length > LIMITS.name) errors.push({ field: 'contact-name', key: 'too-long', max: LIMITS.name });
    if (blank(state.mobile)) errors.push({ field: 'contact-mobile', key: 'mobile-required' });
    else if (!MOBILE.test(normaliseMobile(state.mobile))) errors.push({ field: 'contact-mobile', key: 'mobile-invalid' });
  }
  return errors;
}

export interface PayloadContext {
  id: string;
  createdAt: string;
  station: string;
  district?: string;
  lang: Lang;
  source: 'qr' | 'web' | 'call';
}

/**
 * The `anubhav.feedback/v1` payload for a valid form. Hidden and empty
 * answers are left out, and an anonymous payload has no `contact` key at all,
 * not even an empty one.
 */
export function buildPayload(set: QuestionSet, state: FormState, ctx: PayloadContext): FeedbackPayload {
  const answers: Answers = {};
  for (const q of visibleQuestions(set.questions, state.answers)) {
    const value = state.answers[q.id];
    if (blank(value)) continue;
    answers[q.id] = typeof value === 'string' ? value.normalize('NFC').trim() : value;
  }
  const base = {
    schema: PAYLOAD_SCHEMA,
    id: ctx.id,
    createdAt: ctx.createdAt,
    station: ctx.station,
    ...(ctx.district ? { district: ctx.district } : {}),
    lang: ctx.lang,
    source: ctx.source,
    // Named only when it is not the default, so that a collector older than
    // question sets (which refuses unknown keys) still takes the default form.
    ...(setRef(set) !== DEFAULT_SET_REF && { questionSet: setRef(set) }),
    answers,
  } as const;
  if (state.anonymous) return { ...base, anonymous: true };
  return {
    ...base,
    anonymous: false,
    contact: { name: state.name.normalize('NFC').trim(), mobile: normaliseMobile(state.mobile), callback: state.callback },
  };
}
