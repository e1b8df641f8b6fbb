/**
 * `GET /api/stream`: new responses as Server-Sent Events, for every open
 * console, within the caller's districts like every other route.
 *
 * One poller reads rows newer than the last it saw, twice a second and
 * whenever the store says a write committed (on PostgreSQL, any
 * collector's, through LISTEN/NOTIFY), and hands each to the streams whose
 * scope covers it. Reading the database,
 * rather than hooking the POST route, means a response is streamed only
 * once it is committed, and that a second collector on the same database
 * (or a restart) misses nothing. Each event's id is the row's `seq`: a
 * console that reconnects sends it back as `Last-Event-ID` and gets what it
 * missed, up to a page; more than that, and it is told to reload.
 */
import type { FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { RouteContext } from '../app.js';
import type { Caller, Proof } from '../auth.js';
import type { StoredRow } from '../store.js';
import { summary } from './cases.js';

export const POLL_MS = 500;
/** A commit's wake-up polls at most this often. */
const WAKE_MS = 100;
/** A comment line this often keeps proxies and the idle timeout from closing a quiet stream. */
export const HEARTBEAT_MS = 15_000;
/** At most this many missed responses are replayed on a reconnect. */
const CATCH_UP = 500;

interface Listener {
  caller: Caller;
  proof: Proof;
  out: ServerResponse;
  /** Rows that arrived while it was catching up, written once it has. */
  held?: StoredRow[];
  /** The last row written to it, so nothing is written twice. */
  lastSeq: number;
}

const covers = (caller: Caller, row: StoredRow) => !caller.scope || (row.district !== undefined && caller.scope.includes(row.district));
const event = (row: StoredRow) => `id: ${row.seq}\nevent: feedback\ndata: ${JSON.stringify(summary(row))}\n\n`;

export function streamRoutes(app: FastifyInstance, { store, auth }: RouteContext) {
  const listeners = new Set<Listener>();
  let last = 0;
  let polling = false;

  function send(l: Listener, row: StoredRow) {
    if (l.held) l.held.push(row);
    else if (row.seq > l.lastSeq) {
      l.out.write(event(row));
      l.lastSeq = row.seq;
    }
  }

  let polledAt = 0;
  async function poll() {
    if (polling || !listeners.size || !store.open) return;
    polling = true;
    polledAt = performance.now();
    try {
      // A stream whose token was revoked, or whose session ended or went
      // idle, is closed before it is given anything more: it may not
      // outlive the right to read.
      for (const l of listeners) {
        if (!await auth.stillHolds(l.proof)) {
          l.out.end();
          listeners.delete(l);
        }
      }
      for (let rows; (rows = await store.page({ after: last }, 200)).length;) {
        last = rows.at(-1)!.seq;
        for (const row of rows) {
          for (const l of listeners) if (covers(l.caller, row)) send(l, row);
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
  // A commit wakes the poller, at most every WAKE_MS (each poll checks
  // every stream's credentials, so not on every commit under load); the
  // interval stays for a second process on the same SQLite file, which
  // nothing announces.
  let woken = false;
  const unwatch = store.watch(() => {
    if (woken) return;
    woken = true;
    setTimeout(() => {
      woken = false;
      void poll();
    }, Math.max(0, polledAt + WAKE_MS - performance.now())).unref();
  });
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
    unwatch();
    for (const l of listeners) l.out.end();
    listeners.clear();
  });

  app.get('/api/stream', { preHandler: auth.require() }, async (request, reply) => {
    const caller = request.caller!;
    const resume = Number(request.headers['last-event-id']);
    const catchUp = Number.isInteger(resume) && resume >= 0;
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
    // Listening starts before catching up, and its close is handled from the
    // start: rows that arrive meanwhile are held, then written after the
    // missed ones, each once.
    const listener: Listener = { caller, proof: request.proof!, out, lastSeq: catchUp ? resume : last, ...(catchUp ? { held: [] } : {}) };
    listeners.add(listener);
    request.raw.on('close', () => listeners.delete(listener));
    if (!catchUp || out.destroyed) return;
    const missed = await store.page({ after: resume, scope: caller.scope }, CATCH_UP + 1);
    const held = listener.held!;
    delete listener.held;
    if (missed.length > CATCH_UP) {
      out.write('event: reload\ndata: {}\n\n');
      listener.lastSeq = Math.max(last, ...held.map((r) => r.seq));
      return;
    }
    for (const row of [...missed, ...held]) send(listener, row);
  });
}
