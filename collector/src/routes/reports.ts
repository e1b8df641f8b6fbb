/**
 * `GET /api/ranking`: the month's league table of stations (reports.ts
 * says how it is fair to small stations), or of one kind of unit: Dial 112
 * vehicles are ranked on arrival within 20 minutes.
 *
 * `GET /api/summary`: counts, rating averages and choice shares for the
 * range, each district and each station, with a weekly series per
 * district, for one question set over a span of days; within the caller's
 * districts, like every office route. Built from the roll-up (reports.ts).
 *
 * Both take `kind`: only the directory's units of that kind, on the kind's
 * own question set unless `questionSet` names another.
 */
import type { FastifyInstance } from 'fastify';
import {
  ASCII_ID, SET_REF, STATION_KINDS, SUMMARY_DAYS, dateOfDay, dayOf, dayOfDate, setRefFor, type QuestionSet, type StationKind,
} from 'anubhav-widgets/core';
import type { RouteContext } from '../app.js';
import { canRank, rank, rollUp, summarise, type KindFilter } from '../reports.js';
import { badQuery, type Issue, type Query } from './exports.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The longest span a summary covers. */
const MAX_DAYS = 3 * 366;
/** Rows a request rolls up before it answers, so that the summary is current. */
const CATCH_UP_ROWS = 5000;

export function reportRoutes(app: FastifyInstance, { store, catalog, auth, now }: RouteContext) {
  /**
   * `kind`, a kind of unit the report is limited to (by the directory's
   * kinds), and the set named by `questionSet`: by default the kind's own
   * (`dial-112@1` for Dial 112), else `default@1`. Or the issues.
   */
  const readSet = (query: Query, issues: Issue[]): { set?: QuestionSet } & KindFilter => {
    const kind = query.kind as StationKind | undefined;
    if (kind !== undefined && !STATION_KINDS.includes(kind)) issues.push({ path: 'kind', message: `one of ${STATION_KINDS.join(', ')}` });
    const ref = query.questionSet ?? setRefFor({ kind });
    const set = SET_REF.test(ref) ? catalog.sets.get(ref) : undefined;
    if (!set) issues.push({ path: 'questionSet', message: `one of ${[...catalog.sets.keys()].join(', ')}` });
    return { set, kind, kindOf: (station) => catalog.stations?.get(station)?.kind ?? 'station' };
  };

  app.get('/api/summary', { preHandler: auth.require() }, async (request, reply) => {
    const query = request.query as Query;
    const issues: Issue[] = [];
    // A real calendar date: it must come back the same from a day number
    // (2026-02-30 does not).
    const isDate = (v: string) => DATE.test(v) && !Number.isNaN(dayOfDate(v)) && dateOfDay(dayOfDate(v)) === v;
    const to = query.to ?? dateOfDay(dayOf(now().toISOString()));
    if (!isDate(to)) issues.push({ path: 'to', message: 'a date, e.g. 2026-11-01' });
    const from = query.from ?? (isDate(to) ? dateOfDay(dayOfDate(to) + 1 - SUMMARY_DAYS) : '');
    if (!isDate(from) && query.from !== undefined) issues.push({ path: 'from', message: 'a date, e.g. 2026-11-01' });
    if (!issues.length && (from > to || (Date.parse(to) - Date.parse(from)) / 86_400_000 >= MAX_DAYS)) {
      issues.push({ path: 'from', message: `on or before "to", and at most ${MAX_DAYS} days before it` });
    }
    for (const key of ['district', 'station'] as const) {
      if (query[key] !== undefined && !ASCII_ID.test(query[key]!)) issues.push({ path: key, message: 'an id of ASCII letters, digits, ".", "_" or "-"' });
    }
    const { set, ...kind } = readSet(query, issues);
    if (issues.length || !set) return badQuery(reply, issues);
    await rollUp(store, catalog, CATCH_UP_ROWS);
    return await summarise(store, { set, from, to, scope: request.caller!.scope, district: query.district, station: query.station, ...kind });
  });

  app.get('/api/ranking', { preHandler: auth.require() }, async (request, reply) => {
    const query = request.query as Query;
    const issues: Issue[] = [];
    const month = query.month ?? dateOfDay(dayOf(now().toISOString())).slice(0, 7);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) issues.push({ path: 'month', message: 'a month, e.g. 2026-11' });
    const { set, ...kind } = readSet(query, issues);
    if (set && query.question !== undefined && !canRank(set, query.question)) {
      issues.push({ path: 'question', message: 'a rating question of the set, e.g. overall (or arrival, for Dial 112)' });
    }
    if (issues.length || !set) return badQuery(reply, issues);
    await rollUp(store, catalog, CATCH_UP_ROWS);
    return await rank(store, { set, month, scope: request.caller!.scope, question: query.question, ...kind });
  });
}
