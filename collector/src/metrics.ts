/**
 * What `/metrics` reports, in Prometheus' text format through prom-client.
 * Every metric the collector defines is named here. Labels take values
 * from short fixed lists (an outcome, a reason, a route's pattern), never
 * from what a client sends, so a client cannot grow the series.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { statSync } from 'node:fs';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** A POST's outcome, as `request.outcome` says or as its status implies. */
export type PostOutcome = 'accepted' | 'replay' | 'conflict' | 'spam' | 'rejected' | 'error';

/**
 * Node's own figures (memory, CPU, event-loop lag, open files) belong to
 * the process, not to one collector: one registry for them, made on first
 * use, so a program or test that builds several collectors observes GC once.
 */
let processRegistry: Registry | undefined;

export class Metrics {
  readonly registry = new Registry();

  /** POST /api/feedback by outcome; a rejection also says why. */
  readonly posts = new Counter({
    name: 'anubhav_feedback_posts_total',
    help: 'POST /api/feedback answers by outcome (accepted, replay, conflict, spam, rejected, error); rejections by reason',
    labelNames: ['outcome', 'reason'] as const,
    registers: [this.registry],
  });

  /** 5xx answers, by route pattern. */
  readonly serverErrors = new Counter({
    name: 'anubhav_http_server_errors_total',
    help: 'Answers with a 5xx status, by route',
    labelNames: ['route'] as const,
    registers: [this.registry],
  });

  /** Time from a request's arrival to its answer's last byte handed to the socket. */
  readonly duration = new Histogram({
    name: 'anubhav_http_request_duration_seconds',
    help: 'Time to answer, by route and method',
    labelNames: ['route', 'method'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  /**
   * Connections Node answered or dropped before any route saw them: request
   * and header timeouts (a slow or stalled client) and malformed requests.
   */
  readonly clientErrors = new Counter({
    name: 'anubhav_http_client_errors_total',
    help: 'Connections cut before a route ran: kind is timeout, too-large (headers) or malformed',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  /** Group commit: how many writes each commit carried, and how long it took. */
  readonly commitWrites = new Histogram({
    name: 'anubhav_store_commit_writes',
    help: 'Writes (responses, with their notes) per group commit',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: [this.registry],
  });

  readonly commitSeconds = new Histogram({
    name: 'anubhav_store_commit_seconds',
    help: 'Time of a group commit, from its start to its durable commit',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  /** `db` is a SQLite file, whose size is reported, or a PostgreSQL URL (its size is PostgreSQL's own to report). */
  constructor(db: string) {
    if (/^postgres(ql)?:/i.test(db)) return;
    new Gauge({
      name: 'anubhav_database_bytes',
      help: 'Size of the SQLite database file plus its write-ahead log',
      registers: [this.registry],
      collect() {
        this.set(fileSize(db) + fileSize(`${db}-wal`));
      },
    });
  }

  /** What the store calls after each group commit. */
  readonly committed = (writes: number, seconds: number) => {
    this.commitWrites.observe(writes);
    this.commitSeconds.observe(seconds);
  };

  /** The text a Prometheus scrape gets: the process's figures, then the collector's. */
  async text(): Promise<string> {
    if (!processRegistry) {
      processRegistry = new Registry();
      collectDefaultMetrics({ register: processRegistry });
    }
    return `${await processRegistry.metrics()}\n${await this.registry.metrics()}`;
  }

  readonly contentType = this.registry.contentType;

  /** Counts every answer: its route's latency, a 5xx, and a POST's outcome. */
  observe(request: FastifyRequest, reply: FastifyReply) {
    const route = request.routeOptions.url ?? 'unmatched';
    this.duration.observe({ route, method: request.method }, reply.elapsedTime / 1000);
    if (reply.statusCode >= 500) this.serverErrors.inc({ route });
    if ((route === '/api/feedback' || route === '/f') && request.method === 'POST') {
      const [outcome, reason] = postOutcome(request.outcome, reply.statusCode);
      this.posts.inc(reason ? { outcome, reason } : { outcome });
    }
  }

  /** Installs the hooks that feed these metrics. */
  instrument(app: FastifyInstance) {
    app.addHook('onResponse', async (request, reply) => this.observe(request, reply));
    app.server.on('clientError', (err: NodeJS.ErrnoException) => {
      const kind = clientErrorKind(err.code);
      if (kind) this.clientErrors.inc({ kind });
    });
  }
}

/**
 * The route sets `request.outcome` once it has read the body; answers given
 * before that (by the body parser or the rate limiter) are named by their
 * status.
 */
export function postOutcome(outcome: string | undefined, status: number): [PostOutcome, string?] {
  if (status >= 500) return ['error'];
  if (outcome === 'accepted' || outcome === 'replay' || outcome === 'conflict' || outcome === 'spam') return [outcome];
  if (outcome?.startsWith('rejected:')) {
    const reason = outcome.slice('rejected:'.length);
    return ['rejected', /^[A-Za-z-]{1,32}$/.test(reason) ? reason : 'other'];
  }
  const byStatus: Record<number, string> = { 400: 'body', 413: 'too-large', 415: 'content-type', 429: 'rate-limit' };
  return ['rejected', byStatus[status] ?? 'other'];
}

function clientErrorKind(code: string | undefined): string | undefined {
  if (code === 'ECONNRESET' || code === 'EPIPE') return undefined; // the client went away: not ours to count
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'timeout';
  if (code === 'HPE_HEADER_OVERFLOW') return 'too-large';
  return 'malformed';
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
