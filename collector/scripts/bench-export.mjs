// `npm run bench:export`: the CSV export of a large table, and what it does
// to citizens' POSTs meanwhile.
//
// Seeds BENCH_ROWS (default 1,000,000) rows straight into a SQLite file,
// starts the real collector on it in its own process, downloads
// /api/feedback.csv over loopback, and, during the download, POSTs a new
// response every 100 ms. Prints the export's time and size, the
// collector's peak RSS (VmHWM, Linux), and the POSTs' latencies. Exits 1
// if any POST during the export took 200 ms or more.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { spawnCollector } from './spawn-collector.mjs';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const TOKEN = 'bench-token-0123456789';
const LIMIT_MS = 200;
const dir = mkdtempSync(join(tmpdir(), 'anubhav-bench-export-'));
const file = join(dir, 'bench.sqlite');

const answers = { purpose: 'complaint', visitDate: '2026-11-22', staffBehaviour: 4, moneyDemanded: 'no', overall: 4, comment: 'थाने में अच्छा व्यवहार मिला, धन्यवाद।' };
const body = (id, createdAt) => ({
  schema: 'anubhav.feedback/v1', id, createdAt, station: 'BSP-CIVIL-LINES', district: 'bilaspur',
  lang: 'hi', source: 'qr', questionSet: 'default@1', answers, anonymous: true,
});

// Let the collector create its schema, then seed through our own connection.
const start = () => spawnCollector(['--db', file, '--rate-limit', '100000', '--min-fill-ms', '0'], { ANUBHAV_ADMIN_TOKEN: TOKEN });
await (await start()).stop();

console.log(`Seeding ${ROWS.toLocaleString('en')} rows…`);
const seedStart = performance.now();
const db = new Database(file);
db.pragma('journal_mode = WAL');
const insert = db.prepare(`INSERT INTO feedback (idempotency_key, body_hash, reference, received_at, station, district, question_set, payload)
  VALUES (?, 'seed', ?, ?, 'BSP-CIVIL-LINES', 'bilaspur', 'default@1', ?)`);
const batch = db.transaction((from, to) => {
  const now = new Date().toISOString();
  for (let i = from; i < to; i++) {
    const id = randomUUID();
    insert.run(id, `AN-SEED-${i}`, now, JSON.stringify(body(id, now)));
  }
});
for (let i = 0; i < ROWS; i += 50_000) batch(i, Math.min(ROWS, i + 50_000));
db.close();
console.log(`  seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

const collector = await start();
const { child, base } = collector;

/** One POST, timed from send to answer. */
async function timedPost() {
  const id = randomUUID();
  const t0 = performance.now();
  const res = await fetch(`${base}/api/feedback`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': id },
    body: JSON.stringify(body(id, new Date().toISOString())),
  });
  await res.arrayBuffer();
  if (res.status !== 201) throw new Error(`POST during the export got ${res.status}`);
  return performance.now() - t0;
}

// One POST first, so that connection set-up and the first request's warm-up
// are not counted as the export's doing.
await timedPost();

/** Downloads one export while POSTing every 100 ms; its time, size and the POSTs' latencies. */
async function exportWhilePosting(query) {
  const latencies = [];
  let exporting = true;
  const poster = (async () => {
    while (exporting) {
      latencies.push(await timedPost());
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const t0 = performance.now();
  let bytes = 0;
  let lines = 0;
  await new Promise((resolve, reject) => {
    request(`${base}/api/feedback.csv${query}`, { headers: { Authorization: `Bearer ${TOKEN}` } }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`export got ${res.statusCode}`));
      res.on('data', (chunk) => {
        bytes += chunk.length;
        for (const b of chunk) if (b === 10) lines++;
      });
      res.on('end', resolve);
      res.on('error', reject);
    }).on('error', reject).end();
  });
  const seconds = (performance.now() - t0) / 1000;
  exporting = false;
  await poster;
  return { rows: lines - 1, bytes, seconds, latencies: latencies.sort((a, b) => a - b) };
}

// Everything; then a filter that matches nothing, which must not turn into
// a long scan that holds up the POSTs.
const all = await exportWhilePosting('');
const none = await exportWhilePosting('?district=nowhere&since=2000-01-01&until=2100-01-01T00:00:00%2B05:30');

const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
const peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
await collector.stop();
rmSync(dir, { recursive: true, force: true });

const line = (label, value) => console.log(`${label.padEnd(40)}${value}`);
const posts = ({ latencies: l }) => `${l.length}, p50 ${l[Math.floor(l.length / 2)].toFixed(0)} ms, max ${l.at(-1).toFixed(0)} ms`;
console.log('');
line('rows exported', `${all.rows.toLocaleString('en')} (${(all.bytes / 2 ** 20).toFixed(0)} MiB)`);
line('CSV export time', `${all.seconds.toFixed(1)} s (${Math.round(all.rows / all.seconds).toLocaleString('en')} rows/s)`);
line('collector peak RSS (VmHWM)', `${(peakKb / 1024).toFixed(0)} MiB`);
line('POSTs during the export', posts(all));
line('export filtered to no rows: time', `${none.seconds.toFixed(1)} s`);
line('POSTs during the filtered export', posts(none));
let failed = false;
if (all.rows < ROWS || none.rows !== 0) {
  console.error(`the exports had ${all.rows} and ${none.rows} rows, not ${ROWS} and 0`);
  failed = true;
}
for (const run of [all, none]) {
  if (run.latencies.at(-1) >= LIMIT_MS) {
    console.error(`a POST during an export took ${run.latencies.at(-1).toFixed(0)} ms (the limit is ${LIMIT_MS} ms)`);
    failed = true;
  }
}
if (failed) process.exit(1);
