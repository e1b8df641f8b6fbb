/**
 * Reports: the roll-up that counts answers per day and station, and the
 * summary built from it. The roll-up runs after the fact (every second, and
 * before each summary), so a citizen's POST never waits for it, and a
 * summary over a million responses sums a few hundred thousand counts
 * rather than parsing a million JSON payloads.
 *
 * Days are India's (UTC+05:30): a response at 00:30 in Korba counts on the
 * day the SP's office saw it arrive.
 */
import type { Question, QuestionSet } from 'anubhav-widgets/core';
import type { Catalog } from './catalog.js';
import type { AnswerCount, FeedbackStore } from './store.js';

const DAY_MS = 86_400_000;
const IST_MS = 5.5 * 3_600_000;
/** Rows rolled up per transaction: a few milliseconds' work. */
const BATCH = 2000;

/** The day number (days since 1970-01-01, India's time) of an ISO time. */
export const dayOf = (iso: string) => Math.floor((Date.parse(iso) + IST_MS) / DAY_MS);
/** The day number of a `YYYY-MM-DD` date. */
export const dayOfDate = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
/** The `YYYY-MM-DD` of a day number. */
export const dateOfDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The questions a summary reports on: ratings (averaged) and choices (shared out). */
export const counted = (set: QuestionSet) => set.questions.filter((q) => q.type === 'rating' || q.type === 'choice');

/**
 * Counts the rows not yet rolled up, a batch at a time, until none are
 * left. Returns how many rows it counted.
 */
export function rollUp(store: FeedbackStore, catalog: Catalog, maxRows = Infinity): number {
  let done = 0;
  while (done < maxRows) {
    const from = store.rolledUpThrough();
    const { rows, through } = store.rollupBacklog(BATCH);
    if (!rows.length) break;
    const counts = new Map<string, AnswerCount>();
    const add = (c: Omit<AnswerCount, 'n'>) => {
      const key = `${c.day}\u0000${c.station}\u0000${c.questionSet}\u0000${c.question}\u0000${c.value}`;
      const found = counts.get(key);
      if (found) found.n++;
      else counts.set(key, { ...c, n: 1 });
    };
    for (const row of rows) {
      const questionSet = row.payload.questionSet ?? 'default@1';
      const base = { day: dayOf(row.receivedAt), station: row.payload.station, district: row.district ?? '', questionSet };
      add({ ...base, question: '*', value: '' });
      const set = catalog.sets.get(questionSet);
      for (const q of set ? counted(set) : []) {
        const value = row.payload.answers[q.id];
        if (value !== undefined) add({ ...base, question: q.id, value: String(value) });
      }
    }
    // Another collector on the same database got there first: start again from its mark.
    if (store.addCounts([...counts.values()], from, through)) done += rows.length;
  }
  return done;
}

interface Tally {
  count: number;
  /** Per question: value → answers. */
  answers: Map<string, Map<string, number>>;
}
const tally = (): Tally => ({ count: 0, answers: new Map() });
function addTo(t: Tally, question: string, value: string, n: number) {
  if (question === '*') {
    t.count += n;
    return;
  }
  const values = t.answers.get(question) ?? t.answers.set(question, new Map()).get(question)!;
  values.set(value, (values.get(value) ?? 0) + n);
}

/** A tally as the API gives it: averages of ratings, shares of each choice. */
function figures(t: Tally, questions: Question[]) {
  const averages: Record<string, { average: number; answers: number }> = {};
  const shares: Record<string, { answers: number; shares: Record<string, number> }> = {};
  for (const q of questions) {
    const values = t.answers.get(q.id);
    const answers = values ? [...values.values()].reduce((a, b) => a + b, 0) : 0;
    if (q.type === 'rating') {
      const sum = values ? [...values].reduce((s, [v, n]) => s + Number(v) * n, 0) : 0;
      averages[q.id] = { average: answers ? Math.round((sum / answers) * 100) / 100 : 0, answers };
    } else {
      shares[q.id] = {
        answers,
        shares: Object.fromEntries(q.options!.map((o) => [o.value, answers ? Math.round(((values?.get(o.value) ?? 0) / answers) * 1000) / 1000 : 0])),
      };
    }
  }
  return { count: t.count, averages, shares };
}

export interface SummaryQuery {
  set: QuestionSet;
  /** `YYYY-MM-DD`, inclusive. */
  from: string;
  /** `YYYY-MM-DD`, inclusive. */
  to: string;
  scope?: string[];
  district?: string;
  station?: string;
}

/** The summary: the range, each district and each station, with weekly series per district. */
export function summarise(store: FeedbackStore, q: SummaryQuery) {
  const fromDay = dayOfDate(q.from);
  const toDay = dayOfDate(q.to) + 1;
  const questions = counted(q.set);
  const base = { questionSet: `${q.set.id}@${q.set.version}`, fromDay, toDay, scope: q.scope, district: q.district, station: q.station };
  const all = tally();
  const districts = new Map<string, Tally>();
  const stations = new Map<string, { district: string; tally: Tally }>();
  for (const r of store.counts(base)) {
    addTo(all, r.question, r.value, r.n);
    addTo(districts.get(r.district) ?? districts.set(r.district, tally()).get(r.district)!, r.question, r.value, r.n);
    const s = stations.get(r.station) ?? stations.set(r.station, { district: r.district, tally: tally() }).get(r.station)!;
    addTo(s.tally, r.question, r.value, r.n);
  }
  // Weekly series per district, from the first day of the range.
  const weeks = new Map<string, Map<number, Tally>>();
  for (const r of store.counts({ ...base, weekOf: fromDay })) {
    const byWeek = weeks.get(r.district) ?? weeks.set(r.district, new Map()).get(r.district)!;
    addTo(byWeek.get(r.week!) ?? byWeek.set(r.week!, tally()).get(r.week!)!, r.question, r.value, r.n);
  }
  const weekCount = Math.ceil((toDay - fromDay) / 7);
  return {
    questionSet: base.questionSet,
    from: q.from,
    to: q.to,
    questions: questions.map((x) => ({ id: x.id, type: x.type, label: x.label, ...(x.options ? { options: x.options } : {}) })),
    total: figures(all, questions),
    districts: [...districts].map(([id, t]) => ({
      id,
      ...figures(t, questions),
      weeks: Array.from({ length: weekCount }, (_, w) => {
        const t2 = weeks.get(id)?.get(w);
        return { from: dateOfDay(fromDay + w * 7), ...figures(t2 ?? tally(), questions) };
      }),
    })),
    stations: [...stations].map(([id, s]) => ({ id, district: s.district, ...figures(s.tally, questions) })),
  };
}
