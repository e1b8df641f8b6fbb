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
// - how much CPU the load generator itself took, since it shares the cores.
// BENCH_SECONDS and BENCH_CONNECTIONS change the load; BENCH_DIR the disk.
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { spawnCollector } from './spawn-collector.mjs';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const DISK = process.env.BENCH_DIR ?? tmpdir();
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

/** The collector with its database in `dir`, under load; its accepted POST/s and latency. */
async function load(dir) {
  const work = mkdtempSync(join(dir, 'anubhav-bench-'));
  const db = join(work, 'bench.sqlite');
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
  const conn = new Database(db, { readonly: true });
  const rows = conn.prepare('SELECT count(*) AS n FROM feedback').get().n;
  conn.close();
  rmSync(work, { recursive: true, force: true });
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
console.log(`Disk floors in ${DISK} (WAL, synchronous=FULL)…`);
const single = floor(DISK, 1);
const batched = floor(DISK, 32);
console.log(`Loading the collector for ${DURATION} s with ${CONNECTIONS} connections, database on disk (${DISK})…`);
const disk = await load(DISK);
let memory;
if (shm) {
  console.log('…and with its database on tmpfs (/dev/shm), where an fsync costs nothing…');
  memory = await load(shm);
}

console.log('');
line('disk floor: single-row commits', `${single.toFixed(0)} rows/s`);
line('disk floor: 32-row transactions', `${batched.toFixed(0)} rows/s`);
line('collector, database on disk', `${disk.rate.toFixed(0)} POST/s (p50 ${disk.p50} ms, p99 ${disk.p99} ms)`);
line('  of the single-row floor', `${((disk.rate / single) * 100).toFixed(0)}%`);
line('  of the 32-row floor', `${((disk.rate / batched) * 100).toFixed(0)}%`);
if (memory) {
  line('collector, database on tmpfs', `${memory.rate.toFixed(0)} POST/s (p50 ${memory.p50} ms, p99 ${memory.p99} ms)`);
  line('  disk rate as a share of it (goal ≥ 80%)', `${((disk.rate / memory.rate) * 100).toFixed(0)}%`);
}
line('load generator CPU (of 2 cores)', `${disk.loaderCores.toFixed(2)} cores on disk${memory ? `, ${memory.loaderCores.toFixed(2)} on tmpfs` : ''}`);
line('needed: Chhattisgarh peak', `~7/s   (${(disk.rate / 7).toFixed(0)}× headroom)`);
line('needed: all-India peak', `~240/s (${(disk.rate / 240).toFixed(1)}× headroom)`);
