// `npm run bench:reports`: GET /api/summary on a large database, on each store.
//
// Seeds BENCH_ROWS (default 1,000,000) responses over 150 stations in 8
// districts and 12 months straight into the database (a SQLite file; then a
// PostgreSQL database in a throwaway cluster, durable as in production),
// starts the real collector on it, waits for its roll-up to count them all
// (and says how long that took), then asks for the whole range's summary
// over the last 90 days 20 times, and prints the median and p95. Exits 1
// when a median is over 150 ms. BENCH_STORES=sqlite (or postgres) runs one.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { startCluster } from './pg-cluster.mjs';
import { spawnCollector } from './spawn-collector.mjs';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const STORES = (process.env.BENCH_STORES ?? 'sqlite,postgres').split(',');
const RUNS = 20;
const GOAL_MS = 150;
const TOKEN = 'bench-token-0123456789';
const DAY = 86_400_000;

// 150 stations in the eight districts of the range.
const districts = ['bilaspur', 'korba', 'raigarh', 'janjgir-champa', 'mungeli', 'gpm', 'sarangarh-bilaigarh', 'sakti'];
const stations = Array.from({ length: 150 }, (_, i) => ({ id: `ST-${String(i).padStart(3, '0')}`, district: districts[i % districts.length] }));
const pick = (list, r) => list[Math.floor(r * list.length)];
const now = Date.now();

/** Row i of the seed: [key, reference, receivedAt, station, district, payload JSON]. */
function seedRow(i) {
  // Spread over 365 days, oldest first, as arrivals would be.
  const at = new Date(now - 365 * DAY + (i / ROWS) * 365 * DAY).toISOString();
  const station = stations[(i * 7919) % stations.length];
  const r = Math.random();
  const rating = () => 1 + Math.floor(Math.random() * 5);
  const id = randomUUID();
  const payload = {
    schema: 'anubhav.feedback/v1', id, createdAt: at, station: station.id, district: station.district, lang: r < 0.7 ? 'hi' : 'en',
    source: 'qr', anonymous: true,
    answers: {
      purpose: pick(['complaint', 'lost', 'verification', 'traffic', 'followup', 'other'], Math.random()),
      staffBehaviour: rating(), moneyDemanded: r < 0.06 ? 'yes' : r < 0.1 ? 'nosay' : 'no', overall: rating(),
      facilities: rating(), resolved: pick(['yes', 'partly', 'no', 'pending'], Math.random()),
      heardPromptly: pick(['yes', 'delayed', 'refused', 'na'], Math.random()), receipt: pick(['yes', 'no', 'na'], Math.random()),
    },
  };
  return [id, `AN-SEED-${i}`, at, station.id, station.district, JSON.stringify(payload)];
}

async function seed(db) {
  if (!db.startsWith('postgres:')) {
    const conn = new Database(db);
    conn.pragma('journal_mode = WAL');
    const insert = conn.prepare(`INSERT INTO feedback (idempotency_key, body_hash, reference, received_at, station, district, question_set, payload)
      VALUES (?, 'seed', ?, ?, ?, ?, 'default@1', ?)`);
    const batch = conn.transaction((from, to) => {
      for (let i = from; i < to; i++) insert.run(...seedRow(i));
    });
    for (let i = 0; i < ROWS; i += 50_000) batch(i, Math.min(ROWS, i + 50_000));
    conn.close();
    return;
  }
  const client = new pg.Client(db);
  await client.connect();
  for (let i = 0; i < ROWS; i += 10_000) {
    const rows = Array.from({ length: Math.min(ROWS, i + 10_000) - i }, (_, k) => seedRow(i + k));
    await client.query(`INSERT INTO feedback (idempotency_key, body_hash, reference, received_at, station, district, question_set, payload)
      SELECT k, 'seed', r, t, s, d, 'default@1', p FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u (k, r, t, s, d, p)`,
    [0, 1, 2, 3, 4, 5].map((c) => rows.map((row) => row[c])));
  }
  await client.query('ANALYZE');
  await client.end();
}

/** The bench on one database; resolves to its median and p95. */
async function bench(label, db) {
  const start = () => spawnCollector(['--db', db, '--rate-limit', '100000'], { ANUBHAV_ADMIN_TOKEN: TOKEN });
  await (await start()).stop();
  console.log(`${label}: seeding ${ROWS.toLocaleString('en')} responses over 150 stations and 12 months…`);
  let t0 = performance.now();
  await seed(db);
  console.log(`  seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const collector = await start();
  const { base } = collector;
  const summary = async (query) => {
    const started = performance.now();
    const res = await fetch(`${base}/api/summary${query}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    const json = await res.json();
    if (res.status !== 200) throw new Error(`summary got ${res.status}: ${JSON.stringify(json)}`);
    return { json, ms: performance.now() - started };
  };

  // The roll-up counts the seeded rows in the background after the start.
  const today = new Date(now + 5.5 * 3_600_000).toISOString().slice(0, 10);
  const yearAgo = new Date(now + 5.5 * 3_600_000 - 366 * DAY).toISOString().slice(0, 10);
  t0 = performance.now();
  for (let counted = 0; counted < ROWS;) {
    await new Promise((r) => setTimeout(r, 2000));
    counted = (await summary(`?from=${yearAgo}&to=${today}`)).json.total.count;
    process.stdout.write(`\r  rolled up ${counted.toLocaleString('en')}`);
  }
  const rollup = (performance.now() - t0) / 1000;
  console.log(`\n  roll-up of ${ROWS.toLocaleString('en')} rows took ${rollup.toFixed(0)} s (in the background, in small batches)`);

  await summary('');
  const times = [];
  let shape;
  for (let i = 0; i < RUNS; i++) {
    const { json, ms } = await summary('');
    times.push(ms);
    shape = json;
  }
  await collector.stop();
  times.sort((a, b) => a - b);
  return { label, median: (times[RUNS / 2 - 1] + times[RUNS / 2]) / 2, p95: times[Math.ceil(RUNS * 0.95) - 1], shape, rollup };
}

const results = [];
if (STORES.includes('sqlite')) {
  const dir = mkdtempSync(join(tmpdir(), 'anubhav-bench-reports-'));
  try {
    results.push(await bench('SQLite', join(dir, 'bench.sqlite')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (STORES.includes('postgres')) {
  const cluster = await startCluster({ durable: true });
  try {
    const admin = new pg.Client(cluster.url());
    await admin.connect();
    await admin.query('CREATE DATABASE bench');
    await admin.end();
    results.push(await bench('PostgreSQL', cluster.url('bench')));
  } finally {
    cluster.stop();
  }
}

console.log('');
let over = false;
for (const { label, median, p95, shape, rollup } of results) {
  console.log(`${label}: summary, whole range, last 90 days (${shape.total.count.toLocaleString('en')} responses, ${shape.stations.length} stations):`);
  console.log(`  median ${median.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms over ${RUNS} requests (goal: median ≤ ${GOAL_MS} ms); roll-up ${rollup.toFixed(0)} s`);
  over ||= median > GOAL_MS;
}
if (over) {
  console.error(`a median is over ${GOAL_MS} ms`);
  process.exit(1);
}
