/**
 * `POST /api/feedback`: the citizen's response. It is checked in full
 * before it is stored: the payload schema, the Idempotency-Key, the
 * question set it names and every answer against it, the station against
 * the directory, and the time it says it was written.
 *
 * A citizen needs no account. A response with `source: "call"` is one the
 * office's feedback cell took on the phone and typed in: it needs a range
 * or district caller (a bearer token, or the console's session cookie with
 * its CSRF token) whose districts hold the station's, and its case gets a
 * note naming who recorded it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  DEFAULT_SET_REF, FILL_HEADER, OUTBOX_EXPIRY_MS, TRAP_HEADER, checkAnswers, parsePayload,
  type FeedbackPayload,
} from 'anubhav-widgets/core';
import type { RouteContext } from '../app.js';
import type { Caller } from '../auth.js';
import { newReference } from '../references.js';
import type { InsertResult } from '../store.js';

interface Issue {
  path: string;
  message: string;
}

/**
 * What became of a POST, for the logs and metrics: `outcome` is
 * `accepted`, `replay`, `conflict`, `spam`, or `rejected:<reason>`; a
 * stored response adds its `reference` and `station`, so that the office
 * can trace a citizen's call to the request's one log line. Nothing that
 * names the citizen is logged.
 */
declare module 'fastify' {
  interface FastifyRequest {
    outcome?: string;
    logged?: { reference?: string; station?: string };
  }
}

/** Whether every string in a value is well-formed UTF-16 (no lone surrogate). */
function wellFormed(value: unknown): boolean {
  let ok = true;
  JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'string' && !(v as string & { isWellFormed(): boolean }).isWellFormed()) ok = false;
    return v;
  });
  return ok;
}

/** Phones' clocks drift; a time further ahead than this is not a phone's. */
export const MAX_CLOCK_AHEAD_MS = 10 * 60_000;

const invalid = (reply: FastifyReply, issues: Issue[], error = 'invalid payload') =>
  reply.code(400).send({ error, message: issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '), issues: issues.slice(0, 20) });

/** What the collector's own knowledge says is wrong with a schema-valid payload. */
export function catalogIssues(payload: FeedbackPayload, { catalog }: RouteContext, now: number): Issue[] {
  const issues: Issue[] = [];
  const created = Date.parse(payload.createdAt);
  if (created > now + MAX_CLOCK_AHEAD_MS) {
    issues.push({ path: 'createdAt', message: 'is more than 10 minutes in the future; check the phone\'s clock' });
  } else if (created < now - OUTBOX_EXPIRY_MS - MAX_CLOCK_AHEAD_MS) {
    issues.push({ path: 'createdAt', message: 'is older than a phone keeps an unsent response (7 days)' });
  }
  const ref = payload.questionSet ?? DEFAULT_SET_REF;
  const set = catalog.sets.get(ref);
  if (!set) {
    issues.push({ path: 'questionSet', message: `"${ref}" is not a question set this collector accepts (${[...catalog.sets.keys()].join(', ')})` });
  } else {
    issues.push(...checkAnswers(set, payload.answers));
  }
  // A district that is not the station's is not refused: a district site
  // with an older directory (districts do split) would otherwise lose every
  // response. The directory's district is stored instead (see below).
  if (catalog.stations && !catalog.stations.has(payload.station)) {
    issues.push({ path: 'station', message: `"${payload.station}" is not in the station directory` });
  }
  // JSON may carry a lone surrogate as an escape ("\ud800"), which no text
  // holds and which would turn into U+FFFD in every export.
  if (!wellFormed(payload)) {
    issues.push({ path: '', message: 'a text holds a lone surrogate (\\ud800-\\udfff), which is not a character' });
  }
  return issues;
}

export function feedbackRoutes(app: FastifyInstance, context: RouteContext) {
  const { config, store, catalog, auth, now } = context;

  app.post('/api/feedback', { config: { rateLimit: {} } }, async (request, reply) => {
    const parsed = parsePayload(request.body);
    if (!parsed.success) {
      request.outcome = 'rejected:schema';
      return invalid(reply, parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));
    }
    const payload = parsed.data;
    if (request.headers['idempotency-key'] !== payload.id) {
      request.outcome = 'rejected:idempotency-key';
      return invalid(reply, [{ path: 'Idempotency-Key', message: 'the Idempotency-Key header is required and must equal the payload id' }], 'bad idempotency key');
    }
    // With a directory, the district is the directory's, never the client's:
    // it decides which office sees the response, and who may record a call.
    const district = catalog.stations?.get(payload.station)?.district.id ?? payload.district;
    // Who recorded a call comes from the credentials only. This comes even
    // before a replay, so that only an office caller learns that a call's id
    // is taken; a citizen's response (qr, web) is taken without looking at
    // any credentials, as ever.
    let recorder: Caller | undefined;
    if (payload.source === 'call') {
      const verdict = await auth.callRecorder(request, district);
      if ('refusal' in verdict) {
        request.outcome = 'rejected:call';
        if (verdict.status === 401) void reply.header('WWW-Authenticate', 'Bearer');
        return reply.code(verdict.status).send(verdict.refusal);
      }
      recorder = verdict.caller;
    }
    // A replay is answered from what is stored before anything else is
    // checked: the response was accepted once, and a question set retired
    // or a clock window passed since must not turn its retry into a 400.
    const prior = await store.existing(payload);
    if (prior) return answerStored(request, reply, payload, prior);
    const issues = catalogIssues(payload, context, Date.now());
    if (issues.length) {
      // The first issue's field names the reason: answers, questionSet, station, district, createdAt.
      request.outcome = `rejected:${issues[0].path.split('.')[0]}`;
      return invalid(reply, issues);
    }

    // Spam signals arrive as headers (see core/send.ts); without them a
    // response is taken as it is, as from any other client of the schema.
    // An office caller is no bot: a call typed in quickly is not discarded.
    const trap = request.headers[TRAP_HEADER.toLowerCase()];
    const fill = Number(request.headers[FILL_HEADER.toLowerCase()]);
    if (!recorder && ((typeof trap === 'string' && trap !== '') || (Number.isFinite(fill) && fill < config.minFillMs))) {
      // Looks like success to a bot, down to a reference of the real form;
      // nothing is stored.
      request.outcome = 'spam';
      request.logged = { station: payload.station };
      return reply.code(202).send({ id: payload.id, reference: newReference() });
    }
    // Stored by group commit (store.write): the 201 waits for the commit
    // that holds this row, which it shares with whatever else arrived.
    if (!recorder) return answerStored(request, reply, payload, await store.write((tx) => tx.insert(payload, district)));
    // The note is committed with the response, so a call is never stored
    // without the name of whoever took it.
    const { name } = recorder;
    return answerStored(request, reply, payload, await store.write(async (tx) => {
      const result = await tx.insert(payload, district);
      if (result.kind === 'created') await tx.addNote(result.seq, name, `Recorded from a phone call by ${name}`, now());
      return result;
    }));
  });
}

/** The answer to a stored (or refused) key: 201 with the reference, or 422. */
function answerStored(request: FastifyRequest, reply: FastifyReply, payload: FeedbackPayload, result: InsertResult) {
  request.outcome = result.kind === 'created' ? 'accepted' : result.kind;
  if (result.kind === 'conflict') {
    return reply.code(422).send({ error: 'idempotency key reused', message: 'this Idempotency-Key was already used with a different body' });
  }
  request.logged = { reference: result.reference, station: payload.station };
  return reply.code(201).send({ id: payload.id, reference: result.reference });
}
