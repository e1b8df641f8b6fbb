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
  request(`${base}/api/feedback.csv`, { headers: { Authorization: `Bearer ${TOKEN}` } }, (res) => {
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

const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
const peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
await collector.stop();
rmSync(dir, { recursive: true, force: true });

latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
const line = (label, value) => console.log(`${label.padEnd(36)}${value}`);
console.log('');
line('rows exported', `${(lines - 1).toLocaleString('en')} (${(bytes / 2 ** 20).toFixed(0)} MiB)`);
line('CSV export time', `${seconds.toFixed(1)} s (${Math.round((lines - 1) / seconds).toLocaleString('en')} rows/s)`);
line('collector peak RSS (VmHWM)', `${(peakKb / 1024).toFixed(0)} MiB`);
line('POSTs during the export', `${latencies.length}, p50 ${pct(0.5).toFixed(0)} ms, p99 ${pct(0.99).toFixed(0)} ms, max ${latencies.at(-1).toFixed(0)} ms`);
if (lines - 1 < ROWS) {
  console.error(`the export had ${lines - 1} rows, not ${ROWS}`);
  process.exit(1);
}
if (latencies.at(-1) >= LIMIT_MS) {
  console.error(`a POST during the export took ${latencies.at(-1).toFixed(0)} ms (the limit is ${LIMIT_MS} ms)`);
  process.exit(1);
}
