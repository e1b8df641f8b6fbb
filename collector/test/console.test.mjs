// The console's part of the collector, against the real bin: the page at
// /console/ under the strict CSP, its script from the widgets package,
// GET /api/directory within the caller's districts, the inbox filters on
// the exports, and each station's weekly trend in the summary.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ADMIN_TOKEN, payload, post, startCollector } from './support.mjs';
import { runBin } from './process.mjs';

const stationsFile = new URL('../../demo/stations.json', import.meta.url).pathname;
const directory = JSON.parse(readFileSync(stationsFile, 'utf8'));

describe('the console', () => {
  let c;
  const tokens = {};
  const refs = {};
  before(async () => {
    c = await startCollector({ stations: stationsFile });
    const korba = await runBin(['accounts', 'add', '--name', 'SP Korba', '--role', 'district', '--district', 'korba', '--db', c.db]);
    tokens.korba = /^(anubhav_\S+)$/m.exec(korba.stdout)[1];
    const answers = (extra) => ({ purpose: 'complaint', staffBehaviour: 4, moneyDemanded: 'no', overall: 4, ...extra });
    for (const [name, overrides] of Object.entries({
      korbaMoney: { station: 'KRB-KOTWALI', district: 'korba', answers: answers({ moneyDemanded: 'yes' }) },
      korbaPlain: { station: 'KRB-KOTWALI', district: 'korba' },
      bilaspurMoney: { answers: answers({ moneyDemanded: 'yes', overall: 2 }) },
    })) {
      const res = await post(c.base, payload(overrides));
      assert.equal(res.status, 201);
      refs[name] = (await res.json()).reference;
    }
  });
  after(() => c.close());

  const get = (path, token = ADMIN_TOKEN) => fetch(`${c.base}${path}`, token ? { headers: { Authorization: `Bearer ${token}` } } : {});

  test('/console/ is a page that needs nothing else, under the strict CSP', async () => {
    const page = await get('/console/', null);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type'), /^text\/html/);
    assert.match(page.headers.get('content-security-policy'), /script-src|default-src 'self'/);
    assert.match(page.headers.get('content-security-policy'), /require-trusted-types-for 'script'/);
    const html = await page.text();
    assert.match(html, /<anubhav-console><\/anubhav-console>/);
    assert.doesNotMatch(html, /<script>|style=/, 'no inline script or style');
    for (const [path, type, text] of [['/console/anubhav-console.js', /javascript/, 'anubhav-console'], ['/console/console.css', /css/, '@page']]) {
      const res = await get(path, null);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type'), type);
      assert.ok((await res.text()).includes(text), path);
    }
    const bare = await fetch(`${c.base}/console`, { redirect: 'manual' });
    assert.equal(bare.status, 302);
    assert.equal(bare.headers.get('location'), '/console/');
  });

  test('GET /api/directory names the stations within the caller\'s districts, and every question set', async () => {
    assert.equal((await get('/api/directory', null)).status, 401);
    const all = await (await get('/api/directory')).json();
    assert.equal(all.stations.length, directory.length);
    assert.deepEqual(all.sets.map((s) => `${s.id}@${s.version}`), ['default@1', 'dial-112@1', 'control-room@1', 'traffic@1']);
    assert.equal(all.contactRetentionDays, 365, 'for the phone form\'s notice');
    const korba = await (await get('/api/directory', tokens.korba)).json();
    assert.deepEqual(korba.stations.map((s) => s.id), directory.filter((s) => s.district.id === 'korba').map((s) => s.id));
  });

  test('the exports take the inbox\'s status and flag filters, within scope', async () => {
    const csv = await (await get('/api/feedback.csv?flag=money')).text();
    assert.ok(csv.includes(refs.korbaMoney) && csv.includes(refs.bilaspurMoney));
    assert.ok(!csv.includes(refs.korbaPlain));
    const korbaCsv = await (await get('/api/feedback.csv?flag=money', tokens.korba)).text();
    assert.ok(korbaCsv.includes(refs.korbaMoney) && !korbaCsv.includes(refs.bilaspurMoney));
    const json = await (await get('/api/feedback?status=new&flag=money')).json();
    assert.deepEqual(json.items.map((i) => i.reference).sort(), [refs.korbaMoney, refs.bilaspurMoney].sort());
    assert.equal((await get('/api/feedback?status=closed')).status, 200);
    assert.deepEqual((await (await get('/api/feedback?status=closed')).json()).items, []);
    for (const bad of ['status=done', 'flag=bribe']) {
      const res = await get(`/api/feedback.csv?${bad}`);
      assert.equal(res.status, 400, bad);
      assert.match((await res.json()).message, /status: new, in-progress|flag: money, lowRating/);
    }
  });

  test('the summary gives each station a weekly trend of counts and averages', async () => {
    const s = await (await get('/api/summary')).json();
    const kotwali = s.stations.find((x) => x.id === 'KRB-KOTWALI');
    assert.equal(kotwali.weeks.length, s.districts[0].weeks.length);
    const last = kotwali.weeks.at(-1);
    assert.equal(last.count, 2);
    assert.deepEqual(last.averages.overall, { average: 4, answers: 2 });
    assert.equal(last.shares, undefined, 'a station\'s weeks carry no shares');
    const ranking = await (await get('/api/ranking')).json();
    assert.equal(ranking.minAnswers, 20);
  });
});
