/**
 * `GET /api/ranking`: the month's league table of stations (reports.ts
 * says how it is fair to small stations).
 *
 * `GET /api/summary`: counts, rating averages and choice shares for the
 * range, each district and each station, with a weekly series per
 * district, for one question set over a span of days; within the caller's
 * districts, like every office route. Built from the roll-up (reports.ts).
 */
import type { FastifyInstance } from 'fastify';
import { ASCII_ID, DEFAULT_SET_REF, SET_REF, SUMMARY_DAYS, dateOfDay, dayOf, dayOfDate } from 'anubhav-widgets/core';
import type { RouteContext } from '../app.js';
import { counted, rank, rollUp, summarise } from '../reports.js';
import { badQuery, type Issue, type Query } from './exports.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The longest span a summary covers. */
const MAX_DAYS = 3 * 366;
/** Rows a request rolls up before it answers, so that the summary is current. */
const CATCH_UP_ROWS = 5000;

export function reportRoutes(app: FastifyInstance, { store, catalog, auth, now }: RouteContext) {
  /** The set named by `questionSet` (default `default@1`), or an issue. */
  const readSet = (query: Query, issues: Issue[]) => {
    const ref = query.questionSet ?? DEFAULT_SET_REF;
    const set = SET_REF.test(ref) ? catalog.sets.get(ref) : undefined;
    if (!set) issues.push({ path: 'questionSet', message: `one of ${[...catalog.sets.keys()].join(', ')}` });
    return set;
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
    const set = readSet(query, issues);
    if (issues.length || !set) return badQuery(reply, issues);
    await rollUp(store, catalog, CATCH_UP_ROWS);
    return await summarise(store, { set, from, to, scope: request.caller!.scope, district: query.district, station: query.station });
  });

  app.get('/api/ranking', { preHandler: auth.require() }, async (request, reply) => {
    const query = request.query as Query;
    const issues: Issue[] = [];
    const month = query.month ?? dateOfDay(dayOf(now().toISOString())).slice(0, 7);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) issues.push({ path: 'month', message: 'a month, e.g. 2026-11' });
    const set = readSet(query, issues);
    const question = query.question ?? 'overall';
    if (set && !counted(set).some((x) => x.id === question && x.type === 'rating')) {
      issues.push({ path: 'question', message: 'a rating question of the set, e.g. overall' });
    }
    if (issues.length || !set) return badQuery(reply, issues);
    await rollUp(store, catalog, CATCH_UP_ROWS);
    return await rank(store, { set, month, scope: request.caller!.scope, question });
  });
}
