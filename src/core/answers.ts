/**
 * Checks a payload's answers against the question set it names. The
 * payload schema only knows that answers are short texts or numbers; this
 * knows the questions. The collector runs it on every response, so that a
 * client cannot invent questions (and with them export columns), send a
 * rating of 7, a choice no citizen was offered, or answer a question that
 * was hidden from the citizen. The form never builds such a payload, so no
 * page downloads this file.
 */
import { textCap, visibleQuestions } from './form.js';
import type { Answers, Question, QuestionSet } from './schema.js';

export interface AnswerIssue {
  /** `answers.<question id>`, as a zod issue's path would read. */
  path: string;
  message: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** What is wrong with one answer to one question, or nothing. */
function problem(q: Question, value: string | number): string | undefined {
  switch (q.type) {
    case 'rating':
      return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 5 ? undefined : 'a rating is a whole number from 1 to 5';
    case 'choice':
      return q.options!.some((o) => o.value === value) ? undefined
        : `one of ${q.options!.map((o) => o.value).join(', ')}`;
    case 'date':
      return typeof value === 'string' && DAY.test(value) && !Number.isNaN(Date.parse(value)) ? undefined : 'a date as YYYY-MM-DD';
    default:
      if (typeof value !== 'string') return 'a text';
      return value.length > textCap(q) ? `at most ${textCap(q)} characters` : undefined;
  }
}

/**
 * Every problem with `answers` under `set`: unknown question ids, wrong
 * types, ratings outside 1-5, unknown choice values, answers to questions
 * whose `showIf` does not hold, and required questions left unanswered.
 * An empty list means the answers fit the set.
 */
export function checkAnswers(set: QuestionSet, answers: Answers): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  const byId = new Map(set.questions.map((q) => [q.id, q]));
  const shown = new Set(visibleQuestions(set.questions, answers).map((q) => q.id));
  for (const [id, value] of Object.entries(answers)) {
    const q = byId.get(id);
    const path = `answers.${id}`;
    if (!q) issues.push({ path, message: `no question "${id}" in ${set.id}@${set.version}` });
    else if (!shown.has(id)) issues.push({ path, message: `"${id}" is shown only when ${q.showIf!.question} is ${q.showIf!.equals}` });
    else {
      const message = problem(q, value);
      if (message) issues.push({ path, message });
    }
  }
  for (const q of set.questions) {
    if (q.required && shown.has(q.id) && !Object.hasOwn(answers, q.id)) issues.push({ path: `answers.${q.id}`, message: 'required' });
  }
  return issues;
}
