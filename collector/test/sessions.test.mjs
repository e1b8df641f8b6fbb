// The console's session: a sign-in token exchanged for a cookie that is
// HttpOnly, SameSite=Strict and Secure behind HTTPS, ends after 12 hours
// idle or on sign-out, and needs its CSRF token for anything that changes
// state. The collector runs in this process, so that its clock can be
// moved on.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { buildCollector } from '../dist/index.js';
import { ADMIN_TOKEN, newDb, payload, post } from './support.mjs';
import { runBin, tempDir } from './process.mjs';

const HOUR = 3_600_000;

describe('console sessions', () => {
  let tmp;
  let collector;
  let base;
  let clock = Date.parse('2026-11-26T10:00:00Z');
  const tokens = {};
  let db;

  before(async () => {
    tmp = tempDir();
    db = await newDb(tmp.dir, 'f');
    for (const [key, args] of Object.entries({
      korba: ['--name', 'SP Korba', '--role', 'district', '--district', 'korba'],
      revoked: ['--name', 'Old SP', '--role', 'district', '--district', 'korba'],
    })) {
      const run = await runBin(['accounts', 'add', ...args, '--db', db]);
      tokens[key] = /^(anubhav_\S+)$/m.exec(run.stdout)[1];
    }
    collector = await buildCollector({
      host: '127.0.0.1', port: 0, db, origins: [], adminToken: ADMIN_TOKEN, rateLimit: 1000, minFillMs: 0, trustProxy: ['127.0.0.1'],
    }, { now: () => new Date(clock) });
    await collector.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${collector.app.server.address().port}`;
    for (const [station, district] of [['KRB-DARRI', 'korba'], ['BSP-CIVIL-LINES', 'bilaspur']]) {
      assert.equal((await post(base, payload({ station, district }))).status, 201);
    }
  });
  after(async () => {
    await collector.app.close();
    tmp.remove();
  });

  const signIn = (token, headers = {}) => fetch(`${base}/api/session`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ token }),
  });
  const cookieOf = (res) => res.headers.get('set-cookie').split(';')[0];
  const withCookie = (cookie, path = '/api/feedback', init = {}) =>
    fetch(`${base}${path}`, { ...init, headers: { Cookie: cookie, ...init.headers } });

  test('a token is exchanged for an HttpOnly, SameSite=Strict cookie and a CSRF token', async () => {
    const res = await signIn(tokens.korba);
    assert.equal(res.status, 200);
    const setCookie = res.headers.get('set-cookie');
    assert.match(setCookie, /^anubhav_session=[\w-]{32}; Path=\/; HttpOnly; SameSite=Strict$/);
    const body = await res.json();
    assert.deepEqual({ ...body, csrf: typeof body.csrf }, { name: 'SP Korba', role: 'district', districts: ['korba'], seesContact: true, csrf: 'string' });
    // The cookie opens the office routes, within the account's scope.
    const { items } = await (await withCookie(cookieOf(res))).json();
    assert.deepEqual(items.map((i) => i.district), ['korba']);
  });

  test('behind an HTTPS proxy the cookie is Secure', async () => {
    const res = await signIn(tokens.korba, { 'X-Forwarded-Proto': 'https' });
    assert.match(res.headers.get('set-cookie'), /; Secure/);
  });

  test('a wrong token gets 401 and no cookie; no token is a 400 with issues', async () => {
    const wrong = await signIn('anubhav_not-a-token-at-all-not-a-token');
    assert.equal(wrong.status, 401);
    assert.equal(wrong.headers.get('set-cookie'), null);
    const none = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    assert.equal(none.status, 400);
    assert.ok((await none.json()).issues.length);
  });

  test('signing out needs the CSRF token; then the cookie no longer works', async () => {
    const res = await signIn(tokens.korba);
    const cookie = cookieOf(res);
    const { csrf } = await res.json();
    assert.equal((await withCookie(cookie, '/api/session', { method: 'DELETE' })).status, 403, 'no CSRF token');
    assert.equal((await withCookie(cookie, '/api/session', { method: 'DELETE', headers: { 'X-CSRF-Token': 'forged' } })).status, 403);
    // A reloaded console gets the CSRF token again from GET.
    assert.equal((await (await withCookie(cookie, '/api/session')).json()).csrf, csrf);
    const out = await withCookie(cookie, '/api/session', { method: 'DELETE', headers: { 'X-CSRF-Token': csrf } });
    assert.equal(out.status, 204);
    assert.match(out.headers.get('set-cookie'), /anubhav_session=;/);
    assert.equal((await withCookie(cookie)).status, 401);
  });

  test('a session ends after 12 hours idle, and each request keeps it alive', async () => {
    const cookie = cookieOf(await signIn(tokens.korba));
    clock += 11 * HOUR;
    assert.equal((await withCookie(cookie)).status, 200);
    clock += 11 * HOUR;
    assert.equal((await withCookie(cookie)).status, 200, '22 hours after sign-in, but 11 since the last request');
    clock += 12 * HOUR + 60_000;
    assert.equal((await withCookie(cookie)).status, 401);
  });

  test('revoking an account ends its sessions at once', async () => {
    const cookie = cookieOf(await signIn(tokens.revoked));
    assert.equal((await withCookie(cookie)).status, 200);
    assert.equal((await runBin(['accounts', 'revoke', '2', '--db', db])).code, 0);
    assert.equal((await withCookie(cookie)).status, 401);
  });

  test('the admin token can sign in as the range, and its sessions end when the token changes', async () => {
    const res = await signIn(ADMIN_TOKEN);
    assert.equal((await res.json()).role, 'range');
    const cookie = cookieOf(res);
    const { items } = await (await withCookie(cookie)).json();
    assert.equal(items.length, 2);
    // The same database, served with a new admin token (rotated, or made anew at a restart).
    const rotated = await buildCollector({
      host: '127.0.0.1', port: 0, db, origins: [], adminToken: 'a-new-admin-token-0123456789', rateLimit: 1000, minFillMs: 0,
    }, { now: () => new Date(clock) });
    await rotated.app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const res2 = await fetch(`http://127.0.0.1:${rotated.app.server.address().port}/api/feedback`, { headers: { Cookie: cookie } });
      assert.equal(res2.status, 401);
    } finally {
      await rotated.app.close();
    }
  });
});
