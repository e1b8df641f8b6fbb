// Starts the real collector on loopback with a fresh SQLite file: as its
// own process (the built bin, collector/dist/main.js) for the collector's
// tests, or in this process (collector/dist/index.js) where a test needs to
// mount extra folders, as the end-to-end tests do.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { buildCollector } from '../dist/index.js';
import { startBin } from './process.mjs';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

const DEFAULTS = { origins: ['https://bilaspur.example.gov.in'], rateLimit: 1000, minFillMs: 3000 };

/** What every started collector offers its test. */
function handle(base, db, dir, stop) {
  return {
    base, db, dir, adminToken: ADMIN_TOKEN,
    /** Rows counted from the SQLite file itself, through a separate connection. */
    rows() {
      const conn = new Database(db, { readonly: true });
      try {
        return conn.prepare('SELECT count(*) AS n FROM feedback').get().n;
      } finally {
        conn.close();
      }
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
  const o = { ...DEFAULTS, db: join(dir, 'feedback.sqlite'), ...overrides };
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
  const config = { host: '127.0.0.1', port: 0, db: join(dir, 'feedback.sqlite'), adminToken: ADMIN_TOKEN, ...DEFAULTS, ...overrides };
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

/** Every stored payload, read from the SQLite file. */
export function storedPayloads(db) {
  const conn = new Database(db, { readonly: true });
  try {
    return conn.prepare('SELECT payload FROM feedback ORDER BY seq').all().map((r) => JSON.parse(r.payload));
  } finally {
    conn.close();
  }
}

/** The reference stored for a response id, read from the SQLite file. */
export function storedReference(db, id) {
  const conn = new Database(db, { readonly: true });
  try {
    return conn.prepare('SELECT reference FROM feedback WHERE idempotency_key = ?').get(id)?.reference;
  } finally {
    conn.close();
  }
}
