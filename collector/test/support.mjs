// Starts the real collector on loopback with a fresh database: as its own
// process (the built bin, collector/dist/main.js) for the collector's
// tests, or in this process (collector/dist/index.js) where a test needs to
// mount extra folders, as the end-to-end tests do.
//
// Every collector test runs against both stores: SQLite by default, and
// PostgreSQL when ANUBHAV_TEST_STORE=postgres (scripts/test.mjs runs the
// suite once each way). On PostgreSQL each database is made new in a
// throwaway cluster that this process starts on first use and stops as it
// exits (pg-cluster.mjs).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { buildCollector } from '../dist/index.js';
import { startCluster } from '../scripts/pg-cluster.mjs';
import { startBin } from './process.mjs';

/** The store under test: `sqlite` or `postgres`. */
export const STORE = process.env.ANUBHAV_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';
export const onPostgres = STORE === 'postgres';

let cluster;
/** This process's PostgreSQL cluster, started on first use. */
export function pgCluster() {
  cluster ??= startCluster();
  return cluster;
}

/**
 * A new, empty database for a test: a SQLite file `name`.sqlite in `dir`,
 * or a PostgreSQL database of its own (as a URL).
 */
export async function newDb(dir, name = 'feedback') {
  if (!onPostgres) return join(dir, `${name}.sqlite`);
  const c = await pgCluster();
  const db = `t_${name.replace(/\W/g, '_')}_${randomBytes(5).toString('hex')}`;
  await query(c.url(), `CREATE DATABASE ${db}`);
  return c.url(db);
}

/**
 * Runs `sql` (with `?` placeholders) on `db`, through a connection of its
 * own, and gives the rows. Integers come back as numbers on both engines.
 */
export async function query(db, sql, params = []) {
  if (!/^postgres:/.test(db)) {
    const conn = new Database(db);
    try {
      const statement = conn.prepare(sql);
      return statement.reader ? statement.all(...params) : (statement.run(...params), []);
    } finally {
      conn.close();
    }
  }
  let n = 0;
  const client = new pg.Client({ connectionString: db, types: { getTypeParser: (oid, format) => (oid === 20 ? Number : pg.types.getTypeParser(oid, format)) } });
  await client.connect();
  try {
    return (await client.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Everything the database holds, as text to search: the SQLite file and
 * its WAL, or every row of every table on PostgreSQL.
 */
export async function dump(db) {
  if (!/^postgres:/.test(db)) {
    const read = (f) => { try { return readFileSync(f).toString('latin1'); } catch { return ''; } };
    return read(db) + read(`${db}-wal`);
  }
  const tables = await query(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
  let text = '';
  for (const { tablename } of tables) {
    for (const row of await query(db, `SELECT t::text AS t FROM ${tablename} t`)) text += `${row.t}\n`;
  }
  return text;
}

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

const DEFAULTS = { origins: ['https://bilaspur.example.gov.in'], rateLimit: 1000, minFillMs: 3000 };

/** What every started collector offers its test. */
function handle(base, db, dir, stop) {
  return {
    base, db, dir, adminToken: ADMIN_TOKEN,
    /** Rows counted in the database itself, through a separate connection. */
    async rows() {
      return (await query(db, 'SELECT count(*) AS n FROM feedback'))[0].n;
    },
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The bin in its own process, configured through its flags. Rejects with
 * the bin's own message when it refuses to start.
 */
export async function startCollector(overrides = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'anubhav-'));
  const o = { ...DEFAULTS, ...overrides };
  o.db ??= await newDb(dir);
  const args = ['--port', '0', '--db', o.db, '--origins', o.origins.join(','),
    '--rate-limit', String(o.rateLimit), '--min-fill-ms', String(o.minFillMs)];
  if (o.trustProxy?.length) args.push('--trust-proxy', o.trustProxy.join(','));
  for (const file of o.questions ?? []) args.push('--questions', file);
  if (o.stations) args.push('--stations', o.stations);
  if (o.demoData) args.push('--demo-data');
  args.push(...(o.args ?? []));
  const run = startBin(args, { ANUBHAV_ADMIN_TOKEN: ADMIN_TOKEN, ANUBHAV_LOG_LEVEL: 'warn' });
  let base;
  try {
    base = await run.ready;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(run.stderr() || run.stdout());
  }
  return { ...handle(base, o.db, dir, () => run.signal('SIGTERM')), process: run };
}

/** The collector in this process, with `mounts` for extra static folders. */
export async function startCollectorInProcess(overrides = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'anubhav-'));
  const config = { host: '127.0.0.1', port: 0, adminToken: ADMIN_TOKEN, ...DEFAULTS, ...overrides };
  config.db ??= await newDb(dir);
  let app, demo;
  try {
    ({ app, demo } = await buildCollector(config));
    await app.listen({ host: '127.0.0.1', port: config.port });
  } catch (err) {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  // `demo`: with `demoData`, the demo accounts' sign-in tokens of this start.
  return { ...handle(`http://127.0.0.1:${app.server.address().port}`, config.db, dir, () => app.close()), demo };
}

export { payload } from '../../test/support/payload.mjs';

export function post(base, body, { key = body.id, headers = {} } = {}) {
  return fetch(`${base}/api/feedback`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The collector serving the demo, the built widgets and the e2e pages, as `npm start` does. */
export function startSiteCollector(overrides = {}) {
  const at = (p) => new URL(`../../${p}`, import.meta.url).pathname;
  return startCollectorInProcess({
    staticDir: at('demo/'),
    mounts: { '/dist/': at('dist/'), '/e2e/': at('test/e2e/pages/') },
    ...overrides,
  });
}

/** Every stored payload, read from the database. */
export async function storedPayloads(db) {
  return (await query(db, 'SELECT payload FROM feedback ORDER BY seq')).map((r) => JSON.parse(r.payload));
}

/** The reference stored for a response id, read from the database. */
export async function storedReference(db, id) {
  return (await query(db, 'SELECT reference FROM feedback WHERE idempotency_key = ?', [id]))[0]?.reference;
}

/**
 * Writes rows straight into the feedback table through a connection of its
 * own, as the benches do: many thousands of POSTs would take a test's whole
 * time. Each row is [key, reference, receivedAt, station, district, questionSet, payload JSON].
 */
export async function seedRows(db, rows) {
  const columns = '(idempotency_key, body_hash, reference, received_at, station, district, question_set, payload)';
  if (!/^postgres:/.test(db)) {
    const conn = new Database(db);
    const insert = conn.prepare(`INSERT INTO feedback ${columns} VALUES (?, 'x', ?, ?, ?, ?, ?, ?)`);
    conn.transaction(() => rows.forEach((r) => insert.run(...r)))();
    conn.close();
    return;
  }
  const client = new pg.Client(db);
  await client.connect();
  try {
    for (let i = 0; i < rows.length; i += 10_000) {
      const chunk = rows.slice(i, i + 10_000);
      await client.query(`INSERT INTO feedback ${columns}
        SELECT k, 'x', r, t, s, d, q, p FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS u (k, r, t, s, d, q, p)`,
      [0, 1, 2, 3, 4, 5, 6].map((c) => chunk.map((r) => r[c])));
    }
  } finally {
    await client.end();
  }
}
