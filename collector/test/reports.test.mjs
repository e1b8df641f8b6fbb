// GET /api/summary against the real bin: counts, rating averages and
// choice shares per district and station, labelled from the question set,
// weekly series, and the caller's scope.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_TOKEN, payload, post, startCollector } from './support.mjs';
import { runBin } from './process.mjs';

describe('summary', () => {
  let c;
  let korbaToken;
  const today = new Date(Date.now() + 5.5 * 3_600_000).toISOString().slice(0, 10);
  before(async () => {
    c = await startCollector();
    korbaToken = /^(anubhav_\S+)$/m.exec((await runBin(['accounts', 'add', '--name', 'SP Korba', '--role', 'district', '--district', 'korba', '--db', c.db])).stdout)[1];
    const send = (station, district, answers) => post(c.base, payload({ station, district, answers: { purpose: 'complaint', moneyDemanded: 'no', ...answers } }));
    for (const [station, district, overall, staffBehaviour, money] of [
      ['KRB-DARRI', 'korba', 5, 4, 'no'], ['KRB-DARRI', 'korba', 3, 2, 'yes'], ['KRB-KATGHORA', 'korba', 4, 4, 'no'],
      ['BSP-CIVIL-LINES', 'bilaspur', 1, 1, 'yes'],
    ]) {
      assert.equal((await send(station, district, { overall, staffBehaviour, moneyDemanded: money })).status, 201);
    }
  });
  after(() => c.close());

  const summary = async (token, query = '') => {
    const res = await fetch(`${c.base}/api/summary${query}`, { headers: { Authorization: `Bearer ${token}` } });
    return { status: res.status, json: await res.json() };
  };

  test('counts, averages and shares for the range, each district and each station, labelled from the set', async () => {
    const { status, json } = await summary(ADMIN_TOKEN);
    assert.equal(status, 200);
    assert.equal(json.questionSet, 'default@1');
    assert.equal(json.to, today);
    assert.equal(json.total.count, 4);
    assert.deepEqual(json.total.averages.overall, { average: 3.25, answers: 4 });
    assert.equal(json.total.shares.moneyDemanded.shares.yes, 0.5);
    const korba = json.districts.find((d) => d.id === 'korba');
    assert.equal(korba.count, 3);
    assert.equal(korba.averages.staffBehaviour.average, 3.33);
    assert.equal(json.stations.find((s) => s.id === 'KRB-DARRI').averages.overall.average, 4);
    const overall = json.questions.find((q) => q.id === 'overall');
    assert.deepEqual(overall.label, { hi: 'कुल मिलाकर आपका अनुभव', en: 'Overall experience' });
    assert.ok(json.questions.some((q) => q.id === 'moneyDemanded' && q.options.length === 3));
    assert.ok(!json.questions.some((q) => q.id === 'comment'), 'only ratings and choices');
    // Thirteen weeks for the default 90 days; this week's holds the responses.
    assert.equal(korba.weeks.length, 13);
    assert.equal(korba.weeks.reduce((n, w) => n + w.count, 0), 3);
    assert.equal(korba.weeks.at(-1).count, 3);
  });

  test('a district account\'s summary holds its district only, whatever it asks for', async () => {
    for (const query of ['', '?district=bilaspur', '?station=BSP-CIVIL-LINES']) {
      const { json } = await summary(korbaToken, query);
      assert.ok(json.districts.every((d) => d.id === 'korba'), query);
      assert.ok(json.stations.every((s) => s.district === 'korba'), query);
      // Its own three; another district's filter narrows it to nothing rather than widening it.
      assert.equal(json.total.count, query ? 0 : 3, query);
    }
  });

  test('a response arrives in the summary at once', async () => {
    assert.equal((await post(c.base, payload({ station: 'KRB-DARRI', district: 'korba', answers: { purpose: 'other', moneyDemanded: 'no', overall: 2, staffBehaviour: 3 } }))).status, 201);
    const { json } = await summary(ADMIN_TOKEN);
    assert.equal(json.total.count, 5);
  });

  test('a span with nothing in it, and bad values', async () => {
    const { json } = await summary(ADMIN_TOKEN, '?from=2020-01-01&to=2020-01-31');
    assert.equal(json.total.count, 0);
    assert.deepEqual(json.districts, []);
    const bad = await summary(ADMIN_TOKEN, '?from=2026-12-01&to=2026-11-01&questionSet=nope@1&station=a%20b');
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.json.issues.map((i) => i.path).sort(), ['from', 'questionSet', 'station']);
    assert.equal((await fetch(`${c.base}/api/summary`)).status, 401);
    for (const to of ['x', '2026-13-45', '2026-02-30', '%2B275760-09-13']) {
      const r = await summary(ADMIN_TOKEN, `?to=${to}`);
      assert.equal(r.status, 400, to);
      assert.equal(r.json.issues[0].path, 'to');
    }
  });

  test('a station whose responses were filed under two districts is counted apart in each, never moved', async () => {
    // Without --stations the client names the district: one response says KRB-DARRI is in Bilaspur.
    const before = (await summary(korbaToken)).json.stations.find((s) => s.id === 'KRB-DARRI').count;
    assert.equal((await post(c.base, payload({ station: 'KRB-DARRI', district: 'bilaspur', answers: { purpose: 'other', moneyDemanded: 'yes', overall: 1, staffBehaviour: 1 } }))).status, 201);
    const korba = (await summary(korbaToken)).json;
    assert.equal(korba.stations.find((s) => s.id === 'KRB-DARRI').count, before, 'Korba keeps its own');
    const range = (await summary(ADMIN_TOKEN)).json;
    const darri = range.stations.filter((s) => s.id === 'KRB-DARRI').map((s) => [s.district, s.count]).sort();
    assert.deepEqual(darri, [['bilaspur', 1], ['korba', before]]);
  });
});

describe('monthly ranking', () => {
  let c;
  before(async () => {
    c = await startCollector();
    const send = (station, overall) => post(c.base, payload({ station, district: station.startsWith('KRB') ? 'korba' : 'bilaspur',
      answers: { purpose: 'complaint', moneyDemanded: 'no', staffBehaviour: 3, overall } }));
    for (let i = 0; i < 25; i++) assert.equal((await send('KRB-DARRI', i < 20 ? 5 : 3)).status, 201);
    for (let i = 0; i < 25; i++) assert.equal((await send('BSP-CIVIL-LINES', 3)).status, 201);
    for (let i = 0; i < 3; i++) assert.equal((await send('KRB-KATGHORA', 5)).status, 201);
  });
  after(() => c.close());

  test('ranks stations with enough answers by a Bayesian average, and lists the small ones apart', async () => {
    const month = new Date(Date.now() + 5.5 * 3_600_000).toISOString().slice(0, 7);
    const res = await fetch(`${c.base}/api/ranking?month=${month}`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    assert.equal(res.status, 200);
    const json = await res.json();
    assert.deepEqual(json.ranked.map((r) => [r.rank, r.id]), [[1, 'KRB-DARRI'], [2, 'BSP-CIVIL-LINES']]);
    // Three 5-star answers do not top twenty-five mostly 5-star ones: they are not ranked at all.
    assert.deepEqual(json.tooFew.map((r) => r.id), ['KRB-KATGHORA']);
    const darri = json.ranked[0];
    assert.equal(darri.average, 4.6);
    assert.ok(darri.score < darri.average && darri.score > json.rangeMean, `${darri.score} between ${json.rangeMean} and ${darri.average}`);
    assert.match(json.method, /Bayesian average/);
    const bad = await fetch(`${c.base}/api/ranking?month=2026-13&question=comment`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    assert.equal(bad.status, 400);
    assert.deepEqual((await bad.json()).issues.map((i) => i.path).sort(), ['month', 'question']);
  });
});
