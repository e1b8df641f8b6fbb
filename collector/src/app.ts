/**
 * The reference collector: the endpoint an IG office can run as it is.
 * Fastify, with @fastify/cors for the district allow-list and
 * @fastify/rate-limit for bursts; storage in SQLite through better-sqlite3,
 * or in PostgreSQL through pg (store.ts, postgres.ts).
 * Each concern's routes live in `routes/`; this file wires them together,
 * with the server's limits, its logger and its orderly stop.
 */
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { createHash, randomBytes } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { FILL_HEADER, MAX_PAYLOAD_BYTES, TRAP_HEADER } from 'anubhav-widgets/core';
import { loadCatalog, type Catalog } from './catalog.js';
import { ConfigError, SERVER_DEFAULTS, redactUrl, type CollectorConfig } from './config.js';
import { Metrics } from './metrics.js';
import { Auth } from './auth.js';
import { SAMPLE_ID_PREFIX, demoAccounts, retireDemoAccounts, seedDemoData, type DemoAccount } from './demo.js';
import { DEFAULT_RETENTION_DAYS, SWEEP_EVERY_MS, sweepContacts } from './retention.js';
import { caseRoutes } from './routes/cases.js';
import { exportRoutes } from './routes/exports.js';
import { sessionRoutes } from './routes/session.js';
import { streamRoutes } from './routes/stream.js';
import { reportRoutes } from './routes/reports.js';
import { consoleRoutes } from './routes/console.js';
import { rollUp } from './reports.js';
import { feedbackRoutes } from './routes/feedback.js';
import { opsRoutes } from './routes/ops.js';
import { pageRoutes } from './routes/page.js';
import { serveStatic } from './static.js';
import { openStore, type FeedbackStore } from './store.js';

export const BODY_LIMIT = MAX_PAYLOAD_BYTES;

/**
 * How often Node looks for requests past their time. Its default, 30 s,
 * would let a slow client overstay a 15 s limit by half a minute.
 */
export const TIMEOUT_CHECK_MS = 1000;

/** How long a stop lets requests in progress finish before it closes their sockets. */
export const STOP_GRACE_MS = 5000;

export interface Collector {
  app: FastifyInstance;
  store: FeedbackStore;
  catalog: Catalog;
  metrics: Metrics;
  /**
   * Stops the collector: no new connections, idle ones closed at once,
   * requests in progress answered (with `Connection: close`) if they
   * complete within `graceMs`, then every socket closed and the database
   * closed. A 201 is sent only after its commit, so whatever was answered 201 is on disk.
   */
  stop(graceMs?: number): Promise<void>;
  /** Runs the contact retention sweep now (it also runs at start and hourly); returns how many were erased. */
  sweep(): Promise<number>;
  /**
   * With `demoData`: how many sample responses this start stored (0 when
   * the database held them already) and the demo accounts' new tokens,
   * for the bin to print.
   */
  demo?: { seeded: number; accounts: DemoAccount[] };
}

/** What every route module gets. */
export interface RouteContext {
  config: CollectorConfig;
  store: FeedbackStore;
  catalog: Catalog;
  metrics: Metrics;
  /** Who the caller is, and what it may see: every office route asks it. */
  auth: Auth;
  /** The clock for what the office does (tests move it on). */
  now: () => Date;
}

/** Where log lines go instead of standard output (tests). */
export interface CollectorOptions {
  logStream?: { write(line: string): unknown };
  /** The clock for sessions and the retention sweep (tests move it on). */
  now?: () => Date;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest();

/**
 * One line per request, when its answer is sent, with the request id, the
 * method and path, the status, the time taken and a POST's outcome (with
 * the reference and station of a stored response); the
 * "incoming request" line is only at debug level.
 */
class RequestLog extends LogController {
  override incomingRequest(request: FastifyRequest) {
    if (!this.isLogDisabled(request)) request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    if (this.isLogDisabled(request)) return;
    const line = { req: request, res: reply, responseTime: reply.elapsedTime, outcome: request.outcome, ...request.logged };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

/**
 * Logs never hold a body, contact data, a client address or a credential.
 * The serializers below write only the method, the path and the status;
 * the redaction is a second guard should a header or a body ever be
 * passed to the logger.
 */
function loggerOptions(config: CollectorConfig, options: CollectorOptions) {
  return {
    level: config.logLevel ?? (options.logStream ? 'info' : 'silent'),
    // The bin passes a non-blocking destination that it flushes before
    // exiting (main.ts); a library user gets synchronous standard output.
    stream: options.logStream ?? process.stdout,
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    serializers: {
      // No remoteAddress: the collector stores no raw IP address, logs included.
      req: (request: { method: string; url: string }) => ({ method: request.method, url: request.url }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
    },
    redact: {
      paths: [
        'req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie',
        'res.headers["set-cookie"]', 'body', 'req.body', 'payload', 'contact', '*.contact',
      ],
      censor: '[redacted]',
    },
  };
}

export async function buildCollector(config: CollectorConfig, options: CollectorOptions = {}): Promise<Collector> {
  const catalog = await loadCatalog(config.questions, config.stations);
  let store: FeedbackStore;
  try {
    store = await openStore(config.db);
  } catch (err) {
    // A path that cannot hold a database (a file where a folder should be,
    // no permission), a PostgreSQL server that refuses, or a database made
    // by a newer collector is the operator's to fix: one line, exit 2.
    throw new ConfigError(`--db ${redactUrl(config.db)}: ${(err as Error).message}`);
  }
  const requestTimeout = config.requestTimeoutMs ?? SERVER_DEFAULTS.requestTimeoutMs;
  const headersTimeout = config.headersTimeoutMs ?? SERVER_DEFAULTS.headersTimeoutMs;
  const keepAliveTimeout = config.keepAliveTimeoutMs ?? SERVER_DEFAULTS.keepAliveTimeoutMs;
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    // Behind a reverse proxy, the client address (for the rate limit) comes
    // from X-Forwarded-For, but only when the proxy's own address is trusted.
    trustProxy: config.trustProxy?.length ? config.trustProxy : false,
    // No client may hold the collector open. Node answers 408 and closes a
    // connection whose request or headers take too long (a byte a second
    // keeps a socket busy but never finishes), closes an idle keep-alive
    // connection, and closes a socket with no traffic either way.
    requestTimeout,
    keepAliveTimeout,
    connectionTimeout: config.idleTimeoutMs ?? SERVER_DEFAULTS.idleTimeoutMs,
    http: { requestTimeout, headersTimeout, keepAliveTimeout, connectionsCheckingInterval: TIMEOUT_CHECK_MS },
    logger: loggerOptions(config, options),
    logController: new RequestLog(),
    // A URL Fastify cannot even route (bad percent-encoding) gets the same
    // 400 shape, with issues, as every other bad request.
    frameworkErrors: (error, _request, reply) => {
      const message = error.message;
      (reply as FastifyReply).code(400).send({ error: error.code ?? 'bad request', message, issues: [{ path: 'url', message }] });
    },
  });
  // Connections beyond this are closed as they arrive.
  app.server.maxConnections = config.maxConnections ?? SERVER_DEFAULTS.maxConnections;
  app.addHook('onClose', async () => store.close());

  const metrics = new Metrics(config.db);
  metrics.instrument(app);
  store.onCommit = metrics.committed;
  const now = options.now ?? (() => new Date());

  // Before the first request: the console and its tests then find the
  // sample in place from the start.
  let demo: Collector['demo'];
  if (config.demoData) {
    const seeded = await seedDemoData(store, catalog, now());
    if (seeded) app.log.info({ seeded }, `demo data: seeded ${seeded} sample responses`);
    else app.log.info('demo data: the database holds the sample already; not seeding again');
    demo = { seeded, accounts: await demoAccounts(store, catalog, now()) };
  } else {
    const retired = await retireDemoAccounts(store, now());
    if (retired.length) app.log.warn({ retired }, 'demo data is off: the demo accounts were revoked');
    if (await store.hasKeyPrefix(SAMPLE_ID_PREFIX)) app.log.warn('this database holds the demo\'s sample responses: they count in every report; use a database of its own');
  }

  // While stopping, every answer tells its client to close the connection,
  // so sockets close as their last request is answered.
  let stopping = false;
  app.addHook('onSend', async (_request, reply) => {
    if (stopping) reply.header('Connection', 'close');
  });
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
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    // Every 5xx is logged with its cause (the error and its stack), under
    // the request's id; 4xx are the client's and its request line says enough.
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    const message = status >= 500 ? 'server error' : error.message;
    return reply.code(status).send({
      error: error.code ?? 'error',
      message,
      ...(status === 400 ? { issues: [{ path: '', message }] } : {}),
    });
  });

  await app.register(cookie);
  // The hosted form's signing key, kept in the database: it outlives a
  // restart (forms open on phones stay good) and every instance on the
  // database signs and checks with the same one.
  config = { ...config, formSecret: config.formSecret ?? await store.secret('form') };
  const context: RouteContext = { config, store, catalog, metrics, auth: new Auth(config, store, now), now };
  opsRoutes(app, context);
  feedbackRoutes(app, context);
  exportRoutes(app, context);
  sessionRoutes(app, context);
  caseRoutes(app, context);
  streamRoutes(app, context);
  reportRoutes(app, context);
  consoleRoutes(app, context);
  await pageRoutes(app, context);
  // The reports' roll-up keeps up in the background: every second it counts
  // what arrived, one small batch at a time with the event loop free in
  // between, so that neither a start on a large database nor a burst of
  // responses holds up a citizen's POST.
  let rolling = false;
  const roller = setInterval(async () => {
    if (rolling) return;
    rolling = true;
    try {
      while (store.open && await rollUp(store, catalog, 1)) await yieldToEventLoop();
    } catch (err) {
      app.log.error({ err }, 'reports: the roll-up failed; it runs again in a second');
    } finally {
      rolling = false;
    }
  }, 1000);
  roller.unref();
  app.addHook('onClose', async () => clearInterval(roller));

  const mounts = { ...config.mounts };
  if (config.staticDir) mounts['/'] = config.staticDir;
  // Static files go compressed (static.ts), as a district site's server would send them.
  if (Object.keys(mounts).length) serveStatic(app, mounts);

  // The retention promise is kept from the first minute: a sweep at start,
  // then every hour for as long as the collector runs.
  const retentionDays = config.contactRetentionDays ?? DEFAULT_RETENTION_DAYS;
  const sweep = async () => {
    const erased = await sweepContacts(store, retentionDays, now());
    if (erased) app.log.info({ erased, retentionDays }, 'retention: erased the contacts of cases closed too long ago');
    return erased;
  };
  try {
    await sweep();
  } catch (err) {
    // A failed sweep must not keep the collector from taking responses.
    app.log.error({ err }, 'retention sweep failed at start-up; it runs again in an hour');
  }
  const sweeper = setInterval(() => {
    sweep().catch((err: unknown) => app.log.error({ err }, 'retention sweep failed; it runs again in an hour'));
  }, SWEEP_EVERY_MS);
  sweeper.unref();
  app.addHook('onClose', async () => clearInterval(sweeper));

  async function stop(graceMs = STOP_GRACE_MS) {
    stopping = true;
    // app.close() stops listening, closes idle connections, answers 503 to
    // requests that arrive on open ones, waits for the rest, then closes the
    // database. A client that never finishes its request is cut at graceMs.
    const cut = setTimeout(() => app.server.closeAllConnections(), graceMs);
    try {
      await app.close();
    } finally {
      clearTimeout(cut);
    }
  }

  return { app, store, catalog, metrics, stop, sweep, ...(demo ? { demo } : {}) };
}
