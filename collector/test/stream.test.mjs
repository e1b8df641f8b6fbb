// GET /api/stream against the real bin: a new response reaches an open
// stream within a second of its 201, only within the caller's districts,
// and a reconnect with Last-Event-ID gets what it missed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { ADMIN_TOKEN, payload, post, startCollector } from './support.mjs';
import { runBin } from './process.mjs';

/** An open event stream: the events so far, and a wait for one that matches. */
function openStream(base, token, lastEventId) {
  const events = [];
  const waiters = [];
  let buffer = '';
  let res;
  const req = request(`${base}/api/stream`, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream', ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}) },
  }, (response) => {
    res = response;
    response.setEncoding('utf8');
    response.on('data', (chunk) => {
      buffer += chunk;
      for (let end; (end = buffer.indexOf('\n\n')) >= 0;) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(block.split('\n').filter((l) => !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));
        if (!fields.event) continue;
        const e = { id: fields.id, event: fields.event, data: JSON.parse(fields.data), at: performance.now() };
        events.push(e);
        for (const w of [...waiters]) if (w.match(e)) w.resolve(e);
      }
    });
  });
  req.end();
  const opened = new Promise((resolve) => req.once('response', resolve));
  return {
    events, opened,
    status: () => res?.statusCode,
    headers: () => res?.headers,
    next(match, ms = 3000) {
      const found = events.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const w = { match, resolve };
        waiters.push(w);
        setTimeout(() => reject(new Error('no such event in time')), ms);
      });
    },
    close: () => req.destroy(),
    /** Calls `fn` when the server ends the stream. */
    ended: (fn) => opened.then((response) => response.on('end', fn)),
  };
}

describe('live stream', () => {
  let c;
  const tokens = {};
  before(async () => {
    c = await startCollector();
    const run = await runBin(['accounts', 'add', '--name', 'SP Korba', '--role', 'district', '--district', 'korba', '--db', c.db]);
    tokens.korba = /^(anubhav_\S+)$/m.exec(run.stdout)[1];
  });
  after(() => c.close());

  test('a new response reaches every open console within a second of its 201', async () => {
    const range = openStream(c.base, ADMIN_TOKEN);
    await range.opened;
    assert.equal(range.status(), 200);
    assert.match(range.headers()['content-type'], /^text\/event-stream/);
    await new Promise((r) => setTimeout(r, 100));
    const body = payload({ station: 'KRB-DARRI', district: 'korba', answers: { purpose: 'complaint', staffBehaviour: 1, moneyDemanded: 'yes', overall: 1 } });
    const res = await post(c.base, body);
    const acknowledged = performance.now();
    const { reference } = await res.json();
    const arrived = await range.next((e) => e.data.reference === reference);
    assert.ok(arrived.at - acknowledged < 1000, `${Math.round(arrived.at - acknowledged)} ms after the 201`);
    assert.deepEqual(arrived.data.flags, ['money', 'lowRating']);
    assert.equal('contact' in arrived.data, false);
    range.close();
  });

  test('a district account\'s stream carries its district only', async () => {
    const korba = openStream(c.base, tokens.korba);
    await korba.opened;
    await new Promise((r) => setTimeout(r, 100));
    const other = await (await post(c.base, payload({ station: 'BSP-CIVIL-LINES', district: 'bilaspur' }))).json();
    const own = await (await post(c.base, payload({ station: 'KRB-DARRI', district: 'korba' }))).json();
    await korba.next((e) => e.data.reference === own.reference);
    await new Promise((r) => setTimeout(r, 700));
    assert.equal(korba.events.some((e) => e.data.reference === other.reference), false);
    assert.ok(korba.events.every((e) => e.data.district === 'korba'));
    korba.close();
  });

  test('a reconnect with Last-Event-ID gets what it missed, within its scope, once', async () => {
    const first = openStream(c.base, tokens.korba);
    await first.opened;
    await new Promise((r) => setTimeout(r, 100));
    const a = await (await post(c.base, payload({ station: 'KRB-DARRI', district: 'korba' }))).json();
    const seen = await first.next((e) => e.data.reference === a.reference);
    first.close();
    // While it is away: one of its district's, one of another's.
    const missed = await (await post(c.base, payload({ station: 'KRB-DARRI', district: 'korba' }))).json();
    const foreign = await (await post(c.base, payload({ station: 'BSP-CIVIL-LINES', district: 'bilaspur' }))).json();
    const keepAlive = openStream(c.base, ADMIN_TOKEN); // keeps the poller past these rows
    await keepAlive.opened;
    await keepAlive.next((e) => e.data.reference === foreign.reference).catch(() => {});
    const again = openStream(c.base, tokens.korba, seen.id);
    await again.opened;
    await again.next((e) => e.data.reference === missed.reference);
    await new Promise((r) => setTimeout(r, 700));
    assert.equal(again.events.filter((e) => e.data.reference === missed.reference).length, 1);
    assert.equal(again.events.some((e) => e.data.reference === foreign.reference), false);
    assert.equal(again.events.some((e) => e.data.reference === a.reference), false, 'nothing it had already seen');
    again.close();
    keepAlive.close();
  });

  test('a stream ends when its account is revoked, and gets nothing more', async () => {
    const run = await runBin(['accounts', 'add', '--name', 'SP Korba 2', '--role', 'district', '--district', 'korba', '--db', c.db]);
    const token = /^(anubhav_\S+)$/m.exec(run.stdout)[1];
    const id = /Added account (\d+)/.exec(run.stdout)[1];
    const open = openStream(c.base, token);
    await open.opened;
    const ended = new Promise((resolve) => open.ended(resolve));
    assert.equal((await runBin(['accounts', 'revoke', id, '--db', c.db])).code, 0);
    const after = await (await post(c.base, payload({ station: 'KRB-DARRI', district: 'korba' }))).json();
    await Promise.race([ended, new Promise((_, reject) => setTimeout(() => reject(new Error('the stream stayed open')), 3000))]);
    assert.equal(open.events.some((e) => e.data.reference === after.reference), false);
  });

  test('without a token it is a 401', async () => {
    assert.equal((await fetch(`${c.base}/api/stream`)).status, 401);
  });

  test('an open stream does not hold up a stop (last: it stops the collector)', async () => {
    const open = openStream(c.base, ADMIN_TOKEN);
    await open.opened;
    const { code, ms } = await c.process.signal('SIGTERM');
    assert.equal(code, 0);
    assert.ok(ms < 2000, `stopped in ${Math.round(ms)} ms`);
  });
});
