/**
 * Routes for the people who run the collector: `GET /healthz` for a load
 * balancer or a monitor.
 */
import type { FastifyInstance } from 'fastify';
import type { RouteContext } from '../app.js';

export function opsRoutes(app: FastifyInstance, { store }: RouteContext) {
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
}
