/**
 * Routes for the people who run the collector: `GET /healthz` for a load
 * balancer or a monitor, and `GET /metrics` for Prometheus.
 */
import type { FastifyInstance } from 'fastify';
import type { RouteContext } from '../app.js';
import { requireAdmin } from '../auth.js';

export function opsRoutes(app: FastifyInstance, { config, store, metrics }: RouteContext) {
  // It says only whether the database answers and takes a write; it gives
  // no count or other figure to whoever asks.
  app.get('/healthz', async (request, reply) => {
    try {
      store.checkWritable();
      return { ok: true };
    } catch (err) {
      request.log.error({ err }, 'health check: the database did not take a write');
      return reply.code(503).send({ ok: false, error: 'database unavailable' });
    }
  });

  // Counts of responses are the office's business, not the public's: the
  // scraper sends the admin token. Nothing here touches the database, so a
  // scrape works while the database does not.
  app.get('/metrics', { preHandler: requireAdmin(config) }, async (_request, reply) => {
    return reply.type(metrics.contentType).send(await metrics.text());
  });
}
