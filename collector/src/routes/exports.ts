/**
 * The IG office's exports, behind the admin token:
 * - `GET /api/feedback`: JSON pages of at most 1,000 rows, with a cursor;
 * - `GET /api/feedback.csv`: every matching row as a CSV stream.
 * Both filter by `since`, `until`, `district`, `station`, `questionSet`, `status` and `flag`.
 *
 * Neither holds the table in memory, and neither blocks the event loop for
 * long: rows are read a page at a time through an index, and the CSV
 * yields to other requests between pages, so a citizen's POST is answered
 * while a million-row export runs.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { ASCII_ID, DEFAULT_SET_REF, FLAGS, SET_REF, flagNames, type Flag, type Lang } from 'anubhav-widgets/core';
import type { RouteContext } from '../app.js';
import { csvHeader, csvLine, type CsvOptions } from '../csv.js';
import type { Caller } from '../auth.js';
import { CASE_STATUSES, type CaseStatus, type RowFilter, type StoredRow } from '../store.js';

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
  // The inbox's own filters, so that an export takes exactly what the console shows.
  if (query.status !== undefined) {
    if ((CASE_STATUSES as readonly string[]).includes(query.status)) filter.status = query.status as CaseStatus;
    else issues.push({ path: 'status', message: CASE_STATUSES.join(', ') });
  }
  if (query.flag !== undefined) {
    if (Object.hasOwn(FLAGS, query.flag)) filter.flagsAll = FLAGS[query.flag as Flag];
    else issues.push({ path: 'flag', message: Object.keys(FLAGS).join(', ') });
  }
  return filter;
}

/** `limit`: 1 to MAX_PAGE, else `fallback`; a bad value is an issue. */
export function readLimit(query: Query, issues: Issue[], fallback: number): number {
  if (query.limit === undefined) return fallback;
  if (/^\d{1,4}$/.test(query.limit) && Number(query.limit) >= 1 && Number(query.limit) <= MAX_PAGE) return Number(query.limit);
  issues.push({ path: 'limit', message: `a whole number from 1 to ${MAX_PAGE}` });
  return fallback;
}

export const badQuery = (reply: FastifyReply, issues: Issue[]) => reply.code(400).send({
  error: 'bad query', message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues,
});

/**
 * Whether this export carries names and mobile numbers: only on request
 * (`contact=1`), only for a caller that may see them. Pushes an issue, or
 * answers 403 for a viewer, when it cannot.
 */
function wantsContact(query: Query, caller: Caller, issues: Issue[]): boolean | 'forbidden' {
  if (query.contact === undefined || query.contact === '0') return false;
  if (query.contact !== '1') {
    issues.push({ path: 'contact', message: '1 to include names and mobile numbers (each is audited), 0 or nothing not to' });
    return false;
  }
  return caller.seesContact ? true : 'forbidden';
}

export function exportRoutes(app: FastifyInstance, { config, store, catalog, auth, now }: RouteContext) {
  // Each route reads only the caller's districts (the scope is the
  // account's, never the query's). Names and mobile numbers are left out
  // unless asked for with contact=1, by a role that may see them, and each
  // one sent is written to the audit log first, as a case's "show contact" is.
  const auditContacts = (caller: Caller, rows: StoredRow[]) => store.auditMany(rows.filter((r) => r.payload.contact)
    .map((r) => ({ who: caller.name, accountId: caller.accountId, action: 'export-contact' as const, reference: r.reference })), now());
  // The office pages through the table, 1,000 rows a request: a citizen's
  // 30 requests a minute would make a full export take half an hour.
  const office = { config: { rateLimit: { max: Math.max(config.rateLimit, OFFICE_RATE_LIMIT) } }, preHandler: auth.require() };

  app.get('/api/feedback', office, async (request, reply) => {
    const query = request.query as Query;
    const issues: Issue[] = [];
    const filter = readFilter(query, issues);
    const limit = readLimit(query, issues, DEFAULT_PAGE);
    if (query.cursor !== undefined) {
      if (/^\d{1,15}$/.test(query.cursor)) filter.after = Number(query.cursor);
      else issues.push({ path: 'cursor', message: 'the "next" value of the previous page' });
    }
    const caller = request.caller!;
    const contact = wantsContact(query, caller, issues);
    if (contact === 'forbidden') return reply.code(403).send({ error: 'forbidden', message: 'this account may not see contact details' });
    if (issues.length) return badQuery(reply, issues);
    const rows = await store.page({ ...filter, scope: caller.scope }, limit);
    if (contact) await auditContacts(caller, rows);
    return {
      items: rows.map(({ seq, receivedAt, reference, district, status, flags, payload: { contact: payloadContact, ...payload } }) => ({
        seq, receivedAt, reference, ...payload,
        // The district it is filed under (the directory's), not the one the client sent.
        ...(district ? { district } : {}),
        ...(payloadContact && contact ? { contact: payloadContact } : {}),
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
    const caller = request.caller!;
    const contact = wantsContact(query, caller, issues);
    if (contact === 'forbidden') return reply.code(403).send({ error: 'forbidden', message: 'this account may not see contact details' });
    if (issues.length || !set) return badQuery(reply, issues);

    filter.scope = caller.scope;
    const options: CsvOptions = { set, lang: lang as Lang, labels: labels === '1', stations: catalog.stations, contact };
    async function* lines() {
      yield csvHeader(options);
      for (let after = 0; ;) {
        const rows = await store.page({ ...filter, after }, CSV_PAGE);
        if (contact) await auditContacts(caller, rows);
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
