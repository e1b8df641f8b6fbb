// Reports by kind of unit, against the real bin with the sample directory:
// the summary and the monthly ranking narrowed to one kind, each on that
// kind's own questions, and Dial 112 vehicles ranked on arrival within 20
// minutes with their crew's behaviour beside it, not on a station's questions.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_TOKEN, payload, post, startCollector } from './support.mjs';

const STATIONS = new URL('../../demo/stations.json', import.meta.url).pathname;

describe('reports by kind', () => {
  let c;
  const month = new Date(Date.now() + 5.5 * 3_600_000).toISOString().slice(0, 7);
  const get = async (path) => {
    const res = await fetch(`${c.base}${path}`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    return { status: res.status, json: await res.json() };
  };
  const send = async (station, questionSet, answers) => {
    const res = await post(c.base, payload({ station, district: undefined, questionSet, answers }));
    assert.equal(res.status, 201, await res.text());
  };

  before(async () => {
    c = await startCollector({ stations: STATIONS, minFillMs: 0 });
    const crew = (arrival, staffBehaviour) => ({ arrival, staffBehaviour, moneyDemanded: 'no', overall: staffBehaviour });
    // ERV-01: 24 answers, 18 within 20 minutes, crew 4 on average.
    for (let i = 0; i < 24; i++) await send('BSP-112-ERV-01', 'dial-112@1', crew(i < 12 ? 'lt10m' : i < 18 ? 'lt20m' : 'lt40m', i % 2 ? 5 : 3));
    // ERV-02: 22 answers, 4 within 20 minutes (one never came), crew 5.
    for (let i = 0; i < 22; i++) await send('BSP-112-ERV-02', 'dial-112@1', crew(i < 4 ? 'lt20m' : i < 21 ? 'gt40m' : 'none', 5));
    // KRB-ERV-01: too few to rank.
    for (let i = 0; i < 3; i++) await send('KRB-112-ERV-01', 'dial-112@1', crew('lt10m', 4));
    // A station, an office-less control room and traffic, each on its own set.
    for (let i = 0; i < 2; i++) await send('BSP-CIVIL-LINES', undefined, { purpose: 'complaint', staffBehaviour: 4, moneyDemanded: 'no', overall: 4 });
    await send('BSP-CONTROL-ROOM', 'control-room@1', { answered: 'yes', staffBehaviour: 4, moneyDemanded: 'no', overall: 5 });
    await send('BSP-TRAFFIC', 'traffic@1', { reason: 'helmet', staffBehaviour: 2, moneyDemanded: 'yes', overall: 1 });
  });
  after(() => c.close());

  test("a kind's summary holds only its units, on its own set", async () => {
    const { json } = await get('/api/summary?kind=dial-112');
    assert.equal(json.questionSet, 'dial-112@1');
    assert.equal(json.kind, 'dial-112');
    assert.equal(json.total.count, 49);
    assert.deepEqual(json.stations.map((s) => s.id).sort(), ['BSP-112-ERV-01', 'BSP-112-ERV-02', 'KRB-112-ERV-01']);
    assert.ok(json.questions.some((q) => q.id === 'arrival'));
    assert.equal(json.total.shares.arrival.shares.none, Math.round(1000 / 49) / 1000);
    const traffic = (await get('/api/summary?kind=traffic')).json;
    assert.equal(traffic.questionSet, 'traffic@1');
    assert.deepEqual(traffic.stations.map((s) => s.id), ['BSP-TRAFFIC']);
    assert.equal(traffic.total.shares.moneyDemanded.shares.yes, 1);
    // Stations alone: the control room's and 112's responses are not in it.
    const stations = (await get('/api/summary?kind=station')).json;
    assert.equal(stations.questionSet, 'default@1');
    assert.deepEqual(stations.stations.map((s) => s.id), ['BSP-CIVIL-LINES']);
  });

  test('Dial 112 vehicles are ranked on arrival within 20 minutes, with crew behaviour beside it', async () => {
    const { status, json } = await get(`/api/ranking?month=${month}&kind=dial-112`);
    assert.equal(status, 200);
    assert.equal(json.question, 'arrival');
    assert.match(json.method, /within 20 minutes/);
    // The range's share: (18 + 4 + 3) / 49.
    assert.equal(json.rangeMean, Math.round((25 / 49) * 100) / 100);
    assert.deepEqual(json.ranked.map((r) => [r.rank, r.id, r.answers, r.within20, r.crewBehaviour]), [
      [1, 'BSP-112-ERV-01', 24, 0.75, 4],
      [2, 'BSP-112-ERV-02', 22, 0.18, 5],
    ]);
    const prior = 25 / 49;
    assert.equal(json.ranked[0].score, Math.round(((18 + 20 * prior) / (24 + 20)) * 1000) / 1000);
    assert.deepEqual(json.tooFew.map((r) => r.id), ['KRB-112-ERV-01']);
  });

  test('they can be ranked on their crew instead, and never on a station question', async () => {
    const { json } = await get(`/api/ranking?month=${month}&kind=dial-112&question=staffBehaviour`);
    assert.deepEqual(json.ranked.map((r) => r.id), ['BSP-112-ERV-02', 'BSP-112-ERV-01']);
    for (const question of ['purpose', 'facilities']) {
      const bad = await get(`/api/ranking?month=${month}&kind=dial-112&question=${question}`);
      assert.equal(bad.status, 400, question);
    }
    // A station set has no arrival to rank on.
    assert.equal((await get(`/api/ranking?month=${month}&question=arrival`)).status, 400);
  });

  test('the ranking without a kind is the stations\' as before: default@1, overall', async () => {
    const { json } = await get(`/api/ranking?month=${month}`);
    assert.equal(json.question, 'overall');
    assert.equal(json.kind, undefined);
    assert.deepEqual([...json.ranked, ...json.tooFew].map((r) => r.id), ['BSP-CIVIL-LINES']);
    assert.equal(json.tooFew[0].within20, undefined);
  });

  test('an unknown kind is a 400 naming the kinds', async () => {
    const { status, json } = await get('/api/summary?kind=jail');
    assert.equal(status, 400);
    assert.match(json.issues.find((i) => i.path === 'kind').message, /station, office, control-room, dial-112, traffic/);
  });
});
