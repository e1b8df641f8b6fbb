/**
 * The IG office's exports, behind the admin token:
 * - `GET /api/feedback`: JSON pages of at most 1,000 rows, with a cursor;
 * - `GET /api/feedback.csv`: every matching row as a CSV stream.
 * Both filter by `since`, `until`, `district`, `station` and `questionSet`.
 *
 * Neither holds the table in memory, and neither blocks the event loop for
 * long: rows are read a page at a time through an index, and the CSV
 * yields to other requests between pages, so a citizen's POST is answered
 * while a million-row export runs.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { ASCII_ID, DEFAULT_SET_REF, SET_REF, flagNames, type Lang } from 'anubhav-widgets/core';
import type { RouteContext } from '../app.js';
import { csvHeader, csvLine, type CsvOptions } from '../csv.js';
import type { RowFilter } from '../store.js';

export const MAX_PAGE = 1000;
/** Office requests per minute per client, at least. */
const OFFICE_RATE_LIMIT = 1200;
const DEFAULT_PAGE = 100;
/** Rows per read while streaming the CSV: small enough that a read takes a few ms. */
const CSV_PAGE = 500;

export type Query = Record<string, string | undefined>;
export interface Issue {
  path: string;
  message: string;
}

/**
 * A date (`2026-11-01`, midnight UTC) or an ISO time with its zone
 * (`2026-11-01T00:00:00+05:30` for midnight in India, or `…Z`), as the UTC
 * time it names.
 */
function isoTime(raw: string): string | undefined {
  // A "+" left unencoded in a query string arrives as a space.
  const value = raw.replace(/ (\d{2}:\d{2})$/, '+$1');
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value)) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** The filters every export shares, or the issues with the query. */
export function readFilter(query: Query, issues: Issue[]): RowFilter {
  const filter: RowFilter = {};
  for (const key of ['since', 'until'] as const) {
    const value = query[key];
    if (value === undefined) continue;
    const time = isoTime(value);
    if (time) filter[key] = time;
    else issues.push({ path: key, message: 'a date (2026-11-01) or an ISO time with its zone (2026-11-01T10:00:00+05:30 or …Z)' });
  }
  for (const key of ['district', 'station'] as const) {
    const value = query[key];
    if (value === undefined) continue;
    if (ASCII_ID.test(value)) filter[key] = value;
    else issues.push({ path: key, message: 'an id of ASCII letters, digits, ".", "_" or "-"' });
  }
  if (query.questionSet !== undefined) {
    if (SET_REF.test(query.questionSet)) filter.questionSet = query.questionSet;
    else issues.push({ path: 'questionSet', message: 'a question set as id@version, e.g. default@1' });
  }
  return filter;
}

export const badQuery = (reply: FastifyReply, issues: Issue[]) => reply.code(400).send({
  error: 'bad query', message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues,
});

export function exportRoutes(app: FastifyInstance, { config, store, catalog, auth }: RouteContext) {
  // Each route reads only the caller's districts (the scope is the
  // account's, never the query's), and a viewer's rows carry no contact.
  // The office pages through the table, 1,000 rows a request: a citizen's
  // 30 requests a minute would make a full export take half an hour.
  const office = { config: { rateLimit: { max: Math.max(config.rateLimit, OFFICE_RATE_LIMIT) } }, preHandler: auth.require() };

  app.get('/api/feedback', office, async (request, reply) => {
    const query = request.query as Query;
    const issues: Issue[] = [];
    const filter = readFilter(query, issues);
    let limit = DEFAULT_PAGE;
    if (query.limit !== undefined) {
      if (/^\d{1,4}$/.test(query.limit) && Number(query.limit) >= 1 && Number(query.limit) <= MAX_PAGE) limit = Number(query.limit);
      else issues.push({ path: 'limit', message: `a whole number from 1 to ${MAX_PAGE}` });
    }
    if (query.cursor !== undefined) {
      if (/^\d{1,15}$/.test(query.cursor)) filter.after = Number(query.cursor);
      else issues.push({ path: 'cursor', message: 'the "next" value of the previous page' });
    }
    if (issues.length) return badQuery(reply, issues);
    const caller = request.caller!;
    const rows = await store.page({ ...filter, scope: caller.scope }, limit);
    return {
      items: rows.map(({ seq, receivedAt, reference, district, status, flags, payload: { contact, ...payload } }) => ({
        seq, receivedAt, reference, ...payload,
        // The district it is filed under (the directory's), not the one the client sent.
        ...(district ? { district } : {}),
        ...(contact && caller.seesContact ? { contact } : {}),
        status, flags: flagNames(flags),
      })),
      // The cursor is the last row's seq; a short page is the last one.
      next: rows.length === limit ? String(rows.at(-1)!.seq) : null,
    };
  });

  app.get('/api/feedback.csv', office, async (request, reply) => {
    const query = request.query as Query;
    const issues: Issue[] = [];
    const filter = readFilter(query, issues);
    filter.questionSet ??= DEFAULT_SET_REF;
    const set = catalog.sets.get(filter.questionSet);
    if (!set && !issues.some((i) => i.path === 'questionSet')) {
      issues.push({ path: 'questionSet', message: `not a set this collector accepts (${[...catalog.sets.keys()].join(', ')})` });
    }
    const lang = query.lang ?? 'en';
    if (lang !== 'en' && lang !== 'hi') issues.push({ path: 'lang', message: 'hi or en' });
    const labels = query.labels ?? '0';
    if (labels !== '0' && labels !== '1') issues.push({ path: 'labels', message: '1 to show choices as their labels, 0 for their values' });
    if (issues.length || !set) return badQuery(reply, issues);

    const { scope, seesContact } = request.caller!;
    filter.scope = scope;
    const options: CsvOptions = { set, lang: lang as Lang, labels: labels === '1', stations: catalog.stations, contact: seesContact };
    async function* lines() {
      yield csvHeader(options);
      for (let after = 0; ;) {
        const rows = await store.page({ ...filter, after }, CSV_PAGE);
        if (rows.length) yield rows.map((row) => csvLine(row, options)).join('');
        if (rows.length < CSV_PAGE) return;
        after = rows.at(-1)!.seq;
        // Let waiting requests (a citizen's POST) run between pages.
        await yieldToEventLoop();
      }
    }
    const name = `anubhav-${filter.questionSet.replace('@', '-v')}.csv`;
    return reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${name}"`)
      .send(Readable.from(lines()));
  });
}
