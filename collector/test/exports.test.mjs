// The IG office's exports: JSON pages with a cursor and filters, and a CSV
// whose columns come from the question set, streamed without holding up
// citizens' POSTs. Also: a database made by the first collector is upgraded
// in place.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ADMIN_TOKEN, payload, post, seedRows, startCollector } from './support.mjs';

const auth = { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } };
const getJson = async (base, path) => {
  const res = await fetch(base + path, auth);
  return { status: res.status, json: await res.json() };
};

/** A minimal CSV reader (quotes, doubled quotes, CRLF), enough to check our own output. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\r') continue;
    else if (ch === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else cell += ch;
  }
  return rows;
}

describe('JSON export', () => {
  let c;
  const ids = [];
  before(async () => {
    c = await startCollector();
    for (let i = 0; i < 25; i++) {
      const station = i % 5 === 0 ? 'KRB-DARRI' : 'BSP-CIVIL-LINES';
      const body = payload({ station, district: station.startsWith('KRB') ? 'korba' : 'bilaspur' });
      ids.push(body.id);
      assert.equal((await post(c.base, body)).status, 201);
    }
  });
  after(() => c.close());

  test('pages with a cursor until next is null, every row once, in arrival order', async () => {
    const seen = [];
    let cursor;
    for (let pages = 0; pages < 10; pages++) {
      const { json } = await getJson(c.base, `/api/feedback?limit=10${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...json.items.map((i) => i.id));
      cursor = json.next;
      if (!cursor) break;
    }
    assert.deepEqual(seen, ids);
  });

  test('limit is at most 1000; the default page is 100', async () => {
    assert.equal((await getJson(c.base, '/api/feedback?limit=1000')).status, 200);
    const over = await getJson(c.base, '/api/feedback?limit=1001');
    assert.equal(over.status, 400);
    assert.equal(over.json.issues[0].path, 'limit');
    assert.equal((await getJson(c.base, '/api/feedback')).json.items.length, 25);
  });

  test('filters by district and station', async () => {
    const korba = (await getJson(c.base, '/api/feedback?district=korba')).json.items;
    assert.equal(korba.length, 5);
    assert.ok(korba.every((i) => i.station === 'KRB-DARRI'));
    const civil = (await getJson(c.base, '/api/feedback?station=BSP-CIVIL-LINES&limit=5')).json;
    assert.equal(civil.items.length, 5);
    assert.ok(civil.items.every((i) => i.station === 'BSP-CIVIL-LINES'));
    assert.ok(civil.next);
  });

  test('filters by since and until (received time)', async () => {
    const all = (await getJson(c.base, '/api/feedback?limit=1000')).json.items;
    const middle = all[10].receivedAt;
    const since = (await getJson(c.base, `/api/feedback?since=${middle}&limit=1000`)).json.items;
    const until = (await getJson(c.base, `/api/feedback?until=${middle}&limit=1000`)).json.items;
    assert.equal(since.length + until.length, all.length);
    assert.ok(since.every((i) => i.receivedAt >= middle) && until.every((i) => i.receivedAt < middle));
    assert.equal((await getJson(c.base, '/api/feedback?since=2099-01-01')).json.items.length, 0);
  });

  test('since and until take a zone: midnight in India is 18:30 UTC the day before', async () => {
    const all = (await getJson(c.base, '/api/feedback?limit=1000')).json.items;
    const day = all[0].receivedAt.slice(0, 10);
    const next = new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10);
    // Both the encoded "+" and a bare one (which a query string turns into a space) are understood.
    for (const since of [`${next}T00:00:00%2B05:30`, `${next}T00:00:00+05:30`]) {
      const { status, json } = await getJson(c.base, `/api/feedback?since=${since}&limit=1000`);
      assert.equal(status, 200);
      const cut = Date.parse(`${next}T00:00:00+05:30`);
      assert.equal(json.items.length, all.filter((i) => Date.parse(i.receivedAt) >= cut).length);
    }
  });

  test('the office is not held to a citizen\'s rate limit when it pages', async () => {
    const strict = await startCollector({ rateLimit: 5 });
    try {
      const statuses = await Promise.all(Array.from({ length: 40 }, () => fetch(`${strict.base}/api/feedback?limit=1`, auth).then((r) => r.status)));
      assert.deepEqual([...new Set(statuses)], [200]);
    } finally {
      await strict.close();
    }
  });

  test('a URL that cannot be decoded is a 400 with issues', async () => {
    const { status, json } = await getJson(c.base, '/api/feedback%ZZ');
    assert.equal(status, 400);
    assert.ok(json.issues.length > 0);
  });

  test('bad query values are a 400 naming each', async () => {
    const { status, json } = await getJson(c.base, '/api/feedback?since=last%20week&district=%3Cscript%3E&cursor=abc');
    assert.equal(status, 400);
    assert.deepEqual(json.issues.map((i) => i.path).sort(), ['cursor', 'district', 'since']);
  });
});

describe('CSV export', () => {
  let c;
  let dir;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'anubhav-csv-'));
    writeFileSync(join(dir, 'stations.json'), JSON.stringify([
      { id: 'BSP-CIVIL-LINES', name: { hi: 'सिविल लाइन', en: 'Civil Lines' }, district: { id: 'bilaspur', name: { hi: 'बिलासपुर', en: 'Bilaspur' } } },
    ]));
    c = await startCollector({ stations: join(dir, 'stations.json') });
    const named = payload({
      anonymous: false, contact: { name: 'Sunita', mobile: '9876543210', callback: true },
      answers: { purpose: 'lost', staffBehaviour: 5, moneyDemanded: 'yes', moneyDetail: 'asked for ₹500, "for tea"', overall: 2 },
    });
    assert.equal((await post(c.base, named)).status, 201);
    assert.equal((await post(c.base, payload())).status, 201);
  });
  after(async () => {
    await c.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const csv = async (query = '') => {
    const res = await fetch(`${c.base}/api/feedback.csv${query}`, auth);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/csv; charset=utf-8/);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte-order mark for Excel');
    return parseCsv(bytes.subarray(3).toString('utf8'));
  };

  test('columns come from the question set, in question order, whatever the data', async () => {
    const [header, ...rows] = await csv('?contact=1');
    const questions = header.slice(header.indexOf('May call back') + 1);
    assert.deepEqual(questions, [
      'Purpose of visit', 'Date of visit', 'How did the police staff behave with you?',
      'Was your complaint heard and registered without delay?', 'Did you get a receipt or a copy of the FIR?',
      'How long did your work take?', 'Did anyone ask for money, a gift or a favour?', 'Tell us what happened (optional)',
      'Cleanliness and facilities (seating, drinking water, toilet)', 'Was your problem resolved?', 'Overall experience',
      'Name of the officer concerned (optional)', 'Suggestions or anything else',
    ]);
    assert.equal(rows.length, 2);
    assert.ok(rows.every((r) => r.length === header.length));
    const row = Object.fromEntries(header.map((h, i) => [h, rows[0][i]]));
    assert.equal(row['Purpose of visit'], 'lost');
    assert.equal(row['Tell us what happened (optional)'], 'asked for ₹500, "for tea"');
    assert.equal(row.Name, 'Sunita');
    assert.match(row.Reference, /^AN-/);
    // Without contact=1 the columns stay, empty.
    const [plainHeader, ...plain] = await csv();
    assert.deepEqual(plainHeader, header);
    assert.equal(Object.fromEntries(plainHeader.map((h, i) => [h, plain[0][i]])).Name, '');
  });

  test('headers and station names in Hindi, choices as labels', async () => {
    const [header, first] = await csv('?lang=hi&labels=1');
    assert.ok(header.includes('आपके आने का उद्देश्य'));
    assert.ok(header.includes('थाने आने की तारीख'), 'the {place} placeholder is filled');
    const row = Object.fromEntries(header.map((h, i) => [h, first[i]]));
    assert.equal(row['थाना'], 'सिविल लाइन');
    assert.equal(row['ज़िला'], 'बिलासपुर');
    assert.equal(row['आपके आने का उद्देश्य'], 'गुमशुदगी / मोबाइल गुम');
    assert.equal(row['गोपनीय'], 'नहीं');
  });

  test('English names and labels', async () => {
    const [header, first] = await csv('?lang=en&labels=1');
    const row = Object.fromEntries(header.map((h, i) => [h, first[i]]));
    assert.equal(row.Station, 'Civil Lines');
    assert.equal(row['Purpose of visit'], 'Lost article or mobile');
    assert.equal(row['Overall experience'], '2');
  });

  test('bad query values are a 400 naming each', async () => {
    const res = await fetch(`${c.base}/api/feedback.csv?lang=fr&labels=yes&questionSet=other@1`, auth);
    assert.equal(res.status, 400);
    assert.deepEqual((await res.json()).issues.map((i) => i.path).sort(), ['labels', 'lang', 'questionSet']);
  });
});

describe('CSV export of a large table', () => {
  const ROWS = 60_000;
  let c;
  before(async () => {
    c = await startCollector();
    // Seeded straight into the database (through a second connection), as
    // the benchmark does: 60,000 POSTs would take the test's whole time.
    const rows = [];
    for (let i = 0; i < ROWS; i++) {
      const p = payload({ answers: { purpose: 'complaint', staffBehaviour: 4, moneyDemanded: 'no', overall: 4, comment: 'ठीक '.repeat(20) } });
      rows.push([p.id, `AN-SEED-${i}`, new Date().toISOString(), 'BSP-CIVIL-LINES', 'bilaspur', 'default@1', JSON.stringify(p)]);
    }
    await seedRows(c.db, rows);
  });
  after(() => c.close());

  test('streams every row, and a POST sent once the export has begun is answered before the export ends', async () => {
    let bytes = 0;
    let lines = 0;
    let exportEnded;
    let postAnswered;
    const done = new Promise((resolve, reject) => {
      const req = request(`${c.base}/api/feedback.csv`, auth, (res) => {
        assert.equal(res.headers['transfer-encoding'], 'chunked', 'streamed, not built in memory first');
        let posted = false;
        res.on('data', (chunk) => {
          bytes += chunk.length;
          for (const b of chunk) if (b === 10) lines++;
          if (!posted) {
            posted = true;
            post(c.base, payload()).then((r) => {
              assert.equal(r.status, 201);
              postAnswered = performance.now();
            }, reject);
          }
        });
        res.on('end', () => {
          exportEnded = performance.now();
          resolve();
        });
      });
      req.on('error', reject);
      req.end();
    });
    await done;
    for (let i = 0; i < 100 && !postAnswered; i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(postAnswered, 'the POST was answered');
    assert.ok(postAnswered < exportEnded, 'the POST did not wait for the export to finish');
    assert.ok(lines >= ROWS + 1, `${lines} lines for ${ROWS} rows`);
    assert.ok(bytes > ROWS * 100);
  });
});

describe('a database made by the first collector', () => {
  test('is upgraded in place: old rows and references are kept, new ones get AN- references', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anubhav-old-'));
    const file = join(dir, 'old.sqlite');
    try {
      const old = new Database(file);
      old.exec(`CREATE TABLE feedback (seq INTEGER PRIMARY KEY, idempotency_key TEXT UNIQUE NOT NULL, body_hash TEXT NOT NULL,
        reference TEXT NOT NULL, received_at TEXT NOT NULL, station TEXT NOT NULL, district TEXT, payload TEXT NOT NULL)`);
      const p = payload();
      old.prepare(`INSERT INTO feedback (idempotency_key, body_hash, reference, received_at, station, district, payload)
        VALUES (?, 'h', '3F0C-7C1E', ?, 'BSP-CIVIL-LINES', 'bilaspur', ?)`).run(p.id, new Date().toISOString(), JSON.stringify(p));
      old.close();
      const c = await startCollector({ db: file });
      try {
        assert.equal((await post(c.base, payload())).status, 201);
        const { json } = await getJson(c.base, '/api/feedback');
        assert.equal(json.items.length, 2);
        assert.equal(json.items[0].reference, '3F0C-7C1E');
        assert.match(json.items[1].reference, /^AN-/);
        // fetch's text() drops the byte-order mark.
        const rows = parseCsv(await (await fetch(`${c.base}/api/feedback.csv`, auth)).text());
        assert.equal(rows.length, 3, 'the old row answered default@1 and exports with it');
      } finally {
        await c.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
