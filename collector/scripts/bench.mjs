// `npm run bench:collector`: loads the real collector over loopback with
// autocannon, durable writes on (WAL, synchronous=FULL), every request a new
// valid response with its own Idempotency-Key. The collector runs in its own
// process so that the load generator does not share its event loop.
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { spawnCollector } from './spawn-collector.mjs';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const dir = mkdtempSync(join(tmpdir(), 'anubhav-bench-'));
const db = join(dir, 'bench.sqlite');

const collector = await spawnCollector(['--db', db, '--rate-limit', '100000', '--min-fill-ms', '0',
  '--admin-token', 'bench-token-0123456789']);
const { base } = collector;

const body = (id) => JSON.stringify({
  schema: 'anubhav.feedback/v1', id, createdAt: new Date().toISOString(), station: 'BSP-CIVIL-LINES', district: 'bilaspur',
  lang: 'hi', source: 'qr', anonymous: true,
  answers: { purpose: 'complaint', visitDate: '2026-11-22', staffBehaviour: 4, moneyDemanded: 'no', overall: 4, comment: 'थाने में अच्छा व्यवहार मिला, धन्यवाद।' },
});

console.log(`Loading ${base}/api/feedback for ${DURATION} s with ${CONNECTIONS} connections (WAL, synchronous=FULL)…`);
const result = await autocannon({
  url: `${base}/api/feedback`,
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
await collector.stop();

const conn = new Database(db, { readonly: true });
const rows = conn.prepare('SELECT count(*) AS n FROM feedback').get().n;
conn.close();
rmSync(dir, { recursive: true, force: true });

const accepted = result['2xx'] / result.duration;
const line = (label, value) => console.log(`${label.padEnd(34)}${value}`);
console.log('');
line('accepted responses per second', accepted.toFixed(0));
line('latency p50 / p99', `${result.latency.p50} ms / ${result.latency.p99} ms`);
line('2xx / non-2xx / errors', `${result['2xx']} / ${result.non2xx} / ${result.errors}`);
line('rows in the SQLite file', `${rows}`);
line('needed: Chhattisgarh peak', `~7/s   (${(accepted / 7).toFixed(0)}× headroom)`);
line('needed: all-India peak', `~240/s (${(accepted / 240).toFixed(1)}× headroom)`);
// Every 2xx must be a row. A few more rows than 2xx are requests that were
// committed while autocannon stopped listening, at most one per connection.
if (rows < result['2xx'] || rows > result['2xx'] + CONNECTIONS) {
  console.error(`rows (${rows}) do not match the 2xx answers (${result['2xx']})`);
  process.exit(1);
}
