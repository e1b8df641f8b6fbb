// `npm run bench:collector`: loads the real collector over loopback with
// autocannon, durable writes on (WAL, synchronous=FULL), every request a new
// valid response with its own Idempotency-Key. The collector runs in its own
// process so that the load generator does not share its event loop.
//
// In one run, on the same disk:
// - the disk's floors, with a small better-sqlite3 script: single-row
//   commits a second, and rows a second in 32-row transactions;
// - the collector's accepted POST/s with its database on that disk, and with
//   it on tmpfs (/dev/shm), where an fsync costs nothing: there its rate is
//   its CPU limit. The goal (issue 13) is a disk rate of at least 80% of it;
// - how much CPU the load generator itself took, since it shares the cores;
// - then the same against PostgreSQL: a throwaway cluster on the same disk
//   (durable: fsync on, synchronous_commit on), its floors with a small pg
//   script, and the collector's POST/s on it.
// BENCH_SECONDS and BENCH_CONNECTIONS change the load; BENCH_DIR the disk;
// BENCH_STORES=sqlite leaves PostgreSQL out.
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { startCluster } from './pg-cluster.mjs';
import { spawnCollector } from './spawn-collector.mjs';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const DISK = process.env.BENCH_DIR ?? tmpdir();
const STORES = (process.env.BENCH_STORES ?? 'sqlite,postgres').split(',');
const line = (label, value) => console.log(`${label.padEnd(44)}${value}`);

const body = (id) => JSON.stringify({
  schema: 'anubhav.feedback/v1', id, createdAt: new Date().toISOString(), station: 'BSP-CIVIL-LINES', district: 'bilaspur',
  lang: 'hi', source: 'qr', anonymous: true,
  answers: { purpose: 'complaint', visitDate: '2026-11-22', staffBehaviour: 4, moneyDemanded: 'no', overall: 4, comment: 'थाने में अच्छा व्यवहार मिला, धन्यवाद।' },
});

/** Rows a second that the disk takes in transactions of `batch` rows, durable as the collector's. */
function floor(dir, batch, seconds = 3) {
  const file = join(dir, `floor-${batch}.sqlite`);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, key TEXT UNIQUE NOT NULL, payload TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO t (key, payload) VALUES (?, ?)');
  const commit = db.transaction((n) => {
    for (let i = 0; i < n; i++) {
      const id = randomUUID();
      insert.run(id, body(id));
    }
  });
  let rows = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    commit(batch);
    rows += batch;
  }
  const rate = rows / seconds;
  db.close();
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  return rate;
}

/** The same floors on PostgreSQL: one connection, each commit waiting for the disk. */
async function pgFloor(url, batch, seconds = 3) {
  const client = new pg.Client(url);
  await client.connect();
  await client.query('SET synchronous_commit = on');
  await client.query(`CREATE TABLE floor_${batch} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, key text UNIQUE NOT NULL, payload text NOT NULL)`);
  let rows = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const ids = Array.from({ length: batch }, () => randomUUID());
    // One statement per transaction, as the collector's batch is one transaction.
    await client.query(`INSERT INTO floor_${batch} (key, payload) SELECT k, p FROM unnest($1::text[], $2::text[]) AS u (k, p)`, [ids, ids.map(body)]);
    rows += batch;
  }
  await client.query(`DROP TABLE floor_${batch}`);
  await client.end();
  return rows / seconds;
}

/** Rows in the feedback table of a SQLite file or a PostgreSQL database. */
async function rowsIn(db) {
  if (!db.startsWith('postgres:')) {
    const conn = new Database(db, { readonly: true });
    const { n } = conn.prepare('SELECT count(*) AS n FROM feedback').get();
    conn.close();
    return n;
  }
  const client = new pg.Client(db);
  await client.connect();
  const { rows } = await client.query('SELECT count(*)::integer AS n FROM feedback');
  await client.end();
  return rows[0].n;
}

/** The collector with its database in `dir` (or at a PostgreSQL URL), under load; its accepted POST/s and latency. */
async function load(dir) {
  const url = dir.startsWith('postgres:');
  const work = url ? undefined : mkdtempSync(join(dir, 'anubhav-bench-'));
  const db = url ? dir : join(work, 'bench.sqlite');
  const collector = await spawnCollector(['--db', db, '--rate-limit', '100000', '--min-fill-ms', '0', '--admin-token', 'bench-token-0123456789']);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await autocannon({
    url: `${collector.base}/api/feedback`,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [{
      method: 'POST',
      setupRequest: (req) => {
        const id = randomUUID();
        return { ...req, headers: { 'content-type': 'application/json', 'idempotency-key': id, 'anubhav-trap': '', 'anubhav-fill-ms': '60000' }, body: body(id) };
      },
    }],
  });
  const used = process.cpuUsage(cpu);
  const wall = performance.now() - started;
  await collector.stop();
  const rows = await rowsIn(db);
  if (work) rmSync(work, { recursive: true, force: true });
  // Every 2xx must be a row. A few more rows than 2xx are requests that were
  // committed while autocannon stopped listening, at most one per connection.
  if (rows < result['2xx'] || rows > result['2xx'] + CONNECTIONS || result.non2xx || result.errors) {
    console.error(`rows (${rows}) do not match the 2xx answers (${result['2xx']}; ${result.non2xx} non-2xx, ${result.errors} errors)`);
    process.exit(1);
  }
  return {
    rate: result['2xx'] / result.duration, p50: result.latency.p50, p99: result.latency.p99,
    // Of the two cores, how much the load generator took: user and system time over wall time.
    loaderCores: (used.user + used.system) / 1000 / wall,
  };
}

const shm = existsSync('/dev/shm') ? '/dev/shm' : undefined;
let single, batched, disk, memory, postgres;
if (STORES.includes('sqlite')) {
  console.log(`Disk floors in ${DISK} (WAL, synchronous=FULL)…`);
  single = floor(DISK, 1);
  batched = floor(DISK, 32);
  console.log(`Loading the collector for ${DURATION} s with ${CONNECTIONS} connections, database on disk (${DISK})…`);
  disk = await load(DISK);
  if (shm) {
    console.log('…and with its database on tmpfs (/dev/shm), where an fsync costs nothing…');
    memory = await load(shm);
  }
}
if (STORES.includes('postgres')) {
  console.log(`PostgreSQL: a throwaway cluster in ${DISK} (fsync on, synchronous_commit on): floors, then the collector…`);
  const cluster = await startCluster({ durable: true, parent: DISK });
  try {
    const admin = new pg.Client(cluster.url());
    await admin.connect();
    await admin.query('CREATE DATABASE floors');
    await admin.query('CREATE DATABASE bench');
    await admin.end();
    postgres = { single: await pgFloor(cluster.url('floors'), 1), batched: await pgFloor(cluster.url('floors'), 32) };
    postgres.load = await load(cluster.url('bench'));
  } finally {
    cluster.stop();
  }
}

console.log('');
if (disk) {
  line('SQLite disk floor: single-row commits', `${single.toFixed(0)} rows/s`);
  line('SQLite disk floor: 32-row transactions', `${batched.toFixed(0)} rows/s`);
  line('collector on SQLite, on disk', `${disk.rate.toFixed(0)} POST/s (p50 ${disk.p50} ms, p99 ${disk.p99} ms)`);
  line('  of the single-row floor', `${((disk.rate / single) * 100).toFixed(0)}%`);
  line('  of the 32-row floor', `${((disk.rate / batched) * 100).toFixed(0)}%`);
  if (memory) {
    line('collector on SQLite, on tmpfs', `${memory.rate.toFixed(0)} POST/s (p50 ${memory.p50} ms, p99 ${memory.p99} ms)`);
    line('  disk rate as a share of it (goal ≥ 80%)', `${((disk.rate / memory.rate) * 100).toFixed(0)}%`);
  }
  line('load generator CPU (of 2 cores)', `${disk.loaderCores.toFixed(2)} cores on disk${memory ? `, ${memory.loaderCores.toFixed(2)} on tmpfs` : ''}`);
}
if (postgres) {
  const { rate, p50, p99, loaderCores } = postgres.load;
  line('PostgreSQL floor: single-row commits', `${postgres.single.toFixed(0)} rows/s`);
  line('PostgreSQL floor: 32-row transactions', `${postgres.batched.toFixed(0)} rows/s`);
  line('collector on PostgreSQL, same disk', `${rate.toFixed(0)} POST/s (p50 ${p50} ms, p99 ${p99} ms)`);
  line('  of the single-row floor', `${((rate / postgres.single) * 100).toFixed(0)}%`);
  line('  of the 32-row floor', `${((rate / postgres.batched) * 100).toFixed(0)}%`);
  if (disk) line('  of the collector on SQLite', `${((rate / disk.rate) * 100).toFixed(0)}%`);
  line('load generator CPU (of 2 cores)', `${loaderCores.toFixed(2)} cores (PostgreSQL, the collector and it share them)`);
}
const slowest = Math.min(...[disk?.rate, postgres?.load.rate].filter(Boolean));
line('needed: Chhattisgarh peak', `~7/s   (${(slowest / 7).toFixed(0)}× headroom on the slower store)`);
line('needed: all-India peak', `~240/s (${(slowest / 240).toFixed(1)}× headroom on the slower store)`);
