// Starts the real collector (the built collector/dist/index.js) on loopback
// with a fresh SQLite file, for Node and end-to-end tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { buildCollector } from '../dist/index.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export async function startCollector(overrides = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'anubhav-'));
  const db = join(dir, 'feedback.sqlite');
  const config = {
    host: '127.0.0.1', port: 0, db, origins: ['https://bilaspur.example.gov.in'], adminToken: ADMIN_TOKEN,
    rateLimit: 1000, minFillMs: 3000, ...overrides,
  };
  let app;
  try {
    ({ app } = await buildCollector(config));
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  try {
    await app.listen({ host: '127.0.0.1', port: config.port });
  } catch (err) {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const base = `http://127.0.0.1:${app.server.address().port}`;
  return {
    app, base, db, dir, adminToken: ADMIN_TOKEN,
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
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
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
  return startCollector({
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
