/**
 * Routes for the people who run the collector: `GET /healthz` for a load
 * balancer or a monitor, and `GET /metrics` for Prometheus.
 */
import type { FastifyInstance } from 'fastify';
import type { RouteContext } from '../app.js';

/** How long a health verdict is reused. */
export const HEALTH_TTL_MS = 1000;

export function opsRoutes(app: FastifyInstance, { store, metrics, auth }: RouteContext) {
  // It says only whether the database answers and takes a write; it gives
  // no count or other figure to whoever asks. The write is a committed,
  // fsynced transaction, so anyone could make the collector do one per
  // request: the verdict is kept for a second, which is as fresh as a
  // monitor needs.
  let checkedAt = -Infinity;
  let healthy = true;
  app.get('/healthz', async (request, reply) => {
    if (performance.now() - checkedAt >= HEALTH_TTL_MS) {
      checkedAt = performance.now();
      try {
        await store.checkWritable();
        healthy = true;
      } catch (err) {
        healthy = false;
        request.log.error({ err }, 'health check: the database did not take a write');
      }
    }
    return healthy ? { ok: true } : reply.code(503).send({ ok: false, error: 'database unavailable' });
  });

  // Counts of responses are the office's business, not the public's, and
  // they span every district: the scraper sends the admin token or a range
  // account's. Nothing here touches the database, so a
  // scrape works while the database does not.
  app.get('/metrics', { preHandler: auth.require(['range']) }, async (_request, reply) => {
    return reply.type(metrics.contentType).send(await metrics.text());
  });
}
