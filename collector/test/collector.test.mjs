// The reference collector against a real server on loopback and a real
// database (SQLite, or PostgreSQL: see support.mjs). Row counts are read
// from the database through a connection of their own.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_TOKEN, dump, newDb, payload, post, query, startCollector } from './support.mjs';

/** A raw request, so that headers like Origin go out exactly as given. */
function raw(base, { method = 'GET', path = '/', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('collector', () => {
  let c;
  before(async () => (c = await startCollector()));
  after(() => c.close());

  test('GET /healthz answers', async () => {
    const res = await fetch(`${c.base}/healthz`);
    assert.equal(res.status, 200);
    assert.equal((await res.json()).ok, true);
  });

  test('a new response gets 201 with its reference, after which the row is in the file', async () => {
    const before = (await c.rows());
    const body = payload();
    const res = await post(c.base, body);
    assert.equal(res.status, 201);
    const json = await res.json();
    assert.equal(json.id, body.id);
    assert.match(json.reference, /^AN-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{3}$/);
    assert.equal((await c.rows()), before + 1);
  });

  test('20 parallel requests with one key give 1 row and the same 201 each time', async () => {
    const before = (await c.rows());
    const body = payload();
    const responses = await Promise.all(Array.from({ length: 20 }, () => post(c.base, body)));
    assert.deepEqual(responses.map((r) => r.status), Array(20).fill(201));
    const references = new Set(await Promise.all(responses.map(async (r) => (await r.json()).reference)));
    assert.equal(references.size, 1);
    assert.equal((await c.rows()), before + 1);
  });

  test('the same key with a different body gets 422', async () => {
    const body = payload();
    assert.equal((await post(c.base, body)).status, 201);
    const res = await post(c.base, { ...body, answers: { ...body.answers, overall: 1 } });
    assert.equal(res.status, 422);
  });

  test('an Idempotency-Key that is missing or differs from id gets 400', async () => {
    const body = payload();
    assert.equal((await post(c.base, body, { key: crypto.randomUUID() })).status, 400);
    const res = await fetch(`${c.base}/api/feedback`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(res.status, 400);
  });

  test('an invalid body gets 400 with the issues', async () => {
    const before = (await c.rows());
    const res = await post(c.base, payload({ station: 'Civil Lines', extra: 1 }));
    assert.equal(res.status, 400);
    const json = await res.json();
    assert.ok(json.issues.length >= 1);
    assert.equal((await c.rows()), before);
  });

  test('a 1 MiB body gets 413 and text/plain gets 415', async () => {
    const big = payload({ answers: { comment: 'x'.repeat(1024 * 1024) } });
    assert.equal((await post(c.base, big)).status, 413);
    const body = payload();
    const res = await post(c.base, JSON.stringify(body), { headers: { 'Content-Type': 'text/plain' } });
    assert.equal(res.status, 415);
  });

  test('a body with __proto__ is refused and pollutes nothing', async () => {
    const body = JSON.stringify(payload()).replace('"answers":{', '"answers":{"__proto__":{"polluted":1},');
    const res = await post(c.base, body, { key: JSON.parse(body).id });
    assert.equal(res.status, 400);
    assert.equal(({}).polluted, undefined);
  });

  test('an allowed origin gets CORS headers; a disallowed one gets none', async () => {
    const preflight = (origin) => raw(c.base, {
      method: 'OPTIONS', path: '/api/feedback',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,idempotency-key' },
    });
    const allowed = await preflight('https://bilaspur.example.gov.in');
    assert.equal(allowed.headers['access-control-allow-origin'], 'https://bilaspur.example.gov.in');
    assert.match(allowed.headers['access-control-allow-headers'], /Idempotency-Key/i);
    const denied = await preflight('https://evil.example.com');
    assert.equal(denied.headers['access-control-allow-origin'], undefined);
    const body = payload();
    const post2 = await raw(c.base, {
      method: 'POST', path: '/api/feedback', body: JSON.stringify(body),
      headers: { Origin: 'https://evil.example.com', 'Content-Type': 'application/json', 'Idempotency-Key': body.id },
    });
    assert.equal(post2.headers['access-control-allow-origin'], undefined);
  });

  test('a honeypot hit or a too-fast fill gets 202 and no row', async () => {
    const before = (await c.rows());
    const spam = (trap, fill) => ({ headers: { 'Anubhav-Trap': trap, 'Anubhav-Fill-Ms': String(fill) } });
    assert.equal((await post(c.base, payload(), spam('http%3A%2F%2Fspam.example', 40000))).status, 202);
    assert.equal((await post(c.base, payload(), spam('', 900))).status, 202);
    assert.equal((await c.rows()), before);
    assert.equal((await post(c.base, payload(), spam('', 40000))).status, 201);
    assert.equal((await c.rows()), before + 1);
  });

  test('admin routes without the right token get 401', async () => {
    for (const path of ['/api/feedback', '/api/feedback.csv']) {
      assert.equal((await fetch(c.base + path)).status, 401);
      assert.equal((await fetch(c.base + path, { headers: { Authorization: 'Bearer wrong-token-wrong-token' } })).status, 401);
      assert.equal((await fetch(c.base + path, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).status, 200);
    }
  });

  test('the JSON export leaves contacts out unless asked, and audits each one it sends', async () => {
    const named = payload({ anonymous: false, contact: { name: 'Sunita', mobile: '+91 98765 43210', callback: true } });
    const { reference } = await (await post(c.base, named)).json();
    const auth = { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } };
    const plain = (await (await fetch(`${c.base}/api/feedback?limit=1000`, auth)).json()).items.find((i) => i.id === named.id);
    assert.equal('contact' in plain, false);
    assert.equal(plain.anonymous, false);
    const { items } = await (await fetch(`${c.base}/api/feedback?limit=1000&contact=1`, auth)).json();
    assert.deepEqual(items.find((i) => i.id === named.id).contact, { name: 'Sunita', mobile: '9876543210', callback: true });
    const { entries } = await (await fetch(`${c.base}/api/audit`, auth)).json();
    assert.ok(entries.some((e) => e.action === 'export-contact' && e.reference === reference && e.who === 'admin token'));
  });

  test('a CSV cell starting with =, +, - or @ is neutralised', async () => {
    for (const comment of ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)']) {
      assert.equal((await post(c.base, payload({ answers: { ...payload().answers, comment } }))).status, 201);
    }
    const res = await fetch(`${c.base}/api/feedback.csv`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    assert.match(res.headers.get('content-type'), /^text\/csv/);
    const csv = await res.text();
    assert.ok(csv.includes(`"'=HYPERLINK(""http://evil.example"",""x"")"`));
    assert.ok(csv.includes("'+1+1"));
    assert.ok(csv.includes("'-2+3"));
    assert.ok(csv.includes("'@SUM(A1)"));
    assert.ok(!/(^|,)[=+@]/m.test(csv.replace(/^\uFEFF/, '')));
  });

  test('no raw IP address is stored', async () => {
    assert.equal((await dump(c.db)).includes('127.0.0.1'), false);
  });
});

describe('collector rate limit', () => {
  test('a burst from one client gets 429 with Retry-After', async () => {
    const c = await startCollector({ rateLimit: 5 });
    try {
      const statuses = [];
      let retryAfter;
      for (let i = 0; i < 8; i++) {
        const res = await post(c.base, payload());
        statuses.push(res.status);
        if (res.status === 429) retryAfter = res.headers.get('retry-after');
      }
      assert.deepEqual(statuses, [201, 201, 201, 201, 201, 429, 429, 429]);
      assert.match(retryAfter, /^\d+$/);
      assert.equal((await c.rows()), 5);
    } finally {
      await c.close();
    }
  });
});

describe('collector behind a reverse proxy', () => {
  test('with --trust-proxy, each client behind the proxy has its own rate limit', async () => {
    const c = await startCollector({ rateLimit: 2, trustProxy: ['127.0.0.1'] });
    try {
      const from = (ip) => ({ headers: { 'X-Forwarded-For': ip } });
      const statuses = [];
      for (const ip of ['203.0.113.1', '203.0.113.1', '203.0.113.1', '203.0.113.2', '203.0.113.2']) {
        statuses.push((await post(c.base, payload(), from(ip))).status);
      }
      assert.deepEqual(statuses, [201, 201, 429, 201, 201]);
      assert.equal((await dump(c.db)).includes('203.0.113'), false, 'no client address is stored');
    } finally {
      await c.close();
    }
  });
});

describe('collector process', () => {
  const bin = new URL('../dist/main.js', import.meta.url).pathname;

  function start(args, env = {}) {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const ready = new Promise((resolve, reject) => {
      child.stdout.on('data', () => {
        const m = out.match(/on http:\/\/127\.0\.0\.1:(\d+)/);
        if (m) resolve(`http://127.0.0.1:${m[1]}`);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    ready.catch(() => {}); // the refusal tests expect the exit
    return { child, ready, output: () => out };
  }

  test('a kill -9 right after a 201 loses nothing: the row is there after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anubhav-kill-'));
    const db = await newDb(dir, 'f');
    try {
      const first = start(['--port', '0', '--db', db, '--admin-token', ADMIN_TOKEN]);
      const base = await first.ready;
      assert.equal(first.output().includes(ADMIN_TOKEN), false, 'an operator-given token is never printed');
      const body = payload();
      const res = await post(base, body);
      assert.equal(res.status, 201);
      const { reference } = await res.json();
      first.child.kill('SIGKILL');
      await new Promise((r) => first.child.once('exit', r));

      assert.equal((await query(db, 'SELECT count(*) AS n FROM feedback WHERE idempotency_key = ?', [body.id]))[0].n, 1);

      const second = start(['--port', '0', '--db', db, '--admin-token', ADMIN_TOKEN]);
      const base2 = await second.ready;
      const replay = await post(base2, body);
      assert.equal(replay.status, 201);
      const list = await (await fetch(`${base2}/api/feedback`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).json();
      assert.equal(list.items.length, 1);
      assert.equal((await replay.json()).reference, reference, 'the replay after a restart gets the stored reference');
      assert.equal(list.items[0].reference, reference);
      second.child.kill('SIGTERM');
      await new Promise((r) => second.child.once('exit', r));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a token it makes for itself goes to a 0600 file beside the database when its output is a log, not to the log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anubhav-gen-'));
    try {
      const run = start(['--port', '0', '--db', join(dir, 'db', 'f.sqlite')], { ANUBHAV_ADMIN_TOKEN: '' });
      const base = await run.ready;
      const file = join(dir, 'db', 'admin-token.generated');
      for (let i = 0; i < 50 && !run.output().includes('Export:'); i++) await new Promise((r) => setTimeout(r, 20));
      const token = readFileSync(file, 'utf8').trim();
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.equal(run.output().includes(token), false, 'the token is not in the output');
      assert.ok(run.output().includes(`$(cat ${file})`));
      assert.equal((await fetch(`${base}/api/feedback`, { headers: { Authorization: `Bearer ${token}` } })).status, 200);
      run.child.kill('SIGTERM');
      await new Promise((r) => run.child.once('exit', r));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the export hint names where an operator-given token came from, and never prints it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anubhav-hint-'));
    try {
      for (const [args, env, hint] of [
        [['--admin-token', ADMIN_TOKEN], { ANUBHAV_ADMIN_TOKEN: '' }, '<your --admin-token>'],
        [[], { ANUBHAV_ADMIN_TOKEN: ADMIN_TOKEN }, '$ANUBHAV_ADMIN_TOKEN'],
      ]) {
        const run = start(['--port', '0', '--db', join(dir, 'f.sqlite'), ...args], env);
        await run.ready;
        for (let i = 0; i < 50 && !run.output().includes('Export:'); i++) await new Promise((r) => setTimeout(r, 20));
        assert.match(run.output(), new RegExp(`Export: curl -H "Authorization: Bearer ${hint.replace(/[$<>-]/g, '\\$&')}"`));
        assert.equal(run.output().includes(ADMIN_TOKEN), false);
        run.child.kill('SIGTERM');
        await new Promise((r) => run.child.once('exit', r));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const [args, message] of [
    [['--port', 'eighty'], /--port must be a whole number/],
    [['--origins', 'https://a.example.gov.in/path'], /must be an origin/],
    [['--admin-token', 'short'], /at least 16 characters/],
    [['--rate-limit', '0'], /--rate-limit must be a whole number/],
    [['--nonsense'], /Unknown option/],
    [['--static', '/no/such/folder'], /--static: "\/no\/such\/folder" is not a folder/],
  ]) {
    test(`refuses ${args.join(' ')} with a clear message`, async () => {
      const { child, output } = start(args);
      const code = await new Promise((r) => child.once('exit', r));
      assert.equal(code, 2);
      assert.match(output(), message);
    });
  }
});

describe('static files', () => {
  test('text goes brotli- or gzip-compressed as the browser accepts, and a changed file is sent anew', async () => {
    const { writeFileSync, utimesSync } = await import('node:fs');
    const { brotliDecompressSync, gunzipSync } = await import('node:zlib');
    const dir = mkdtempSync(join(tmpdir(), 'anubhav-static-'));
    const file = join(dir, 'page.js');
    writeFileSync(file, `export const words = ${JSON.stringify('नमस्ते '.repeat(400))};\n`);
    const c = await (await import('./support.mjs')).startCollectorInProcess({ staticDir: dir });
    try {
      const get = (encoding) => new Promise((resolve, reject) => {
        request(`${c.base}/page.js`, { headers: { 'accept-encoding': encoding } }, (res) => {
          const chunks = [];
          res.on('data', (d) => chunks.push(d));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        }).on('error', reject).end();
      });
      const br = await get('gzip, deflate, br');
      assert.equal(br.headers['content-encoding'], 'br');
      assert.match(br.headers.vary, /Accept-Encoding/);
      assert.deepEqual(brotliDecompressSync(br.body), readFileSync(file));
      const gz = await get('gzip');
      assert.equal(gz.headers['content-encoding'], 'gzip');
      assert.deepEqual(gunzipSync(gz.body), readFileSync(file));
      const plain = await get('identity');
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.deepEqual(plain.body, readFileSync(file));
      assert.ok(br.body.length < plain.body.length / 5, `${br.body.length} of ${plain.body.length} bytes`);
      // The copy kept compressed is dropped when the file changes.
      writeFileSync(file, 'export const words = "changed";\n');
      utimesSync(file, new Date(), new Date(Date.now() + 5000));
      assert.equal((await get('identity')).body.toString(), 'export const words = "changed";\n');
    } finally {
      await c.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
