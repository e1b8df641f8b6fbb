/**
 * The console's sign-in: `POST /api/session` exchanges a sign-in token for
 * a session cookie, `GET /api/session` says who is signed in (and gives a
 * reloaded console its CSRF token again), `DELETE /api/session` signs out.
 * See auth.ts for the cookie's rules.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RouteContext } from '../app.js';
import { SESSION_COOKIE, type Caller } from '../auth.js';

const who = ({ name, role, scope, seesContact }: Caller, csrf?: string) =>
  ({ name, role, districts: scope ?? null, seesContact, ...(csrf ? { csrf } : {}) });

/** Secure when the request came over HTTPS (behind a trusted proxy, as it said). */
const cookieOptions = (request: FastifyRequest) =>
  ({ httpOnly: true, sameSite: 'strict' as const, path: '/', secure: request.protocol === 'https' });

export function sessionRoutes(app: FastifyInstance, { auth, config }: RouteContext) {
  const limited = { config: { rateLimit: { max: config.rateLimit } } };

  app.post('/api/session', limited, async (request, reply: FastifyReply) => {
    const token = (request.body as { token?: unknown } | undefined)?.token;
    if (typeof token !== 'string' || !token || token.length > 200) {
      return reply.code(400).send({ error: 'bad sign-in', message: 'send {"token": "<sign-in token>"}', issues: [{ path: 'token', message: 'the sign-in token' }] });
    }
    const session = await auth.signIn(token.trim());
    if (!session) return reply.code(401).send({ error: 'unauthorised', message: 'that token is not a live account\'s' });
    return reply.setCookie(SESSION_COOKIE, session.id, cookieOptions(request)).send(who(session.caller, session.csrf));
  });

  app.get('/api/session', { preHandler: auth.require() }, async (request) => who(request.caller!, await auth.csrfOf(request)));

  app.delete('/api/session', { preHandler: auth.require() }, async (request, reply) => {
    const id = request.cookies[SESSION_COOKIE];
    if (id) await auth.signOut(id);
    return reply.clearCookie(SESSION_COOKIE, cookieOptions(request)).code(204).send();
  });
}
