// Office accounts and their scope, against the real bin: accounts are made
// with `anubhav-collector accounts`, and each route answers only within the
// caller's districts, with contact data for the roles that may see it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_TOKEN, dump, newDb, payload, post, startCollector } from './support.mjs';
import { runBin, tempDir } from './process.mjs';

/** Runs `accounts …` on `db`; resolves to its exit code and output. */
const accounts = (db, ...args) => runBin(['accounts', ...args, '--db', db]);
const tokenIn = (output) => /^(anubhav_[A-Za-z0-9_-]{32})$/m.exec(output)?.[1];

describe('anubhav-collector accounts', () => {
  let tmp;
  before(() => (tmp = tempDir()));
  after(() => tmp.remove());

  test('add prints a token once and stores only its hash; list and revoke', async () => {
    const db = await newDb(tmp.dir, 'a');
    const added = await accounts(db, 'add', '--name', 'SP Korba', '--role', 'district', '--district', 'korba');
    assert.equal(added.code, 0, added.stderr);
    const token = tokenIn(added.stdout);
    assert.ok(token, added.stdout);
    assert.equal((await dump(db)).includes(token), false, 'the token itself is not in the database');
    const listed = await accounts(db, 'list');
    assert.match(listed.stdout, /1\s+district\s+SP Korba\s+\(korba\)/);
    assert.equal(listed.stdout.includes(token), false);
    assert.equal((await accounts(db, 'revoke', '1')).code, 0);
    assert.match((await accounts(db, 'list')).stdout, /revoked/);
    assert.equal((await accounts(db, 'revoke', '1')).code, 2, 'a second revoke says there is no live account');
  });

  for (const [what, args, message] of [
    ['a district account without --district', ['add', '--name', 'X', '--role', 'district'], /needs --district/],
    ['an unknown role', ['add', '--name', 'X', '--role', 'admin'], /--role range, district, viewer/],
    ['a range account with a district', ['add', '--name', 'X', '--role', 'range', '--district', 'korba'], /leave out --district/],
    ['a district id with spaces', ['add', '--name', 'X', '--role', 'district', '--district', 'kor ba'], /not a district id/],
    ['no name', ['add', '--role', 'range'], /needs --name/],
    ['an unknown command', ['delete'], /no command "delete"/],
  ]) {
    test(`refuses ${what} with exit 2`, async () => {
      const run = await accounts(join(tmp.dir, 'b.sqlite'), ...args);
      assert.equal(run.code, 2);
      assert.match(run.stderr, message);
    });
  }
});

describe('scope on every office route', () => {
  let c;
  const tokens = {};
  const ids = { bilaspur: [], korba: [] };
  before(async () => {
    c = await startCollector();
    for (const [key, args] of Object.entries({
      range: ['--name', 'IG office', '--role', 'range'],
      korba: ['--name', 'SP Korba', '--role', 'district', '--district', 'korba'],
      viewer: ['--name', 'Analyst', '--role', 'viewer'],
      revoked: ['--name', 'Old SP', '--role', 'district', '--district', 'korba'],
    })) {
      const run = await accounts(c.db, 'add', ...args);
      assert.equal(run.code, 0, run.stderr);
      tokens[key] = tokenIn(run.stdout);
    }
    assert.equal((await accounts(c.db, 'revoke', '4')).code, 0);
    for (const [district, station] of [['bilaspur', 'BSP-CIVIL-LINES'], ['korba', 'KRB-DARRI']]) {
      for (const anonymous of [true, false]) {
        const body = payload({ station, district, ...(anonymous ? {} : { anonymous: false, contact: { name: `Citizen of ${district}`, mobile: '9876543210', callback: true } }) });
        ids[district].push(body.id);
        assert.equal((await post(c.base, body)).status, 201);
      }
    }
  });
  after(() => c.close());

  const get = (path, token) => fetch(`${c.base}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const items = async (path, token) => (await (await get(path, token)).json()).items;

  test('a district account sees only its district in the JSON export, whatever it asks for', async () => {
    assert.deepEqual((await items('/api/feedback', tokens.korba)).map((i) => i.id), ids.korba);
    for (const guess of ['?district=bilaspur', '?station=BSP-CIVIL-LINES', '?district=bilaspur&station=BSP-CIVIL-LINES', '?cursor=0&limit=1000']) {
      const seen = await items(`/api/feedback${guess}`, tokens.korba);
      assert.ok(seen.every((i) => i.district === 'korba'), `${guess}: ${seen.map((i) => i.district)}`);
    }
  });

  test('a district account sees only its district in the CSV export', async () => {
    const csv = await (await get('/api/feedback.csv', tokens.korba)).text();
    const lines = csv.trim().split('\r\n').slice(1);
    assert.equal(lines.length, ids.korba.length);
    assert.ok(ids.bilaspur.every((id) => !csv.includes(id)));
    assert.ok(!csv.includes('Citizen of bilaspur'));
    const guessed = await (await get('/api/feedback.csv?district=bilaspur', tokens.korba)).text();
    assert.equal(guessed.trim().split('\r\n').length, 1, 'only the header');
  });

  test('a district account cannot read the range-wide metrics', async () => {
    assert.equal((await get('/metrics', tokens.korba)).status, 403);
    assert.equal((await get('/metrics', tokens.viewer)).status, 403);
    assert.equal((await get('/metrics', tokens.range)).status, 200);
    assert.equal((await get('/metrics', ADMIN_TOKEN)).status, 200);
  });

  test('a viewer sees every district but never a name or a mobile number', async () => {
    const seen = await items('/api/feedback?limit=1000', tokens.viewer);
    assert.equal(seen.length, 4);
    assert.ok(seen.every((i) => !('contact' in i)));
    const csv = await (await get('/api/feedback.csv', tokens.viewer)).text();
    assert.ok(!csv.includes('Citizen of') && !csv.includes('9876543210'), csv);
    // Asking for contacts is refused outright.
    assert.equal((await get('/api/feedback?contact=1', tokens.viewer)).status, 403);
    assert.equal((await get('/api/feedback.csv?contact=1', tokens.viewer)).status, 403);
  });

  test('range accounts and the admin token see everything, contact included when asked for', async () => {
    for (const token of [tokens.range, ADMIN_TOKEN]) {
      const seen = await items('/api/feedback?limit=1000&contact=1', token);
      assert.equal(seen.length, 4);
      assert.equal(seen.filter((i) => i.contact?.name?.startsWith('Citizen of')).length, 2);
    }
  });

  test('a revoked token, a made-up one or none gets 401 on every office route', async () => {
    for (const path of ['/api/feedback', '/api/feedback.csv', '/metrics']) {
      for (const token of [tokens.revoked, 'anubhav_madeupmadeupmadeupmadeupmadeupma', undefined]) {
        assert.equal((await get(path, token)).status, 401, `${path} with ${token}`);
      }
    }
  });
});
