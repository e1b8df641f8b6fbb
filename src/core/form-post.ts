/**
 * The form as a browser posts it without script: the fields of
 * `<anubhav-feedback>`'s server-rendered `<form method="post">`, sent as
 * `application/x-www-form-urlencoded`, read back into the form's own state.
 * From there the usual path applies: `validateForm`, then `buildPayload`,
 * then the one schema (`parsePayload`). The collector reads posts with it,
 * and the hosted page's script reads a form filled in before it arrived.
 *
 * It is strict, as the JSON path is: a field the form does not have, a
 * field given twice, a rating that is not 1 to 5 or a choice that was never
 * offered are refused, not guessed at. What a citizen can get wrong (a
 * required answer left out, a long text, a bad mobile number) is not judged
 * here but by `validateForm`, so that it comes back as the form's own
 * error summary with every answer kept.
 */
import { questionField, type FormState } from './form.js';
import type { Answers, QuestionSet } from './schema.js';

/** The names of the fields other than the questions' (`q-<question id>`). */
export const POST_FIELDS = {
  /** The response id rendered into the page: a second post of it is a replay. */
  id: 'response-id',
  /** The signed render time (see the collector's `form-token.ts`), for the fill time. */
  token: 'form-token',
  /** The honeypot: hidden from people, filled by bots. */
  trap: 'website',
  /** A checkbox: present ("on") while the citizen stays anonymous. */
  anonymous: 'anonymous',
  name: 'contact-name',
  mobile: 'contact-mobile',
  callback: 'contact-callback',
} as const;

/** What a post held, as the form's state plus the page's hidden fields. */
export interface FormPost {
  state: FormState;
  /** Empty when the post had none; the schema then refuses it. */
  id: string;
  token: string;
  trap: string;
}

export interface FormPostIssue {
  field: string;
  message: string;
}

export type FormPostResult = { ok: true; post: FormPost } | { ok: false; issues: FormPostIssue[] };

/**
 * Reads the posted fields against the question set the form showed. The
 * fields are name/value pairs in order (`URLSearchParams` or
 * `FormData.entries()`), so that a repeated name is seen.
 */
export function readFormPost(set: QuestionSet, fields: Iterable<[string, unknown]>): FormPostResult {
  const issues: FormPostIssue[] = [];
  const byField = new Map(set.questions.map((q) => [questionField(q), q]));
  const fixed = new Set<string>(Object.values(POST_FIELDS));
  const seen = new Map<string, string>();
  for (const [name, value] of fields) {
    if (typeof value !== 'string') {
      // A file input, in FormData; the form has none.
      issues.push({ field: name, message: 'must be text' });
    } else if (!byField.has(name) && !fixed.has(name)) {
      issues.push({ field: name, message: 'is not a field of this form' });
    } else if (seen.has(name)) {
      // Two values for one question (or two ids) would be a guess either way.
      issues.push({ field: name, message: 'is given more than once' });
    } else {
      seen.set(name, value);
    }
  }
  const answers: Answers = {};
  for (const [field, q] of byField) {
    const value = seen.get(field);
    if (value === undefined || value === '') continue;
    if (q.type === 'rating') {
      if (/^[1-5]$/.test(value)) answers[q.id] = Number(value);
      else issues.push({ field, message: 'a rating is a whole number from 1 to 5' });
    } else if (q.type === 'choice') {
      if (q.options!.some((o) => o.value === value)) answers[q.id] = value;
      else issues.push({ field, message: `one of ${q.options!.map((o) => o.value).join(', ')}` });
    } else {
      answers[q.id] = value;
    }
  }
  if (issues.length) return { ok: false, issues };
  const text = (name: string) => seen.get(name) ?? '';
  return {
    ok: true,
    post: {
      state: {
        answers,
        // An unticked checkbox is not posted at all.
        anonymous: seen.has(POST_FIELDS.anonymous),
        name: text(POST_FIELDS.name),
        mobile: text(POST_FIELDS.mobile),
        callback: seen.has(POST_FIELDS.callback),
      },
      id: text(POST_FIELDS.id),
      token: text(POST_FIELDS.token),
      trap: text(POST_FIELDS.trap),
    },
  };
}
