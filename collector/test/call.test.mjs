// Responses recorded from a phone call (`source: "call"`), against the real
// bin: only a range or district caller may store one, a district caller
// only for its own district (the directory's, not the body's), and its case
// notes who took the call. A citizen's response needs no credentials, as
// before, and a citizen cannot pass one off as a recorded call.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FILL_HEADER } from '../../dist/core.js';
import { ADMIN_TOKEN, payload, post, startCollector, storedReference } from './support.mjs';
import { runBin } from './process.mjs';

const STATIONS = new URL('../../demo/stations.json', import.meta.url).pathname;
const call = (overrides) => payload({ source: 'call', ...overrides });

describe('responses recorded from a phone call', () => {
  let c;
  const tokens = {};
  before(async () => {
    c = await startCollector({ stations: STATIONS });
    for (const [key, args] of Object.entries({
      range: ['--name', 'IG feedback cell', '--role', 'range'],
      korba: ['--name', 'SP Korba', '--role', 'district', '--district', 'korba'],
      viewer: ['--name', 'Analyst', '--role', 'viewer'],
    })) {
      const run = await runBin(['accounts', 'add', ...args, '--db', c.db]);
      tokens[key] = /^(anubhav_\S+)$/m.exec(run.stdout)[1];
    }
  });
  after(() => c.close());

  const bearer = (token) => ({ Authorization: `Bearer ${token}` });
  /** The console's sign-in: its session cookie and CSRF token. */
  async function signIn(token) {
    const res = await fetch(`${c.base}/api/session`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }),
    });
    assert.equal(res.status, 200);
    return { cookie: res.headers.get('set-cookie').split(';')[0], csrf: (await res.json()).csrf };
  }
  const caseOf = async (reference) => (await fetch(`${c.base}/api/cases/${reference}`, { headers: bearer(ADMIN_TOKEN) })).json();

  /** Asserts a refusal (403 unless said) with a JSON reason, and that nothing was stored. */
  async function refused(res, body, message, status = 403) {
    assert.equal(res.status, status);
    const answer = await res.json();
    assert.deepEqual(Object.keys(answer).sort(), ['error', 'message']);
    assert.match(answer.message, message);
    assert.equal(await storedReference(c.db, body.id), undefined, 'nothing stored');
  }

  test('an anonymous call is refused 401 (as on every office route, so a console signs in again) and not stored', async () => {
    const rows = (await c.rows());
    const body = call();
    const res = await post(c.base, body);
    assert.equal(res.headers.get('www-authenticate'), 'Bearer');
    await refused(res, body, /source "call" is recorded by the IG office/, 401);
    const named = call({ anonymous: false, contact: { name: 'सुनीता वर्मा', mobile: '9876543210', callback: true } });
    await refused(await post(c.base, named, { headers: bearer('not-a-live-token-at-all') }), named, /range or district account/, 401);
    assert.equal((await c.rows()), rows);
  });

  test('a citizen\'s qr and web responses need no credentials, whatever headers they carry', async () => {
    for (const source of ['qr', 'web']) {
      assert.equal((await post(c.base, payload({ source }))).status, 201);
      assert.equal((await post(c.base, payload({ source }), { headers: bearer('not-a-live-token-at-all') })).status, 201);
    }
  });

  test('a range account signed in to the console records a call, and its case says who took it', async () => {
    const { cookie, csrf } = await signIn(tokens.range);
    const body = call({ station: 'KRB-DARRI', district: 'korba' });
    const res = await post(c.base, body, { headers: { Cookie: cookie, 'X-CSRF-Token': csrf } });
    assert.equal(res.status, 201);
    const { reference } = await res.json();
    const found = await caseOf(reference);
    assert.equal(found.source, 'call');
    assert.deepEqual(found.notes.map(({ author, text }) => ({ author, text })),
      [{ author: 'IG feedback cell', text: 'Recorded from a phone call by IG feedback cell' }]);
  });

  test('the session cookie without its CSRF token is refused', async () => {
    const { cookie } = await signIn(tokens.range);
    const body = call();
    const res = await post(c.base, body, { headers: { Cookie: cookie } });
    assert.equal(res.status, 403);
    assert.equal((await res.json()).error, 'csrf');
    assert.equal(await storedReference(c.db, body.id), undefined);
  });

  test('a district account records calls for its own district only, by the directory\'s district', async () => {
    const own = call({ station: 'KRB-DARRI', district: 'korba' });
    assert.equal((await post(c.base, own, { headers: bearer(tokens.korba) })).status, 201);
    const other = call({ station: 'BSP-CIVIL-LINES', district: 'bilaspur' });
    await refused(await post(c.base, other, { headers: bearer(tokens.korba) }), other, /district "bilaspur"/);
    // The body naming the caller's own district changes nothing: the station is Bilaspur's.
    const claimed = call({ station: 'BSP-CIVIL-LINES', district: 'korba' });
    await refused(await post(c.base, claimed, { headers: bearer(tokens.korba) }), claimed, /district "bilaspur"/);
  });

  test('a viewer cannot record a call', async () => {
    const body = call();
    await refused(await post(c.base, body, { headers: bearer(tokens.viewer) }), body, /viewer account cannot record calls/);
  });

  test('the admin token records a call as a bearer, and a fast fill does not discard it', async () => {
    const body = call();
    const res = await post(c.base, body, { headers: { ...bearer(ADMIN_TOKEN), [FILL_HEADER]: '500' } });
    assert.equal(res.status, 201);
    const { reference } = await res.json();
    assert.equal(await storedReference(c.db, body.id), reference);
    assert.equal((await caseOf(reference)).notes[0].text, 'Recorded from a phone call by admin token');
  });

  test('a replay of a recorded call answers from the stored row and adds no second note', async () => {
    const body = call();
    const first = await (await post(c.base, body, { headers: bearer(tokens.range) })).json();
    const again = await post(c.base, body, { headers: bearer(tokens.range) });
    assert.equal(again.status, 201);
    assert.deepEqual(await again.json(), first);
    assert.equal((await caseOf(first.reference)).notes.length, 1);
    // Without credentials even a replay is refused: only the office learns a call's id is taken.
    assert.equal((await post(c.base, body)).status, 401);
    const changed = { ...body, answers: { ...body.answers, overall: 1 } };
    assert.equal((await post(c.base, changed, { headers: bearer(tokens.range) })).status, 422);
  });
});
