// The privacy duties: a contact is erased automatically the retention
// period after its case is closed (tested with an injected clock), and on
// request with `anubhav-collector erase REFERENCE`; both are audited.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { buildCollector, redactContact } from '../dist/index.js';
import { ADMIN_TOKEN, newDb, payload, post } from './support.mjs';
import { runBin, tempDir } from './process.mjs';

const DAY = 86_400_000;
const named = (name) => payload({ station: 'KRB-DARRI', district: 'korba', anonymous: false, contact: { name, mobile: '9876543210', callback: false } });

describe('contact retention', () => {
  let tmp;
  let collector;
  let base;
  let clock = Date.parse('2026-01-01T10:00:00Z');
  before(async () => {
    tmp = tempDir();
    collector = await buildCollector({
      host: '127.0.0.1', port: 0, db: await newDb(tmp.dir, 'f'), origins: [], adminToken: ADMIN_TOKEN, rateLimit: 1000, minFillMs: 0,
      contactRetentionDays: 30,
    }, { now: () => new Date(clock) });
    await collector.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${collector.app.server.address().port}`;
  });
  after(async () => {
    await collector.app.close();
    tmp.remove();
  });

  const call = (path, method = 'GET', body) => fetch(`${base}${path}`, {
    method, headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const reference = async (body) => (await (await post(base, body)).json()).reference;
  const hasContact = async (ref) => (await (await call(`/api/cases/${ref}`)).json()).hasContact;

  test('erases a contact the retention period after its case is closed, and not before; open cases keep theirs', async () => {
    const closed = await reference(named('बंद मामला'));
    const open = await reference(named('खुला मामला'));
    assert.equal((await call(`/api/cases/${closed}`, 'PATCH', { status: 'closed' })).status, 200);

    clock += 29 * DAY;
    assert.equal(await collector.sweep(), 0, 'day 29: kept');
    assert.equal(await hasContact(closed), true);

    clock += 2 * DAY;
    assert.equal(await collector.sweep(), 1, 'day 31: erased');
    assert.equal(await hasContact(closed), false);
    assert.equal(await hasContact(open), true, 'an open case keeps its contact, however old');
    assert.equal(await collector.sweep(), 0, 'once');

    const { entries } = await (await call('/api/audit')).json();
    assert.equal(entries[0].action, 'retention-erase');
    assert.equal(entries[0].reference, closed);
    assert.match(entries[0].who, /retention \(30 days\)/);
  });

  test('reopening a case stops its clock; closing it again starts a new one', async () => {
    const ref = await reference(named('फिर से खोला'));
    await call(`/api/cases/${ref}`, 'PATCH', { status: 'closed' });
    clock += 20 * DAY;
    await call(`/api/cases/${ref}`, 'PATCH', { status: 'in-progress' });
    clock += 20 * DAY;
    assert.equal(await collector.sweep(), 0);
    await call(`/api/cases/${ref}`, 'PATCH', { status: 'closed' });
    clock += 29 * DAY;
    assert.equal(await collector.sweep(), 0);
    clock += 2 * DAY;
    assert.equal(await collector.sweep(), 1);
  });
});

describe('anubhav-collector erase', () => {
  test('erases one case\'s contact for good, keeps its answers, audits it, and refuses what it cannot do', async () => {
    const tmp = tempDir();
    const db = await newDb(tmp.dir, 'f');
    const collector = await buildCollector({ host: '127.0.0.1', port: 0, db, origins: [], adminToken: ADMIN_TOKEN, rateLimit: 1000, minFillMs: 0 });
    try {
      await collector.app.listen({ host: '127.0.0.1', port: 0 });
      const base = `http://127.0.0.1:${collector.app.server.address().port}`;
      const ref = (await (await post(base, named('मिटाने का अनुरोध'))).json()).reference;
      const run = await runBin(['erase', ref.toLowerCase(), '--db', db]);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /Erased the name and mobile number/);
      const read = await (await fetch(`${base}/api/cases/${ref}`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).json();
      assert.equal(read.hasContact, false);
      assert.equal(read.answers.overall, 4);
      const { entries } = await (await fetch(`${base}/api/audit`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).json();
      assert.deepEqual([entries[0].who, entries[0].action, entries[0].reference], ['command line', 'erase-contact', ref]);
      for (const [args, message] of [[[ref], /already erased/], [['AN-0000-000'], /no case/], [[], /needs one reference/]]) {
        const refused = await runBin(['erase', ...args, '--db', db]);
        assert.equal(refused.code, 2);
        assert.match(refused.stderr, message);
      }
    } finally {
      await collector.app.close();
      tmp.remove();
    }
  });
});

describe('an erased contact is taken out of notes and the assignee', () => {
  const contact = { name: 'Ramesh Kumar', mobile: '9876543210' };
  for (const [text, expected] of [
    ['Called Ramesh Kumar on 98765 43210.', 'Called [erased] on [erased].'],
    ['called ramesh; SHO to meet Kumar ji', 'called [erased]; SHO to meet [erased] ji'],
    ['Rameshwar Prasad, the SHO, will call', 'Rameshwar Prasad, the SHO, will call'],
    ['ring +91-98765.43210 or 098765/43210', 'ring [erased] or [erased]'],
    ['मोबाइल ९८७६५ ४३२१० पर बात हुई', 'मोबाइल [erased] पर बात हुई'],
    ['case 9876543211 is another number', 'case 9876543211 is another number'],
  ]) {
    test(JSON.stringify(text), () => assert.equal(redactContact(text, contact), expected));
  }
  test('a Hindi name, whole and in parts, and a hostile name is only text', () => {
    assert.equal(redactContact('सुनीता  वर्मा से बात की; सुनीता जी संतुष्ट', { name: 'सुनीता वर्मा' }), '[erased] से बात की; [erased] जी संतुष्ट');
    assert.equal(redactContact('a (b)+ c and .* stays', { name: '(b)+' }), 'a [erased] c and .* stays');
  });
});
