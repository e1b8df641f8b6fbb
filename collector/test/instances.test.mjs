// Several collectors on one database, as behind a load balancer: exactly
// once across instances, the console's live stream from either, and no
// acknowledged response lost when one instance is killed under load.
// Against each store (see support.mjs): on SQLite, two processes share one
// file; on PostgreSQL, one database.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { openStore } from '../dist/index.js';
import { ADMIN_TOKEN, STORE, newDb, onPostgres, payload, post, query, startCollector } from './support.mjs';
import { sleep, tempDir, within } from './process.mjs';

describe(`two collectors on one database (${STORE})`, () => {
  let tmp;
  let a;
  let b;
  before(async () => {
    tmp = tempDir();
    const db = await newDb(tmp.dir, 'shared');
    a = await startCollector({ db });
    b = await startCollector({ db });
  });
  after(async () => {
    await a?.close();
    await b?.close();
    tmp.remove();
  });

  test('a hosted form rendered by one instance posts to the other: they share the signing key', async () => {
    const html = await (await fetch(`${a.base}/f?station=BSP-CIVIL-LINES`)).text();
    const id = /response-id="([^"]+)"/.exec(html)?.[1];
    const token = /form-token="([^"]+)"/.exec(html)?.[1];
    assert.ok(id && token);
    // Past the minimum fill time, as a person would be.
    await sleep(3100);
    const fields = [['q-purpose', 'complaint'], ['q-staffBehaviour', '4'], ['q-moneyDemanded', 'no'], ['q-overall', '5'],
      ['response-id', id], ['form-token', token], ['anonymous', 'on'], ['website', '']];
    const res = await fetch(`${b.base}/f?station=BSP-CIVIL-LINES`, {
      method: 'POST', redirect: 'manual', body: new URLSearchParams(fields).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(res.status, 303);
    // A forged token would also get a 303, and nothing stored: the row is the proof.
    const [{ n }] = await query(a.db, 'SELECT count(*) AS n FROM feedback WHERE idempotency_key = ?', [id]);
    assert.equal(Number(n), 1);
  });

  test('20 parallel requests with one key, split across both, store one row and get identical answers', async () => {
    const body = payload();
    const answers = await Promise.all(Array.from({ length: 20 }, async (_, i) => {
      const res = await post(i % 2 ? b.base : a.base, body);
      return { status: res.status, body: await res.json() };
    }));
    assert.deepEqual(new Set(answers.map((r) => r.status)), new Set([201]));
    const references = new Set(answers.map((r) => r.body.reference));
    assert.equal(references.size, 1, `one reference for all: ${[...references]}`);
    assert.deepEqual((await query(a.db, 'SELECT reference FROM feedback WHERE idempotency_key = ?', [body.id])).map((r) => r.reference), [...references]);
    // And the same key with another body is a conflict on either.
    for (const c of [a, b]) assert.equal((await post(c.base, { ...body, answers: { ...body.answers, overall: 1 } })).status, 422);
  });

  test('a console on one instance hears, live, a response sent to the other', async () => {
    const events = [];
    let stream;
    const opened = new Promise((resolve, reject) => {
      stream = request(`${b.base}/api/stream`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } }, (res) => {
        assert.equal(res.statusCode, 200);
        res.setEncoding('utf8');
        res.on('data', (text) => events.push(...[...text.matchAll(/^data: (.+)$/gm)].map((m) => JSON.parse(m[1]))));
        resolve();
      });
      stream.on('error', reject);
      stream.end();
    });
    try {
      await opened;
      await sleep(300);
      const body = payload();
      const { reference } = await (await post(a.base, body)).json();
      await within((async () => {
        while (!events.some((e) => e.reference === reference)) await sleep(20);
      })(), 3000, 'the event on the other instance');
    } finally {
      stream.destroy();
    }
  });

  test('a commit on one store wakes a watcher on another at once (LISTEN/NOTIFY on PostgreSQL)', { skip: !onPostgres && 'SQLite announces only its own process\'s commits; a second process polls' }, async () => {
    const first = await openStore(a.db);
    const second = await openStore(a.db);
    try {
      let woken = 0;
      const stop = second.watch(() => woken++);
      await sleep(300); // its LISTEN connection opens
      await first.write((tx) => tx.insert(payload(), 'bilaspur'));
      await within((async () => {
        while (!woken) await sleep(5);
      })(), 1000, 'the notification');
      stop();
    } finally {
      await first.close();
      await second.close();
    }
  });
});

describe(`kill -9 of one instance under load (${STORE})`, () => {
  test('every response answered 201 is stored, with its reference; the rest are taken by the other instance once', { timeout: 60_000 }, async () => {
    const tmp = tempDir();
    const db = await newDb(tmp.dir, 'killed');
    const victim = await startCollector({ db, rateLimit: 100_000 });
    const survivor = await startCollector({ db, rateLimit: 100_000 });
    try {
      const acknowledged = new Map();
      const unanswered = [];
      let killed = false;
      // Eight clients keep posting to the victim until it is gone.
      const clients = Array.from({ length: 8 }, async () => {
        while (!killed) {
          const body = payload();
          try {
            const res = await post(victim.base, body);
            if (res.status === 201) acknowledged.set(body.id, (await res.json()).reference);
            else unanswered.push(body);
          } catch {
            unanswered.push(body);
            if (killed) return;
          }
        }
      });
      await sleep(1500);
      victim.process.child.kill('SIGKILL');
      killed = true;
      await Promise.all(clients);
      assert.ok(acknowledged.size > 50, `${acknowledged.size} acknowledged before the kill`);
      // Every acknowledged response is in the database, under the reference it was given.
      const stored = new Map((await query(db, 'SELECT idempotency_key AS k, reference AS r FROM feedback')).map((row) => [row.k, row.r]));
      for (const [id, reference] of acknowledged) assert.equal(stored.get(id), reference, `${id} was acknowledged as ${reference}`);
      // The phones whose requests were cut retry on the survivor: each is stored once (a replay if its row had committed).
      for (const body of unanswered) assert.equal((await post(survivor.base, body)).status, 201);
      const [{ n }] = await query(db, 'SELECT count(*) AS n FROM feedback');
      assert.equal(n, acknowledged.size + unanswered.length);
    } finally {
      await victim.process.kill();
      await survivor.close();
      await victim.close().catch(() => {});
      tmp.remove();
    }
  });
});
