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
import { ARRIVED_IN_20, dateOfDay, dayOf, dayOfDate, DAY_MS, type Question, type QuestionSet, type StationKind } from 'anubhav-widgets/core';
import type { Catalog } from './catalog.js';
import type { DayCounts, FeedbackStore } from './store.js';

/** Rows rolled up per transaction: a few milliseconds' work. */
const BATCH = 2000;


/** The questions a summary reports on: ratings (averaged) and choices (shared out). */
export const counted = (set: QuestionSet) => set.questions.filter((q) => q.type === 'rating' || q.type === 'choice');

/** The values a counted question can take, in order. */
const valuesOf = (q: Question) => (q.type === 'rating' ? ['1', '2', '3', '4', '5'] : q.options!.map((o) => o.value));

/**
 * The positions of a set's counts: responses first, then each counted
 * question's values in order. The roll-up stores counts as arrays in this
 * order, so a summary adds arrays rather than looking up keys.
 */
const keyCache = new WeakMap<QuestionSet, Map<string, number>>();
export function countKeys(set: QuestionSet): Map<string, number> {
  let keys = keyCache.get(set);
  if (!keys) {
    keys = new Map([['*', 0]]);
    for (const q of counted(set)) for (const v of valuesOf(q)) keys.set(`${q.id}=${v}`, keys.size);
    keyCache.set(set, keys);
  }
  return keys;
}

/**
 * Counts the rows not yet rolled up, a batch at a time, until none are
 * left or `maxRows` were counted. Returns how many rows it counted.
 */
export async function rollUp(store: FeedbackStore, catalog: Catalog, maxRows = Infinity): Promise<number> {
  let done = 0;
  while (done < maxRows) {
    const from = await store.rolledUpThrough();
    const { rows, through } = await store.rollupBacklog(BATCH);
    if (!rows.length) break;
    const days = new Map<string, DayCounts>();
    for (const row of rows) {
      const questionSet = row.payload.questionSet ?? 'default@1';
      const day = dayOf(row.receivedAt);
      const key = `${questionSet} ${day} ${row.payload.station} ${row.district ?? ''}`;
      const set = catalog.sets.get(questionSet);
      // A set the collector no longer knows cannot be summarised; its rows are passed over.
      if (!set) continue;
      const keys = countKeys(set);
      const entry = days.get(key)
        ?? days.set(key, { questionSet, day, station: row.payload.station, district: row.district ?? '', counts: new Array(keys.size).fill(0) }).get(key)!;
      entry.counts[0]++;
      for (const q of counted(set)) {
        const at = keys.get(`${q.id}=${row.payload.answers[q.id]}`);
        if (at !== undefined) entry.counts[at]++;
      }
    }
    // Another collector on the same database got there first: start again from its mark.
    if (await store.addCounts([...days.values()], from, through)) done += rows.length;
  }
  return done;
}

/** Counts in a set's order (see `countKeys`). */
type Tally = Float64Array;
function addTo(t: Tally, counts: ArrayLike<number>) {
  for (let i = 0; i < counts.length; i++) t[i] += counts[i];
}

/** Where each question's values sit in a tally: worked out once per request, not per tally. */
function layout(questions: Question[], keys: Map<string, number>) {
  return questions.map((q) => {
    const values = valuesOf(q);
    return { q, values, at: values.map((v) => keys.get(`${q.id}=${v}`)!) };
  });
}
type Layout = ReturnType<typeof layout>;

/** A tally as the API gives it: the count, averages of ratings, and (unless `withShares` is false) shares of each choice. */
function figures(t: Tally, plan: Layout, withShares = true) {
  const averages: Record<string, { average: number; answers: number }> = {};
  const shares: Record<string, { answers: number; shares: Record<string, number> }> = {};
  for (const { q, values, at } of plan) {
    if (q.type !== 'rating' && !withShares) continue;
    let answers = 0;
    let sum = 0;
    for (let i = 0; i < at.length; i++) {
      answers += t[at[i]];
      sum += (i + 1) * t[at[i]];
    }
    if (q.type === 'rating') {
      averages[q.id] = { average: answers ? Math.round((sum / answers) * 100) / 100 : 0, answers };
    } else {
      shares[q.id] = { answers, shares: Object.fromEntries(values.map((v, i) => [v, answers ? Math.round((t[at[i]] / answers) * 1000) / 1000 : 0])) };
    }
  }
  return { count: t[0], averages, shares };
}

/**
 * Which units a report covers: those of one kind (the directory's), when
 * asked. A station the directory does not list counts as a station. Rows
 * are picked from the roll-up's, so the store needs no notion of kinds.
 */
export interface KindFilter {
  kind?: StationKind;
  kindOf?: (station: string) => StationKind;
}
const ofKind = (q: KindFilter) => (row: { station: string }) => !q.kind || (q.kindOf?.(row.station) ?? 'station') === q.kind;

export interface SummaryQuery extends KindFilter {
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
export async function summarise(store: FeedbackStore, q: SummaryQuery) {
  const fromDay = dayOfDate(q.from);
  const toDay = dayOfDate(q.to) + 1;
  const questions = counted(q.set);
  const questionSet = `${q.set.id}@${q.set.version}`;
  const weekCount = Math.ceil((toDay - fromDay) / 7);
  // Each day's row is added to its station, to the station's week and to
  // its district's week. Districts and the range are then the sums of
  // those few tallies.
  const keys = countKeys(q.set);
  const plan = layout(questions, keys);
  const tally = () => new Float64Array(keys.size);
  const all = tally();
  const districts = new Map<string, { tally: Tally; weeks: Tally[] }>();
  const stations = new Map<string, { id: string; district: string; tally: Tally; weeks: Tally[] }>();
  for (const row of (await store.dayCounts({ questionSet, fromDay, toDay, scope: q.scope, district: q.district, station: q.station })).filter(ofKind(q))) {
    const d = districts.get(row.district)
      ?? districts.set(row.district, { tally: tally(), weeks: Array.from({ length: weekCount }, tally) }).get(row.district)!;
    addTo(d.weeks[Math.floor((row.day - fromDay) / 7)], row.counts);
    // A station is counted per district it was filed under.
    const at = `${row.district}\u0000${row.station}`;
    const s = stations.get(at)
      ?? stations.set(at, { id: row.station, district: row.district, tally: tally(), weeks: Array.from({ length: weekCount }, tally) }).get(at)!;
    addTo(s.tally, row.counts);
    addTo(s.weeks[Math.floor((row.day - fromDay) / 7)], row.counts);
  }
  for (const s of stations.values()) addTo(districts.get(s.district)!.tally, s.tally);
  for (const d of districts.values()) addTo(all, d.tally);
  return {
    questionSet,
    ...(q.kind && { kind: q.kind }),
    from: q.from,
    to: q.to,
    questions: questions.map((x) => ({ id: x.id, type: x.type, label: x.label, ...(x.options ? { options: x.options } : {}) })),
    total: figures(all, plan),
    districts: [...districts].map(([id, d]) => ({
      id,
      ...figures(d.tally, plan),
      weeks: d.weeks.map((w, i) => ({ from: dateOfDay(fromDay + i * 7), ...figures(w, plan) })),
    })),
    // A station's trend carries its counts and averages, not every share:
    // a range of 150 stations over a year stays a small answer.
    stations: [...stations.values()].map((s) => ({
      id: s.id, district: s.district, ...figures(s.tally, plan),
      weeks: s.weeks.map((w, i) => {
        const { count, averages } = figures(w, plan, false);
        return { from: dateOfDay(fromDay + i * 7), count, averages };
      }),
    })),
  };
}

/** Stations with fewer responses than this in the month are listed, not ranked. */
export const RANKING_MIN_RESPONSES = 20;

/**
 * The 112 vehicles' own measure: the share of citizens whose vehicle came
 * within 20 minutes of the call (`arrival` under 10 or 10 to 20 minutes;
 * "did not come" counts against it). A set with an `arrival` question of
 * these values can be ranked on it, as `question=arrival`.
 */
export const ARRIVAL = 'arrival';
const timely = (set: QuestionSet) => set.questions.some((x) => x.id === ARRIVAL && x.options?.some((o) => ARRIVED_IN_20.includes(o.value)));

/** What a set is ranked on by default: arrival for Dial 112, the overall rating for any other. */
export const rankedOn = (set: QuestionSet) => (timely(set) ? ARRIVAL : 'overall');

/** Whether `question` can rank `set`: a rating, or arrival in a set that asks it. */
export const canRank = (set: QuestionSet, question: string) =>
  (question === ARRIVAL && timely(set)) || counted(set).some((x) => x.id === question && x.type === 'rating');

/**
 * The month's league table of stations, fair to small ones: each station's
 * score is a Bayesian average of its overall rating, pulled toward the
 * range's mean by `RANKING_MIN_RESPONSES` imaginary average answers, so a
 * station with three 5-star answers does not top one with three hundred
 * 4.8s. Stations under the minimum are listed apart, unranked.
 *
 * Dial 112 vehicles are ranked on their own set's measures instead: by
 * default the share arriving within 20 minutes, pulled toward the range's
 * share the same way; each row also carries that share and the crew's
 * behaviour (`staffBehaviour`), so that neither hides the other.
 */
export async function rank(store: FeedbackStore, q: KindFilter & { set: QuestionSet; month: string; scope?: string[]; question?: string }) {
  const question = q.question ?? rankedOn(q.set);
  const keys = countKeys(q.set);
  const [y, m] = q.month.split('-').map(Number);
  const fromDay = dayOfDate(`${q.month}-01`);
  const toDay = Math.floor(Date.UTC(y, m, 1) / DAY_MS);
  const per = new Map<string, { id: string; district: string; tally: Tally }>();
  for (const row of (await store.dayCounts({ questionSet: `${q.set.id}@${q.set.version}`, fromDay, toDay, scope: q.scope })).filter(ofKind(q))) {
    const at = `${row.district}\u0000${row.station}`;
    const s = per.get(at) ?? per.set(at, { id: row.station, district: row.district, tally: new Float64Array(keys.size) }).get(at)!;
    addTo(s.tally, row.counts);
  }
  const count = (t: Tally, id: string, value: string | number) => t[keys.get(`${id}=${value}`) ?? -1] ?? 0;
  const ratingOf = (t: Tally, id = question) => {
    let answers = 0;
    let sum = 0;
    for (let v = 1; v <= 5; v++) {
      answers += count(t, id, v);
      sum += v * count(t, id, v);
    }
    return { answers, sum };
  };
  // Arrival as a 0/1 score: "sum" is the answers within 20 minutes.
  const arrivalOf = (t: Tally) => {
    const values = q.set.questions.find((x) => x.id === ARRIVAL)?.options?.map((o) => o.value) ?? [];
    const answers = values.reduce((n, v) => n + count(t, ARRIVAL, v), 0);
    return { answers, sum: ARRIVED_IN_20.reduce((n, v) => n + count(t, ARRIVAL, v), 0) };
  };
  const measure = question === ARRIVAL ? arrivalOf : ratingOf;
  const twoDecimals = (n: number) => Math.round(n * 100) / 100;
  // The other measure of a 112 vehicle, shown beside its score.
  const extra = (t: Tally) => {
    if (!timely(q.set)) return {};
    const a = arrivalOf(t);
    const crew = ratingOf(t, 'staffBehaviour');
    return {
      within20: a.answers ? twoDecimals(a.sum / a.answers) : null,
      crewBehaviour: crew.answers ? twoDecimals(crew.sum / crew.answers) : null,
    };
  };
  const rows = [...per.values()].map((s) => ({ id: s.id, district: s.district, responses: s.tally[0], ...measure(s.tally), ...extra(s.tally) }));
  const total = rows.reduce((a, r) => ({ answers: a.answers + r.answers, sum: a.sum + r.sum }), { answers: 0, sum: 0 });
  const prior = total.answers ? total.sum / total.answers : 0;
  const m0 = RANKING_MIN_RESPONSES;
  const scored = rows.map(({ sum, ...r }) => ({
    ...r,
    average: r.answers ? twoDecimals(sum / r.answers) : null,
    score: Math.round(((sum + m0 * prior) / (r.answers + m0)) * 1000) / 1000,
  }));
  const byScore = (a: { score: number; answers: number }, b: { score: number; answers: number }) => b.score - a.score || b.answers - a.answers;
  return {
    month: q.month,
    ...(q.kind && { kind: q.kind }),
    question,
    method: question === ARRIVAL
      ? `Bayesian share: (answers within 20 minutes + ${m0} × range share) / (answers + ${m0}); units with fewer than ${m0} answers are not ranked`
      : `Bayesian average: (sum of ratings + ${m0} × range mean) / (answers + ${m0}); stations with fewer than ${m0} answers are not ranked`,
    rangeMean: twoDecimals(prior),
    minAnswers: m0,
    ranked: scored.filter((r) => r.answers >= m0).sort(byScore).map((r, i) => ({ rank: i + 1, ...r })),
    tooFew: scored.filter((r) => r.answers < m0).sort((a, b) => b.answers - a.answers),
  };
}
