/**
 * `GET /api/stream`: new responses as Server-Sent Events, for every open
 * console, within the caller's districts like every other route.
 *
 * One poller reads rows newer than the last it saw, twice a second, and
 * hands each to the streams whose scope covers it. Reading the database,
 * rather than hooking the POST route, means a response is streamed only
 * once it is committed, and that a second collector on the same database
 * (or a restart) misses nothing. Each event's id is the row's `seq`: a
 * console that reconnects sends it back as `Last-Event-ID` and gets what it
 * missed, up to a page; more than that, and it is told to reload.
 */
import type { FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { RouteContext } from '../app.js';
import type { Caller } from '../auth.js';
import type { StoredRow } from '../store.js';
import { summary } from './cases.js';

export const POLL_MS = 500;
/** A comment line this often keeps proxies and the idle timeout from closing a quiet stream. */
export const HEARTBEAT_MS = 15_000;
/** At most this many missed responses are replayed on a reconnect. */
const CATCH_UP = 500;

interface Listener {
  caller: Caller;
  out: ServerResponse;
}

const covers = (caller: Caller, row: StoredRow) => !caller.scope || (row.district !== undefined && caller.scope.includes(row.district));
const event = (row: StoredRow) => `id: ${row.seq}\nevent: feedback\ndata: ${JSON.stringify(summary(row))}\n\n`;

export function streamRoutes(app: FastifyInstance, { store, auth }: RouteContext) {
  const listeners = new Set<Listener>();
  let last = 0;
  let polling = false;

  async function poll() {
    if (polling || !listeners.size || !store.open) return;
    polling = true;
    try {
      for (let rows; (rows = await store.page({ after: last }, 200)).length;) {
        last = rows.at(-1)!.seq;
        for (const row of rows) {
          for (const l of listeners) if (covers(l.caller, row)) l.out.write(event(row));
        }
        if (rows.length < 200) break;
      }
    } catch (err) {
      app.log.error({ err }, 'stream: reading new responses failed');
    } finally {
      polling = false;
    }
  }
  const poller = setInterval(() => void poll(), POLL_MS);
  const beat = setInterval(() => {
    for (const l of listeners) l.out.write(': still here\n\n');
  }, HEARTBEAT_MS);
  poller.unref();
  beat.unref();
  // A stop ends every stream at once, rather than waiting out the grace
  // period for requests that never finish.
  app.addHook('preClose', async () => {
    clearInterval(poller);
    clearInterval(beat);
    for (const l of listeners) l.out.end();
    listeners.clear();
  });

  app.get('/api/stream', { preHandler: auth.require() }, async (request, reply) => {
    const caller = request.caller!;
    const resume = Number(request.headers['last-event-id']);
    // The first listener starts from the newest row; the poller then runs.
    if (!listeners.size) last = (await store.page({ before: Number.MAX_SAFE_INTEGER }, 1))[0]?.seq ?? 0;
    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
      'X-Accel-Buffering': 'no',
    });
    // How long a browser waits before reconnecting after a drop.
    out.write('retry: 2000\n\n');
    if (Number.isInteger(resume) && resume >= 0 && resume < last) {
      const missed = await store.page({ after: resume, scope: caller.scope }, CATCH_UP + 1);
      const upToNow = missed.filter((row) => row.seq <= last);
      if (upToNow.length > CATCH_UP) out.write('event: reload\ndata: {}\n\n');
      else for (const row of upToNow) out.write(event(row));
    }
    const listener = { caller, out };
    listeners.add(listener);
    request.raw.on('close', () => listeners.delete(listener));
  });
}
