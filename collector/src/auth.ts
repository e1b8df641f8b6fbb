/**
 * Who may read what. Today there is one key, the admin bearer token, which
 * opens every office route; this is the one place that decides, so the
 * office accounts and scopes to come change this file, not the routes.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { CollectorConfig } from './config.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest();

/**
 * A Fastify `preHandler` that answers 401 unless the request carries
 * `Authorization: Bearer <admin token>`. Compared as hashes in constant
 * time, so neither the length nor a prefix leaks.
 */
export function requireAdmin(config: CollectorConfig) {
  const expected = config.adminToken ? sha256(`Bearer ${config.adminToken}`) : undefined;
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const given = request.headers.authorization;
    if (expected && given && timingSafeEqual(sha256(given), expected)) return;
    return reply.code(401).header('WWW-Authenticate', 'Bearer')
      .send({ error: 'unauthorised', message: 'send Authorization: Bearer <admin token>' });
  };
}
