// Cases against the real bin: the inbox order, triage, notes, the audited
// contact view and erasure, the audit log, and scope on every case route:
// another district's reference answers exactly as one that does not exist.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_TOKEN, dump, payload, post, query, startCollector } from './support.mjs';
import { runBin } from './process.mjs';

describe('cases', () => {
  let c;
  const tokens = {};
  const refs = {};
  let namedBody;
  before(async () => {
    c = await startCollector();
    for (const [key, args] of Object.entries({
      korba: ['--name', 'SP Korba', '--role', 'district', '--district', 'korba'],
      bilaspur: ['--name', 'SP Bilaspur', '--role', 'district', '--district', 'bilaspur'],
      viewer: ['--name', 'Analyst', '--role', 'viewer'],
    })) {
      const run = await runBin(['accounts', 'add', ...args, '--db', c.db]);
      tokens[key] = /^(anubhav_\S+)$/m.exec(run.stdout)[1];
    }
    const answers = (extra) => ({ purpose: 'complaint', staffBehaviour: 4, moneyDemanded: 'no', overall: 4, ...extra });
    const send = async (name, overrides) => {
      const res = await post(c.base, payload(overrides));
      assert.equal(res.status, 201);
      refs[name] = (await res.json()).reference;
    };
    await send('plain', { station: 'KRB-DARRI', district: 'korba' });
    await send('money', { station: 'KRB-DARRI', district: 'korba', answers: answers({ moneyDemanded: 'yes', moneyDetail: '₹500 for the FIR' }) });
    namedBody = payload({ station: 'KRB-DARRI', district: 'korba', answers: answers({ overall: 1, resolved: 'no' }),
      anonymous: false, contact: { name: 'सुनीता वर्मा', mobile: '9876543210', callback: true } });
    const named = await post(c.base, namedBody);
    assert.equal(named.status, 201);
    refs.named = (await named.json()).reference;
    await send('bilaspur', { station: 'BSP-CIVIL-LINES', district: 'bilaspur', answers: answers({ moneyDemanded: 'yes' }) });
  });
  after(() => c.close());

  const call = (token, path, method = 'GET', body) => fetch(`${c.base}${path}`, {
    method, headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

  test('the inbox puts money demanded first, then the newest, with flags', async () => {
    const { items } = await (await call(ADMIN_TOKEN, '/api/cases')).json();
    assert.deepEqual(items.map((i) => i.reference), [refs.bilaspur, refs.money, refs.named, refs.plain]);
    assert.deepEqual(items.find((i) => i.reference === refs.named).flags, ['lowRating', 'callback', 'unresolved']);
    assert.deepEqual(items.find((i) => i.reference === refs.money).flags, ['money']);
    // Paged one at a time, the order and the set are the same.
    const paged = [];
    for (let cursor = ''; ;) {
      const page = await (await call(ADMIN_TOKEN, `/api/cases?limit=1${cursor}`)).json();
      paged.push(...page.items.map((i) => i.reference));
      if (!page.next) break;
      cursor = `&cursor=${page.next}`;
    }
    assert.deepEqual(paged, items.map((i) => i.reference));
  });

  test('a district account\'s inbox holds its district only, filtered or not', async () => {
    for (const query of ['', '?flag=money', '?district=bilaspur', '?station=BSP-CIVIL-LINES', '?status=new']) {
      const { items } = await (await call(tokens.korba, `/api/cases${query}`)).json();
      assert.ok(items.every((i) => i.district === 'korba'), `${query}: ${JSON.stringify(items)}`);
      assert.ok(!items.some((i) => i.reference === refs.bilaspur));
    }
  });

  test('another district\'s case answers 404 on every case route, as a reference that does not exist', async () => {
    for (const [method, suffix, body] of [['GET', ''], ['PATCH', '', { status: 'closed' }], ['POST', '/notes', { text: 'x' }], ['POST', '/contact'], ['POST', '/erase']]) {
      for (const ref of [refs.bilaspur, 'AN-0000-000']) {
        const res = await call(tokens.korba, `/api/cases/${ref}${suffix}`, method, body);
        assert.equal(res.status, 404, `${method} ${suffix} for ${ref}`);
        assert.deepEqual(await res.json(), { error: 'not found', message: 'no case with that reference' });
      }
    }
    const untouched = await (await call(tokens.bilaspur, `/api/cases/${refs.bilaspur}`)).json();
    assert.equal(untouched.status, 'new');
    assert.deepEqual(untouched.notes, []);
  });

  test('triage: status, assignee and append-only notes with author and time; closing stamps the time', async () => {
    let res = await call(tokens.korba, `/api/cases/${refs.named}`, 'PATCH', { status: 'in-progress', assignee: 'SI Sharma' });
    assert.equal(res.status, 200);
    res = await call(tokens.korba, `/api/cases/${refs.named}/notes`, 'POST', { text: 'नागरिक से बात की' });
    assert.equal(res.status, 201);
    res = await call(tokens.korba, `/api/cases/${refs.named.toLowerCase().replace(/-/g, ' ')}`, 'PATCH', { status: 'closed' });
    const closed = await res.json();
    assert.equal(closed.status, 'closed');
    assert.equal(closed.assignee, 'SI Sharma');
    assert.ok(closed.closedAt);
    assert.deepEqual(closed.notes.map((n) => [n.author, n.text]), [['SP Korba', 'नागरिक से बात की']]);
    assert.ok(Date.parse(closed.notes[0].at));
    assert.equal('contact' in closed, false, 'a case read never carries the contact');
    assert.equal(closed.hasContact, true);
    const bad = await call(tokens.korba, `/api/cases/${refs.named}`, 'PATCH', { status: 'done' });
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).issues[0].path, 'status');
  });

  test('a viewer reads cases but cannot act on them or see a contact', async () => {
    assert.equal((await call(tokens.viewer, `/api/cases/${refs.named}`)).status, 200);
    for (const [method, suffix, body] of [['PATCH', '', { status: 'new' }], ['POST', '/notes', { text: 'x' }], ['POST', '/contact'], ['POST', '/erase']]) {
      assert.equal((await call(tokens.viewer, `/api/cases/${refs.named}${suffix}`, method, body)).status, 403, `${method} ${suffix}`);
    }
  });

  test('a viewer reads notes and the assignee with the contact taken out; an office that may see contacts reads them as written', async () => {
    const body = payload({ station: 'KRB-DARRI', district: 'korba', anonymous: false, contact: { name: 'Kamla Bai', mobile: '9123456780', callback: true } });
    const res = await post(c.base, body);
    const { reference } = await res.json();
    await call(tokens.korba, `/api/cases/${reference}/notes`, 'POST', { text: 'Spoke to Kamla Bai on 91234 56780.' });
    await call(tokens.korba, `/api/cases/${reference}`, 'PATCH', { assignee: 'HC Sharma (Kamla Bai)' });
    const viewed = await (await call(tokens.viewer, `/api/cases/${reference}`)).json();
    assert.equal(viewed.notes[0].text, 'Spoke to [erased] on [erased].');
    assert.equal(viewed.assignee, 'HC Sharma ([erased])');
    const office = await (await call(tokens.korba, `/api/cases/${reference}`)).json();
    assert.equal(office.notes[0].text, 'Spoke to Kamla Bai on 91234 56780.');
  });

  test('showing a contact is audited; erasing it removes name and mobile for good, keeps the answers, and is audited', async () => {
    const shown = await call(tokens.korba, `/api/cases/${refs.named}/contact`, 'POST');
    assert.equal(shown.status, 200);
    assert.deepEqual((await shown.json()).contact, { name: 'सुनीता वर्मा', mobile: '9876543210', callback: true });
    // Staff wrote the name and number into a note and the assignee: they go too.
    assert.equal((await call(tokens.korba, `/api/cases/${refs.named}/notes`, 'POST', { text: 'Called सुनीता  वर्मा on +91 98765-43210; she confirmed.' })).status, 201);
    assert.equal((await call(tokens.korba, `/api/cases/${refs.named}`, 'PATCH', { assignee: 'SHO Darri (ring 098765 43210)' })).status, 200);
    const erased = await call(tokens.korba, `/api/cases/${refs.named}/erase`, 'POST');
    assert.equal(erased.status, 200);
    const after = await erased.json();
    assert.equal(after.notes.at(-1).text, 'Called [erased] on [erased]; she confirmed.');
    assert.equal(after.assignee, 'SHO Darri (ring [erased])');
    assert.equal(after.hasContact, false);
    assert.ok(after.contactErasedAt);
    assert.equal(after.answers.overall, 1, 'the answers stay');
    assert.equal((await call(tokens.korba, `/api/cases/${refs.named}/contact`, 'POST')).status, 404);
    // The stored hash of the body went with the contact: the citizen's own retry is still a replay with its reference.
    const [{ body_hash: hash }] = await query(c.db, 'SELECT body_hash FROM feedback WHERE reference = ?', [refs.named]);
    assert.doesNotMatch(hash, /^[0-9a-f]{64}$/, 'no hash of the erased body, which would confirm a guessed mobile');
    const replay = await post(c.base, namedBody);
    assert.equal(replay.status, 201);
    assert.equal((await replay.json()).reference, refs.named);
    assert.equal((await call(tokens.korba, `/api/cases/${refs.named}/erase`, 'POST')).status, 409);
    // Gone from the exports, and from the database itself: on SQLite the
    // file (secure_delete, WAL included); on PostgreSQL every table's rows
    // (old row versions wait for VACUUM: see docs/operating.md).
    const csv = await (await call(ADMIN_TOKEN, '/api/feedback.csv')).text();
    assert.ok(!csv.includes('9876543210') && !csv.includes('सुनीता'));
    const { entries } = await (await call(ADMIN_TOKEN, '/api/audit')).json();
    assert.deepEqual(entries.slice(0, 2).map((e) => [e.who, e.action, e.reference]),
      [['SP Korba', 'erase-contact', refs.named], ['SP Korba', 'show-contact', refs.named]]);
    const held = await dump(c.db);
    assert.equal(held.includes('9876543210') || held.includes(Buffer.from('सुनीता').toString('latin1')) || held.includes('सुनीता'), false,
      'the database still holds the contact');
  });

  test('the audit log is for the range only', async () => {
    assert.equal((await call(tokens.korba, '/api/audit')).status, 403);
    assert.equal((await call(tokens.viewer, '/api/audit')).status, 403);
    assert.equal((await call(ADMIN_TOKEN, '/api/audit')).status, 200);
  });
});
