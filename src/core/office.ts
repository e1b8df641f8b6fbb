/**
 * The office API as the console reads it: the shapes the collector's
 * routes answer with, and the little pure logic the console draws from
 * them (worst-first order, the trend line, query strings). No DOM here, so
 * Node tests and any other client can use it.
 */
import type { Answers, Bilingual, Lang, Question, QuestionSet, Station, StationKind } from './schema.js';
import type { Flag } from './flags.js';
import { addDays } from './days.js';

export type Role = 'range' | 'district' | 'viewer';

/** `GET /api/session`: who is signed in. */
export interface OfficeSession {
  name: string;
  role: Role;
  /** The districts it sees; `null` for all. */
  districts: string[] | null;
  seesContact: boolean;
  /** Sent back in `X-CSRF-Token` with every change. */
  csrf?: string;
}

export const CASE_STATUSES = ['new', 'in-progress', 'action-taken', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** One line of the inbox, and one event of the live stream. */
export interface CaseSummary {
  reference: string;
  receivedAt: string;
  station: string;
  district: string | null;
  status: CaseStatus;
  flags: Flag[];
  overall?: unknown;
  staffBehaviour?: unknown;
}

export interface CaseNote {
  author: string;
  at: string;
  text: string;
}

/** `GET /api/cases/:reference`: a case without its contact. */
export interface CaseDetail extends CaseSummary {
  assignee: string | null;
  closedAt: string | null;
  contactErasedAt: string | null;
  hasContact: boolean;
  callback: boolean;
  questionSet: string;
  lang: Lang;
  source: 'qr' | 'web' | 'call';
  createdAt: string;
  anonymous: boolean;
  answers: Answers;
  notes: CaseNote[];
}

export interface Contact {
  name?: string;
  mobile?: string;
  callback?: boolean;
}

export interface Figures {
  count: number;
  averages: Record<string, { average: number; answers: number }>;
  shares: Record<string, { answers: number; shares: Record<string, number> }>;
}

export interface Week extends Pick<Figures, 'count' | 'averages'> {
  /** The week's first day, `YYYY-MM-DD`. */
  from: string;
}

/** `GET /api/summary`. */
export interface Summary {
  questionSet: string;
  /** The kind of unit summarised, when one was asked for. */
  kind?: StationKind;
  from: string;
  to: string;
  questions: Pick<Question, 'id' | 'type' | 'label' | 'options'>[];
  total: Figures;
  districts: (Figures & { id: string; weeks: Week[] })[];
  stations: (Figures & { id: string; district: string; weeks: Week[] })[];
}

export interface RankedStation {
  rank?: number;
  id: string;
  district: string;
  responses: number;
  answers: number;
  average: number | null;
  score: number;
  /** Dial 112: the share whose vehicle came within 20 minutes, and the crew's average rating. */
  within20?: number | null;
  crewBehaviour?: number | null;
}

/** `GET /api/ranking`. */
export interface Ranking {
  month: string;
  /** The kind of unit ranked, when one was asked for. */
  kind?: StationKind;
  /** A rating of the set, or `arrival` (within 20 minutes) for Dial 112. */
  question: string;
  method: string;
  rangeMean: number;
  /** Stations with fewer answers than this are listed, not ranked. */
  minAnswers: number;
  ranked: RankedStation[];
  tooFew: RankedStation[];
}

export interface AuditEntry {
  id: number;
  at: string;
  who: string;
  accountId?: number;
  action: 'show-contact' | 'export-contact' | 'erase-contact' | 'retention-erase';
  reference: string;
}

/** `GET /api/cases`: a page of the inbox, and the cursor of the next (`null` at the end). */
export interface CasePage {
  items: CaseSummary[];
  next: string | null;
}

/** `GET /api/audit`: a page of the log, newest first. */
export interface AuditPage {
  entries: AuditEntry[];
  next: string | null;
}

/** `GET /api/stations` and `GET /api/question-sets`. */
export interface Directory {
  stations: Station[];
  sets: QuestionSet[];
  /** The collector's `--contact-retention-days`, which the form's notice states. */
  contactRetentionDays: number;
}

/** A query string of the values that are set, in a fixed order. */
export function queryString(values: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The average of a rating question, or `undefined` when nobody answered it. */
export const averageOf = (f: Pick<Figures, 'averages'>, question: string) =>
  f.averages[question]?.answers ? f.averages[question].average : undefined;

/** Dial 112: the share whose vehicle came within 20 minutes (under 10, or 10 to 20), or `undefined` when nobody answered. */
export const within20Of = (f: Pick<Figures, 'shares'>) =>
  f.shares.arrival?.answers ? (f.shares.arrival.shares.lt10m ?? 0) + (f.shares.arrival.shares.lt20m ?? 0) : undefined;

/** The share of one choice (e.g. money demanded: `yes`), or `undefined` when nobody answered. */
export const shareOf = (f: Pick<Figures, 'shares'>, question: string, value: string) =>
  f.shares[question]?.answers ? f.shares[question].shares[value] : undefined;

/**
 * Worst first: the lowest overall rating on top; a tie goes to the larger
 * money-demanded share, then to the larger count. Rows with no rating go
 * last, since there is nothing to judge them on.
 */
export function worstFirst<T extends Figures>(rows: T[]): T[] {
  const key = (r: T) => averageOf(r, 'overall') ?? Number.POSITIVE_INFINITY;
  return [...rows].sort((a, b) => key(a) - key(b)
    || (shareOf(b, 'moneyDemanded', 'yes') ?? 0) - (shareOf(a, 'moneyDemanded', 'yes') ?? 0)
    || b.count - a.count);
}

/**
 * The points of a sparkline of `values` (ratings 1–5; `undefined` for a week
 * with no answer, which breaks the line) in a `width` × `height` box: one
 * polyline per unbroken run.
 */
export function sparkline(values: (number | undefined)[], width: number, height: number, min = 1, max = 5): string[] {
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const y = (v: number) => Math.round((height - ((v - min) / (max - min)) * height) * 10) / 10;
  const runs: string[] = [];
  let run: string[] = [];
  values.forEach((v, i) => {
    if (v === undefined) {
      if (run.length) runs.push(run.join(' '));
      run = [];
    } else run.push(`${Math.round(i * step * 10) / 10},${y(v)}`);
  });
  if (run.length) runs.push(run.join(' '));
  return runs;
}

/** A station's or district's name in `lang`, else its id. */
export function nameOf(stations: Station[], id: string, lang: Lang, district = false): string {
  for (const s of stations) {
    if (district ? s.district.id === id : s.id === id) return (district ? s.district.name : s.name)[lang];
  }
  return id;
}

/** The districts of a directory, each once, in its order. */
export function districtsOf(stations: Station[]): { id: string; name: Bilingual }[] {
  const seen = new Map<string, Bilingual>();
  for (const s of stations) if (!seen.has(s.district.id)) seen.set(s.district.id, s.district.name);
  return [...seen].map(([id, name]) => ({ id, name }));
}

/** Weeks of several series added up (the range's trend from its districts'): counts summed, averages weighted by answers. */
export function addWeeks(series: Week[][]): Week[] {
  const out: Week[] = [];
  for (const weeks of series) {
    weeks.forEach((w, i) => {
      const o = out[i] ??= { from: w.from, count: 0, averages: {} };
      o.count += w.count;
      for (const [q, a] of Object.entries(w.averages)) {
        const prior = o.averages[q] ?? { average: 0, answers: 0 };
        const answers = prior.answers + a.answers;
        o.averages[q] = { answers, average: answers ? (prior.average * prior.answers + a.average * a.answers) / answers : 0 };
      }
    });
  }
  return out;
}

/**
 * The collector's `since`/`until` (an instant; `until` exclusive) for days
 * chosen in India, both inclusive: from the first day's midnight IST to the
 * midnight after the last.
 */
export function istRange(since?: string, until?: string): { since?: string; until?: string } {
  const next = until && addDays(until, 1);
  return { since: since && `${since}T00:00:00+05:30`, until: next && `${next}T00:00:00+05:30` };
}
