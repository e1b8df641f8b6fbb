/**
 * The reference collector: the endpoint an IG office can run as it is.
 * Fastify, with @fastify/cors for the district allow-list and
 * @fastify/rate-limit for bursts; storage in SQLite through better-sqlite3.
 */
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { MAX_PAYLOAD_BYTES, parsePayload } from '../core/schema.js';
import { FILL_HEADER, TRAP_HEADER } from '../core/send.js';
import type { CollectorConfig } from './config.js';
import { toCsv } from './csv.js';
import { serveStatic } from './static.js';
import { FeedbackStore } from './store.js';

export const BODY_LIMIT = MAX_PAYLOAD_BYTES;

export interface Collector {
  app: FastifyInstance;
  store: FeedbackStore;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest();

export async function buildCollector(config: CollectorConfig, log: (line: string) => void = () => {}): Promise<Collector> {
  const store = new FeedbackStore(config.db);
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    // A body with "__proto__" or "constructor.prototype" is refused by the
    // JSON parser itself (400) before our code sees it.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Behind a reverse proxy, the client address (for the rate limit) comes
    // from X-Forwarded-For, but only when the proxy's own address is trusted.
    trustProxy: config.trustProxy?.length ? config.trustProxy : false,
  });
  app.addHook('onClose', async () => store.close());
  // Fastify also parses text/plain by default; responses are JSON only, so
  // anything else is answered 415.
  app.removeContentTypeParser('text/plain');

  await app.register(cors, {
    // Only configured district origins get CORS headers; others get none.
    origin: config.origins,
    methods: ['GET', 'POST'],
    allowedHeaders: ['Content-Type', 'Idempotency-Key', 'Authorization', TRAP_HEADER, FILL_HEADER],
    exposedHeaders: ['Retry-After'],
    maxAge: 600,
  });

  // The limiter keys on a salted hash of the client address, so no raw IP
  // is kept even in memory; the salt is new on every start.
  const salt = randomBytes(16).toString('hex');
  await app.register(rateLimit, {
    global: false,
    max: config.rateLimit,
    timeWindow: 60_000,
    keyGenerator: (request) => sha256(salt + request.ip).toString('hex').slice(0, 32),
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: 'too many requests',
      message: `Too many requests; retry after ${Math.ceil(context.ttl / 1000)} s`,
    }),
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) app.log.error(error);
    const message = status >= 500 ? 'server error' : error.message;
    return reply.code(status).send({ error: error.code ?? 'error', message });
  });

  app.get('/healthz', async () => ({ ok: true, rows: store.count() }));

  app.post('/api/feedback', { config: { rateLimit: {} } }, async (request, reply) => {
    const parsed = parsePayload(request.body);
    if (!parsed.success) {
      return reply.code(400).send({
        error: 'invalid payload',
        issues: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
      });
    }
    const payload = parsed.data;
    if (request.headers['idempotency-key'] !== payload.id) {
      return reply.code(400).send({ error: 'bad idempotency key', message: 'the Idempotency-Key header is required and must equal the payload id' });
    }
    // Spam signals arrive as headers (see core/send.ts); without them a
    // response is taken as it is, as from any other client of the schema.
    const trap = request.headers[TRAP_HEADER.toLowerCase()];
    const fill = Number(request.headers[FILL_HEADER.toLowerCase()]);
    const spam = (typeof trap === 'string' && trap !== '') || (Number.isFinite(fill) && fill < config.minFillMs);
    if (spam) {
      // Looks like success to a bot; nothing is stored.
      log(`202 discarded a likely bot response for ${payload.station}`);
      return reply.code(202).send({ id: payload.id });
    }
    const result = store.insert(payload);
    if (result.kind === 'conflict') {
      return reply.code(422).send({ error: 'idempotency key reused', message: 'this Idempotency-Key was already used with a different body' });
    }
    if (result.kind === 'created') {
      log(`201 stored ${result.reference} for ${payload.station}${payload.anonymous ? ' (anonymous)' : ''}`);
    }
    return reply.code(201).send({ id: payload.id, reference: result.reference });
  });

  // The IG office's exports, behind a bearer token compared in constant time.
  const expected = config.adminToken ? sha256(`Bearer ${config.adminToken}`) : undefined;
  const authorised = (request: FastifyRequest, reply: FastifyReply) => {
    const given = request.headers.authorization;
    if (expected && given && timingSafeEqual(sha256(given), expected)) return true;
    reply.code(401).header('WWW-Authenticate', 'Bearer').send({ error: 'unauthorised', message: 'send Authorization: Bearer <admin token>' });
    return false;
  };
  const adminLimit = { config: { rateLimit: {} } };

  app.get('/api/feedback', adminLimit, async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    const rows = store.all();
    return { count: rows.length, items: rows.map((r) => ({ seq: r.seq, receivedAt: r.receivedAt, reference: r.reference, ...r.payload })) };
  });

  app.get('/api/feedback.csv', adminLimit, async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    return reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="anubhav-feedback.csv"')
      .send(toCsv(store.all()));
  });

  const mounts = { ...config.mounts };
  if (config.staticDir) mounts['/'] = config.staticDir;
  if (Object.keys(mounts).length) serveStatic(app, mounts);

  return { app, store };
}
