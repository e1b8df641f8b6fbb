// What the collector refuses, and how it says so: answers checked against
// the question set the payload names, stations against the directory, the
// time a response says it was written, strict UTF-8, and an `issues` list
// on every 400. Against the real collector over loopback; row counts come
// from the SQLite file.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newDb, payload, post, startCollector } from './support.mjs';

const answers = (extra = {}) => ({ ...payload().answers, ...extra });

/** POSTs and expects a 400 whose issues name `path`; nothing is stored. */
async function refused(c, body, path, init) {
  const before = (await c.rows());
  const res = await post(c.base, body, init);
  assert.equal(res.status, 400, `expected 400 for ${path}`);
  const json = await res.json();
  assert.ok(Array.isArray(json.issues) && json.issues.length > 0, 'a 400 carries issues');
  assert.ok(json.issues.some((i) => i.path === path), `an issue names ${path}: ${JSON.stringify(json.issues)}`);
  assert.equal((await c.rows()), before);
  return json;
}

describe('answers are checked against the default set (default@1)', () => {
  let c;
  before(async () => (c = await startCollector()));
  after(() => c.close());

  test('a payload without questionSet is checked as default@1 and stored', async () => {
    assert.equal((await post(c.base, payload())).status, 201);
    assert.equal((await post(c.base, payload({ questionSet: 'default@1' }))).status, 201);
  });

  test('an unknown question id is refused: a client cannot invent export columns', async () => {
    await refused(c, payload({ answers: answers({ inventedKey1: 'x' }) }), 'answers.inventedKey1');
  });

  test('a rating outside 1-5 is refused', async () => {
    for (const bad of [0, 6, 1000]) await refused(c, payload({ answers: answers({ overall: bad }) }), 'answers.overall');
  });

  test('a wrong type is refused', async () => {
    await refused(c, payload({ answers: answers({ staffBehaviour: 'good' }) }), 'answers.staffBehaviour');
    await refused(c, payload({ answers: answers({ comment: 5 }) }), 'answers.comment');
    await refused(c, payload({ answers: answers({ visitDate: 'yesterday' }) }), 'answers.visitDate');
  });

  test('an unknown choice value is refused', async () => {
    await refused(c, payload({ answers: answers({ purpose: 'bribe' }) }), 'answers.purpose');
  });

  test('an answer to a question that was hidden is refused', async () => {
    // moneyDetail shows only when moneyDemanded is "yes".
    await refused(c, payload({ answers: answers({ moneyDemanded: 'no', moneyDetail: 'x' }) }), 'answers.moneyDetail');
    assert.equal((await post(c.base, payload({ answers: answers({ moneyDemanded: 'yes', moneyDetail: 'x' }) }))).status, 201);
  });

  test('a required question left out is refused', async () => {
    const { overall, ...rest } = answers();
    assert.equal(overall, 4);
    await refused(c, payload({ answers: rest }), 'answers.overall');
  });

  test('a text over its question\'s cap is refused', async () => {
    await refused(c, payload({ answers: answers({ officer: 'x'.repeat(101) }) }), 'answers.officer');
  });

  test('an unknown question set is refused, naming the ones accepted', async () => {
    const json = await refused(c, payload({ questionSet: 'survey@3' }), 'questionSet');
    assert.match(json.issues.find((i) => i.path === 'questionSet').message, /default@1/);
  });

  test('a createdAt more than 10 minutes ahead is refused; 5 minutes ahead (a drifting phone) is not', async () => {
    await refused(c, payload({ createdAt: new Date(Date.now() + 11 * 60_000).toISOString() }), 'createdAt');
    assert.equal((await post(c.base, payload({ createdAt: new Date(Date.now() + 5 * 60_000).toISOString() }))).status, 201);
  });

  test('a createdAt older than the outbox keeps a response (7 days) is refused; 6 days old is not', async () => {
    await refused(c, payload({ createdAt: new Date(Date.now() - 8 * 86_400_000).toISOString() }), 'createdAt');
    assert.equal((await post(c.base, payload({ createdAt: new Date(Date.now() - 6 * 86_400_000).toISOString() }))).status, 201);
  });
});

describe('texts must be text', () => {
  let c;
  before(async () => (c = await startCollector()));
  after(() => c.close());

  test('a lone surrogate sent as a JSON escape is refused', async () => {
    const body = payload({ answers: answers({ comment: 'PLACEHOLDER' }) });
    const text = JSON.stringify(body).replace('PLACEHOLDER', 'ok \\ud800 ok');
    const before = (await c.rows());
    const res = await post(c.base, text, { key: body.id });
    assert.equal(res.status, 400);
    assert.ok((await res.json()).issues.length > 0);
    assert.equal((await c.rows()), before);
  });

  test('a backslash a citizen typed is just text', async () => {
    assert.equal((await post(c.base, payload({ answers: answers({ comment: 'C:\\ud800 and \\ and "quotes"' }) }))).status, 201);
  });
});

describe('a replay is answered from what is stored, whatever changed since', () => {
  test('after the collector stops accepting the set, the retry still gets its 201 and reference', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anubhav-replay-'));
    try {
      writeFileSync(join(dir, 'survey.json'), JSON.stringify({ id: 'survey', version: 1, questions: [
        { id: 'clean', type: 'rating', required: true, label: { hi: 'सफ़ाई', en: 'Cleanliness' } }] }));
      const db = await newDb(dir, 'f');
      const body = payload({ questionSet: 'survey@1', answers: { clean: 4 } });
      const first = await startCollector({ db, questions: [join(dir, 'survey.json')] });
      const { reference } = await (await post(first.base, body)).json();
      await first.close();
      const second = await startCollector({ db });
      try {
        const res = await post(second.base, body);
        assert.equal(res.status, 201);
        assert.equal((await res.json()).reference, reference);
        // A new response to the retired set is refused.
        assert.equal((await post(second.base, payload({ questionSet: 'survey@1', answers: { clean: 4 } }))).status, 400);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('every 400 carries issues', () => {
  let c;
  before(async () => (c = await startCollector()));
  after(() => c.close());

  const cases = [
    ['invalid JSON', () => '{"schema": ', undefined],
    ['an empty body', () => '', undefined],
    ['a __proto__ key', () => JSON.stringify(payload()).replace('"answers":{', '"answers":{"__proto__":{"polluted":1},'), undefined],
    ['a constructor.prototype key', () => JSON.stringify({ ...payload(), constructor: { prototype: { polluted: 1 } } }), undefined],
    ['a missing Idempotency-Key', () => JSON.stringify(payload()), ''],
    ['a different Idempotency-Key', () => JSON.stringify(payload()), crypto.randomUUID()],
    ['a schema failure', () => JSON.stringify(payload({ station: 'Civil Lines' })), undefined],
  ];
  for (const [what, body, key] of cases) {
    test(`${what}: 400 with issues and a message`, async () => {
      const text = body();
      let id;
      try {
        id = JSON.parse(text).id;
      } catch {
        id = crypto.randomUUID();
      }
      const headers = { 'Content-Type': 'application/json' };
      if (key !== '') headers['Idempotency-Key'] = key ?? id ?? crypto.randomUUID();
      const res = await fetch(`${c.base}/api/feedback`, { method: 'POST', headers, body: text });
      assert.equal(res.status, 400);
      const json = await res.json();
      assert.equal(typeof json.message, 'string');
      assert.ok(Array.isArray(json.issues) && json.issues.length > 0, JSON.stringify(json));
      assert.equal(({}).polluted, undefined);
    });
  }

  test('invalid UTF-8 is a 400, not silently replaced', async () => {
    const before = (await c.rows());
    const body = payload({ answers: answers({ comment: 'PLACEHOLDER' }) });
    const text = JSON.stringify(body);
    const [head, tail] = text.split('PLACEHOLDER');
    // "थान" and then "ा" cut after its first two bytes, then a byte UTF-8 never uses.
    const bytes = Buffer.concat([Buffer.from(head), Buffer.from('थान'), Buffer.from([0xe0, 0xa4]), Buffer.from([0xff]), Buffer.from(tail)]);
    const res = await fetch(`${c.base}/api/feedback`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': body.id }, body: bytes,
    });
    assert.equal(res.status, 400);
    const json = await res.json();
    assert.match(json.message, /UTF-8/);
    assert.ok(json.issues.length > 0);
    assert.equal((await c.rows()), before);
  });
});

describe('with --questions and --stations', () => {
  let c;
  let dir;
  const survey = {
    id: 'cleanliness', version: 2, questions: [
      { id: 'clean', type: 'rating', required: true, label: { hi: 'सफ़ाई', en: 'Cleanliness' } },
      { id: 'waited', type: 'choice', label: { hi: 'इंतज़ार', en: 'Did you wait?' }, options: [
        { value: 'yes', label: { hi: 'हाँ', en: 'Yes' } }, { value: 'no', label: { hi: 'नहीं', en: 'No' } }] },
    ],
  };
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'anubhav-catalog-'));
    writeFileSync(join(dir, 'survey.json'), JSON.stringify(survey));
    writeFileSync(join(dir, 'stations.csv'), [
      'id,name_hi,name_en,district_id,district_hi,district_en,kind',
      'BSP-CIVIL-LINES,सिविल लाइन,Civil Lines,bilaspur,बिलासपुर,Bilaspur,station',
      'KRB-DARRI,दर्री,Darri,korba,कोरबा,Korba,station',
    ].join('\n'));
    c = await startCollector({ questions: [join(dir, 'survey.json')], stations: join(dir, 'stations.csv') });
  });
  after(async () => {
    await c.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a response to a set given with --questions is checked against it', async () => {
    assert.equal((await post(c.base, payload({ questionSet: 'cleanliness@2', answers: { clean: 5, waited: 'no' } }))).status, 201);
    await refused(c, payload({ questionSet: 'cleanliness@2', answers: { clean: 5, purpose: 'complaint' } }), 'answers.purpose');
    await refused(c, payload({ questionSet: 'cleanliness@1', answers: { clean: 5 } }), 'questionSet');
    // The default set is still accepted.
    assert.equal((await post(c.base, payload())).status, 201);
  });

  test('only a collector without --stations warns that districts come from clients', async () => {
    const bare = await startCollector();
    try {
      const warned = (run) => run.logLines().some((l) => l.level === 40 && /no --stations/.test(l.msg));
      for (let i = 0; i < 50 && !warned(bare.process); i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(warned(bare.process), true);
      assert.equal(warned(c.process), false);
    } finally {
      await bare.close();
    }
  });

  test('an unknown station is refused', async () => {
    await refused(c, payload({ station: 'BSP-NOWHERE' }), 'station');
  });

  test('a district that is not the station\'s (a site with an older directory) is stored under the directory\'s', async () => {
    const body = payload({ station: 'KRB-DARRI', district: 'bilaspur' });
    assert.equal((await post(c.base, body)).status, 201);
    const list = async (district) => (await (await fetch(`${c.base}/api/feedback?district=${district}&limit=1000`, { headers: { Authorization: `Bearer ${c.adminToken}` } })).json()).items;
    assert.ok((await list('korba')).some((i) => i.id === body.id));
    assert.ok(!(await list('bilaspur')).some((i) => i.id === body.id));
  });

  test('a response without a district is filed under the directory\'s district', async () => {
    const body = payload({ station: 'KRB-DARRI' });
    delete body.district;
    assert.equal((await post(c.base, body)).status, 201);
    const res = await fetch(`${c.base}/api/feedback?district=korba`, { headers: { Authorization: `Bearer ${c.adminToken}` } });
    const { items } = await res.json();
    assert.ok(items.some((i) => i.id === body.id));
  });
});

describe('bad catalog files stop the start with a clear message', () => {
  let dir;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'anubhav-badcat-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [what, file, content, message] of [
    ['a set that is not JSON', 'a.json', '{', /--questions .*a\.json/],
    ['a set without a version', 'b.json', JSON.stringify({ id: 'x', questions: [{ id: 'q', type: 'rating', label: { hi: 'क', en: 'A' } }] }), /version/],
    ['a set that reuses default@1 for other questions', 'c.json', JSON.stringify({ id: 'default', version: 1, questions: [{ id: 'q', type: 'rating', label: { hi: 'क', en: 'A' } }] }), /default@1 is already built in/],
  ]) {
    test(what, async () => {
      writeFileSync(join(dir, file), content);
      await assert.rejects(startCollector({ questions: [join(dir, file)] }), message);
    });
  }

  test('a station file that does not exist', async () => {
    await assert.rejects(startCollector({ stations: join(dir, 'none.csv') }), /--stations .*none\.csv/);
  });
});
