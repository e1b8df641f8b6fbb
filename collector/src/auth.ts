/**
 * Who may read what: the one place that decides. Every office route runs
 * `requireCaller` first, and then asks the caller's scope for what to show;
 * no route checks a role itself.
 *
 * - The admin token (`--admin-token-file`) is a `range` account for
 *   scripts: all districts, contact data included.
 * - Office accounts (`anubhav-collector accounts add`) sign in with their
 *   own token; only its hash is stored.
 *   - `range`: the IG office, every district.
 *   - `district`: an SP's office, its districts only.
 *   - `viewer`: read-only, its districts (or the whole range), and never
 *     any contact data.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CollectorConfig } from './config.js';
import type { Account, FeedbackStore, Role } from './store.js';

/** What a route may do for the request's caller. */
export interface Caller {
  name: string;
  role: Role;
  /** The account, when it is one (the admin token is none). */
  accountId?: number;
  /** The districts whose responses it may see; `undefined` for all. */
  scope?: string[];
  /** Whether it may see names and mobile numbers. */
  seesContact: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller?: Caller;
  }
}

const sha256 = (s: string) => createHash('sha256').update(s).digest();

/** The hash stored for a sign-in token. Tokens are 192 random bits, so no slow hash is needed. */
export const tokenHash = (token: string) => sha256(token).toString('hex');

/** A new sign-in token: readable, copyable, and marked as Anubhav's. */
export const newAccountToken = () => `anubhav_${randomBytes(24).toString('base64url')}`;

export function callerOf(account: Account): Caller {
  return {
    name: account.name,
    role: account.role,
    accountId: account.id,
    // A range account sees every district; so does a viewer given none.
    scope: account.role === 'range' || (account.role === 'viewer' && !account.districts.length) ? undefined : account.districts,
    seesContact: account.role !== 'viewer',
  };
}

const ADMIN: Caller = { name: 'admin token', role: 'range', seesContact: true };

/**
 * A Fastify `preHandler` that sets `request.caller` from the bearer token,
 * or answers 401. The admin token is compared as a hash in constant time;
 * an account token is found by its hash. `roles` limits the route to those
 * roles (403 for the others).
 */
export function requireCaller(config: CollectorConfig, store: FeedbackStore, roles?: Role[]) {
  const admin = config.adminToken ? sha256(`Bearer ${config.adminToken}`) : undefined;
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const given = request.headers.authorization;
    let caller: Caller | undefined;
    if (given && admin && timingSafeEqual(sha256(given), admin)) caller = ADMIN;
    else if (given?.startsWith('Bearer ')) {
      const account = store.accountByTokenHash(tokenHash(given.slice(7).trim()));
      if (account) caller = callerOf(account);
    }
    if (!caller) {
      return reply.code(401).header('WWW-Authenticate', 'Bearer')
        .send({ error: 'unauthorised', message: 'send Authorization: Bearer <token>' });
    }
    if (roles && !roles.includes(caller.role)) {
      return reply.code(403).send({ error: 'forbidden', message: `this needs a ${roles.join(' or ')} account` });
    }
    request.caller = caller;
  };
}
