/**
 * Cases: every response is one, and the office triages it here. Each
 * route asks `auth` for the caller first, and reads and changes only cases
 * in the caller's districts: another district's reference answers 404,
 * exactly as one that does not exist. Viewers read, and never act.
 *
 * - `GET /api/cases`: the inbox, money demanded first, then newest first.
 * - `GET /api/cases/:reference`: one case, without its contact.
 * - `PATCH /api/cases/:reference`: status and assignee.
 * - `POST /api/cases/:reference/notes`: an append-only note.
 * - `POST /api/cases/:reference/contact`: shows the name and mobile, audited.
 * - `POST /api/cases/:reference/erase`: erases them for good, audited.
 * - `GET /api/audit`: the audit log, for the range.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FLAGS, flagNames } from 'anubhav-widgets/core';
import type { RouteContext } from '../app.js';
import type { Caller } from '../auth.js';
import { normaliseReference } from '../references.js';
import { redactContact } from '../retention.js';
import { CASE_STATUSES, type CaseRecord, type CaseStatus, type RowFilter, type StoredRow } from '../store.js';
import { badQuery, readFilter, readLimit, type Issue, type Query } from './exports.js';

const DEFAULT_PAGE = 50;
const MAX_NOTE = 2000;
const MAX_ASSIGNEE = 100;

/** What the inbox (and the live stream) lists of a case. */
export const summary = (r: StoredRow) => ({
  reference: r.reference, receivedAt: r.receivedAt, station: r.payload.station, district: r.district ?? null,
  status: r.status, flags: flagNames(r.flags), overall: r.payload.answers.overall, staffBehaviour: r.payload.answers.staffBehaviour,
});

/**
 * A case as the office reads it: everything but the contact, which takes
 * its own audited request. Staff write names and numbers into notes and
 * the assignee; a caller who may not see contact data gets those with the
 * contact taken out, as an erasure would.
 */
const detail = (c: CaseRecord, caller: Caller) => {
  const { contact, ...payload } = c.payload;
  const clean = (text: string) => (contact && !caller.seesContact ? redactContact(text, contact) : text);
  return {
    ...summary(c), assignee: c.assignee === undefined ? null : clean(c.assignee), closedAt: c.closedAt ?? null,
    contactErasedAt: c.contactErasedAt ?? null, hasContact: Boolean(contact), callback: contact?.callback ?? false,
    questionSet: payload.questionSet ?? 'default@1', lang: payload.lang, source: payload.source, createdAt: payload.createdAt,
    anonymous: payload.anonymous, answers: payload.answers, notes: c.notes.map((n) => ({ ...n, text: clean(n.text) })),
  };
};

export function caseRoutes(app: FastifyInstance, { store, auth, now }: RouteContext) {
  const reader = { preHandler: auth.require() };
  const actor = { preHandler: auth.require(['range', 'district']) };

  /** The case named in the URL, within the caller's scope, or a 404 sent. */
  async function caseOf(request: FastifyRequest, reply: FastifyReply): Promise<CaseRecord | undefined> {
    const reference = normaliseReference((request.params as { reference: string }).reference) ?? (request.params as { reference: string }).reference;
    const found = /^[\w-]{1,32}$/.test(reference) ? await store.caseByReference(reference, request.caller!.scope) : undefined;
    if (!found) void reply.code(404).send({ error: 'not found', message: 'no case with that reference' });
    return found;
  }
  const who = (caller: Caller) => ({ who: caller.name, accountId: caller.accountId });

  app.get('/api/cases', reader, async (request, reply) => {
    const query = request.query as Query;
    const issues: Issue[] = [];
    const filter: RowFilter = { ...readFilter(query, issues), scope: request.caller!.scope };
    const limit = readLimit(query, issues, DEFAULT_PAGE);
    // The cursor says which part of the inbox comes next: the money-demanded
    // cases (m), then the others (r), each newest first, from a seq.
    let [part, from] = ['m', Number.MAX_SAFE_INTEGER];
    if (query.cursor !== undefined) {
      const m = /^([mr])(\d{1,15})$/.exec(query.cursor);
      if (m) [part, from] = [m[1], Number(m[2])];
      else issues.push({ path: 'cursor', message: 'the "next" value of the previous page' });
    }
    if (issues.length) return badQuery(reply, issues);
    const items: StoredRow[] = [];
    let next: string | null = null;
    if (part === 'm' && !(filter.flagsAll && !(filter.flagsAll & FLAGS.money))) {
      const money = await store.page({ ...filter, flagsAll: (filter.flagsAll ?? 0) | FLAGS.money, before: from }, limit);
      items.push(...money);
      if (money.length === limit) next = `m${money.at(-1)!.seq}`;
      from = Number.MAX_SAFE_INTEGER;
    }
    if (!next && !(filter.flagsAll && filter.flagsAll & FLAGS.money)) {
      const rest = await store.page({ ...filter, flagsNone: FLAGS.money, before: from }, limit - items.length);
      items.push(...rest);
      if (items.length === limit && rest.length) next = `r${rest.at(-1)!.seq}`;
    }
    return { items: items.map(summary), next };
  });

  app.get('/api/cases/:reference', reader, async (request, reply) => {
    const found = await caseOf(request, reply);
    return found && detail(found, request.caller!);
  });

  app.patch('/api/cases/:reference', actor, async (request, reply) => {
    const body = (request.body ?? {}) as { status?: unknown; assignee?: unknown };
    const issues: Issue[] = [];
    if (body.status !== undefined && !(CASE_STATUSES as readonly unknown[]).includes(body.status)) issues.push({ path: 'status', message: CASE_STATUSES.join(', ') });
    if (body.assignee !== undefined && body.assignee !== null && (typeof body.assignee !== 'string' || body.assignee.trim().length > MAX_ASSIGNEE)) {
      issues.push({ path: 'assignee', message: `a name of at most ${MAX_ASSIGNEE} characters, or null` });
    }
    if (issues.length) return badQuery(reply, issues);
    const found = await caseOf(request, reply);
    if (!found) return reply;
    const assignee = typeof body.assignee === 'string' ? body.assignee.normalize('NFC').trim() || null : body.assignee as null | undefined;
    await store.updateCase(found.seq, { status: body.status as CaseStatus | undefined, assignee }, now());
    return detail((await store.caseByReference(found.reference))!, request.caller!);
  });

  app.post('/api/cases/:reference/notes', actor, async (request, reply) => {
    const text = (request.body as { text?: unknown } | undefined)?.text;
    if (typeof text !== 'string' || !text.trim() || text.length > MAX_NOTE) {
      return badQuery(reply, [{ path: 'text', message: `a note of 1 to ${MAX_NOTE} characters` }]);
    }
    const found = await caseOf(request, reply);
    if (!found) return reply;
    await store.addNote(found.seq, request.caller!.name, text.normalize('NFC').trim(), now());
    return reply.code(201).send(detail((await store.caseByReference(found.reference))!, request.caller!));
  });

  // Showing the contact is an action, not a read: it is a POST, and each
  // one is written to the audit log before the name and number are sent.
  app.post('/api/cases/:reference/contact', actor, async (request, reply) => {
    const found = await caseOf(request, reply);
    if (!found) return reply;
    const contact = found.payload.contact;
    if (!contact) return reply.code(404).send({ error: 'no contact', message: found.contactErasedAt ? 'the contact was erased' : 'the citizen stayed anonymous' });
    await store.audit({ ...who(request.caller!), action: 'show-contact', reference: found.reference }, now());
    return { reference: found.reference, contact };
  });

  app.post('/api/cases/:reference/erase', actor, async (request, reply) => {
    const found = await caseOf(request, reply);
    if (!found) return reply;
    if (!await store.eraseContact(found.seq, { ...who(request.caller!), action: 'erase-contact', reference: found.reference }, now())) {
      return reply.code(409).send({ error: 'nothing to erase', message: 'this case has no contact' });
    }
    return detail((await store.caseByReference(found.reference))!, request.caller!);
  });

  app.get('/api/audit', { preHandler: auth.require(['range']) }, async (request, reply) => {
    const query = request.query as Query;
    const before = query.before === undefined ? undefined : Number(query.before);
    if (before !== undefined && !(Number.isInteger(before) && before > 0)) return badQuery(reply, [{ path: 'before', message: 'an audit entry id' }]);
    const entries = await store.auditLog(DEFAULT_PAGE, before);
    return { entries, next: entries.length === DEFAULT_PAGE ? String(entries.at(-1)!.id) : null };
  });
}
