// `--demo-data`, against the real bin: the sample it seeds (its size, its
// span, its marks, and that each one would pass the collector's own
// checks), that it seeds once per database and never without the flag,
// and that the demo accounts it prints can sign in within their scope.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { builtInSets, checkAnswers, parsePayload, setRef, setRefFor } from '../../dist/core.js';
import { newDb, payload, post, query, startCollector } from './support.mjs';
import { runBin, sleep, tempDir } from './process.mjs';

const STATIONS = new URL('../../demo/stations.json', import.meta.url).pathname;
const WEEKS_12 = 12 * 7 * 86_400_000;
const MARK = '[नमूना / Sample]';

/** The demo tokens the bin printed, by role, once all three are out. */
async function demoTokens(run) {
  for (let i = 0; i < 100; i++) {
    const found = Object.fromEntries([...run.stdout().matchAll(/^demo sign-in \((\w+)\): (\S+)/gm)].map((m) => [m[1], m[2]]));
    if (Object.keys(found).length === 3) return found;
    await sleep(20);
  }
  throw new Error(`no demo tokens in: ${run.stdout()}`);
}

const signIn = (base, token) => fetch(`${base}/api/session`, {
  method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }),
});
const get = (base, token, path) => fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${token}` } });

describe('--demo-data', () => {
  let tmp;
  let db;
  let c;
  let tokens;
  let started;
  before(async () => {
    tmp = tempDir();
    db = await newDb(tmp.dir, 'demo');
    started = Date.now();
    c = await startCollector({ db, stations: STATIONS, demoData: true, args: ['--log-level', 'info'] });
    tokens = await demoTokens(c.process);
  });
  after(async () => {
    await c?.close();
    tmp.remove();
  });

  test('seeds about 5,000 sample responses over the last 12 weeks, says so, and warns', async () => {
    const [{ n, first, last }] = await query(db, 'SELECT count(*) AS n, min(received_at) AS first, max(received_at) AS last FROM feedback');
    assert.ok(n >= 4900 && n <= 5100, `${n} rows`);
    assert.ok(Date.parse(first) >= started - WEEKS_12 - 60_000, `first ${first}`);
    assert.ok(Date.parse(last) <= Date.now(), `last ${last}`);
    // Spread out, not bunched: every one of the 12 weeks has responses.
    const weeks = new Set((await query(db, 'SELECT received_at FROM feedback')).map((r) => Math.floor((started - Date.parse(r.received_at)) / (WEEKS_12 / 12))));
    assert.deepEqual([...weeks].sort((a, b) => a - b), [...Array(12).keys()]);
    assert.ok(c.process.logLines().some((l) => l.msg === `demo data: seeded ${n} sample responses`));
    assert.match(c.process.stdout(), /^WARNING: DEMO DATA IS ON/m);
  });

  test("every sample passes the payload schema and its unit's question set, and is marked as a sample", async () => {
    const rows = await query(db, 'SELECT idempotency_key, payload FROM feedback');
    const directory = new Map(JSON.parse(readFileSync(STATIONS, 'utf8')).map((s) => [s.id, s]));
    const sets = new Set();
    for (const row of rows) {
      const parsed = parsePayload(JSON.parse(row.payload));
      assert.ok(parsed.success, row.payload);
      // A 112 vehicle's sample answers dial-112@1, a station's default@1.
      const ref = parsed.data.questionSet ?? 'default@1';
      assert.equal(ref, setRefFor(directory.get(parsed.data.station)), row.payload);
      sets.add(ref);
      assert.deepEqual(checkAnswers(builtInSets.find((s) => setRef(s) === ref), parsed.data.answers), [], row.payload);
      assert.ok(row.idempotency_key.startsWith('da7a5eed-') && row.idempotency_key === parsed.data.id);
      for (const text of [parsed.data.answers.comment, parsed.data.answers.moneyDetail]) {
        if (text !== undefined) assert.ok(text.startsWith(MARK), text);
      }
      if (parsed.data.contact) {
        assert.match(parsed.data.contact.name, /^(नमूना नागरिक|Sample Citizen) \d+$/);
        assert.match(parsed.data.contact.mobile, /^60000\d{5}$/);
      }
    }
    assert.deepEqual([...sets].sort(), ['control-room@1', 'default@1', 'dial-112@1', 'traffic@1']);
  });

  test('the sample is varied: money demands, unresolved problems, callbacks, both languages, qr and web', async () => {
    // Counted here rather than in SQL, so that the same test reads either engine.
    const rows = (await query(db, 'SELECT station, flags, payload FROM feedback')).map((r) => ({ ...r, p: JSON.parse(r.payload) }));
    const count = (test) => rows.filter(test).length;
    const f = {
      n: rows.length, money: count((r) => r.flags & 1), callback: count((r) => r.flags & 4), unresolved: count((r) => r.flags & 8),
      named: count((r) => r.p.anonymous === false), comments: count((r) => r.p.answers.comment !== undefined),
    };
    assert.ok(f.money / f.n > 0.01 && f.money / f.n < 0.08, `money ${f.money}`);
    assert.ok(f.callback > 50 && f.unresolved > 50 && f.named > 200 && f.comments > 500, JSON.stringify(f));
    const mix = new Map();
    for (const r of rows) mix.set(`${r.p.lang}/${r.p.source}`, (mix.get(`${r.p.lang}/${r.p.source}`) ?? 0) + 1);
    assert.deepEqual([...mix.keys()].sort(), ['en/qr', 'en/web', 'hi/qr', 'hi/web']);
    assert.ok([...mix.values()].every((n) => n > 100), JSON.stringify([...mix]));
    const hindi = count((r) => r.p.lang === 'hi' && /[क-ह]/.test(r.p.answers.comment ?? ''));
    assert.ok(hindi > 100, `${hindi} Hindi comments`);
    // Some stations clearly worse than others, so a worst-first overview means something.
    const by = new Map();
    for (const r of rows) by.set(r.station, [...(by.get(r.station) ?? []), r.p.answers.overall]);
    const stations = [...by].map(([station, o]) => ({ station, overall: o.reduce((x, y) => x + y, 0) / o.length })).sort((x, y) => x.overall - y.overall);
    assert.equal(stations.length, 34, 'every station of the directory has responses');
    assert.ok(stations[0].overall < 2.8 && stations.at(-1).overall > 3.9, JSON.stringify([stations[0], stations.at(-1)]));
  });

  test('older cases are triaged: statuses with closing times, and notes by "Sample data"', async () => {
    const statuses = Object.fromEntries((await query(db, 'SELECT status, count(*) AS n, count(closed_at) AS closed FROM feedback GROUP BY status')).map((r) => [r.status, r]));
    for (const status of ['new', 'in-progress', 'action-taken', 'closed']) assert.ok(statuses[status]?.n > 100, `${status}: ${JSON.stringify(statuses)}`);
    assert.equal(statuses.closed.closed, statuses.closed.n, 'every closed case has its closedAt');
    assert.equal(statuses.new.closed, 0);
    const notes = await query(db, 'SELECT DISTINCT author, substr(text, 1, 16) AS start FROM notes');
    assert.deepEqual(notes, [{ author: 'Sample data', start: MARK }]);
    // A case is closed after it arrived and before now; a money demand past two days old is never left new.
    const [bad] = await query(db, `SELECT count(*) AS n FROM feedback WHERE status = 'closed' AND (closed_at < received_at OR closed_at > ?)`, [new Date().toISOString()]);
    assert.equal(bad.n, 0);
    const [moneyNew] = await query(db, `SELECT count(*) AS n FROM feedback WHERE flags & 1 = 1 AND status = 'new' AND received_at < ?`,
      [new Date(started - 3 * 86_400_000).toISOString()]);
    assert.equal(moneyNew.n, 0);
  });

  test('the printed range token signs in to the console', async () => {
    const res = await signIn(c.base, tokens.range);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json().then(({ csrf, ...who }) => who), { name: 'Demo IG office', role: 'range', districts: null, seesContact: true });
    const viewer = await (await signIn(c.base, tokens.viewer)).json();
    assert.equal(viewer.role, 'viewer');
    assert.equal(viewer.seesContact, false);
  });

  test('the district demo account sees only the first district of the directory', async () => {
    const res = await get(c.base, tokens.district, '/api/cases?limit=1000');
    assert.equal(res.status, 200);
    const { items } = await res.json();
    assert.ok(items.length > 100, `${items.length} cases`);
    assert.ok(items.every((i) => i.district === 'bilaspur'), 'bilaspur only');
    assert.deepEqual((await (await get(c.base, tokens.district, '/api/cases?district=korba')).json()).items, []);
    const [korba] = await query(db, `SELECT reference FROM feedback WHERE district = 'korba' LIMIT 1`);
    assert.equal((await get(c.base, tokens.district, `/api/cases/${korba.reference}`)).status, 404);
    assert.equal((await get(c.base, tokens.range, `/api/cases/${korba.reference}`)).status, 200);
  });

  test('a second start seeds nothing more, keeps the three accounts and gives them new tokens', async () => {
    const before = (await query(db, 'SELECT count(*) AS n FROM feedback'))[0].n;
    await c.close();
    c = await startCollector({ db, stations: STATIONS, demoData: true, args: ['--log-level', 'info'] });
    const again = await demoTokens(c.process);
    assert.equal((await query(db, 'SELECT count(*) AS n FROM feedback'))[0].n, before);
    assert.ok(c.process.logLines().some((l) => /not seeding again/.test(l.msg)));
    assert.ok(!c.process.logLines().some((l) => /seeded/.test(l.msg)));
    assert.deepEqual(await query(db, 'SELECT name, role, districts, revoked_at FROM accounts ORDER BY id'), [
      { name: 'Demo IG office', role: 'range', districts: '[]', revoked_at: null },
      { name: 'Demo SP Bilaspur', role: 'district', districts: '["bilaspur"]', revoked_at: null },
      { name: 'Demo viewer', role: 'viewer', districts: '[]', revoked_at: null },
    ]);
    assert.notEqual(again.range, tokens.range);
    assert.equal((await signIn(c.base, tokens.range)).status, 401, 'the old token stopped working');
    assert.equal((await signIn(c.base, again.range)).status, 200);
    tokens = again;
  });

  test('a start without --demo-data revokes the demo accounts, whose tokens were printed, and warns of the sample', async () => {
    await c.close();
    c = await startCollector({ db, stations: STATIONS, args: ['--log-level', 'info'] });
    assert.equal((await signIn(c.base, tokens.range)).status, 401);
    assert.deepEqual((await query(db, 'SELECT count(*) AS n FROM accounts WHERE revoked_at IS NULL'))[0].n, 0);
    assert.ok(c.process.logLines().some((l) => /demo accounts were revoked/.test(l.msg)));
    assert.ok(c.process.logLines().some((l) => /holds the demo's sample responses/.test(l.msg)));
  });
});

describe('without --demo-data', () => {
  test('nothing is seeded and no demo account is made', async () => {
    const c = await startCollector({ stations: STATIONS });
    try {
      assert.equal((await c.rows()), 0);
      assert.deepEqual(await query(c.db, 'SELECT * FROM accounts'), []);
      assert.doesNotMatch(c.process.stdout(), /demo sign-in|DEMO DATA/);
    } finally {
      await c.close();
    }
  });

  test('--demo-data on a database that holds real responses is refused, and adds nothing', async () => {
    const real = await startCollector({ stations: STATIONS, minFillMs: 0 });
    try {
      assert.equal((await post(real.base, payload())).status, 201);
      await real.process.signal('SIGTERM');
      const run = await runBin(['--port', '0', '--db', real.db, '--stations', STATIONS, '--demo-data']);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /already holds responses that are not the demo's sample/);
      assert.equal((await query(real.db, 'SELECT count(*) AS n FROM feedback'))[0].n, 1);
      assert.deepEqual(await query(real.db, 'SELECT * FROM accounts'), []);
    } finally {
      rmSync(real.dir, { recursive: true, force: true });
    }
  });

  test('--demo-data (or ANUBHAV_DEMO_DATA=1) without --stations is refused at start-up', async () => {
    const tmp = tempDir();
    try {
      for (const [args, env] of [[['--demo-data'], {}], [[], { ANUBHAV_DEMO_DATA: '1' }]]) {
        const run = await runBin(['--port', '0', '--db', join(tmp.dir, 'x.sqlite'), ...args], env);
        assert.equal(run.code, 2);
        assert.match(run.stderr, /--demo-data needs --stations FILE/);
      }
      const odd = await runBin(['--port', '0', '--db', join(tmp.dir, 'x.sqlite')], { ANUBHAV_DEMO_DATA: 'yes' });
      assert.equal(odd.code, 2);
      assert.match(odd.stderr, /ANUBHAV_DEMO_DATA must be 1 or 0/);
    } finally {
      tmp.remove();
    }
  });
});
