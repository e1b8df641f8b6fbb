/**
 * The reference collector: the endpoint an IG office can run as it is.
 * Fastify, with @fastify/cors for the district allow-list and
 * @fastify/rate-limit for bursts; storage in SQLite through better-sqlite3.
 * Each concern's routes live in `routes/`; this file wires them together.
 */
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { createHash, randomBytes } from 'node:crypto';
import { FILL_HEADER, MAX_PAYLOAD_BYTES, TRAP_HEADER } from 'anubhav-widgets/core';
import { loadCatalog, type Catalog } from './catalog.js';
import type { CollectorConfig } from './config.js';
import { exportRoutes } from './routes/exports.js';
import { feedbackRoutes } from './routes/feedback.js';
import { opsRoutes } from './routes/ops.js';
import { serveStatic } from './static.js';
import { FeedbackStore } from './store.js';

export const BODY_LIMIT = MAX_PAYLOAD_BYTES;

export interface Collector {
  app: FastifyInstance;
  store: FeedbackStore;
  catalog: Catalog;
}

/** What every route module gets. */
export interface RouteContext {
  config: CollectorConfig;
  store: FeedbackStore;
  catalog: Catalog;
  log: (line: string) => void;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest();

export async function buildCollector(config: CollectorConfig, log: (line: string) => void = () => {}): Promise<Collector> {
  const catalog = await loadCatalog(config.questions, config.stations);
  const store = new FeedbackStore(config.db);
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    // Behind a reverse proxy, the client address (for the rate limit) comes
    // from X-Forwarded-For, but only when the proxy's own address is trusted.
    trustProxy: config.trustProxy?.length ? config.trustProxy : false,
  });
  app.addHook('onClose', async () => store.close());
  // Fastify also parses text/plain by default; responses are JSON only, so
  // anything else is answered 415.
  app.removeContentTypeParser('text/plain');
  app.removeContentTypeParser('application/json');
  // JSON is parsed from the raw bytes: invalid UTF-8 is refused rather than
  // silently turned into U+FFFD (a name or a comment would be stored
  // damaged, and its replay would no longer match). "__proto__" and
  // "constructor.prototype" keys are refused by Fastify's own parser.
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      const error = Object.assign(new Error('the body is not valid UTF-8'), { statusCode: 400, code: 'FST_ERR_CTP_INVALID_UTF8' });
      done(error, undefined);
      return;
    }
    parseJson(request, text, done);
  });

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

  // Every error answer has the same shape; a 400 always carries `issues`, so
  // a client can show what was wrong whatever the cause (bad JSON, a
  // poisoned key, a missing body) as well as for a schema failure.
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) app.log.error(error);
    const message = status >= 500 ? 'server error' : error.message;
    return reply.code(status).send({
      error: error.code ?? 'error',
      message,
      ...(status === 400 ? { issues: [{ path: '', message }] } : {}),
    });
  });

  const context: RouteContext = { config, store, catalog, log };
  opsRoutes(app, context);
  feedbackRoutes(app, context);
  exportRoutes(app, context);

  const mounts = { ...config.mounts };
  if (config.staticDir) mounts['/'] = config.staticDir;
  if (Object.keys(mounts).length) serveStatic(app, mounts);

  return { app, store, catalog };
}
