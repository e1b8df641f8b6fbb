// The real collector behind the test runner's own server, for the console's
// browser tests: `/api/*` is forwarded to a collector started in this
// process on first use (SQLite in a temporary folder, the demo's station
// directory), so the console talks to it same-origin, cookie and all.
//   GET /test-office/accounts   sign-in tokens: {range, district, viewer}
// Accounts are created through the collector's own store, as
// `anubhav-collector accounts add` does.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const at = (p) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

export function officeCollector() {
  let started;
  const start = () => (started ??= (async () => {
    const { buildCollector, newAccountToken, tokenHash } = await import('../../collector/dist/index.js');
    const dir = mkdtempSync(join(tmpdir(), 'anubhav-office-'));
    const { app, store } = await buildCollector({
      host: '127.0.0.1', port: 0, db: join(dir, 'feedback.sqlite'), origins: [], rateLimit: 100_000, minFillMs: 0,
      adminToken: 'office-test-admin-token-0123456789', stations: at('demo/stations.json'),
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const tokens = {};
    for (const [key, account] of Object.entries({
      range: { name: 'IG office', role: 'range', districts: [] },
      district: { name: 'SP Korba', role: 'district', districts: ['korba'] },
      viewer: { name: 'Viewer', role: 'viewer', districts: [] },
    })) {
      tokens[key] = newAccountToken();
      store.addAccount(account, tokenHash(tokens[key]));
    }
    return { base: `http://127.0.0.1:${app.server.address().port}`, tokens };
  })());

  return async (ctx, next) => {
    if (ctx.path === '/test-office/accounts') {
      ctx.type = 'json';
      ctx.body = JSON.stringify((await start()).tokens);
      return undefined;
    }
    if (!ctx.path.startsWith('/api/')) return next();
    const { base } = await start();
    let body;
    if (!['GET', 'HEAD'].includes(ctx.method)) {
      const chunks = [];
      for await (const chunk of ctx.req) chunks.push(chunk);
      body = Buffer.concat(chunks);
    }
    const headers = {};
    for (const name of ['content-type', 'cookie', 'x-csrf-token', 'idempotency-key', 'last-event-id', 'accept', 'authorization']) {
      if (ctx.get(name)) headers[name] = ctx.get(name);
    }
    const response = await fetch(base + ctx.url, { method: ctx.method, headers, body, redirect: 'manual' });
    ctx.status = response.status;
    for (const [name, value] of response.headers) {
      if (!['content-length', 'transfer-encoding', 'connection', 'set-cookie'].includes(name)) ctx.set(name, value);
    }
    const cookies = response.headers.getSetCookie();
    if (cookies.length) ctx.set('set-cookie', cookies);
    ctx.body = response.body ? Readable.fromWeb(response.body) : '';
    return undefined;
  };
}
