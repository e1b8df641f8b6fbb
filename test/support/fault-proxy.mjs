// A loopback HTTP proxy in front of the real collector that injects the
// faults of a patchy mobile network into POST /api/feedback, one scripted
// action per request:
//   pass                 forward to the collector and relay its answer
//   503                  answer 503 without forwarding
//   503-retry-after-3    answer 503 with Retry-After: 3
//   400, 422             answer with that status
//   hang                 never answer (the client must time out)
//   delay-2s             forward, and relay the answer 2 s later (a slow link)
//   drop-after-commit    forward (the collector commits), then cut the
//                        connection before the answer reaches the client
// Everything else (pages, scripts) is forwarded untouched.
import { createServer } from 'node:http';

const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding']);

export async function startFaultProxy(target) {
  const plan = [];
  const log = [];
  const hanging = new Set();

  async function forward(req, body) {
    const headers = {};
    for (const [k, v] of Object.entries(req.headers)) if (!HOP.has(k) && k !== 'host') headers[k] = v;
    const res = await fetch(target + req.url, { method: req.method, headers, body: body.length ? body : undefined });
    const out = {};
    res.headers.forEach((v, k) => { if (!HOP.has(k)) out[k] = v; });
    return { status: res.status, headers: out, body: Buffer.from(await res.arrayBuffer()) };
  }

  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks);
    let action = 'pass';
    if (req.method === 'POST' && req.url.startsWith('/api/feedback')) {
      action = plan.shift() ?? 'pass';
      log.push({ at: Date.now(), key: req.headers['idempotency-key'], action });
    }
    const reply = (status, headers = {}) => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(JSON.stringify({ error: `injected ${status}`, message: `injected ${status}` }));
    };
    try {
      switch (action) {
        case '503': return reply(503);
        case '503-retry-after-3': return reply(503, { 'Retry-After': '3' });
        case '400': return reply(400);
        case '422': return reply(422);
        case 'hang':
          hanging.add(res);
          res.on('close', () => hanging.delete(res));
          return undefined;
        case 'delay-2s': {
          const r = await forward(req, body);
          await new Promise((resolve) => setTimeout(resolve, 2000));
          res.writeHead(r.status, r.headers);
          return res.end(r.body);
        }
        case 'drop-after-commit':
          await forward(req, body);
          req.socket.destroy();
          return undefined;
        default: {
          const r = await forward(req, body);
          res.writeHead(r.status, r.headers);
          return res.end(r.body);
        }
      }
    } catch (err) {
      if (!res.headersSent) reply(502);
      return undefined;
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    /** Actions for the next POSTs, in order; later ones pass. */
    plan: (...actions) => plan.splice(0, plan.length, ...actions),
    log,
    /** POSTs seen, by Idempotency-Key. */
    posts: (key) => log.filter((l) => l.key === key),
    close: () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections?.();
      return new Promise((r) => server.close(r));
    },
  };
}
