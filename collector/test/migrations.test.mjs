// Versioned schema migrations, on each store (see support.mjs): a database
// made by the previous release (commit c38bb45: schema version 6) is
// upgraded in place with its data, by a start or by `migrate`; a database
// newer than the code is refused. And `copy` moves a SQLite file into
// PostgreSQL, verified.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { SCHEMA_VERSION, openStore } from '../dist/index.js';
import { ADMIN_TOKEN, STORE, newDb, onPostgres, payload, post, query, seedRows, startCollector } from './support.mjs';
import { runBin, tempDir } from './process.mjs';

/** The previous release's schema version (c38bb45); migrations never change once shipped, so steps 1 to 6 make it. */
const PREVIOUS = 6;

/** A database at the previous release's schema, holding a response, an account and a note as that release wrote them. */
async function previousRelease(dir) {
  const db = await newDb(dir, 'previous');
  const store = await openStore(db, { migrate: false });
  assert.deepEqual(await store.migrate(PREVIOUS), { from: 0, to: PREVIOUS });
  await store.close();
  const p = payload();
  await seedRows(db, [[p.id, 'AN-PREV-001', new Date().toISOString(), 'BSP-CIVIL-LINES', 'bilaspur', 'default@1', JSON.stringify(p)]]);
  // The body's hash as the collector keeps it, so that a retry is known as one.
  await query(db, 'UPDATE feedback SET body_hash = ?', [createHash('sha256').update(JSON.stringify(p)).digest('hex')]);
  await query(db, `INSERT INTO accounts (name, role, districts, token_hash, created_at) VALUES ('SP Bilaspur', 'district', '["bilaspur"]', 'h', ?)`, [new Date().toISOString()]);
  await query(db, 'INSERT INTO notes (seq, author, at, text) VALUES (1, ?, ?, ?)', ['SHO', new Date().toISOString(), 'called back']);
  return { db, body: p };
}

describe(`schema migrations (${STORE})`, () => {
  test(`this code's schema is version ${SCHEMA_VERSION}, past the previous release's`, () => {
    assert.ok(SCHEMA_VERSION > PREVIOUS);
  });

  test('a start upgrades a database of the previous release in place, and keeps what it held', async () => {
    const tmp = tempDir();
    try {
      const { db, body } = await previousRelease(tmp.dir);
      const c = await startCollector({ db });
      try {
        const replay = await post(c.base, body);
        assert.equal(replay.status, 201);
        assert.equal((await replay.json()).reference, 'AN-PREV-001', 'the old row answers its replay');
        assert.equal((await post(c.base, payload())).status, 201);
        const found = await (await fetch(`${c.base}/api/cases/AN-PREV-001`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).json();
        assert.deepEqual(found.notes.map((n) => n.text), ['called back']);
        assert.deepEqual((await query(db, 'SELECT version FROM schema_migrations ORDER BY version')).map((r) => r.version).at(-1), SCHEMA_VERSION);
        assert.equal((await query(db, 'SELECT count(*) AS n FROM accounts'))[0].n, 1);
      } finally {
        await c.close();
      }
    } finally {
      tmp.remove();
    }
  });

  test('anubhav-collector migrate upgrades it, and says so; a second run has nothing to do', async () => {
    const tmp = tempDir();
    try {
      const { db } = await previousRelease(tmp.dir);
      const first = await runBin(['migrate', '--db', db]);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, new RegExp(`from version ${PREVIOUS} to ${SCHEMA_VERSION}`));
      const second = await runBin(['migrate'], { ANUBHAV_DB: db });
      assert.equal(second.code, 0, second.stderr);
      assert.match(second.stdout, new RegExp(`at version ${SCHEMA_VERSION}, this collector's; nothing to do`));
      assert.equal((await query(db, 'SELECT count(*) AS n FROM feedback'))[0].n, 1);
    } finally {
      tmp.remove();
    }
  });

  test('a database newer than the code is refused, by a start and by migrate, and left as it is', async () => {
    const tmp = tempDir();
    try {
      const db = await newDb(tmp.dir, 'newer');
      await (await openStore(db)).close();
      if (onPostgres) await query(db, 'INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)', [SCHEMA_VERSION + 1, new Date().toISOString()]);
      else await query(db, `PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
      for (const args of [['--port', '0', '--db', db], ['migrate', '--db', db]]) {
        const run = await runBin(args);
        assert.equal(run.code, 2, run.stdout);
        assert.match(run.stderr, new RegExp(`schema version ${SCHEMA_VERSION + 1}, newer than this collector's \\(${SCHEMA_VERSION}\\)`));
      }
    } finally {
      tmp.remove();
    }
  });
});

describe('anubhav-collector copy', { skip: !onPostgres && 'runs in the PostgreSQL pass (it needs a cluster)' }, () => {
  test('moves everything from a SQLite file into an empty PostgreSQL database and verifies it; refuses a non-empty one', { timeout: 60_000 }, async () => {
    const tmp = tempDir();
    try {
      // A SQLite collector with responses, a call with its note, an account, a case worked on and an audited contact view.
      const file = join(tmp.dir, 'range.sqlite');
      const source = await startCollector({ db: file, minFillMs: 0 });
      const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
      let reference;
      try {
        for (let i = 0; i < 30; i++) {
          const res = await post(source.base, payload({ contact: { name: `सुनीता ${i}`, mobile: '9876543210', callback: true }, anonymous: false }));
          assert.equal(res.status, 201);
          reference = (await res.json()).reference;
        }
        assert.equal((await runBin(['accounts', 'add', '--name', 'SP Korba', '--role', 'district', '--district', 'korba', '--db', file])).code, 0);
        const json = { ...auth, 'Content-Type': 'application/json' };
        assert.equal((await fetch(`${source.base}/api/cases/${reference}`, { method: 'PATCH', headers: json, body: JSON.stringify({ status: 'closed' }) })).status, 200);
        assert.equal((await fetch(`${source.base}/api/cases/${reference}/notes`, { method: 'POST', headers: json, body: JSON.stringify({ text: 'done' }) })).status, 201);
        assert.equal((await fetch(`${source.base}/api/cases/${reference}/contact`, { method: 'POST', headers: auth })).status, 200);
        assert.equal((await fetch(`${source.base}/api/summary`, { headers: auth })).status, 200);
      } finally {
        await source.process.signal('SIGTERM');
      }
      const target = await newDb(tmp.dir, 'state');
      const run = await runBin(['copy', '--from', file, '--to', target]);
      assert.equal(run.code, 0, run.stderr);
      for (const [table, rows] of [['feedback', 30], ['notes', 1], ['accounts', 1], ['audit', 1]]) {
        assert.match(run.stdout, new RegExp(`${table}\\s+${rows}\\s+[0-9a-f]{64}`), run.stdout);
      }
      // A collector on the copy serves the same case, and goes on from the next seq.
      const moved = await startCollector({ db: target });
      try {
        const found = await (await fetch(`${moved.base}/api/cases/${reference}`, { headers: auth })).json();
        assert.equal(found.status, 'closed');
        assert.deepEqual(found.notes.map((n) => n.text), ['done']);
        const next = await post(moved.base, payload());
        assert.equal(next.status, 201);
        assert.equal((await query(target, 'SELECT max(seq) AS s FROM feedback'))[0].s, 31);
      } finally {
        await moved.close();
      }
      const again = await runBin(['copy', '--from', file, '--to', target]);
      assert.equal(again.code, 2);
      assert.match(again.stderr, /copy into an empty database/);
    } finally {
      tmp.remove();
    }
  });
});
