/**
 * Who may read what: the one place that decides. Every office route runs
 * `auth.require()` first, and then asks the caller's scope for what to
 * show; no route checks a role itself.
 *
 * - The admin token (`--admin-token-file`) is a `range` caller for
 *   scripts: all districts, contact data included.
 * - Office accounts (`anubhav-collector accounts add`) have their own
 *   token; only its hash is stored.
 *   - `range`: the IG office, every district.
 *   - `district`: an SP's office, its districts only.
 *   - `viewer`: read-only, its districts (or the whole range), and never
 *     any contact data.
 * - Scripts send a token as `Authorization: Bearer`. The console exchanges
 *   it once for a session cookie (HttpOnly, SameSite=Strict, Secure behind
 *   HTTPS) that ends after 12 hours idle or on sign-out. A request that
 *   changes anything on the strength of that cookie must also carry the
 *   session's CSRF token in `X-CSRF-Token` (a synchronizer token, kept with
 *   the session on the server), so no other page can act with it.
 * - A response with `source: "call"` (typed in from a phone call) is stored
 *   only for a range or district caller whose districts hold it
 *   (`callRecorder`); citizens' responses need no caller at all.
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

/** How a request proved who it is, so a long-lived response (a stream) can check again. */
export type Proof = { bearer: string } | { session: string };

declare module 'fastify' {
  interface FastifyRequest {
    caller?: Caller;
    proof?: Proof;
  }
}

export const SESSION_COOKIE = 'anubhav_session';
export const CSRF_HEADER = 'x-csrf-token';
/** A session ends after this long without a request. */
export const SESSION_IDLE_MS = 12 * 60 * 60_000;
/** A session's last-seen time is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest();
const sameSecret = (a: string, b: string) => timingSafeEqual(sha256(a), sha256(b));

/** The hash stored for a sign-in token or a session id. Both are 192 random bits, so no slow hash is needed. */
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
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The roles that act on cases, and so may record a citizen's phone call as a response. */
const RECORDERS: Role[] = ['range', 'district'];

/** A refusal, as the routes send it (403 unless said otherwise). */
export interface Refusal {
  error: string;
  message: string;
}

/** Whether a caller's districts hold `district`; a response filed under none is held only by an unscoped caller. */
export const covers = (caller: Caller, district: string | undefined) =>
  !caller.scope || (district !== undefined && caller.scope.includes(district));

export class Auth {
  constructor(private config: CollectorConfig, private store: FeedbackStore, private now: () => Date = () => new Date()) {}

  /** The caller a sign-in token names: the admin token or a live account's. */
  async byToken(token: string): Promise<Caller | undefined> {
    if (this.config.adminToken && sameSecret(token, this.config.adminToken)) return ADMIN;
    const account = await this.store.accountByTokenHash(tokenHash(token));
    return account && callerOf(account);
  }

  /** The caller of a live session, touching it; `undefined` when it ended or its account was revoked. */
  private async bySession(id: string, touch = true): Promise<{ caller: Caller; csrf: string } | undefined> {
    const idHash = tokenHash(id);
    const session = await this.store.session(idHash);
    if (!session) return undefined;
    const now = this.now();
    const idle = now.getTime() - Date.parse(session.lastSeenAt);
    if (idle > SESSION_IDLE_MS) {
      await this.store.closeSession(idHash);
      return undefined;
    }
    const account = session.accountId === null ? undefined : await this.store.account(session.accountId);
    if (session.accountId !== null && (!account || account.revokedAt)) return undefined;
    // A session opened with the admin token ends when the token changes
    // (rotated after a leak, or made anew at a restart).
    if (session.accountId === null && (!this.config.adminToken || session.adminTokenHash !== tokenHash(this.config.adminToken))) return undefined;
    if (touch && idle > TOUCH_EVERY_MS) await this.store.touchSession(idHash, now);
    return { caller: account ? callerOf(account) : ADMIN, csrf: session.csrf };
  }

  /**
   * Opens a session for a sign-in token. Returns the cookie's value (only
   * its hash is stored) and the CSRF token the console must send back.
   */
  async signIn(token: string): Promise<{ id: string; csrf: string; caller: Caller } | undefined> {
    const caller = await this.byToken(token);
    if (!caller) return undefined;
    const id = randomBytes(24).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    const now = this.now();
    // Sessions idle past their time are cleared as new ones open.
    await this.store.closeSession('', new Date(now.getTime() - SESSION_IDLE_MS));
    await this.store.openSession(tokenHash(id), caller.accountId ?? null, caller.accountId === undefined ? tokenHash(token) : null, csrf, now);
    return { id, csrf, caller };
  }

  async signOut(id: string) {
    await this.store.closeSession(tokenHash(id));
  }

  /**
   * Whether a proof still holds: the token is still live, or the session
   * still open, not idle too long, its account not revoked. A check does
   * not count as activity, so an open stream does not keep a session alive.
   */
  async stillHolds(proof: Proof): Promise<boolean> {
    return 'bearer' in proof ? (await this.byToken(proof.bearer)) !== undefined : (await this.bySession(proof.session, false)) !== undefined;
  }

  /** The session's CSRF token, for a console that reloads. */
  async csrfOf(request: FastifyRequest): Promise<string | undefined> {
    const id = request.cookies?.[SESSION_COOKIE];
    return id ? (await this.bySession(id))?.csrf : undefined;
  }

  /**
   * The request's caller, from a bearer token or else a session cookie,
   * without answering: no caller for neither or a dead one, and a refusal
   * for a state-changing request on a session cookie without the
   * session's CSRF token.
   */
  async identify(request: FastifyRequest): Promise<{ caller?: Caller; refusal?: Refusal }> {
    const given = request.headers.authorization;
    if (given?.startsWith('Bearer ')) {
      request.proof = { bearer: given.slice(7).trim() };
      return { caller: await this.byToken(request.proof.bearer) };
    }
    const id = request.cookies?.[SESSION_COOKIE];
    if (!id) return {};
    request.proof = { session: id };
    const session = await this.bySession(id);
    if (session && UNSAFE.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameSecret(sent, session.csrf)) {
        return { refusal: { error: 'csrf', message: `send the session's CSRF token in ${CSRF_HEADER}` } };
      }
    }
    return { caller: session?.caller };
  }

  /**
   * Who may store a response as taken on the phone (`source: "call"`): a
   * range or district account, or the admin token, for a response filed
   * under one of its districts. Anyone else gets a refusal (401 without
   * credentials, 403 with the wrong ones), so
   * that no citizen can pass a response off as one the office recorded.
   * `district` is the one the response is filed under: the directory's.
   */
  async callRecorder(request: FastifyRequest, district: string | undefined): Promise<{ caller: Caller } | { refusal: Refusal; status: 401 | 403 }> {
    const { caller, refusal } = await this.identify(request);
    if (refusal) return { refusal, status: 403 };
    const error = 'forbidden';
    // No live credentials is a 401, as on every office route, so that a
    // console whose session ended is sent back to its sign-in.
    if (!caller) {
      return { status: 401, refusal: { error: 'unauthorised', message: 'a response with source "call" is recorded by the IG office: '
        + 'send a range or district account\'s token as Authorization: Bearer, or sign in to the console' } };
    }
    if (!RECORDERS.includes(caller.role)) {
      return { status: 403, refusal: { error, message: `a ${caller.role} account cannot record calls; this needs a ${RECORDERS.join(' or ')} account` } };
    }
    if (!covers(caller, district)) {
      return { status: 403, refusal: { error, message: `this account cannot record calls for district "${district ?? 'none'}": it is not among the account's districts` } };
    }
    return { caller };
  }

  /**
   * A Fastify `preHandler` that sets `request.caller` from a bearer token
   * or a session cookie, or answers 401. `roles` limits the route to those
   * roles (403 for the others). A state-changing request on a session
   * cookie needs its CSRF token (403 without it).
   */
  require(roles?: Role[]) {
    return async (request: FastifyRequest, reply: FastifyReply) => {
      const { caller, refusal } = await this.identify(request);
      if (refusal) return reply.code(403).send(refusal);
      if (!caller) {
        return reply.code(401).header('WWW-Authenticate', 'Bearer')
          .send({ error: 'unauthorised', message: 'send Authorization: Bearer <token>, or sign in' });
      }
      if (roles && !roles.includes(caller.role)) {
        return reply.code(403).send({ error: 'forbidden', message: `this needs a ${roles.join(' or ')} account` });
      }
      request.caller = caller;
    };
  }
}
