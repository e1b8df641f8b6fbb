// Running the collector: connection limits, stopping, file modes, the
// admin token file, logs, /healthz, /metrics and backups. Process
// behaviour is tested on the real bin (collector/dist/main.js); the rest on
// the built library with a real server on loopback and a real SQLite file.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { buildCollector, parseConfig } from '../dist/index.js';
import { ADMIN_TOKEN, newDb, payload, post, query } from './support.mjs';
import { rawClient, runBin, sleep, startBin, tempDir, within } from './process.mjs';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const modeOf = (path) => statSync(path).mode & 0o777;
const octal = (mode) => mode.toString(8).padStart(4, '0');

/** Rows in a SQLite file, read through a connection of its own. */
function rowsIn(file) {
  const conn = new Database(file, { readonly: true });
  try {
    return conn.prepare('SELECT count(*) AS n FROM feedback').get().n;
  } finally {
    conn.close();
  }
}

/**
 * The collector in this process, with its store at hand and its log lines
 * captured, for tests that break the database or read the logs.
 */
async function inProcess(overrides = {}, { logLevel } = {}) {
  const { dir, remove } = tempDir();
  const lines = [];
  const logStream = { write: (line) => lines.push(line) };
  const config = {
    host: '127.0.0.1', port: 0, db: join(dir, 'f.sqlite'), origins: [], adminToken: ADMIN_TOKEN,
    rateLimit: 1000, minFillMs: 3000, logLevel, ...overrides,
  };
  const collector = await buildCollector(config, { logStream });
  await collector.app.listen({ host: '127.0.0.1', port: 0 });
  return {
    ...collector, dir, config,
    base: `http://127.0.0.1:${collector.app.server.address().port}`,
    logs: () => lines.map((l) => JSON.parse(l)),
    logText: () => lines.join(''),
    async close() {
      await collector.app.close();
      remove();
    },
  };
}

/** A Prometheus text exposition as {"name{labels}": value}. */
function parseMetrics(text) {
  const values = {};
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    values[line.slice(0, at)] = Number(line.slice(at + 1));
  }
  return values;
}

describe('connection limits (the real process)', () => {
  test('slow and idle clients are cut off at the documented default timeouts', { timeout: 30_000 }, async () => {
    const { dir, remove } = tempDir();
    const run = startBin(['--port', '0', '--db', join(dir, 'f.sqlite'), '--admin-token', ADMIN_TOKEN]);
    try {
      const base = await run.ready;
      const start = performance.now();
      const seconds = async (client, from = start) => ((await client.closed) - from) / 1000;

      // Headers a byte a second: 408 and closed after the 10 s header timeout.
      const slowHeaders = rawClient(base);
      slowHeaders.dribble(`GET /healthz HTTP/1.1\r\nHost: collector\r\nX-Padding: ${'a'.repeat(60)}\r\n\r\n`);
      // A connection that sends nothing at all: the same.
      const silent = rawClient(base);
      // A whole set of headers, then the body a byte a second: cut after the
      // 15 s request timeout, before the body could be complete.
      const slowBody = rawClient(base);
      slowBody.write('POST /api/feedback HTTP/1.1\r\nHost: collector\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n');
      slowBody.dribble('x'.repeat(500));
      // A keep-alive connection left idle after its answer: closed after 5 s.
      const keepAlive = rawClient(base);
      keepAlive.write('GET /healthz HTTP/1.1\r\nHost: collector\r\n\r\n');
      await keepAlive.waitFor(/\{"ok":true\}/);
      const answered = performance.now();

      const [headersAt, silentAt, bodyAt, idleAt] = await within(Promise.all([
        seconds(slowHeaders), seconds(silent), seconds(slowBody), seconds(keepAlive, answered),
      ]), 25_000, 'every slow client cut off');
      // Node checks the request timeouts once a second, so a cut may come up
      // to 1 s late; another second allows for a loaded machine. Without the
      // limits these clients were held for minutes.
      assert.ok(headersAt >= 9.5 && headersAt <= 13, `slow headers cut at ${headersAt} s`);
      assert.ok(silentAt >= 9.5 && silentAt <= 13, `silent connection cut at ${silentAt} s`);
      assert.ok(bodyAt >= 14.5 && bodyAt <= 18, `slow body cut at ${bodyAt} s`);
      assert.ok(idleAt >= 4.5 && idleAt <= 8, `idle keep-alive closed after ${idleAt} s`);
      for (const client of [slowHeaders, silent, slowBody]) assert.match(client.received(), /^HTTP\/1\.1 408 /);

      // They show in the metrics, and nothing half-sent was stored.
      const metrics = parseMetrics(await (await fetch(`${base}/metrics`, { headers: auth })).text());
      assert.equal(metrics['anubhav_http_client_errors_total{kind="timeout"}'], 3);
      assert.equal(rowsIn(join(dir, 'f.sqlite')), 0);
    } finally {
      await run.kill();
      remove();
    }
  });

  test('the limits are flags; connections beyond --max-connections are refused', { timeout: 20_000 }, async () => {
    const { dir, remove } = tempDir();
    const run = startBin(['--port', '0', '--db', join(dir, 'f.sqlite'), '--admin-token', ADMIN_TOKEN,
      '--request-timeout-ms', '3000', '--headers-timeout-ms', '2000', '--keep-alive-timeout-ms', '1000', '--max-connections', '2']);
    try {
      const base = await run.ready;
      const first = rawClient(base);
      const second = rawClient(base);
      await Promise.all([first.connected, second.connected]);
      await sleep(200);
      const third = rawClient(base);
      const thirdClosed = await within(third.closed, 1000, 'the third connection closed');
      assert.equal(third.received(), '', 'the connection over the cap is closed without an answer');
      assert.ok(thirdClosed - third.opened < 1000);

      // A slow body is cut at the 3 s request timeout given by flag.
      first.write('POST /api/feedback HTTP/1.1\r\nHost: collector\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n');
      const sent = performance.now();
      first.dribble('x'.repeat(100));
      second.close();
      const cut = ((await within(first.closed, 6000, 'the slow body cut')) - sent) / 1000;
      assert.ok(cut >= 2.5 && cut <= 4.5, `cut at ${cut} s`);

      // With both gone, a new client is served.
      assert.equal((await fetch(`${base}/healthz`)).status, 200);
    } finally {
      await run.kill();
      remove();
    }
  });

  test('refuses a header timeout longer than the request timeout, and bad values', async () => {
    for (const [args, message] of [
      [['--headers-timeout-ms', '20000'], /--headers-timeout-ms \(20000\) must not be longer than --request-timeout-ms \(15000\)/],
      [['--request-timeout-ms', '10'], /--request-timeout-ms must be a whole number from 1000/],
      [['--max-connections', '0'], /--max-connections must be a whole number from 1/],
      [['--log-level', 'loud'], /--log-level must be one of trace, debug, info, warn, error, fatal, silent/],
    ]) {
      const { code, stderr } = await runBin(args);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, message);
    }
  });

  test('the documented defaults are the ones in force, from flags or the environment', () => {
    const config = parseConfig([], {});
    assert.deepEqual(
      [config.requestTimeoutMs, config.headersTimeoutMs, config.keepAliveTimeoutMs, config.idleTimeoutMs, config.maxConnections],
      [15000, 10000, 5000, 30000, 1024]);
    const fromEnv = parseConfig([], {
      ANUBHAV_REQUEST_TIMEOUT_MS: '20000', ANUBHAV_HEADERS_TIMEOUT_MS: '8000', ANUBHAV_KEEP_ALIVE_TIMEOUT_MS: '4000',
      ANUBHAV_IDLE_TIMEOUT_MS: '60000', ANUBHAV_MAX_CONNECTIONS: '100', ANUBHAV_LOG_LEVEL: 'warn',
    });
    assert.deepEqual(
      [fromEnv.requestTimeoutMs, fromEnv.headersTimeoutMs, fromEnv.keepAliveTimeoutMs, fromEnv.idleTimeoutMs, fromEnv.maxConnections, fromEnv.logLevel],
      [20000, 8000, 4000, 60000, 100, 'warn']);
  });
});

describe('stopping (the real process)', () => {
  test('SIGTERM stops within 10 s whatever the clients do, and answers the request in progress', { timeout: 30_000 }, async () => {
    const { dir, remove } = tempDir();
    const db = await newDb(dir, 'f');
    const run = startBin(['--port', '0', '--db', db, '--admin-token', ADMIN_TOKEN]);
    try {
      const base = await run.ready;
      // A keep-alive connection, idle after its answer.
      const keepAlive = rawClient(base);
      keepAlive.write('GET /healthz HTTP/1.1\r\nHost: collector\r\n\r\n');
      await keepAlive.waitFor(/\{"ok":true\}/);
      // A client sending its headers a byte a second.
      const slowHeaders = rawClient(base);
      slowHeaders.dribble(`GET /healthz HTTP/1.1\r\nHost: collector\r\nX-Padding: ${'a'.repeat(60)}\r\n\r\n`);
      // A client that stops halfway through its body and never finishes.
      const stuck = payload();
      const stuckBody = JSON.stringify(stuck);
      const stuckClient = rawClient(base);
      stuckClient.write(`POST /api/feedback HTTP/1.1\r\nHost: collector\r\nContent-Type: application/json\r\nIdempotency-Key: ${stuck.id}\r\nContent-Length: ${stuckBody.length}\r\n\r\n${stuckBody.slice(0, 50)}`);
      // A client halfway through its body that finishes just after the signal.
      const late = payload();
      const lateBody = JSON.stringify(late);
      const lateClient = rawClient(base);
      lateClient.write(`POST /api/feedback HTTP/1.1\r\nHost: collector\r\nContent-Type: application/json\r\nIdempotency-Key: ${late.id}\r\nContent-Length: ${lateBody.length}\r\n\r\n${lateBody.slice(0, 50)}`);
      await sleep(500);

      const stopped = run.signal('SIGTERM');
      await sleep(1000);
      lateClient.write(lateBody.slice(50));
      const { code, ms } = await within(stopped, 12_000, 'the process stopped');

      assert.ok(ms < 10_000, `stopped in ${ms} ms`);
      assert.equal(code, 0);
      // The request in progress got its answer, told to close the connection.
      assert.match(lateClient.received(), /^HTTP\/1\.1 201 /);
      assert.match(lateClient.received(), /\r\nconnection: close\r\n/i);
      // Every socket is closed; what was answered 201 is in the file, and
      // the half-sent body is not.
      await within(Promise.all([keepAlive.closed, slowHeaders.closed, stuckClient.closed, lateClient.closed]), 1000, 'every socket closed');
      const keys = (await query(db, 'SELECT idempotency_key AS k FROM feedback')).map((r) => r.k);
      assert.deepEqual(keys, [late.id]);
      assert.match(run.stdout(), /"msg":"stopping: no new connections/);
    } finally {
      await run.kill();
      remove();
    }
  });
});

describe('files', () => {
  test('the collector makes its folder 0700 and the database, -wal and -shm 0600, whatever the umask', async () => {
    const { dir, remove } = tempDir();
    const db = join(dir, 'new', 'state', 'f.sqlite');
    const umask = process.umask(0);
    let c;
    try {
      c = await inProcess({ db });
    } finally {
      process.umask(umask);
    }
    try {
      assert.equal((await post(c.base, payload())).status, 201);
      assert.equal(octal(modeOf(join(dir, 'new'))), '0700');
      assert.equal(octal(modeOf(join(dir, 'new', 'state'))), '0700');
      for (const file of [db, `${db}-wal`, `${db}-shm`]) assert.equal(octal(modeOf(file)), '0600', file);
    } finally {
      await c.close();
      remove();
    }
  });

  test('an existing database, -wal and -shm are made 0600; the bin does the same', async () => {
    const { dir, remove } = tempDir();
    const db = join(dir, 'f.sqlite');
    // A database left readable by all, its WAL still there (another
    // connection keeps it open).
    const other = new Database(db);
    other.pragma('journal_mode = WAL');
    other.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    for (const file of [db, `${db}-wal`, `${db}-shm`]) chmodSync(file, 0o644);
    const run = startBin(['--port', '0', '--db', db, '--admin-token', ADMIN_TOKEN]);
    try {
      const base = await run.ready;
      assert.equal((await post(base, payload())).status, 201);
      for (const file of [db, `${db}-wal`, `${db}-shm`]) assert.equal(octal(modeOf(file)), '0600', file);
    } finally {
      other.close();
      await run.kill();
      remove();
    }
  });
});

describe('the admin token file', () => {
  let dir;
  let remove;
  const file = (name, text, mode = 0o600) => {
    const path = join(dir, name);
    writeFileSync(path, text, { mode });
    chmodSync(path, mode);
    return path;
  };
  before(() => ({ dir, remove } = tempDir()));
  after(() => remove());

  test('the token is the file\'s line, without its newline', () => {
    for (const text of [`${ADMIN_TOKEN}\n`, `${ADMIN_TOKEN}\r\n`, ADMIN_TOKEN]) {
      const config = parseConfig(['--admin-token-file', file('token', text)], {});
      assert.equal(config.adminToken, ADMIN_TOKEN);
      assert.deepEqual(config.warnings, []);
    }
    const fromEnv = parseConfig([], { ANUBHAV_ADMIN_TOKEN_FILE: file('token', `${ADMIN_TOKEN}\n`) });
    assert.equal(fromEnv.adminToken, ADMIN_TOKEN);
    assert.equal(fromEnv.adminTokenSource.kind, 'file');
  });

  test('a missing, empty, short or many-line file is a clear error', () => {
    for (const [path, message] of [
      [join(dir, 'nothing-here'), /--admin-token-file: cannot read ".*nothing-here" \(there is no such file\)/],
      [file('empty', ''), /--admin-token-file: ".*empty" is empty/],
      [file('newline', '\n'), /is empty/],
      [file('short', 'short\n'), /the token in ".*short" \(--admin-token-file\) must be at least 16 characters/],
      [file('lines', `${ADMIN_TOKEN}\nsecond line\n`), /must hold the token on one line/],
      [dir, /cannot read ".*" \(it is a folder\)/],
    ]) {
      assert.throws(() => parseConfig(['--admin-token-file', path], {}), message);
    }
    assert.throws(() => parseConfig(['--admin-token', ADMIN_TOKEN, '--admin-token-file', file('token', ADMIN_TOKEN)], {}), /not both/);
    assert.throws(() => parseConfig([], { ANUBHAV_ADMIN_TOKEN: ADMIN_TOKEN, ANUBHAV_ADMIN_TOKEN_FILE: file('token', ADMIN_TOKEN) }), /not both/);
  });

  test('a file others can read is used, with a warning', () => {
    for (const mode of [0o644, 0o640, 0o604]) {
      const config = parseConfig(['--admin-token-file', file('loose', ADMIN_TOKEN, mode)], {});
      assert.equal(config.adminToken, ADMIN_TOKEN);
      assert.match(config.warnings.join('\n'), new RegExp(`can be read by other users \\(mode ${octal(mode)}\\); .*chmod 600`));
    }
    assert.deepEqual(parseConfig(['--admin-token-file', file('owner-only', ADMIN_TOKEN, 0o400)], {}).warnings, []);
  });

  test('the bin takes it: the office routes open with it, and it is never printed', async () => {
    const tokenFile = file('run-token', `${ADMIN_TOKEN}\n`, 0o644);
    const run = startBin(['--port', '0', '--db', join(dir, 'f.sqlite')], { ANUBHAV_ADMIN_TOKEN_FILE: tokenFile });
    try {
      const base = await run.ready;
      assert.equal((await fetch(`${base}/api/feedback`, { headers: auth })).status, 200);
      assert.equal((await fetch(`${base}/api/feedback`)).status, 401);
      await sleep(100);
      assert.ok(run.stdout().includes(`Export: curl -H "Authorization: Bearer $(cat ${tokenFile})"`), run.stdout());
      const warning = run.logLines().find((l) => l.level === 40);
      assert.match(warning.msg, /can be read by other users/);
      assert.equal(run.stdout().includes(ADMIN_TOKEN) || run.stderr().includes(ADMIN_TOKEN), false);
    } finally {
      await run.kill();
    }
    const refused = await runBin(['--admin-token-file', join(dir, 'nothing-here')]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /--admin-token-file: cannot read/);
  });
});

describe('logs', () => {
  test('one JSON line per request, with time, request id, status and latency, and no contact data, body, credential or address', { timeout: 15_000 }, async () => {
    const { dir, remove } = tempDir();
    // The most verbose level, so that no level leaks anything.
    const run = startBin(['--port', '0', '--db', join(dir, 'f.sqlite'), '--admin-token', ADMIN_TOKEN, '--log-level', 'trace']);
    const secrets = ['Kamla Devi Secretname', '9876543210', 'a comment that names someone', ADMIN_TOKEN, 'session-cookie-value'];
    try {
      const base = await run.ready;
      const named = payload({ anonymous: false, contact: { name: secrets[0], mobile: secrets[1], callback: true },
        answers: { purpose: 'complaint', staffBehaviour: 4, moneyDemanded: 'no', overall: 4, comment: secrets[2] } });
      const headers = { ...auth, Cookie: `sid=${secrets[4]}` };
      assert.equal((await post(base, named, { headers })).status, 201);
      assert.equal((await post(base, { ...named, station: 'not a station!' }, { headers })).status, 400);
      assert.equal((await post(base, `{"contact":{"name":"${secrets[0]}"`, { key: named.id, headers })).status, 400);
      assert.equal((await fetch(`${base}/api/feedback`, { headers })).status, 200);
      assert.equal((await fetch(`${base}/api/feedback.csv`, { headers })).status, 200);
      await run.signal('SIGTERM');

      const output = run.stdout() + run.stderr();
      for (const secret of secrets) assert.equal(output.includes(secret), false, `the log holds "${secret}"`);
      assert.doesNotMatch(output, /remoteAddress|remotePort|"127\.0\.0\.1"/);

      const lines = run.logLines();
      const completed = lines.filter((l) => l.msg === 'request completed');
      assert.equal(completed.length, 5);
      for (const line of completed) {
        assert.ok(!Number.isNaN(Date.parse(line.time)) && line.time.endsWith('Z'), line.time);
        assert.match(line.reqId, /./);
        assert.equal(typeof line.res.statusCode, 'number');
        assert.equal(typeof line.responseTime, 'number');
        assert.deepEqual(Object.keys(line.req).sort(), ['method', 'url']);
      }
      assert.deepEqual(completed.map((l) => [l.req.method, l.req.url, l.res.statusCode]), [
        ['POST', '/api/feedback', 201], ['POST', '/api/feedback', 400], ['POST', '/api/feedback', 400],
        ['GET', '/api/feedback', 200], ['GET', '/api/feedback.csv', 200],
      ]);
      assert.equal(completed[0].outcome, 'accepted');
      assert.equal(completed[1].outcome, 'rejected:schema');
      // Every line after the human start-up lines is JSON.
      const rest = run.stdout().split('\n').filter((l) => l && !/^(anubhav-collector on |Citizens' page: |Office console: |Export: )/.test(l));
      for (const line of rest) assert.doesNotThrow(() => JSON.parse(line), line);
    } finally {
      await run.kill();
      remove();
    }
  });

  test('a 5xx is logged with its cause and stack, under the request id', async () => {
    const c = await inProcess({}, { logLevel: 'info' });
    try {
      c.store.close(); // the database goes away under the running collector
      const body = payload({ anonymous: false, contact: { name: 'Kamla Devi Secretname', mobile: '9876543210', callback: false } });
      const res = await post(c.base, body);
      assert.equal(res.status, 500);
      assert.deepEqual(await res.json(), { error: 'error', message: 'server error' });
      const failed = c.logs().find((l) => l.msg === 'request failed');
      assert.equal(failed.level, 50);
      assert.match(failed.err.message, /database connection is not open/);
      assert.match(failed.err.stack, /\n\s+at /);
      const completed = c.logs().find((l) => l.msg === 'request completed' && l.reqId === failed.reqId);
      assert.equal(completed.res.statusCode, 500);
      assert.equal(c.logText().includes('Secretname') || c.logText().includes('9876543210'), false);
    } finally {
      await c.close();
    }
  });
});

describe('/healthz', () => {
  test('says only ok while the database takes writes, and 503 when it cannot', async () => {
    const c = await inProcess({}, { logLevel: 'info' });
    try {
      for (let i = 0; i < 3; i++) assert.equal((await post(c.base, payload())).status, 201);
      const ok = await fetch(`${c.base}/healthz`);
      assert.equal(ok.status, 200);
      assert.equal(await ok.text(), '{"ok":true}', 'no count or other figure');

      // A verdict is reused for a second: a flood of /healthz is not a flood
      // of fsynced writes.
      const checkedAt = () => {
        const conn = new Database(c.config.db, { readonly: true });
        try {
          return conn.prepare('SELECT checked_at FROM health').get().checked_at;
        } finally {
          conn.close();
        }
      };
      const stamp = checkedAt();
      for (let i = 0; i < 20; i++) assert.equal((await fetch(`${c.base}/healthz`)).status, 200);
      assert.equal(checkedAt(), stamp, 'no write for the 20 checks within the second');

      c.store.close();
      await new Promise((r) => setTimeout(r, 1100));
      const down = await fetch(`${c.base}/healthz`);
      assert.equal(down.status, 503);
      const text = await down.text();
      assert.deepEqual(JSON.parse(text), { ok: false, error: 'database unavailable' });
      assert.doesNotMatch(text, /\d/);
      const logged = c.logs().find((l) => l.msg === 'health check: the database did not take a write');
      assert.equal(logged.level, 50);
      assert.match(logged.err.stack, /\n\s+at /);
    } finally {
      await c.close();
    }
  });
});

describe('/metrics', () => {
  let c;
  before(async () => (c = await inProcess()));
  after(() => c.close());

  test('needs the admin token', async () => {
    assert.equal((await fetch(`${c.base}/metrics`)).status, 401);
    const wrong = await fetch(`${c.base}/metrics`, { headers: { Authorization: 'Bearer not-the-token-at-all' } });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.headers.get('www-authenticate'), 'Bearer');
  });

  test('counts each kind of answer to POST, the latency and the database size', async () => {
    const statuses = [];
    const send = async (...args) => statuses.push((await post(c.base, ...args)).status);
    const first = payload();
    await send(first);
    await send(payload());
    await send(first); // replay
    await send({ ...first, answers: { ...first.answers, overall: 1 } }); // conflict
    await send(payload(), { headers: { 'Anubhav-Trap': 'http://spam.example' } }); // spam
    await send(payload({ station: 'not a station!' })); // schema
    await send(payload(), { key: crypto.randomUUID() }); // idempotency key
    await send(payload({ questionSet: 'nosuch@1' })); // question set
    await send(payload({ answers: { comment: 'x'.repeat(40_000) } })); // 413
    await send(JSON.stringify(payload()), { key: 'k', headers: { 'Content-Type': 'text/plain' } }); // 415
    await send('{"not json', { key: 'k' }); // 400 before the route
    assert.deepEqual(statuses, [201, 201, 201, 422, 202, 400, 400, 400, 413, 415, 400]);

    const res = await fetch(`${c.base}/metrics`, { headers: auth });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
    const m = parseMetrics(await res.text());
    const posts = (labels) => m[`anubhav_feedback_posts_total{${labels}}`];
    assert.equal(posts('outcome="accepted"'), 2);
    assert.equal(posts('outcome="replay"'), 1);
    assert.equal(posts('outcome="conflict"'), 1);
    assert.equal(posts('outcome="spam"'), 1);
    assert.equal(posts('outcome="rejected",reason="schema"'), 1);
    assert.equal(posts('outcome="rejected",reason="idempotency-key"'), 1);
    assert.equal(posts('outcome="rejected",reason="questionSet"'), 1);
    assert.equal(posts('outcome="rejected",reason="too-large"'), 1);
    assert.equal(posts('outcome="rejected",reason="content-type"'), 1);
    assert.equal(posts('outcome="rejected",reason="body"'), 1);
    assert.equal(m['anubhav_http_request_duration_seconds_count{route="/api/feedback",method="POST"}'], 11);
    assert.equal(m['anubhav_http_request_duration_seconds_bucket{le="+Inf",route="/api/feedback",method="POST"}'], 11);
    assert.ok(m['anubhav_http_request_duration_seconds_sum{route="/api/feedback",method="POST"}'] > 0);
    const size = statSync(c.config.db).size + (existsSync(`${c.config.db}-wal`) ? statSync(`${c.config.db}-wal`).size : 0);
    assert.ok(m.anubhav_database_bytes > 4096 && Math.abs(m.anubhav_database_bytes - size) <= 65536, `${m.anubhav_database_bytes} vs ${size}`);
    assert.ok(m.process_resident_memory_bytes > 0, 'Node process metrics too');
    assert.equal(Object.keys(m).some((k) => k.startsWith('anubhav_http_server_errors_total')), false, 'no 5xx yet');
  });

  test('counts a 5xx, and answers while the database is down', async () => {
    c.store.close();
    assert.equal((await post(c.base, payload())).status, 500);
    assert.equal((await fetch(`${c.base}/healthz`)).status, 503);
    const m = parseMetrics(await (await fetch(`${c.base}/metrics`, { headers: auth })).text());
    assert.equal(m['anubhav_feedback_posts_total{outcome="error"}'], 1);
    assert.equal(m['anubhav_http_server_errors_total{route="/api/feedback"}'], 1);
    assert.equal(m['anubhav_http_server_errors_total{route="/healthz"}'], 1);
  });
});

describe('backup (the real process)', () => {
  test('copies the database while another process keeps writing to it', { timeout: 60_000 }, async () => {
    const { dir, remove } = tempDir();
    const db = join(dir, 'live', 'f.sqlite');
    const copy = join(dir, 'copy.sqlite');
    const run = startBin(['--port', '0', '--db', db, '--admin-token', ADMIN_TOKEN, '--rate-limit', '100000']);
    let writing = true;
    let committed = 0;
    const writers = [];
    try {
      const base = await run.ready;
      // Four clients POST without pause until told to stop.
      for (let i = 0; i < 4; i++) {
        writers.push((async () => {
          while (writing) {
            const res = await post(base, payload());
            assert.equal(res.status, 201);
            committed++;
          }
        })());
      }
      while (committed < 200) await sleep(20);
      const before = committed;
      const backup = await runBin(['backup', '--db', db, '--to', copy]);
      const during = committed - before;
      writing = false;
      assert.ok(during > 0, 'the writers went on while the backup ran');
      await Promise.all(writers);

      assert.equal(backup.code, 0, backup.stderr);
      assert.match(backup.stdout, /backed up .* to .*copy\.sqlite \(\d+ pages\)/);
      assert.equal(octal(modeOf(copy)), '0600');
      const conn = new Database(copy, { readonly: true });
      try {
        assert.equal(conn.pragma('integrity_check', { simple: true }), 'ok');
        const rows = conn.prepare('SELECT count(*) AS n FROM feedback').get().n;
        assert.ok(rows >= before, `the copy has ${rows} rows; ${before} were committed before it began`);
        assert.ok(rows <= committed);
        // The schema came along: the copy is at the live database's version.
        const live = new Database(db, { readonly: true });
        try {
          assert.equal(conn.pragma('user_version', { simple: true }), live.pragma('user_version', { simple: true }));
        } finally {
          live.close();
        }
        assert.ok(conn.pragma('user_version', { simple: true }) >= 2);
      } finally {
        conn.close();
      }

      // A second backup to the same file is refused and leaves it alone.
      const original = readFileSync(copy);
      const again = await runBin(['backup', '--db', db, '--to', copy]);
      assert.equal(again.code, 2);
      assert.match(again.stderr, /already exists; a backup never overwrites a file/);
      assert.deepEqual(readFileSync(copy), original);
    } finally {
      writing = false;
      await Promise.allSettled(writers);
      await run.kill();
      remove();
    }
  });

  test('copies a stopped collector\'s database too, and refuses what it cannot do', async () => {
    const { dir, remove } = tempDir();
    try {
      const db = join(dir, 'f.sqlite');
      const run = startBin(['--port', '0', '--db', db, '--admin-token', ADMIN_TOKEN]);
      const base = await run.ready;
      for (let i = 0; i < 3; i++) assert.equal((await post(base, payload())).status, 201);
      assert.equal((await run.signal('SIGTERM')).code, 0);

      const copy = join(dir, 'copy.sqlite');
      assert.equal((await runBin(['backup', '--db', db, '--to', copy])).code, 0);
      assert.equal(rowsIn(copy), 3);

      const missing = await runBin(['backup', '--db', join(dir, 'nothing.sqlite'), '--to', join(dir, 'x.sqlite')]);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /cannot open the database ".*nothing\.sqlite"/);
      assert.equal(existsSync(join(dir, 'x.sqlite')), false);
      const noTarget = await runBin(['backup', '--db', db]);
      assert.equal(noTarget.code, 2);
      assert.match(noTarget.stderr, /backup needs --to FILE/);
      const noFolder = await runBin(['backup', '--db', db, '--to', join(dir, 'no', 'such', 'folder.sqlite')]);
      assert.equal(noFolder.code, 2);
      assert.match(noFolder.stderr, /cannot create/);
    } finally {
      remove();
    }
  });
});
